// npm run bench -- pane: bundle sizes of dist/ (and where 导入回收表's reader is) and the task
// pane's time to first paint in headless Chromium, next to a blank page's in the same browser. Figures are
// printed, never asserted. From a fresh clone dist/ does not exist yet: it is built first (webpack
// production, as `npm run build`); without Chromium the paint figures are skipped, saying so.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST, ROOT } from "../test/helpers/paths";
import { CHROMIUM, launchChromium, serveDist } from "../test/browser/harness";

const RUNS = 9;
/** The pane's first contentful paint may take at most this many times a blank page's (issue 22). */
const FIRST_PAINT_GOAL = 1.5;
/** office.js answered this late in the third load of each round, as from Microsoft's CDN rather than localhost. */
const CDN_DELAY_MS = 150;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function run(): Promise<void> {
  if (!existsSync(join(DIST, "taskpane-local.html")) || !existsSync(join(DIST, "taskpane.js"))) {
    console.log("dist/ is missing: building it first (webpack --mode production, as `npm run build`) …");
    const b = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (b.status !== 0) {
      console.log(`  build failed (exit ${b.status ?? b.signal}): pane figures skipped`);
      return;
    }
  }
  const files = readdirSync(DIST).filter((f) => /\.(js|html|css|json)$/.test(f));
  console.log("bundle sizes (dist/):");
  for (const f of files.sort()) {
    const bytes = readFileSync(join(DIST, f));
    const note = f === "office.js" || f === "o15apptofilemappingtable.js" ? "  (Microsoft's, local test copy)" : "";
    console.log(`  ${f.padEnd(32)} ${kib(statSync(join(DIST, f)).size).padStart(10)}  gzip ${kib(gzipSync(bytes).length).padStart(9)}${note}`);
  }
  // The old-engine gate: two small classic scripts loaded before office.js (src/taskpane/old-engine.js), not webpack's.
  const gate = ["engine-probe.js", "old-engine.js"].filter((f) => files.includes(f));
  const ours = ["taskpane.js", "pane.js", "commands.js", "functions.js", "taskpane.css", "taskpane.html", ...gate].filter((f) => files.includes(f));
  const total = ours.reduce((s, f) => s + statSync(join(DIST, f)).size, 0);
  const totalGz = ours.reduce((s, f) => s + gzipSync(readFileSync(join(DIST, f))).length, 0);
  console.log(`  pane page, our files (${ours.join(" + ")}): ${kib(total)}, gzip ${kib(totalGz)}`);
  // 导入回收表's reader (src/read/, imported statically) and the chunks webpack split off the pane (fflate):
  // ExcelJS, which the pane once loaded to read files, was 940 KB, 257 KB gzip.
  // The 考核工作台's files (workbench*: its own page) are not the pane's: bench/workbench.bench.ts lists them.
  const js = files.filter((f) => f.endsWith(".js") && f !== "office.js" && f !== "o15apptofilemappingtable.js" && !f.startsWith("workbench"));
  const reader = js.filter((f) => readFileSync(join(DIST, f), "utf8").includes("文件过大或内容异常"));
  const split = js.filter((f) => !ours.includes(f));
  const exceljs = js.filter((f) => /exceljs|ExcelJS/.test(readFileSync(join(DIST, f), "utf8")));
  console.log(`  导入回收表's reader is in: ${reader.join(", ") || "no chunk (?)"}; chunks split off by webpack: ${split.map((f) => `${f} ${kib(statSync(join(DIST, f)).size)}`).join(", ") || "none"}`);
  console.log(`  chunks containing ExcelJS: ${exceljs.length ? exceljs.join(", ") : "none"}`);

  if (!existsSync(CHROMIUM)) {
    console.log(`first contentful paint: skipped (no Chromium at ${CHROMIUM}; sh scripts/system-packages.sh installs it)`);
    return;
  }

  // The blank page is served the same way as the pane (its own static server, same code), and the two are
  // loaded alternately so that a busy machine slows both alike.
  const blankDir = mkdtempSync(join(tmpdir(), "pane-bench-"));
  writeFileSync(join(blankDir, "blank.html"), "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>blank</title><p>空白页</p></html>");
  const server = await serveDist();
  const blankServer = await serveDist(blankDir);
  const browser = await launchChromium();
  try {
    const load = async (url: string, ready?: string, officeJsDelay = 0) => {
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      if (officeJsDelay) {
        await page.route("**/office.js", async (r) => {
          await new Promise((resolve) => setTimeout(resolve, officeJsDelay));
          await r.continue();
        });
      }
      await page.goto(url);
      if (ready) await page.waitForSelector(ready, { state: "attached" });
      await page.waitForFunction(() => performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint"));
      const fcp = await page.evaluate(() => performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")!.startTime);
      // Upper bound: includes one round trip of the test driver after the step appeared.
      const shown = ready ? await page.evaluate(() => performance.now()) : undefined;
      await page.close();
      return { fcp, shown };
    };
    const blank: number[] = [];
    const pane: number[] = [];
    const shown: number[] = [];
    const cdn: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      blank.push((await load(`${blankServer.base}/blank.html`)).fcp);
      const p = await load(`${server.base}/taskpane-local.html`, "body[data-office-ready=true] section.view h2");
      pane.push(p.fcp);
      shown.push(p.shown!);
      cdn.push((await load(`${server.base}/taskpane-local.html`, "body[data-office-ready=true] section.view h2", CDN_DELAY_MS)).fcp);
    }
    const b = median(blank);
    const p = median(pane);
    console.log(`first contentful paint, median of ${RUNS} alternate loads (headless Chromium, 320 px, localhost):`);
    console.log(`  blank page                        ${b.toFixed(0).padStart(5)} ms`);
    const ratio = p / b;
    console.log(`  task pane (taskpane-local.html)   ${p.toFixed(0).padStart(5)} ms  (${ratio.toFixed(2)}× blank: ${ratio <= FIRST_PAINT_GOAL ? "pass" : "FAIL"}, the goal is ≤ ${FIRST_PAINT_GOAL}×)`);
    console.log(`  task pane showed its step by   ≤ ${median(shown).toFixed(0).padStart(5)} ms  (outside Excel: office.js onReady → 帮助)`);
    const c = median(cdn);
    console.log(`  task pane, office.js ${CDN_DELAY_MS} ms late   ${c.toFixed(0).padStart(5)} ms  (${(c / b).toFixed(2)}× blank; as when office.js comes from Microsoft's CDN)`);
  } finally {
    await browser.close();
    await server.close();
    await blankServer.close();
    rmSync(blankDir, { recursive: true, force: true });
  }
}
