// The 结果反馈单: after 核定, one printable A4 sheet per unit telling it, clause by clause, what it assessed itself
// (自评扣分), what the 考核组 decided (核定扣分) and why (核定说明), the total and the score, and how to ask for
// 复核 (the office's terms, src/core/feedback.ts). One pure builder and its style table, rendered by both writers
// (src/xlsx/writeSheetDoc.ts for `npm run cli -- feedback`, src/office/sheetDoc.ts for the pane).
// The unit's figures come from its review (src/review/types.ts UnitReview, 核定 from the 核定记录 only): the
// shapes below are the part of it the sheet shows (layout does not import review: structural types).
import { feedbackTermsText, type FeedbackTerms } from "../core/feedback";
import { formatPoints } from "../core/format";
import { UNIT_KIND_SHORT, type Catalog, type ClauseStatus } from "../core/types";
import { DocBuilder, fitDocHeights, type SheetDoc } from "./sheetDoc";
import type { CellStyle } from "./styles";

export interface FeedbackClause {
  clauseId: string;
  points: number;
  status: ClauseStatus;
  selfDeduction: number;
  /** The engine's explanation of the self-assessment. */
  explanation: string;
  /** 核定扣分 and 核定说明 adopted from the 核定记录. */
  verified?: number;
  reason?: string;
  /** The 核定记录 entry adopted (its kind: 核定, 改判, 按平台数据, 复核 …). */
  record?: { kind: string };
}

export interface FeedbackUnit {
  unit: string;
  catalog: Catalog;
  clauses: readonly FeedbackClause[];
  self?: { totalDeduction: number; score: number; complete: boolean };
  /** Deductions with the 核定 figures in place of the self-assessed ones. */
  final?: { totalDeduction: number; score: number };
  verifiedCount: number;
  fullyVerified: boolean;
}

export interface FeedbackInput {
  unit: FeedbackUnit;
  terms: FeedbackTerms;
  /** Who issues it (the 汇总's 制表单位). */
  issuer: string;
  /** ISO date printed on it. */
  date: string;
}

/** The sheet's name in a workbook (the pane writes one per unit beside the others). */
export function feedbackSheetName(unit: string): string {
  return `反馈单-${unit}`.replace(/[:\\/?*[\]]/g, "_").slice(0, 31);
}

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, size: 16, h: "center", v: "middle" },
  meta: { size: 11, h: "left", v: "middle" },
  warn: { size: 11, bold: true, color: "9C0006", h: "left", v: "middle", wrap: true },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  category: { bold: true, size: 10, h: "left", v: "middle", fill: "F2F2F2", border: true },
  text: { size: 10, h: "left", v: "top", wrap: true, border: true },
  num: { size: 10, h: "center", v: "top", border: true },
  lost: { size: 10, bold: true, color: "9C0006", h: "center", v: "top", border: true },
  reason: { size: 10, h: "left", v: "top", wrap: true, border: true },
  total: { bold: true, size: 11, h: "center", v: "middle", border: true, fill: "F2F2F2" },
  totalLabel: { bold: true, size: 11, h: "right", v: "middle", border: true, fill: "F2F2F2" },
  terms: { size: 10.5, h: "left", v: "top", wrap: true },
  sign: { size: 11, h: "left", v: "bottom" },
  signRight: { size: 11, h: "right", v: "bottom" },
};

/** Columns: 序号, 评分条款, 本条扣分, 自评扣分, 核定扣分, 核定说明 (widths in characters: one A4 page wide). */
const WIDTHS = [5, 34, 7, 7, 7, 37];
const C = { no: 0, clause: 1, points: 2, self: 3, verified: 4, reason: 5 } as const;

const decided = (s: ClauseStatus) => s === "扣分" || s === "不扣分" || s === "不涉及";

/** The 核定扣分 the unit is told, and why: the 核定 adopted, else its self-assessment where it decides the clause. */
export function feedbackLine(c: FeedbackClause): { verified: number | string; reason: string } {
  if (c.verified !== undefined) {
    const kind = c.record?.kind;
    const why = c.reason || (c.verified === c.selfDeduction ? "同意自评" : "");
    const mark = kind === "复核" ? "【复核】" : kind === "按平台数据" && !why.startsWith("平台调阅") ? "【按平台数据】" : "";
    return { verified: c.verified, reason: `${mark}${why}` };
  }
  if (decided(c.status)) return { verified: c.selfDeduction, reason: c.selfDeduction > 0 ? `未另行核定，按自评：${c.explanation}` : c.status === "不涉及" ? "未另行核定，按自评（不涉及）" : "未另行核定，按自评" };
  return { verified: "—", reason: `未核定（自评为“${c.status}”：${c.explanation}）` };
}

