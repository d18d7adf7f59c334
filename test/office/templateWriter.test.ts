// The Office.js template writer on the fake Excel (test/helpers/fakeExcel.ts): round-trips (syncs) per
// template, the same cells as the xlsx writer, documented page-layout values only, refusal over an existing
// sheet or a protected workbook structure, feature detection, regeneration keeping inputs — and nothing
// half-written when Excel refuses an operation part-way.
import ExcelJS from "exceljs";
import { getCatalog, type UnitKind } from "../../src/core/index";
import { colNumber } from "../../src/core/a1";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateAnswers, TemplateLayout } from "../../src/layout/template/types";
import { layoutGrid, regenerateTemplate, TemplateWriteError, writeTemplate } from "../../src/office/templateWriter";
import type { Supports } from "../../src/office/common";
import { WriteError } from "../../src/office/protection";
import { layoutFormula, templateToBuffer } from "../../src/xlsx/writeTemplate";
import { PERFECT } from "../fixtures/answers";
import { FakeWorkbook, parseA1, type FakeSheet } from "../helpers/fakeExcel";

const ALL: Supports = () => true;
const kinds: UnitKind[] = ["county", "department"];

function colName(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** What a sheet of the fake holds: address → formula or value (blank cells left out). */
function officeCells(s: FakeSheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [r, c, x] of s.each()) if (x.f !== undefined || (x.v !== null && x.v !== "")) out.set(`${colName(c)}${r}`, x.f ?? x.v);
  return out;
}

/** The same view of an xlsx file read back with ExcelJS. */
async function fileCells(layout: TemplateLayout) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateToBuffer(layout)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const cells = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.isMerged && cell.master !== cell) return; // ExcelJS shows the master's value in every merged cell
      const v = cell.value as unknown;
      if (v && typeof v === "object" && "formula" in (v as object)) cells.set(cell.address, `=${layoutFormula((v as { formula: string }).formula)}`);
      else if (v instanceof Date) cells.set(cell.address, Math.round(v.getTime() / 86_400_000 + 25569));
      else if (v !== null && v !== undefined && v !== "" && !(typeof v === "object" && "sharedFormula" in (v as object))) cells.set(cell.address, v);
    }),
  );
  const names = (wb.definedNames.model as { name: string; ranges: string[] }[])
    .map((n) => ({ name: n.name, address: n.ranges[0].replace(/^.*!/, "").replace(/\$/g, "") }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lockedAt = (a: string) => ws.getCell(a).protection?.locked !== false;
  const numFmtAt = (a: string) => ws.getCell(a).numFmt || undefined;
  return { cells, lockedAt, numFmtAt, names, merges: [...(ws.model.merges as string[])].sort() };
}

/** Cells inside a merge other than its top-left one. */
function mergedAway(layout: TemplateLayout): Set<string> {
  const out = new Set<string>();
  for (const m of layout.merges) {
    const b = parseA1(m);
    for (let r = b.r1; r <= b.r2; r++) for (let c = b.c1; c <= b.c2; c++) if (r !== b.r1 || c !== b.c1) out.add(`${colName(c)}${r}`);
  }
  return out;
}

const sheetNames = (s: FakeSheet) => s.names.map((n) => ({ name: n.name, address: `${colName(n.ref!.c1)}${n.ref!.r1}` })).sort((a, b) => a.name.localeCompare(b.name));

async function write(layout: TemplateLayout, supports: Supports = ALL, book = new FakeWorkbook()) {
  const report = await book.run(() => Excel.run((context) => writeTemplate(context, layout, supports)));
  return { report, book, sheet: book.sheet(layout.sheetName) };
}

describe.each(kinds)("Office.js writer, %s", (kind) => {
  const catalog = getCatalog(2022, kind);
  const unit = kind === "county" ? "萝北县" : "市税务局";

  test("writes a whole template in 2 context.sync() calls: print setup with documented values, validation on every input", async () => {
    const layout = buildTemplateLayout(catalog, { name: unit }, { variant: "addin" });
    const { report, book, sheet } = await write(layout);
    console.log(`[sync] ${kind}: ${book.syncs} context.sync() for ${layout.cells.length} cells, ${layout.names.length} names, ${layout.validations.length} validations`);
    expect(book.syncs).toBe(2);
    expect(report).toEqual({ sheetName: unit, skipped: [], regenerated: false, variant: "addin" });
    expect(sheet.frozenRows).toBe(layout.frozenRows);
    // PageLayoutZoomOptions: one page wide as a scale of 10–400 (no undocumented verticalFitToPages: 0).
    expect(sheet.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { scale: layout.print.scale }, printTitleRows: "$5:$5", printArea: layout.print.area, leftMargin: 28.8, topMargin: 43.2, centerHorizontally: true });
    expect(layout.print.scale).toBeGreaterThanOrEqual(50);
    expect(layout.print.scale).toBeLessThan(100);
    // The layout's page breaks (between indicators), each added above the first row of the next page.
    expect(layout.print.rowBreaks.length).toBeGreaterThan(0);
    expect(sheet.pageBreaks).toEqual(layout.print.rowBreaks.map((r) => r + 1));
    expect([sheet.protected, sheet.password]).toEqual([true, undefined]); // protected, no password
    expect(book.active).toBe(sheet);
    // Every input has a validation rule or prompt (the fake has checked each against the reference).
    for (const c of layout.cells.filter((c) => !c.locked && !mergedAway(layout).has(c.address))) {
      const b = parseA1(c.address);
      const v = sheet.validation.get(`${b.r1},${b.c1}`);
      expect([c.address, !!(v?.rule || v?.prompt)]).toEqual([c.address, true]);
    }
  });

  test.each(["addin", "portable"] as const)("%s: Office.js and xlsx writers produce the same cells, locks, formats, merges and names", async (variant) => {
    const answers: TemplateAnswers = { values: { ...PERFECT[kind] }, notApplicable: [catalog.categories[1].indicators[0].id], header: { filler: "张三", phone: "0468-1234567" } };
    const layout = buildTemplateLayout(catalog, { name: unit }, { variant, answers });
    const { sheet } = await write(layout);
    const file = await fileCells(layout);
    expect(Object.fromEntries(officeCells(sheet))).toEqual(Object.fromEntries(file.cells));
    expect([...sheet.merges].sort()).toEqual(file.merges);
    expect(sheetNames(sheet)).toEqual(file.names);
    for (const c of layout.cells) {
      const x = sheet.peek(c.row, c.col);
      // Text constants are written with the Text format in Office.js (no text may become a formula there);
      // an xlsx stores them as strings, which never become formulas.
      const textConstant = c.formula === undefined && typeof c.value === "string";
      expect([c.address, x?.fmt ?? "General"]).toEqual([c.address, textConstant ? "@" : (file.numFmtAt(c.address) ?? "General")]);
      expect([c.address, x?.locked ?? true]).toEqual([c.address, file.lockedAt(c.address)]);
    }
  });
});

