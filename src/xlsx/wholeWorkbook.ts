// Node and browser: the bound for a workbook a library will load whole. ExcelJS (kept for writing) inflates
// every part of a file it loads, so before the command line hands it an existing 汇总 to update, every
// part is inflated here once within the reader's limits (LIMITS.part each, LIMITS.total together; sizes
// checked as declared and again while inflating) and nothing is kept. A 1 MB file holding a 1 GiB part
// cost ExcelJS 14 s and 3.3 GB; here it is refused in milliseconds.
import { LIMIT_MESSAGE, LIMITS, WorkbookReadError, xlsxBytes } from "./readWorkbook";
import { inflateEntry, mb, zipEntries, ZipError } from "./zip";

/** Throws WorkbookReadError (Chinese) unless every part of the file inflates within the limits. */
export function checkWholeWorkbook(data: Uint8Array | ArrayBuffer): void {
  const bytes = xlsxBytes(data);
  const started = Date.now();
  try {
    let total = 0;
    for (const e of zipEntries(bytes).values()) {
      if (e.name.endsWith("/") && e.size === 0) continue; // a folder entry
      const left = LIMITS.total - total;
      if (e.size > LIMITS.part || e.size > left) throw new ZipError(`${e.name} 声明解压后 ${mb(e.size)}，超过 ${mb(Math.min(LIMITS.part, left))}`, true);
      total += inflateEntry(bytes, e, Math.min(LIMITS.part, left)).length;
      if (Date.now() - started > LIMITS.ms) throw new ZipError(`读取超过 ${LIMITS.ms / 1000} 秒`, true);
    }
  } catch (e) {
    if (e instanceof ZipError) throw new WorkbookReadError(e.tooBig ? `${LIMIT_MESSAGE}（${e.message}）` : e.message);
    throw e;
  }
}
