// The task pane's views and how a ribbon button asks for one. Shared by commands.ts (which registers the
// ribbon actions) and the task pane, without the pane importing the registration side effect.

export const CREDIT_NAVIGATE_EVENT = "credit:navigate";
export const CREDIT_VIEW_KEY = "credit.view";

export const VIEWS = ["template", "check", "import", "assess", "summary", "help"] as const;
export type CreditView = (typeof VIEWS)[number];

export function isView(s: unknown): s is CreditView {
  return typeof s === "string" && (VIEWS as readonly string[]).includes(s);
}

/** 功能区按钮 → 任务窗格视图。键必须与 manifest.xml 中的 <FunctionName> 一致。 */
export const RIBBON_ACTIONS: Record<string, CreditView> = {
  "credit.template": "template", // 生成模板
  "credit.check": "check", // 提交前检查
  "credit.import": "import", // 导入回收表
  "credit.assess": "assess", // 核定
  "credit.summary": "summary", // 汇总
  "credit.help": "help", // 帮助
};
