// The add-in's 汇总 re-run on the stateful fake Excel: the office's notes beside the report's table move
// with their unit, rows below the 工作记录 keep their distance to its end (Excel moves them by inserting
// rows, so their formats and comments go along), charts are added where the requirement set allows, and
// the report comes first.
import { unitsOf } from "../../src/core/index";
import { importWorkbooks } from "../../src/office/import";
import { buildSummary } from "../../src/office/summary";
import { LOG_END, LOG_SHEET, SUMMARY_SHEET } from "../../src/review/summaryGrid";
import { FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { returnedFile } from "../review/helpers";

function rowOf(s: FakeSheet, col: number, text: string): number {
  for (const [r, cc, c] of s.each()) if (cc === col && c.v === text) return r;
  return 0;
}

function rowStarting(s: FakeSheet, col: number, prefix: string): number {
  for (const [r, cc, c] of s.each()) if (cc === col && typeof c.v === "string" && c.v.startsWith(prefix)) return r;
  return 0;
}

test("re-running the add-in's 汇总: a note beside a unit follows it, rows below the 工作记录 keep their distance", async () => {
  const book = new FakeWorkbook();
  const file = async (unit: string, meetings: number) => ({ name: `${unit}.xlsx`, base64: (await returnedFile(unit, "county", { values: { meetingsHeld: meetings } })).toString("base64") });
  await book.run(async () => importWorkbooks([await file("兴山区", 0), await file("向阳区", 3)], { supports: () => true, year: 2022 }));
  const first = await book.run(() => buildSummary({ year: 2022, expected: { county: unitsOf(2022).county, department: ["市教育局"] } }));
  const report = book.sheet(SUMMARY_SHEET);
  const log = book.sheet(LOG_SHEET);
  expect(report.charts.map((c) => c.name).sort()).toEqual(["县、区考核得分", "市直部门考核得分"]);
  const xs = rowOf(report, 2, "兴山区");
  expect(report.peek(xs, 1)?.v).toBe(2); // 向阳区 (100) before 兴山区 (97.5)
  report.cell(xs, 20).v = "已催报会议纪要";
  const end = rowStarting(log, 1, LOG_END);
  log.cell(end + 3, 1).v = "经办：王某";

  // 工农区 returns and ranks first (兴山区 moves down a row), 市教育局 returns, and the list names one more
  // 市直部门: both sheets grow by a row.
  const dept = { name: "市教育局.xlsx", base64: (await returnedFile("市教育局", "department")).toString("base64") };
  await book.run(async () => importWorkbooks([await file("工农区", 3), dept], { supports: () => true, year: 2022 }));
  const again = await book.run(() => buildSummary({ year: 2022, expected: { county: unitsOf(2022).county, department: ["市教育局", "市公安局"] } }));
  expect(again.syncs).toBe(first.syncs + 1); // one more read: the earlier charts, replaced
  const r2 = rowOf(book.sheet(SUMMARY_SHEET), 2, "兴山区");
  expect(r2).not.toBe(xs);
  expect(book.sheet(SUMMARY_SHEET).peek(r2, 20)?.v).toBe("已催报会议纪要");
  expect(book.sheet(SUMMARY_SHEET).peek(xs, 20)?.v ?? null).toBeNull();
  expect(book.sheet(SUMMARY_SHEET).charts.map((c) => c.name).sort()).toEqual(["县、区考核得分", "市直部门考核得分"]);
  const end2 = rowStarting(book.sheet(LOG_SHEET), 1, LOG_END);
  expect(end2).toBeGreaterThan(end);
  expect(book.sheet(LOG_SHEET).peek(end2 + 3, 1)?.v).toBe("经办：王某");
}, 60_000);
