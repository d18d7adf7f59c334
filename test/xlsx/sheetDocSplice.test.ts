// The ExcelJS writer of a SheetDoc writes the plain rows of a filled-down block (the 双公示台账's 2,000 rows)
// straight into the sheet's XML (src/xlsx/writeSheetDoc.ts spliceOnWrite), not through ExcelJS's cell models.
// What a unit, Excel and the review see must not change: the same file written with every cell through ExcelJS
// (the document without its filledDown block, so no splice) reads back cell for cell the same — value or cached
// result, formula, number format, font, fill, alignment, border, lock — through ExcelJS and through our reader.
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { getCatalog, isoToSerial, LEDGER_FIRST_ROW, LEDGER_LAST_ROW } from "../../src/core/index";
import { buildLedger } from "../../src/layout/ledger";
import type { SheetDoc } from "../../src/layout/sheetDoc";
import { readSheetRows } from "../../src/read/index";
import { addSheetDoc } from "../../src/xlsx/writeSheetDoc";
import { newWorkbook } from "../../src/xlsx/workbookParts";

const catalog = getCatalog(2022, "county");
// Records a unit pastes: text that looks like XML or a formula, numbers, serials, text dates, a boolean, a long gap.
const records = [
  { subject: "甲 <公司> & “乙”", docNo: "=SUM(1)", decision: isoToSerial("2022-01-28"), published: isoToSerial("2022-02-11"), remark: "  前后有空格  " },
  { subject: "丙", docNo: "鹤市监罚〔2022〕12号", decision: "2022年9月29日", published: "2022/10/13" },
  { subject: 12345, decision: "20220305", published: 44630.5 },
  { subject: true as unknown as string, decision: "不是日期", published: "" },
  ...Array.from({ length: 40 }, () => ({})),
  // Text pasted from another program may carry control characters; the file must stay well-formed XML (ExcelJS drops them).
  { subject: "丁\u000b公司\u0001", docNo: "罚\u001f字", decision: "2022-03-01", published: "2022-03-04" },
  { subject: "第 45 条", decision: isoToSerial("2022-12-30"), published: isoToSerial("2023-01-10") },
];

async function bytesOf(doc: SheetDoc): Promise<Uint8Array> {
  const wb = newWorkbook();
  await addSheetDoc(wb, doc);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

/** A cell as ExcelJS reads it: what is shown, the formula, and everything of its style. */
function seen(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  const formula = cell.formula ?? null;
  const shown = formula !== null ? ((v as { result?: unknown }).result ?? "") : v;
  const { numFmt, font, fill, alignment, border, protection } = cell.style;
  return JSON.stringify({ shown: shown === undefined ? null : shown, formula, numFmt: numFmt ?? null, font, fill, alignment, border, locked: protection?.locked ?? null });
}

test("a ledger with records written through the splice reads back cell for cell as written through ExcelJS alone", async () => {
  const doc = buildLedger(catalog, "兴山区", records as never)!;
  expect(doc.filledDown?.length).toBeGreaterThan(0);
  const spliced = await bytesOf(doc);
  const plain = await bytesOf({ ...doc, filledDown: undefined });
  const a = await sheetOf(spliced);
  const b = await sheetOf(plain);
  let compared = 0;
  for (let r = 1; r <= doc.rows.length; r++) {
    for (let c = 1; c <= doc.width; c++) {
      const x = seen(a.getCell(r, c));
      const y = seen(b.getCell(r, c));
      if (x !== y) throw new Error(`row ${r} column ${c}: spliced ${x} ≠ ExcelJS ${y}`);
      compared++;
    }
  }
  expect(compared).toBe(LEDGER_LAST_ROW * doc.width);
  // What the review reads (our reader): the same rows and the same formulas, shared ones resolved.
  const ra = readSheetRows(spliced, doc.name)!;
  const rb = readSheetRows(plain, doc.name)!;
  expect(ra.rows.length).toBe(LEDGER_LAST_ROW);
  expect(JSON.stringify(ra.rows)).toBe(JSON.stringify(rb.rows));
  expect(ra.formulas).toEqual(rb.formulas);
  expect(ra.rows[LEDGER_FIRST_ROW - 1 + 1][5]).toBe("按时");
  expect(ra.rows[LEDGER_FIRST_ROW - 1][0]).toBe("甲 <公司> & “乙”");
  expect(ra.rows[LEDGER_FIRST_ROW - 1][1]).toBe("=SUM(1)"); // text stays text
}, 60_000);

test("the file: one shared formula per filled column over the whole block, each spliced row as many cells as the document has, the dimension the whole sheet", async () => {
  const doc = buildLedger(catalog, "兴山区")!;
  const files = unzipSync(await bytesOf(doc));
  const xml = strFromU8(files["xl/worksheets/sheet1.xml"]);
  expect(xml).toContain(`<dimension ref="A1:T${LEDGER_LAST_ROW}"/>`);
  const masters = [...xml.matchAll(/<f t="shared" ref="([A-Z]+)(\d+):([A-Z]+)(\d+)" si="(\d+)">/g)];
  expect(masters).toHaveLength(doc.filledDown!.length);
  for (const m of masters) expect([m[1] === m[3], Number(m[2]), Number(m[4])]).toEqual([true, LEDGER_FIRST_ROW, LEDGER_LAST_ROW]);
  const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)];
  expect(rows.map((m) => Number(m[1]))).toEqual(Array.from({ length: LEDGER_LAST_ROW }, (_, i) => i + 1));
  for (const m of rows) {
    const r = Number(m[1]) - 1;
    const cells = (m[2].match(/<c /g) ?? []).length;
    expect([r, cells]).toEqual([r, (doc.rows[r] ?? []).filter(Boolean).length]);
    // Every slave refers to a master that exists.
    for (const s of m[2].matchAll(/<f t="shared" si="(\d+)"\/>/g)) expect(Number(s[1])).toBeLessThan(masters.length);
  }
  // The print area absolute (ExcelJS writes $A1:$H27, which LibreOffice does not take as a print range: the whole
  // 2,000 rows printed): the headings and one page of rows.
  const book = strFromU8(files["xl/workbook.xml"]);
  expect(book).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;兴山区双公示台账&apos;!$A$1:$H$${doc.print.lastRow + 1}</definedName>`);
  expect(doc.print.lastRow + 1).toBeLessThan(40);
});
