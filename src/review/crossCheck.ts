// 平台比对: every returned unit's self-assessment checked against the office's platform figures (平台数据,
// src/review/platform.ts), unit by unit and clause by clause — for the 考核组 that checks fifty units against
// the platform before year end. Each clause the platform gave a figure for is decided again on the platform's
// figures under the same engine (src/review/platformCheck.ts); a row is listed where a figure the unit typed
// differs from the platform's, or where the deduction differs. Each listed row carries the 核定 it proposes
// (按平台数据: the platform's deduction) and a ready 核定说明, which the pane records in the 核定记录 as a
// 按平台数据 entry and the 核定表 can carry (src/review/decisions.ts). Pure: no Office, no files.
import { canonicalName, clauseNumber, coerce, indexOf, type Catalog, type EngineValue, type InputSpec, type UnitKind } from "../core/index";
import { formatCount, formatPoints } from "../core/format";
import type { PlatformData, PlatformFigures } from "./platform";
import { checkAgainstPlatform } from "./platformCheck";
import type { UnitReview } from "./types";

/** One input of a clause: what the unit typed and what the platform shows. */
export interface CrossFigure {
  inputId: string;
  label: string;
  /** The unit's figure in words ("未填" when blank, the typed text quoted when it is not a valid figure). */
  self: string;
  platform: string;
  /** The platform's cell on the 平台数据 sheet ("D7"). */
  cell: string;
  /** The two figures are not the same value. */
  differs: boolean;
}

export interface CrossRow {
  /** The member unit (the member list's spelling) and its sheet. */
  unit: string;
  sheet: string;
  kind: UnitKind;
  clauseId: string;
  figures: CrossFigure[];
  /** Self-assessed deduction, or the status when the engine cannot decide (待填, 数据错误). */
  self: number | string;
  /** The deduction on the platform's figures, or the status when they do not decide the clause. */
  platform: number | string;
  /** The 核定扣分 proposed (按平台数据), when the platform's figures decide the clause. */
  proposed?: number;
  /** 扣分不同: the platform decides otherwise; 数据不同: a figure differs, the deduction is the same; 无法判定: the platform's figures do not decide the clause. */
  finding: "扣分不同" | "数据不同" | "无法判定";
  /** A ready 核定说明. */
  reason: string;
  /** The 核定 already recorded for the clause (the 核定记录's latest entry, adopted), when there is one. */
  recorded?: { to: number; kind: string; reason: string };
  /** The clause's fingerprint when the check was made (src/review/steps/basis.ts): a 核定 made from this row is bound to it. */
  basis: string;
  /** The fingerprint of the platform's figures for the clause (platformCheck.ts platformBasis): a 按平台数据 made from this row is bound to it too. */
  platformBasis: string;
}

export interface CrossCheck {
  /** Rows where a figure or the deduction differs, by unit (member list order) then clause (catalog order). */
  rows: CrossRow[];
  /** Units returned and checked against the platform (at least one figure), and how many clauses each had figures for. */
  checked: { unit: string; clauses: number }[];
  /** Member units with platform figures but no returned sheet among the reviews. */
  notReturned: string[];
  /** Returned units the 平台数据 has no figure for (not looked up). */
  noFigures: string[];
}

/** A figure in words, as the 核定说明 and the lists show it. */
export function figureText(spec: InputSpec, v: EngineValue): string {
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") {
    if (spec.type === "percent") return `${formatPoints(v)}%`;
    if (spec.type === "count") return `${formatCount(v)}${spec.unit && spec.unit !== "%" ? ` ${spec.unit}` : ""}`;
    return formatPoints(v);
  }
  return String(v);
}

const same = (a: EngineValue, b: EngineValue) => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 1e-9 : a === b);

function figuresOf(catalog: Catalog, inputs: readonly string[], f: PlatformFigures, values: Readonly<Record<string, unknown>>): CrossFigure[] {
  const ix = indexOf(catalog);
  return inputs.map((id) => {
    const spec = ix.inputById.get(id)!;
    const p = f.values[id];
    const c = coerce(spec, values[id]);
    const self = c.state === "ok" ? figureText(spec, c.value) : c.state === "missing" ? "未填" : `“${String(values[id])}”（${c.reason}）`;
    return { inputId: id, label: spec.label, self, platform: figureText(spec, p), cell: f.cells[id] ?? "", differs: c.state !== "ok" || !same(c.value, p) };
  });
}

