// Returned workbooks made the way units make them: T's template writer, then cells typed through ExcelJS
// by defined name (never by coordinates).
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { getCatalog, indexOf, type Catalog, type UnitKind } from "../../src/core/index";
import { names } from "../../src/core/names";
import { buildTemplateLayout } from "../../src/layout/template";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { PERFECT } from "../fixtures/answers";
import { recipeKey, sharedFixture } from "../helpers/fixtureCache";

export function cellOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  return namedCells(wb)(name);
}

/**
 * The cell of each defined name, the names read once: ExcelJS builds its whole list of names (every range of
 * every name) each time `definedNames.model` is read, so looking up each of a template's inputs and clauses
 * through cellOf made filling one returned file quadratic in its names. For a workbook whose names do not change
 * while it is used (filling a template's cells).
 */
export function namedCells(wb: ExcelJS.Workbook): (name: string) => ExcelJS.Cell {
  const ranges = new Map((wb.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges]));
  return (name) => {
    const entry = ranges.get(name);
    if (!entry) throw new Error(`no name ${name}`);
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(entry[0])!;
    return wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
  };
}

export interface Fill {
  values?: Record<string, unknown>;
  notApplicable?: string[];
  /** Fill every clause's 已附佐证材料 (default true). */
  evidence?: boolean;
  edit?: (wb: ExcelJS.Workbook) => void;
  /** The list the template is made from (default: the registered 2022 list of the kind). */
  catalog?: Catalog;
  /** A template file to fill (e.g. one the command line wrote) instead of a fresh one. */
  template?: Buffer;
}

const blankCache = new Map<string, Buffer>();

/**
 * A blank template of the unit, filled by name like a unit would type it, saved to a buffer. Made once per test
 * run for each recipe without an `edit` (test/helpers/fixtureCache.ts): the other files of the run read the same
 * bytes back instead of writing them again through ExcelJS.
 */
export function returnedFile(unit: string, kind: UnitKind, fill: Fill = {}): Promise<Buffer> {
  if (fill.edit) return makeReturnedFile(unit, kind, fill);
  let recipe: unknown;
  try {
    const template = fill.template ? createHash("sha256").update(fill.template).digest("hex") : null;
    recipe = recipeKey({ unit, kind, values: fill.values, notApplicable: fill.notApplicable, evidence: fill.evidence, catalog: fill.catalog, template });
  } catch {
    return makeReturnedFile(unit, kind, fill); // a recipe holding something that cannot be keyed: made each time
  }
  return sharedFixture("returned", recipe, () => makeReturnedFile(unit, kind, fill));
}

async function makeReturnedFile(unit: string, kind: UnitKind, fill: Fill): Promise<Buffer> {
  const catalog = fill.catalog ?? getCatalog(2022, kind);
  const key = `${unit}|${kind}`;
  let blank: Buffer | undefined = fill.template ?? (fill.catalog ? undefined : blankCache.get(key));
  if (!blank) {
    const made = await templateToBuffer(buildTemplateLayout(catalog, { name: unit }, { variant: "addin" }));
    if (!fill.catalog) blankCache.set(key, made);
    blank = made;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(blank as never);
  const values = { ...PERFECT[kind], ...(fill.values ?? {}) };
  const cellAt = namedCells(wb);
  for (const spec of indexOf(catalog).inputs) {
    const v = values[spec.id];
    const cell = cellAt(names.input(spec.id));
    cell.value = v === undefined ? null : (v as ExcelJS.CellValue);
  }
  for (const id of fill.notApplicable ?? []) cellAt(names.notApplicable(id)).value = "不涉及";
  if (fill.evidence !== false) for (const id of indexOf(catalog).clauses.keys()) cellAt(names.evidence(id)).value = "已附（见附件）";
  // What Excel's recalculation leaves in the formula cells: the results for these answers.
  const evidence = fill.evidence !== false ? Object.fromEntries([...indexOf(catalog).clauses.keys()].map((id) => [id, "x"])) : {};
  const computed = buildTemplateLayout(catalog, { name: unit }, { variant: "addin", answers: { values, notApplicable: fill.notApplicable, evidence } });
  const ws = wb.worksheets[0];
  for (const c of computed.cells) {
    if (c.formula === undefined) continue;
    ws.getCell(c.address).value = { formula: c.formula, result: c.cached ?? "" } as ExcelJS.CellFormulaValue;
  }
  fill.edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
