// The 核定表: one row per unit × clause of the returned sheets, for the 考核组 to decide in bulk — in the
// add-in (the 核定 step makes and refreshes it in the office's workbook) or on the command line
// (`npm run cli -- review 返回/ --out 核定表.xlsx`), and to fill in Excel, WPS or LibreOffice without the
// add-in. This module is its data and its reading back; src/review/reviewSheetGrid.ts lays it out for both
// writers. Pure: no Office, no files.
//
// How the add-in half uses it:
//   - reviewSheetData(placeUnits(reviews), { previous }) → the rows, attention first; `previous` is the
//     existing 核定表 read back (readReviewSheet), whose typed decisions stay on their rows by key (unit,
//     clause) when the row's figures are unchanged, and go to the 未匹配 section otherwise — never lost;
//   - readReviewSheet(values of the sheet) → its rows with their key (grey columns at the right: 单位（键）,
//     条款编号, 依据指纹) and the 考核组's typed cells, found by heading, whatever the 考核组 sorted or filtered;
//   - decisionsOf(entries) → the decisions to record (src/review/decisions.ts decisionEntry makes each an
//     AuditEntry against the unit's current review) and the rows' mistakes, by row.
// A row is found by its key, never by its position.
import { canonicalName, clauseNumber, indexOf, isBlank, trimSpaces, typedValue, UNIT_KIND_SHORT, type Catalog, type UnitKind } from "../core/index";
import { formatPoints } from "../core/format";
import { colLetter } from "../core/a1";
import { readDecision, type Decision, type RecordItem, type TypedDecision } from "./decisions";
import type { PlacedUnits } from "./summary";
import type { ClausePlatform, ClauseReview, ReviewProblem, UnitReview } from "./types";

export const REVIEW_SHEET = "核定表";

export type ColumnKey =
  | "unit" | "clause" | "reported" | "na" | "evidence" | "points" | "self" | "platform" | "platformReason" | "problems" | "attention"
  | "choice" | "deduction" | "reason" | "reviewer" | "recorded" | "keyUnit" | "keyClause" | "keyBasis" | "keyPlatform";

export interface ReviewColumn {
  key: ColumnKey;
  heading: string;
  /** Width in characters. */
  width: number;
  /** shown: made from the reviews; input: the 考核组's; key: the row's key and basis (grey, not printed). */
  role: "shown" | "input" | "key";
}

/**
 * Every column, in order; the three 平台 columns only when the 核定表 is made with 平台数据 (reviewColumns).
 * Widths for the printed page (A4 landscape, fitted to its width, about 2/3 scale): the two long texts (条款
 * about 50 Chinese characters, 填报内容 about 25) take most of it so that a row prints in two or three lines;
 * 单位 holds most names and 佐证材料 "已附（见附件）" on one line; columns mostly blank on a first 核定表 (表内问题,
 * 已记录的核定) stay narrow.
 */
const ALL_COLUMNS: readonly ReviewColumn[] = [
  { key: "unit", heading: "单位", width: 14, role: "shown" },
  { key: "clause", heading: "条款", width: 44, role: "shown" },
  { key: "reported", heading: "填报内容", width: 36, role: "shown" },
  { key: "na", heading: "是否涉及", width: 7, role: "shown" },
  { key: "evidence", heading: "佐证材料", width: 16, role: "shown" },
  { key: "points", heading: "本条扣分", width: 6, role: "shown" },
  { key: "self", heading: "自评扣分", width: 6, role: "shown" },
  { key: "platform", heading: "平台扣分", width: 6, role: "shown" },
  { key: "platformReason", heading: "平台调阅", width: 30, role: "shown" },
  { key: "problems", heading: "表内问题", width: 18, role: "shown" },
  { key: "attention", heading: "需关注", width: 10, role: "shown" },
  { key: "choice", heading: "核定", width: 10, role: "input" },
  { key: "deduction", heading: "核定扣分", width: 7, role: "input" },
  { key: "reason", heading: "核定说明", width: 16, role: "input" },
  { key: "reviewer", heading: "核定人", width: 8, role: "input" },
  { key: "recorded", heading: "已记录的核定", width: 16, role: "shown" },
  { key: "keyUnit", heading: "单位（键）", width: 10, role: "key" },
  { key: "keyClause", heading: "条款编号", width: 15, role: "key" },
  { key: "keyBasis", heading: "依据指纹", width: 13, role: "key" },
  { key: "keyPlatform", heading: "平台指纹", width: 13, role: "key" },
];

