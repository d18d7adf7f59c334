// A real formula engine (HyperFormula) recomputes every formula cell of generated templates from random
// answers and must find exactly the values the layout cached from the scoring engine:
// - portable variant: native formulas compiled from the catalog's Conditions (no add-in needed);
// - add-in variant: CREDIT.* functions (the add-in's own implementation, registered in HyperFormula).
import fc from "fast-check";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { getCatalog, indexOf, isoToSerial, score, type InputSpec, type UnitKind } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateAnswers, TemplateLayout, Variant } from "../../src/layout/template/types";
import { COL } from "../../src/layout/template/grid";
import { names } from "../../src/core/names";
import { portableExplanation, specificExplanation } from "../../src/layout/compileFormula";
import { creditHyperFormula } from "../helpers/hyperformulaCredit";
import { PERFECT } from "../fixtures/answers";

const PERFECT_COUNTY = PERFECT.county;

/** The sheet as HyperFormula reads it; without the add-in, CREDIT.* is an unknown function (#NAME?). */
function grid(layout: TemplateLayout, withAddin = true): unknown[][] {
  const g: unknown[][] = Array.from({ length: layout.lastRow }, () => Array(layout.lastCol).fill(null));
  const f = (x: string) => (withAddin ? x : x.replace(/\bCREDIT\./g, "CREDIT_ABSENT."));
  for (const c of layout.cells) g[c.row - 1][c.col - 1] = c.formula !== undefined ? `=${f(c.formula)}` : (c.value ?? null);
  return g;
}

/**
 * The engine holding a sheet: one per set of formulas (the same whatever the answers), reused from sample to
 * sample with only the cells whose values differ written again — HyperFormula recomputes what depends on them,
 * as Excel does when a unit types. Building an engine from the whole grid per sample took most of this file's time.
 */
const engines = new Map<string, { hf: HyperFormula; values: Map<string, unknown> }>();
function engineFor(layout: TemplateLayout, withAddin = true): HyperFormula {
  const g = grid(layout, withAddin);
  const formulas: string[] = [];
  const values = new Map<string, unknown>();
  g.forEach((row, r) => row.forEach((v, c) => (typeof v === "string" && v.startsWith("=") ? formulas.push(`${r},${c}${v}`) : v !== null && values.set(`${r},${c}`, v))));
  const key = `${g.length}x${g[0].length}\n${formulas.join("\n")}`;
  const held = engines.get(key);
  if (!held) {
    const hf = creditHyperFormula(g);
    engines.set(key, { hf, values });
    return hf;
  }
  const changed = [...new Set([...held.values.keys(), ...values.keys()])].filter((k) => held.values.get(k) !== values.get(k));
  held.hf.batch(() => {
    for (const k of changed) {
      const [row, col] = k.split(",").map(Number);
      held.hf.setCellContents({ sheet: 0, row, col }, [[(values.get(k) ?? null) as never]]);
    }
  });
  held.values = values;
  return held.hf;
}
afterAll(() => engines.forEach((e) => e.hf.destroy()));

function plain(v: unknown): unknown {
  if (v instanceof DetailedCellError) return { error: v.value };
  return v;
}

/**
 * Every formula cell whose recomputed value differs from the cached one: [address, computed, cached].
 * Without the add-in the explanation cells are expected to read the native explanation of the status.
 */
function mismatches(layout: TemplateLayout, withAddin = true): [string, unknown, unknown][] {
  const hf = engineFor(layout, withAddin);
  const out: [string, unknown, unknown][] = [];
  const ix = indexOf(getCatalog(layout.year, layout.kind));
  const addressOf = new Map(layout.names.map((n) => [n.name, n.address]));
  const explainAt = new Map([...ix.clauses.keys()].map((id) => [addressOf.get(names.explanation(id)), id]));
  const statusAt = new Map([...ix.clauses.keys()].map((id) => [id, addressOf.get(names.status(id))]));
  const cachedAt = new Map(layout.cells.map((c) => [c.address, c.cached]));
  for (const c of layout.cells) {
    if (c.formula === undefined) continue;
    const got = plain(hf.getCellValue({ sheet: 0, row: c.row - 1, col: c.col - 1 }));
    const clauseId = explainAt.get(c.address);
    // Without the add-in: the native explanation — the engine's own sentence (the cached one) where native
    // formulas can word it (specificExplanation), the generic one otherwise.
    const want = !withAddin && clauseId ? portableExplanation(ix.clauses.get(clauseId)!.clause, String(cachedAt.get(statusAt.get(clauseId)!)), String(c.cached)) : (c.cached ?? null);
    const same = typeof got === "number" && typeof want === "number" ? Math.abs(got - want) < 1e-9 : JSON.stringify(got) === JSON.stringify(want);
    if (!same) out.push([c.address, got, want]);
  }
  return out;
}

const Y = 2022;
const serial = (iso: string) => isoToSerial(iso);

