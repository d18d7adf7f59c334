// The 汇总: two ranked tables (县区 / 市直部门), who has not returned, and every open problem, computed
// from reviewed unit sheets in two steps — placeUnits (whose each sheet is: a table of its kind, or apart)
// and summaryOf (the tables) — that return new data and leave the reviews they are given as they were.
// Pure data; src/review/summaryGrid.ts lays it out for both writers.
import { findCatalog, type Catalog, type UnitKind, visibleName, weightedScore, workingYear } from "../core/index";
import { LAYOUT_VERSION } from "../core/names";
import { checkWeight, DEFAULT_WEIGHT } from "../core/weight";
import { identify, unitsNamedIn } from "./identity";
import { recheckOf, type Recheck } from "./recheck";
import { fileReason, where, type ReviewProblem, type UnitReview, type UnitStatus } from "./types";

export interface SummaryRow {
  /** Shared by equal scores (1, 1, 3); undefined without a final score (未返回, unreadable, data unfinished). */
  rank?: number;
  unit: string;
  sheet?: string;
  /** Where the data came from (file name on the command line). */
  source?: string;
  /** Final deduction per category (核定 where set, else self-assessed), in catalog order. */
  categories?: number[];
  totalDeduction?: number;
  /** Final score: with 核定 figures in place of self-assessed ones. */
  score?: number;
  selfScore?: number;
  /** Set once at least one clause has been verified. */
  verifiedScore?: number;
  weighted?: number;
  /** Data incomplete (待填/数据错误 remain): the score is provisional. */
  provisional?: boolean;
  status: UnitStatus;
  openProblems: number;
  /** Clauses decided again on the unit's request (复核), and its score before and after (src/review/recheck.ts). */
  recheck?: Recheck;
  /** Whose figures the deductions are: 核定 (every clause verified), 自评 (none), or how many of each. */
  basis?: string;
  /** Clauses without an adopted 核定. */
  remaining?: number;
  /** The unit's 不涉及 claims: the indicator and whether the 考核组 has decided each of its clauses. */
  notApplicable?: { indicator: string; decided: "已确认" | "未确认" | "已改判" }[];
}

/** The 核定 adopted across the 汇总: how many, by whom, by kind (the 工作记录 says what was applied). */
export interface VerificationTally {
  /** The records files the 核定 were read from (command line), in words; empty in the add-in (its own 核定记录). */
  sources?: string[];
  count: number;
  byReviewer: [reviewer: string, count: number][];
  byKind: [kind: string, count: number][];
}

/** A returned sheet whose identity is not established: listed apart with its file, never ranked. */
export interface ApartRow {
  /** The unit name as typed, invisible characters spelled out (src/core/text.ts visibleName). */
  unit: string;
  sheet: string;
  source?: string;
  kind?: UnitKind;
  /** Why it is not ranked, in Chinese. */
  reason: string;
  /** Recomputed score, for the office's information only. */
  score?: number;
}

export interface SummaryTable {
  kind: UnitKind;
  categoryTitles: { title: string; points: number }[];
  rows: SummaryRow[];
  expected: number;
  returned: number;
}

export interface SummaryData {
  year: number;
  weight: number;
  /** When the summary was made (ISO with offset). */
  generatedAt: string;
  /** The rules the scores follow: notice, year, template layout version. */
  ruleVersion: string;
  tables: Record<UnitKind, SummaryTable>;
  /** Expected units with no returned sheet, by kind. */
  missing: Record<UnitKind, string[]>;
  /** Sheets not ranked because their unit is not established (name mismatch, not a member, lookalike). */
  apart?: ApartRow[];
  /** Open problems (错误 not closed by 核定), then advice (提示), each naming sheet and cell. */
  problems: (ReviewProblem & { unit: string; source?: string })[];
  /** A returned unit of the tables is not 已核定: the report is a draft (its title and print header say so). */
  draft: boolean;
  /** The 核定 the figures use. */
  verifications: VerificationTally;
  /** How files were attributed where the 工作记录 must say so (a file whose name names no unit), in Chinese. */
  notes?: string[];
}

