// A CellStyle (src/core/cellStyle.ts) in Office.js: the one translation for the template and the 汇总, as the
// ExcelJS writer's src/xlsx/cellStyle.ts is for the command line.
import { BORDER_COLOR, FONT_NAME, FONT_SIZE, type CellStyle } from "../core/cellStyle";

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const EDGE = { style: "Continuous", weight: "Thin", color: `#${BORDER_COLOR}` } as const;

/** One cell's format for Range.setCellProperties (ExcelApi 1.9): every property set, so a cell's old look goes. */
export function cellProperties(s: CellStyle, locked: boolean): Excel.SettableCellProperties {
  return {
    format: {
      font: { name: FONT_NAME, size: s.size ?? FONT_SIZE, bold: !!s.bold, color: s.color ? `#${s.color}` : "#000000" },
      fill: s.fill ? { color: `#${s.fill}` } : undefined,
      horizontalAlignment: s.h ? H_ALIGN[s.h] : undefined,
      verticalAlignment: s.v ? V_ALIGN[s.v] : undefined,
      wrapText: !!s.wrap,
      borders: s.border ? { top: EDGE, bottom: EDGE, left: EDGE, right: EDGE } : undefined,
      protection: { locked },
    },
  };
}

/**
 * Queues a style onto a range's format, property by property (ExcelApi 1.1: no setCellProperties needed),
 * over a range whose format was cleared: what the style does not say stays Excel's default. A bordered
 * range gets its inside vertical lines too, so every cell of a run is boxed like the ExcelJS writer's.
 */
export function queueStyle(f: Excel.RangeFormat, s: CellStyle): void {
  f.font.name = FONT_NAME;
  f.font.size = s.size ?? FONT_SIZE;
  if (s.bold) f.font.bold = true;
  if (s.color) f.font.color = `#${s.color}`;
  if (s.fill) f.fill.color = `#${s.fill}`;
  if (s.h) f.horizontalAlignment = H_ALIGN[s.h];
  if (s.v) f.verticalAlignment = V_ALIGN[s.v];
  if (s.wrap) f.wrapText = true;
  if (s.border)
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical"] as const) {
      const b = f.borders.getItem(edge);
      b.style = EDGE.style;
      b.weight = EDGE.weight;
      b.color = EDGE.color;
    }
}
