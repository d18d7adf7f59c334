// “双公示”7 日公示制度: a decision (行政许可、行政处罚) is published within 7 working days of the day it is made,
// counted on the official calendar (./calendar). The reading, in docs/rules-2022.md: the decision day is
// not counted, the period starts the next day, and a publication on the 7th working day after it is on time;
// weekends and 法定节假日 are not working days, 调休 weekend days are. One rule for the command line's
// publicity count, the CREDIT.WORKDAYS / CREDIT.ONTIME functions and the template's 双公示台账.
import { indexOf } from "./catalog/index";
import { nthWorkingDayAfter, workingDaysAfter } from "./calendar/index";
import type { Catalog, InputSpec } from "./types";
import { formatDate, isBlank, isoTextToDate, normalizeText, parseDateText, parseNumber, serialToIso } from "./coerce";

/** 7 日公示: working days after the decision day within which it must be published. */
export const PUBLICITY_WORKING_DAYS = 7;

export type DateRead = { state: "ok"; iso: string } | { state: "missing" } | { state: "error"; reason: string };

/** Serials of 1990-01-01 … 2099-12-31: a plain number outside is a count or a code, not a date. */
const FIRST_SERIAL = 32874;
const LAST_SERIAL = 73050;

/** 20220305 (a number or 8 digits) → "2022-03-05" when it is a real date of 1990–2099. */
function compactDate(digits: string): string | undefined {
  if (!/^(19|20)\d{6}$/.test(digits)) return undefined;
  const iso = parseDateText(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`);
  return iso && iso >= "1990-01-01" ? iso : undefined;
}

// "2022-03-05 14:30", "2022/3/5 9:05:00", "2022-03-05T14:30:00.000": the date part of a date-time text.
const WITH_TIME = /^(.+?)(?:[ T\u3000]+|(?<=日))\d{1,2}[:：时]\d{1,2}(?:[:：分]\d{1,2}(?:\.\d+)?)?[分秒]?$/;

/**
 * A date as record exports hold it: a Date (ExcelJS, the reader), an Excel serial number with or without a
 * time fraction, or text — "2022-03-05", "2022/3/5", "2022.3.5", "2022年3月5日", with or without a time, or
 * "20220305". Full-width digits are read as digits. Blank is missing; anything else an error in Chinese.
 */
export function recordDate(raw: unknown): DateRead {
  if (isBlank(raw)) return { state: "missing" };
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? { state: "error", reason: "不是有效的日期" } : { state: "ok", iso: raw.toISOString().slice(0, 10) };
  }
  const shown = typeof raw === "string" ? `“${raw.trim().slice(0, 40)}”` : String(raw);
  const bad: DateRead = { state: "error", reason: `应为日期（如 2022-03-05），收到 ${shown}` };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return bad;
    if (raw >= FIRST_SERIAL && raw < LAST_SERIAL + 1) return { state: "ok", iso: serialToIso(raw) };
    const compact = Number.isInteger(raw) ? compactDate(String(raw)) : undefined;
    return compact ? { state: "ok", iso: compact } : bad;
  }
  if (typeof raw !== "string") return bad;
  const text = normalizeText(raw);
  // ISO 8601 as some exports write it ("2022-05-12T00:30:00+08:00"): the calendar date written, offset ignored.
  const written = isoTextToDate(text);
  if (written) return { state: "ok", iso: written.toISOString().slice(0, 10) };
  const date = WITH_TIME.exec(text)?.[1]?.trim() ?? text;
  const iso = parseDateText(date) ?? compactDate(date);
  if (iso) return { state: "ok", iso };
  const n = parseNumber(text);
  if (n !== undefined && n >= FIRST_SERIAL && n < LAST_SERIAL + 1) return { state: "ok", iso: serialToIso(n) };
  return bad;
}

export type Timeliness =
  | {
      state: "按时" | "逾期";
      /** Working days after the decision day up to the publication day. */
      days: number;
      decision: string;
      published: string;
      /** The last day that is on time: the 7th working day after the decision. */
      deadline: string;
    }
  | { state: "有误"; reason: string };

/**
 * Whether a record was published within `limit` working days of its decision (ISO dates, or raw values
 * read with recordDate). A missing or unreadable date, a publication before the decision, or a date the
 * calendar does not cover is 有误 with the reason — never counted as on time, never guessed.
 */
export function timeliness(decision: unknown, published: unknown, limit = PUBLICITY_WORKING_DAYS): Timeliness {
  const d = recordDate(decision);
  const p = recordDate(published);
  const problems: string[] = [];
  if (d.state === "missing") problems.push("未填决定日期");
  else if (d.state === "error") problems.push(`决定日期${d.reason}`);
  if (p.state === "missing") problems.push("未填公示（上报）日期");
  else if (p.state === "error") problems.push(`公示（上报）日期${p.reason}`);
  if (d.state !== "ok" || p.state !== "ok") return { state: "有误", reason: problems.join("；") };
  if (p.iso < d.iso) return { state: "有误", reason: `公示（上报）日期 ${formatDate(p.iso)} 早于决定日期 ${formatDate(d.iso)}，请核对` };
  const days = workingDaysAfter(d.iso, p.iso);
  if (!days.ok) return { state: "有误", reason: days.reason };
  const deadline = nthWorkingDayAfter(d.iso, limit);
  if (!deadline.ok) return { state: "有误", reason: deadline.reason };
  return { state: days.value <= limit ? "按时" : "逾期", days: days.value, decision: d.iso, published: p.iso, deadline: deadline.value };
}

/** One sentence on a record's timeliness: "决定 2022年1月28日，公示 2022年2月9日，第 3 个工作日，按时". */
export function timelinessText(t: Timeliness, limit = PUBLICITY_WORKING_DAYS): string {
  if (t.state === "有误") return t.reason;
  const head = `决定 ${formatDate(t.decision)}，公示 ${formatDate(t.published)}，${t.days === 0 ? "当日公示" : `为决定后第 ${t.days} 个工作日`}`;
  return t.state === "按时" ? `${head}，在 ${limit} 个工作日内` : `${head}，超过 ${limit} 个工作日（最迟应于 ${formatDate(t.deadline)} 公示），逾期 ${t.days - limit} 个工作日`;
}

/** The inputs of a catalog counted from 双公示 records (InputSpec.publicity): all records, and those on time. */
export function publicityInputs(catalog: Catalog): { total?: InputSpec; onTime?: InputSpec } {
  const out: { total?: InputSpec; onTime?: InputSpec } = {};
  for (const spec of indexOf(catalog).inputs) if (spec.publicity && !out[spec.publicity]) out[spec.publicity] = spec;
  return out;
}