const PLATFORM_KEYS: readonly ColumnKey[] = ["platform", "platformReason", "keyPlatform"];

/** The columns of a 核定表 with or without the 平台 columns (平台扣分, 平台调阅 and the key 平台指纹). */
export function reviewColumns(platform: boolean): readonly ReviewColumn[] {
  return platform ? ALL_COLUMNS : ALL_COLUMNS.filter((c) => !PLATFORM_KEYS.includes(c.key));
}

/** The columns of a 核定表 made without 平台数据. The 考核组's four columns are the only ones read back with the key columns. */
export const REVIEW_COLUMNS: readonly ReviewColumn[] = reviewColumns(false);

/** A column's 0-based position (-1 when the table has no such column). */
export const columnOf = (key: ColumnKey, columns: readonly ReviewColumn[] = REVIEW_COLUMNS): number => columns.findIndex((c) => c.key === key);

/** Why a person must look at a row, in the order they are listed. */
export const ATTENTION = ["不涉及", "是否涉及有误", "待填", "数据错误", "平台扣分不同", "缺佐证", "表内改动", "单位填了核定栏", "核定有误", "需重新核定", "全表问题"] as const;
export type Attention = (typeof ATTENTION)[number];

export interface ReviewSheetRow {
  kind: UnitKind;
  unit: string;
  clauseId: string;
  /** "1.2.2 信用信息公示情况：准确率、及时率低于100%扣5分。" (shortened). */
  clause: string;
  /** What the unit typed for the clause, in words (the engine's explanation from the unit's figures), and its 备注. */
  reported: string;
  /** 涉及 / 不涉及 / 有误（按涉及计分）: a 是否涉及 that is neither, or 不涉及 where it cannot apply. */
  na: string;
  evidence: string;
  /** The clause's deduction (the most a 核定 can deduct). */
  points: number;
  /** The recomputed self deduction, or the status when the engine cannot decide (待填, 数据错误). */
  self: number | string;
  /** That clause's open problems from the review, one a line. */
  problems: string;
  attention: Attention[];
  /** The latest 核定 recorded for the clause, in words; "" when none. */
  recorded: string;
  /** Fingerprint of the figures shown (src/review/steps/basis.ts). */
  basis: string;
  /** The clause on the office's platform figures (平台扣分, 平台调阅 and 平台指纹), when the 核定表 is made with 平台数据 that has figures for it. */
  platform?: ClausePlatform;
  /** The 考核组's cells, kept from an earlier 核定表 (by key, the figures unchanged). */
  decision?: TypedDecision;
}

/** A typed decision of an earlier 核定表 that no longer has its row: kept, never applied silently. */
export interface UnmatchedRow {
  unit: string;
  clauseId: string;
  clause: string;
  basis: string;
  platformBasis?: string;
  decision: TypedDecision;
  /** Why it has no row. */
  why: string;
}

export interface ReviewSheetData {
  year: number;
  /** auditTime() of the making. */
  generatedAt: string;
  rows: ReviewSheetRow[];
  unmatched: UnmatchedRow[];
  /** Sheet-wide problems of units in the table, sheets not in it (apart, duplicates): one line each. */
  notes: string[];
  /** Made with 平台数据: the table has the 平台 columns (reviewColumns(true)). */
  platform: boolean;
}

