/*
 * Loads dist/taskpane-local.html (office.js served locally: no internet here) in headless Chromium.
 * Needs apt packages chromium + fonts-wqy-microhei (see README); CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { DIST, distFile } from "./helpers/paths";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  distFile("taskpane-local.html");
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y --no-install-recommends chromium fonts-wqy-microhei`);
  }
  server = createServer((req, res) => {
    const file = join(DIST, normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it("taskpane-local.html loads offline, Office.onReady runs, custom functions runtime is present", async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  try {
    await page.goto(`${base}/taskpane-local.html`);
    await page.waitForSelector("body[data-office-ready=true]", { state: "attached", timeout: 20_000 });
    expect(await page.title()).toBe("信用鹤岗考核");
    expect(await page.textContent("h1")).toBe("信用鹤岗考核");
    expect(await page.textContent("#credit-status")).toContain("未在 Excel 中运行");
    expect(await page.locator("#credit-main").count()).toBe(1);
    expect(await page.evaluate(() => typeof CustomFunctions)).toBe("object");
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
}, 60_000);
