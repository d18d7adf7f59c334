// 平台数据 in the open workbook (src/office/platform.ts) on the stateful fake Excel: the sheet is the command
// line's document cell for cell, made in two syncs and never over an existing one, and read back in one sync
// by the same reader — figures typed as Excel stores them (numbers, percent fractions, date serials).
import { getCatalog, isoToSerial, unitsOf } from "../../src/core/index";
import { buildPlatformLayout, PLATFORM_ROWS } from "../../src/layout/platform";
import { addPlatformSheet, readPlatformSheet } from "../../src/office/platform";
import { runExcel } from "../../src/office/run";
import { TemplateWriteError } from "../../src/office/templateWriter";
import { FakeWorkbook } from "../helpers/fakeExcel";

const county = getCatalog(2022, "county");

test("the sheet is the command line's document, in two syncs; a second one is refused and nothing changes", async () => {
  const book = new FakeWorkbook();
  const r = await book.run(() => runExcel((context) => addPlatformSheet(context, 2022, "county", () => true)));
  expect(r).toMatchObject({ sheet: "平台数据（县区）", units: 8, columns: 28, skipped: [] });
  expect(book.syncs).toBe(2);
  const sheet = book.sheet("平台数据（县区）");
  const doc = buildPlatformLayout(county, unitsOf(2022).county).doc;
  doc.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.v === undefined || cell.v === null) return;
      expect({ at: [r, c], v: sheet.peek(r + 1, c + 1)?.v }).toEqual({ at: [r, c], v: cell.v });
    }),
  );
  // Unit names are text cells: a name like "=1+1" pasted over one would stay text.
  expect(sheet.peek(PLATFORM_ROWS.first + 1, 2)?.fmt).toBe("@");
  // Headings and unit names stay in view and on every printed page; the hidden id row stays hidden.
  expect({ rows: sheet.frozenRows, cols: sheet.frozenColumns }).toEqual({ rows: doc.freeze!.rows, cols: doc.freeze!.cols });
  expect([...sheet.hiddenRows]).toEqual(doc.hiddenRows.map((r) => r + 1));
  expect(sheet.page).toMatchObject({ orientation: "Landscape", printTitleColumns: expect.stringMatching(/^\$A:\$[A-Z]+$/), printTitleRows: expect.stringMatching(/^\$\d+:\$\d+$/) });
  expect(sheet.tabColor).toBe(`#${doc.tabColor}`);
  const before = book.syncs;
  await expect(book.run(() => runExcel((context) => addPlatformSheet(context, 2022, "county", () => true)))).rejects.toThrow(TemplateWriteError);
  expect(book.syncs - before).toBe(1);
});

test("an Excel without the newer requirement sets still gets the sheet, and is told what was left out", async () => {
  const book = new FakeWorkbook();
  const r = await book.run(() => runExcel((context) => addPlatformSheet(context, 2022, "department", (_, v) => v <= "1.4")));
  expect(r.skipped).toEqual(["数据验证与输入提示（需要 ExcelApi 1.8）", "冻结表头（需要 ExcelApi 1.7）", "打印设置（需要 ExcelApi 1.9）"]);
  expect(book.sheet("平台数据（市直部门）").peek(PLATFORM_ROWS.first + 1, 2)?.v).toBe(unitsOf(2022).department[0]);
});

test("read back in one sync: figures as Excel stores them, names through the identity rules, problems with their cells", async () => {
  const book = new FakeWorkbook();
  await book.run(() => runExcel((context) => addPlatformSheet(context, 2022, "county", () => true)));
  const layout = buildPlatformLayout(county, unitsOf(2022).county);
  const sheet = book.sheet("平台数据（县区）");
  const at = (r: number, input: string) => sheet.cell(PLATFORM_ROWS.first + r + 1, (input === "date" ? layout.dateCol : layout.columns.get(input)!) + 1);
  at(0, "xydEntered").v = 1200;
  at(0, "marketEntities").v = 12000;
  at(0, "xydPct").v = 0.1;
  at(0, "date").v = isoToSerial("2022-12-20");
  at(1, "sgsTotal").v = "一百";
  sheet.cell(PLATFORM_ROWS.first + 3, layout.unitCol + 1).v = "工农 区";
  const before = book.syncs;
  const d = await book.run(() => runExcel((context) => readPlatformSheet(context, 2022, "county")));
  expect(book.syncs - before).toBe(1);
  expect(d.figures.get("兴山区")).toMatchObject({ values: { xydEntered: 1200, marketEntities: 12000, xydPct: 10 }, date: "2022-12-20" });
  expect(d.problems.map((p) => p.message)).toEqual([
    expect.stringMatching(/^“平台数据（县区）”工作表 D7：“本年度‘双公示’信息总条数”应为不小于 0 的整数（条），收到 “一百”，未采用$/),
  ]);
  expect(d.unknown.map((u) => u.reason)).toEqual(["“工农 区”不是县区成员单位（与“工农区”相似，但不相同），未采用；请改为成员单位名单中的名称"]);
});

test("no 平台数据 sheet: a Chinese reason saying to make it first", async () => {
  const book = new FakeWorkbook();
  await expect(book.run(() => runExcel((context) => readPlatformSheet(context, 2022, "county")))).rejects.toThrow("工作簿中没有“平台数据（县区）”工作表");
});