export interface SummaryOptions {
  year?: number;
  weight?: number;
  /** Member units expected to return, by kind (order = table order for equal scores). */
  expected: Record<UnitKind, readonly string[]>;
  now?: Date;
  /** Source label per review (e.g. the file name), same order as the reviews. */
  sources?: (string | undefined)[];
  /** Files that could not be read at all. */
  unreadable?: { source: string; message: string }[];
  /** Catalogs for this run (drafts read from files), used before the registered ones. */
  catalogs?: readonly Catalog[];
  /** Problems of the 核定记录 or 核定表 themselves (rows that cannot be used, a foreign sheet), in Chinese; 错误 unless said. */
  recordProblems?: (string | { message: string; severity: ReviewProblem["severity"] })[];
  /** Where the 核定 came from, one line per file (“办公室工作簿.xlsx”的核定记录（120 条）), for the 工作记录. */
  recordSources?: string[];
  /**
   * Sources that are the office's own workbook, which may hold many units (the command line's --records file
   * when it is among the inputs). A review without a source is the pane's open workbook: the office's too.
   * Every other source is one unit's file (see placeUnits).
   */
  officeSources?: readonly string[];
  /** Entries of a returns folder not read (other formats, subfolders, special files…), each with its reason. */
  skipped?: { source: string; reason: string; severity: "错误" | "提示" }[];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
/** One collator for every comparison (localeCompare with a locale builds one per call). */
const zh = new Intl.Collator("zh");

/**
 * Ranks with ties sharing a rank (1, 1, 3): rank = 1 + number of strictly higher scores. Scores are
 * compared to 6 decimals. One sort: O(n log n).
 */
export function rankOf<T>(items: T[], scoreOf: (t: T) => number | undefined): Map<T, number> {
  const scored: { t: T; s: number }[] = [];
  for (const t of items) {
    const s = scoreOf(t);
    if (s !== undefined) scored.push({ t, s: round6(s) });
  }
  scored.sort((a, b) => b.s - a.s);
  const ranks = new Map<T, number>();
  scored.forEach((e, i) => ranks.set(e.t, i > 0 && scored[i - 1].s === e.s ? ranks.get(scored[i - 1].t)! : i + 1));
  return ranks;
}

/** The reviews as the 汇总 counts them (placeUnits): each in a table of its kind, or apart. */
export interface PlacedUnits {
  /** The reviews given, in their order, as new objects: identity problems added, unit named as on the member list. */
  reviews: UnitReview[];
  /** Where each review came from (SummaryOptions.sources), in the same order. */
  sources: (string | undefined)[];
  /** The reviews of established units, by kind; `duplicate`: the unit has another sheet too (listed, never ranked). */
  placed: { review: UnitReview; source?: string; kind: UnitKind; duplicate: boolean }[];
  /** Sheets whose unit is not established: listed apart, never ranked. */
  apart: ApartRow[];
  /** For the 工作记录: files accepted though their name names no unit. */
  notes: string[];
}

/**
 * Identity first: only a sheet whose name, sheet name and file name agree on one member unit is in a table;
 * every other sheet is listed apart and never ranked (src/review/identity.ts). A unit with two sheets (two
 * files, or a sheet imported twice) has both listed and neither ranked. Returns new reviews carrying what
 * was found (problems, open count, status, the unit's name); the reviews given are not changed.
 */
export function placeUnits(reviews: readonly UnitReview[], opts: Pick<SummaryOptions, "expected" | "sources" | "officeSources">): PlacedUnits {
  // A unit's file speaks for that unit only (README 可信与安全). Only the office's own workbook may hold several
  // units: the pane's open workbook (no source) and the command line's --records workbook (officeSources).
  // Every other file is a unit's: its name must name the unit of each sheet (identify compares it), so a
  // sheet made out as another unit is listed apart — never ranked, never counting that unit as returned,
  // never displacing the unit's own file. A file whose name names no unit is accepted only for its one
  // visible sheet, and the 工作记录 says so.
  const office = new Set(opts.officeSources ?? []);
  const sources = reviews.map((_, i) => opts.sources?.[i]);
  const unitFile = (s: string | undefined): s is string => s !== undefined && !office.has(s);
  const visibleSheets = new Map<string, number>();
  reviews.forEach((r, i) => {
    const s = sources[i];
    if (unitFile(s) && !r.hidden) visibleSheets.set(s, (visibleSheets.get(s) ?? 0) + 1);
  });
  const neutral = (s: string | undefined): s is string => unitFile(s) && unitsNamedIn(s, opts.expected).length === 0;
  const apart: ApartRow[] = [];
  const setApart = (r: UnitReview, source: string | undefined, kind: UnitKind | undefined, reason: string) => {
    r.unit = visibleName(r.typedUnit || r.unit);
    apart.push({ unit: r.unit, sheet: visibleName(r.sheet), source: source === undefined ? undefined : visibleName(source), kind, reason, score: r.final?.score });
  };
  const found: { review: UnitReview; source?: string; kind?: UnitKind; neutral?: boolean }[] = reviews.map((given, i) => {
    const source = sources[i];
    const id = identify(given, { expected: opts.expected, source: unitFile(source) ? source : undefined });
    let r = withProblems(given, id.problems);
    // A hidden sheet is never scored (its review says why): listed apart, so that it can neither count its
    // unit as returned nor make the unit's visible sheet a duplicate.
    if (given.hidden) {
      setApart(r, source, id.kind, given.hidden === "veryHidden" ? "工作表被深度隐藏（veryHidden），不计分" : "工作表被隐藏，不计分");
      return { review: r, source };
    }
    if (id.apart || !id.member || !id.kind) {
      setApart(r, source, id.kind, id.apart ?? "无法确认是哪个单位");
      return { review: r, source };
    }
    if (neutral(source) && (visibleSheets.get(source) ?? 0) > 1) {
      const reason = `文件名“${visibleName(source)}”不含单位名称，且含 ${visibleSheets.get(source)} 个考核表，无法确认是哪个单位的文件`;
      r = withProblems(r, [{ sheet: r.sheet, address: r.unitAddress, severity: "错误", kind: "单位", message: `${where(r.sheet, r.unitAddress)}：${reason}，不参加排名；一个单位的文件只能含本单位的一份考核表（市信用办自己的工作簿请用 --records 指定）` }]);
      setApart(r, source, id.kind, reason);
      return { review: r, source };
    }
    r.unit = id.member;
    return { review: r, source, kind: id.kind, neutral: neutral(source) };
  });
  // A file whose name names no unit never displaces a file that names the unit: it is set apart.
  const named = new Set(found.filter((f) => f.kind && !f.neutral).map((f) => `${f.kind}|${f.review.unit}`));
  for (const f of found) {
    if (!f.kind || !f.neutral) continue;
    if (named.has(`${f.kind}|${f.review.unit}`)) {
      const reason = `“${f.review.unit}”另有以单位名称命名的文件，本文件（文件名不含单位名称）不计`;
      f.review = withProblems(f.review, [{ sheet: f.review.sheet, address: "", severity: "错误", kind: "单位", message: `${where(f.review.sheet, "")}：${reason}；请确认后只保留一份` }]);
      setApart(f.review, f.source, f.kind, reason);
      f.kind = undefined;
    }
  }
  const notes = found.filter((f) => f.kind && f.neutral).map((f) => `文件“${visibleName(f.source!)}”的文件名不含单位名称，按其中唯一的考核表（工作表“${visibleName(f.review.sheet)}”）认定为“${f.review.unit}”`);
  const count = new Map<string, number>();
  for (const { review, kind } of found) if (kind) count.set(`${kind}|${review.unit}`, (count.get(`${kind}|${review.unit}`) ?? 0) + 1);
  const placed: PlacedUnits["placed"] = [];
  for (const f of found) {
    if (!f.kind) continue;
    const duplicate = (count.get(`${f.kind}|${f.review.unit}`) ?? 0) > 1;
    if (duplicate) {
      const r = f.review;
      f.review = withProblems(r, [{ sheet: r.sheet, address: "", severity: "错误", kind: "单位", message: `“${visibleName(r.sheet)}”工作表：单位“${r.unit}”有多份表格${f.source ? `（本份来自 ${visibleName(f.source)}）` : ""}，均不参加排名；请只保留一份` }]);
    }
    placed.push({ review: f.review, source: f.source, kind: f.kind, duplicate });
  }
  return { reviews: found.map((f) => f.review), sources, placed, apart, notes };
}

/** A copy of a review with problems added: each 错误 is open (nothing a 核定 settles is found here). */
function withProblems(r: UnitReview, added: readonly ReviewProblem[]): UnitReview {
  const openProblems = r.openProblems + added.filter((p) => p.severity === "错误").length;
  return { ...r, problems: [...r.problems, ...added], openProblems, status: openProblems ? "有问题" : r.status };
}

export function summarize(reviews: readonly UnitReview[], opts: SummaryOptions, auditTime: (d?: Date) => string): SummaryData {
  return summaryOf(placeUnits(reviews, opts), opts, auditTime);
}

/** The 汇总 of reviews already placed (placeUnits): the ranked tables, who has not returned, every open problem. */
export function summaryOf(units: PlacedUnits, opts: SummaryOptions, auditTime: (d?: Date) => string): SummaryData {
  const year = opts.year ?? workingYear();
  const weight = checkWeight(opts.weight ?? DEFAULT_WEIGHT);
  const problems: SummaryData["problems"] = [];
  const kinds: UnitKind[] = ["county", "department"];
  const tables = {} as Record<UnitKind, SummaryTable>;
  const missing = {} as Record<UnitKind, string[]>;

  // Member list positions, so that the table's order never walks a list (20,000 units stay fast).
  const position = Object.fromEntries(kinds.map((k) => [k, new Map<string, number>()])) as Record<UnitKind, Map<string, number>>;
  for (const k of kinds) opts.expected[k].forEach((u, i) => position[k].has(u) || position[k].set(u, i));
  units.reviews.forEach((r, i) => {
    for (const p of r.problems) if (!p.closed) problems.push({ ...p, unit: r.unit, source: units.sources[i] });
  });
  for (const s of opts.skipped ?? []) {
    problems.push({ sheet: "", address: "", severity: s.severity, kind: "版式", message: fileReason(s.source, `未读取：${s.reason}`), unit: "", source: s.source });
  }
  for (const u of opts.unreadable ?? []) {
    problems.push({ sheet: "", address: "", severity: "错误", kind: "版式", message: fileReason(u.source, u.message), unit: "", source: u.source });
  }
  for (const m of opts.recordProblems ?? []) {
    const { message, severity } = typeof m === "string" ? { message: m, severity: "错误" as const } : m;
    problems.push({ sheet: "核定记录", address: "", severity, kind: "核定", message, unit: "" });
  }

  for (const kind of kinds) {
    const catalog = findCatalog(year, kind, opts.catalogs);
    const mine = units.placed.filter((p) => p.kind === kind);
    const rows: SummaryRow[] = mine.map(({ review: r, source }) => {
      const row: SummaryRow = { unit: r.unit, sheet: r.sheet, source, status: r.status, openProblems: r.openProblems };
      if (r.scorable && r.final && r.catalog && r.year === year) {
        row.categories = r.catalog.categories.map((c) => r.final!.categories.get(c.id) ?? 0);
        row.totalDeduction = r.final.totalDeduction;
        row.selfScore = r.selfScore;
        row.verifiedScore = r.verifiedScore;
        row.provisional = !r.self!.complete && !r.fullyVerified;
        // A unit with open problems has no 考核得分 and no 按比例计入 (nor a rank): nobody may copy a figure
        // that is not settled into the year's results.
        if (!r.openProblems) {
          row.score = r.final.score;
          row.weighted = weightedScore(r.final.score, weight);
        }
        row.remaining = r.clauses.length - r.verifiedCount;
        row.basis = r.verifiedCount === 0 ? "自评" : row.remaining === 0 ? "核定" : `核定 ${r.verifiedCount} 条、自评 ${row.remaining} 条`;
        row.notApplicable = claimsOf(r);
        const recheck = recheckOf(r);
        if (recheck) row.recheck = recheck;
      }
      return row;
    });
    const order = (u: string) => position[kind].get(u) ?? Number.MAX_SAFE_INTEGER;
    // A provisional score (data still missing or wrong) is not ranked: it would push finished units down.
    // Duplicates are not ranked and take no rank places.
    const unranked = new Set(rows.filter((_, i) => mine[i].duplicate));
    const ranks = rankOf(rows, (x) => (x.provisional || unranked.has(x) ? undefined : x.score));
    for (const row of rows) row.rank = ranks.get(row);
    const returned = new Set(rows.map((x) => x.unit));
    missing[kind] = opts.expected[kind].filter((u) => !returned.has(u));
    for (const u of missing[kind]) rows.push({ unit: u, status: "未返回", openProblems: 0 });
    rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || statusOrder(a.status) - statusOrder(b.status) || order(a.unit) - order(b.unit) || zh.compare(a.unit, b.unit));
    tables[kind] = {
      kind,
      categoryTitles: (catalog?.categories ?? []).map((c) => ({ title: c.title, points: c.points })),
      rows,
      expected: opts.expected[kind].length,
      returned: opts.expected[kind].filter((u) => returned.has(u)).length,
    };
  }
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "错误" ? -1 : 1));
  const draft = kinds.some((k) => tables[k].rows.some((r) => r.status !== "已核定" && r.status !== "未返回"));
  const cat = findCatalog(year, "county", opts.catalogs) ?? findCatalog(year, "department", opts.catalogs);
  return {
    year,
    weight,
    generatedAt: auditTime(opts.now),
    ruleVersion: `${cat?.source ?? ""} ${year} 年度考核指标，模板版式第 ${LAYOUT_VERSION} 版`.trim(),
    tables,
    missing,
    apart: units.apart,
    problems,
    draft,
    verifications: { ...tally(units.placed.map((p) => p.review)), sources: opts.recordSources ?? [] },
    notes: units.notes,
  };
}

