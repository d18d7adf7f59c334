// Generated xlsx templates read back with ExcelJS as another program would open them: cached formula
// results, validation on every input, protection, names on the right cells, print setup; regeneration
// over a filled file; the template command. (LibreOffice renders a template to a page in print.test's one
// LibreOffice run.)
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unitsOf, workingYear, getCatalog, indexOf, readFilled, type NamedCell, type SheetCells, type UnitKind } from "../../src/core/index";
import { LAYOUT_VERSION, names } from "../../src/core/names";
import { regenerate } from "../../src/layout/regenerate";
import { colLetter } from "../../src/core/a1";
import { COL } from "../../src/layout/template/grid";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateLayout } from "../../src/layout/template/types";
import { NameMap } from "../../src/read/resolve";
import { readWorkbookBytes } from "../../src/read/index";
import { layoutFormula, templateToBuffer } from "../../src/xlsx/writeTemplate";
import { PERFECT } from "../fixtures/answers";
import { cli } from "../helpers/cli";

const root = join(__dirname, "..", "..");

/** A sheet's CR_* names → values (an Excel error as its text), to compare what two files hold. */
function valuesOf(cells: SheetCells): Map<string, unknown> {
  return new Map([...cells.names].map(([n, c]) => [n, c.value && typeof c.value === "object" && "error" in c.value ? String((c.value as { error: unknown }).error) : c.value]));
}

/** A copy of a read sheet with one named cell's value changed (or a name added), as another file would hold it. */
function withValue(cells: SheetCells, name: string, value: unknown): SheetCells {
  const names_ = new NameMap<NamedCell>();
  for (const [n, c] of cells.names) names_.set(n, c);
  names_.set(name, { ...(cells.names.get(name) ?? { address: "Z99" }), value });
  return { ...cells, names: names_ };
}
const tmp = mkdtempSync(join(tmpdir(), "credit-tpl-"));

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** name → the ExcelJS cell it points at (names must resolve to exactly one cell on the sheet). */
function cellOfName(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const entry = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === name);
  if (!entry) throw new Error(`name ${name} missing`);
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+)$/.exec(entry.ranges[0])!;
  return wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
}

/** ExcelJS leaves protection undefined on cells with the default (locked). */
const locked = (c: ExcelJS.Cell) => c.protection?.locked !== false;

