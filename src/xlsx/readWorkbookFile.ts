// Node-only: reading a returned workbook from disk (the task pane reads File objects instead). The size is
// taken from the open file before a byte is read, so a huge file costs nothing, and exactly that many bytes
// are read: a file swapped or grown after the check cannot make the read unbounded.
//
// Synchronous on purpose: the command line reads one file after another, and fs/promises' readFile (a
// stat, then chunks through the thread pool) cost about 0.4 ms a file in waiting alone — a seventh of a
// 1,000-file 汇总.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { LIMIT_MESSAGE, LIMITS, readWorkbookData, WorkbookReadError, type ReadOptions, type WorkbookRead } from "../read/index";
import { mb } from "../read/zip";

/** `opts.placement`: hold the CR_* names to the layout's cells (src/layout/placement.ts placementFor). */
const SPECIAL = "是特殊文件（管道、设备或套接字），不是 Excel 工作簿，未打开";

export async function readWorkbookFile(path: string, opts: ReadOptions = {}): Promise<WorkbookRead> {
  return readWorkbookData(readFileBounded(path), opts);
}

/** The file's bytes, refused when it is a folder, missing, unreadable or over LIMITS.file. */
export function readFileBounded(path: string): Buffer {
  let fd: number;
  try {
    // A FIFO, device or socket is refused before it is opened: opening a FIFO waits for a writer forever.
    const st = statSync(path);
    if (!st.isFile() && !st.isDirectory()) throw new WorkbookReadError(SPECIAL);
    // O_NONBLOCK: should the path become a FIFO after the check, the open returns instead of waiting.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    if ((e as NodeJS.ErrnoException).code === "EISDIR") throw new WorkbookReadError("是文件夹，不是 Excel 工作簿");
    throw new WorkbookReadError("文件不存在或无法读取");
  }
  try {
    const s = fstatSync(fd);
    if (s.isDirectory()) throw new WorkbookReadError("是文件夹，不是 Excel 工作簿");
    if (!s.isFile()) throw new WorkbookReadError(SPECIAL);
    if (s.size > LIMITS.file) throw new WorkbookReadError(`${LIMIT_MESSAGE}（文件 ${mb(s.size)}，超过 ${mb(LIMITS.file)}）`);
    const data = Buffer.allocUnsafe(s.size);
    let off = 0;
    while (off < s.size) {
      const n = readSync(fd, data, off, s.size - off, off);
      if (n === 0) break; // shrank since fstat: what is there
      off += n;
    }
    return data.subarray(0, off);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError("文件不存在或无法读取");
  } finally {
    closeSync(fd);
  }
}
