/*
 * 自定义函数（命名空间 CREDIT，来自 manifest.xml 的 Functions.Namespace）。
 * custom-functions-metadata-plugin 在构建时根据下面的 JSDoc 生成 dist/functions.json，
 * 并自动追加 CustomFunctions.associate(...) 调用；请勿手写 associate。
 * 元数据不能按语言本地化，所以说明一律用中文；参数名也用中文：Excel 的公式提示和“帮助”显示参数名，
 * 元数据规范只要求参数名 1–64 个字符（不限字符），custom-functions-metadata 也不检查参数名，
 * TypeScript 标识符可以是汉字。函数 ID 只许 A–Z、0–9、“.”、“_”；函数名虽可含 Unicode 字母，
 * 但它就是单元格公式的文本（模板、WPS/LibreOffice 的回退公式、_xldudf_ 存档名都按它书写），故保持英文。
 * 每个函数在 core.ts 的 FUNCTIONS 表中声明一次（参数、类型、取值范围、函数体），由 args.ts 的同一个
 * runner 做参数转换与报错，说明文字都在 messages.ts。这里每个函数只有一行，参数与表一致
 * （test/functions/metadata.test.ts 检查）。错误以 CustomFunctions.Error 抛出（#VALUE! 或 #N/A，带中文说明，
 * 需 CustomFunctionsRuntime 1.2），这是 Office 文档规定的返回错误的方式；除此之外函数不抛出任何异常。
 * 函数 ID 一经发布不得更改：已保存的工作簿按 ID 引用函数。
 * 注意：自定义函数不得写工作簿；不使用 @volatile。
 */
import * as core from "./core";
import { FnError } from "./args";

/** FnError → CustomFunctions.Error (thrown: the documented way to put #VALUE!/#N/A with a message in a cell). */
function out<T>(r: T | FnError): T {
  if (r instanceof FnError) {
    throw new CustomFunctions.Error(r.code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue, r.message);
  }
  return r;
}

/**
 * 返回本加载项所依据的考核指标年度（已登记的最新年度），用于核对工作簿与加载项版本是否一致。
 * 用法：=CREDIT.VERSION()
 * @customfunction VERSION
 * @returns 考核指标年度，例如“2022”。
 */
export function version(): string {
  return out(core.version());
}

/**
 * 按考核指标计算一个条款的扣分：已判定时返回扣分（不扣分或不涉及为 0），输入项未填完时返回“待填”，数据有误时返回 #VALUE! 并说明原因。
 * 用法：=CREDIT.DEDUCT("2022:county.2.1.1", B5:B7, C4)
 * @customfunction DEDUCT
 * @param 条款编号 建议带年度，如“2022:county.2.1.1”（不带年度按 2022 年度）。
 * @param 输入项 本条款的全部输入项，一行或一列，顺序与模板一致。
 * @param [是否涉及] “涉及”或留空为涉及，“不涉及”则本条款不扣分。
 * @returns 扣分（数字）或“待填”。
 */
export function deduct(条款编号: string, 输入项: unknown[][], 是否涉及?: unknown): number | string {
  return out(core.deduct(条款编号, 输入项, 是否涉及));
}

/**
 * 返回一个条款的判定结果：扣分、不扣分、不涉及、待填或数据错误。
 * 用法：=CREDIT.STATUS("2022:county.2.1.1", B5:B7, C4)
 * @customfunction STATUS
 * @param 条款编号 建议带年度，如“2022:county.2.1.1”（不带年度按 2022 年度）。
 * @param 输入项 本条款的全部输入项，一行或一列，顺序与模板一致。
 * @param [是否涉及] “涉及”或留空为涉及，“不涉及”则判定为不涉及。
 * @returns 判定结果（文字）。
 */
export function status(条款编号: string, 输入项: unknown[][], 是否涉及?: unknown): string {
  return out(core.status(条款编号, 输入项, 是否涉及));
}

/**
 * 用一句话说明一个条款为何扣分或不扣分（依据本单位填报的数字）；数据有误时说明错在哪里。
 * 用法：=CREDIT.EXPLAIN("2022:county.2.1.1", B5:B7, C4)
 * @customfunction EXPLAIN
 * @param 条款编号 建议带年度，如“2022:county.2.1.1”（不带年度按 2022 年度）。
 * @param 输入项 本条款的全部输入项，一行或一列，顺序与模板一致。
 * @param [是否涉及] “涉及”或留空为涉及，“不涉及”。
 * @returns 说明（文字）。
 */
