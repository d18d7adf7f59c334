// A CellStyle (src/core/cellStyle.ts) as ExcelJS style parts: the one translation for the template and the 汇总.
import type ExcelJS from "exceljs";
import { BORDER_COLOR, FONT_NAME, FONT_SIZE, type CellStyle } from "../core/cellStyle";

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: `FF${BORDER_COLOR}` } };

export function excelStyle(s: CellStyle): Pick<Partial<ExcelJS.Style>, "font" | "fill" | "alignment" | "border" | "numFmt"> {
  return {
    ...(s.numFmt ? { numFmt: s.numFmt } : {}),
    font: { name: FONT_NAME, size: s.size ?? FONT_SIZE, bold: s.bold, color: s.color ? { argb: `FF${s.color}` } : undefined },
    fill: s.fill ? { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill}` } } : undefined,
    alignment: { horizontal: s.h, vertical: s.v, wrapText: s.wrap },
    border: s.border ? { top: THIN, left: THIN, bottom: THIN, right: THIN } : undefined,
  };
}
