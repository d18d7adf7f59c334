// Names a template gets outside its cells: the sheet name and the file name of a unit's workbook. In core:
// the template writers name sheets and files by them, and the review recognises a unit's sheet by them.
import { UNIT_KIND_LABEL, type Catalog } from "./types";

/** Excel forbids : \ / ? * [ ] in sheet names and limits them to 31 characters. */
export function sheetNameOf(unit: string): string {
  return unit.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "单位";
}

/** "兴山区-2022-县区.xlsx" */
export function templateFileName(unit: string, year: number, kind: Catalog["kind"]): string {
  return `${unit.replace(/[\\/:*?"<>|]/g, "_")}-${year}-${UNIT_KIND_LABEL[kind]}.xlsx`;
}