/** Values a unit can leave in a cell, boundaries included, and some it should not (to hit 数据错误). */
function arbValue(spec: InputSpec): fc.Arbitrary<unknown> {
  const blank = fc.constantFrom(null, undefined);
  switch (spec.type) {
    case "bool":
      return fc.oneof({ weight: 1, arbitrary: blank }, { weight: 6, arbitrary: fc.constantFrom("是", "否") }, { weight: 1, arbitrary: fc.constantFrom(true, false, "不涉及", "也许", 1) });
    case "count":
      return fc.oneof(
        { weight: 1, arbitrary: blank },
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }) },
        { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 5, 10, 20, 29, 30, 99, 100, 999, 1000, 1001, 20000) },
        { weight: 1, arbitrary: fc.constantFrom(-1, 2.5, "abc", "不涉及", spec.max !== undefined ? spec.max + 1 : 8) },
      );
    case "percent":
      return fc.oneof(
        { weight: 1, arbitrary: blank },
        { weight: 4, arbitrary: fc.constantFrom(0, 0.01, 0.0099999, 0.010001, 0.19999, 0.2, 0.20001, 0.39999, 0.4, 0.79999, 0.8, 0.99999, 1, 0.29, 0.57) },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000) },
        { weight: 1, arbitrary: fc.constantFrom(-0.1, 1.2, 85, "高") },
      );
    case "date":
      return fc.oneof(
        { weight: 1, arbitrary: blank },
        { weight: 4, arbitrary: fc.constantFrom(`${Y}-04-30`, `${Y}-05-01`, `${Y}-05-02`, `${Y}-01-01`, `${Y}-12-31`).map(serial) },
        { weight: 2, arbitrary: fc.integer({ min: serial(`${Y}-01-01`), max: serial(`${Y}-12-31`) }) },
        { weight: 1, arbitrary: fc.constantFrom(serial(`${Y - 1}-12-31`), serial(`${Y + 1}-01-01`), "明天", serial(`${Y}-05-01`) + 0.75) },
      );
    case "text":
      return fc.oneof(blank, fc.constantFrom("材料", "不涉及"));
  }
}

function arbAnswers(kind: UnitKind): fc.Arbitrary<TemplateAnswers> {
  const catalog = getCatalog(Y, kind);
  const ix = indexOf(catalog);
  const values = fc.record(Object.fromEntries(ix.inputs.map((i) => [i.id, arbValue(i)])));
  const na = fc.subarray([...ix.indicators.keys()], { maxLength: 3 });
  return fc.record({ values, notApplicable: na }).map(({ values, notApplicable }) => ({
    values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
    notApplicable,
  }));
}

