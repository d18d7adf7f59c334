// 双公示 record exports as offices get them — from the credit platform, a 行政许可/行政处罚 system, or a unit's own
// ledger; xlsx sheets or CSV — turned into records: 行政相对人, 决定日期, 公示（上报）日期, 数据来源单位. Columns are
// found by their headings, in the common variants (许可决定日期 / 处罚决定日期 / 决定日期; 公示日期 / 上报时间 /
// 报送日期; 数据来源单位 / 来源单位 / 报送单位 / 许可机关 …), in a heading row anywhere in the first rows (a merged
// title above is fine). 公示截止期 (the end of the publicity period in the national standard) is never taken for
// the publication date. Pure: bytes are decoded by the caller.
import { canonicalName } from "../core/index";

export interface PublicityRecord {
  /** Where it came from: the sheet ("" for a CSV) and the row (1-based). */
  sheet: string;
  row: number;
  subject: string;
  /** Raw values, read later by core's recordDate. */
  decision: unknown;
  published: unknown;
  /** 数据来源单位 as written ("" when the export has no such column or the cell is blank). */
  unit: string;
  /** 决定书文号, when the export has one (to tell records apart in the list of late ones). */
  docNo: string;
}

export type Role = "subject" | "decision" | "published" | "unit" | "docNo";

/** Headings by role, most specific first; compared without spaces, punctuation and 必填 marks. */
const HEADINGS: Record<Role, RegExp[]> = {
  subject: [/^行政相对人(名称)?$/, /^(相对人|当事人|被许可人|被处罚人|许可对象|处罚对象)(名称)?$/, /^(企业|市场主体|主体)名称$/],
  decision: [/^(许可|处罚)?决定日期$/, /^(作出)?(许可|处罚|行政许可|行政处罚)?决定(时间|日期)$/, /^(许可|处罚)(日期|时间)$/, /^作出(决定)?(日期|时间)$/],
  published: [/^公示或上报日期$/, /^(公示|上报|报送|推送|上传|归集|入库)(日期|时间)$/, /^(数据)?(公示|上报|报送|推送|上传|归集|入库)(日期|时间)$/, /^(网上)?公示(日期|时间)$/],
  unit: [/^数据来源单位$/, /^(数据)?来源单位$/, /^(报送|上报|填报|数据提供|提供)单位$/, /^数据来源$/, /^(许可|处罚|决定|作出决定|实施)?机关(名称)?$/, /^(许可|处罚|决定)(机关|部门|单位)(名称)?$/],
  docNo: [/^(行政)?(许可|处罚)?决定(书)?文号$/, /^文号$/],
};

/** A heading as compared: canonical, without spaces, punctuation, symbols and 必填/选填 marks. */
export function headingKey(v: unknown): string {
  if (typeof v !== "string") return "";
  return canonicalName(v)
    .replace(/[（(]\s*(必填|选填|必须|可选)\s*[）)]/g, "")
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

export interface RecordColumns {
  /** 0-based row of the headings. */
  headerRow: number;
  /** Each role's columns, most specific heading first (several for a combined 许可 + 处罚 export). */
  columns: Partial<Record<Role, number[]>>;
}

/** The heading row among the first 30 rows: the first that has both a 决定日期 and a 公示/上报日期 column. */
export function findColumns(rows: readonly (readonly unknown[] | undefined)[]): RecordColumns | undefined {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const row = rows[r];
    if (!row) continue;
    const keys = Array.from({ length: row.length }, (_, c) => headingKey(row[c]));
    const columns: RecordColumns["columns"] = {};
    for (const role of Object.keys(HEADINGS) as Role[]) {
      const found: number[] = [];
      for (const re of HEADINGS[role]) keys.forEach((k, c) => k && re.test(k) && !/截止/.test(k) && !found.includes(c) && found.push(c));
      if (found.length) columns[role] = found;
    }
    // A column may serve one role only: a date heading matched as a decision is not also a publication.
    if (columns.decision && columns.published) columns.published = columns.published.filter((c) => !columns.decision!.includes(c));
    if (columns.decision?.length && columns.published?.length) return { headerRow: r, columns };
  }
  return undefined;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const text = (v: unknown) => (blank(v) ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** The first non-blank value among a role's columns. */
function first(row: readonly unknown[], cols: number[] | undefined): unknown {
  for (const c of cols ?? []) if (!blank(row[c])) return row[c];
  return undefined;
}

/** The records below the heading row; wholly blank rows are skipped. */
export function recordsOf(rows: readonly (readonly unknown[] | undefined)[], sheet: string, found: RecordColumns): PublicityRecord[] {
  const out: PublicityRecord[] = [];
  const { columns } = found;
  const used = Object.values(columns).flat();
  for (let r = found.headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row || used.every((c) => blank(row[c]))) continue;
    out.push({
      sheet,
      row: r + 1,
      subject: text(first(row, columns.subject)),
      decision: first(row, columns.decision),
      published: first(row, columns.published),
      unit: text(first(row, columns.unit)),
      docNo: text(first(row, columns.docNo)),
    });
  }
  return out;
}

/** The headings a usable export must have, for the message when a sheet has none. */
export const REQUIRED_HEADINGS = "“决定日期”（或“许可决定日期”“处罚决定日期”）和“公示日期”（或“上报日期”“报送日期”）";

/**
 * CSV text (RFC 4180: quoted fields with doubled quotes and line breaks) into rows. The delimiter is the one
 * of comma, tab and semicolon found most often in the first line outside quotes.
 */
export function parseCsv(textIn: string): string[][] {
  const t = textIn.replace(/^\uFEFF/, "");
  const firstLine = t.slice(0, Math.max(0, t.search(/\r?\n/)) || t.length).replace(/"[^"]*"/g, "");
  const counts: [string, number][] = [",", "\t", ";"].map((d) => [d, firstLine.split(d).length - 1]);
  const delim = counts.sort((a, b) => b[1] - a[1])[0][1] > 0 ? counts[0][0] : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (quoted) {
      if (ch === '"') {
        if (t[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === delim) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && t[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
