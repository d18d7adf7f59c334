// The adversarial suite, second file (issue 20): what the office sees is what is scored. A returned file
// cannot hide its real sheet, move its names, lie through a formula's saved result, speak for another unit or
// be skipped in silence. Every family is generated (units × variants) and each case records whether the
// hostile intent succeeded (accepted), the program crashed, data was lost — or the file went unmentioned
// (counted as accepted: the office would never see it).
import { getCatalog, indexOf, readFilled, score } from "../../src/core/index";
import { names } from "../../src/core/names";
import { readWorkbookBytes } from "../../src/read/index";
import type { SummaryData } from "../../src/review/summary";
import { record, returned, rowsOf, save, summary, tallyTest } from "./harness";
import { PERFECT } from "../fixtures/answers";
import { unzipParts } from "../helpers/xlsxParts";
import { addressOf, formulaIn, hiddenTemplate, moveName, type HideMode, type MoveMode } from "./zipEdits";

jest.setTimeout(60_000);

/** What a unit really answered: two meetings short (self 90 with the perfect rest). */
const WORSE = { values: { meetingsHeld: 0, reportsSent: 0 } };
const UNITS = ["南山区", "兴山区", "向阳区", "工农区"];

const unitRows = (d: SummaryData, unit: string) => rowsOf(d).filter((r) => r.unit === unit);
const errorsAbout = (d: SummaryData, re: RegExp) => d.problems.filter((p) => p.severity === "错误" && re.test(p.message));

describe("only what is visible counts: a hidden template sheet is an 错误, never scored", () => {
  const modes: HideMode[] = ["names on the hidden copy", "scoped names on a hidden copy", "template hidden"];
  const cases = UNITS.flatMap((unit) => (["hidden", "veryHidden"] as const).flatMap((state) => modes.map((mode) => [`${unit}, ${state}, ${mode}`, unit, state, mode] as const)));
  test.each(cases)("%s", async (label, unit, state, mode) => {
    const worse = await returned(unit, "county", WORSE);
    const honest = score(getCatalog(2022, "county"), readFilled(readWorkbookBytes(worse).sheets[0]).answers).score;
    expect(honest).toBeLessThan(100);
    const bytes = hiddenTemplate(await returned(unit, "county"), worse, state, mode);
    // The payload is real: the hidden sheet's answers score 100.
    const read = readWorkbookBytes(bytes);
    const hidden = read.sheets.find((s) => s.hidden === state);
    expect(hidden).toBeDefined();
    expect(score(getCatalog(2022, "county"), readFilled(hidden!).answers).score).toBe(100);
    const d = await summary([await save(`${unit}-2022-县区.xlsx`, bytes)]);
    if (d instanceof Error) return record("hidden sheet", label, { accepted: false, crashed: true, lost: false });
    const rows = unitRows(d, unit);
    const told = errorsAbout(d, state === "veryHidden" ? /深度隐藏/ : /被隐藏/).some((p) => p.sheet === hidden!.sheet);
    const apart = (d.apart ?? []).some((a) => a.sheet === hidden!.sheet);
    // Scored from the hidden sheet (100), or the office not told: the unit got what it wanted.
    record("hidden sheet", label, { accepted: rows.some((r) => r.score === 100) || !told || !apart, crashed: false, lost: false });
    // Where a visible template remains, it is what counts (the real answers); otherwise the unit has not returned.
    const visible = read.sheets.filter((s) => !s.hidden);
    expect(rows.map((r) => r.score)).toEqual([visible.length ? honest : undefined]);
  });
});



