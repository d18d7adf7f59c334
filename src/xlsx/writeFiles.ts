// Node: the ExcelJS writers' bytes (writeTemplate.ts, writeSheetDoc.ts — free of Node, so the workbench page runs
// them too) written to files through a temporary file and a rename (atomicWrite.ts).
import type { SheetDoc } from "../layout/sheetDoc";
import type { TemplateLayout } from "../layout/template/types";
import { writeFileAtomic } from "./atomicWrite";
import { sheetDocsToBuffer } from "./writeSheetDoc";
import { templateToBuffer } from "./writeTemplate";

/**
 * Writes a template file through a temporary file and a rename (src/xlsx/atomicWrite.ts). `exclusive`
 * (the default) refuses to replace an existing file: a unit's filled template is never overwritten.
 */
export async function writeTemplateFile(layout: TemplateLayout, path: string, opts: { exclusive?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, await templateToBuffer(layout), { exclusive: opts.exclusive ?? false });
}

/** Writes the documents as one workbook through a temporary file and a rename; `exclusive` refuses to replace a file. */
export async function writeSheetDocs(path: string, docs: readonly SheetDoc[], opts: { exclusive?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, await sheetDocsToBuffer(docs), { exclusive: opts.exclusive ?? false });
}
