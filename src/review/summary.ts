// The 汇总: two ranked tables (县区 / 市直部门), who has not returned, and every open problem, computed
// from reviewed unit sheets. Pure data; src/review/summaryGrid.ts lays it out for both writers.
import { findCatalog, type Catalog, type UnitKind, UNIT_KIND_LABEL, workingYear } from "../core/index";
import { weighted } from "../functions/core";
import { LAYOUT_VERSION } from "../layout/names";
import type { ReviewProblem } from "./types";
import type { UnitReview, UnitStatus } from "./unit";

/**
 * 按比例计入: the 100-point score carried into the 市委考评办 result as score × weight ÷ 100 (the same rule
 * as CREDIT.WEIGHTED). The notice leaves the weight to the 市委考评办; the default 100 carries the score
 * unchanged until the office sets the real figure.
 */
export const DEFAULT_WEIGHT = 100;
export const MAX_WEIGHT = 1000;

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
  /** Open problems (错误 not closed by 核定), then advice (提示), each naming sheet and cell. */
  problems: (ReviewProblem & { unit: string; source?: string })[];
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
}

export function checkWeight(w: unknown): number {
  const n = typeof w === "string" ? Number(w) : w;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0 || n > MAX_WEIGHT) {
    throw new RangeError(`按比例计入的分值应为大于 0、不超过 ${MAX_WEIGHT} 的数（市委考评办确定的本项分值），收到 ${String(w)}`);
  }
  return n;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Ranks with ties sharing a rank (1, 1, 3): rank = 1 + number of strictly higher scores. */
export function rankOf<T>(items: T[], scoreOf: (t: T) => number | undefined): Map<T, number> {
  const scored = items.map((t) => [t, scoreOf(t)] as const).filter((e): e is readonly [T, number] => e[1] !== undefined);
  const ranks = new Map<T, number>();
  for (const [t, s] of scored) ranks.set(t, 1 + scored.filter(([, o]) => round6(o) > round6(s)).length);
  return ranks;
}

export function summarize(reviews: UnitReview[], opts: SummaryOptions, auditTime: (d?: Date) => string): SummaryData {
  const year = opts.year ?? workingYear();
  const weight = checkWeight(opts.weight ?? DEFAULT_WEIGHT);
  const problems: SummaryData["problems"] = [];
  const kinds: UnitKind[] = ["county", "department"];
  const tables = {} as Record<UnitKind, SummaryTable>;
  const missing = {} as Record<UnitKind, string[]>;

  // Which table an unscorable sheet belongs to: its kind, else the list its unit is on.
  const kindOfReview = (r: UnitReview): UnitKind | undefined =>
    r.kind ?? kinds.find((k) => opts.expected[k].includes(r.unit));

  // The same unit twice (two files, or a sheet imported twice): both flagged.
  const count = new Map<string, number>();
  for (const r of reviews) count.set(`${kindOfReview(r)}|${r.unit}`, (count.get(`${kindOfReview(r)}|${r.unit}`) ?? 0) + 1);

  reviews.forEach((r, i) => {
    const source = opts.sources?.[i];
    if ((count.get(`${kindOfReview(r)}|${r.unit}`) ?? 0) > 1) {
      r.problems.push({ sheet: r.sheet, address: "", severity: "错误", kind: "单位", message: `“${r.sheet}”工作表：单位“${r.unit}”有多份表格${source ? `（本份来自 ${source}）` : ""}，请只保留一份` });
      r.openProblems += 1;
      r.status = "有问题";
    }
    const k = kindOfReview(r);
    if (k && !opts.expected[k].includes(r.unit)) {
      r.problems.push({ sheet: r.sheet, address: "", severity: "提示", kind: "单位", message: `“${r.sheet}”工作表：单位“${r.unit}”不在${UNIT_KIND_LABEL[k]}名单中，请核对单位名称` });
    }
    for (const p of r.problems) if (!p.closed) problems.push({ ...p, unit: r.unit, source });
  });
  for (const u of opts.unreadable ?? []) {
    problems.push({ sheet: "", address: "", severity: "错误", kind: "版式", message: `文件“${u.source}”${u.message}`, unit: "", source: u.source });
  }

  for (const kind of kinds) {
    const catalog = findCatalog(year, kind, opts.catalogs);
    const mine = reviews.map((r, i) => ({ r, source: opts.sources?.[i] })).filter(({ r }) => kindOfReview(r) === kind);
    const rows: SummaryRow[] = mine.map(({ r, source }) => {
      const row: SummaryRow = { unit: r.unit, sheet: r.sheet, source, status: r.status, openProblems: r.openProblems };
      if (r.scorable && r.final && r.catalog && r.year === year) {
        row.categories = r.catalog.categories.map((c) => r.final!.categories.get(c.id) ?? 0);
        row.totalDeduction = r.final.totalDeduction;
        row.score = r.final.score;
        row.selfScore = r.selfScore;
        row.verifiedScore = r.verifiedScore;
        row.provisional = !r.self!.complete && !r.fullyVerified;
        const w = weighted(r.final.score, weight);
        row.weighted = typeof w === "number" ? w : undefined;
      }
      return row;
    });
    const order = (u: string) => {
      const i = opts.expected[kind].indexOf(u);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    // A provisional score (data still missing or wrong) is not ranked: it would push finished units down.
    const ranks = rankOf(rows, (x) => (x.provisional ? undefined : x.score));
    for (const row of rows) row.rank = ranks.get(row);
    const returned = new Set(rows.map((x) => x.unit));
    missing[kind] = opts.expected[kind].filter((u) => !returned.has(u));
    for (const u of missing[kind]) rows.push({ unit: u, status: "未返回", openProblems: 0 });
    rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || statusOrder(a.status) - statusOrder(b.status) || order(a.unit) - order(b.unit) || a.unit.localeCompare(b.unit, "zh"));
    tables[kind] = {
      kind,
      categoryTitles: (catalog?.categories ?? []).map((c) => ({ title: c.title, points: c.points })),
      rows,
      expected: opts.expected[kind].length,
      returned: opts.expected[kind].filter((u) => returned.has(u)).length,
    };
  }
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "错误" ? -1 : 1));
  const cat = findCatalog(year, "county", opts.catalogs) ?? findCatalog(year, "department", opts.catalogs);
  return {
    year,
    weight,
    generatedAt: auditTime(opts.now),
    ruleVersion: `${cat?.source ?? ""} ${year} 年度考核指标，模板版式第 ${LAYOUT_VERSION} 版`.trim(),
    tables,
    missing,
    problems,
  };
}

function statusOrder(s: UnitStatus): number {
  return { 已核定: 0, 待核定: 1, 有问题: 2, 未返回: 3 }[s];
}

/** The --json shape: plain numbers and strings only. */
export function summaryJson(d: SummaryData): unknown {
  return d;
}