/** The 反馈单 of one unit. */
export function buildFeedback(input: FeedbackInput): SheetDoc {
  const { unit: u, terms } = input;
  const catalog = u.catalog;
  const b = new DocBuilder(WIDTHS.length);
  const last = WIDTHS.length - 1;
  b.line(0, `${catalog.year} 年度“信用鹤岗”建设工作考核结果反馈单`, "title", 30);
  b.block(1, 0, { v: `单位：${u.unit}（${UNIT_KIND_SHORT[catalog.kind]}）`, s: "meta" }, 2);
  b.block(1, 3, { v: `反馈日期：${input.date}`, s: "meta" }, last);
  b.heights.set(1, 20);
  let r = 2;
  const open = u.clauses.length - u.verifiedCount;
  if (!u.fullyVerified) {
    b.line(r, `注意：本单位尚有 ${open} 条未另行核定（按自评计），本反馈单为暂定结果。`, "warn", 20);
    r++;
  }
  const head = r;
  ["序号", "评分条款", "本条\n扣分", "自评\n扣分", "核定\n扣分", "核定说明"].forEach((h, c) => b.put(r, c, { v: h, s: "th" }));
  b.heights.set(r, 28);
  r++;
  const byId = new Map(u.clauses.map((c) => [c.clauseId, c]));
  let n = 0;
  for (const category of catalog.categories) {
    b.block(r, 0, { v: `${category.numeral}、${category.title}（${formatPoints(category.points)} 分）`, s: "category" }, last);
    b.heights.set(r, 18);
    r++;
    for (const indicator of category.indicators) {
      for (const clause of indicator.clauses) {
        const c = byId.get(clause.id);
        if (!c) continue;
        const line = feedbackLine(c);
        const shortId = clause.id.replace(/^[a-z]+\./, "");
        b.put(r, C.no, { v: ++n, s: "num" });
        b.put(r, C.clause, { v: `${shortId} ${indicator.title}：${clause.text}`, s: "text" });
        b.put(r, C.points, { v: clause.deduction, s: "num" });
        b.put(r, C.self, { v: decided(c.status) ? c.selfDeduction : c.status, s: "num" });
        b.put(r, C.verified, { v: line.verified, s: typeof line.verified === "number" && line.verified > 0 ? "lost" : "num" });
        b.put(r, C.reason, { v: line.reason, s: "reason" });
        r++;
      }
    }
  }
  const lastClauseRow = r - 1;
  const selfTotal = u.self ? formatPoints(u.self.totalDeduction) : "—";
  const finalTotal = u.final ? formatPoints(u.final.totalDeduction) : "—";
  b.block(r, 0, { v: "合计扣分（各项指标扣分以其分值为限）", s: "totalLabel" }, 2);
  b.put(r, C.self, { v: selfTotal, s: "total" });
  b.put(r, C.verified, { v: finalTotal, s: "total" });
  b.put(r, C.reason, { v: "", s: "total" });
  b.heights.set(r, 22);
  r++;
  const selfScore = u.self ? `${formatPoints(u.self.score)}${u.self.complete ? "" : "（未填完）"}` : "—";
  const finalScore = u.final ? formatPoints(u.final.score) : "—";
  b.block(r, 0, { v: `得分（满分 ${formatPoints(catalog.total)} 分）`, s: "totalLabel" }, 2);
  b.put(r, C.self, { v: selfScore, s: "total" });
  b.put(r, C.verified, { v: finalScore, s: "total" });
  b.put(r, C.reason, { v: u.fullyVerified ? "核定得分" : "暂定得分：尚有条款未另行核定", s: "total" });
  b.heights.set(r, 22);
  r += 2;
  b.line(r, `复核：${feedbackTermsText(terms)}`, "terms");
  const termsRow = r;
  r += 2;
  b.block(r, 0, { v: "审核人：", s: "sign" }, 1);
  b.block(r, 2, { v: `${input.issuer}（盖章）`, s: "signRight" }, last);
  b.heights.set(r, 36);
  r++;
  b.block(r, 2, { v: `${input.date.slice(0, 4)} 年 ${Number(input.date.slice(5, 7))} 月 ${Number(input.date.slice(8, 10))} 日`, s: "signRight" }, last);
  b.heights.set(r, 22);
  const doc: SheetDoc = {
    name: feedbackSheetName(u.unit),
    rows: b.rows,
    width: b.width,
    merges: b.merges,
    widths: WIDTHS,
    heights: b.heights,
    hiddenColumns: [],
    hiddenRows: [],
    styles: STYLES,
    validations: [],
    print: { orientation: "portrait", fit: { width: 1, height: 0 }, titleRows: [head, head], footer: `${u.unit} 考核结果反馈单　第 &P 页，共 &N 页`, lastRow: r },
    protect: true,
  };
  // Wrapped clause texts and reasons, the note and the terms: rows as tall as their text needs.
  fitDocHeights(doc, head + 1, lastClauseRow);
  fitDocHeights(doc, termsRow, termsRow);
  if (!u.fullyVerified) fitDocHeights(doc, 2, 2);
  return doc;
}
