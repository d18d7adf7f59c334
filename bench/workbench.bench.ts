// npm run bench -- workbench: the 考核工作台 (dist/workbench.html) in headless Chromium —
// - its first contentful paint beside a blank page's (median of alternate loads; the goal is ≤ 1.5×);
// - 1,000 returned files (bench/corpus.ts) picked in the page, read and listed (workers), then the 汇总
//   written, timed inside the page (the steps' data-ms), beside the command line's own code doing the same in
//   this process (summarizeFiles + summaryFile), so a busy machine slows both alike. Goal: under 5 s in the page.
// Where the page's time goes: its phases (performance.measure in src/workbench/work.ts) and the CPU the browser
// spent in each step by process and thread (bench/browserCpu.ts), beside the command line's CPU in this process.
// Figures are printed, never asserted. Needs dist/ (npm run build) and Chromium.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectedUnits } from "../src/core/index";
import { summarizeFiles } from "../src/xlsx/summarizeFiles";
import { reportOnlyFile, summaryFile } from "../src/xlsx/writeSummary";
import { DIST } from "../test/helpers/paths";
import { CHROMIUM, launchChromium, serveDist } from "../test/browser/harness";
import { browserCpu, cpuBetween } from "./browserCpu";
import { corpus } from "./corpus";

const RUNS = 7;
const FILES = 1000;
const FIRST_PAINT_GOAL = 1.5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  if (!existsSync(join(DIST, "workbench.html")) || !existsSync(CHROMIUM)) {
    console.log("workbench: skipped (needs dist/workbench.html — npm run build — and Chromium)");
    return;
  }
  console.log("bundle sizes of the workbench (dist/workbench*; engine-probe.js is the pane's):");
  for (const f of readdirSync(DIST).filter((x) => x.startsWith("workbench")).sort()) {
    const bytes = readFileSync(join(DIST, f));
    console.log(`  ${f.padEnd(24)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(gzipSync(bytes).length / 1024).toFixed(1).padStart(7)} KiB`);
  }
  const blankDir = mkdtempSync(join(tmpdir(), "wb-bench-"));
  writeFileSync(join(blankDir, "blank.html"), "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>blank</title><p>空白页</p></html>");
  const server = await serveDist();
  const blankServer = await serveDist(blankDir);
  const browser = await launchChromium();
  try {
    const fcp = async (url: string) => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint"));
      const t = await page.evaluate(() => performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")!.startTime);
      await page.close();
      return t;
    };
    const blank: number[] = [];
    const wb: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      blank.push(await fcp(`${blankServer.base}/blank.html`));
      wb.push(await fcp(`${server.base}/workbench.html`));
    }
    const ratio = median(wb) / median(blank);
    console.log(`first contentful paint, median of ${RUNS} alternate loads (1366 px, localhost):`);
    console.log(`  blank page        ${median(blank).toFixed(0).padStart(5)} ms`);
    console.log(`  workbench.html    ${median(wb).toFixed(0).padStart(5)} ms  (${ratio.toFixed(2)}× blank: ${ratio <= FIRST_PAINT_GOAL ? "pass" : "FAIL"}, the goal is ≤ ${FIRST_PAINT_GOAL}×)`);

    const { files, units } = await corpus(FILES, blankDir);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.base}/workbench.html`);
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    // The corpus's units (部门0001…) are this run's 市直部门, as an office would list them (--departments on the
    // command line): each file is then a ranked unit of the 汇总, not a sheet set apart as 未认定.
    await page.click("#wb-departments-box summary");
    await page.fill("#wb-departments", units.join("\n"));
    await page.dispatchEvent("#wb-departments", "change");
    await page.waitForSelector("#wb-departments-out .wb-msg.ok");
    const c0 = browserCpu();
    await page.setInputFiles("#wb-returns-input", files);
    await page.waitForSelector("#wb-returns:not([data-busy]) #wb-returns-out .wb-msg", { timeout: 600_000 });
    const read = Number(await page.getAttribute("#wb-returns", "data-ms"));
    const c1 = browserCpu();
    await page.click("#wb-make-summary");
    await page.waitForSelector("#wb-summary:not([data-busy]) #wb-summary-out .wb-msg", { timeout: 600_000 });
    const sum = Number(await page.getAttribute("#wb-summary", "data-ms"));
    const c2 = browserCpu();
    const phases = await page.evaluate(() => performance.getEntriesByType("measure").map((m) => [m.name, m.duration] as const));
    const workers = await page.evaluate(() => navigator.hardwareConcurrency);
    const listed = ((await page.textContent("#wb-returns-out")) ?? "").trim();
    await page.close();
    const u0 = process.cpuUsage();
    const t0 = performance.now();
    const { data } = await summarizeFiles(files, { year: 2022, expected: expectedUnits(2022, units) });
    const t1 = performance.now();
    const u1 = process.cpuUsage();
    await summaryFile(data);
    await reportOnlyFile(data);
    const t2 = performance.now();
    const u2 = process.cpuUsage();
    const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`${FILES} returned files (load average ${(await import("node:os")).loadavg()[0].toFixed(1)}; the page reads on up to ${Math.min(4, workers)} workers, navigator.hardwareConcurrency ${workers}):`);
    console.log(`  the page's step 2 says: ${listed}`);
    console.log(`  in the page: read and listed ${s(read)}, 汇总 (both files) ${s(sum)}, total ${s(read + sum)} (${read + sum < 5000 ? "pass" : "FAIL"}, the goal is < 5 s)`);
    console.log(`    phases: ${phases.map(([n, d]) => `${n.replace(/^工作台：/, "")} ${s(d)}`).join(", ")}`);
    const readCpu = cpuBetween(c0, c1);
    const sumCpu = cpuBetween(c1, c2);
    if (readCpu.total) {
      console.log(`    CPU, read and listed: ${s(readCpu.total)} (${(readCpu.total / Math.max(read, 1)).toFixed(2)} cores busy) — ${readCpu.parts}`);
      console.log(`    CPU, 汇总: ${s(sumCpu.total)} — ${sumCpu.parts}`);
    }
    console.log(`  the command line's code in this process: read and reviewed ${((t1 - t0) / 1000).toFixed(1)} s (CPU ${cpu(u0, u1).toFixed(1)} s), 汇总 ${((t2 - t1) / 1000).toFixed(1)} s (CPU ${cpu(u1, u2).toFixed(1)} s) — the page takes ${((read + sum) / (t2 - t0)).toFixed(2)}× as long`);
  } finally {
    await browser.close();
    await server.close();
    await blankServer.close();
    rmSync(blankDir, { recursive: true, force: true });
  }
}
