// The Office.js writer against a strict office-addin-mock: round-trips (syncs) per template, the same
// cells as the xlsx writer, refusal over an existing sheet, feature detection, regeneration keeping inputs.
import ExcelJS from "exceljs";
import { getCatalog, type UnitKind } from "../../src/core/index";
import { colNumber } from "../../src/core/a1";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateAnswers, TemplateLayout } from "../../src/layout/template/types";
import { layoutGrid, regenerateTemplate, TemplateWriteError, writeTemplate } from "../../src/office/templateWriter";
import type { Supports } from "../../src/office/common";
import { layoutFormula, templateToBuffer } from "../../src/xlsx/writeTemplate";
import { PERFECT } from "../fixtures/answers";
import { assigned, recordingWorkbook, type RecordedSheet } from "../helpers/recordingWorkbook";

const ALL: Supports = () => true;
const kinds: UnitKind[] = ["county", "department"];

/** What the Office writer put in the cells: the formulas grid written to A1:…, as address → content. */
function officeCells(rec: RecordedSheet): Map<string, unknown> {
  const [block] = assigned(rec, "formulas");
  const grid = block.value as unknown[][];
  const out = new Map<string, unknown>();
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== "") out.set(`${colName(c + 1)}${r + 1}`, v);
    }),
  );
  return out;
}

function colName(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
      else if (v !== null && v !== undefined && !(typeof v === "object" && "sharedFormula" in (v as object))) cells.set(cell.address, v);
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
export function mergedAway(layout: TemplateLayout): Set<string> {
  const out = new Set<string>();
  for (const m of layout.merges) {
    const [a, b] = m.split(":").map((x) => /^([A-Z]+)(\d+)$/.exec(x)!);
    const c1 = colNumber(a[1]);
    const c2 = colNumber(b[1]);
    for (let r = Number(a[2]); r <= Number(b[2]); r++) for (let c = c1; c <= c2; c++) if (r !== Number(a[2]) || c !== c1) out.add(`${colName(c)}${r}`);
  }
  return out;
}

describe.each(kinds)("Office.js writer, %s", (kind) => {
  const catalog = getCatalog(2022, kind);
  const unit = kind === "county" ? "萝北县" : "市税务局";

  test("writes a whole template in at most 2 context.sync() calls", async () => {
    const layout = buildTemplateLayout(catalog, { name: unit }, { variant: "addin" });
    const wb = recordingWorkbook();
    const report = await writeTemplate(wb.context, layout, ALL);
    const syncs = wb.syncCount();
    console.log(`[sync] ${kind}: ${syncs} context.sync() for ${layout.cells.length} cells, ${layout.names.length} names, ${layout.validations.length} validations`);
    expect(syncs).toBeLessThanOrEqual(2);
    expect(report).toEqual({ sheetName: unit, skipped: [], regenerated: false });
    const [sheet] = wb.added;
    expect(sheet.name).toBe(unit);
    expect(sheet.frozenRows).toBe(layout.frozenRows);
    expect(sheet.printTitleRows).toBe("$5:$5");
    // The layout's page breaks (between indicators), each added above the first row of the next page.
    expect(layout.print.rowBreaks.length).toBeGreaterThan(0);
    expect(sheet.pageBreaks).toEqual(layout.print.rowBreaks.map((r) => `A${r + 1}`));
    expect(sheet.protectedWith?.[1]).toBeUndefined(); // no password
    expect(sheet.activated).toBe(true);
    // Every input has a validation rule or prompt.
    const validated = new Set([...assigned(sheet, "dataValidation.rule"), ...assigned(sheet, "dataValidation.prompt")].map((x) => x.address));
    for (const c of layout.cells.filter((c) => !c.locked && !mergedAway(layout).has(c.address))) expect([c.address, validated.has(c.address)]).toEqual([c.address, true]);
  });

  test.each(["addin", "portable"] as const)("%s: Office.js and xlsx writers produce the same cells, locks, merges and names", async (variant) => {
    const answers: TemplateAnswers = { values: { ...PERFECT[kind] }, notApplicable: [catalog.categories[1].indicators[0].id], header: { filler: "张三", phone: "0468-1234567" } };
    const layout = buildTemplateLayout(catalog, { name: unit }, { variant, answers });
    const wb = recordingWorkbook();
    await writeTemplate(wb.context, layout, ALL);
    const [sheet] = wb.added;
    const file = await fileCells(layout);
    const office = officeCells(sheet);
    // Dates: the xlsx carries a date-formatted serial, Office.js the same serial.
    expect(Object.fromEntries(office)).toEqual(Object.fromEntries(file.cells));
    expect([...sheet.merges].sort()).toEqual(file.merges);
    expect([...sheet.names].sort((a, b) => a.name.localeCompare(b.name))).toEqual(file.names);
    // Number formats (percent, date, text) are the same too.
    const [nf] = assigned(sheet, "numberFormat");
    for (const c of layout.cells) {
      const officeFmt = (nf.value as string[][])[c.row - 1][c.col - 1];
      // Text constants are written with the Text format in Office.js (no text may become a formula there);
      // an xlsx stores them as strings, which never become formulas.
      const textConstant = c.formula === undefined && typeof c.value === "string";
      expect([c.address, officeFmt]).toEqual([c.address, textConstant ? "@" : (file.numFmtAt(c.address) ?? "General")]);
    }
    const props = sheet.cellProperties as { format?: { protection?: { locked?: boolean } } }[][];
    for (const c of layout.cells) {
      expect([c.address, props[c.row - 1][c.col - 1].format?.protection?.locked]).toEqual([c.address, file.lockedAt(c.address)]);
    }
  });
});

test("refuses to overwrite an existing sheet and changes nothing", async () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin" });
  const wb = recordingWorkbook([{ name: "兴山区", values: [["x"]], names: {} }]);
  await expect(writeTemplate(wb.context, layout, ALL)).rejects.toThrow(TemplateWriteError);
  await expect(writeTemplate(wb.context, layout, ALL)).rejects.toThrow(/已存在，未作任何修改/);
  expect(wb.added).toEqual([]);
});

