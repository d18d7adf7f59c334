// One unit's file cut out of the office's workbook (the pane's 每个单位一个文件): the file holds that sheet
// only, reads back as that unit's template through the one reader (names, values), keeps its own print
// titles, and carries no text of another sheet — the office's workbook may hold returned sheets.
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { getCatalog, isoToSerial, publicityInputs, readFilled } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { addSheetDoc } from "../../src/xlsx/writeSheetDoc";
import { addTemplateSheet, newWorkbook } from "../../src/xlsx/writeTemplate";
import { oneSheetWorkbook, OneSheetError, zipOf } from "../../src/office/oneSheet";
import { readWorkbookBytes } from "../../src/read/index";
import { officeWorkbookFile } from "../helpers/savedByExcel";

let office: Uint8Array;

beforeAll(async () => {
  office = await officeWorkbookFile("county", ["兴山区", "向阳区", "萝北县"], "考核组内部意见：向阳区材料不实");
}, 60_000);

function text(xlsx: Uint8Array): string {
  return Object.values(unzipSync(xlsx)).map((d) => strFromU8(d)).join("\n");
}

test("each unit's file holds its sheet only, read back as that unit's template", () => {
  const before = readWorkbookBytes(office);
  expect(before.sheetNames).toEqual(["兴山区", "向阳区", "萝北县", "核定记录"]);
  for (const unit of ["兴山区", "向阳区", "萝北县"]) {
    const file = oneSheetWorkbook(office, unit);
    const read = readWorkbookBytes(file);
    expect(read.sheetNames).toEqual([unit]);
    expect(read.sheets).toHaveLength(1);
    const filled = readFilled(read.sheets[0]);
    expect(filled.unitName).toBe(unit);
    expect(filled.year).toBe(2022);
    expect(filled.kind).toBe("county");
    // Every CR_* name the office's sheet had resolves in the unit's file.
    const original = before.sheets.find((s) => s.sheet === unit)!;
    expect([...read.sheets[0].names.keys()].sort()).toEqual([...original.names.keys()].sort());
    const all = text(file);
    for (const other of ["兴山区", "向阳区", "萝北县"].filter((u) => u !== unit)) expect(all).not.toContain(other);
    expect(all).not.toContain("考核组内部意见");
    expect(all).not.toContain("calcChain");
  }
});

test("the unit's file opens in ExcelJS with its print titles and protection", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(oneSheetWorkbook(office, "向阳区")) as unknown as ExcelJS.Buffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["向阳区"]);
  const original = new ExcelJS.Workbook();
  await original.xlsx.load(Buffer.from(office) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const was = original.getWorksheet("向阳区")!;
  expect(ws.pageSetup.printTitlesRow).toBe(was.pageSetup.printTitlesRow);
  expect(ws.getCell("A1").value).toEqual(was.getCell("A1").value);
});

test("a sheet the workbook does not have, or bytes that are not a workbook, are refused in Chinese", () => {
  expect(() => oneSheetWorkbook(office, "工农区")).toThrow(new OneSheetError("工作簿中没有工作表“工农区”"));
  expect(() => oneSheetWorkbook(new Uint8Array([1, 2, 3]), "兴山区")).toThrow(OneSheetError);
});

test("the files in one .zip, names in UTF-8 as flagged, each file whole", () => {
  const files = ["兴山区", "萝北县"].map((u) => ({ name: `${u}-2022-县区.xlsx`, bytes: oneSheetWorkbook(office, u) }));
  const zip = zipOf(files);
  // General purpose flag bit 11 (language encoding, UTF-8) in the first local header.
  expect(zip[7] & 0x08).toBe(0x08);
  const back = unzipSync(zip);
  expect(Object.keys(back)).toEqual(files.map((f) => f.name));
  expect(readWorkbookBytes(back["萝北县-2022-县区.xlsx"]).sheetNames).toEqual(["萝北县"]);
});

test("a unit's file keeps its 双公示台账 beside its sheet (the counts refer to it), and no other unit's", async () => {
  const wb = newWorkbook();
  const catalog = getCatalog(2022, "county");
  const records = [
    { subject: "甲", decision: isoToSerial("2022-01-28"), published: isoToSerial("2022-02-11") },
    { subject: "乙", decision: "2022年1月28日", published: "2022/2/14" },
  ];
  for (const unit of ["兴山区", "向阳区"]) {
    const layout = buildTemplateLayout(catalog, { name: unit }, { variant: "addin", ledger: true, answers: { values: {}, ledger: unit === "兴山区" ? records : [{ subject: "向阳区的记录", decision: 44600, published: 44601 }] } });
    await addTemplateSheet(wb, { ...layout, names: unit === "兴山区" ? layout.names : [] });
    await addSheetDoc(wb, layout.ledger!);
  }
  const book = new Uint8Array(await wb.xlsx.writeBuffer());
  const file = oneSheetWorkbook(book, "兴山区");
  const read = readWorkbookBytes(file);
  expect(read.sheetNames).toEqual(["兴山区", "兴山区双公示台账"]);
  const filled = readFilled(read.sheets[0]);
  const { total, onTime } = publicityInputs(catalog);
  expect([filled.answers.values[total!.id], filled.answers.values[onTime!.id]]).toEqual([2, 1]);
  expect(filled.ledger?.count?.total).toBe(2);
  expect(text(file)).not.toContain("向阳区的记录");
  // Print settings of both kept sheets survive, each on its own sheet.
  const wbXml = strFromU8(unzipSync(file)["xl/workbook.xml"]);
  expect([...wbXml.matchAll(/localSheetId="(\d)"/g)].map((m) => m[1]).sort()).toEqual(expect.arrayContaining(["0", "1"]));
  // A workbook without a ledger: the sheet alone, as before.
  expect(readWorkbookBytes(oneSheetWorkbook(office, "兴山区")).sheetNames).toEqual(["兴山区"]);
}, 60_000);
