// The benches' returned workbooks: one 市直部门 template from the template writer, filled by name like a unit
// fills it, saved n times with a different unit and varied answers (made once per run, not timed).
//
// `ledger: true`: the template as the writer makes it by default, with its 双公示台账 (2,000 rows of formulas, a
// ~1.7 MB sheet part), 20 records pasted and the two 双公示 counts left to its formulas. Saving such a file with
// ExcelJS takes seconds, so one file is saved per score (5) and the others are made from them by putting the unit's
// name in place of the first unit's (names of one length: the parts' bytes are otherwise what ExcelJS wrote),
// zipped again at level 1 (src/xlsx/sheetDocXml.ts zipOf).
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getCatalog, indexOf, isoToSerial, LEDGER_COL, LEDGER_FIRST_ROW, ledgerCountFormula, ledgerSheetName, publicityInputs } from "../src/core/index";
import { names } from "../src/core/names";
import { buildTemplateLayout } from "../src/layout/template";
import { templateToBuffer } from "../src/xlsx/writeTemplate";
import { zipOf } from "../src/xlsx/sheetDocXml";
import { PERFECT } from "../test/fixtures/answers";
import { sheetNameOf } from "../src/core/fileNames";

const unitOf = (i: number) => `部门${String(i + 1).padStart(4, "0")}`;
/** Answers that vary from file to file (the score): files i and i + VARIED differ only by their unit. */
const VARIED = 5;

export async function corpus(n: number, dir: string, opts: { ledger?: boolean } = {}): Promise<{ files: string[]; units: string[] }> {
  const catalog = getCatalog(2022, "department");
  const blank = await templateToBuffer(buildTemplateLayout(catalog, { name: "模板" }, { variant: "addin", ledger: !!opts.ledger }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(blank as never);
  const model = wb.definedNames.model as { name: string; ranges: string[] }[];
  const cell = (name: string) => {
    const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(model.find((x) => x.name === name)!.ranges[0])!;
    return wb.worksheets[0].getCell(`${m[1]}${m[2]}`);
  };
  const counted = new Set(opts.ledger ? Object.values(publicityInputs(catalog)).map((s) => s!.id) : []);
  for (const spec of indexOf(catalog).inputs) if (!counted.has(spec.id)) cell(names.input(spec.id)).value = (PERFECT.department[spec.id] ?? null) as ExcelJS.CellValue;
  for (const id of indexOf(catalog).clauses.keys()) cell(names.evidence(id)).value = "已附";
  // Accurate records out of the ledger's 20 (PERFECT's 300 are out of its typed total).
  if (opts.ledger) cell(names.input("sgsAccurate")).value = 20;
  if (opts.ledger) {
    const ledger = wb.worksheets[1];
    for (let k = 0; k < 20; k++) {
      const r = ledger.getRow(LEDGER_FIRST_ROW + k);
      r.getCell(LEDGER_COL.subject).value = `相对人${k + 1}`;
      r.getCell(LEDGER_COL.docNo).value = `许字〔2022〕${k + 1}号`;
      r.getCell(LEDGER_COL.decision).value = isoToSerial(`2022-03-${String(k + 1).padStart(2, "0")}`);
      r.getCell(LEDGER_COL.published).value = isoToSerial(`2022-03-${String(k + 4).padStart(2, "0")}`);
    }
  }
  const saved = async (unit: string, i: number) => {
    cell(names.unit).value = unit;
    // The sheet is named after its unit, as the template writer names it (identity checks sheet, name and file).
    const sheetName = sheetNameOf(unit);
    wb.definedNames.model = model.map((d) => ({ ...d, ranges: d.ranges.map((r) => r.replace(/^'?[^!]*'?!/, `'${sheetName}'!`)) }));
    wb.worksheets[0].name = sheetName;
    if (opts.ledger) {
      wb.worksheets[1].name = ledgerSheetName(sheetName);
      // The counts' formulas name the ledger sheet: as the template writer writes them for this unit.
      for (const [which, spec] of Object.entries(publicityInputs(catalog))) cell(names.input(spec!.id)).value = { formula: ledgerCountFormula(which as "total" | "onTime", ledgerSheetName(sheetName)), result: 20 } as ExcelJS.CellValue;
    }
    cell(names.input("sevenIntoKinds")).value = i % VARIED; // varied scores
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };
  const files: string[] = [];
  const units: string[] = [];
  const bases: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const unit = unitOf(i);
    let bytes: Uint8Array;
    if (!opts.ledger) bytes = await saved(unit, i);
    else if (i < VARIED) bytes = bases[i] = await saved(unit, i);
    else bytes = renamed(bases[i % VARIED], unitOf(i % VARIED), unit);
    const f = join(dir, `${unit}.xlsx`);
    writeFileSync(f, bytes);
    files.push(f);
    units.push(unit);
  }
  return { files, units };
}

/** The workbook with `to` wherever it says `from` (UTF-8 of one length: nothing else moves). */
function renamed(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error("unit names of different lengths");
  const parts = Object.entries(unzipSync(bytes)).map(([name, data]) => {
    const d = Buffer.from(data);
    for (let at = d.indexOf(a); at >= 0; at = d.indexOf(a, at + a.length)) b.copy(d, at);
    return { name, data: new Uint8Array(d) };
  });
  return zipOf(parts);
}