/** The unit's 不涉及 claims, each with what the 考核组 decided on its clauses. */
function claimsOf(r: UnitReview): SummaryRow["notApplicable"] {
  const byIndicator = new Map<string, typeof r.clauses>();
  for (const c of r.clauses) if (c.notApplicable) (byIndicator.get(c.indicatorId) ?? byIndicator.set(c.indicatorId, []).get(c.indicatorId)!).push(c);
  const title = (id: string) => r.catalog?.categories.flatMap((c) => c.indicators).find((i) => i.id === id)?.title ?? id;
  return [...byIndicator].map(([id, clauses]) => ({
    indicator: `${id.replace(/^[a-z]+\./, "")} ${title(id)}`,
    decided: clauses.some((c) => c.verified === undefined) ? "未确认" : clauses.some((c) => (c.verified ?? 0) > 0) ? "已改判" : "已确认",
  }));
}

/** The adopted 核定 of the reviews: how many, by whom and by kind, most first. */
function tally(reviews: readonly UnitReview[]): VerificationTally {
  const who = new Map<string, number>();
  const kind = new Map<string, number>();
  let count = 0;
  for (const r of reviews) {
    for (const c of r.clauses) {
      if (c.verified === undefined || !c.record) continue;
      count++;
      who.set(c.record.reviewer || "（未署名）", (who.get(c.record.reviewer || "（未署名）") ?? 0) + 1);
      kind.set(c.record.kind, (kind.get(c.record.kind) ?? 0) + 1);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || zh.compare(a[0], b[0]));
  return { count, byReviewer: sorted(who), byKind: sorted(kind) };
}

function statusOrder(s: UnitStatus): number {
  return { 已核定: 0, 待核定: 1, 有问题: 2, 未返回: 3 }[s];
}