describe.each(["county", "department"] as UnitKind[])("%s xlsx template", (kind) => {
  const catalog = getCatalog(2022, kind);
  const ix = indexOf(catalog);
  const unit = kind === "county" ? "兴山区" : "市市场监督管理局";
  let layout: TemplateLayout;
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    layout = buildTemplateLayout(catalog, { name: unit }, { variant: "addin" });
    wb = await load(await templateToBuffer(layout));
    ws = wb.getWorksheet(unit)!;
  }, 60_000); // an ExcelJS round trip of a whole template: seconds on a loaded machine

  test("every formula cell carries its cached result; clause formulas use the year-prefixed id and one contiguous input column", async () => {
    let formulas = 0;
    // ExcelJS reads a cached 0 back as no result, so zeros are checked in the sheet XML itself.
    const xml = await (await JSZip.loadAsync(await templateToBuffer(layout))).file("xl/worksheets/sheet1.xml")!.async("string");
    for (const c of layout.cells.filter((c) => c.formula)) {
      const raw = ws.getCell(c.address).value as ExcelJS.CellFormulaValue;
      // As Excel saves add-in functions; each call sits in IFERROR with the native fallback (see clauseFormulas).
      if (/CREDIT\./.test(c.formula!)) {
        expect(raw.formula).toMatch(/^IFERROR\(_xldudf_CREDIT_/);
        expect(raw.formula).not.toMatch(/(?<!_xldudf_)CREDIT\./);
      }
      const v = { ...raw, formula: layoutFormula(raw.formula) };
      if (c.cached === 0) {
        expect(v.formula).toBe(c.formula);
        expect(xml).toMatch(new RegExp(`<c r="${c.address}"[^>]*><f>[^<]*</f><v>0</v></c>`));
      } else if (c.cached === "") {
        // A link to a blank shared input: an empty text result, read back as none.
        expect([c.address, v.formula, v.result ?? ""]).toEqual([c.address, c.formula, ""]);
      } else expect([c.address, v.formula, v.result]).toEqual([c.address, c.formula, c.cached]);
      formulas++;
    }
    expect(formulas).toBeGreaterThan(ix.clauses.size * 3);
    for (const [id, { clause, indicator }] of ix.clauses) {
      const f = layoutFormula((cellOfName(wb, names.deduction(id)).value as ExcelJS.CellFormulaValue).formula);
      // The 是否涉及 cell is an argument only where 不涉及 can apply (Indicator.notApplicable).
      const m = /^IFERROR\(CREDIT\.DEDUCT\("2022:([a-z0-9.]+)",([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?(?:,([A-Z]+\d+))?\),IF\(/.exec(f)!;
      expect(m[1]).toBe(id);
      expect(m[4] ?? m[2]).toBe(m[2]); // one column
      const first = Number(m[3]);
      const last = Number(m[5] ?? m[3]);
      expect(last - first + 1).toBe(clause.inputs.length);
      // Row i of the range is clause.inputs[i]: its label is beside it.
      // (The layout breaks the label into lines that fit the column: compared without them.)
      clause.inputs.forEach((spec, i) => expect(String(ws.getCell(`${colLetter(COL.inputLabel)}${first + i}`).value).replace(/\s/g, "")).toBe(spec.label.replace(/\s/g, "")));
      expect(m[6]).toBe(indicator.notApplicable.allowed ? cellOfName(wb, names.notApplicable(indicator.id)).address : undefined);
    }
  });

  test("inputs: named, unlocked, validated with a Chinese prompt; a shared input is typed once and linked", () => {
    const seen = new Set<string>();
    for (const [id, { clause }] of ix.clauses) {
      for (const spec of clause.inputs) {
        const cell = cellOfName(wb, names.input(spec.id));
        expect(locked(cell)).toBe(false);
        const dv = cell.dataValidation;
        expect([spec.id, dv.showInputMessage, /[\u4e00-\u9fff]/.test(dv.prompt ?? "")]).toEqual([spec.id, true, true]);
        const expected = { bool: "list", count: "whole", percent: "decimal", date: "date", text: "any" }[spec.type];
        expect([spec.id, dv.type]).toEqual([spec.id, expected]);
        if (spec.type === "bool") expect(dv.formulae).toEqual(['"是,否"']);
        if (spec.type === "count") expect(dv.formulae).toEqual([0, spec.max]);
        // A blank rate cell is General: Excel, WPS and LibreOffice format what is typed as typed (85% → 85%).
        if (spec.type === "percent") expect([cell.numFmt, dv.formulae]).toEqual([undefined, [0, 1]]);
        if (seen.has(spec.id)) {
          // Second clause using it: a locked link inside this clause's own input rows.
          const row = clause.inputs.indexOf(spec);
          const ded = layoutFormula((cellOfName(wb, names.deduction(id)).value as ExcelJS.CellFormulaValue).formula);
          const start = Number(/,[A-Z]+(\d+)/.exec(ded)![1]);
          const link = ws.getCell(`${colLetter(COL.input)}${start + row}`);
          expect(locked(link)).toBe(true);
          expect((link.value as ExcelJS.CellFormulaValue).formula).toBe(`IF(${cell.address}="","",${cell.address})`);
        }
        seen.add(spec.id);
      }
    }
    for (const [id, { indicator }] of ix.indicators) {
      const na = cellOfName(wb, names.notApplicable(id));
      // Where 不涉及 can apply: a list and a prompt saying when; elsewhere a fixed, locked 涉及 without a list.
      if (indicator.notApplicable.allowed) {
        expect([na.value, locked(na), na.dataValidation.formulae]).toEqual(["涉及", false, ['"涉及,不涉及"']]);
        expect(na.dataValidation.prompt).toContain(indicator.notApplicable.when);
      } else expect([na.value, locked(na), na.dataValidation?.type]).toEqual(["涉及", true, undefined]);
    }
    // Every unlocked top-left cell has a validation (a rule or at least an input prompt).
    for (const c of layout.cells.filter((c) => !c.locked && c.value !== null)) expect([c.address, !!ws.getCell(c.address).dataValidation?.prompt]).toEqual([c.address, true]);
  });

  test("formula cells and 核定 cells are locked; the sheet is protected without a password", () => {
    for (const id of ix.clauses.keys()) {
      for (const n of [names.deduction(id), names.status(id), names.explanation(id), names.verified(id), names.verifiedReason(id)]) expect([n, locked(cellOfName(wb, n))]).toEqual([n, true]);
    }
    const prot = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(prot.sheet).toBe(true);
    expect(prot.hashValue).toBeUndefined();
  });

  test("meta and result names resolve to the right values; print and view setup", () => {
    expect(cellOfName(wb, names.year).value).toBe(2022);
    expect(cellOfName(wb, names.kind).value).toBe(kind);
    expect(cellOfName(wb, names.unit).value).toBe(unit);
    expect(cellOfName(wb, names.layoutVersion).value).toBe(LAYOUT_VERSION);
    expect((cellOfName(wb, names.score).value as ExcelJS.CellFormulaValue).result).toBe(`未完成（${ix.clauses.size} 项待填）`);
    // A category subtotal sums its indicators, and reads 待填 (not 0) while any clause is unfilled.
    for (const cat of catalog.categories) {
      const v = cellOfName(wb, names.categoryDeduction(cat.id)).value as ExcelJS.CellFormulaValue;
      expect(v.formula).toMatch(/^IF\(COUNTIF\(([A-Z]+\d+:[A-Z]+\d+),"数据错误"\)>0,"数据错误",IF\(COUNTIF\(\1,"待填"\)>0,"待填",SUM\(\1\)\)\)$/);
      expect(v.result).toBe("待填");
    }
    expect((cellOfName(wb, names.totalDeduction).value as ExcelJS.CellFormulaValue).result).toBe("待填");
    expect(ws.getColumn(COL.clauseId).hidden && ws.getColumn(COL.meta).hidden).toBe(true);
    const ps = ws.pageSetup;
    expect([ps.paperSize, ps.orientation, ps.fitToPage, ps.fitToWidth, ps.fitToHeight, ps.printTitlesRow]).toEqual([9, "landscape", true, 1, 0, "5:5"]);
    expect(ws.headerFooter.oddHeader).toContain(unit);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
  });
});

/** Types answers into a template file by name, as a unit would. */
async function fill(buf: Buffer, values: Record<string, unknown>): Promise<Buffer> {
  const wb = await load(buf);
  for (const [n, v] of Object.entries(values)) cellOfName(wb, n).value = v as ExcelJS.CellValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("regenerating a filled file keeps every typed value (inputs, 不涉及, evidence, remarks, header)", async () => {
  const catalog = getCatalog(2022, "county");
  const typed: Record<string, unknown> = Object.fromEntries(Object.entries(PERFECT.county).map(([id, v]) => [names.input(id), v]));
  typed[names.input("commitUpdated")] = new Date(Date.UTC(2022, 3, 28));
  typed[names.input("xydPct")] = 0.25;
  // (A 县区 has no indicator that may be 不涉及: the 市直部门 case is below.)
  typed[names.evidence("county.1.1.1")] = "调整文件.pdf";
  typed[names.remark("county.6.1.1")] = "含 6 篇转载";
  typed[names.filler] = "王五";
  typed[names.phone] = "0468-3456789";
  typed[names.fillDate] = new Date(Date.UTC(2023, 0, 9));
  const first = await fill(await templateToBuffer(buildTemplateLayout(catalog, { name: "南山区" }, { variant: "addin" })), typed);
  const sheet = readWorkbookBytes(first).sheets[0];
  const before = valuesOf(sheet);
  const r = regenerate(readFilled(sheet), catalog, { variant: "portable" });
  if (!r.ok) throw new Error(r.reason);
  const after = valuesOf(readWorkbookBytes(await templateToBuffer(r.layout!)).sheets[0]);
  expect(r.unit).toBe("南山区");
  for (const n of Object.keys(typed)) expect([n, after.get(n)]).toEqual([n, before.get(n)]);
  // …and the recomputed cached score uses them: 南山区 with PERFECT answers loses nothing.
  expect(after.get(names.score)).toBe(100);
});

test("regenerating keeps a 不涉及 where it can apply, and writes 涉及 (said so) where it cannot", async () => {
  const catalog = getCatalog(2022, "department");
  const typed = { [names.notApplicable("department.3.3")]: "不涉及", [names.notApplicable("department.6.1")]: "不涉及" };
  const file = await fill(await templateToBuffer(buildTemplateLayout(catalog, { name: "市教育局" }, { variant: "addin", answers: { values: PERFECT.department } })), typed);
  const r = regenerate(readFilled(readWorkbookBytes(file).sheets[0]), catalog, { variant: "addin" });
  if (!r.ok) throw new Error(r.reason);
  expect(r.refusedNotApplicable).toEqual(["department.6.1"]);
  const after = valuesOf(readWorkbookBytes(await templateToBuffer(r.layout!)).sheets[0]);
  expect([after.get(names.notApplicable("department.3.3")), after.get(names.notApplicable("department.6.1"))]).toEqual(["不涉及", "涉及"]);
});

test("regeneration refuses with a Chinese reason when a typed value has no place, and when year or kind differ", async () => {
  const county = getCatalog(2022, "county");
  const named = readWorkbookBytes(await templateToBuffer(buildTemplateLayout(county, { name: "东山区" }, { variant: "addin", answers: { values: PERFECT.county } }))).sheets[0];
  const withUnknown = withValue(named, "CR_IN_oldInput2021", 5);
  const a = regenerate(readFilled(withUnknown), county, { variant: "addin" });
  expect(a).toEqual({ ok: false, reason: expect.stringMatching(/没有对应位置：CR_IN_oldInput2021.*未作任何修改/) });
  const b = regenerate(readFilled(withValue(named, names.year, 2021)), county, { variant: "addin" });
  expect(b).toEqual({ ok: false, reason: expect.stringMatching(/2021 年度.*未作任何修改/) });
  const c = regenerate(readFilled(named), getCatalog(2022, "department"), { variant: "addin" });
  expect(c.ok).toBe(false);
  const d = regenerate(readFilled(withValue(named, names.notApplicable("county.1.1"), "也许")), county, { variant: "addin" });
  expect(d).toEqual({ ok: false, reason: expect.stringMatching(/是否涉及.*也许/) });
});

describe("template command", () => {
  // In-process, but writing every 市直部门's template is seconds of real work on a loaded machine.
  jest.setTimeout(120_000);
  test("without --units or --year writes the working year's 8 县区, named unit-year-kind", async () => {
    const out = join(tmp, "county");
    const r = await cli("template", "--kind", "county", "--out", out);
    expect(r.code).toBe(0);
    const year = workingYear();
    expect(readdirSync(out).sort()).toEqual(unitsOf(year).county.map((u) => `${u}-${year}-县区.xlsx`).sort());
    // Each with its 双公示台账 (issue 19 item 3: the ledger is in the template), whose counts it refers to.
    const one = readWorkbookBytes(readFileSync(join(out, `兴山区-${year}-县区.xlsx`)));
    expect(one.sheetNames).toEqual(["兴山区", "兴山区双公示台账"]);
  });

  test("--no-ledger writes the short form: the template sheet alone, the two 双公示 counts plain inputs", async () => {
    const out = join(tmp, "short");
    expect((await cli("template", "--year", "2022", "--kind", "county", "--units", "兴山区", "--no-ledger", "--out", out)).code).toBe(0);
    const read = readWorkbookBytes(readFileSync(join(out, "兴山区-2022-县区.xlsx")));
    expect(read.sheetNames).toEqual(["兴山区"]);
    const both = await cli("template", "--year", "2022", "--kind", "county", "--units", "兴山区", "--ledger", "--no-ledger", "--out", join(tmp, "both"));
    expect([both.code, both.err]).toEqual([2, expect.stringMatching(/--ledger 与 --no-ledger 只能选一个/)]);
    expect(existsSync(join(tmp, "both"))).toBe(false);
  });

  test("--units and --variant portable; 市直部门 default list comes from src/core/years/2022/departments.ts", async () => {
    const out = join(tmp, "dept");
    expect((await cli("template", "--year", "2022", "--kind", "department", "--units", "市税务局，市教育局", "--variant", "portable", "--out", out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["市教育局-2022-市直部门.xlsx", "市税务局-2022-市直部门.xlsx"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "市税务局-2022-市直部门.xlsx"));
    expect((cellOfName(wb, names.deduction("department.1.1.1")).value as ExcelJS.CellFormulaValue).formula).not.toMatch(/CREDIT/);
    // The office's list: one name per line between the backticks.
    const listed = readFileSync(join(root, "src/core/years/2022/departments.ts"), "utf8").split("`")[1].split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    const all = join(tmp, "dept-all");
    // Without their 双公示台账: this is about the list (the ledger is the county test's and --no-ledger's).
    expect((await cli("template", "--year", "2022", "--kind", "department", "--no-ledger", "--out", all)).code).toBe(0);
    expect(readdirSync(all).length).toBe(listed.length);
    expect(listed.length).toBeGreaterThanOrEqual(35);
  });

  test("bad input: Chinese message, exit 2, nothing written", async () => {
    const kindBad = await cli("template", "--kind", "town", "--out", join(tmp, "x"));
    expect([kindBad.code, kindBad.err]).toEqual([2, expect.stringMatching(/--kind 应为 county/)]);
    const empty = await cli("template", "--kind", "county", "--units", " , ", "--out", join(tmp, "y"));
    expect([empty.code, empty.err]).toEqual([2, expect.stringMatching(/--units 中没有单位名称/)]);
    const notDir = join(tmp, "a-file");
    writeFileSync(notDir, "x");
    const bad = await cli("template", "--kind", "county", "--out", notDir);
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/不是目录/)]);
    const noOut = await cli("template", "--kind", "county");
    expect([noOut.code, noOut.err]).toEqual([2, expect.stringMatching(/--out/)]);
    expect(existsSync(join(tmp, "x")) || existsSync(join(tmp, "y"))).toBe(false);
  });
});