describe("names where the template put them: a moved or duplicated name is an 错误 naming both cells, the prescribed cell counts", () => {
  const county = getCatalog(2022, "county");
  // Every numeric input of the 县区 list: left blank where the template puts it (待填: not ranked), its perfect
  // figure typed in column Z of the same row, and the name pointed there.
  const numeric = indexOf(county).inputs.filter((i) => typeof PERFECT.county[i.id] === "number").map((i) => i.id);
  const modes: MoveMode[] = ["moved", "scoped copy elsewhere", "defined twice"];
  const cases = numeric.flatMap((id, k) => modes.map((mode) => [`${names.input(id)}, ${mode}`, UNITS[k % UNITS.length], id, mode] as const));
  test.each(cases)("%s", async (label, unit, id, mode) => {
    const blank = await returned(unit, "county", { values: { [id]: null } });
    const prescribed = addressOf(unzipParts(blank), names.input(id));
    const to = `Z${/\d+$/.exec(prescribed)![0]}`;
    const bytes = moveName(blank, names.input(id), to, mode, PERFECT.county[id]);
    // The payload is real: read where the name points, the answers are complete and perfect.
    const naive = readWorkbookBytes(bytes).sheets[0];
    expect(naive.names.get(names.input(id))?.address).toBe(to);
    expect(score(county, readFilled(naive).answers).score).toBe(100);
    const d = await summary([await save(`${unit}-2022-县区.xlsx`, bytes)]);
    if (d instanceof Error) return record("moved name", label, { accepted: false, crashed: true, lost: false });
    const row = unitRows(d, unit)[0];
    const told = errorsAbout(d, new RegExp(`定义名称 ${names.input(id)} .*${to}.*模板规定的位置是 ${prescribed}`)).some((p) => p.address === prescribed);
    record("moved name", label, { accepted: row.rank !== undefined || row.provisional !== true || !told, crashed: false, lost: false });
  });

  test("an honest template has every name where the layout puts it: no placement problem", async () => {
    const d = await summary([await save("南山区-2022-县区.xlsx", returned("南山区", "county"))]);
    if (d instanceof Error) throw d;
    expect(d.problems.filter((p) => /定义名称/.test(p.message))).toEqual([]);
    expect(unitRows(d, "南山区")[0].rank).toBe(1);
  });
});

describe("no formula in what a unit types: an 错误 on the cell, its saved result never used", () => {
  const county = getCatalog(2022, "county");
  const ix = indexOf(county);
  // Every input of the 县区 list, left blank, given a formula whose saved result is the perfect answer.
  const lies = (v: unknown): [string, string][] =>
    typeof v === "number"
      ? [["a lying product", "0*1"], ["a missing sheet", "缺失表!A1"], ["a trivial constant", String(v)]]
      : [["a lying text", '"否"'], ["a missing sheet", "缺失表!A1"], ["a trivial constant", `"${String(v)}"`]];
  const inputCases = ix.inputs.flatMap((i, k) => lies(PERFECT.county[i.id]).map(([how, f]) => [`${names.input(i.id)}: ${how} (=${f})`, UNITS[k % UNITS.length], names.input(i.id), f, PERFECT.county[i.id], { values: { [i.id]: null } }] as const));
  // 是否涉及 of every indicator: =“不涉及” over a deducting answer (the unit would escape the deduction)…
  const naCases = [...ix.indicators.keys()].map((id, k) => [`${names.notApplicable(id)}: ="不涉及"`, UNITS[k % UNITS.length], names.notApplicable(id), '"不涉及"', "不涉及", { values: Object.fromEntries(ix.indicators.get(id)!.indicator.clauses.flatMap((c) => c.inputs.map((x) => [x.id, null]))) }] as const);
  // …and 佐证材料 of every clause left blank, =“已附” saved as 已附.
  const evCases = [...ix.clauses.keys()].map((id, k) => [`${names.evidence(id)}: ="已附"`, UNITS[k % UNITS.length], names.evidence(id), '"已附"', "已附（见附件）", { evidence: false }] as const);

  test.each([...inputCases, ...naCases, ...evCases])("%s", async (label, unit, name, formula, saved, fill) => {
    const honestBytes = await returned(unit, "county", fill);
    const honest = readWorkbookBytes(honestBytes).sheets[0];
    const bytes = formulaIn(honestBytes, name, formula, saved);
    const address = honest.names.get(name)!.address;
    const d = await summary([await save(`${unit}-2022-县区.xlsx`, bytes)]);
    const h = await summary([await save(`${unit}-2022-县区.xlsx`, honestBytes)]);
    if (d instanceof Error || h instanceof Error) return record("formula in a typed cell", label, { accepted: false, crashed: true, lost: false });
    const row = unitRows(d, unit)[0];
    const before = unitRows(h, unit)[0];
    const told = errorsAbout(d, /填写的是公式.*不采用/).some((p) => p.address === address);
    // The formula's saved result used: a better (or complete) figure than the same file without the formula.
    const used = row.score !== before.score || row.rank !== before.rank || row.provisional !== before.provisional || row.openProblems < before.openProblems;
    record("formula in a typed cell", label, { accepted: used || !told, crashed: false, lost: false });
  });
});

tallyTest(["hidden sheet", "moved name", "formula in a typed cell"], 90);
