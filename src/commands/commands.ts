/*
 * 功能区“信用考核”选项卡的按钮命令（manifest.xml 中 ExecuteFunction 的 FunctionName）。
 * 功能区最左边的“打开任务窗格”是 ShowTaskpane 按钮（manifest.xml，由 Office 自己打开，不经过这里的代码）；
 * 其余按钮是直达某一步骤的 ExecuteFunction 按钮：打开任务窗格（Office.addin.showAsTaskpane，需要 SharedRuntime 1.1。
 * 它显示的正是清单中 ShowTaskpane 动作的 SourceLocation 页面——"Show or hide the task pane of your Office Add-in"），
 * 打不开时用对话框告诉用户怎么办（reportOpenFailure），并告诉任务窗格要显示的步骤：
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

/** The page shown in a dialog when the pane could not be opened (static, dist/open-failed.html). */
export const OPEN_FAILED_PAGE = "open-failed.html";

/**
 * A button could not open the pane: tell the user, not only the console. The pane is what failed, so the
 * message goes in an Office dialog (Office.context.ui.displayDialogAsync, DialogApi 1.1 — every Excel that has
 * SharedRuntime 1.1 has it, but it is detected) showing open-failed.html, which says to use the
 * 打开任务窗格 button (a ShowTaskpane control Office opens itself), and what to do about a blank pane (office-js
 * #2716, #3101: a shared-runtime pane that renders blank until resized). Should even the dialog fail, the
 * console keeps the error.
 */
export function reportOpenFailure(action: string, error: unknown): void {
  console.error(`打开任务窗格失败（${action}）`, error);
  try {
    if (!Office.context?.requirements?.isSetSupported("DialogApi", "1.1") || !Office.context.ui?.displayDialogAsync) return;
    const url = new URL(OPEN_FAILED_PAGE, window.location.href).href;
    Office.context.ui.displayDialogAsync(url, { height: 45, width: 35, displayInIframe: true }, (result) => {
      if (result.status === Office.AsyncResultStatus.Failed) console.error("无法显示“任务窗格没有打开”的说明", result.error);
    });
  } catch (dialogError) {
    console.error("无法显示“任务窗格没有打开”的说明", dialogError);
  }
}

function register(): void {
  if (typeof Office === "undefined" || !Office.actions) return; // 不在 Office 中（例如浏览器测试）
  for (const [action, view] of Object.entries(RIBBON_ACTIONS)) {
    Office.actions.associate(action, (event: Office.AddinCommands.Event) => {
      openView(view)
        .catch((error: unknown) => reportOpenFailure(action, error))
        .finally(() => event.completed());
    });
  }
}

register();
