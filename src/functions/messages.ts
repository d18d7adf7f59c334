// Every Chinese text the CREDIT.* functions show — the messages of their #VALUE!/#N/A errors and the
// texts they return — in one catalogue. The rest of src/functions composes these and writes no Chinese
// of its own; a cell's own problem (不能为负数 …) is the reason src/core/coerce.ts gives.
import { errorValueReason, quoted } from "../core/index";

/** What a clause, share or weighted score shows while its inputs are not filled in (not an error, not 0). */
export const PENDING = "待填";

const ID_EXAMPLE = "2022:county.2.1.1";

export const MSG = {
  /** "第 2 个参数（输入项）": how every message names an argument. */
  arg: (n: number, name: string) => `第 ${n} 个参数（${name}）`,
  /** "…第 3 项“市场主体总量”", "…第 3 个单元格": a cell inside a range argument. */
  item: (arg: string, k: number, label: string) => `${arg}第 ${k + 1} 项${quoted(label)}`,
  cell: (arg: string, k: number) => `${arg}第 ${k + 1} 个单元格`,
  /** An upstream error value (#N/A, #DIV/0! …) where a value was needed. */
  errorValue: (where: string, code: string) => `${where}${errorValueReason(code)}`,
  /** "应为…，收到…": a value of the wrong kind or outside its bounds (a space before a figure: "应为 0 到 100…"). */
  expected: (where: string, what: string, got: string) => `${where}应为${/^\d/.test(what) ? " " : ""}${what}，收到 ${got}`,

  // How a received value is quoted.
  blank: "空白",
  date: "日期",
  badNumber: "无效的数字（可能是公式错误）",
  quoted: (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`,
  errorCode: (code: string) => `错误值 ${code}`,

  // Ids (条款编号, 编号).
  blankId: (where: string) => `${where}为空，请填写编号，如 ${ID_EXAMPLE}`,
  idNotText: (name: string, got: string) => `未知${name} ${got}：应为文字编号，如 ${ID_EXAMPLE}`,
  unknownClause: (ref: string) => `未知条款 “${ref}”：应为考核指标中的条款编号，如 ${ID_EXAMPLE} 或 2022:department.1.1.1`,
  unknownId: (ref: string) => `未知编号 “${ref}”：应为考核指标中的类别、指标或条款编号，如 2022:county.2、2022:county.2.1、${ID_EXAMPLE}`,

  // 是否涉及.
  applicability: "“涉及”或“不涉及”（或留空表示涉及）",

  // Ranges.
  notVector: (where: string, rows: number, cols: number | string) => `${where}应为一行或一列单元格，收到 ${rows} 行 ${cols} 列的区域`,
  /** "3 个单元格（一行或一列），依次为：“…”、“…”、“…”" */
  clauseInputs: (labels: readonly string[]) => `${labels.length} 个单元格（一行或一列），依次为：${labels.map((l) => quoted(l)).join("、")}`,
  inputsShape: (shape: string, clauseId: string, expected: string) => `${shape}；条款 ${clauseId} 需要 ${expected}`,
  inputsCount: (where: string, expected: string, got: number) => `${where}应为 ${expected}；收到 ${got} 个单元格`,
  notAnInput: "不是本条款的输入项",
  dataError: (clauseId: string, reason: string) => `条款 ${clauseId} 数据错误：${reason}`,
  /** Several problems in one message. */
  join: (parts: readonly string[]) => parts.join("；"),

  // CREDIT.SCORE.
  deduction: "扣分（数字）或“待填”",
  negativeDeduction: (where: string, n: number) => `${where}扣分不能为负数，收到 ${n}`,
  hugeDeduction: (where: string, n: number) => `${where}扣分过大，收到 ${n}`,
  notParallel: (clauses: string, deductions: string, n: number, got: number) => `${clauses}应与${deductions}一一对应，共 ${n} 个单元格，收到 ${got} 个`,
  blankClauseCell: (where: string) => `${where}为空，但对应的扣分不为空`,
  inCell: (where: string, message: string) => `${where}：${message}`,
  otherCatalog: (where: string, clauseId: string) => `${where} ${clauseId} 与前面的条款不属于同一年度、同一类考核指标`,
  repeatedClause: (where: string, clauseId: string) => `${where}：条款 ${clauseId} 重复出现`,
  unfinished: (pending: number) => `未完成（${pending} 项待填）`,
  /** An unfinished score as CREDIT.SCORE writes it (CREDIT.WEIGHTED passes it on). */
  isUnfinished: (text: string) => text.startsWith("未完成"),

  // CREDIT.SHARE.
  zeroWhole: (where: string) => `${where}为 0，无法计算占比，请核对`,
  partOverWhole: (where: string, part: number, whole: number) => `${where} ${part} 多于总数 ${whole}，请核对`,

  // CREDIT.WEIGHTED.
  score: "0 到 100 之间的得分",
  weight: (max: number) => `市委考评办确定的本项分值（大于 0、不超过 ${max}）`,
} as const;
