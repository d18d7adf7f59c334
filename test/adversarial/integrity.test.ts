// The adversarial suite, second file (issue 20): what the office sees is what is scored. A returned file
// cannot hide its real sheet, move its names, lie through a formula's saved result, speak for another unit or
// be skipped in silence. Every family is generated (units × variants) and each case records whether the
// hostile intent succeeded (accepted), the program crashed, data was lost — or the file went unmentioned
// (counted as accepted: the office would never see it).
import { getCatalog, indexOf, readFilled, score } from "../../src/core/index";
import { names } from "../../src/core/names";
import { readWorkbookBytes } from "../../src/read/index";
import type { SummaryData } from "../../src/review/summary";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarize } from "../../src/review/summary";
import { reviewUnit } from "../../src/review/unit";
import { auditTime } from "../../src/review/verification";
import { sheetOf } from "../review/sheets";
import { cli, expected, record, returned, rowsOf, save, summary, tallyTest, tmp } from "./harness";
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
  const inputCases = ix.inputs.filter((i) => PERFECT.county[i.id] !== undefined).flatMap((i, k) => lies(PERFECT.county[i.id]).map(([how, f]) => [`${names.input(i.id)}: ${how} (=${f})`, UNITS[k % UNITS.length], names.input(i.id), f, PERFECT.county[i.id], { values: { [i.id]: null } }] as const));
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

describe("a unit's file speaks for that unit only", () => {
  const review = (unit: string, values?: Record<string, unknown>) => reviewUnit(sheetOf(unit, "county", { values }), { year: 2022, expected });
  const WORSE_V = { meetingsHeld: 0 };
  const pairs = UNITS.flatMap((u) => UNITS.filter((v) => v !== u).map((v) => [u, v] as const));
  test.each(pairs)("%s's file carrying a sheet made out as %s", (u, v) => {
    const cases: [string, Parameters<typeof summarize>[0], string[], string[]][] = [
      ["rival absent", [review(u), review(v)], [`${u}.xlsx`, `${u}.xlsx`], []],
      ["rival returned", [review(u), review(v), review(v, WORSE_V)], [`${u}.xlsx`, `${u}.xlsx`, `${v}-2022-县区.xlsx`], [v]],
      ["neutral file, two units", [review(u), review(v)], ["附件.xlsx", "附件.xlsx"], []],
      ["neutral file vs the genuine one", [review(v), review(v, WORSE_V)], ["信用考核.xlsx", `${v}.xlsx`], [v]],
    ];
    for (const [label, reviews, sources, genuine] of cases) {
      const d = summarize(reviews, { year: 2022, expected, sources }, auditTime);
      const vRows = d.tables.county.rows.filter((r) => r.unit === v);
      const fromGenuine = genuine.includes(v);
      const ok = fromGenuine
        ? vRows.length === 1 && vRows[0].rank !== undefined && vRows[0].score! < 100 && !vRows[0].source!.startsWith(u) && !/附件|信用考核/.test(vRows[0].source!)
        : vRows.every((r) => r.status === "未返回");
      const listed = (d.apart ?? []).some((a) => a.unit === v || a.source === "附件.xlsx");
      record("foreign unit", `${u} / ${v}: ${label}`, { accepted: !ok || !listed, crashed: false, lost: false });
    }
  });
  test("a file whose name names no unit is accepted for its one sheet, and the 工作记录 says so", () => {
    const d = summarize([review("南山区")], { year: 2022, expected, sources: ["附件.xlsx"] }, auditTime);
    expect(d.tables.county.rows.find((r) => r.unit === "南山区")!.rank).toBe(1);
    expect(d.notes).toEqual(["文件“附件.xlsx”的文件名不含单位名称，按其中唯一的考核表（工作表“南山区”）认定为“南山区”"]);
    // The office's own workbook (the --records file) may hold several units.
    const o = summarize([review("南山区"), review("兴山区")], { year: 2022, expected, sources: ["办公室.xlsx", "办公室.xlsx"], officeSources: ["办公室.xlsx"] }, auditTime);
    expect(o.tables.county.rows.filter((r) => r.rank !== undefined).map((r) => r.unit).sort()).toEqual(["兴山区", "南山区"]);
  });
});