test("refuses to overwrite an existing sheet and changes nothing", async () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin" });
  const book = new FakeWorkbook();
  book.addSheet("兴山区").cell(1, 1).v = "x";
  await book.run(async () => {
    await expect(Excel.run((context) => writeTemplate(context, layout, ALL))).rejects.toThrow(TemplateWriteError);
    await expect(Excel.run((context) => writeTemplate(context, layout, ALL))).rejects.toThrow(/已存在，未作任何修改/);
  });
  expect(book.structural).toEqual([]);
  expect(book.sheet("兴山区").value("A1")).toBe("x");
});

test("a workbook whose structure is protected: refused with its own message before anything is written", async () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin" });
  const book = new FakeWorkbook();
  book.addSheet("说明");
  book.structureProtected = true;
  const e = await book.run(() => Excel.run((context) => writeTemplate(context, layout, ALL))).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WriteError);
  expect(e).toMatchObject({ kind: "workbookStructure", message: expect.stringMatching(/工作簿结构受保护.*保护工作簿/) });
  expect(book.syncs).toBe(1);
  expect(book.sheets.map((s) => s.name)).toEqual(["说明"]);
});

test("Excel refuses an operation part-way: the new sheet is removed, whichever operation it was", async () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin" });
  const ok = new FakeWorkbook();
  ok.addSheet("说明");
  await ok.run(() => Excel.run((context) => writeTemplate(context, layout, ALL)));
  const total = ok.operations;
  const read = 2; // the first sync's loads: nothing is written there
  // Every write operation of the template's batch, a failure at each of a spread of them (first, last and between).
  const at = [...new Set([read + 1, read + 2, read + 3, ...Array.from({ length: 8 }, (_, i) => read + 1 + Math.floor(((total - read - 1) * (i + 1)) / 8)), total])];
  for (const n of at) {
    const book = new FakeWorkbook();
    book.addSheet("说明").cell(1, 1).v = "原有内容";
    book.failAtOperation = n;
    const e = await book.run(() => Excel.run((context) => writeTemplate(context, layout, ALL))).catch((x: unknown) => x);
    expect([n, e]).toEqual([n, expect.any(WriteError)]);
    expect([n, (e as WriteError).message]).toEqual([n, expect.stringMatching(/^写入工作表“兴山区”时 Excel 报错（GeneralException），该工作表没有生成/)]);
    expect([n, book.sheets.map((s) => s.name)]).toEqual([n, ["说明"]]);
    expect(book.sheet("说明").value("A1")).toBe("原有内容");
  }
});

