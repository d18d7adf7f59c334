// A cell's look as data, for every document the add-in writes (the template: src/layout/styles.ts; the 汇总:
// src/review/summaryStyles.ts). Each writer translates it once (ExcelJS: src/xlsx/cellStyle.ts; Office.js:
// src/office/cellStyle.ts), so the command line and the add-in draw the same document the same way.
// The font is 宋体 everywhere, 11 pt unless `size` says otherwise.

export interface CellStyle {
  bold?: boolean;
  size?: number;
  color?: string; // RRGGBB
  fill?: string; // RRGGBB
  h?: "left" | "center" | "right";
  v?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** A thin grey (#808080) box round the cell. */
  border?: boolean;
  /** Number format code ("0.00"); the cell's format is General otherwise (text cells are written as text). */
  numFmt?: string;
}

export const FONT_NAME = "宋体";
export const FONT_SIZE = 11;
export const BORDER_COLOR = "808080";
