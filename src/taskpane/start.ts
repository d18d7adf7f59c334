/*
 * 任务窗格的启动（taskpane.ts 在首次绘制之后加载本模块）。
 * 先判断运行环境：不在 Excel 中、或 Excel 版本太旧时，说明原因和应该用什么，而不是空白页面。
 * 要显示的步骤来自：网址 ?view=…、功能区按钮写入的 sessionStorage、或共享运行时中的 credit:navigate 事件。
 */
import { CREDIT_NAVIGATE_EVENT, CREDIT_VIEW_KEY, isView, type CreditView } from "../commands/views";
import type { CreditActions } from "./actions";
import { App, type Unsupported } from "./app";
import { createOfficeActions } from "./officeActions";
import { messageBox } from "./ui";

/** The Excel API the pane needs everywhere (defined names on sheets); newer sets are checked per action. */
const REQUIRED_SET = { name: "ExcelApi", version: "1.4" } as const;

const USE_INSTEAD = "请使用 Microsoft 365、Excel 2021 及以上版本（Windows、Mac）或 Excel 网页版，在“信用考核”选项卡或 插入 → 我的加载项 中打开“信用鹤岗考核”。WPS、批量许可版 Office 2019 及更早版本不能运行本加载项。";

function environmentProblem(host: Office.HostType | null | undefined): Unsupported | undefined {
  if (host === null || host === undefined) {
    return { title: "未在 Excel 中运行", message: "这是 Excel 加载项的任务窗格，直接用浏览器打开时无法读写工作簿（下面只能查看帮助和考核规则）。", next: USE_INSTEAD };
  }
  if (host !== Office.HostType.Excel) {
    return { title: "只能在 Excel 中使用", message: `当前宿主是 ${String(host)}，本加载项只支持 Excel。`, next: USE_INSTEAD };
  }
  const requirements = Office.context?.requirements;
  if (!requirements || !requirements.isSetSupported(REQUIRED_SET.name, REQUIRED_SET.version)) {
    return { title: "此版本的 Excel 不支持本加载项", message: `本加载项需要 ${REQUIRED_SET.name} ${REQUIRED_SET.version}，当前 Excel 不提供。`, next: USE_INSTEAD };
  }
  return undefined;
}

/** The step to open at: ?view=… wins, then what a ribbon button left in sessionStorage. */
function initialView(search: string): CreditView | undefined {
  const fromUrl = new URLSearchParams(search).get("view");
  if (isView(fromUrl)) return fromUrl;
  try {
    const stored = window.sessionStorage.getItem(CREDIT_VIEW_KEY);
    window.sessionStorage.removeItem(CREDIT_VIEW_KEY);
    if (isView(stored)) return stored;
  } catch {
    // sessionStorage unavailable: start at the first step.
  }
  return undefined;
}

/**
 * Browser tests replace actions whose Office modules they do not exercise by setting this global before the
 * page's scripts run (page.addInitScript). Nothing in the product sets it; a script able to set it could call
 * Excel directly anyway, so it opens nothing.
 */
const OVERRIDE_KEY = "__CREDIT_ACTIONS_OVERRIDE__";

function withOverrides(actions: CreditActions): CreditActions {
  const override = (window as unknown as Record<string, Partial<CreditActions> | undefined>)[OVERRIDE_KEY];
  if (!override) return actions;
  return { ...actions, ...override };
}

function setStatus(text: string): void {
  const status = document.getElementById("credit-status");
  if (status) status.textContent = text;
}

function start(host: Office.HostType | null | undefined, actions: CreditActions, problem?: Unsupported): App | undefined {
  const root = document.getElementById("credit-main");
  if (!root) return undefined;
  const unsupported = problem ?? environmentProblem(host);
  setStatus(unsupported ? unsupported.title : "已连接 Excel。");
  const app = new App({ root, actions, view: initialView(window.location.search), unsupported });
  window.addEventListener(CREDIT_NAVIGATE_EVENT, (event) => {
    const view = (event as CustomEvent<{ view?: unknown }>).detail?.view;
    if (isView(view)) app.show(view);
  });
  document.body.dataset.officeReady = "true";
  document.body.dataset.host = unsupported ? "none" : "excel";
  return app;
}

/** Shown when office.js did not load: the pane still opens, with 帮助 and the rules, and says what to do. */
const OFFICE_JS_MISSING: Unsupported = {
  title: "无法加载 Office.js，窗格不能操作工作簿",
  message: "本窗格需要从 appsforoffice.microsoft.com 加载微软的 Office.js，这台电脑现在连不上该网站（网络不通、被防火墙或代理拦截）。下面只能查看帮助和考核规则。",
  next: "请检查能否用浏览器打开 https://appsforoffice.microsoft.com/lib/1/hosted/office.js；不能时请信息中心放行该网站，然后关闭并重新打开本窗格。",
};

const OFFICE_JS_PATIENCE_MS = 20_000;
const OFFICE_JS_STALLED = {
  message: "Office.js 已开始加载，但 20 秒后仍未完成，可能有文件被网络、防火墙或代理拦截。窗格暂时不能操作工作簿。",
  next: "请稍候；仍无变化时请检查能否访问 appsforoffice.microsoft.com 下的全部文件（请信息中心放行整个网站），然后关闭并重新打开本窗格。",
};

/** Starts the pane once Office is ready (`ready` is Office.onReady()'s promise), or without office.js (null). */
export function startPane(ready: Promise<{ host: Office.HostType | null }> | null): void {
  if (!ready) {
    setStatus(OFFICE_JS_MISSING.title);
    start(null, createOfficeActions(), OFFICE_JS_MISSING);
    document.body.dataset.officeReady = "false";
    return;
  }
  // Office.onReady() never settles when one of the files office.js loads is blocked (office-js #6040,
  // "by design"; Microsoft's "Initialize your Office Add-in" now notes it): say so after a while instead of
  // "正在加载…" forever, and still start if it does settle later.
  let settled = false;
  const stalled = setTimeout(() => {
    if (settled) return;
    setStatus("Office.js 还没有加载完成");
    const root = document.getElementById("credit-main");
    if (root) root.replaceChildren(messageBox("error", OFFICE_JS_STALLED.message, OFFICE_JS_STALLED.next));
  }, OFFICE_JS_PATIENCE_MS);
  ready.then(
    (info) => {
      settled = true;
      clearTimeout(stalled);
      start(info.host, withOverrides(createOfficeActions()));
    },
    () => {
      settled = true;
      clearTimeout(stalled);
      setStatus("Office.js 初始化失败");
      start(null, createOfficeActions(), { title: "Office.js 初始化失败", message: "Office.js 已加载，但没有完成初始化，窗格不能操作工作簿。", next: "请关闭并重新打开本窗格；仍然失败时请重新启动 Excel。" });
    },
  );
}