export interface ReviewSheetOptions {
  year: number;
  /** Member units by kind: the order of the rows. */
  expected: Record<UnitKind, readonly string[]>;
  generatedAt: string;
  /** The existing 核定表 read back (readReviewSheet): its typed decisions are kept. */
  previous?: readonly ReviewSheetEntry[];
  /** The reviews were made with 平台数据 (src/review/unit.ts ReviewOptions.platform): the table shows the 平台 columns. */
  platform?: boolean;
}

const shortId = (clauseId: string) => clauseId.replace(/^[a-z]+\./, "");
const SHORT_TEXT = 44;

/** "1.2.2 信用信息公示情况：准确率、及时率低于100%扣5分。", the clause's text cut at SHORT_TEXT characters. */
export function clauseLabel(catalog: Catalog, clauseId: string): string {
  const e = indexOf(catalog).clauses.get(clauseId);
  if (!e) return clauseId;
  const text = [...e.clause.text];
  return `${shortId(clauseId)} ${e.indicator.title}：${text.length > SHORT_TEXT ? `${text.slice(0, SHORT_TEXT).join("")}…` : e.clause.text}`;
}

/** A problem's message without its leading “sheet”工作表 (the row names the unit): "F12：…". */
const rowMessage = (p: ReviewProblem) => p.message.replace(/^“[^”]*”工作表 ?/, "").replace(/^：/, "");

function attentionOf(c: ClauseReview, problems: readonly ReviewProblem[], unitWide: boolean): Attention[] {
  const found = new Set<Attention>();
  if (c.notApplicable) found.add("不涉及");
  if (c.status === "待填") found.add("待填");
  if (c.status === "数据错误") found.add("数据错误");
  // The platform's figures give another deduction (a 不涉及 claim the platform also scores 0 is the claim's row only).
  const p = c.platform;
  if (p?.differs && p.proposed !== undefined && (c.status === "待填" || c.status === "数据错误" || Math.abs(p.proposed - c.selfDeduction) > 1e-9)) found.add("平台扣分不同");
  for (const p of problems) {
    if (p.kind === "缺佐证") found.add("缺佐证");
    else if (p.kind === "数据错误") found.add(p.indicatorId && !p.clauseId ? "是否涉及有误" : "数据错误");
    else if (p.kind === "待填") found.add("待填");
    else if (p.kind === "篡改") found.add("表内改动");
    else if (p.kind === "核定") found.add(c.stale ? "需重新核定" : /单位表中填写了核定栏/.test(p.message) ? "单位填了核定栏" : "核定有误");
  }
  if (c.stale) found.add("需重新核定");
  if (unitWide) found.add("全表问题");
  return ATTENTION.filter((a) => found.has(a));
}

const dateOf = (time: string) => time.slice(0, 10);

function recordedText(c: ClauseReview): string {
  const r = c.record;
  if (!r) return "";
  const what = `${dateOf(r.time)} ${r.reviewer} ${r.kind}：扣 ${formatPoints(r.to)} 分${r.reason ? `，${r.reason}` : ""}`;
  if (c.stale) return `需重新核定（原核定 ${what}）`;
  return c.verified === undefined ? `未采用（${what}）` : what;
}

const key = (unit: string, clauseId: string) => `${canonicalName(unit)}\u0000${clauseId}`;
const sameDecision = (a: TypedDecision, b: TypedDecision) => JSON.stringify([a.choice, a.deduction, a.reason, a.reviewer]) === JSON.stringify([b.choice, b.deduction, b.reason, b.reviewer]);

/**
 * The 核定表's rows from reviews placed by the 汇总's identity rules (src/review/summary.ts placeUnits): every
 * clause of every established unit, attention first, then by kind, member-list order and catalog order.
 * Sheets not in a table (apart, a unit's second sheet) have no rows and are named in the notes.
 */
