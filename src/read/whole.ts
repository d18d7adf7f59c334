// Node and browser: the bound for a workbook a library will load whole. ExcelJS (kept for writing) inflates
// every part of a file it loads, so before the command line hands it an existing 汇总 to update, every
// part is inflated here once within the reader's limits (LIMITS.part each, LIMITS.total together; sizes
// checked as declared and again while inflating) and nothing is kept. A 1 MB file holding a 1 GiB part
// cost ExcelJS 14 s and 3.3 GB; here it is refused in milliseconds.
import { LIMIT_MESSAGE, LIMITS, WorkbookReadError, xlsxBytes } from "./index";
import { inflateEntry, zipEntries, ZipError } from "./zip";

/** Throws WorkbookReadError (Chinese) unless every part of the file inflates within the limits. */
export function checkWholeWorkbook(data: Uint8Array | ArrayBuffer): void {
  const bytes = xlsxBytes(data);
  const started = Date.now();
  try {
    let total = 0;
    for (const e of zipEntries(bytes).values()) {
      if (e.name.endsWith("/") && e.size === 0) continue; // a folder entry
      // inflateEntry refuses a declared size over the bound before inflating, and stops at the bound while inflating.
      total += inflateEntry(bytes, e, Math.min(LIMITS.part, LIMITS.total - total)).length;
      if (Date.now() - started > LIMITS.ms) throw new ZipError(`读取超过 ${LIMITS.ms / 1000} 秒`, true);
    }
  } catch (e) {
    if (e instanceof ZipError) throw new WorkbookReadError(e.tooBig ? `${LIMIT_MESSAGE}（${e.message}）` : e.message);
    throw e;
  }
}
