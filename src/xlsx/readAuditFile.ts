// Node only: the 考核组's 核定 from a file the office holds, for the command line's `summary --records` (and
// `review --records`): the 核定记录 of its workbook (saved as xlsx), or a filled 核定表 (`review --out`,
// filled in Excel, WPS or LibreOffice). Only that sheet is read, by the same bounded reader as the returned
// workbooks (src/read/: its limits, its refusal); nothing else in the file is used.
import { basename } from "node:path";
import { readAuditBytes, type AuditFile } from "./auditBytes";
import { readFileBounded } from "./readWorkbookFile";

export type { AuditFile } from "./auditBytes";

/**
 * Reads the records; throws WorkbookReadError (Chinese) when the file or its sheet cannot be used
 * (src/xlsx/auditBytes.ts, which the workbench page runs on the file it is given).
 */
export async function readAuditFile(file: string): Promise<AuditFile> {
  return readAuditBytes(file, basename(file), readFileBounded(file));
}
