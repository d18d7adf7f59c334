/*
 * One file per unit from the pane. Excel saves whole workbooks only, so:
 * - the workbook's own .xlsx is read with Office.context.document.getFileAsync(Office.FileType.Compressed),
 *   slice by slice ("Returns the entire document file in slices of up to 4194304 bytes (4 MB)"; the file must
 *   be closed, "no more than two documents are allowed to be in memory" — Office.Document.getFileAsync,
 *   Excel on the web, Windows and Mac — Microsoft's Excel sample office-js-snippets
 *   samples/excel/26-document/get-file-in-slices-async.yaml; feature-detected, the callback reports a refusal);
 * - each unit's sheet is cut out of it (oneSheet.ts);
 * - the pane offers the files as downloads (a browser capability: Excel on the web and on Windows' WebView2
 *   save them to the 下载 folder; Excel on Mac's WKWebView does not download, office-js#2700), and opens any
 *   one of them as a new workbook with Excel.createWorkbook(base64) (ExcelApi 1.8: "creates and opens a new
 *   workbook … a copy of that file", Microsoft's "Work with workbooks using the Excel JavaScript API"), where
 *   the clerk saves it under the file name the pane shows.
 */
import { officeSupports } from "./common";

export class UnitFilesError extends Error {
  constructor(
    message: string,
    readonly next: string,
  ) {
    super(message);
  }
}

const SLICE = 4 * 1024 * 1024;

function asyncCall<T>(call: (done: (r: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    call((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value) : reject(new UnitFilesError(`Excel 未能给出工作簿文件（${r.error?.message ?? "未说明原因"}）`, "请先保存工作簿（Ctrl+S），再试一次。")))),
  );
}

/** The workbook as an .xlsx, as Excel would save it now. */
export async function workbookBytes(): Promise<Uint8Array> {
  const doc = Office.context?.document;
  if (!doc || typeof doc.getFileAsync !== "function") {
    throw new UnitFilesError("此版本的 Excel 不能把工作簿交给加载项，无法分出单位文件", "请按下面的手工步骤逐个另存，或改用 Microsoft 365 / Excel 网页版。");
  }
  const file = await asyncCall<Office.File>((done) => doc.getFileAsync(Office.FileType.Compressed, { sliceSize: SLICE }, done));
  try {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < file.sliceCount; i++) {
      // Slices are asked one after another: each depends on the file staying open (not an Excel.run sync).
      const slice = await asyncCall<Office.Slice>((done) => file.getSliceAsync(i, done));
      parts.push(Uint8Array.from(slice.data as ArrayLike<number>));
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  } finally {
    file.closeAsync();
  }
}

/** Whether this Excel can open a file as a new workbook (ExcelApi 1.8). */
export function canOpenAsWorkbook(): boolean {
  return typeof Excel !== "undefined" && typeof Excel.createWorkbook === "function" && officeSupports()("ExcelApi", "1.8");
}

/** Opens the .xlsx as a new, unsaved workbook in its own window (desktop) or tab (web). */
export async function openAsWorkbook(xlsx: Uint8Array): Promise<void> {
  if (!canOpenAsWorkbook()) throw new UnitFilesError("此版本的 Excel 不能由加载项打开新工作簿", "请用“下载”保存文件，或按手工步骤另存。");
  let binary = "";
  for (let i = 0; i < xlsx.length; i += 0x8000) binary += String.fromCharCode(...xlsx.subarray(i, i + 0x8000));
  await Excel.createWorkbook(btoa(binary));
}