describe("nothing skipped in silence: every entry of a returns folder not read is listed with its reason", () => {
  test("other formats, subfolders, odd names, special files, control characters", async () => {
    const dir = join(tmp, "返回-杂");
    mkdirSync(dir);
    const good = await returned("南山区", "county");
    writeFileSync(join(dir, "南山区-2022-县区.xlsx"), good);
    writeFileSync(join(dir, "兴山区-2022-县区.xlsx "), await returned("兴山区", "county")); // a trailing space: read
    const skipped: [name: string, reason: RegExp, severity: string][] = [];
    for (const ext of ["xls", "xlsm", "et", "ods", "xlsb", "csv"]) {
      writeFileSync(join(dir, `向阳区.${ext}`), good);
      skipped.push([`向阳区.${ext}`, /本工具只读取 \.xlsx/, "错误"]);
    }
    mkdirSync(join(dir, "补交"));
    writeFileSync(join(dir, "补交", "工农区-2022-县区.xlsx"), good);
    skipped.push(["补交", /是子文件夹/, "错误"]);
    execFileSync("mkfifo", [join(dir, "东山区-2022-县区.xlsx")]);
    skipped.push(["东山区-2022-县区.xlsx", /特殊文件/, "错误"]);
    writeFileSync(join(dir, "~$南山区-2022-县区.xlsx"), "lock");
    skipped.push(["~$南山区-2022-县区.xlsx", /临时文件/, "提示"]);
    writeFileSync(join(dir, "\u001b[2J清屏.pdf"), "x");
    skipped.push(["⟨U+001B⟩[2J清屏.pdf", /不是 Excel 工作簿/, "提示"]);
    writeFileSync(join(dir, "\u001b[2J坏.xlsx"), "not a zip");
    const r = await cli("summary", "--year", "2022", dir, "--json");
    const crashed = r.code === 3 || r.code === null;
    const d = JSON.parse(r.out) as SummaryData;
    expect(r.out + r.err).not.toContain("\u001b");
    expect(r.code).toBe(1);
    expect(rowsOf(d).filter((x) => x.rank !== undefined).map((x) => x.unit).sort()).toEqual(["兴山区", "南山区"]);
    for (const [name, reason, severity] of skipped) {
      const listed = d.problems.some((p) => p.severity === severity && p.message.startsWith(`文件“${name}”未读取：`) && reason.test(p.message));
      record("skipped entry", name, { accepted: !listed, crashed, lost: false });
    }
    record("skipped entry", "unreadable file named with ESC", { accepted: !d.problems.some((p) => p.message.startsWith("文件“⟨U+001B⟩[2J坏.xlsx”")), crashed, lost: false });
    // A FIFO given by name: refused before it is opened (no hang), exit 2 with a Chinese reason.
    const c = await cli("check", join(dir, "东山区-2022-县区.xlsx"));
    record("skipped entry", "check on a FIFO", { accepted: c.code !== 2 || !/特殊文件/.test(c.err), crashed: c.code === 3, lost: false });
  }, 120_000);
});

tallyTest(["hidden sheet", "moved name", "formula in a typed cell", "foreign unit", "skipped entry"], 270);

test("identity messages point at the visible unit-name cell (B2), not the hidden CR_UNIT cell", async () => {
  const d = await summary([await save("向阳区-2022-县区.xlsx", returned("兴山区", "county"))]);
  if (d instanceof Error) throw d;
  const p = d.problems.find((x) => x.kind === "单位" && x.severity === "错误")!;
  expect(p.address).toBe("B2");
  expect(p.message).toMatch(/^“兴山区”工作表 B2：/);
});