export function reviewSheetData(units: PlacedUnits, opts: ReviewSheetOptions): ReviewSheetData {
  const notes: string[] = [];
  for (const a of units.apart) notes.push(`${a.source ? `文件“${a.source}”` : ""}工作表“${a.sheet}”未列入：${a.reason}`);
  const position = (kind: UnitKind, unit: string) => {
    const i = opts.expected[kind].indexOf(unit);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const placed = units.placed.filter((p) => {
    if (!p.duplicate) return true;
    notes.push(`${p.source ? `文件“${p.source}”` : ""}工作表“${p.review.sheet}”未列入：单位“${p.review.unit}”有多份表格，请只保留一份`);
    return false;
  });
  placed.sort((a, b) => (a.kind === b.kind ? position(a.kind, a.review.unit) - position(b.kind, b.review.unit) : a.kind === "county" ? -1 : 1));
  const rows: ReviewSheetRow[] = [];
  for (const { review, kind } of placed) {
    if (!review.catalog || !review.scorable) {
      notes.push(`${UNIT_KIND_SHORT[kind]}“${review.unit}”的表格无法计分，未列入：${review.problems.filter((p) => p.severity === "错误").map(rowMessage).slice(0, 2).join("；")}`);
      continue;
    }
    rows.push(...unitRows(review, kind, notes));
  }
  const kept = keepDecisions(rows, opts.previous ?? []);
  const attention = rows.filter((r) => r.attention.length);
  return { year: opts.year, generatedAt: opts.generatedAt, rows: [...attention, ...rows.filter((r) => !r.attention.length)], unmatched: kept, notes, platform: !!opts.platform };
}

function unitRows(review: UnitReview, kind: UnitKind, notes: string[]): ReviewSheetRow[] {
  const catalog = review.catalog!;
  const open = review.problems.filter((p) => !p.closed);
  const unitWide = open.filter((p) => p.severity === "错误" && !p.clauseId && !p.indicatorId);
  for (const p of unitWide) notes.push(`${UNIT_KIND_SHORT[kind]}“${review.unit}”全表问题：${rowMessage(p)}`);
  const byClause = new Map<string, ReviewProblem[]>();
  const ix = indexOf(catalog);
  for (const p of open) {
    const ids = p.clauseId ? [p.clauseId] : p.indicatorId ? (ix.indicators.get(p.indicatorId)?.indicator.clauses.map((c) => c.id) ?? []) : [];
    for (const id of ids) (byClause.get(id) ?? byClause.set(id, []).get(id)!).push(p);
  }
  return review.clauses.map((c): ReviewSheetRow => {
    const problems = byClause.get(c.clauseId) ?? [];
    const naTyped = problems.find((p) => p.indicatorId && p.kind === "数据错误");
    return {
      kind,
      unit: review.unit,
      clauseId: c.clauseId,
      clause: clauseLabel(catalog, c.clauseId),
      reported: c.remark ? `${c.explanation}\n备注：${c.remark}` : c.explanation,
      na: c.notApplicable ? "不涉及" : naTyped ? "有误（按涉及计分）" : "涉及",
      evidence: c.evidence,
      points: c.points,
      self: c.status === "待填" || c.status === "数据错误" ? c.status : c.selfDeduction,
      problems: problems.map(rowMessage).join("\n"),
      attention: attentionOf(c, problems, unitWide.length > 0),
      recorded: recordedText(c),
      basis: c.basis,
      ...(c.platform ? { platform: c.platform } : {}),
    };
  });
}

/**
 * The earlier 核定表's typed decisions onto the new rows, by key: kept on the row while its figures are the
 * same (same fingerprint); otherwise kept in the 未匹配 section — the figures changed (the row is then
 * 需重新核定) or the unit or clause is gone. Nothing typed is dropped; identical leftovers are kept once.
 */
function keepDecisions(rows: ReviewSheetRow[], previous: readonly ReviewSheetEntry[]): UnmatchedRow[] {
  const byKey = new Map(rows.map((r) => [key(r.unit, r.clauseId), r]));
  const unmatched: UnmatchedRow[] = [];
  for (const e of previous) {
    if (!hasDecision(e.typed)) continue;
    const row = byKey.get(key(e.unit, e.clauseId));
    // A 按平台数据 is bound to the platform's figures too: kept on its row only while they are the same.
    const platformChanged = !!row && isPlatformChoice(e.typed) && (e.platformBasis ?? "") !== (row.platform?.basis ?? "");
    if (row && !row.decision && e.basis === row.basis && !platformChanged) {
      row.decision = e.typed;
      continue;
    }
    let why: string;
    if (!row) why = "本次返回的文件中没有该单位或条款，这条核定未用于任何一行";
    else if (e.basis === row.basis && platformChanged) {
      why = "平台数据表中该单位这一条的调阅数据已改变（原核定按此前的平台数据作出），需在上方该行重新核定";
      if (!row.attention.includes("需重新核定")) row.attention = ATTENTION.filter((a) => a === "需重新核定" || row.attention.includes(a));
    } else if (e.basis !== row.basis) {
      why = "单位的数据已改变（原核定按此前的数据作出），需在上方该行重新核定";
      if (!row.attention.includes("需重新核定")) row.attention = ATTENTION.filter((a) => a === "需重新核定" || row.attention.includes(a));
    } else why = "同一单位同一条款的另一条核定（上方该行已有核定）";
    if (unmatched.some((u) => key(u.unit, u.clauseId) === key(e.unit, e.clauseId) && u.basis === e.basis && sameDecision(u.decision, e.typed))) continue;
    unmatched.push({ unit: e.unit, clauseId: e.clauseId, clause: e.clause, basis: e.basis, platformBasis: e.platformBasis, decision: e.typed, why });
  }
  return unmatched;
}

const isPlatformChoice = (t: TypedDecision) => cellText(t.choice).replace(/\s+/g, "") === "按平台数据";
const hasDecision = (t: TypedDecision) => !isBlank(t.choice) || !isBlank(t.deduction) || !isBlank(t.reason) || !isBlank(t.reviewer);

/**
 * The 核定表 in words, as the command line's review prints it and the workbench page shows it: units and
 * clauses, rows needing attention by reason, the 平台 comparison, decisions kept and unmatched, the notes.
 */
export function reviewText(d: ReviewSheetData, kept: number): string {
  const units = new Set(d.rows.map((r) => `${r.kind}:${r.unit}`)).size;
  const attention = d.rows.filter((r) => r.attention.length);
  const by = ATTENTION.map((a) => [a, attention.filter((r) => r.attention.includes(a)).length] as const).filter(([, n]) => n);
  const out = [
    `${d.year} 年度核定表：${units} 个单位，${d.rows.length} 个条款`,
    `  需关注 ${attention.length} 行${by.length ? `（${by.map(([a, n]) => `${a} ${n}`).join("，")}）` : ""}，其余 ${d.rows.length - attention.length} 行可筛选后整块“同意自评”`,
  ];
  if (d.platform) {
    const withFigures = d.rows.filter((r) => r.platform).length;
    const differ = d.rows.filter((r) => r.attention.includes("平台扣分不同")).length;
    out.push(`  有平台调阅数据的条款 ${withFigures} 个，其中平台扣分与自评不同 ${differ} 个（需关注，可选“按平台数据”）`);
  }
  if (kept) out.push(`  沿用已有核定表中填写的核定 ${kept} 行`);
  if (d.unmatched.length) out.push(`  未匹配的核定 ${d.unmatched.length} 条（单位数据已改变或单位、条款已不在本次文件中），保留在表格下方，需重新核定`);
  if (d.notes.length) out.push("", `未列入核定表 ${d.notes.length} 项：`, ...d.notes.map((n) => `  ${n}`));
  return out.join("\n") + "\n";
}

// ---- reading a 核定表 back ----

/** The heading of the section below the table that keeps decisions without a row (UnmatchedRow). */
export const UNMATCHED_HEADING = "未匹配的核定";

/** One row of a 核定表 as read back: its key and basis, the 考核组's cells, the clause as shown. */
export interface ReviewSheetEntry {
  /** 1-based row of the sheet. */
  row: number;
  /** In the 未匹配 section (a decision kept from an earlier 核定表), not the table. */
  unmatched: boolean;
  unit: string;
  clauseId: string;
  basis: string;
  /** The row's 平台指纹 ("" when the table has none or the row no platform figures). */
  platformBasis?: string;
  clause: string;
  typed: TypedDecision;
}

const cellText = (v: unknown): string => (isBlank(v) ? "" : trimSpaces(String(typedValue(v) instanceof Date ? (typedValue(v) as Date).toISOString().slice(0, 10) : typedValue(v))));
/** Headings compare without spaces (a heading typed or wrapped differently still reads). */
const heading = (v: unknown) => cellText(v).replace(/\s+/g, "");
const READ: readonly ColumnKey[] = ["keyUnit", "keyClause", "keyBasis", "choice", "deduction", "reason", "reviewer"];
const HEADER_ROWS = 30;

/**
 * A 核定表's rows (values as the bounded reader or Office.js gives them; rows[r] is sheet row r + 1) → its
 * entries. Columns are found by their headings in the first rows, wherever they are; a sheet without them is
 * `foreign` (not a 核定表). A row that has typed decision cells but no key is a problem: it cannot be placed.
 */
export function readReviewSheet(
  rows: readonly (readonly unknown[] | undefined)[],
  /** Cells holding a formula ("J12"): a 核定表 holds values only, so a row with a formula in a column read back is refused, never its cached result used. */
  formulas: ReadonlyMap<string, string> = new Map(),
): { entries: ReviewSheetEntry[]; problems: string[]; foreign: boolean } {
  let header = -1;
  const col = new Map<ColumnKey, number>();
  for (let r = 0; r < Math.min(rows.length, HEADER_ROWS) && header < 0; r++) {
    const cells = (rows[r] ?? []).map(heading);
    const found = new Map<ColumnKey, number>();
    for (const c of ALL_COLUMNS) {
      const i = cells.indexOf(c.heading);
      if (i >= 0) found.set(c.key, i);
    }
    if (READ.every((k) => found.has(k))) {
      header = r;
      for (const [k, i] of found) col.set(k, i);
    }
  }
  if (header < 0) {
    const want = READ.map((k) => REVIEW_COLUMNS[columnOf(k)].heading).join("、");
    return { entries: [], problems: [`“${REVIEW_SHEET}”工作表中找不到核定表的列标题（${want}），不是本程序生成的核定表，其中的核定未采用`], foreign: true };
  }
  const at = (row: readonly unknown[], k: ColumnKey) => (col.has(k) ? row[col.get(k)!] : undefined);
  const entries: ReviewSheetEntry[] = [];
  const problems: string[] = [];
  let unmatched = false;
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    if (cellText(row[0]).includes(UNMATCHED_HEADING)) unmatched = true;
    const typed: TypedDecision = { choice: at(row, "choice") ?? null, deduction: at(row, "deduction") ?? null, reason: at(row, "reason") ?? null, reviewer: at(row, "reviewer") ?? null };
    const unit = cellText(at(row, "keyUnit"));
    const clauseId = cellText(at(row, "keyClause"));
    const formula = formulas.size ? READ.map((k) => `${colLetter(col.get(k)! + 1)}${r + 1}`).find((a) => formulas.has(a)) : undefined;
    if (formula) {
      const f = formulas.get(formula)!;
      problems.push(`“${REVIEW_SHEET}”${formula} 是公式（=${f.length > 40 ? `${f.slice(0, 40)}…` : f}）：核定表的核定只按填写的数值读取，第 ${r + 1} 行未采用；请把公式改为数值再试`);
      continue;
    }
    // A sort of some columns only (not the whole table) parts the shown 单位 and 条款 from their key: the
    // decision typed beside them would land on another unit's clause. Such a row is refused, never guessed.
    const shownUnit = cellText(at(row, "unit"));
    const shownClause = cellText(at(row, "clause"));
    if (unit && clauseId && !unmatched && hasDecision(typed) && ((shownUnit && shownUnit !== unit) || (shownClause && !shownClause.startsWith(`${shortId(clauseId)} `)))) {
      problems.push(`“${REVIEW_SHEET}”第 ${r + 1} 行的单位或条款（${shownUnit} ${shownClause.split(" ")[0]}）与右侧隐藏的键列（${unit} ${shortId(clauseId)}）不一致，可能只对部分列排序或改动了单位、条款，这一行的核定未采用；请撤销排序或重新生成核定表`);
      continue;
    }
    if (!unit || !clauseId) {
      // Section lines and notes have neither key nor decision; a decision without its key cannot be placed.
      if (hasDecision(typed)) {
        problems.push(`“${REVIEW_SHEET}”第 ${r + 1} 行填写了核定，但缺少单位（键）或条款编号（表格右侧灰色列），这一行未采用`);
      }
      continue;
    }
    const platformBasis = cellText(at(row, "keyPlatform"));
    entries.push({ row: r + 1, unmatched, unit, clauseId, basis: cellText(at(row, "keyBasis")), ...(platformBasis ? { platformBasis } : {}), clause: cellText(at(row, "clause")), typed });
  }
  return { entries, problems, foreign: false };
}

