// The 核定表 as a document (src/review/reviewSheetGrid.ts), rendered by both writers: what the 考核组 relies
// on — every row with its key, their four columns to type in (a list on 核定), the header frozen with a
// filter, the key columns not printed — and that a sheet written by ExcelJS or by Office.js, then sorted and
// filled as a person would, reads back to the decisions typed, by key.
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { readSheetRows } from "../../src/read/index";
import { queueSheetDoc } from "../../src/office/sheetDoc";
import { runExcel } from "../../src/office/run";
import { decisionsOf, readReviewSheet, REVIEW_COLUMNS, REVIEW_SHEET, columnOf } from "../../src/review/reviewSheet";
import { buildReviewSheet, REVIEW_ROWS } from "../../src/review/reviewSheetGrid";
import { sheetDocsToBuffer } from "../../src/xlsx/writeSheetDoc";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { sampleReviewData } from "./sampleReviewData";

const data = sampleReviewData();
const doc = buildReviewSheet(data);
const col = (k: Parameters<typeof columnOf>[0]) => columnOf(k) + 1;

describe("the 核定表 document", () => {
  it("one row per unit × clause under the headings, in the data's order, each with its grey key", () => {
    expect(doc.name).toBe(REVIEW_SHEET);
    expect(doc.rows[REVIEW_ROWS.heading].map((c) => c?.v)).toEqual(REVIEW_COLUMNS.map((c) => c.heading));
    const body = doc.rows.slice(REVIEW_ROWS.first, REVIEW_ROWS.first + data.rows.length);
    expect(body.map((r) => [r[columnOf("keyUnit")]?.v, r[columnOf("keyClause")]?.v, r[columnOf("keyBasis")]?.v])).toEqual(data.rows.map((r) => [r.unit, r.clauseId, r.basis]));
    // The 不涉及 claim is first and says why.
    expect(body[0][columnOf("attention")]).toMatchObject({ v: "不涉及", s: "attention" });
    // The 考核组's four cells are unlocked, blank; nothing is a formula.
    for (const k of ["choice", "deduction", "reason", "reviewer"] as const) expect(body.every((r) => r[columnOf(k)]?.locked === false && r[columnOf(k)]?.v === null)).toBe(true);
    expect(doc.rows.flat().some((c) => c?.f !== undefined)).toBe(false);
    expect(doc.rows[REVIEW_ROWS.counts][0]?.v).toMatch(/^3 个单位（县区 2、市直部门 1），\d+ 个条款；需关注 \d+ 行；已记录核定 0 行/);
  });

  it("a plain sheet to sort and fill: not protected, header frozen, filter over the table, list on 核定, keys not printed", () => {
    const last = REVIEW_ROWS.first + data.rows.length - 1;
    expect(doc.protect).toBe(false);
    expect(doc.freeze).toEqual({ rows: REVIEW_ROWS.first, cols: columnOf("clause") + 1 });
    expect(doc.autoFilter).toEqual({ r1: REVIEW_ROWS.heading, c1: 0, r2: last, c2: REVIEW_COLUMNS.length - 1 });
    expect(doc.validations.find((v) => v.c1 === columnOf("choice"))).toMatchObject({ type: "list", list: ["同意自评", "改判"], r1: REVIEW_ROWS.first, r2: last });
    expect(doc.validations.find((v) => v.c1 === columnOf("deduction"))).toMatchObject({ type: "decimal", min: 0, max: Math.max(...data.rows.map((r) => r.points)) });
    expect(doc.print).toMatchObject({ orientation: "landscape", fit: { width: 1, height: 0 }, titleRows: [REVIEW_ROWS.heading, REVIEW_ROWS.heading], lastCol: columnOf("keyUnit") - 1 });
  });
});