/**
 * The cross-check of the reviews (placed: units named as the member list spells them) against the 平台数据
 * sheets read back — one per kind; a review is checked against the sheet of its year and kind.
 */
export function crossCheck(reviews: readonly UnitReview[], platform: readonly PlatformData[]): CrossCheck {
  const rows: CrossRow[] = [];
  const checked: CrossCheck["checked"] = [];
  const noFigures: string[] = [];
  const returned = new Set<string>();
  for (const d of platform) {
    const byUnit = new Map([...d.figures.values()].map((f) => [canonicalName(f.member), f]));
    const units = reviews.filter((r) => r.scorable && r.answers && r.catalog?.kind === d.catalog.kind && r.catalog.year === d.catalog.year);
    for (const r of units) {
      const key = canonicalName(r.unit);
      const f = byUnit.get(key);
      returned.add(key);
      if (!f || !Object.keys(f.values).length) {
        noFigures.push(r.unit);
        continue;
      }
      const clauses = checkAgainstPlatform(d.catalog, f, { values: { ...r.answers!.values }, notApplicable: r.answers!.notApplicable });
      checked.push({ unit: f.member, clauses: clauses.length });
      const byClause = new Map(r.clauses.map((c) => [c.clauseId, c]));
      for (const c of clauses) {
        const figures = figuresOf(d.catalog, c.inputs, f, r.answers!.values);
        const decided = c.proposed !== undefined;
        if (!c.differs && !figures.some((x) => x.differs) && decided) continue;
        const shown = (o: { status: string; deduction: number }) => (o.status === "扣分" || o.status === "不扣分" ? o.deduction : o.status);
        const finding: CrossRow["finding"] = !decided ? "无法判定" : c.differs ? "扣分不同" : "数据不同";
        if (!decided && !figures.some((x) => x.differs)) continue;
        const review = byClause.get(c.clauseId);
        const figureWords = figures.filter((x) => x.differs).map((x) => `${x.label}平台 ${x.platform}、单位填 ${x.self}`);
        const reason =
          finding === "数据不同"
            ? `${c.reason}（数据与平台不同：${figureWords.join("；")}，扣分相同 ${formatPoints(c.platform.deduction)} 分）`
            : c.reason;
        rows.push({
          unit: f.member, sheet: r.sheet, kind: d.catalog.kind, clauseId: c.clauseId, figures,
          self: review ? (["扣分", "不扣分", "不涉及"].includes(review.status) ? review.selfDeduction : review.status) : shown(c.self),
          platform: shown(c.platform), proposed: c.proposed, finding, reason, basis: review?.basis ?? "", platformBasis: c.basis,
          recorded: review?.verified !== undefined ? { to: review.verified, kind: review.record?.kind ?? "核定", reason: review.reason ?? "" } : undefined,
        });
      }
    }
  }
  const notReturned = platform.flatMap((d) =>
    [...d.figures.values()].filter((f) => Object.keys(f.values).length && !returned.has(canonicalName(f.member))).map((f) => f.member),
  );
  return { rows, checked, notReturned, noFigures };
}

/** The check in words, one line a row: for the command line and the pane's copy. */
export function crossCheckLines(x: CrossCheck): string[] {
  const out: string[] = [];
  for (const r of x.rows) {
    const self = typeof r.self === "number" ? `自评扣 ${formatPoints(r.self)} 分` : `自评“${r.self}”`;
    const proposal =
      r.proposed === undefined
        ? "平台数据不足以判定，请人工核定"
        : r.finding === "数据不同"
          ? `扣分相同（${formatPoints(r.proposed)} 分），数据与平台不一致，请核实`
          : `建议按平台数据核定扣 ${formatPoints(r.proposed)} 分（${self}）`;
    const recorded = r.recorded ? `；已核定扣 ${formatPoints(r.recorded.to)} 分（${r.recorded.kind}）` : "";
    out.push(`  ${r.unit} 条款 ${clauseNumber(r.clauseId)}【${r.finding}】${proposal}${recorded}`);
    out.push(`    核定说明：${r.reason}`);
  }
  return out;
}
