// 按比例计入: the 100-point score carried into the 市委考评办 result as score × weight ÷ 100 (the rule of
// CREDIT.WEIGHTED). The notice leaves the weight (本项分值) to the 市委考评办; the default 100 carries the
// score unchanged until the office sets the real figure. One check for every place a weight comes in
// (CLI --weight, the pane's field, the 汇总).
import { numberOf } from "./coerce";

export const DEFAULT_WEIGHT = 100;
export const MAX_WEIGHT = 1000;

/** Why `w` is not a usable weight, in Chinese; undefined when it is one. Text is read by numberOf, like every figure. */
export function weightProblem(w: unknown): string | undefined {
  const n = typeof w === "string" ? numberOf(w) : w;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0 || n > MAX_WEIGHT) {
    return `按比例计入的分值应为大于 0、不超过 ${MAX_WEIGHT} 的数（市委考评办确定的本项分值），收到 ${String(w)}`;
  }
  return undefined;
}

/** The weight as a number, or a RangeError with weightProblem's text. */
export function checkWeight(w: unknown): number {
  const problem = weightProblem(w);
  if (problem) throw new RangeError(problem);
  return typeof w === "string" ? numberOf(w)! : (w as number);
}

/**
 * How the score is carried, in words a reader of the 汇总 or the console follows without a formula sign:
 * 100 → "未设定本项分值，得分原样计入"; 5 → "本项 5 分，计入分 = 得分 ÷ 100 × 5，保留两位小数".
 */
export function weightRule(weight: number): string {
  if (weight === DEFAULT_WEIGHT) return "未设定本项分值，得分原样计入";
  const w = String(Math.round(weight * 100) / 100);
  return `本项 ${w} 分，计入分 = 得分 ÷ 100 × ${w}，保留两位小数`;
}