test("an Excel with only ExcelApi 1.1–1.4 gets the cells, names and protection, and is told what was skipped", async () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "portable" });
  const old: Supports = (set, v) => set === "ExcelApi" && Number(v) <= 1.4;
  const book = new FakeWorkbook();
  book.supported = old; // the fake refuses anything newer (ApiNotFound), as Excel would
  const { report, sheet } = await write(layout, old, book);
  expect(book.syncs).toBe(2);
  expect(report.skipped.join("；")).toMatch(/数据验证.*1\.8/);
  expect(report.skipped.join("；")).toMatch(/打印设置.*1\.9/);
  expect(report.skipped.join("；")).toMatch(/冻结表头.*1\.7/);
  expect(sheet.validation.size).toBe(0);
  expect(sheet.frozenRows).toBeUndefined();
  expect(sheet.page).toEqual({});
  expect(sheet.names.length).toBe(layout.names.length);
  // Without setCellProperties the input cells are still unlocked one by one.
  const unlocked = [...sheet.each()].filter(([, , x]) => !x.locked).map(([r, c]) => `${colName(c)}${r}`);
  expect(unlocked.sort()).toEqual(layout.cells.filter((c) => !c.locked).map((c) => c.address).sort());
  expect(sheet.protected).toBe(true);
});

/** A filled sheet as Excel shows it (formula cells show their results), with sheet-scoped names — or workbook-scoped ones. */
function filledSheet(book: FakeWorkbook, layout: TemplateLayout, o: { bookNames?: boolean; dropColumnA?: boolean } = {}): FakeSheet {
  const s = book.addSheet(layout.sheetName);
  for (const c of layout.cells) {
    if (o.dropColumnA && c.col === 1) continue;
    const x = s.cell(c.row, c.col);
    x.v = (c.formula !== undefined ? c.cached : c.value) as never;
    if (typeof x.v === "object" && x.v !== null) x.v = String((x.v as { error?: string }).error ?? "");
  }
  const names = layout.names.map((n) => ({ name: n.name, ref: { sheet: s, ...parseA1(n.address) } }));
  if (o.bookNames) book.names.push(...names);
  else s.names = names;
  return s;
}

test("regenerating a filled sheet keeps every typed input; written as a draft and swapped in, in 4 syncs", async () => {
  const catalog = getCatalog(2022, "county");
  const answers: TemplateAnswers = {
    values: { ...PERFECT.county, commitUpdated: "2022-04-20", xydPct: 0.25 },
    notApplicable: ["county.2.6"],
    evidence: { "county.1.1.1": "调整文件.pdf" },
    remarks: { "county.6.1.1": "已报送 36 篇" },
    header: { filler: "李四", phone: "13800000000", fillDate: "2023-01-10" },
  };
  const filled = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", answers });
  const book = new FakeWorkbook();
  filledSheet(book, filled);
  const report = await book.run(() => Excel.run((context) => regenerateTemplate(context, catalog, "兴山区", "addin", ALL)));
  expect(book.syncs).toBe(4);
  expect(report.regenerated).toBe(true);
  expect(report.skipped).toEqual([]);
  expect(book.sheets.map((s) => s.name)).toEqual(["兴山区"]);
  expect(book.structural).toEqual([expect.stringMatching(/^add 兴山区（新\d+）$/), expect.stringMatching(/^rename 兴山区 → 兴山区（旧）\d+$/), expect.stringMatching(/^rename 兴山区（新\d+） → 兴山区$/), expect.stringMatching(/^delete 兴山区（旧）\d+$/)]);
  const written = officeCells(book.sheet("兴山区"));
  for (const c of filled.cells.filter((c) => !c.locked)) expect([c.address, written.get(c.address) ?? ""]).toEqual([c.address, c.value ?? ""]);
  expect(layoutGrid(report.layout).formulas).toEqual(layoutGrid(filled).formulas);
});