describe.each(["county", "department"] as UnitKind[])("%s template formulas recomputed by HyperFormula", (kind) => {
  const catalog = getCatalog(Y, kind);

  test.each(["portable", "addin"] as Variant[])("%s: a fresh template's formulas give the cached values (all 待填)", (variant) => {
    const layout = buildTemplateLayout(catalog, { name: "测试单位" }, { variant });
    expect(mismatches(layout)).toEqual([]);
    const ded = layout.cells.filter((c) => c.col === COL.deduction && c.formula && !/SUM|MIN|SCORE|IF\(COUNTIF/.test(c.formula));
    expect(ded.length).toBe(indexOf(catalog).clauses.size);
    expect(ded.every((c) => c.cached === "待填")).toBe(true);
  });

  test("portable: native formulas decide every clause as the engine does, on random answers", () => {
    fc.assert(
      fc.property(arbAnswers(kind), (answers) => {
        const layout = buildTemplateLayout(catalog, { name: "测试单位" }, { variant: "portable", answers });
        // The cached values are the engine's; the formulas must agree with them cell by cell.
        const r = score(catalog, { values: answers.values, notApplicable: answers.notApplicable });
        const st = new Map(layout.cells.filter((c) => c.formula?.startsWith("CHOOSE(")).map((c) => [c.row, c.cached]));
        expect([...st.values()]).toEqual(r.clauses.map((c) => c.status));
        expect(mismatches(layout)).toEqual([]);
      }),
      { numRuns: 250, seed: 20221 },
    );
  });

  test("add-in: CREDIT.* formulas give the cached values, on random answers", () => {
    fc.assert(
      fc.property(arbAnswers(kind), (answers) => {
        const layout = buildTemplateLayout(catalog, { name: "测试单位" }, { variant: "addin", answers });
        expect(mismatches(layout)).toEqual([]);
      }),
      { numRuns: 60, seed: 20222 },
    );
  });

  test("add-in template without the add-in (CREDIT.* unknown → #NAME? → IFERROR): the same deductions, statuses, subtotals and score, native explanations", () => {
    fc.assert(
      fc.property(arbAnswers(kind), (answers) => {
        const layout = buildTemplateLayout(catalog, { name: "测试单位" }, { variant: "addin", answers });
        expect(mismatches(layout, false)).toEqual([]);
      }),
      { numRuns: 40, seed: 20223 },
    );
    // The fallback really is taken: without the add-in a CREDIT.* call alone is #NAME?.
    const hf = creditHyperFormula([["=CREDIT_ABSENT.DEDUCT(1)"]]);
    expect(plain(hf.getCellValue({ sheet: 0, row: 0, col: 0 }))).toEqual({ error: "#NAME?" });
    hf.destroy();
  });
});

test("portable boundaries: 19.999% deducts, 20% does not; 1% is not above 1%; 5月1日 is in time; a 0 whole", () => {
  const county = getCatalog(Y, "county");
  const cases: [Record<string, unknown>, string, string][] = [
    [{ xydPct: 0.19999 }, "county.2.1.1", "扣分"],
    [{ xydPct: 0.2 }, "county.2.1.1", "不扣分"],
    [{ xydEntered: 3999, marketEntities: 20000 }, "county.2.1.1", "扣分"],
    [{ xydEntered: 4000, marketEntities: 20000 }, "county.2.1.1", "不扣分"],
    [{ xydEntered: 0, marketEntities: 0 }, "county.2.1.1", "数据错误"],
    [{ repairDone: 0, repairEligible: 0 }, "county.4.1.1", "不扣分"],
    [{ blacklistedPct: 0.01 }, "county.2.5.1", "不扣分"],
    [{ blacklistedFirms: 80, firmsTotal: 8000 }, "county.2.5.1", "不扣分"],
    [{ blacklistedFirms: 81, firmsTotal: 8000 }, "county.2.5.1", "扣分"],
    [{ commitUpdated: `${Y}-05-01`, commitCovered: 5, commitStaff: 5 }, "county.2.4.1", "不扣分"],
    [{ commitUpdated: `${Y}-05-02`, commitCovered: 5, commitStaff: 5 }, "county.2.4.1", "扣分"],
    [{ fourKindsProduced: 0 }, "county.1.4.1", "不扣分"],
  ];
  for (const [values, clauseId, status] of cases) {
    const layout = buildTemplateLayout(county, { name: "兴山区" }, { variant: "portable", answers: { values } });
    const stName = layout.names.find((n) => n.name === names.status(clauseId))!;
    const hf = engineFor(layout);
    const row = Number(stName.address.slice(1)) - 1;
    expect([clauseId, values, hf.getCellValue({ sheet: 0, row, col: COL.status - 1 })]).toEqual([clauseId, values, status]);
    expect(mismatches(layout)).toEqual([]);
  }
});

test("native explanations word 扣分/不扣分 like the engine for every clause, rates and their percents included", () => {
  const all = (["county", "department"] as UnitKind[]).flatMap((k) => [...indexOf(getCatalog(Y, k)).clauses.values()].map((x) => x.clause));
  expect(all.filter((c) => !specificExplanation(c)).map((c) => c.id)).toEqual([]);
  // Without the add-in (the default template's native fallback), as HyperFormula computes it: the figures and the percents.
  const cases: [Record<string, unknown>, string, string][] = [
    [{ xydEntered: null, xydPct: 0.15 }, "county.2.1.1", "入驻信易贷占市场主体 15.0%，低于 20%，扣 10 分"],
    [{ xydEntered: 3999, marketEntities: 20000 }, "county.2.1.1", "入驻信易贷 3,999 户，占市场主体 19.995%，低于 20%，扣 10 分"],
    [{ xydEntered: 4000, marketEntities: 20000 }, "county.2.1.1", "入驻信易贷 4,000 户，占市场主体 20.0%，不低于 20%，不扣分"],
    [{ repairDone: 30, repairEligible: 50 }, "county.4.1.1", "完成信用修复 30 件，占符合条件的修复申请 60.0%，低于 80%，扣 10 分"],
    [{ repairDone: 0, repairEligible: 0 }, "county.4.1.1", "本年度无符合条件的信用修复申请，不扣分"],
    [{ sgsAccurate: 499, sgsTimely: 480 }, "county.1.3.2", "“双公示”准确 499 条，占“双公示”信息 99.8%，低于 100%，“双公示”按时公示 480 条，占“双公示”信息 96.0%，低于 100%，扣 5 分"],
  ];
  for (const [changes, clauseId, want] of cases) {
    const values = { ...PERFECT_COUNTY, ...changes };
    const layout = buildTemplateLayout(getCatalog(Y, "county"), { name: "兴山区" }, { variant: "addin", answers: { values } });
    const at = layout.names.find((n) => n.name === names.explanation(clauseId))!.address;
    const cell = layout.cells.find((c) => c.address === at)!;
    expect([clauseId, String(cell.cached)]).toEqual([clauseId, want]); // the engine's (the add-in's) sentence
    const hf = engineFor(layout, false); // the add-in absent: CREDIT.* is #NAME?, the native fallback speaks
    expect([clauseId, hf.getCellValue({ sheet: 0, row: cell.row - 1, col: cell.col - 1 })]).toEqual([clauseId, want]);
  }
});
