// The template's 双公示台账 as one pure SheetDoc (rendered by src/xlsx/writeSheetDoc.ts and src/office/sheetDoc.ts):
// the unit pastes its 双公示 records (行政相对人名称, 决定书文号, 决定日期, 公示或上报日期 — the headings the
// publicity command reads) and each row says, by native formulas only, how many working days the publication
// took and whether that is within 7 — in Excel with or without the add-in, WPS and LibreOffice alike. The
// template's two 双公示 count inputs count the 是否按时 column (core/ledger.ts ledgerCountFormula).
//
// Working days natively: a hidden column holds the official calendar as cumulative working days from
// 1 January of the year before the assessment year to 31 December of the year after (core's
// cumulativeWorkingDays, which knows the 法定节假日 and the 调休 working weekends NETWORKDAYS does not), so the
// working days after day a up to day b are two INDEX look-ups. Dates are read as core's ledgerDate reads them
// (a date, a serial, or text such as 2022/3/5, 2022年3月5日, 20220305, with or without a time) in hidden helper
// columns. The rule a row is judged by is core's (core/ledger.ts judgeLedgerRow); the review counts the rows
// itself by it and never takes the sheet's saved results.
import {
  cumulativeWorkingDays,
  isoToSerial,
  LEDGER_COL as C,
  LEDGER_FIRST_ROW,
  LEDGER_HEAD_ROW,
  LEDGER_HEADINGS,
  LEDGER_LAST_ROW,
  LEDGER_ROWS,
  ledgerSheetName,
  ledgerSpan,
  ledgerYears,
  PUBLICITY_WORKING_DAYS,
  judgeLedgerRow,
  ledgerDate,
  type Catalog,
} from "../core/index";
import type { LedgerRecord } from "./template/types";
import { colLetter } from "../core/a1";
import { sheetNameOf } from "../core/fileNames";
import { DOC_FORMAT, DocBuilder, type SheetDoc } from "./sheetDoc";
import type { CellStyle } from "./styles";

export const LEDGER_STYLES: Record<string, CellStyle> = {
  title: { bold: true, size: 14, h: "center", v: "middle" },
  note: { size: 10, h: "left", v: "top", wrap: true },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  input: { size: 10, h: "left", v: "middle", fill: "FFF2CC", border: true },
  date: { size: 10, h: "center", v: "middle", fill: "FFF2CC", border: true },
  formula: { size: 10, h: "center", v: "middle", border: true },
  reason: { size: 10, h: "left", v: "middle", border: true },
  hidden: { size: 9, color: "808080" },
  count: { bold: true, size: 10, h: "left", v: "top", wrap: true, color: "C00000" },
};

const L = (c: number) => colLetter(c);

/**
 * Record rows the print area covers at least (one A4 landscape page with the headings): the print area is the
 * headings and the rows holding records when the sheet is written, never fewer than these.
 *
 * Why a fixed print area, not one that follows the records: the whole prepared block (2,000 rows of formulas)
 * printed as about 60 pages of empty rows, and no print setup follows pasted rows in every program. Excel
 * takes a print area only as the _xlnm.Print_Area defined name (ECMA-376 Part 1, §18.2.5 definedName; Excel's
 * PageSetup.PrintArea is "the range to be printed", https://learn.microsoft.com/office/vba/api/excel.pagesetup.printarea),
 * and LibreOffice imports that name only when it is a plain range: tried here with
 * `$A$1:INDEX($H:$H,33)` and `OFFSET($A$1,0,0,33,8)` it printed the whole used area (61 pages of the ledger),
 * with `$A$1:$H$33` one page. Without a print area every program prints the used area, which the formulas of
 * all 2,000 rows fill. So the area is fixed, and the sheet says on its first page, by a native formula
 * (printNote), when records lie below it and how to print them.
 */
export const LEDGER_PRINTED_ROWS = 24;

/** The 0-based last row the print area covers for `records` typed records (the last non-empty one counts). */
export function ledgerPrintLastRow(records: readonly LedgerRecord[]): number {
  let last = 0;
  records.forEach((rec, i) => {
    if (Object.values(rec).some((v) => v !== undefined && v !== null && String(v).trim() !== "")) last = i + 1;
  });
  return LEDGER_FIRST_ROW - 2 + Math.min(LEDGER_ROWS, Math.max(LEDGER_PRINTED_ROWS, last));
}

/**
 * The note beside the instructions: how many records the sheet holds and, when some lie below the print area,
 * that they do and how to print them — a native formula over the 是否按时 column (every record has a status).
 */
