/*
 * 考核工作台的浏览器检查（本文件必须保持 ES5：它正是要在页面其余脚本无法运行的浏览器里运行）。
 *
 * The page's bundles are ES2020 and use the File API (File.arrayBuffer), Blob downloads (URL.createObjectURL,
 * <a download>), TextDecoder, Promise and dynamic import() (webpack's chunks: script elements). An office PC
 * with Internet Explorer 11, an old 360 browser in 兼容模式 (Trident) or a Chrome before 80 cannot run them;
 * without this file it would show 正在加载… for ever. engine-probe.js (the pane's, ES2020 syntax) ran before
 * this file and set window.creditEngine.es2020 if the syntax parses.
 *
 * Where anything is missing this file says so in Chinese with what to do, hides the (empty) page, and marks
 * <html data-engine="old"> (test/browser/workbench.test.ts waits for it). Otherwise data-engine="modern".
 */
(function () {
  "use strict";

  /** What the page needs besides ES2020 syntax; the first missing one is named in the message. */
  function missing() {
    var checks = [
      ["Promise", function () { return typeof Promise === "function"; }],
      ["Blob", function () { return typeof Blob === "function"; }],
      ["File.arrayBuffer", function () { return typeof File === "function" && typeof Blob.prototype.arrayBuffer === "function"; }],
      ["URL.createObjectURL", function () { return typeof URL === "function" && typeof URL.createObjectURL === "function"; }],
      ["a.download", function () { return "download" in document.createElement("a"); }],
      ["TextDecoder", function () { return typeof TextDecoder === "function"; }],
      ["Object.fromEntries", function () { return typeof Object.fromEntries === "function"; }],
      ["String.matchAll", function () { return typeof String.prototype.matchAll === "function"; }],
      ["Array.flatMap", function () { return typeof Array.prototype.flatMap === "function"; }]
    ];
    for (var i = 0; i < checks.length; i++) {
      try {
        if (!checks[i][1]()) return checks[i][0];
      } catch (e) {
        return checks[i][0];
      }
    }
    return "";
  }

  var probe = window.creditEngine;
  var lacking = probe && probe.es2020 === true ? missing() : "ES2020";
  document.documentElement.setAttribute("data-engine", lacking ? "old" : "modern");
  if (!lacking) return;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.appendChild(document.createTextNode(text));
    return node;
  }

  function show() {
    var status = document.getElementById("wb-status");
    var main = document.getElementById("wb-main");
    if (main) main.style.display = "none";
    if (!status || status.getAttribute("data-old-engine") === "shown") return;
    status.setAttribute("data-old-engine", "shown");
    status.className = "wb-status wb-old-engine";
    while (status.firstChild) status.removeChild(status.firstChild);
    status.appendChild(el("strong", "", "这个浏览器版本过旧，不能运行考核工作台"));
    status.appendChild(el("span", "", "工作台需要较新的浏览器读取和生成 Excel 文件（缺少：" + lacking + "）。请任选一种办法："));
    var list = el("ol", "", "");
    list.appendChild(el("li", "", "用 Microsoft Edge、Google Chrome 或 Firefox 的最新版本打开本页面（Windows 10、11 自带 Edge）。"));
    list.appendChild(el("li", "", "使用 360 安全浏览器、QQ 浏览器等时，在地址栏右侧切换到“极速模式”（不要用“兼容模式”）。"));
    list.appendChild(el("li", "", "请单位信息化管理员把浏览器更新到最新版本。"));
    status.appendChild(list);
    status.appendChild(el("span", "", "考核模板不依赖本页面：成员单位仍可在 Excel 或 WPS 中填写；考核办的工作也可用 Excel 加载项或命令行完成（见部署说明）。"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  show();
})();
