/*
 * The built pane with Microsoft's real office.js (served locally: no internet here), outside Excel: office.js
 * must load, Office.onReady must run, and the custom functions runtime must be present.
 */
import type { Browser } from "playwright-core";
import { distFile } from "../helpers/paths";
import { launchChromium, serveDist, type StaticServer } from "./harness";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  distFile("taskpane-local.html");
  server = await serveDist();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
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
    await page.goto(`${server.base}/taskpane-local.html`);
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
