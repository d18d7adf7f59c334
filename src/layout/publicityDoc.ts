// The 及时率 result of a 双公示 record count (npm run cli -- publicity … --out 及时率.xlsx) as SheetDocs: per unit
// 总条数, 按时条数, 逾期, 有误 and 及时率; every late or unjudgeable record with its dates, working days and reason;
// and, for the units that are members, the 平台数据 sheet with the two counts filled in — the same layout the
// office fills by hand, so the result can stand as (or be pasted into) its 平台数据. The shapes below are what
// src/review/publicity.ts counts (layout does not import review: structural types).
import { isoToSerial } from "../core/coerce";
import { formatPercent } from "../core/format";
import { PUBLICITY_WORKING_DAYS, timelinessText, type Timeliness } from "../core/publicity";
import { UNIT_KIND_LABEL, type UnitKind } from "../core/types";
import { DOC_FORMAT, DocBuilder, fitDocHeights, type SheetDoc } from "./sheetDoc";
import type { CellStyle } from "./styles";

export interface CountedRecord {
  record: { sheet: string; row: number; subject: string; unit: string; docNo: string; decision: unknown; published: unknown };
  result: Timeliness;
}

export interface CountedUnit {
  name: string;
  member?: string;
  kind?: UnitKind;
  note?: string;
  spellings: string[];
  total: number;
  onTime: number;
  late: CountedRecord[];
  invalid: CountedRecord[];
}

export interface PublicityDocInput {
  units: CountedUnit[];
  /** The export's file name, for the title. */
  source: string;
  /** ISO date of the count. */
  date: string;
}

export const RATE_SHEET = "及时率";
export const LATE_SHEET = "逾期及有误记录";

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, size: 14, h: "center", v: "middle" },
  note: { size: 10, color: "404040", h: "left", v: "top", wrap: true },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  text: { size: 10, h: "left", v: "middle", wrap: true, border: true },
  num: { size: 10, h: "center", v: "middle", border: true },
  warn: { size: 10, h: "left", v: "middle", wrap: true, border: true, color: "9C0006" },
  total: { bold: true, size: 10, h: "center", v: "middle", border: true, fill: "F2F2F2" },
};

const rateOf = (u: { onTime: number; total: number }) => (u.total ? Number(((u.onTime * 100) / u.total).toFixed(10)) : undefined);

function unitNote(u: CountedUnit): string {
  const parts: string[] = [];
  if (u.note) parts.push(u.note);
  if (u.spellings.length) parts.push(`也写作${u.spellings.map((s) => `“${s}”`).join("、")}`);
  if (u.invalid.length) parts.push(`${u.invalid.length} 条记录的日期有误或无法判断，未计入按时，须核对`);
  return parts.join("；");
}

function rateSheet(input: PublicityDocInput): SheetDoc {
  const heads = ["序号", "数据来源单位", "成员单位", "类别", "总条数", "按时条数", "逾期条数", "有误条数", "及时率", "说明"];
  const widths = [5, 24, 18, 9, 8, 8, 8, 8, 9, 36];
  const b = new DocBuilder(heads.length);
  b.line(0, `“双公示”${PUBLICITY_WORKING_DAYS} 个工作日公示及时率`, "title", 26);
  b.line(
    1,
    `依据：${input.source}；统计日期：${input.date}。按时 = 决定后 ${PUBLICITY_WORKING_DAYS} 个工作日内（不计决定当天，按国务院公布的法定节假日和调休上班日计算）公示或上报；` +
      "日期缺失、无法识别、公示早于决定或不在工作日历范围内的记录为“有误”，不计入按时。及时率 = 按时条数 ÷ 总条数。",
    "note",
  );
  heads.forEach((h, c) => b.put(2, c, { v: h, s: "th" }));
  let r = 3;
  input.units.forEach((u, i) => {
    const rate = rateOf(u);
    b.put(r, 0, { v: i + 1, s: "num" });
    b.put(r, 1, { v: u.name || "（未填数据来源单位）", s: "text" });
    b.put(r, 2, { v: u.member ?? "", s: u.member ? "text" : "warn" });
    b.put(r, 3, { v: u.kind ? UNIT_KIND_LABEL[u.kind] : "", s: "num" });
    b.put(r, 4, { v: u.total, s: "num", numFmt: DOC_FORMAT.count });
    b.put(r, 5, { v: u.onTime, s: "num", numFmt: DOC_FORMAT.count });
    b.put(r, 6, { v: u.late.length, s: "num", numFmt: DOC_FORMAT.count });
    b.put(r, 7, { v: u.invalid.length, s: u.invalid.length ? "warn" : "num", numFmt: DOC_FORMAT.count });
    b.put(r, 8, { v: rate === undefined ? null : rate / 100, s: "num", numFmt: DOC_FORMAT.percent });
    b.put(r, 9, { v: unitNote(u), s: u.note || u.invalid.length ? "warn" : "text" });
    r++;
  });
  const sum = (f: (u: CountedUnit) => number) => input.units.reduce((s, u) => s + f(u), 0);
  const all = { total: sum((u) => u.total), onTime: sum((u) => u.onTime) };
  b.block(r, 0, { v: "合计", s: "total" }, 3);
  [all.total, all.onTime, sum((u) => u.late.length), sum((u) => u.invalid.length)].forEach((v, k) => b.put(r, 4 + k, { v, s: "total", numFmt: DOC_FORMAT.count }));
  const rate = rateOf(all);
  b.put(r, 8, { v: rate === undefined ? null : rate / 100, s: "total", numFmt: DOC_FORMAT.percent });
  b.put(r, 9, { v: rate === undefined ? "" : `全部记录及时率 ${formatPercent(rate, 100)}%`, s: "total" });
  return finish(b, RATE_SHEET, widths, r, [2, 2], "portrait");
}