/**
 * The decisions the entries carry (src/review/decisions.ts readDecision), and the rows' mistakes. Two rows of
 * the table deciding one unit's clause differently are both refused; the same decision twice counts once. A
 * decision of the 未匹配 section counts only where the table has none for its unit's clause (it is then
 * 需重新核定 or matches no unit, and is reported so). `where` names a row in messages (核定表“x.xlsx”第 12 行).
 */
export function decisionsOf(entries: readonly ReviewSheetEntry[], where: (row: number) => string, defaultReviewer = ""): { decisions: Decision[]; mistakes: string[] } {
  const mistakes: string[] = [];
  const table = new Map<string, Decision[]>();
  const kept = new Map<string, Decision>();
  for (const e of entries) {
    const read = readDecision(e.typed, { unit: e.unit, clauseId: e.clauseId, basis: e.basis, platformBasis: e.platformBasis, at: where(e.row) }, defaultReviewer);
    if (!read) continue;
    if ("mistake" in read) {
      if (!e.unmatched) mistakes.push(read.mistake);
      continue;
    }
    const k = key(e.unit, e.clauseId);
    if (e.unmatched) kept.set(k, read.decision);
    else (table.get(k) ?? table.set(k, []).get(k)!).push(read.decision);
  }
  const decisions: Decision[] = [];
  const same = (a: Decision, b: Decision) => JSON.stringify([a.choice, a.deduction, a.reason, a.reviewer, a.basis, a.platformBasis]) === JSON.stringify([b.choice, b.deduction, b.reason, b.reviewer, b.basis, b.platformBasis]);
  for (const list of table.values()) {
    if (list.every((d) => same(d, list[0]))) decisions.push(list[0]);
    else mistakes.push(`${list.map((d) => d.at).join("、")}对${list[0].unit} 条款 ${clauseNumber(list[0].clauseId)} 作出了不同的核定，均未记录；请只保留一行`);
  }
  for (const [k, d] of kept) if (!table.has(k)) decisions.push(d);
  return { decisions, mistakes };
}

/**
 * 核定表 decisions for a unit or clause that none of the placed units has (a row typed for a unit that did not
 * return, a made-up unit, a clause of another year): each named by its row, never applied.
 */
export function decisionsWithoutUnit(items: readonly RecordItem[], units: PlacedUnits): string[] {
  const known = new Set<string>();
  for (const p of units.placed) if (!p.duplicate) for (const c of p.review.clauses) known.add(key(p.review.unit, c.clauseId));
  return items.flatMap((d) => ("choice" in d && !known.has(key(d.unit, d.clauseId)) ? [`${d.at}（${d.unit} 条款 ${clauseNumber(d.clauseId)}）：本次汇总中没有这个单位的表格或这个条款，这条核定未采用`] : []));
}
