// The 考核组's 核定 from the bytes of a file the office holds, free of Node (the command line's readAuditFile
// reads the file from disk; the workbench page is given it): the 核定记录 of its workbook (saved as xlsx), or a
// filled 核定表 (`review --out`, filled in Excel, WPS or LibreOffice). Only that sheet is read, by the same
// bounded reader as the returned workbooks (src/read/: its limits, its refusal); nothing else in the file is used.
import { decisionsOf, readReviewSheet, REVIEW_SHEET, type ReviewSheetEntry } from "../review/reviewSheet";
import type { RecordItem } from "../review/decisions";
import { latestRecords, parseAuditRows, AUDIT_SHEET, type VerificationRecords } from "../review/verification";
import { readSheetRows, WorkbookReadError } from "../read/index";

export interface AuditFile {
  file: string;
  /** What the file's 核定 came from: the add-in's 核定记录, or a filled 核定表. */
  kind: typeof AUDIT_SHEET | typeof REVIEW_SHEET;
  /** The entries (核定记录) or decisions (核定表), in the file's order: later ones win (latestRecords). */
  items: RecordItem[];
  records: VerificationRecords<RecordItem>;
  /** How many entries the log holds (all of them, not only the latest per clause), or decisions the 核定表 carries. */
  entries: number;
  /** Rows that cannot be used, each named by sheet and row, in Chinese. */
  problems: string[];
  /**
   * A filled 核定表's rows as read back (readReviewSheet), for a 核定表 made anew over it to keep what was typed
   * on its rows (the command line's `review --out` over an existing 核定表), and the rows that could not be
   * carried (a formula, a decision without its key: that command refuses to write over them).
   */
  sheet?: { entries: ReviewSheetEntry[]; problems: string[] };
}

/**
 * Reads the records; throws WorkbookReadError (Chinese) when the file or its sheet cannot be used. A
 * workbook with a 核定记录 is read for it alone (the record is the record; a 核定表 beside it is the add-in's
 * working sheet, recorded from the pane); otherwise its 核定表 is read: its filled rows are decisions, made
 * entries against each unit's current figures when the 汇总 is made (src/review/steps/verify.ts).
 */
export function readAuditBytes(file: string, name: string, bytes: Uint8Array): AuditFile {
  const sheet = readSheetRows(bytes, AUDIT_SHEET);
  if (!sheet) return readReviewFile(file, name, bytes);
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
  return { file, kind: AUDIT_SHEET, items: entries, records: latestRecords(entries), entries: entries.length, problems };
}

function readReviewFile(file: string, name: string, bytes: Uint8Array): AuditFile {
  const sheet = readSheetRows(bytes, REVIEW_SHEET);
  if (!sheet) throw new WorkbookReadError(`中没有“${AUDIT_SHEET}”或“${REVIEW_SHEET}”工作表（应为加载项中核定后保存的工作簿，或用 npm run cli -- review 生成并填写的核定表）`);
  const read = readReviewSheet(sheet.rows, new Map(sheet.formulas.map((x) => [x.address, x.formula])));
  if (read.foreign) throw new WorkbookReadError(`中的${read.problems[0]}`);
  const { decisions, mistakes } = decisionsOf(read.entries, (row) => `核定表“${name}”第 ${row} 行`);
  const problems = [...read.problems.map((p) => `核定表“${name}”：${p}`), ...mistakes];
  return { file, kind: REVIEW_SHEET, items: decisions, records: latestRecords(decisions), entries: decisions.length, problems, sheet: { entries: read.entries, problems: read.problems } };
}
