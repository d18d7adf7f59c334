/*
 * The built pane with Microsoft's real office.js (served locally: no internet here), outside Excel: office.js
 * must load, Office.onReady must run, and the custom functions runtime must be present.
 */
import { browserSession, openPage } from "./harness";

const session = browserSession();

it("taskpane-local.html loads offline, Office.onReady runs, custom functions runtime is present", async () => {
  const { page, problems } = await openPage(session);
  try {
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
