// The bounds of one read and how it is refused. Every read of a returned workbook (and of the office's own
// files: the 核定记录, an existing 汇总) stays within these limits, and any refusal is a WorkbookReadError
// whose message, in Chinese, says why and what to do.

/** The file cannot be read as a workbook at all; the message says why, in Chinese. */
export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookReadError";
  }
}

export const LIMIT_MESSAGE = "文件过大或内容异常，请另存为 .xlsx 后重发";
export const RESAVE = "请在 Excel 中打开后重新另存为 .xlsx 再试";

/**
 * A returned template is about 20–60 KB, its sheet ~70 KB of XML and ~3,000 cells. The limits leave room
 * for pictures and extra sheets a unit may add, and keep one file well under 5 s and 512 MB.
 */
export const LIMITS = {
  /** The whole file. */
  file: 64 * 1048576,
  /** One inflated XML part we read. */
  part: 8 * 1048576,
  /** All inflated parts of one file together. */
  total: 32 * 1048576,
  /** <c> elements in one sheet. */
  cells: 400_000,
  /** Characters in one string (Excel's own limit for a cell). */
  string: 32_767,
  /** Entries of the shared-string table. */
  strings: 400_000,
  /** Time for one file, checked while scanning. */
  ms: 4_000,
};

/** A limit passed while reading; turned into a WorkbookReadError with LIMIT_MESSAGE by the entry points. */
export class LimitError extends Error {}

/** Refuses the read once its time is up (checked while scanning). */
export function checkTime(ctx: { deadline: number }): void {
  if (Date.now() > ctx.deadline) throw new LimitError(`读取超过 ${LIMITS.ms / 1000} 秒`);
}