function printNote(lastPrinted: number): { f: string; text: (count: number, below: boolean) => string } {
  const status = L(C.status);
  // Each status counted by name, as the count inputs count them (core ledgerCountFormula): a wildcard such as
  // "?*" is not counted alike everywhere (HyperFormula counts the formulas' "" with it).
  const all = (from: number) => {
    const r = `${status}${from}:${status}${LEDGER_LAST_ROW}`;
    return `(COUNTIF(${r},"按时")+COUNTIF(${r},"逾期")+COUNTIF(${r},"有误"))`;
  };
  const below = lastPrinted + 1 < LEDGER_LAST_ROW ? all(lastPrinted + 2) : "0";
  const more = `已超出打印区域（第 ${LEDGER_FIRST_ROW}—${lastPrinted + 1} 行）：打印全部记录请先选中记录所在的行，再在打印设置中选“打印选定区域”`;
  return {
    f: `"本表已填 "&${all(LEDGER_FIRST_ROW)}&" 条记录"&IF(${below}>0,"，${more}","。")`,
    text: (count, over) => `本表已填 ${count} 条记录${over ? `，${more}` : "。"}`,
  };
}

/** The calendar the sheet carries: first and last serial, the cumulative working days and their range. */
export interface LedgerCalendar {
  first: number;
  last: number;
  cumulative: number[];
  range: string;
}

export function ledgerCalendar(year: number): LedgerCalendar | undefined {
  const span = ledgerSpan(year);
  if (!span) return undefined;
  const t = cumulativeWorkingDays(span.from, span.to);
  const col = L(C.calCum);
  return { first: isoToSerial(t.firstIso), last: isoToSerial(t.lastIso), cumulative: t.cumulative, range: `$${col}$${LEDGER_FIRST_ROW}:$${col}$${LEDGER_FIRST_ROW + t.cumulative.length - 1}` };
}

