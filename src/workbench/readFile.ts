// One returned file read in the browser, as readFileBounded + readWorkbookData read one on disk: refused by
// its size before a byte is read, then the one reader with the layout's placement. Used by the page's thread
// and by its workers (readWorker.ts) alike: the page reads a File's bytes (fileBytes), a worker reads them.
import { LIMIT_MESSAGE, LIMITS, readWorkbookData, WorkbookReadError, type Placement, type WorkbookRead } from "../read/index";
import { mb } from "../read/zip";

export type FileReading = { read: WorkbookRead; error?: undefined } | { error: string; read?: undefined };

/** The bytes of a File, refused like readFileBounded refuses a file on disk (its size first). */
export async function fileBytes(file: File): Promise<Uint8Array> {
  if (file.size > LIMITS.file) throw new WorkbookReadError(`${LIMIT_MESSAGE}（文件 ${mb(file.size)}，超过 ${mb(LIMITS.file)}）`);
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new WorkbookReadError("文件不存在或无法读取");
  }
}

/** The reason a file cannot be used, in Chinese (as the command line lists an unreadable file). */
export function readingError(e: unknown): { error: string } {
  return { error: e instanceof WorkbookReadError ? e.message : `读取或检查时出错，未计入汇总（${e instanceof Error ? e.message.slice(0, 80) : String(e)}）` };
}

/** The reading of a file's bytes (fileBytes'), or the Chinese reason it cannot be used. */
export async function readBytesOf(bytes: Uint8Array, placement: Placement): Promise<FileReading> {
  try {
    return { read: await readWorkbookData(bytes, { placement }) };
  } catch (e) {
    return readingError(e);
  }
}

/** The reading, or the Chinese reason it cannot be used (as the command line lists an unreadable file). */
export async function readFileOf(file: File, placement: Placement): Promise<FileReading> {
  let bytes: Uint8Array;
  try {
    bytes = await fileBytes(file);
  } catch (e) {
    return readingError(e);
  }
  return readBytesOf(bytes, placement);
}
