// The pane's 提交前检查 on a template with its 双公示台账 (made by the command line, filled in Excel): the pane's
// Office.js reads (src/office/snapshot.ts) read the ledger as the file reader does, so the counts are its rows
// counted by core's rule — the same result as the command line's check — and a saved count that lies is named.
import { getCatalog, indexOf, isoToSerial, LEDGER_LAST_ROW as LEDGER_ROW_LAST, ledgerCountFormula, publicityInputs } from "../../src/core/index";
import { addUnitTemplate, generateUnitTemplate } from "../../src/office/templateWriter";
import { names } from "../../src/core/names";
import type { SheetDoc } from "../../src/layout/sheetDoc";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateLayout } from "../../src/layout/template/types";
import { checkActiveSheet } from "../../src/office/check";
import { addLayoutSheet, FakeWorkbook } from "../helpers/fakeExcel";
import { PERFECT } from "../fixtures/answers";

const catalog = getCatalog(2022, "county");
const { total, onTime } = publicityInputs(catalog);
const s = isoToSerial;

function addDoc(book: FakeWorkbook, doc: SheetDoc): void {
  const sheet = book.addSheet(doc.name);
  doc.rows.forEach((row, r) =>
    row.forEach((c, k) => {
      if (!c || (c.v === undefined && c.f === undefined)) return;
      const x = sheet.cell(r + 1, k + 1);
      x.v = (c.f !== undefined ? c.cached : c.v) ?? null;
      if (c.f !== undefined) x.f = `=${c.f}`;
      if (c.numFmt) x.fmt = c.numFmt;
      x.locked = c.locked !== false;
    }),
  );
  sheet.protected = true;
  sheet.dirty = false; // the cached results stand, as Excel saved them
}

function workbook(edit?: (l: TemplateLayout) => void): FakeWorkbook {
  const values: Record<string, unknown> = { ...PERFECT.county, sgsAccurate: 3 };
  delete values[total!.id];
  delete values[onTime!.id];
  const evidence = Object.fromEntries([...indexOf(catalog).clauses.keys()].map((id) => [id, "已附"]));
  const ledger = [
    { subject: "甲", decision: s("2022-01-28"), published: s("2022-02-11") },
    { subject: "乙", decision: s("2022-01-28"), published: s("2022-02-14") },
    { subject: "丙", decision: "2022年9月29日", published: "2022/10/13" },
  ];
  const layout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", ledger: true, answers: { values, evidence, ledger } });
  edit?.(layout);
  const book = new FakeWorkbook();
  addLayoutSheet(book, layout);
  addDoc(book, layout.ledger!);
  return book;
}

const inputAddress = (id: string) => buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin" }).names.find((n) => n.name === names.input(id))!.address;

test("提交前检查 in the pane counts the ledger's rows: 3 records, 2 on time, nothing reported about the ledger", async () => {
  const book = workbook();
  const r = await book.run(() => checkActiveSheet({ year: 2022 }));
  expect(r.problems.filter((p) => p.message.includes("台账"))).toEqual([]);
  expect(r.problems.filter((p) => p.severity === "错误")).toEqual([]);
});

test("提交前检查 in the pane names a saved count that lies, as the command line does", async () => {
  const book = workbook((l) => {
    const a = inputAddress(onTime!.id);
    l.cells.find((c) => c.address === a)!.cached = 3;
  });
  const r = await book.run(() => checkActiveSheet({ year: 2022 }));
  const p = r.problems.find((x) => x.address === inputAddress(onTime!.id))!;
  expect([p.severity, p.message]).toEqual(["错误", expect.stringContaining("重新计算为 2（以重新计算的为准）")]);
});

test("生成模板 in the pane writes the same 双公示台账 beside the sheet, its formulas filled down, in one request well under 5 MB", async () => {
  const book = new FakeWorkbook();
  const report = await book.run(() => Excel.run((ctx) => addUnitTemplate(ctx, catalog, "兴山区", "addin", () => true, undefined, true)));
  expect(report.sheetName).toBe("兴山区");
  expect(book.sheets.map((x) => x.name)).toEqual(["兴山区", "兴山区双公示台账"]);
  expect(book.syncs).toBe(2);
  for (const r of book.requests) expect(r.request).toBeLessThan(2_000_000); // Excel on the web: 5 MB
  const doc = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", ledger: true }).ledger!;
  const ledger = book.sheet(doc.name);
  // Every formula of the document, in every row, as the ExcelJS writer writes it (the one grid, both writers).
  let compared = 0;
  doc.rows.forEach((row, r) =>
    row.forEach((c, k) => {
      if (c?.f === undefined) return;
      compared++;
      if (ledger.peek(r + 1, k + 1)?.f !== `=${c.f}`) throw new Error(`${r + 1}:${k + 1} ${ledger.peek(r + 1, k + 1)?.f} ≠ =${c.f}`);
    }),
  );
  expect(compared).toBe(11 * 2000 + 1); // each record row's 11, and the note's count of records (row 2)
  expect(ledger.protected).toBe(true);
  expect(ledger.peek(LEDGER_ROW_LAST, 1)?.locked).toBe(false);
  // The counts refer to it.
  const sheet = book.sheet("兴山区");
  expect(book.named(sheet, names.input(onTime!.id))?.f).toBe(`=${ledgerCountFormula("onTime", doc.name)}`);
  // Without ExcelApi 1.9 (no fill-down): no ledger, the counts are plain inputs.
  const old = new FakeWorkbook();
  const oldReport = await old.run(() => Excel.run((ctx) => addUnitTemplate(ctx, catalog, "兴山区", "addin", (set, v) => set === "ExcelApi" && Number(v) < 1.9, undefined, true)));
  expect(old.sheets.map((x) => x.name)).toEqual(["兴山区"]);
  // …and the pane says so (the 生成模板 result lists what this Excel could not write).
  expect(oldReport.skipped).toContain("双公示台账（需要 ExcelApi 1.9，两个“双公示”条数由单位直接填写）");
  expect(old.named(old.sheet("兴山区"), names.input(onTime!.id))?.f).toBeUndefined();
}, 120_000);

test("the pane's 生成模板 writes the ledger by default (as the command line), and the short form when unticked", async () => {
  const made = new FakeWorkbook();
  await made.run(() => generateUnitTemplate(catalog, "兴山区", "addin"));
  expect(made.sheets.map((x) => x.name)).toEqual(["兴山区", "兴山区双公示台账"]);
  const short = new FakeWorkbook();
  await short.run(() => generateUnitTemplate(catalog, "兴山区", "addin", undefined, false));
  expect(short.sheets.map((x) => x.name)).toEqual(["兴山区"]);
}, 120_000);
