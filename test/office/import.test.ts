// 导入回收表 on the fake Excel: real returned files (template writer + ExcelJS fill), validated before any
// workbook access, written as template sheets with the unit's values under the same CR_* names; never
// inserted as saved (insertWorksheetsFromBase64, which the fake does not model: a call fails the test).
import ExcelJS from "exceljs";
import { getCatalog, indexOf } from "../../src/core/index";
import { names } from "../../src/core/names";
import { decodeBase64, freeSheetName, importWorkbooks, type ImportFile } from "../../src/office/import";
import { WriteError } from "../../src/office/protection";
import { FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { cellOf, returnedFile } from "../review/helpers";
import { PERFECT } from "../fixtures/answers";

const ALL = () => true;
const b64 = (b: Buffer): string => b.toString("base64");
const file = async (name: string, data: Buffer | Promise<Buffer>): Promise<ImportFile> => ({ name, base64: b64(await data) });

async function run(files: ImportFile[], book = new FakeWorkbook(), opts: Parameters<typeof importWorkbooks>[1] = {}) {
  const r = await book.run(() => importWorkbooks(files, { supports: ALL, year: 2022, ...opts }));
  return { r, wb: book };
}

/** The value a named cell of a sheet holds now (computed where it is a formula). */
const namedValue = (book: FakeWorkbook, s: FakeSheet, name: string) => book.named(s, name)?.v ?? "";
const formulaOf = (book: FakeWorkbook, s: FakeSheet, name: string) => {
  const n = s.names.find((x) => x.name === name)!;
  return s.peek(n.ref!.r1, n.ref!.c1)?.f;
};

let good: ImportFile;
let goodMissing: ImportFile;
beforeAll(async () => {
  good = await file("兴山区.xlsx", returnedFile("兴山区", "county", { values: { meetingsHeld: 0, commitUpdated: "2022-04-28" } }));
  goodMissing = await file("向阳区.xlsx", returnedFile("向阳区", "county", { values: { sgsTotal: null } }));
}, 60_000);

test("a good file becomes a template sheet holding the unit's values under the same CR_* names: 1 + 3 syncs", async () => {
  const { r, wb } = await run([good]);
  expect(r.rejected).toEqual([]);
  expect(r.imported).toEqual([expect.objectContaining({ file: "兴山区.xlsx", sheet: "兴山区", unit: "兴山区" })]);
  expect(wb.syncs).toBe(4); // sheet list once, then the writer's read, the new sheet with the registration probe, the write
  const s = wb.sheet("兴山区");
  const ix = indexOf(getCatalog(2022, "county"));
  // Every name of the layout is on the sheet, and each input holds what the unit typed.
  for (const spec of ix.inputs) expect(s.names.some((n) => n.name === names.input(spec.id))).toBe(true);
  expect(namedValue(wb, s, names.input("meetingsHeld"))).toBe(0);
  expect(namedValue(wb, s, names.input("sgsTotal"))).toBe(PERFECT.county.sgsTotal);
  expect(namedValue(wb, s, names.input("leadGroupAdjusted"))).toBe("是");
  // a date the file stored as a date is written as the same Excel date serial
  expect(namedValue(wb, s, names.input("commitUpdated"))).toBe(Math.round(Date.UTC(2022, 3, 28) / 86_400_000 + 25569));
  expect(namedValue(wb, s, names.evidence("county.1.1.1"))).toBe("已附（见附件）");
  expect(namedValue(wb, s, names.unit)).toBe("兴山区");
  expect(s.protected).toBe(true);
  // the deduction cells are formulas again, not values copied from the file
  expect(formulaOf(wb, s, names.deduction("county.1.1.2"))).toMatch(/^=/);
  expect(namedValue(wb, s, names.deduction("county.1.1.2"))).toBe(2.5);
});

test("problems found in an imported file are returned with sheet and cell (imported all the same)", async () => {
  const { r } = await run([goodMissing]);
  expect(r.imported).toHaveLength(1);
  expect(r.imported[0].problems).toContainEqual(expect.objectContaining({ severity: "错误", message: expect.stringMatching(/^“向阳区”工作表 [A-Z]+\d+：.*未填写/) }));
});

test.each([
  ["not xlsx", () => file("说明.xlsx", Buffer.from("这不是表格")), /不是 xlsx 格式/],
  ["corrupt zip", () => file("损坏.xlsx", Buffer.from("PK\u0003\u0004 not really a zip")), /已损坏/],
  ["old .xls", () => file("旧.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])), /旧版 \.xls/],
  ["not base64", () => Promise.resolve({ name: "x.xlsx", base64: "@@@not base64@@@" }), /base64/],
  [
    "another workbook",
    async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1").getCell("A1").value = 1;
      return file("别的表.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    },
    /没有 CR_ 定义名称/,
  ],
  ["another year", () => file("旧年度.xlsx", returnedFile("南山区", "county", { edit: (wb) => (cellOf(wb, names.year).value = 2021) })), /2021 年度的表格，本次汇总的是 2022 年度/],
  ["another layout version", () => file("旧版式.xlsx", returnedFile("南山区", "county", { edit: (wb) => (cellOf(wb, names.layoutVersion).value = 99) })), /模板版式版本为 99/],
  ["a 县区 on the 市直部门 form", () => file("错表.xlsx", returnedFile("兴安区", "department")), /“兴安区”属于县区，但表格是市直部门的考核模板|属于县/],
  [
    "no CR_LAYOUT name",
    () =>
      file(
        "无版式.xlsx",
        returnedFile("东山区", "county", {
          edit: (wb) => {
            const dn = wb.definedNames as unknown as { model: { name: string }[] };
            dn.model = dn.model.filter((n) => n.name !== names.layoutVersion);
          },
        }),
      ),
    /CR_LAYOUT/,
  ],
])("%s is rejected with a Chinese reason and the workbook is not touched (0 syncs)", async (_n, make, reason) => {
  const f = await make();
  const { r, wb } = await run([f]);
  expect(r.imported).toEqual([]);
  expect(r.rejected).toEqual([{ file: f.name, reason: expect.stringMatching(reason) }]);
  expect(wb.syncs).toBe(0);
  expect(wb.structural).toEqual([]);
});

test("several files: good ones imported, a bad one rejected, one sheet list read for all", async () => {
  const bad = await file("坏.xlsx", Buffer.from("not a workbook"));
  const third = await file("南山区.xlsx", returnedFile("南山区", "county"));
  const progress: [number, number][] = [];
  const { r, wb } = await run([good, bad, goodMissing, third], new FakeWorkbook(), { onProgress: (d, t) => progress.push([d, t]) });
  expect(r.imported.map((x) => x.sheet)).toEqual(["兴山区", "向阳区", "南山区"]);
  expect(r.rejected.map((x) => x.file)).toEqual(["坏.xlsx"]);
  expect(wb.structural).toEqual(["add 兴山区", "add 向阳区", "add 南山区"]);
  expect(wb.syncs).toBe(1 + 1 + 2 * 3); // the registration is probed once, in the first sheet
  expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
});

test("the unit already has a sheet: it is left alone and the file is imported beside it", async () => {
  const book = (await run([await file("兴山区.xlsx", returnedFile("兴山区", "county"))])).wb;
  const old = book.sheet("兴山区");
  const before = JSON.stringify([...old.cells].map(([k, c]) => [k, c.f ?? c.v]));
  const { r, wb } = await run([good, good], book);
  expect(r.imported.map((x) => x.sheet)).toEqual(["兴山区 (2)", "兴山区 (3)"]);
  expect(r.imported[0].note).toMatch(/已有工作表“兴山区”，本文件导入为“兴山区 \(2\)”/);
  expect(JSON.stringify([...old.cells].map(([k, c]) => [k, c.f ?? c.v]))).toBe(before);
  expect(namedValue(wb, wb.sheet("兴山区 (2)"), names.input("meetingsHeld"))).toBe(0);
});

test("cancel between files: the finished file stays, nothing of the next one is written", async () => {
  const ctl = new AbortController();
  const second = await file("南山区.xlsx", returnedFile("南山区", "county"));
  const wb = new FakeWorkbook();
  await wb.run(async () => {
    const p = importWorkbooks([good, second], { supports: ALL, year: 2022, signal: ctl.signal, onProgress: (d) => d === 1 && ctl.abort() });
    await expect(p).rejects.toMatchObject({ name: "AbortError", partial: { imported: [expect.objectContaining({ sheet: "兴山区" })] } });
  });
  expect(wb.sheets.map((s) => s.name)).toEqual(["兴山区"]);
});

test("without named items (ExcelApi 1.4) nothing is imported and the reason says what is needed", async () => {
  const { r, wb } = await run([good], new FakeWorkbook(), { supports: (_s, v) => v === "1.1" });
  expect(r.rejected[0].reason).toMatch(/ExcelApi 1\.4/);
  expect(wb.syncs).toBe(0);
});

test("helpers: base64 and free sheet names", () => {
  expect(decodeBase64("data:application/octet-stream;base64,UEsDBA==")).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
  expect(decodeBase64("不是")).toBeUndefined();
  expect(freeSheetName("兴山区", new Set(["兴山区", "兴山区 (2)"]))).toBe("兴山区 (3)");
  const long = "很".repeat(31);
  expect(freeSheetName(long, new Set([long]))).toHaveLength(31);
});

test("a workbook whose structure is protected: the import stops at the first file with its own message, nothing written", async () => {
  const book = new FakeWorkbook();
  book.addSheet("说明");
  book.structureProtected = true;
  const e = await book.run(() => importWorkbooks([good, goodMissing], { supports: ALL, year: 2022 })).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WriteError);
  expect(e).toMatchObject({ kind: "workbookStructure", partial: { imported: [], rejected: [] } });
  expect(book.sheets.map((s) => s.name)).toEqual(["说明"]);
});

test("Excel refuses a write part-way through a file: that file is rejected with Excel's code, its sheet removed, the next file imported", async () => {
  // An office workbook always has a sheet (Excel keeps at least one).
  const ok = new FakeWorkbook();
  ok.addSheet("Sheet1");
  await run([good], ok);
  const book = new FakeWorkbook();
  book.addSheet("Sheet1");
  book.failAtOperation = ok.operations - 3; // inside the first file's write batch
  const { r } = await run([good, goodMissing], book);
  expect(r.rejected).toEqual([{ file: "兴山区.xlsx", reason: expect.stringMatching(/^写入工作表“兴山区”时 Excel 报错（GeneralException），该工作表没有生成/) }]);
  expect(r.imported.map((x) => x.sheet)).toEqual(["向阳区"]);
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "向阳区"]);
});

// ---- trust model (README 可信与安全): a returned file's 核定 and identity are never taken at face value ----

test("核定 cells the unit filled are reported (单位表中填写了核定栏，已忽略) and never copied into the office's workbook", async () => {
  const forged = await file("南山区-2022-县区.xlsx", returnedFile("南山区", "county", {
    values: { meetingsHeld: 0 },
    edit: (wb) => {
      cellOf(wb, names.verified("county.1.1.2")).value = 0;
      cellOf(wb, names.verifiedReason("county.1.1.2")).value = "经核定不扣分";
    },
  }));
  const { r, wb } = await run([forged]);
  expect(r.imported).toEqual([expect.objectContaining({ sheet: "南山区" })]);
  expect(r.imported[0].problems).toContainEqual(expect.objectContaining({ severity: "错误", kind: "核定", message: expect.stringMatching(/^“南山区”工作表 [A-Z]+\d+：单位表中填写了核定栏，已忽略/) }));
  const s = wb.sheet("南山区");
  expect(namedValue(wb, s, names.verified("county.1.1.2"))).toBe("");
  expect(namedValue(wb, s, names.verifiedReason("county.1.1.2"))).toBe("");
});

test.each([
  ["兴山区's file posing as 向阳区 (CR_UNIT)", () => file("兴山区-2022-县区.xlsx", returnedFile("兴山区", "county", { edit: (wb) => (cellOf(wb, names.unit).value = "向阳区") })), /文件名“兴山区-2022-县区\.xlsx”是“兴山区”的/],
  ["a file named for another unit", () => file("向阳区-2022-县区.xlsx", returnedFile("兴山区", "county")), /文件名“向阳区-2022-县区\.xlsx”是“向阳区”的，与单位名称“兴山区”不一致/],
  ["a name that is no member unit", () => file("兴山县.xlsx", returnedFile("兴山县", "county")), /单位名称“兴山县”不在县区名单中（与“兴山区”相似/],
])("identity: %s is rejected, nothing written", async (_n, make, reason) => {
  const f = await make();
  const { r, wb } = await run([f]);
  expect(r.rejected).toEqual([{ file: f.name, reason: expect.stringMatching(reason) }]);
  expect(wb.structural).toEqual([]);
});

test("a name with a zero-width space is imported as the member unit it shows, under its real sheet name", async () => {
  const f = await file("兴山区-2022-县区.xlsx", returnedFile("兴山区", "county", { edit: (wb) => (cellOf(wb, names.unit).value = "兴山\u200b区") }));
  const { r, wb } = await run([f]);
  expect(r.imported).toEqual([expect.objectContaining({ sheet: "兴山区", unit: "兴山区" })]);
  expect(r.imported[0].problems).toContainEqual(expect.objectContaining({ severity: "提示", message: expect.stringContaining("兴山⟨U+200B⟩区") }));
  expect(namedValue(wb, wb.sheet("兴山区"), names.unit)).toBe("兴山区");
});
