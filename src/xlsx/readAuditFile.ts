// Node only: the 考核组's 核定记录 from a file the office holds (its workbook saved as xlsx), for the
// command line's `summary --records`. Only the 核定记录 sheet is read; nothing else in the file is used.
import { latestRecords, parseAuditRows, AUDIT_SHEET, type VerificationRecords } from "../review/verification";
import { canonicalName } from "../review/identity";
import ExcelJS from "exceljs";
import { WorkbookReadError } from "./readWorkbook";
import { readFile } from "node:fs/promises";

/** The office's own workbook, loaded whole with ExcelJS (returned workbooks go through readWorkbook.ts instead). */
async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  } catch {
    throw new WorkbookReadError("文件已损坏或不是有效的 xlsx 工作簿，请在 Excel 中打开后重新另存为 .xlsx 再试");
  }
  return wb;
}

export interface AuditFile {
  file: string;
  records: VerificationRecords;
  /** How many entries the log holds (all of them, not only the latest per clause). */
  entries: number;
  problems: string[];
}

/** Reads the records; throws WorkbookReadError (Chinese) when the file or its 核定记录 sheet cannot be used. */
export async function readAuditFile(file: string): Promise<AuditFile> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new WorkbookReadError("文件不存在或无法读取");
  }
  const wb = await loadWorkbook(data);
  const ws = wb.getWorksheet(AUDIT_SHEET);
  if (!ws) throw new WorkbookReadError(`中没有“${AUDIT_SHEET}”工作表（应为市信用办在加载项中核定后保存的工作簿）`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v && typeof v === "object" && "richText" in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("") : v));
    rows[n - 1] = values;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const { entries, problems, foreign } = parseAuditRows(rows);
  if (foreign) throw new WorkbookReadError(`中的${problems[0]}`);
  return { file, records: latestRecords(entries, canonicalName), entries: entries.length, problems };
}
