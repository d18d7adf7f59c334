// CREDIT.* evaluated as formulas in HyperFormula: one row per clause of both 2022 catalogs, its inputs in
// the row, =CREDIT.DEDUCT/STATUS/EXPLAIN beside them; every result must equal the engine's score().
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { allClauses, getCatalog, indexOf, notApplicableRefused, score, type Catalog, type InputSpec, type ScoreResult, type UnitKind, YEARS } from "../../src/core/index";
import { PERFECT } from "../fixtures/answers";
import { creditHyperFormula } from "../helpers/hyperformulaCredit";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A value the way a unit might type it: mostly valid, sometimes blank, sometimes wrong. */
function randomValue(spec: InputSpec, r: () => number, valid: unknown): unknown {
  const x = r();
  if (x < 0.08) return null;
  if (x < 0.12) return ["abc", -3, 2.5, "否否", "２０２２年１３月１日"][Math.floor(r() * 5)];
  if (x < 0.45) return valid ?? null;
  switch (spec.type) {
    case "bool":
      return r() < 0.7 ? "是" : r() < 0.5 ? " 否 " : "否";
    case "count":
      return r() < 0.2 ? `${Math.floor(r() * 50)}` : Math.floor(r() * (r() < 0.5 ? 40 : 20000));
    case "percent":
      return r() < 0.5 ? null : r() < 0.5 ? `${Math.round(r() * 1000) / 10}%` : Math.round(r() * 10000) / 10000;
    case "date":
      return `2022-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    case "text":
      return "材料";
  }
}

const COL = (n: number) => String.fromCharCode(65 + n);

interface Sheet {
  rows: unknown[][];
  /** input id → the cells (row, col) holding it (an input shared by clauses appears in each of their rows). */
  cellsOf: Map<string, [number, number][]>;
}

/** Row r: A = clause id, B… = the clause's inputs in order, H = 是否涉及, I/J/K = DEDUCT/STATUS/EXPLAIN. */
function buildSheet(catalog: Catalog, values: Record<string, unknown>, na: Set<string>, qualify: (i: number) => boolean): Sheet {
  const ix = indexOf(catalog);
  const rows: unknown[][] = [];
  const cellsOf = new Map<string, [number, number][]>();
  allClauses(catalog).forEach((clause, r) => {
    const id = qualify(r) ? `${catalog.year}:${clause.id}` : clause.id;
    const n = clause.inputs.length;
    expect(n).toBeLessThanOrEqual(6);
    const row: unknown[] = [id];
    clause.inputs.forEach((spec, k) => {
      row[1 + k] = values[spec.id] ?? null;
      cellsOf.set(spec.id, [...(cellsOf.get(spec.id) ?? []), [r, 1 + k]]);
    });
    for (let k = 1 + n; k < 7; k++) row[k] = null;
    const indicator = ix.clauses.get(clause.id)!.indicator;
    row[7] = na.has(indicator.id) ? "不涉及" : r % 3 === 0 ? "涉及" : null;
    const args = `A${r + 1}, B${r + 1}:${COL(n)}${r + 1}, H${r + 1}`;
    row[8] = `=CREDIT.DEDUCT(${args})`;
    row[9] = `=CREDIT.STATUS(${args})`;
    row[10] = `=CREDIT.EXPLAIN(${args})`;
    rows.push(row);
  });
  return { rows, cellsOf };
}

/** `na`: the indicators typed 不涉及; where the year's list allows none, the functions refuse it (#VALUE!). */
function expectSheetMatches(hf: HyperFormula, catalog: Catalog, expected: ScoreResult, na: ReadonlySet<string> = new Set()): void {
  const clauses = allClauses(catalog);
  const ix = indexOf(catalog);
  let refusedRows = 0;
  clauses.forEach((clause, r) => {
    const e = expected.clauses[r];
    expect(e.clauseId).toBe(clause.id);
    const ded = hf.getCellValue({ sheet: 0, row: r, col: 8 });
    const st = hf.getCellValue({ sheet: 0, row: r, col: 9 });
    const ex = hf.getCellValue({ sheet: 0, row: r, col: 10 });
    const shown = (v: unknown) => (v instanceof DetailedCellError ? `${v.value}:${v.message}` : v);
    const indicator = ix.clauses.get(clause.id)!.indicator;
    if (na.has(indicator.id) && !indicator.notApplicable.allowed) {
      refusedRows++;
      const refused = `#VALUE!:${notApplicableRefused(indicator, catalog.kind)}`;
      expect({ clause: clause.id, ded: shown(ded), st: shown(st), ex: shown(ex) }).toEqual({ clause: clause.id, ded: refused, st: refused, ex: refused });
      return;
    }
    const got = { clause: clause.id, ded: shown(ded), st, ex };
    const want = {
      clause: clause.id,
      ded: e.status === "待填" ? "待填" : e.status === "数据错误" ? expect.stringMatching(/^#VALUE!:条款 .+ 数据错误：.+/) : e.deduction,
      st: e.status,
      ex: e.explanation,
    };
    expect(got).toEqual(want);
  });
  // The total over the DEDUCT column, with the clause ids for the per-indicator caps.
  const total = hf.getCellValue({ sheet: 0, row: clauses.length, col: 8 });
  const pending = expected.clauses.filter((c) => c.status === "待填").length;
  if (refusedRows || expected.clauses.some((c) => c.status === "数据错误")) expect(total).toBeInstanceOf(DetailedCellError);
  else if (pending) expect(total).toBe(`未完成（${pending} 项待填）`);
  else expect(total).toBe(expected.score);
}

