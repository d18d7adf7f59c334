/*
 * 考核工作台入口。Small on purpose: the page's header and status are in the HTML, so the browser paints them at
 * once; the steps (ui.ts: the catalog, reader and review, a chunk of their own) load after the first paint,
 * and ExcelJS (writers.ts) only when a step first writes a file (bench/pane.bench.ts measures the first paint
 * beside a blank page).
 */

export {}; // a module (its functions are not globals beside the pane's entry)

function afterFirstPaint(run: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    run();
  };
  // The frame callback runs before that frame is painted; the timeout after it runs once it has been.
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 200);
}

/** workbench-gate.js (loaded before this bundle) found a browser the page cannot run in and said so: leave its message. */
if (document.documentElement.dataset.engine !== "old") {
  afterFirstPaint(() => {
    import(/* webpackChunkName: "workbench-app" */ "./ui")
      .then((m) => m.startWorkbench())
      .catch(() => {
        const status = document.getElementById("wb-status");
        if (status) status.textContent = "工作台没有加载完整：请刷新页面；仍然如此时，请确认 workbench.html 与同一文件夹中的其他文件（*.js、*.css）放在一起。";
        document.body.dataset.ready = "false";
      });
  });
}
