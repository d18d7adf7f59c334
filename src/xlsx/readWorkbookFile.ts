// Node-only: reading a returned workbook from disk (the task pane reads File objects instead).
import { readFile } from "node:fs/promises";
import { readWorkbookData, WorkbookReadError, type WorkbookRead } from "./readWorkbook";

export async function readWorkbookFile(path: string): Promise<WorkbookRead> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    throw new WorkbookReadError("文件不存在或无法读取");
  }
  return readWorkbookData(data);
}
