/*
 * 功能区“信用考核”选项卡的按钮命令（manifest.xml 中 ExecuteFunction 的 FunctionName）。
 * 每个按钮都打开任务窗格（Office.addin.showAsTaskpane，需要 SharedRuntime 1.1），并告诉任务窗格要显示的步骤：
 *   - sessionStorage[CREDIT_VIEW_KEY] = view（任务窗格稍后才加载时读取）
 *   - window 上派发 CustomEvent(CREDIT_NAVIGATE_EVENT, { detail: { view } })（共享运行时：窗格已在同一页面中）
 */
import { CREDIT_NAVIGATE_EVENT, CREDIT_VIEW_KEY, type CreditView } from "./views";

export { CREDIT_NAVIGATE_EVENT, CREDIT_VIEW_KEY, type CreditView };

/** 功能区按钮 → 任务窗格视图。键必须与 manifest.xml 中的 <FunctionName> 一致。 */
export const RIBBON_ACTIONS: Record<string, CreditView> = {
  "credit.template": "template", // 生成模板
  "credit.check": "check", // 提交前检查
  "credit.import": "import", // 导入回收表
  "credit.assess": "assess", // 核定
  "credit.summary": "summary", // 生成汇总
  "credit.help": "help", // 帮助
};

export function requestView(view: CreditView): void {
  try {
    window.sessionStorage.setItem(CREDIT_VIEW_KEY, view);
  } catch {
    // 存储不可用（隐私模式等）时仍派发事件
  }
  window.dispatchEvent(new CustomEvent(CREDIT_NAVIGATE_EVENT, { detail: { view } }));
}

export async function openView(view: CreditView): Promise<void> {
  requestView(view);
  await Office.addin.showAsTaskpane();
}

function register(): void {
  if (typeof Office === "undefined" || !Office.actions) return; // 不在 Office 中（例如浏览器测试）
  for (const [action, view] of Object.entries(RIBBON_ACTIONS)) {
    Office.actions.associate(action, (event: Office.AddinCommands.Event) => {
      openView(view)
        .catch((error: unknown) => console.error(`打开任务窗格失败（${action}）`, error))
        .finally(() => event.completed());
    });
  }
}

register();
