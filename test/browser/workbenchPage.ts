// The 考核工作台 in Chromium for the browser tests (test/browser/workbench*.test.ts): the page opened at desktop
// width with every request, CSP report and error recorded; downloads collected; two xlsx files compared part by
// part with their times masked (what the page downloads against what the command line writes).
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import type { Download, Page } from "playwright-core";
import type { browserSession } from "./harness";

/** Times and dates written into a document (汇总时间, 生成时间, 制表日期, docProps): masked for the comparison. */
export const TIME = /\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?|\d{4}年\d{1,2}月\d{1,2}日|<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g;

/** Every part of an xlsx as text (times masked) or bytes: two files the same, part by part. */
export function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = /\.(xml|rels)$/.test(name) ? strFromU8(data).replace(TIME, "‹time›") : Buffer.from(data).toString("base64");
  return out;
}

export function samePackages(page: Uint8Array, cliFile: string): void {
  const a = parts(page);
  const b = parts(readFileSync(cliFile));
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  // The first difference of each part that differs, with a little context (a whole sheet's XML is unreadable).
  const first = (x: string, y: string) => {
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    return { page: x.slice(Math.max(0, i - 120), i + 120), cli: y.slice(Math.max(0, i - 120), i + 120) };
  };
  expect(Object.keys(b).filter((n) => a[n] !== b[n]).map((n) => ({ part: n, ...first(a[n], b[n]) }))).toEqual([]);
}

export async function bytesOf(d: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await d.path())!));
}

/** Clicks a step's button and collects the downloads it offers. */
export async function downloads(page: Page, button: string, count: number, done: string): Promise<Download[]> {
  const got: Download[] = [];
  const all = new Promise<void>((resolve) => {
    const on = (d: Download) => {
      got.push(d);
      if (got.length === count) {
        page.off("download", on);
        resolve();
      }
    };
    page.on("download", on);
  });
  await page.click(button);
  await all;
  await page.waitForSelector(done, { timeout: 60_000 });
  return got;
}

export interface Opened {
  page: Page;
  requests: string[];
  violations: () => Promise<unknown[]>;
  problems: string[];
}

/** The page at `url` (1366 × 900), ready: `before` runs first (routes, init scripts). */
export async function openWorkbench(session: ReturnType<typeof browserSession>, url: string, before?: (p: Page) => Promise<unknown>, ready = "body[data-ready=true]"): Promise<Opened> {
  const page = await session.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${r.url()}${r.postData() ? ` body ${r.postDataBuffer()?.length} bytes` : ""}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: unknown[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  await before?.(page);
  await page.goto(url);
  await page.waitForSelector(ready, { state: "attached", timeout: 30_000 });
  return { page, requests, problems, violations: () => page.evaluate(() => (window as unknown as { __violations: unknown[] }).__violations) };
}

