// 平台数据: the 考核组's own figures, looked up on the credit platform (平台调阅), one row per member unit and
// one column per catalog input whose clause names 平台调阅 as its evidence — so a 2023 catalog brings its own
// columns — plus 调阅日期 and 来源. The office types or pastes figures, any subset (blank = not looked up).
// Never a unit's figures: the sheet is made for and kept by the office. Laid out once here as a SheetDoc;
// src/xlsx/writeSheetDoc.ts (command line) and src/office/sheetDoc.ts (pane) render it. Read back by
// src/review/platform.ts, which finds the columns by this layout's header rows.
import { UNIT_KIND_LABEL, type Catalog, type InputSpec, type UnitKind } from "../core/index";
import { PLATFORM_MARK, platformGroups, platformHeading, platformSheetName, DATE_HEADING, SOURCE_HEADING, UNIT_HEADING } from "../core/platform";
import { isoToSerial } from "../core/coerce";
import { DOC_FORMAT, DocBuilder, fitDocHeights, type DocCell, type SheetDoc } from "./sheetDoc";
import type { CellStyle } from "./styles";
import { validationOf } from "./template/inputs";

/** Rows of the sheet (0-based). */
export const PLATFORM_ROWS = { title: 0, note: 1, group: 2, heading: 3, ids: 4, first: 5 } as const;

export interface PlatformLayout {
  doc: SheetDoc;
  year: number;
  kind: UnitKind;
  /** Input id → its column (0-based). */
  columns: Map<string, number>;
  unitCol: number;
  dateCol: number;
  sourceCol: number;
}

/** What to fill in (the publicity count writes its figures this way): by unit name. */
export interface PlatformFill {
  values: Record<string, unknown>;
  /** ISO date. */
  date?: string;
  source?: string;
}

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, size: 16, h: "center", v: "middle" },
  note: { size: 10, color: "404040", h: "left", v: "top", wrap: true },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  group: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "E2EFDA", border: true },
  id: { size: 8, color: "808080", h: "center", v: "middle" },
  seq: { size: 10, h: "center", v: "middle", border: true },
  unit: { h: "left", v: "middle", wrap: true, border: true, fill: "FFF2CC" },
  input: { h: "right", v: "middle", fill: "FFF2CC", border: true },
  text: { size: 10, h: "left", v: "middle", wrap: true, fill: "FFF2CC", border: true },
};

const NOTE =
  "考核组从信用平台调阅后填写或粘贴（可只填部分单位、部分数据；空白表示未调阅）。单位名称须与成员单位名单一致，读取时按名称核对，" +
  "名称不符或有歧义的行只列出、不猜测；户数、条数填整数，百分比填 85% 或 0.85，是否类填“是”或“否”。本表是考核组的记录，不发给单位。";

function numFmtOf(spec: InputSpec): string {
  return spec.type === "count" ? DOC_FORMAT.count : spec.type === "percent" ? DOC_FORMAT.percent : spec.type === "date" ? DOC_FORMAT.date : DOC_FORMAT.text;
}

