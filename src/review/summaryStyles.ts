// The 汇总's cell styles as data, beside its grid (summaryGrid.ts): a grid cell names one of these and both
// writers render this one table (the command line: src/xlsx/writeSummary.ts; the add-in: src/office/summary.ts),
// the way the template's src/layout/styles.ts is rendered.
import type { CellStyle } from "../core/cellStyle";

export type GridStyle =
  | "title"
  | "meta"
  | "metaRight"
  | "section"
  | "th"
  | "text"
  | "num"
  | "score"
  | "weighted"
  | "remark"
  | "missing"
  | "sign"
  | "info"
  | "problem"
  | "note"
  | "status.未返回"
  | "status.待核定"
  | "status.已核定"
  | "status.有问题";

const status = (fill: string): CellStyle => ({ h: "center", v: "middle", fill, border: true });

export const SUMMARY_STYLES: Readonly<Record<GridStyle, CellStyle>> = {
  title: { bold: true, size: 18, h: "center", v: "middle" },
  meta: { h: "left", v: "middle" },
  metaRight: { h: "right", v: "middle" },
  section: { bold: true, size: 12, v: "middle" },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  text: { v: "middle", wrap: true, border: true },
  num: { h: "center", v: "middle", border: true },
  score: { bold: true, h: "center", v: "middle", border: true },
  // 按比例计入: always two decimals (3.00, 2.57), as the 市委考评办 adds them up.
  weighted: { bold: true, h: "center", v: "middle", border: true, numFmt: "0.00" },
  remark: { size: 10, v: "middle", wrap: true, border: true },
  // The line of units that did not return their form, under each table of the report.
  missing: { size: 10, v: "middle", wrap: true, border: true },
  sign: { size: 12, h: "left", v: "bottom" },
  // How the figures were made (工作记录): grey, smaller.
  info: { size: 10, color: "404040", v: "top", wrap: true },
  problem: { size: 10, v: "top", wrap: true, border: true },
  // The office's own column (市信用办备注): the input colour of the templates.
  note: { size: 10, v: "top", wrap: true, fill: "FFF2CC", border: true },
  "status.未返回": status("D9D9D9"),
  "status.待核定": status("FFF2CC"),
  "status.已核定": status("E2EFDA"),
  // Excel's own "light red fill with dark red text".
  "status.有问题": { ...status("FFC7CE"), bold: true, color: "9C0006" },
};
