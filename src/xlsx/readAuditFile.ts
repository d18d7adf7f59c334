// Node only: the 考核组's 核定记录 from a file the office holds (its workbook saved as xlsx), for the
// command line's `summary --records`. Only the 核定记录 sheet is read, by the same bounded reader as the
// returned workbooks (src/read/: its limits, its refusal); nothing else in the file is used.
import { latestRecords, parseAuditRows, AUDIT_SHEET, type VerificationRecords } from "../review/verification";
import { readSheetRows, WorkbookReadError } from "../read/index";
import { readFileBounded } from "./readWorkbookFile";

export interface AuditFile {
  file: string;
  records: VerificationRecords;
  /** How many entries the log holds (all of them, not only the latest per clause). */
  entries: number;
  problems: string[];
}

/** Reads the records; throws WorkbookReadError (Chinese) when the file or its 核定记录 sheet cannot be used. */
export async function readAuditFile(file: string): Promise<AuditFile> {
  const sheet = readSheetRows(readFileBounded(file), AUDIT_SHEET);
  if (!sheet) throw new WorkbookReadError(`中没有“${AUDIT_SHEET}”工作表（应为市信用办在加载项中核定后保存的工作簿）`);
  // The add-in writes the log as values only (text is never a formula): a formula in it was put there by
  // hand or by someone else, and its cached result is not a record. The whole log is refused, not guessed at.
  const f = sheet.formulas[0];
  if (f) {
    const more = sheet.formulas.length > 1 ? ` 等 ${sheet.formulas.length} 个单元格` : "";
    throw new WorkbookReadError(
      `中的“${AUDIT_SHEET}”工作表 ${f.address}${more} 是公式（=${f.formula.length > 60 ? `${f.formula.slice(0, 60)}…` : f.formula}），内容异常：核定记录只由加载项按数值写入，含公式的记录不予采用；请核对后把公式改为数值再试`,
    );
  }
  const { entries, problems, foreign } = parseAuditRows(sheet.rows);
  if (foreign) throw new WorkbookReadError(`中的${problems[0]}`);
  return { file, records: latestRecords(entries), entries: entries.length, problems };
}
