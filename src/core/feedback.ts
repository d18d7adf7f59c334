// The 结果反馈单's 复核 terms: how many working days a unit has to ask for 复核 and whom it asks. The notice sets
// none, so they are the office's to set (the command line's --days/--contact/--phone, the pane's form); the
// defaults follow the usual practice (a unit asks within about 10 working days of receiving its result).
export interface FeedbackTerms {
  /** Working days after receipt within which a unit may ask for 复核. */
  days: number;
  /** Who receives the request: the office. */
  office: string;
  /** 联系人 and 联系电话 ("" when not set: a blank line is printed to write on). */
  contact: string;
  phone: string;
}

export const DEFAULT_FEEDBACK_TERMS: FeedbackTerms = { days: 10, office: "市信用办", contact: "", phone: "" };

/** The longest period a 复核 request can be given, in working days (a typing slip like 100 is refused). */
export const MAX_FEEDBACK_DAYS = 60;

/** The terms' working days read from what was typed, or a Chinese reason. */
export function feedbackDays(raw: unknown): number | string {
  const text = typeof raw === "number" ? String(raw) : String(raw ?? "").trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_FEEDBACK_DAYS) return `复核申请期限应为 1 到 ${MAX_FEEDBACK_DAYS} 之间的整数（工作日），收到“${String(raw ?? "")}”`;
  return Number(text);
}

/** The 复核 paragraph of the 反馈单. */
export function feedbackTermsText(t: FeedbackTerms): string {
  const blank = "＿＿＿＿＿＿";
  return (
    `如对核定结果有异议，请于收到本反馈单之日起 ${t.days} 个工作日内，向${t.office}书面提出复核申请，写明条款、理由并附佐证材料；` +
    `逾期未提出的，视为无异议。考核组复核后，复核结果记入核定记录并书面告知。联系人：${t.contact || blank}　联系电话：${t.phone || blank}`
  );
}

/** "2022年度考核结果反馈单-兴山区.xlsx" */
export function feedbackFileName(unit: string, year: number): string {
  return `${year}年度考核结果反馈单-${unit.replace(/[\\/:*?"<>|]/g, "_")}.xlsx`;
}