/** The text of a date cell with 年 月 / . as "-", 日 and T as spaces, trimmed (Excel's TRIM also collapses spaces). */
const textOf = (x: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x}&"","年","-"),"月","-"),"日"," "),"/","-"),".","-"),"T"," "))`;

/**
 * The formulas of a date's four helper cells (1-based row `r`, the date in column `x`, helpers from column `h`):
 * its text, the part before the first space, its yyyymmdd key, its serial ("" when it is no date) — core's
 * ledgerDate, step by step.
 */
function dateHelpers(r: number, x: number, h: number): string[] {
  const X = `${L(x)}${r}`;
  const T = `${L(h)}${r}`;
  const P = `${L(h + 1)}${r}`;
  const K = `${L(h + 2)}${r}`;
  const dash2 = `FIND("-",${P},6)`;
  const key =
    `IFERROR(IF(ISNUMBER(${X}),IF(${X}=INT(${X}),${X},""),` +
    `IF(ISERROR(FIND("-",${P})),IF(LEN(${P})=8,--${P},""),` +
    `IF(FIND("-",${P})=5,LEFT(${P},4)*10000+MID(${P},6,${dash2}-6)*100+MID(${P},${dash2}+1,99),""))),"")`;
  const day = `DATE(INT(${K}/10000),MOD(INT(${K}/100),100),MOD(${K},100))`;
  const serial =
    `IFERROR(IF(AND(ISNUMBER(${X}),${X}>=32874,${X}<73051),INT(${X}),` +
    `IF(AND(ISNUMBER(${K}),${K}>=19900101,${K}<=20991231),IF(YEAR(${day})*10000+MONTH(${day})*100+DAY(${day})=${K},${day},""),"")),"")`;
  return [textOf(X), `LEFT(${T},FIND(" ",${T}&" ")-1)`, key, serial];
}

/** Every formula of a ledger row (1-based row), by 1-based column. */
export function ledgerRowFormulas(r: number, cal: LedgerCalendar, years: string): Map<number, string> {
  const out = new Map<number, string>();
  const hd = C.helper;
  const hp = C.helper + 4;
  dateHelpers(r, C.decision, hd).forEach((f, i) => out.set(hd + i, f));
  dateHelpers(r, C.published, hp).forEach((f, i) => out.set(hp + i, f));
  const a = `${L(hd + 3)}${r}`;
  const b = `${L(hp + 3)}${r}`;
  const E = `${L(C.days)}${r}`;
  const F = `${L(C.status)}${r}`;
  const cell = (c: number) => `${L(c)}${r}`;
  out.set(C.days, `IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),IF(AND(${b}>=${a},${a}>=${cal.first},${b}<=${cal.last}),INDEX(${cal.range},${b}-${cal.first - 1})-INDEX(${cal.range},${a}-${cal.first - 1}),""),"")`);
  out.set(C.status, `IF(LEN(TRIM(${cell(C.subject)}&${cell(C.docNo)}&${cell(C.decision)}&${cell(C.published)}))=0,"",IF(ISNUMBER(${E}),IF(${E}<=${PUBLICITY_WORKING_DAYS},"按时","逾期"),"有误"))`);
  out.set(
    C.reason,
    `IF(${F}="有误",IF(ISNUMBER(${a}),IF(ISNUMBER(${b}),IF(${b}<${a},"公示或上报日期早于决定日期","日期不在工作日历范围（${years}）内"),"公示或上报日期未填或不是可识别的日期"),"决定日期未填或不是可识别的日期"),` +
      `IF(${F}="逾期","超过${PUBLICITY_WORKING_DAYS}个工作日",IF(${F}="按时","${PUBLICITY_WORKING_DAYS}个工作日内","")))`,
  );
  return out;
}

/** A typed ledger cell as written: a Date as its serial, text and numbers as they are. */
function typed(v: unknown): string | number | boolean | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime() / 86_400_000 + 25569;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return v === null || v === undefined ? null : String(v);
}

/**
 * What a row's visible formulas show for typed records (their cached results, for programs that do not
 * recalculate): core's judgement, the 说明 worded as the sheet's formula words it.
 */
function cachedRow(r: number, rec: LedgerRecord, year: number, years: string): Map<number, string | number> {
  const out = new Map<number, string | number>();
  const j = judgeLedgerRow(r, rec, year);
  if (!j) return out;
  const a = ledgerDate(rec.decision);
  const b = ledgerDate(rec.published);
  if (a !== undefined) out.set(C.helper + 3, a);
  if (b !== undefined) out.set(C.helper + 7, b);
  if (j.days !== undefined) out.set(C.days, j.days);
  out.set(C.status, j.status);
  out.set(
    C.reason,
    j.status === "按时"
      ? `${PUBLICITY_WORKING_DAYS}个工作日内`
      : j.status === "逾期"
        ? `超过${PUBLICITY_WORKING_DAYS}个工作日`
        : a === undefined
          ? "决定日期未填或不是可识别的日期"
          : b === undefined
            ? "公示或上报日期未填或不是可识别的日期"
            : b < a
              ? "公示或上报日期早于决定日期"
              : `日期不在工作日历范围（${years}）内`,
  );
  return out;
}

/**
 * The 双公示台账 of a unit's template sheet for the catalog's year, empty (a fresh template); undefined when the
 * catalog has no 双公示 count inputs or the calendar holds none of the years around it.
 */
export function buildLedger(catalog: Catalog, unit: string, records: readonly LedgerRecord[] = []): SheetDoc | undefined {
  if (!catalog.categories.some((c) => c.indicators.some((i) => i.clauses.some((cl) => cl.inputs.some((s) => s.publicity))))) return undefined;
  const cal = ledgerCalendar(catalog.year);
  if (!cal) return undefined;
  const years = ledgerYears(catalog.year);
  const width = C.calCum;
  const b = new DocBuilder(width);
  const visible = C.remark - 1; // 0-based last visible column
  const head = LEDGER_HEAD_ROW - 1;
  b.block(0, 0, { v: `${unit}　${catalog.year} 年度“双公示”台账`, s: "title" }, visible);
  b.heights.set(0, 26);
  const lastPrinted = ledgerPrintLastRow(records);
  const note = printNote(lastPrinted);
  // What the note's formula shows: the records with a 是否按时 (core's judgement), and whether any lies below the print area.
  const judged = records.map((rec, i) => judgeLedgerRow(LEDGER_FIRST_ROW + i, rec, catalog.year) !== undefined);
  b.block(
    1,
    0,
    {
      v:
        `把本单位 ${catalog.year} 年作出的行政许可、行政处罚决定逐条粘贴到浅黄色列（每行一条，最多 ${LEDGER_ROWS} 条；日期可为日期、` +
        `或“2022-03-05”“2022/3/5”“2022年3月5日”“20220305”等文字）。工作日数按国务院公布的法定节假日和调休上班日（${years}）计算，决定当日不计，` +
        `${PUBLICITY_WORKING_DAYS} 个工作日内公示为“按时”。考核表中“本年度‘双公示’信息总条数”和“其中7个工作日内按时公示的条数”由本表自动计数；` +
        `“有误”的记录计入总条数、不计为按时，请按“说明”改正。不用本表的，在考核表中直接填写两个数字即可。`,
      s: "note",
    },
    C.status - 1,
  );
  b.block(1, C.reason - 1, { f: note.f, cached: note.text(judged.filter(Boolean).length, judged.slice(lastPrinted - LEDGER_FIRST_ROW + 2).some(Boolean)), s: "count" }, visible);
  b.heights.set(1, 92);
  const heads: [number, string][] = [
    [C.subject, LEDGER_HEADINGS.subject],
    [C.docNo, LEDGER_HEADINGS.docNo],
    [C.decision, LEDGER_HEADINGS.decision],
    [C.published, LEDGER_HEADINGS.published],
    [C.days, LEDGER_HEADINGS.days],
    [C.status, LEDGER_HEADINGS.status],
    [C.reason, LEDGER_HEADINGS.reason],
    [C.remark, LEDGER_HEADINGS.remark],
  ];
  for (const [c, h] of heads) b.put(head, c - 1, { v: h, s: "th" });
  const helperHeads = ["决定日期文字", "决定日期部分", "决定日期键", "决定日期序号", "公示日期文字", "公示日期部分", "公示日期键", "公示日期序号"];
  helperHeads.forEach((h, i) => b.put(head, C.helper - 1 + i, { v: h, s: "hidden" }));
  b.put(head, C.calDate - 1, { v: "日历日期", s: "hidden" });
  b.put(head, C.calCum - 1, { v: "累计工作日", s: "hidden" });
  for (let r = LEDGER_FIRST_ROW; r <= LEDGER_LAST_ROW; r++) {
    const i = r - 1;
    const rec = records[r - LEDGER_FIRST_ROW] ?? {};
    b.put(i, C.subject - 1, { v: typed(rec.subject), s: "input", numFmt: DOC_FORMAT.text, locked: false });
    b.put(i, C.docNo - 1, { v: typed(rec.docNo), s: "input", numFmt: DOC_FORMAT.text, locked: false });
    b.put(i, C.decision - 1, { v: typed(rec.decision), s: "date", numFmt: DOC_FORMAT.date, locked: false });
    b.put(i, C.published - 1, { v: typed(rec.published), s: "date", numFmt: DOC_FORMAT.date, locked: false });
    b.put(i, C.remark - 1, { v: typed(rec.remark), s: "input", numFmt: DOC_FORMAT.text, locked: false });
    const shown = cachedRow(r, rec, catalog.year, years);
    for (const [c, f] of ledgerRowFormulas(r, cal, years)) {
      const s = c === C.days || c === C.status ? "formula" : c === C.reason ? "reason" : "hidden";
      b.put(i, c - 1, { f, cached: shown.get(c) ?? "", s, numFmt: c === C.days ? DOC_FORMAT.int : undefined });
    }
  }
  cal.cumulative.forEach((v, k) => {
    b.put(LEDGER_FIRST_ROW - 1 + k, C.calDate - 1, { v: cal.first + k, s: "hidden", numFmt: DOC_FORMAT.date });
    b.put(LEDGER_FIRST_ROW - 1 + k, C.calCum - 1, { v, s: "hidden" });
  });
  const widths = Array.from({ length: width }, (_, c) => [26, 20, 14, 14, 8, 8, 26, 16, 2][c] ?? 10);
  return {
    name: ledgerSheetName(sheetNameOf(unit)),
    rows: b.rows,
    width,
    merges: b.merges,
    widths,
    heights: b.heights,
    hiddenColumns: Array.from({ length: width - C.remark }, (_, k) => C.remark + k),
    hiddenRows: [],
    styles: LEDGER_STYLES,
    validations: [],
    freeze: { rows: LEDGER_HEAD_ROW, cols: 0 },
    print: {
      orientation: "landscape",
      fit: { width: 1, height: 0 },
      titleRows: [head, head],
      footer: `${unit}　“双公示”台账　第 &P 页，共 &N 页`,
      lastRow: lastPrinted,
      lastCol: visible,
    },
    filledDown: [...ledgerRowFormulas(LEDGER_FIRST_ROW, cal, years).keys()].map((c) => ({ c: c - 1, r1: LEDGER_FIRST_ROW - 1, r2: LEDGER_LAST_ROW - 1 })),
    protect: true,
    tabColor: "FFC000",
  };
}