test("regeneration that Excel refuses part-way (the draft, or the swap) leaves the filled sheet as it was", async () => {
  const catalog = getCatalog(2022, "county");
  const filled = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", answers: { values: PERFECT.county } });
  const ok = new FakeWorkbook();
  filledSheet(ok, filled);
  await ok.run(() => Excel.run((context) => regenerateTemplate(context, catalog, "兴山区", "addin", ALL)));
  const total = ok.operations;
  for (const n of [10, Math.floor(total / 2), total - 4, total - 3, total - 2, total - 1, total]) {
    const book = new FakeWorkbook();
    const s = filledSheet(book, filled);
    const before = JSON.stringify([...s.cells]);
    book.failAtOperation = n;
    const e = await book.run(() => Excel.run((context) => regenerateTemplate(context, catalog, "兴山区", "addin", ALL))).catch((x: unknown) => x);
    if (n === total) {
      // The very last operation deletes the old sheet, set aside: the new sheet stands, the old one is kept and said.
      expect((e as { skipped: string[] }).skipped).toEqual([expect.stringMatching(/^原工作表已改名为“兴山区（旧）\d+”，未能删除/)]);
      expect(book.sheets.map((x) => x.name)).toEqual([expect.stringMatching(/^兴山区（旧）\d+$/), "兴山区"]);
      continue;
    }
    expect([n, e]).toEqual([n, expect.any(WriteError)]);
    expect([n, book.sheets.map((x) => x.name)]).toEqual([n, ["兴山区"]]);
    expect([n, book.sheet("兴山区") === s, JSON.stringify([...s.cells]) === before]).toEqual([n, true, true]);
  }
});

test("regeneration refuses, changing nothing, when a filled value has no place (other kind)", async () => {
  const county = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin", answers: { values: PERFECT.county } });
  const book = new FakeWorkbook();
  filledSheet(book, county);
  await expect(book.run(() => Excel.run((context) => regenerateTemplate(context, getCatalog(2022, "department"), "兴山区", "addin", ALL)))).rejects.toThrow(/单位类别.*未作任何修改/);
  expect(book.structural).toEqual([]);
});

test("regenerating a sheet that came from an xlsx file (workbook-level names) keeps its inputs too", async () => {
  const catalog = getCatalog(2022, "department");
  const filled = buildTemplateLayout(catalog, { name: "市教育局" }, { variant: "portable", answers: { values: PERFECT.department, notApplicable: ["department.2.1"] } });
  const book = new FakeWorkbook();
  filledSheet(book, filled, { bookNames: true });
  const report = await book.run(() => Excel.run((context) => regenerateTemplate(context, catalog, "市教育局", "portable", ALL)));
  expect(layoutGrid(report.layout).formulas).toEqual(layoutGrid(filled).formulas);
  const written = officeCells(book.sheet("市教育局"));
  expect(written.get(filled.names.find((n) => n.name === "CR_NA_department_2_1")!.address)).toBe("不涉及");
});

test("regeneration reads the cells where the used range starts, and a sheet-level name wins over a workbook-level one", async () => {
  const catalog = getCatalog(2022, "county");
  const answers: TemplateAnswers = { values: { ...PERFECT.county, xydPct: 0.25 }, remarks: { "county.6.1.1": "已报送 36 篇" }, header: { filler: "李四", phone: "13800000000" } };
  const filled = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", answers });
  // Column A holds no named cell; once it is emptied, Excel's used range (values only) starts at B1.
  expect(Math.min(...filled.names.map((n) => colNumber(/^[A-Z]+/.exec(n.address)![0])))).toBe(2);
  const book = new FakeWorkbook();
  const s = filledSheet(book, filled, { dropColumnA: true });
  // A stale workbook-level name of the same spelling points at another cell of the sheet: the sheet's own name wins.
  book.names.push(...filled.names.map((n) => ({ name: n.name, ref: { sheet: s, r1: 1, c1: 1, r2: 1, c2: 1 } })));
  const report = await book.run(() => Excel.run((context) => regenerateTemplate(context, catalog, "兴山区", "addin", ALL)));
  expect(report.regenerated).toBe(true);
  const written = officeCells(book.sheet("兴山区"));
  const inputs = filled.cells.filter((c) => !c.locked && c.value !== undefined && c.value !== null && c.value !== "");
  expect(inputs.length).toBeGreaterThan(5);
  for (const c of inputs) expect([c.address, written.get(c.address) ?? ""]).toEqual([c.address, c.value]);
});