test("an Excel with only ExcelApi 1.1–1.4 gets the cells, names and protection, and is told what was skipped", async () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "portable" });
  const wb = recordingWorkbook();
  const old: Supports = (set, v) => set === "ExcelApi" && Number(v) <= 1.4;
  const report = await writeTemplate(wb.context, layout, old);
  expect(wb.syncCount()).toBeLessThanOrEqual(2);
  expect(report.skipped.join("；")).toMatch(/数据验证.*1\.8/);
  expect(report.skipped.join("；")).toMatch(/打印设置.*1\.9/);
  expect(report.skipped.join("；")).toMatch(/冻结表头.*1\.7/);
  const [sheet] = wb.added;
  expect(assigned(sheet, "dataValidation.rule")).toEqual([]);
  expect(sheet.frozenRows).toBeUndefined();
  expect(sheet.names.length).toBe(layout.names.length);
  // Without setCellProperties the input cells are still unlocked one by one.
  const unlocked = assigned(sheet, "format.protection.locked").filter((x) => x.value === false).map((x) => x.address);
  expect(unlocked.sort()).toEqual(layout.cells.filter((c) => !c.locked).map((c) => c.address).sort());
  expect(sheet.protectedWith).toBeDefined();
});

/** A filled sheet as Excel would show it: values (formula cells show their results) and sheet names. */
function filledSheet(layout: TemplateLayout) {
  const values = Array.from({ length: layout.lastRow }, () => Array<unknown>(layout.lastCol).fill(""));
  for (const c of layout.cells) values[c.row - 1][c.col - 1] = c.formula !== undefined ? c.cached : (c.value ?? "");
  const names = Object.fromEntries(layout.names.map((n) => [n.name, `='${layout.sheetName}'!$${n.address.replace(/(\d)/, "$$$1")}`]));
  return { name: layout.sheetName, values, names };
}

