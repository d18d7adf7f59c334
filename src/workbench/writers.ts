// The ExcelJS writers the workbench page uses, in a chunk of their own (ExcelJS is most of the page's code):
// loaded by work.ts when a step first writes a file, so the page paints and reads without it.
export { templateBytes } from "../xlsx/writeTemplate";
export { sheetDocsBytes } from "../xlsx/writeSheetDoc";
export { reportOnlyFile, summaryFile } from "../xlsx/writeSummary";
