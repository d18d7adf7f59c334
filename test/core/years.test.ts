// A year is one place (src/core/years/<year>/), registered in one line; ONE rule picks the year every
// command and the pane default to; the 汇总's category columns come from the catalog.
import { CATALOGS, expectedUnits, getCatalog, loadCatalog, parseUnitList, unitsOf, workingYear, YEARS, type Catalog } from "../../src/core/index";
import { parseArgs } from "../../src/cli/args";
import { yearOption } from "../../src/cli/commands/catalog";
import { buildSummaryDocument, carriedCells, parsePrevious, unitKey, type SheetGrid } from "../../src/review/summaryGrid";
import { summarize, type SummaryData } from "../../src/review/summary";
import { auditTime } from "../../src/review/verification";
import { shippedYears } from "../helpers/nextYear";

const later = (year: number): Catalog => ({ ...structuredClone(getCatalog(2022, "county")), year });

const registered = CATALOGS.length;
afterEach(() => {
  (CATALOGS as Catalog[]).splice(registered); // what a test pushed
});

test("every registered year has both kinds' catalogs, its member units and its readings", () => {
  expect(shippedYears().map((y) => y.year)).toEqual([2022]);
  for (const y of YEARS) {
    expect(y.catalogs.map((c) => [c.year, c.kind])).toEqual([[y.year, "county"], [y.year, "department"]]);
    expect(y.units.county).toEqual(["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"]);
    expect(y.units.department.length).toBeGreaterThanOrEqual(35);
    expect(new Set(y.units.department).size).toBe(y.units.department.length);
    const clauses = new Set(y.catalogs.flatMap((c) => c.categories.flatMap((cat) => cat.indicators.flatMap((i) => i.clauses.map((cl) => cl.id)))));
    expect(Object.keys(y.readings).filter((id) => !clauses.has(id))).toEqual([]);
  }
});

test("the tests run with a copy of the latest shipped year registered as the next: one folder's worth, valid as a catalog file", () => {
  const shipped = shippedYears();
  const latest = shipped[shipped.length - 1];
  expect(YEARS.map((y) => y.year)).toEqual([...shipped.map((y) => y.year), latest.year + 1]);
  const copy = YEARS[YEARS.length - 1];
  expect(workingYear()).toBe(copy.year);
  for (const c of copy.catalogs) expect(loadCatalog(JSON.parse(JSON.stringify(c)))).toEqual(c); // dates moved into its year
  expect(copy.units).toEqual(latest.units);
  expect(copy.readings).toEqual(latest.readings);
});

test("the working year is the latest registered year, for every command's default", () => {
  const latest = Math.max(...YEARS.map((y) => y.year));
  expect(workingYear()).toBe(latest);
  expect(yearOption(parseArgs([]))).toBe(latest);
  expect(summarize([], { expected: { county: [], department: [] } }, auditTime).year).toBe(latest);
  (CATALOGS as Catalog[]).push(later(latest + 1));
  expect(workingYear()).toBe(latest + 1);
  expect(yearOption(parseArgs([]))).toBe(latest + 1);
  expect(summarize([], { expected: { county: [], department: [] } }, auditTime).year).toBe(latest + 1);
  expect(yearOption(parseArgs(["--year", "2022"]))).toBe(2022);
});

test("a year without its own member lists uses the closest earlier year's (units carry over)", () => {
  const latest = workingYear();
  expect(unitsOf(latest + 1)).toBe(unitsOf(latest));
  expect(unitsOf(2021)).toBe(unitsOf(2022));
});

test("the units a review expects: the year's lists; a run's 市直部门 list replaces only the 市直部门 (pane and command line ask the same)", () => {
  const year = workingYear();
  expect(expectedUnits(year)).toEqual({ county: [...unitsOf(year).county], department: [...unitsOf(year).department] });
  const run = expectedUnits(year, ["市教育局"]);
  expect(run).toEqual({ county: [...unitsOf(year).county], department: ["市教育局"] });
  // a copy: a caller that sorts or extends its lists cannot change the registry
  (run.county as string[]).push("某区");
  expect(unitsOf(year).county).not.toContain("某区");
  // the pane's lists by kind: a kind given replaces the year's, a kind not given (or undefined) keeps it
  expect(expectedUnits(year, { department: ["市教育局"] })).toEqual({ county: [...unitsOf(year).county], department: ["市教育局"] });
  expect(expectedUnits(year, { county: ["兴山区"], department: undefined })).toEqual({ county: ["兴山区"], department: [...unitsOf(year).department] });
  expect(expectedUnits(year, {})).toEqual(expectedUnits(year));
  expect(expectedUnits(year, { department: [] }).department).toEqual([]);
});