test("regenerating a filled sheet keeps every typed input, in 2 syncs", async () => {
  const catalog = getCatalog(2022, "county");
  const answers: TemplateAnswers = {
    values: { ...PERFECT.county, commitUpdated: "2022-04-20", xydPct: 0.25 },
    notApplicable: ["county.2.6"],
    evidence: { "county.1.1.1": "调整文件.pdf" },
    remarks: { "county.6.1.1": "已报送 36 篇" },
    header: { filler: "李四", phone: "13800000000", fillDate: "2023-01-10" },
  };
  const filled = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", answers });
  const wb = recordingWorkbook([filledSheet(filled)]);
  const report = await regenerateTemplate(wb.context, catalog, "兴山区", "addin", ALL);
  expect(wb.syncCount()).toBeLessThanOrEqual(2);
  expect(report.regenerated).toBe(true);
  expect(wb.oldRecords[0].deleted).toBe(true);
  const [sheet] = wb.added;
  const written = officeCells(sheet);
  for (const c of filled.cells.filter((c) => !c.locked)) expect([c.address, written.get(c.address) ?? ""]).toEqual([c.address, c.value ?? ""]);
  expect(layoutGrid(report.layout).formulas).toEqual(layoutGrid(filled).formulas);
});

test("regeneration refuses, changing nothing, when a filled value has no place (other kind)", async () => {
  const county = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin", answers: { values: PERFECT.county } });
  const wb = recordingWorkbook([filledSheet(county)]);
  await expect(regenerateTemplate(wb.context, getCatalog(2022, "department"), "兴山区", "addin", ALL)).rejects.toThrow(/单位类别.*未作任何修改/);
  expect(wb.added).toEqual([]);
  expect(wb.oldRecords[0].deleted).toBe(false);
});

test("regenerating a sheet that came from an xlsx file (workbook-level names) keeps its inputs too", async () => {
  const catalog = getCatalog(2022, "department");
  const filled = buildTemplateLayout(catalog, { name: "市教育局" }, { variant: "portable", answers: { values: PERFECT.department, notApplicable: ["department.2.1"] } });
  const sheet = filledSheet(filled);
  const wb = recordingWorkbook([{ ...sheet, names: {} }], sheet.names);
  const report = await regenerateTemplate(wb.context, catalog, "市教育局", "portable", ALL);
  expect(wb.syncCount()).toBeLessThanOrEqual(2);
  expect(layoutGrid(report.layout).formulas).toEqual(layoutGrid(filled).formulas);
  const written = officeCells(wb.added[0]);
  expect(written.get(filled.names.find((n) => n.name === "CR_NA_department_2_1")!.address)).toBe("不涉及");
});

test("regeneration reads the cells where the used range starts, and a sheet-level name wins over a workbook-level one", async () => {
  const catalog = getCatalog(2022, "county");
  const answers: TemplateAnswers = { values: { ...PERFECT.county, xydPct: 0.25 }, remarks: { "county.6.1.1": "已报送 36 篇" }, header: { filler: "李四", phone: "13800000000" } };
  const filled = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", answers });
  const sheet = filledSheet(filled);
  // Column A holds no named cell; once it is emptied, Excel's used range (values only) starts at B1.
  expect(Math.min(...filled.names.map((n) => colNumber(/^[A-Z]+/.exec(n.address)![0])))).toBe(2);
  const values = sheet.values.map((row) => row.slice(1));
  // A stale workbook-level name of the same spelling points at another cell of the sheet: the sheet's own name wins.
  const stale = Object.fromEntries(Object.keys(sheet.names).map((n) => [n, "='兴山区'!$A$1"]));
  const wb = recordingWorkbook([{ ...sheet, values, at: "B1" }], stale);
  const report = await regenerateTemplate(wb.context, catalog, "兴山区", "addin", ALL);
  expect(report.regenerated).toBe(true);
  const written = officeCells(wb.added[0]);
  const inputs = filled.cells.filter((c) => !c.locked && c.value !== undefined && c.value !== null && c.value !== "");
  expect(inputs.length).toBeGreaterThan(5);
  for (const c of inputs) expect([c.address, written.get(c.address) ?? ""]).toEqual([c.address, c.value]);
});