describe.each(["county", "department"] as UnitKind[])("CREDIT.* in HyperFormula — %s 2022", (kind) => {
  const catalog = getCatalog(2022, kind);
  const ix = indexOf(catalog);
  const indicatorIds = [...ix.indicators.keys()];

  function check(seed: number, fill: (spec: InputSpec, r: () => number) => unknown) {
    const r = rng(seed);
    const values = Object.fromEntries(ix.inputs.map((s) => [s.id, fill(s, r)]));
    const na = new Set(indicatorIds.filter(() => r() < 0.1));
    const { rows, cellsOf } = buildSheet(catalog, values, na, (i) => (i + seed) % 2 === 0);
    const n = rows.length;
    rows.push([null, null, null, null, null, null, null, null, `=CREDIT.SCORE(I1:I${n}, A1:A${n})`]);
    const hf = creditHyperFormula(rows);
    try {
      expectSheetMatches(hf, catalog, score(catalog, { values, notApplicable: na }), na);
      // Recalculation: change one input (in every row that holds it) and compare again.
      const input = ix.inputs[Math.floor(r() * ix.inputs.length)];
      const next = fill(input, r) ?? PERFECT[kind][input.id] ?? null;
      values[input.id] = next;
      for (const [row, col] of cellsOf.get(input.id) ?? []) hf.setCellContents({ sheet: 0, row, col }, [[next as never]]);
      expectSheetMatches(hf, catalog, score(catalog, { values, notApplicable: na }), na);
    } finally {
      hf.destroy();
    }
  }

  it("every clause equals the engine for perfect answers (a finished score of 100)", () => {
    const values = PERFECT[kind];
    const { rows } = buildSheet(catalog, values, new Set(), () => true);
    rows.push([null, null, null, null, null, null, null, null, `=CREDIT.SCORE(I1:I${rows.length}, A1:A${rows.length})`]);
    const hf = creditHyperFormula(rows);
    const expected = score(catalog, { values });
    expect(expected.score).toBe(100);
    expectSheetMatches(hf, catalog, expected);
    hf.destroy();
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("every clause equals the engine for random answers, before and after an input changes (seed %i)", (seed) => {
    check(seed, (spec, r) => randomValue(spec, r, PERFECT[kind][spec.id]));
  });

  it("a fully filled random unit gets a numeric score equal to the engine's, capped per indicator", () => {
    // The perfect answers with some figures changed to other valid ones: the total must be a finished number.
    const fill = (spec: InputSpec, r: () => number) => {
      const v = PERFECT[kind][spec.id];
      if (v === undefined || r() < 0.6) return v ?? null;
      if (spec.type === "bool") return v === "是" ? "否" : "是";
      if (spec.type === "count") return Math.floor((v as number) * r());
      return v;
    };
    let finished = 0;
    for (let seed = 100; seed < 140; seed++) {
      const r = rng(seed);
      const values = Object.fromEntries(ix.inputs.map((s) => [s.id, fill(s, r)]));
      const expected = score(catalog, { values });
      if (!expected.complete) continue;
      finished++;
      const { rows } = buildSheet(catalog, values, new Set(), () => false);
      rows.push([null, null, null, null, null, null, null, null, `=CREDIT.SCORE(I1:I${rows.length}, A1:A${rows.length})`]);
      const hf = creditHyperFormula(rows);
      expectSheetMatches(hf, catalog, expected);
      hf.destroy();
    }
    expect(finished).toBeGreaterThan(3);
  });
});

describe("other CREDIT.* functions in HyperFormula", () => {
  it("SHARE, WEIGHTED, POINTS, RULE and errors of upstream cells", () => {
    const hf = creditHyperFormula([
      [29, 100, "=CREDIT.SHARE(A1, B1)", "=CREDIT.WEIGHTED(85.5, 3)", '=CREDIT.POINTS("2022:county.2")', '=CREDIT.RULE("county.1.1.1")'],
      ["=1/0", 100, "=CREDIT.SHARE(A2, B2)", '=CREDIT.DEDUCT("2022:county.1.4.1", A2:B2)', '=CREDIT.DEDUCT("county.9.9.9", B2)', '=CREDIT.SCORE(C3:C4)'],
      [null, null, '=CREDIT.DEDUCT("county.1.1.1", A3)', null, null, null],
      [null, null, '=CREDIT.DEDUCT("county.1.1.1", B4)', null, null, null],
    ]);
    const v = (row: number, col: number) => hf.getCellValue({ sheet: 0, row, col });
    expect(v(0, 2)).toBe(0.29);
    expect(v(0, 3)).toBe(2.57);
    expect(v(0, 4)).toBe(getCatalog(2022, "county").categories[1].points);
    expect(v(0, 5)).toBe(getCatalog(2022, "county").categories[0].indicators[0].clauses[0].text);
    const err = (x: unknown) => (x instanceof DetailedCellError ? { type: x.type, message: x.message } : x);
    expect(err(v(1, 2))).toEqual({ type: "VALUE", message: expect.stringContaining("第 1 个参数（部分数）单元格为错误值 #DIV/0!") });
    expect(err(v(1, 3))).toEqual({ type: "VALUE", message: expect.stringContaining("第 1 项") });
    expect(err(v(1, 4))).toEqual({ type: "NA", message: expect.stringContaining("未知条款") });
    // A fresh, unfilled template: 待填, and the total says it is not finished.
    expect(v(2, 2)).toBe("待填");
    expect(v(1, 5)).toBe("未完成（2 项待填）");
    hf.setCellContents({ sheet: 0, row: 2, col: 0 }, [["否"]]);
    hf.setCellContents({ sheet: 0, row: 3, col: 1 }, [["是"]]);
    expect(v(2, 2)).toBe(2.5);
    expect(v(3, 2)).toBe(0);
    expect(v(1, 5)).toBe(97.5);
    hf.destroy();
  });

  it("VERSION names the latest registered catalog year, like every other function from the one table", () => {
    const hf = creditHyperFormula([["=CREDIT.VERSION()"]]);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(String(Math.max(...YEARS.map((y) => y.year))));
    hf.destroy();
  });
});

