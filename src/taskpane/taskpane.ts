/*
 * 任务窗格入口（占位）。共享运行时：本页面同时加载 commands.js 和 functions.js。
 * 后续的任务窗格开发会在 #credit-main 中放入各功能视图。
 * 只用 textContent 写入文字，不用 innerHTML（工作簿里的文字不可信）。
 */

export function statusText(host: Office.HostType | null | undefined): string {
  if (host === Office.HostType.Excel) return "已连接 Excel。";
  return "未在 Excel 中运行：请在 Excel 中打开本加载项。";
}

Office.onReady((info) => {
  const status = document.getElementById("credit-status");
  if (status) status.textContent = statusText(info.host);
  document.body.dataset.officeReady = "true";
});