test("unit lists: one name per line; # starts a comment only at the start of a line; BOM, blanks and repeats ignored", () => {
  expect(parseUnitList("\uFEFF# 名单\n市教育局\r\n\n  市公安局  \n  # 注释\n市教育局\n第#3中心\n")).toEqual(["市教育局", "市公安局", "第#3中心"]);
});

function data(counts: [number, number]): SummaryData {
  const titles = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `类别${i + 1}`, points: 10 }));
  const row = (unit: string, n: number) => ({ unit, rank: 1, categories: Array.from({ length: n }, (_, i) => i + 1), totalDeduction: 5, score: 95, status: "待核定" as const, openProblems: 0 });
  return {
    year: 2023,
    weight: 100,
    generatedAt: "2023-12-20T10:00:00+08:00",
    ruleVersion: "测试",
    tables: {
      county: { kind: "county", categoryTitles: titles(counts[0]), rows: [row("兴山区", counts[0])], expected: 1, returned: 1 },
      department: { kind: "department", categoryTitles: titles(counts[1]), rows: [row("市教育局", counts[1])], expected: 1, returned: 1 },
    },
    missing: { county: [], department: [] },
    problems: [],
    draft: true,
    verifications: { count: 0, byReviewer: [], byKind: [] },
  };
}

const rowOf = (g: SheetGrid, kind: "county" | "department", unit: string) => g.rows[g.unitRows.get(unitKey(kind, unit))!].map((c) => c.v);

test.each([
  [[7, 7], 15],
  [[5, 5], 13],
  [[7, 5], 15],
] as const)("汇总 with %j categories: one column per category (as many as the longer list), %i columns, notes right of them", (counts, width) => {
  const g = buildSummaryDocument(data([...counts] as [number, number])).report;
  expect(g.width).toBe(width);
  expect(g.widths).toHaveLength(width);
  for (const r of g.rows) expect(r).toHaveLength(width);
  const head = g.rows.find((r) => r[0].v === "排名")!.map((c) => c.v);
  expect(head.slice(0, 3)).toEqual(["排名", "单位", "扣分依据"]);
  // One heading row serves both tables: the category names when both lists have the same, else their order.
  const numerals = "一二三四五六七";
  expect(head.slice(3, 3 + counts[0])).toEqual(Array.from({ length: counts[0] }, (_, i) => (counts[0] === counts[1] ? `类别${i + 1}扣分` : `第${numerals[i]}类扣分`)));
  expect(head.slice(width - 5)).toEqual(["扣分合计", "自评得分", "核定得分", "考核得分", "备注"]);
  const county = rowOf(g, "county", "兴山区");
  expect(county.slice(3, 3 + counts[0])).toEqual(Array.from({ length: counts[0] }, (_, i) => i + 1));
  expect(county[width - 5]).toBe(5);
  expect(county[width - 2]).toBe(95);
  expect(rowOf(g, "department", "市教育局").slice(3, 3 + counts[1])).toEqual(Array.from({ length: counts[1] }, (_, i) => i + 1));
  // The office's note right of the tables follows its unit; a cell inside the tables is the add-in's.
  const prev = parsePrevious(g.name, (r, c) => g.rows[r]?.[c]?.v ?? null, g.rows.length);
  const placed = carriedCells([{ row: g.unitRows.get(unitKey("county", "兴山区"))!, col: width, value: "备注" }, { row: 0, col: width - 1, value: "x" }], prev, g);
  expect(placed.map((p) => [p.row, p.col, p.value])).toEqual([[g.unitRows.get(unitKey("county", "兴山区")), width, "备注"]]);
});
