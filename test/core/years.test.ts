// A year is one place (src/core/years/<year>/), registered in one line; ONE rule picks the year every
// command and the pane default to; the 汇总's category columns come from the catalog.
import { CATALOGS, getCatalog, parseUnitList, unitsOf, workingYear, YEARS, type Catalog } from "../../src/core/index";
import { parseArgs } from "../../src/cli/args";
import { yearOption } from "../../src/cli/commands/catalog";
import { buildSummaryGrid, parseOldSummary, placeExtras, type SummaryGrid } from "../../src/review/summaryGrid";
import { summarize, type SummaryData } from "../../src/review/summary";
import { auditTime } from "../../src/review/verification";

const later = (year: number): Catalog => ({ ...structuredClone(getCatalog(2022, "county")), year });

afterEach(() => {
  const list = CATALOGS as Catalog[];
  for (let i = list.length - 1; i >= 0; i--) if (list[i].year !== 2022) list.splice(i, 1);
});

test("every registered year has both kinds' catalogs and its member units", () => {
  expect(YEARS.map((y) => y.year)).toEqual([2022]);
  for (const y of YEARS) {
    expect(y.catalogs.map((c) => [c.year, c.kind])).toEqual([[y.year, "county"], [y.year, "department"]]);
    expect(y.units.county).toEqual(["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"]);
    expect(y.units.department.length).toBeGreaterThanOrEqual(35);
    expect(new Set(y.units.department).size).toBe(y.units.department.length);
  }
});

test("the working year is the latest registered year, for every command's default", () => {
  expect(workingYear()).toBe(2022);
  expect(yearOption(parseArgs([]))).toBe(2022);
  expect(summarize([], { expected: { county: [], department: [] } }, auditTime).year).toBe(2022);
  (CATALOGS as Catalog[]).push(later(2023));
  expect(workingYear()).toBe(2023);
  expect(yearOption(parseArgs([]))).toBe(2023);
  expect(summarize([], { expected: { county: [], department: [] } }, auditTime).year).toBe(2023);
  expect(yearOption(parseArgs(["--year", "2022"]))).toBe(2022);
});

test("a year without its own member lists uses the closest earlier year's (units carry over)", () => {
  expect(unitsOf(2023)).toBe(unitsOf(2022));
  expect(unitsOf(2021)).toBe(unitsOf(2022));
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
  };
}

const header = (g: SummaryGrid, kindRow: number) => g.rows[kindRow + 1].map((c) => c.v);
const rowOf = (g: SummaryGrid, unit: string) => g.rows[g.unitRows.get(unit)!].map((c) => c.v);

test.each([
  [[7, 7], 17, "Q", "R"],
  [[5, 5], 16, "P", "Q"],
  [[7, 5], 17, "Q", "R"],
] as const)("汇总 with %j categories: one column per category, %i columns, notes from column %s+1", (counts, width, last, next) => {
  const g = buildSummaryGrid(data([...counts] as [number, number]));
  expect(g.width).toBe(width);
  expect(g.widths).toHaveLength(width);
  for (const r of g.rows) expect(r).toHaveLength(width);
  const section = g.rows.findIndex((r) => String(r[0].v).startsWith("一、"));
  const head = header(g, section);
  expect(head.slice(0, 2)).toEqual(["排名", "单位"]);
  expect(head.slice(2, 2 + counts[0])).toEqual(Array.from({ length: counts[0] }, (_, i) => `类别${i + 1}扣分（10分）`));
  expect(head.slice(width - 8)).toEqual(["扣分合计", "得分", "自评得分", "核定得分", "按比例计入（×100÷100）", "状态", "待解决问题", "得分图"]);
  const county = rowOf(g, "兴山区");
  expect(county.slice(2, 2 + counts[0])).toEqual(Array.from({ length: counts[0] }, (_, i) => i + 1));
  expect(county[width - 8]).toBe(5);
  expect(county[width - 7]).toBe(95);
  expect(rowOf(g, "市教育局").slice(2, 2 + counts[1])).toEqual(Array.from({ length: counts[1] }, (_, i) => i + 1));
  expect(String(g.rows[g.endRow][0].v)).toContain(`更新以上 A–${last} 列。请在 ${next} 列及以后`);
  // The office's note right of the tables follows its unit; a cell inside the tables is the add-in's.
  const prev = parseOldSummary((r, c) => g.rows[r]?.[c]?.v ?? null, g.rows.length);
  const placed = placeExtras([{ row: g.unitRows.get("兴山区")!, col: width, value: "备注" }, { row: 0, col: width - 1, value: "x" }], prev, g);
  expect(placed.map((p) => [p.row, p.col, p.value])).toEqual([[g.unitRows.get("兴山区"), width, "备注"]]);
});
