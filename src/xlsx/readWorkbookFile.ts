// Node-only: reading a returned workbook from disk (the task pane reads File objects instead). The size is
// checked from the file system before a byte is read, so a huge file costs nothing.
import { readFile, stat } from "node:fs/promises";
import { LIMIT_MESSAGE, LIMITS, readWorkbookBytes, WorkbookReadError, type WorkbookRead } from "./readWorkbook";
import { mb } from "./zip";

export async function readWorkbookFile(path: string): Promise<WorkbookRead> {
  let data: Buffer;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new WorkbookReadError("是文件夹，不是 Excel 工作簿");
    if (s.size > LIMITS.file) throw new WorkbookReadError(`${LIMIT_MESSAGE}（文件 ${mb(s.size)}，超过 ${mb(LIMITS.file)}）`);
    data = await readFile(path);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError("文件不存在或无法读取");
  }
  return readWorkbookBytes(data);
}
