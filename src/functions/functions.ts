/*
 * 自定义函数（命名空间 CREDIT，来自 manifest.xml 的 Functions.Namespace）。
 * custom-functions-metadata-plugin 在构建时根据下面的 JSDoc 生成 dist/functions.json，
 * 并自动追加 CustomFunctions.associate(...) 调用；请勿手写 associate。
 * 元数据不能按语言本地化，所以说明一律用中文。
 * 注意：自定义函数不得写工作簿；避免 @volatile。
 */

/** 本加载项所依据的考核指标年度（鹤信用办发〔2022〕4号）。 */
export const RULESET_YEAR = "2022";

/**
 * 返回本加载项所依据的考核指标年度，用于核对工作簿与加载项版本是否一致。
 * 用法：=CREDIT.VERSION()
 * @customfunction VERSION
 * @returns 考核指标年度，例如“2022”。
 */
export function version(): string {
  return RULESET_YEAR;
}
