// The grid of a template sheet: its columns, fixed rows, column headings, widths and number formats.

/** Columns of the table (1-based). */
export const COL = {
  category: 1, // A 考核内容
  indicator: 2, // B 指标明细
  na: 3, // C 是否涉及
  number: 4, // D 序号: the clause's number (2.2.1), the one every message names it by
  clause: 5, // E 评分标准
  inputLabel: 6, // F 填报项目
  input: 7, // G 填报数据
  unit: 8, // H 单位
  evidence: 9, // I 佐证材料
  evidenceInput: 10, // J 已附佐证材料
  deduction: 11, // K 自评扣分
  status: 12, // L 状态
  explanation: 13, // M 扣分说明
  indicatorDeduction: 14, // N 指标扣分
  verified: 15, // O 核定扣分
  verifiedReason: 16, // P 核定说明
  remark: 17, // Q 备注
  clauseId: 18, // R (hidden) 条款编号 for CREDIT.SCORE
  meta: 19, // S (hidden) CR_YEAR, CR_KIND, CR_UNIT, CR_LAYOUT
  percent: 20, // T (hidden) the percents a rate clause's native explanation prints (compileFormula percentHelpers)
} as const;

export const LAST_VISIBLE = COL.remark;
export const HEADER_ROW = 5;
export const FIRST_DATA_ROW = 6;

// Line breaks are explicit where a narrow column would otherwise leave a bracket or one character alone.
export const HEADERS: [number, string][] = [
  [COL.category, "考核内容"],
  [COL.indicator, "指标明细"],
  [COL.na, "是否\n涉及"],
  [COL.number, "序号"],
  [COL.clause, "评分标准"],
  [COL.inputLabel, "填报项目"],
  [COL.input, "填报数据"],
  [COL.unit, "单位"],
  [COL.evidence, "佐证材料"],
  [COL.evidenceInput, "已附\n佐证材料"],
  [COL.deduction, "自评\n扣分"],
  [COL.status, "状态"],
  [COL.explanation, "扣分说明"],
  [COL.indicatorDeduction, "指标\n扣分"],
  [COL.verified, "考核组\n核定扣分"],
  [COL.verifiedReason, "考核组\n核定说明"],
  [COL.remark, "备注"],
];

// Column widths in characters (填报数据 12: a date, 2022-04-26, shows whole; 10 printed “###”). A–Q add up to 174: fitted to the width of A4 landscape this prints at about
// 80 %, so the smallest text (10 pt) prints at 8 pt. test/xlsx/print.test.ts measures it in the rendered PDF.
export const WIDTHS = [11, 13, 6, 5, 20, 14, 12, 5, 10, 10, 8, 8, 21, 6, 8, 9, 8, 16, 12, 10];

// "@": typed text stays text (a phone number must not turn into 1.38E+10).
export const NUMFMT = { count: "0", date: "yyyy-mm-dd", text: "@" } as const;

/**
 * A rate as the unit typed it: 85% shows 85%, 85.5% shows 85.5% — never 85.00%. A blank rate cell keeps the
 * General format, so Excel and LibreOffice format what is typed there as typed (85% → 0%, 85.5% →
 * 0.00%; 0.85 stays 0.85); a rate already known (a regenerated or imported sheet) gets exactly the decimals it
 * has (up to six). Both writers write this format (layout cells' numFmt).
 */
export function percentFormat(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  const decimals = (String(Number((value * 100).toFixed(6))).split(".")[1] ?? "").length;
  return decimals ? `0.${"0".repeat(decimals)}%` : "0%";
}
