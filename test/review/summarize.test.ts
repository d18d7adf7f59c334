// summarize is pure: the 汇总 it returns says who each sheet is (identity problems, a unit's second sheet,
// sheets set apart), and the reviews it was given — which the pane and the command line may use again,
// e.g. to count units with problems — are left exactly as they were.
import { names } from "../../src/core/names";
import { placeUnits, summarize } from "../../src/review/summary";
import type { UnitReview } from "../../src/review/types";
import { reviewUnit } from "../../src/review/unit";
import { auditTime } from "../../src/review/verification";
import { edited, sheetOf } from "./sheets";

const expected = { county: ["兴山区", "向阳区", "南山区", "东山区"], department: [] };

function reviews(): UnitReview[] {
  const of = (cells: ReturnType<typeof sheetOf>) => reviewUnit(cells, { year: 2022, expected });
  return [
    of(sheetOf("兴山区", "county")),
    of(sheetOf("南山区", "county")),
    of(sheetOf("南山区", "county", { values: { meetingsHeld: 0 } })), // the same unit twice
    of(edited(sheetOf("向阳区", "county"), names.unit, { value: "向阳\u200b区" })), // an invisible character
    of(edited(sheetOf("某某区", "county"), names.unit, { value: "某某区" })), // not a member unit
  ];
}

/** What summarize could change in a review, deeply copied. */
const state = (rs: readonly UnitReview[]) => rs.map((r) => ({ unit: r.unit, status: r.status, openProblems: r.openProblems, problems: structuredClone(r.problems) }));

test("summarize leaves the reviews it is given as they were, and its 汇总 says who each sheet is", () => {
  const given = reviews();
  const before = state(given);
  for (const r of given) Object.freeze(Object.freeze(r).problems); // a write would throw, not pass silently
  const data = summarize(given, { year: 2022, expected, sources: ["兴山区.xlsx", "南山区.xlsx", "南山区(2).xlsx", "向阳区.xlsx", "某某区.xlsx"] }, auditTime);
  expect(state(given)).toEqual(before);
  expect(before.every((r) => r.status === "待核定" && r.openProblems === 0)).toBe(true);

  const rows = data.tables.county.rows;
  const row = (unit: string) => rows.filter((r) => r.unit === unit).map((r) => ({ rank: r.rank, status: r.status, openProblems: r.openProblems }));
  expect(row("兴山区")).toEqual([{ rank: 1, status: "待核定", openProblems: 0 }]);
  expect(row("南山区")).toEqual([{ rank: undefined, status: "有问题", openProblems: 1 }, { rank: undefined, status: "有问题", openProblems: 1 }]);
  expect(row("向阳区")).toEqual([{ rank: 1, status: "待核定", openProblems: 0 }]); // named as listed, advice only
  expect(data.apart).toEqual([expect.objectContaining({ unit: "某某区", source: "某某区.xlsx" })]);
  expect(data.problems.filter((p) => p.unit === "南山区").map((p) => p.message)).toEqual([expect.stringMatching(/单位“南山区”有多份表格（本份来自 南山区\.xlsx）/), expect.stringMatching(/（本份来自 南山区\(2\)\.xlsx）/)]);
  expect(data.problems.find((p) => p.unit === "向阳区")).toMatchObject({ severity: "提示", kind: "单位" });
});

test("placeUnits returns the reviews as the 汇总 counts them: new objects, in the order given", () => {
  const given = reviews();
  const units = placeUnits(given, { expected });
  expect(units.reviews.map((r) => r.unit)).toEqual(["兴山区", "南山区", "南山区", "向阳区", "某某区"]);
  expect(units.reviews.map((r) => r.openProblems)).toEqual([0, 1, 1, 0, 1]);
  expect(units.reviews.every((r, i) => r !== given[i])).toBe(true);
  expect(units.placed.map((p) => [p.review.unit, p.duplicate])).toEqual([["兴山区", false], ["南山区", true], ["南山区", true], ["向阳区", false]]);
});

test("a hidden sheet is listed apart: it neither counts its unit as returned nor makes the unit's visible sheet a duplicate", () => {
  const of = (cells: ReturnType<typeof sheetOf>) => reviewUnit(cells, { year: 2022, expected });
  const data = summarize(
    [of({ ...sheetOf("兴山区", "county"), hidden: "veryHidden" }), of(sheetOf("兴山区", "county", { values: { meetingsHeld: 0 } })), of({ ...sheetOf("南山区", "county"), hidden: "hidden" })],
    { year: 2022, expected, sources: ["兴山区.xlsx", "兴山区.xlsx", "南山区.xlsx"] },
    auditTime,
  );
  const rows = data.tables.county.rows;
  expect(rows.filter((r) => r.unit === "兴山区").map((r) => [r.rank, r.score])).toEqual([[1, 97.5]]);
  expect(rows.filter((r) => r.unit === "南山区").map((r) => r.status)).toEqual(["未返回"]);
  expect(data.apart?.map((a) => [a.sheet, a.source, a.reason])).toEqual([
    ["兴山区", "兴山区.xlsx", "工作表被深度隐藏（veryHidden），不计分"],
    ["南山区", "南山区.xlsx", "工作表被隐藏，不计分"],
  ]);
});
