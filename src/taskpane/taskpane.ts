/*
 * 任务窗格入口。共享运行时：本页面同时运行 commands.js（功能区按钮，页面中的 defer 脚本）和 functions.js
 * （自定义函数，由本脚本加载，见 loadFunctions）。
 * This entry is small on purpose: it registers with Office at once (Office.onReady during load, as
 * Microsoft's "Initialize your Office Add-in" asks), lets the browser paint the page's header and status,
 * and only then loads the custom functions and the pane itself (start.ts and the views, a chunk of their own),
 * so the first paint does not wait for their code (bench/pane.bench.ts measures it beside a blank page).
 */

/** Office.onReady()'s promise, asked for during load; null when office.js did not load. */
const ready = typeof Office === "undefined" ? null : Office.onReady();

if (!ready) {
  // office.js did not load (no network to Microsoft's CDN, or blocked). functions.js, which this script adds to
  // the page (loadFunctions below), associates the CREDIT.* functions when it runs and would throw
  // "CustomFunctions is not defined": without office.js no function can run here, so they go nowhere.
  const w = window as unknown as { CustomFunctions?: unknown };
  w.CustomFunctions ??= { associate: () => undefined };
}

function afterFirstPaint(run: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    run();
  };
  // The frame callback runs before that frame is painted; the timeout after it runs once it has been.
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(once, 0));
  // A shared runtime may load the page before the pane is shown, where no frame is painted: start anyway.
  setTimeout(once, 200);
}

/**
 * functions.js — the CREDIT.* custom functions with the rules they compute, about 60 KB — is added to the page by
 * this script instead of being a <script> of it: a deferred script still runs before the first paint (the
 * pane's first paint took 1.66× a blank page's with it, issue 22). It associates the functions when it runs
 * (CustomFunctions.associate, added by custom-functions-metadata-plugin), and that must not wait: associating
 * late makes a function's first calculation #VALUE! (Microsoft Q&A “Calling CustomFunctions.associate after
 * await causes first invocation to fail”; the load race of office-js#4487). So a page that is not shown —
 * Excel starting the shared runtime to calculate or for a ribbon command, with no pane to paint — loads it at
 * once, and a shown pane one frame later, right after its first paint, before the pane's own chunk.
 */
function loadFunctions(): void {
  const script = document.createElement("script");
  script.src = "functions.js";
  document.head.appendChild(script);
}

const painted = document.visibilityState !== "hidden";
if (!painted) loadFunctions();

/** old-engine.js (loaded before this bundle) found an engine the add-in cannot run on and said so: leave its message. */
const oldEngine = document.documentElement.dataset.engine === "old";

afterFirstPaint(() => {
  if (painted) loadFunctions();
});

if (!oldEngine) {
  afterFirstPaint(() => {
    import(/* webpackChunkName: "pane" */ "./start")
      .then((m) => m.startPane(ready))
      .catch(() => {
        const status = document.getElementById("credit-status");
        if (status) status.textContent = "窗格没有加载完整：请关闭并重新打开本窗格；仍然如此时请联系市信用办检查加载项的网站。";
        document.body.dataset.officeReady = "false";
      });
  });
}
