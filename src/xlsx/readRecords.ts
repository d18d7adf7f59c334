// Node only: a 双公示 record export from disk — an xlsx workbook (every sheet with the headings, through the
// bounded reader: a returned file's limits and refusal) or a CSV/text export: UTF-8 with or without a byte-order
// mark, UTF-16 (Excel's “Unicode 文本”), or GBK/GB18030 as Chinese Windows writes it. The encoding is decided
// on the bytes: valid UTF-8 is UTF-8 (GBK Chinese text is practically never valid UTF-8), else GB18030 (a
// superset of GBK) when the bytes are valid in it, else the file is refused with the way out.
import { findColumns, parseCsv, recordsOf, REQUIRED_HEADINGS, type PublicityRecord, type RecordColumns } from "../review/records";
import { LIMITS, readSheetRows, sheetNamesOf, WorkbookReadError } from "../read/index";
import { readFileBounded } from "./readWorkbookFile";

export interface RecordFile {
  records: PublicityRecord[];
  /** The sheets (or the CSV, named "") the records came from, with their heading row. */
  tables: { sheet: string; columns: RecordColumns }[];
  /** Sheets without the headings, skipped. */
  skipped: string[];
  /** How a text file was decoded. */
  encoding?: "UTF-8" | "UTF-16" | "GBK";
}

/** The bytes of a text export as text; a WorkbookReadError (Chinese) when no encoding fits. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<RecordFile["encoding"]> } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    /* not UTF-8: try the Chinese Windows encoding */
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "GBK" };
  } catch {
    throw new WorkbookReadError("的编码无法识别（既不是 UTF-8 也不是 GBK）；请在 Excel 中打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx 再试");
  }
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Reads the records of an export; throws WorkbookReadError (Chinese, to follow the file's name) when it cannot be used. */
export function readRecordFile(path: string): RecordFile {
  const bytes = readFileBounded(path);
  if (bytes.length === 0) throw new WorkbookReadError("是空文件");
  if (isOle(bytes)) throw new WorkbookReadError("是旧版 .xls 格式（或已加密），请在 Excel 中“另存为” .xlsx 或 CSV 后再试");
  const out: RecordFile = { records: [], tables: [], skipped: [] };
  if (isZip(bytes)) {
    for (const name of sheetNamesOf(bytes)) {
      const sheet = readSheetRows(bytes, name);
      const columns = sheet && findColumns(sheet.rows);
      if (!sheet || !columns) {
        out.skipped.push(name);
        continue;
      }
      out.tables.push({ sheet: name, columns });
      out.records.push(...recordsOf(sheet.rows, name, columns));
    }
  } else {
    const { text, encoding } = decodeText(bytes);
    out.encoding = encoding;
    if (text.length > LIMITS.part * 2) throw new WorkbookReadError("过大，请分成几个文件再试");
    const rows = parseCsv(text);
    const columns = findColumns(rows);
    if (columns) {
      out.tables.push({ sheet: "", columns });
      out.records.push(...recordsOf(rows, "", columns));
    } else out.skipped.push("");
  }
  if (!out.tables.length) {
    throw new WorkbookReadError(`中找不到“双公示”记录的表头：应有${REQUIRED_HEADINGS}两列（表头可在前 30 行中的任一行）`);
  }
  return out;
}
