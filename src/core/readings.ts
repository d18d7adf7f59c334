// The reading the project applies where the notice's wording is ambiguous or mistaken, per year and clause:
// one short sentence shown beside the clause on the template. The reasons are in docs/rules-2022.md (a test
// keeps both lists of clauses equal); the catalog keeps the notice's text verbatim.

const READINGS: Record<number, Record<string, string>> = {
  2022: {
    "county.1.3.2": "准确率、及时率任一低于 100% 扣 5 分（只扣一次）；恰好 100% 不扣分。“7 日”为 7 个工作日，不计决定当天，按法定节假日和调休计算。",
    "department.1.2.2": "准确率、及时率任一低于 100% 扣 5 分（只扣一次）；恰好 100% 不扣分。“7 日”为 7 个工作日，不计决定当天，按法定节假日和调休计算。",
    "county.1.4.1": "已录入条数少于产生条数扣分；本年度未产生（0 条）不扣分。",
    "department.1.5.1": "已录入条数少于产生条数扣分；本年度未产生（0 条）不扣分。",
    "county.2.1.1": "按条数精确比较，不四舍五入：19.995% 扣分，20% 不扣分。",
    "county.2.2.1": "按户数精确比较，不四舍五入：39.995% 扣分，40% 不扣分。",
    "county.2.3.1": "开展宣传的“七进”场所类别少于 2 类扣 5 分（“形式多样”）。",
    "department.2.3.1": "开展宣传的“七进”场所类别少于 2 类扣 5 分（“形式多样”）。",
    "county.2.4.1": "5 月 1 日当天完成算按时；晚于 5 月 1 日或覆盖面低于 100% 扣 5 分。原文“and”即“和”。",
    "department.2.5.1": "未报送，或报送日期晚于 5 月 1 日，扣 5 分；5 月 1 日当天算按时。",
    "county.2.5.1": "严格大于 1% 扣分；恰好 1% 不扣分（“超过”不含本数）。",
    "department.2.6.1": "严格大于 1% 扣分；恰好 1% 不扣分（“超过”不含本数）。",
    "county.2.6.1": "未开展试点，或未形成经验材料并推广，任一即扣 5 分。",
    "county.3.1.1": "归集的承诺少于 1000 份扣 5 分，恰好 1000 份不扣分（原文“不低于”显系漏字）。",
    "county.3.2.1": "及时推送数少于产生数扣分；本年度未产生不扣分。",
    "department.3.2.1": "及时推送数少于产生数扣分；本年度未产生不扣分。",
    "department.3.1.1": "及时报送数少于产生数扣分；本年度未产生不扣分。",
    "county.3.2.2": "原文“核查查”为笔误，即“未开展信用核查的”。",
    "county.4.1.1": "修复率 = 已完成修复件数 ÷ 符合修复条件的申请件数，低于 80% 扣分；无符合条件的申请不扣分。",
    "department.4.1.1": "修复率 = 已完成修复件数 ÷ 符合修复条件的申请件数，低于 80% 扣分；无符合条件的申请不扣分。",
    "department.1.4.1": "有应纠正未纠正的重错码，且重错率高于（不含等于）城市平均水平，扣 5 分。",
    "department.3.3.1": "四项要求任一未做到扣 5 分（只扣一次）；非重点领域单位选“不涉及”。",
  },
};

/** The applied reading of an ambiguous clause ("county.3.1.1"), or undefined where the text is plain. */
export function readingOf(year: number, clauseId: string): string | undefined {
  return READINGS[year]?.[clauseId];
}

/** Every clause of a year that carries a reading. */
export function clausesWithReadings(year: number): string[] {
  return Object.keys(READINGS[year] ?? {});
}
