// The template's cell styles as data: a layout cell names one of these; each writer translates them
// (src/xlsx/cellStyle.ts, src/office/cellStyle.ts).
import type { CellStyle } from "../core/cellStyle";

export type { CellStyle };

export type StyleKey =
  | "title"
  | "headLabel"
  | "headValue"
  | "headInput"
  | "note"
  | "th"
  | "category"
  | "indicator"
  | "na"
  | "naFixed"
  | "number"
  | "clause"
  | "inputLabel"
  | "input"
  | "linked"
  | "unit"
  | "evidence"
  | "evidenceInput"
  | "formula"
  | "explain"
  | "verify"
  | "remark"
  | "totalLabel"
  | "total"
  | "sign"
  | "meta";

export const STYLES: Record<StyleKey, CellStyle> = {
  title: { bold: true, size: 16, h: "center", v: "middle" },
  headLabel: { bold: true, h: "right", v: "middle", fill: "F2F2F2", border: true },
  headValue: { h: "left", v: "middle", border: true },
  headInput: { h: "left", v: "middle", fill: "FFF2CC", border: true },
  // No printed text below 10 pt: fitted to A4 landscape the sheet prints at about 84 %, so 10 pt → 8.4 pt.
  note: { size: 10, h: "left", v: "top", wrap: true },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  category: { bold: true, h: "center", v: "middle", wrap: true, border: true },
  indicator: { h: "left", v: "middle", wrap: true, border: true },
  na: { h: "center", v: "middle", fill: "FFF2CC", border: true },
  // 是否涉及 where 不涉及 cannot apply: fixed 涉及, locked, like the other computed cells.
  naFixed: { h: "center", v: "middle", color: "595959", border: true },
  // 序号: the clause's number (2.2.1), as every message names the clause.
  number: { h: "center", v: "middle", border: true, size: 10 },
  clause: { h: "left", v: "middle", wrap: true, border: true },
  inputLabel: { h: "left", v: "middle", wrap: true, border: true, size: 10 },
  input: { h: "right", v: "middle", fill: "FFF2CC", border: true },
  linked: { h: "right", v: "middle", fill: "EDEDED", color: "595959", border: true },
  unit: { h: "center", v: "middle", border: true, size: 10 },
  evidence: { h: "left", v: "middle", wrap: true, border: true, size: 10 },
  evidenceInput: { h: "left", v: "middle", wrap: true, fill: "FFF2CC", border: true, size: 10 },
  formula: { h: "center", v: "middle", bold: true, border: true },
  explain: { h: "left", v: "middle", wrap: true, border: true, size: 10 },
  verify: { h: "center", v: "middle", fill: "E2EFDA", border: true, wrap: true, size: 10 },
  remark: { h: "left", v: "middle", wrap: true, fill: "FFF2CC", border: true, size: 10 },
  totalLabel: { bold: true, h: "right", v: "middle", border: true, fill: "F2F2F2" },
  total: { bold: true, h: "center", v: "middle", border: true, fill: "F2F2F2" },
  sign: { h: "left", v: "bottom", size: 12 },
  // Hidden columns only: never printed.
  meta: { size: 8, color: "808080" },
};