describe("written by ExcelJS (command line)", () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await sheetDocsToBuffer([doc]);
  });

  it("the file carries the filter, the frozen header, the list and the print area without the key columns", () => {
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))["xl/worksheets/sheet1.xml"]);
    const last = REVIEW_ROWS.first + data.rows.length;
    expect(xml).toContain(`<autoFilter ref="A${REVIEW_ROWS.heading + 1}:Q${last}"/>`);
    expect(xml).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    expect(xml).toMatch(/<dataValidation type="list"[^>]*sqref="J5[: ]/);
    expect(xml).not.toContain("<sheetProtection");
    const book = strFromU8(unzipSync(new Uint8Array(bytes))["xl/workbook.xml"]);
    expect(book).toMatch(new RegExp(`_xlnm.Print_Area[^>]*>&apos;${REVIEW_SHEET}&apos;!\\$A\\$?1:\\$N\\$?${last}<`));
  });

  it("sorted by 单位 descending and filled in a spreadsheet program, it reads back to the decisions typed, by key", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.getWorksheet(REVIEW_SHEET)!;
    const first = REVIEW_ROWS.first + 1;
    const last = first + data.rows.length - 1;
    // The 考核组 sorts the table (whole rows move, keys with them).
    const rows = Array.from({ length: data.rows.length }, (_, i) => (ws.getRow(first + i).values as unknown[]).slice(1));
    rows.reverse();
    rows.forEach((v, i) => v.forEach((x, c) => (ws.getCell(first + i, c + 1).value = (x ?? null) as ExcelJS.CellValue)));
    // …agrees with every 向阳区 row, and 改判 one 兴山区 row.
    let changed = "";
    for (let r = first; r <= last; r++) {
      const unit = ws.getCell(r, col("keyUnit")).value;
      if (unit === "向阳区") {
        ws.getCell(r, col("choice")).value = "同意自评";
        ws.getCell(r, col("reviewer")).value = "张三";
      } else if (unit === "兴山区" && !changed && ws.getCell(r, col("points")).value === 2.5) {
        changed = String(ws.getCell(r, col("keyClause")).value);
        ws.getCell(r, col("choice")).value = "改判";
        ws.getCell(r, col("deduction")).value = 1;
        ws.getCell(r, col("reason")).value = "会议纪要不全";
        ws.getCell(r, col("reviewer")).value = "李四";
      }
    }
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const back = readReviewSheet(readSheetRows(filled, REVIEW_SHEET)!.rows);
    expect(back.problems).toEqual([]);
    const { decisions, mistakes } = decisionsOf(back.entries, (row) => `第 ${row} 行`);
    expect(mistakes).toEqual([]);
    const xiangyang = data.rows.filter((r) => r.unit === "向阳区");
    expect(decisions.filter((d) => d.unit === "向阳区").map((d) => [d.clauseId, d.basis, d.choice]).sort()).toEqual(xiangyang.map((r) => [r.clauseId, r.basis, "同意自评"]).sort());
    expect(decisions.find((d) => d.unit === "兴山区")).toMatchObject({ clauseId: changed, choice: "改判", deduction: 1, reason: "会议纪要不全", reviewer: "李四" });
  });
});

describe("written by Office.js (the add-in), on the stateful fake", () => {
  it("is the command line's document cell for cell, in one sync, and reads back the same", async () => {
    const book = new FakeWorkbook();
    await book.run(() =>
      runExcel(async (context) => {
        const ws = context.workbook.worksheets.add(REVIEW_SHEET);
        expect(queueSheetDoc(ws, doc, () => true)).toEqual([]);
        await context.sync();
      }),
    );
    const sheet = book.sheet(REVIEW_SHEET);
    doc.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell?.v === undefined || cell.v === null) return;
        expect({ at: [r, c], v: sheet.peek(r + 1, c + 1)?.v }).toEqual({ at: [r, c], v: cell.v });
      }),
    );
    expect(sheet.autoFilter).toBe(`A${REVIEW_ROWS.heading + 1}:Q${REVIEW_ROWS.first + data.rows.length}`);
    const values = Array.from({ length: doc.rows.length }, (_, r) => Array.from({ length: doc.width }, (_, c) => sheet.peek(r + 1, c + 1)?.v ?? null));
    expect(readReviewSheet(values).entries.map((e) => [e.unit, e.clauseId, e.basis])).toEqual(data.rows.map((r) => [r.unit, r.clauseId, r.basis]));
  });

  it("an Excel without ExcelApi 1.9 gets the sheet without print setup and filter, and is told", async () => {
    const book = new FakeWorkbook();
    let skipped: string[] = [];
    await book.run(() =>
      runExcel(async (context) => {
        const ws = context.workbook.worksheets.add(REVIEW_SHEET);
        skipped = queueSheetDoc(ws, doc, (_, v) => v <= "1.8");
        await context.sync();
      }),
    );
    expect(skipped).toEqual(["打印设置与筛选（需要 ExcelApi 1.9）"]);
  });
});