/** A figure as the sheet stores it: ISO dates as date serials, anything else as given. */
function stored(spec: InputSpec | undefined, raw: unknown): DocCell["v"] {
  if (raw === undefined || raw === null) return null;
  if ((spec === undefined || spec.type === "date") && typeof raw === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return isoToSerial(raw);
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  return String(raw);
}

/** Printed at 70 %: a dozen figure columns a page, the 序号 and 单位 columns repeated on every page. */
const SCALE = 70;

/** How many columns fit across an A4 landscape page at `scale` percent (0.4" side margins). */
function firstPageColumns(widths: readonly number[], scale: number): number {
  const room = ((841.89 - 2 * 0.4 * 72) * 100) / scale;
  let used = 0;
  let n = 0;
  for (const w of widths) {
    used += (w * 7 + 5) * 0.75;
    if (used > room) break;
    n++;
  }
  return Math.max(1, n);
}

/** The 平台数据 sheet of a catalog for its member units, blank or with figures filled in. */
export function buildPlatformLayout(catalog: Catalog, units: readonly string[], fill?: ReadonlyMap<string, PlatformFill>): PlatformLayout {
  const groups = platformGroups(catalog);
  const inputs = groups.flatMap((g) => g.inputs);
  const unitCol = 1;
  const firstInput = 2;
  const dateCol = firstInput + inputs.length;
  const sourceCol = dateCol + 1;
  const width = sourceCol + 1;
  const b = new DocBuilder(width);
  const R = PLATFORM_ROWS;
  const widths = [5, 24, ...inputs.map(() => 11), 12, 16];
  // The title and the note span the columns of the first printed page (the sheet is wider than a page).
  const span = firstPageColumns(widths, SCALE) - 1;
  b.block(R.title, 0, { v: `${catalog.year} 年度“信用鹤岗”考核 平台调阅数据（${UNIT_KIND_LABEL[catalog.kind]}）`, s: "title" }, span);
  b.heights.set(R.title, 30);
  b.block(R.note, 0, { v: NOTE, s: "note" }, span);
  b.block(R.group, 0, { v: "序号", s: "th" }, 0, R.heading);
  b.block(R.group, unitCol, { v: UNIT_HEADING, s: "th" }, unitCol, R.heading);
  b.block(R.group, dateCol, { v: DATE_HEADING, s: "th" }, dateCol, R.heading);
  b.block(R.group, sourceCol, { v: SOURCE_HEADING, s: "th" }, sourceCol, R.heading);
  const columns = new Map<string, number>();
  let col = firstInput;
  for (const g of groups) {
    const clauses = g.clauseIds.map((id) => id.slice(id.indexOf(".") + 1)).join("、");
    b.block(R.group, col, { v: `${g.title}（${clauses}）`, s: "group" }, col + g.inputs.length - 1);
    for (const spec of g.inputs) {
      columns.set(spec.id, col);
      b.put(R.heading, col, { v: platformHeading(spec), s: "th" });
      b.put(R.ids, col, { v: spec.id, s: "id" });
      col++;
    }
  }
  b.put(R.ids, 0, { v: PLATFORM_MARK, s: "id" });
  b.put(R.ids, unitCol, { v: `${catalog.year}:${catalog.kind}`, s: "id" });
  b.put(R.ids, dateCol, { v: "date", s: "id" });
  b.put(R.ids, sourceCol, { v: "source", s: "id" });
  b.hiddenRows.push(R.ids);
  const last = R.first + Math.max(units.length, 1) - 1;
  units.forEach((unit, i) => {
    const r = R.first + i;
    const f = fill?.get(unit);
    b.put(r, 0, { v: i + 1, s: "seq" });
    b.put(r, unitCol, { v: unit, s: "unit", numFmt: DOC_FORMAT.text, locked: false });
    for (const spec of inputs) b.put(r, columns.get(spec.id)!, { v: stored(spec, f?.values[spec.id]), s: "input", numFmt: numFmtOf(spec), locked: false });
    b.put(r, dateCol, { v: stored(undefined, f?.date), s: "input", numFmt: DOC_FORMAT.date, locked: false });
    b.put(r, sourceCol, { v: f?.source ?? null, s: "text", numFmt: DOC_FORMAT.text, locked: false });
  });
  for (const spec of inputs) {
    const c = columns.get(spec.id)!;
    const v = validationOf(spec, "A1");
    b.validations.push({ ...v, r1: R.first, c1: c, r2: last, c2: c, prompt: v.prompt.replace("已填写上方户数/条数时可不填。", "已填写户数/条数时可不填。") });
  }
  const doc: SheetDoc = {
    name: platformSheetName(catalog.kind),
    rows: b.rows,
    width,
    merges: b.merges,
    widths,
    heights: b.heights,
    hiddenColumns: [],
    hiddenRows: b.hiddenRows,
    styles: STYLES,
    validations: b.validations,
    freeze: { rows: R.first, cols: unitCol + 1 },
    print: {
      orientation: "landscape",
      scale: SCALE,
      titleRows: [R.group, R.heading],
      titleCols: [0, unitCol],
      header: "",
      footer: "平台调阅数据　第 &P 页，共 &N 页",
      lastRow: last,
    },
    protect: false,
    tabColor: "70AD47",
  };
  fitDocHeights(doc, R.note, last);
  return { doc, year: catalog.year, kind: catalog.kind, columns, unitCol, dateCol, sourceCol };
}
