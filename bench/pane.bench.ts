// npm run bench -- pane: bundle sizes of dist/ and the task pane's time to first paint in headless Chromium,
// next to a blank page's in the same browser (run `npm run build` first). Figures are printed, never asserted.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST } from "../test/helpers/paths";
import { launchChromium, serveDist } from "../test/browser/harness";

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function run(): Promise<void> {
  const files = readdirSync(DIST).filter((f) => /\.(js|html|css|json)$/.test(f));
  console.log("bundle sizes (dist/):");
  for (const f of files.sort()) {
    const bytes = readFileSync(join(DIST, f));
    const note = f === "office.js" || f === "o15apptofilemappingtable.js" ? "  (Microsoft's, local test copy)" : "";
    console.log(`  ${f.padEnd(32)} ${kib(statSync(join(DIST, f)).size).padStart(10)}  gzip ${kib(gzipSync(bytes).length).padStart(9)}${note}`);
  }
  const ours = ["taskpane.js", "commands.js", "functions.js", "taskpane.css", "taskpane.html"].filter((f) => files.includes(f));
  const total = ours.reduce((s, f) => s + statSync(join(DIST, f)).size, 0);
  const totalGz = ours.reduce((s, f) => s + gzipSync(readFileSync(join(DIST, f))).length, 0);
  console.log(`  pane page, our files (${ours.join(" + ")}): ${kib(total)}, gzip ${kib(totalGz)}`);

  const server = await serveDist();
  const browser = await launchChromium();
  try {
    const measure = async (url: string, ready?: string) => {
      const paints: number[] = [];
      const readies: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
        await page.route("**/blank.html", (r) => r.fulfill({ contentType: "text/html; charset=utf-8", body: "<!doctype html><title>blank</title><p>空白页</p>" }));
        await page.goto(url);
        if (ready) await page.waitForSelector(ready, { state: "attached" });
        await page.waitForFunction(() => performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint"));
        paints.push(await page.evaluate(() => performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")!.startTime));
        // Upper bound: includes one round trip of the test driver after the step appeared.
        if (ready) readies.push(await page.evaluate(() => performance.now()));
        await page.close();
      }
      return { fcp: median(paints), ready: readies.length ? median(readies) : undefined };
    };
    const blank = await measure(`${server.base}/blank.html`);
    const pane = await measure(`${server.base}/taskpane-local.html`, "body[data-office-ready=true] section.view h2");
    console.log(`first contentful paint, median of ${RUNS} (headless Chromium, 320 px, localhost):`);
    console.log(`  blank page                        ${blank.fcp.toFixed(0).padStart(5)} ms`);
    console.log(`  task pane (taskpane-local.html)   ${pane.fcp.toFixed(0).padStart(5)} ms  (${(pane.fcp / blank.fcp).toFixed(2)}× blank)`);
    console.log(`  task pane showed its step by   ≤ ${pane.ready!.toFixed(0).padStart(5)} ms  (outside Excel: office.js onReady → 帮助)`);
  } finally {
    await browser.close();
    await server.close();
  }
}