export function explain(条款编号: string, 输入项: unknown[][], 是否涉及?: unknown): string {
  return out(core.explain(条款编号, 输入项, 是否涉及));
}

/**
 * 计算得分：100 减去各条款扣分，不低于 0；给出对应的条款编号区域时，每项指标的扣分以该指标分值为限。有“待填”或空白的扣分时返回“未完成（N 项待填）”。
 * 用法：=CREDIT.SCORE(H5:H80, A5:A80)
 * @customfunction SCORE
 * @param 扣分 各条款的扣分（CREDIT.DEDUCT 的结果）。
 * @param [条款编号] 与扣分一一对应的条款编号，用于按指标分值封顶。
 * @returns 得分（数字），或“未完成（N 项待填）”。
 */
export function score(扣分: unknown[][], 条款编号?: unknown[][]): number | string {
  return out(core.scoreOf(扣分, 条款编号));
}

/**
 * 计算占比：部分数 ÷ 总数，返回小数（请将单元格设为百分比格式），与考核引擎的计算一致；任一数未填时返回“待填”。
 * 用法：=CREDIT.SHARE(B5, B6)
 * @customfunction SHARE
 * @param 部分数 不小于 0 的整数，如已入驻“信易贷”的市场主体数。
 * @param 总数 大于 0 的整数，如本辖区市场主体总量。
 * @returns 占比（小数，如 0.25 即 25%）或“待填”。
 */
export function share(部分数: unknown, 总数: unknown): number | string {
  return out(core.share(部分数, 总数));
}

/**
 * 按比例计入：把百分制得分折算为市委考评办结果中的分值，即 得分 ÷ 100 × 分值，保留两位小数。得分未完成时原样返回“未完成…”或“待填”。
 * 用法：=CREDIT.WEIGHTED(CREDIT.SCORE(H5:H80, A5:A80), 3)
 * @customfunction WEIGHTED
 * @param 得分 百分制得分（0 到 100）。
 * @param 分值 本项考核在市委考评办结果中所占分值（大于 0）。
 * @returns 折算后的分值（两位小数）。
 */
export function weighted(得分: unknown, 分值: unknown): number | string {
  return out(core.weighted(得分, 分值));
}

/**
 * 返回考核指标中一个类别或指标的分值，或一个条款的扣分值。
 * 用法：=CREDIT.POINTS("2022:county.2.1")
 * @customfunction POINTS
 * @param 编号 类别、指标或条款编号，如“2022:county.2.1”。
 * @returns 分值（数字）。
 */
export function points(编号: string): number {
  return out(core.points(编号));
}

/**
 * 返回一个条款在考核通知中的原文；给出指标或类别编号时返回其名称。
 * 用法：=CREDIT.RULE("2022:county.2.1.1")
 * @customfunction RULE
 * @param 编号 条款、指标或类别编号，如“2022:county.2.1.1”。
 * @returns 条款原文或指标名称（文字）。
 */
export function rule(编号: string): string {
  return out(core.rule(编号));
}

/**
 * 按国务院公布的节假日安排计算两个日期之间的工作日数：不计开始日期当天，计到结束日期（含）；周末和法定节假日不算，调休上班的周末算。
 * 用法：=CREDIT.WORKDAYS(C7, D7)
 * @customfunction WORKDAYS
 * @param 开始日期 如“双公示”的决定日期（日期或“2022-03-05”样式的文字）。
 * @param 结束日期 如公示（上报）日期；早于开始日期时结果为负数。
 * @returns 工作日数（数字）或“待填”；日期所在年份的节假日安排尚未收录时返回 #VALUE! 并说明。
 */
export function workdays(开始日期: unknown, 结束日期: unknown): number | string {
  return out(core.workdays(开始日期, 结束日期));
}

/**
 * “双公示”7 日公示：公示（上报）日期在决定日期后 7 个工作日内（不计决定当天，按法定节假日和调休计算）为“按时”，否则为“逾期”。
 * 用法：=CREDIT.ONTIME(C7, D7)
 * @customfunction ONTIME
 * @param 决定日期 行政许可或行政处罚的决定日期。
 * @param 公示日期 公示（上报）日期，不能早于决定日期。
 * @returns “按时”“逾期”或“待填”；日期有误或年份未收录时返回 #VALUE! 并说明。
 */
export function ontime(决定日期: unknown, 公示日期: unknown): string {
  return out(core.ontime(决定日期, 公示日期));
}