const serialOr = (iso: string | undefined, raw: unknown) => (iso ? isoToSerial(iso) : raw === undefined || raw === null ? "" : raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw));

function lateSheet(input: PublicityDocInput): SheetDoc {
  const heads = ["数据来源单位", "行政相对人", "决定书文号", "决定日期", "公示（上报）日期", "工作日数", "结果", "说明", "记录位置"];
  const widths = [20, 22, 16, 11, 11, 7, 7, 44, 14];
  const b = new DocBuilder(heads.length);
  b.line(0, `“双公示”逾期及有误记录（${input.source}）`, "title", 26);
  heads.forEach((h, c) => b.put(1, c, { v: h, s: "th" }));
  let r = 2;
  for (const u of input.units) {
    for (const x of [...u.late, ...u.invalid]) {
      const t = x.result;
      const ok = t.state !== "有误";
      b.put(r, 0, { v: x.record.unit || u.name || "（未填）", s: "text" });
      b.put(r, 1, { v: x.record.subject, s: "text" });
      b.put(r, 2, { v: x.record.docNo, s: "text" });
      b.put(r, 3, { v: serialOr(ok ? t.decision : undefined, x.record.decision), s: "num", numFmt: ok ? DOC_FORMAT.date : undefined });
      b.put(r, 4, { v: serialOr(ok ? t.published : undefined, x.record.published), s: "num", numFmt: ok ? DOC_FORMAT.date : undefined });
      b.put(r, 5, { v: ok ? t.days : null, s: "num" });
      b.put(r, 6, { v: t.state, s: t.state === "有误" ? "warn" : "num" });
      b.put(r, 7, { v: timelinessText(t), s: t.state === "有误" ? "warn" : "text" });
      b.put(r, 8, { v: `${x.record.sheet ? `${x.record.sheet} ` : ""}第 ${x.record.row} 行`, s: "text" });
      r++;
    }
  }
  if (r === 2) {
    b.block(r, 0, { v: "（没有逾期或有误的记录）", s: "text" }, heads.length - 1);
    r++;
  }
  return finish(b, LATE_SHEET, widths, r - 1, [1, 1], "landscape");
}

function finish(b: DocBuilder, name: string, widths: number[], lastRow: number, titleRows: [number, number], orientation: "portrait" | "landscape"): SheetDoc {
  const doc: SheetDoc = {
    name,
    rows: b.rows,
    width: b.width,
    merges: b.merges,
    widths,
    heights: b.heights,
    hiddenColumns: [],
    hiddenRows: [],
    styles: STYLES,
    validations: [],
    freeze: { rows: titleRows[1] + 1, cols: 0 },
    print: { orientation, fit: { width: 1, height: 0 }, titleRows, footer: `${name}　第 &P 页，共 &N 页`, lastRow },
    protect: false,
  };
  fitDocHeights(doc);
  return doc;
}

/** The result workbook's sheets (the 平台数据 sheets are added by the caller, from src/layout/platform.ts). */
export function buildPublicityDocs(input: PublicityDocInput): SheetDoc[] {
  return [rateSheet(input), lateSheet(input)];
}
