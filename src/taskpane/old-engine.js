/*
 * 旧版网页引擎提示（本文件必须保持 ES5：它正是要在加载项其余脚本无法运行的引擎里运行）。
 *
 * Why: on Windows an add-in with <Runtimes> (our shared runtime) runs in Internet Explorer 11 (Trident)
 * whenever the conditions for Microsoft Edge WebView2 are not met — "an add-in with a <Runtimes> element
 * always uses Internet Explorer 11 regardless of the Windows or Microsoft 365 version" (Runtimes element,
 * learn.microsoft.com/javascript/api/manifest/runtimes; "Browsers and webview controls used by Office
 * Add-ins"): Windows 10 without the WebView2 runtime, Microsoft 365 builds before Version 2101. The bundles
 * are ES2020 and do not even parse there: the pane would stay on 正在加载…, the ribbon would do nothing and
 * =CREDIT.* would never register. Microsoft recommends "a graceful failure message when your add-in is
 * launched in these webviews" ("Support older Microsoft webviews and Office versions", support-ie-11).
 *
 * How: taskpane.html loads engine-probe.js (ES2020 syntax, sets window.creditEngine.es2020) and then this
 * file, both external (the CSP allows no inline script) and both before office.js and the deferred bundles.
 * If the probe did not run, or a built-in the bundles rely on is missing, this file
 *   - replaces 正在加载… with what to do, in Chinese, and hides the (empty) pane;
 *   - marks <html data-engine="old">, <body data-office-ready="false"> (the browser tests wait for it);
 *   - once office.js has run, binds the six ribbon buttons to open this pane, so they show the message too
 *     instead of nothing (the names are commands.ts's RIBBON_ACTIONS; test/browser/oldEngine.test.ts checks).
 * On an engine that runs the bundles it only sets data-engine="modern" and does nothing else.
 */
(function () {
  "use strict";

  /** Function names of the ribbon's ExecuteFunction buttons (manifest.xml, src/commands/commands.ts). */
  var RIBBON_ACTIONS = ["credit.template", "credit.check", "credit.import", "credit.assess", "credit.summary", "credit.help"];

  /** Built-ins of ES2015–ES2020 the bundles call (src/ uses each), absent from Trident and EdgeHTML. */
  function hasBuiltins() {
    try {
      return (
        typeof Promise === "function" &&
        typeof Symbol === "function" &&
        typeof Map === "function" &&
        typeof Object.fromEntries === "function" &&
        typeof Array.prototype.flatMap === "function" &&
        typeof String.prototype.matchAll === "function" &&
        typeof TextDecoder === "function"
      );
    } catch (e) {
      return false;
    }
  }

  var probe = window.creditEngine;
  var modern = !!(probe && probe.es2020 === true) && hasBuiltins();
  document.documentElement.setAttribute("data-engine", modern ? "modern" : "old");
  if (modern) return;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.appendChild(document.createTextNode(text));
    return node;
  }

  function showMessage() {
    var status = document.getElementById("credit-status");
    var main = document.getElementById("credit-main");
    if (main) main.style.display = "none";
    if (document.body) document.body.setAttribute("data-office-ready", "false");
    if (!status || status.getAttribute("data-old-engine") === "shown") return;
    status.setAttribute("data-old-engine", "shown");
    status.className = "credit-status credit-old-engine";
    while (status.firstChild) status.removeChild(status.firstChild);
    status.appendChild(el("strong", "", "这台电脑的 Excel 使用旧版网页引擎，无法运行“信用鹤岗考核”加载项"));
    status.appendChild(
      el(
        "span",
        "",
        "Excel 在这里用 Internet Explorer 11（或旧版 Edge）的引擎显示加载项，本加载项的程序在其中不能运行：任务窗格、功能区按钮和 =CREDIT. 函数都不可用。请任选一种办法："
      )
    );
    var list = el("ol", "", "");
    list.appendChild(el("li", "", "安装“Microsoft Edge WebView2 运行时”（可由单位信息化管理员统一安装；Windows 11 已自带），然后关闭并重新打开 Excel。"));
    list.appendChild(el("li", "", "把 Office 更新到 Microsoft 365 的当前版本，或改用 Office 2021 及以后的版本。"));
    list.appendChild(el("li", "", "在浏览器中使用 Excel 网页版打开工作簿，再加载本加载项。"));
    status.appendChild(list);
    status.appendChild(
      el("span", "", "考核模板不依赖本加载项：成员单位仍可在 Excel 或 WPS 中填写，得分由模板中的公式计算；考核办的检查与汇总可用命令行完成（见部署说明）。")
    );
  }

  /** The ribbon's buttons open this pane (which shows the message) instead of doing nothing. */
  function bindRibbon() {
    var office = window.Office;
    if (!office || !office.actions || typeof office.actions.associate !== "function") return;
    for (var i = 0; i < RIBBON_ACTIONS.length; i++) {
      office.actions.associate(RIBBON_ACTIONS[i], openPane);
    }
  }

  function openPane(event) {
    var done = function () {
      if (event && typeof event.completed === "function") event.completed();
    };
    try {
      var shown = window.Office.addin.showAsTaskpane();
      if (shown && typeof shown.then === "function") shown.then(done, done);
      else done();
    } catch (e) {
      done();
    }
  }

  showMessage();
  // office.js and the (failing) bundles come after this file; once the document is parsed they have run.
  document.addEventListener("DOMContentLoaded", function () {
    showMessage();
    try {
      bindRibbon();
    } catch (e) {
      // Office.actions unavailable: the message in the pane is what remains.
    }
  });
})();
