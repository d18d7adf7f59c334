/*
 * The built task pane (dist/taskpane-local.html) in real headless Chromium.
 * - Outside Excel: the real office.js (served locally) resolves Office.onReady with host null.
 * - "In Excel": office.js is answered with an empty script and fake-office.js (page.addInitScript) plays the
 *   host, recording every Office/Excel call. goToCell and listUnitSheets run the real glue against it;
 *   actions whose Office modules are exercised elsewhere are replaced per test through
 *   window.__CREDIT_ACTIONS_OVERRIDE__ so the pane's workflow (arguments, progress, cancel) can be driven.
 * Screenshots of every step at 320 px are checked to be non-blank. They go to .test-output/pane/pane-<step>.png;
 * with UPDATE_DOCS=1 (`UPDATE_DOCS=1 npm test -- test/browser/pane.test.ts`) to docs/, the README's pictures —
 * a plain test run leaves the work tree unchanged.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { unzipSync } from "fflate";
import { getCatalog, parseUnitList, readFilled } from "../../src/core/index";
import { readWorkbookBytes } from "../../src/read/index";
import { PROBLEMS_SECTION } from "../../src/review/summaryGrid";
import { officeWorkbookFile } from "../helpers/savedByExcel";
import { distFile, ROOT } from "../helpers/paths";
import { browserSession, openPage, PagePool } from "./harness";

const FAKE_OFFICE = readFileSync(join(__dirname, "fake-office.js"), "utf8");
const DOCS = process.env.UPDATE_DOCS === "1" ? join(ROOT, "docs") : join(ROOT, ".test-output", "pane");
/** Office's task pane is 320 px wide by default; users widen it (450 px is tested too). */
const WIDTH = 320;

const session = browserSession();

beforeAll(() => mkdirSync(DOCS, { recursive: true }));

interface Opened {
  page: Page;
  /** console errors, page errors, failed or non-2xx requests, requests leaving 127.0.0.1 */
  problems: string[];
  calls(): Promise<unknown[][]>;
}

interface OpenOptions {
  /** Use the fake Excel host (default) or the real office.js outside Office. */
  fake?: boolean;
  config?: Record<string, unknown>;
  /** JS source evaluated in the page before its scripts: sets window.__CREDIT_ACTIONS_OVERRIDE__. */
  override?: string;
  query?: string;
  height?: number;
  width?: number;
  /** Answer office.js with 404, as when Microsoft's CDN cannot be reached. */
  noOfficeJs?: boolean;
}

/** Pages opened by a test itself (the ribbon's dialog), closed after it. */
const opened: Page[] = [];
/** The panes' pages: each test's pane is a new document in a page emptied after the test before (harness.ts PagePool). */
const pool = new PagePool(session);

async function open(options: OpenOptions = {}): Promise<Opened> {
  const fake = options.fake ?? true;
  const { page, problems } = await openPage(session, {
    viewport: { width: options.width ?? WIDTH, height: options.height ?? 640 },
    query: options.query,
    officeReady: !options.noOfficeJs,
    pool,
    before: async (p) => {
      const initScript = async (script: string) => {
        const added = await p.addInitScript(script);
        pool.whenReleased(p, () => added.dispose());
      };
      if (fake) {
        await p.route("**/office.js", (route) =>
          route.fulfill({ contentType: "text/javascript", body: "/* office.js replaced by test/browser/fake-office.js */" }),
        );
        await initScript(`window.__fakeOfficeConfig = ${JSON.stringify(options.config ?? {})};`);
        await initScript(FAKE_OFFICE);
      }
      if (options.noOfficeJs) await p.route("**/office.js", (route) => route.fulfill({ status: 404, body: "" }));
      if (options.override) await initScript(options.override);
    },
  });
  return { page, problems, calls: () => page.evaluate(() => (window as unknown as { __officeCalls: unknown[][] }).__officeCalls) };
}

afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});

/**
 * One blank page for the file's pixel counts: it only decodes the screenshots it is given (nothing of the pane runs
 * in it), so it is opened once instead of once per screenshot — a new page is a new renderer process, about as
 * much CPU as the pane's own page load (19 screenshots).
 */
let statsPage: Promise<Page> | undefined;
afterAll(async () => {
  // (closed with the browser if that went first)
  await statsPage?.then((page) => page.close()).catch(() => undefined);
});

/** Distinct colours and share of non-background pixels of a PNG, decoded by the browser itself. */
async function pixelStats(png: Buffer): Promise<{ colours: number; inked: number }> {
  statsPage ??= session.browser.newPage();
  const page = await statsPage;
  return await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set<number>();
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked++;
    }
    return { colours: seen.size, inked: inked / (data.length / 4) };
  }, png.toString("base64"));
}

async function screenshot(page: Page, step: string): Promise<void> {
  const png = await page.screenshot({ path: join(DOCS, `pane-${step}.png`), fullPage: true });
  const stats = await pixelStats(png);
  expect({ step, width: (await page.viewportSize())?.width }).toEqual({ step, width: WIDTH });
  // A blank or white page has 1 colour; rendered Chinese text alone gives dozens of anti-aliased shades.
  expect({ step, manyColours: stats.colours > 30, inked: stats.inked > 0.03 }).toEqual({ step, manyColours: true, inked: true });
  // Nothing wider than the pane: no horizontal scrolling at 320 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
}

/** Every interactive node of the accessibility tree has a name (Chromium's own computation). */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
    nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[];
  };
  await cdp.detach();
  const interactive = new Set(["button", "textbox", "combobox", "checkbox", "radio", "spinbutton", "listbox", "link", "slider", "searchbox"]);
  const roles = nodes.filter((n) => !n.ignored && interactive.has(n.role?.value ?? ""));
  expect(roles.length).toBeGreaterThan(0);
  return roles.filter((n) => !(n.name?.value ?? "").trim()).map((n) => n.role?.value ?? "?");
}

/**
 * The 核定 step's bulk part reads each unit's progress on opening; tests of the one-clause form answer it with an
 * empty workbook's (no 核定表) and open the folded form.
 */
const NO_PROGRESS = `async reviewProgress() { return { units: [], hasSheet: false, rows: 0, typed: 0, recordProblems: [] }; },`;
async function openSingle(page: Page): Promise<void> {
  await page.click("details.single > summary");
}

const county = getCatalog(2022, "county");
const firstClause = county.categories[0].indicators[0].clauses[0];

describe("outside Excel", () => {
  it("in a plain browser it says so and what to use instead, shows the rules, and stays on its own origin", async () => {
    const { page, problems } = await open({ fake: false });
    expect(await page.textContent("#credit-status")).toBe("未在 Excel 中运行");
    const alert = await page.textContent(".unsupported[role=alert]");
    expect(alert).toContain("Microsoft 365");
    expect(alert).toContain("Excel 网页版");
    expect(await page.locator("nav.steps").count()).toBe(0);
    expect(await page.textContent("section.view h2")).toBe("帮助");
    // rules come from the catalog, functions from the functions.json the build generated
    await page.click(`summary:has-text("${county.categories[0].title}")`);
    expect(await page.textContent("section.view")).toContain(firstClause.text);
    await page.click("details.functions-card summary");
    await page.waitForSelector("dl.functions");
    const functions = (JSON.parse(readFileSync(distFile("functions.json"), "utf8")) as { functions: { id: string }[] }).functions;
    const listed = await page.locator("dl.functions dt").allTextContents();
    expect(listed.map((t) => t.replace(/\(.*$/, ""))).toEqual(functions.map((f) => `=CREDIT.${f.id}`));
    await screenshot(page, "outside");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("in an Excel lacking the needed requirement set it says so instead of failing later", async () => {
    const { page, problems, calls } = await open({ config: { supported: false } });
    expect(await page.textContent("#credit-status")).toBe("此版本的 Excel 不支持本加载项");
    expect(await page.textContent(".unsupported")).toContain("ExcelApi 1.4");
    expect(await calls()).toContainEqual(["isSetSupported", "ExcelApi", "1.4"]);
    expect(problems).toEqual([]);
  }, 30_000);
});

describe("in Excel (fake host)", () => {
  it("生成模板 where Excel says the CREDIT.* functions are not registered: the templates are made, and the pane says how they score", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async generateTemplates(req) {
        window.__generate = req;
        return { sheets: req.units, skipped: [], unregistered: { message: "计分函数尚未注册：模板已照常生成（IFERROR 通用公式）。", hint: "注册后可重新生成。" } };
      },
    };`;
    const { page, problems } = await open({ override });
    await page.click("section.view button:text-is('生成模板')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.textContent(".result .msg-ok")).toContain("已生成 8 个模板");
    expect(await page.textContent(".result .msg-info")).toContain("计分函数尚未注册：模板已照常生成（IFERROR 通用公式）。");
    expect(await page.textContent(".result .msg-info")).toContain("注册后可重新生成。");
    // With each unit's 双公示台账 by default (ticked), as the command line's template.
    expect(await page.isChecked("fieldset.ledger input[name=ledger]")).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __generate: { ledger: boolean } }).__generate.ledger)).toBe(true);
    expect(problems).toEqual([]);
  }, 30_000);

  it("生成模板: all units by default, then chosen ones; progress shows and 取消 stops it with a plain message", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      generateTemplates(req, { signal, onProgress }) {
        (window.__requests = window.__requests || []).push(JSON.parse(JSON.stringify(req)));
        return new Promise((resolve, reject) => {
          let i = 0;
          const tick = () => {
            if (signal.aborted) { window.__abortedAt = i; return reject(new DOMException("aborted", "AbortError")); }
            onProgress({ done: i, total: req.units.length, label: req.units[i] || "" });
            if (i === req.units.length) return resolve({ sheets: req.units, skipped: [] });
            if (window.__hold && i === 2) return setTimeout(tick, 20);
            i++; setTimeout(tick, 20);
          };
          tick();
        });
      },
    };`;
    const { page, problems } = await open({ override, height: 760 });
    expect(await page.textContent("section.view h2")).toBe("生成模板");
    const allLabel = await page.textContent("fieldset.scope label:nth-of-type(1)");
    expect(allLabel).toContain("全部单位（8 个）");
    await screenshot(page, "template");

    // Cancel while running: hold at unit 3 of 8
    await page.evaluate(() => ((window as unknown as { __hold: boolean }).__hold = true));
    await page.click("section.view button:text-is('生成模板')");
    // The third of eight is in work: "3 / 8：工农区", in the step's result area right under its button
    await page.waitForSelector(".result .task .task-text:has-text('3 / 8：工农区')");
    expect(await page.locator(".task progress").getAttribute("max")).toBe("8");
    expect(await page.isDisabled("section.view button:text-is('生成模板')")).toBe(true);
    await screenshot(page, "progress");
    // Focus went to 取消; nothing else can be changed while it runs (steps, 单位类型, the form)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("取消");
    for (const locked of ["nav.steps button:text-is('帮助')", "select[name=kind]", "select[name=year]", "fieldset.scope input[value=chosen]", "fieldset.variant input[value=portable]"]) {
      expect({ locked, disabled: await page.isDisabled(locked) }).toEqual({ locked, disabled: true });
    }
    await page.click(".task button:text-is('取消')");
    await page.waitForSelector(".result .msg:has-text('已取消')");
    expect(await page.evaluate(() => (window as unknown as { __abortedAt: number }).__abortedAt)).toBe(2);
    // The units done before the cancel are named; the focus is on the outcome
    expect(await page.textContent(".result .msg")).toContain("已完成 2 / 8 个单位：兴山区、向阳区");
    await screenshot(page, "cancelled");
    expect(await page.evaluate(() => document.activeElement?.closest(".msg") !== null)).toBe(true);
    expect(await page.locator(".task").count()).toBe(0);
    expect(await page.isEnabled("section.view button:text-is('生成模板')")).toBe(true);
    expect(await page.isEnabled("select[name=kind]")).toBe(true);

    // Chosen units only, runs to the end
    await page.evaluate(() => ((window as unknown as { __hold: boolean }).__hold = false));
    await page.check("fieldset.scope input[value=chosen]");
    await page.check("fieldset.units input[value=萝北县]");
    await page.check("fieldset.units input[value=兴山区]");
    await page.click("section.view button:text-is('生成模板')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.textContent(".result .msg-ok")).toContain("已生成 2 个模板（县区）");
    // Next: one file per unit, from the pane (Excel cannot save a single sheet with 另存为); the steps by hand folded below
    expect(await page.textContent(".result .msg-ok")).toContain("把每个单位的工作表存成单独的文件");
    expect(await page.isVisible(".result .send-units button:text-is('分出单位文件')")).toBe(true);
    expect(await page.textContent(".result .send-units details.by-hand")).toContain("右键单击该单位的工作表标签");
    const requests = await page.evaluate(() => (window as unknown as { __requests: unknown[] }).__requests);
    expect(requests).toEqual([
      { year: 2022, kind: "county", units: ["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"], variant: "addin", ledger: true },
      { year: 2022, kind: "county", units: ["兴山区", "萝北县"], variant: "addin", ledger: true },
    ]);

    // Nothing chosen: says what to do, calls nothing
    await page.uncheck("fieldset.units input[value=萝北县]");
    await page.uncheck("fieldset.units input[value=兴山区]");
    await page.click("section.view button:text-is('生成模板')");
    // the unit list itself is marked, with the reason beside it
    expect(await page.getAttribute("fieldset.units", "aria-invalid")).toBe("true");
    expect(await page.textContent("fieldset.units + .field-error")).toContain("还没有勾选任何单位");
    expect(await page.evaluate(() => (window as unknown as { __requests: unknown[] }).__requests.length)).toBe(2);

    // 市直部门: the office's editable list (src/core/years/2022/departments.ts) is offered as is
    await page.selectOption("select[name=kind]", "department");
    await page.waitForSelector(`fieldset.scope label:has-text("全部单位（${departments.length} 个）")`);
    await page.check("fieldset.scope input[value=chosen]");
    await page.check(`fieldset.units input[value="${departments[1]}"]`);
    // Units filling in WPS: the portable formulas
    await page.check("fieldset.variant input[value=portable]");
    // …and without the 双公示台账 (the short form): the box unticked
    await page.uncheck("fieldset.ledger input[name=ledger]");
    await page.click("section.view button:text-is('生成模板')");
    await page.waitForSelector(".result .msg-ok");
    const last = await page.evaluate(() => (window as unknown as { __requests: unknown[] }).__requests.at(-1));
    expect(last).toEqual({ year: 2022, kind: "department", units: [departments[1]], variant: "portable", ledger: false });
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("生成模板 through the real template writer: sheets that already exist are skipped with its reason, one sync each", async () => {
    const sheets = Object.fromEntries(["兴山区", "萝北县"].map((u) => [u, { CR_UNIT: u, CR_KIND: "county", CR_YEAR: 2022 }]));
    const { page, problems, calls } = await open({ config: { sheets } });
    await page.check("fieldset.scope input[value=chosen]");
    await page.check("fieldset.units input[value=萝北县]");
    await page.check("fieldset.units input[value=兴山区]");
    await page.click("section.view button:text-is('生成模板')");
    await page.waitForSelector("ul.skipped");
    expect(await page.textContent(".result .msg")).toContain("已生成 0 个模板");
    const skipped = await page.locator("ul.skipped li").allTextContents();
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatch(/^兴山区：.*“兴山区”已存在，未作任何修改/);
    expect(skipped[1]).toMatch(/^萝北县：.*已存在/);
    const c = await calls();
    expect(c.filter((x) => x[0] === "add")).toEqual([]);
    expect(c.filter((x) => x[0] === "Excel.run").length).toBe(2);
    expect(c.filter((x) => x[0] === "sync").length).toBe(2);
    expect(problems).toEqual([]);
  }, 30_000);

  it("每个单位一个文件 through the real glue: the workbook Excel gives (getFileAsync) cut into one file per unit; 全部下载 is a .zip of them; 在 Excel 中打开 hands one to Excel.createWorkbook", async () => {
    const units = ["兴山区", "萝北县"];
    const file = Buffer.from(await officeWorkbookFile("county", units, "考核组内部意见")).toString("base64");
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async generateTemplates(req) { return { sheets: req.units, skipped: [] }; },
    };`;
    const { page, problems, calls } = await open({ override, config: { file }, height: 900 });
    await page.check("fieldset.scope input[value=chosen]");
    for (const u of units) await page.check(`fieldset.units input[value=${u}]`);
    await page.click("section.view button:text-is('生成模板')");
    await page.click(".send-units button:text-is('分出单位文件')");
    await page.waitForSelector(".unit-files .msg-ok");
    expect(await page.textContent(".unit-files .msg-ok")).toContain("已分出 2 个单位文件");
    expect(await page.locator(".unit-files ul.files a").allTextContents()).toEqual(["兴山区-2022-县区.xlsx", "萝北县-2022-县区.xlsx"]);
    await screenshot(page, "template-files");
    // Excel asked once for the compressed file, read slice by slice, and closed it
    const c = await calls();
    expect(c.filter((x) => ["getFileAsync", "getSliceAsync", "closeAsync"].includes(x[0] as string))).toEqual([["getFileAsync", "compressed", 4194304], ["getSliceAsync", 0], ["closeAsync"]]);
    // 全部下载: a real download of a .zip holding one workbook per unit, each that unit's sheet only
    const [zipDownload] = await Promise.all([page.waitForEvent("download"), page.click(".unit-files a.button-link")]);
    expect(zipDownload.suggestedFilename()).toBe("考核表-2022-县区.zip");
    const zipped = unzipSync(new Uint8Array(readFileSync((await zipDownload.path())!)));
    expect(Object.keys(zipped)).toEqual(["兴山区-2022-县区.xlsx", "萝北县-2022-县区.xlsx"]);
    for (const u of units) {
      const read = readWorkbookBytes(zipped[`${u}-2022-县区.xlsx`]);
      expect(read.sheetNames).toEqual([u]);
      expect(readFilled(read.sheets[0]).unitName).toBe(u);
    }
    // One file alone, as a download
    const [one] = await Promise.all([page.waitForEvent("download"), page.click(".unit-files ul.files a:text-is('萝北县-2022-县区.xlsx')")]);
    expect(one.suggestedFilename()).toBe("萝北县-2022-县区.xlsx");
    expect(readWorkbookBytes(new Uint8Array(readFileSync((await one.path())!))).sheetNames).toEqual(["萝北县"]);
    // 在 Excel 中打开: Excel.createWorkbook gets that file as base64
    await page.click(".unit-files button[aria-label='在 Excel 中打开 兴山区-2022-县区.xlsx']");
    await page.waitForFunction(() => ((window as unknown as { __createdWorkbooks?: string[] }).__createdWorkbooks ?? []).length === 1);
    const opened = await page.evaluate(() => (window as unknown as { __createdWorkbooks: string[] }).__createdWorkbooks[0]);
    expect(readWorkbookBytes(new Uint8Array(Buffer.from(opened, "base64"))).sheetNames).toEqual(["兴山区"]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("每个单位一个文件 in an Excel before ExcelApi 1.8: downloads only, no 在 Excel 中打开; a refusal from Excel is told with the steps by hand", async () => {
    const file = Buffer.from(await officeWorkbookFile("county", ["兴山区"])).toString("base64");
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = { async generateTemplates(req) { return { sheets: req.units, skipped: [] }; } };`;
    const { page, problems } = await open({ override, config: { file, createWorkbook: false } });
    await page.check("fieldset.scope input[value=chosen]");
    await page.check("fieldset.units input[value=兴山区]");
    await page.click("section.view button:text-is('生成模板')");
    await page.click(".send-units button:text-is('分出单位文件')");
    await page.waitForSelector(".unit-files .msg-ok");
    expect(await page.locator(".unit-files button").count()).toBe(0);
    // Excel refuses the file (no file configured): plain Chinese, what to do, the steps by hand still there
    const { page: refused, problems: refusedProblems } = await open({ override });
    await refused.check("fieldset.scope input[value=chosen]");
    await refused.check("fieldset.units input[value=兴山区]");
    await refused.click("section.view button:text-is('生成模板')");
    await refused.click(".send-units button:text-is('分出单位文件')");
    await refused.waitForSelector(".send-units [role=alert]");
    expect(await refused.textContent(".send-units [role=alert]")).toContain("Excel 未能给出工作簿文件");
    expect(await refused.textContent(".send-units [role=alert]")).toContain("请先保存工作簿");
    expect(await refused.isVisible(".send-units details.by-hand summary")).toBe(true);
    expect(problems).toEqual([]);
    expect(refusedProblems).toEqual([]);
  }, 60_000);

  it("提交前检查: problems listed as text (never markup), each one click away from its cell via Office.js", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async checkActiveSheet() {
        return { sheet: "兴山区", unit: "兴山区", problems: [
          { sheet: "兴山区", address: "F12", severity: "错误", message: "“市场主体总量”未填写" },
          { sheet: "兴山区", address: "G20", severity: "错误", message: "<img src=x onerror=\\"window.__xss=1\\">不是数字" },
          { sheet: "兴山区", address: "H7", severity: "提示", message: "佐证材料未注明" },
        ] };
      },
    };`;
    const { page, problems, calls } = await open({ override, query: "?view=check", height: 560 });
    expect(await page.textContent("section.view h2")).toBe("提交前检查");
    await page.click("section.view button:text-is('检查当前工作表')");
    await page.waitForSelector("ul.problems");
    expect(await page.textContent(".result [role=alert]")).toContain("发现 3 个问题（其中 2 个必须改正）");
    expect(await page.locator("ul.problems img").count()).toBe(0);
    expect(await page.textContent("ul.problems li:nth-child(2)")).toContain("<img src=x");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, "check");

    await page.click("ul.problems li:nth-child(1) button");
    await page.click("ul.problems li:nth-child(3) button");
    await page.waitForFunction(() => (window as unknown as { __officeCalls: unknown[][] }).__officeCalls.filter((c) => c[0] === "select").length === 2);
    expect((await calls()).filter((c) => c[0] === "select")).toEqual([
      ["select", "兴山区", "F12"],
      ["select", "兴山区", "H7"],
    ]);
    const c = await calls();
    expect(c).toContainEqual(["activate", "兴山区"]);
    // one Excel.run and one sync per jump
    expect(c.filter((x) => x[0] === "Excel.run").length).toBe(2);
    expect(c.filter((x) => x[0] === "sync").length).toBe(2);
    expect(await page.getAttribute("ul.problems li:nth-child(1) button", "aria-label")).toBe("转到 兴山区!F12：错误，“市场主体总量”未填写");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("导入回收表 runs the real import module: a damaged .xlsx is refused with its reason and nothing is written", async () => {
    const { page, problems, calls } = await open({ query: "?view=import", height: 600 });
    await page.setInputFiles("input[type=file]", [{ name: "兴山区.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK not really a zip") }]);
    await page.click("section.view button:text-is('导入')");
    await page.waitForSelector("ul.files");
    const rows = await page.locator("ul.files li").allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("✗ 兴山区.xlsx");
    // What to ask the unit, in Chinese; no library text ("Can't find end of central directory …")
    expect(rows[0]).toContain("文件已损坏或不是 .xlsx 工作簿");
    expect(rows[0]).toContain("另存为");
    expect(rows[0].replace(/xlsx|Excel/g, "")).not.toMatch(/[A-Za-z]{3,}/);
    // Rejected before the workbook was touched: no sheet added, no sync.
    const c = await calls();
    expect(c.filter((x) => x[0] === "add" || x[0] === "sync")).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("导入回收表: several files, non-xlsx refused with a reason, progress and per-file results", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async importFiles(files, { onProgress }) {
        window.__imported = files.map((f) => f.name);
        const out = [];
        for (let i = 0; i < files.length; i++) {
          onProgress({ done: i, total: files.length, label: files[i].name });
          await new Promise((r) => setTimeout(r, 30));
          out.push(i === 0
            ? { file: files[i].name, ok: true, sheet: "兴山区", message: "已导入到工作表“兴山区”。", problems: [] }
            : { file: files[i].name, ok: false, message: "不是本年度的考核表（2021 年），未导入。", problems: [] });
        }
        return out;
      },
    };`;
    const { page, problems } = await open({ override, query: "?view=import", height: 600 });
    // the file button speaks Chinese (the browser's own says "Choose Files" in its own language)
    expect(await page.textContent(".file-pick")).toBe("选择文件…");
    expect(await page.isVisible(".file-pick")).toBe(true);
    await page.click("section.view button:text-is('导入')");
    expect(await page.getAttribute("input[type=file]", "aria-invalid")).toBe("true");
    expect(await page.textContent("input[type=file] + .field-error")).toContain("还没有选择文件");
    await page.setInputFiles("input[type=file]", [
      { name: "兴山区2022县区.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK") },
      { name: "向阳区.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK") },
      { name: "说明.txt", mimeType: "text/plain", buffer: Buffer.from("x") },
    ]);
    expect(await page.textContent("section.view p[aria-live]")).toBe("已选择 3 个文件。");
    await page.click("section.view button:text-is('导入')");
    await page.waitForSelector("ul.files");
    expect(await page.evaluate(() => (window as unknown as { __imported: string[] }).__imported)).toEqual(["兴山区2022县区.xlsx", "向阳区.xlsx"]);
    const rows = await page.locator("ul.files li").allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("说明.txt");
    expect(rows[0]).toContain("不是 .xlsx 文件");
    expect(rows[1]).toContain("✓ 兴山区2022县区.xlsx");
    expect(rows[2]).toContain("✗ 向阳区.xlsx");
    expect(await page.textContent(".result .msg")).toContain("导入 1 个，未导入 2 个");
    await screenshot(page, "import");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("核定: unit sheets found by their defined names, input checked, the request carries sheet, clause, points, reason, reviewer", async () => {
    const config = {
      sheets: {
        兴山区: { CR_UNIT: "兴山区", CR_KIND: "county", CR_YEAR: 2022 },
        说明: {},
        萝北县: {
          CR_UNIT: "萝北县",
          CR_KIND: "county",
          CR_YEAR: 2022,
          // the sheet's own cells for county.2.1.1, read by the real glue (readClause)
          CR_DED_county_2_1_1: 10,
          CR_ST_county_2_1_1: "扣分",
          CR_EX_county_2_1_1: "入驻信易贷 1,200 户，占市场主体 6.0%，低于 20%，扣 10 分",
        },
      },
    };
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      ${NO_PROGRESS}
      async recordVerification(req) { window.__verified = req; return { from: 0, to: req.deduction }; },
    };`;
    const { page, problems } = await open({ config, override, query: "?view=assess", height: 1100 });
    await openSingle(page);
    await page.waitForSelector("select[name=sheet]");
    expect(await page.locator("select[name=sheet] option").allTextContents()).toEqual(["兴山区", "萝北县"]);
    await page.selectOption("select[name=sheet]", "萝北县");
    const clause = county.categories[1].indicators[0].clauses[0];
    await page.selectOption("select[name=clause]", clause.id);
    expect(await page.textContent(".clause-text")).toContain(clause.text);
    // beside the choice: what the unit's sheet says now
    await page.waitForSelector(".clause-self:has-text('自评：扣 10 分')");
    expect(await page.textContent(".clause-self")).toBe("自评：扣 10 分（入驻信易贷 1,200 户，占市场主体 6.0%，低于 20%，扣 10 分）");
    await page.selectOption("select[name=sheet]", "兴山区");
    await page.selectOption("select[name=clause]", clause.id);
    await page.waitForSelector(".clause-self:has-text('自评：未计算')");
    // …said with why and what to do
    expect(await page.textContent(".clause-self")).toContain("单元格是空的（表格尚未重新计算，或单元格被清除）。请按 F9 重新计算");
    // 2.2.1 reads as Chinese in the list: the notice's stray ” balanced by core's clauseShortText
    expect(await page.locator("select[name=clause] option[value='county.2.2.1']").textContent()).toBe("2.2.1 扣 10 分：“码上诚信”赋码…");
    await page.selectOption("select[name=sheet]", "萝北县");
    await page.selectOption("select[name=clause]", clause.id);
    await page.fill("input[name=deduction]", String(clause.deduction + 1));
    await page.click("section.view button:text-is('记录这一条')");
    // each invalid field is marked and says why, right under it; the focus goes to the first
    expect(await page.textContent("input[name=deduction] + .field-error")).toContain(`必须在 0 到 ${clause.deduction} 分之间`);
    expect(await page.textContent("textarea[name=reason] + .field-error")).toContain("请填写核定理由");
    expect(await page.textContent("input[name=reviewer] + .field-error")).toContain("请填写核定人");
    for (const f of ["input[name=deduction]", "textarea[name=reason]", "input[name=reviewer]"]) expect(await page.getAttribute(f, "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe("deduction");
    await screenshot(page, "assess-invalid");
    await page.fill("input[name=deduction]", String(clause.deduction));
    await page.fill("textarea[name=reason]", "平台调阅：入驻数与填报不符");
    await page.fill("input[name=reviewer]", "张三");
    await page.click("section.view button:text-is('记录这一条')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.evaluate(() => (window as unknown as { __verified: unknown }).__verified)).toEqual({
      sheet: "萝北县",
      clauseId: clause.id,
      deduction: clause.deduction,
      reason: "平台调阅：入驻数与填报不符",
      reviewer: "张三",
    });
    await screenshot(page, "assess");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("核定 in a workbook without unit sheets says what to do first", async () => {
    const { page, problems } = await open({ query: "?view=assess", override: `window.__CREDIT_ACTIONS_OVERRIDE__ = { ${NO_PROGRESS} };` });
    await openSingle(page);
    await page.waitForSelector("details.single .msg");
    expect(await page.textContent("details.single .msg")).toContain("当前工作簿中没有单位考核表");
    expect(await page.textContent("section.view .msg")).toContain("工作簿中还没有“核定表”");
    expect(problems).toEqual([]);
  }, 30_000);

  it("生成汇总: the weight is 按比例计入的分值 as the CLI takes it; a bad weight is refused in Chinese; problems are found in the 工作记录", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async buildSummary(req, { onProgress }) {
        (window.__summaries = window.__summaries || []).push(req);
        onProgress({ done: 1, total: 1, label: "" });
        return { sheet: "汇总", units: 8, withProblems: 1 };
      },
    };`;
    const { page, problems } = await open({ override, query: "?view=summary", height: 560 });
    await page.fill("input[name=weight]", "0");
    await page.click("section.view button:text-is('生成汇总')");
    expect(await page.getAttribute("input[name=weight]", "aria-invalid")).toBe("true");
    expect(await page.textContent("input[name=weight] + .field-error")).toContain("按比例计入的分值应为大于 0、不超过 1000 的数");
    await page.fill("input[name=weight]", "5");
    await page.click("section.view button:text-is('生成汇总')");
    await page.waitForSelector(".result .msg-info");
    expect(await page.textContent(".result .msg")).toContain("汇总表“汇总”已更新：8 个单位，其中 1 个单位有待处理的问题");
    // The section of the 工作记录 that lists them, as the document builder names it.
    expect(await page.textContent(".result .msg")).toContain(`“工作记录”工作表的“${PROBLEMS_SECTION}”`);
    // No function names in what a clerk reads
    expect(await page.textContent("section.view")).not.toMatch(/CREDIT|WEIGHTED/);
    expect(await page.evaluate(() => (window as unknown as { __summaries: unknown[] }).__summaries)).toEqual([{ weight: 5 }]);
    expect(await page.getAttribute("input[name=weight]", "aria-invalid")).toBeNull();
    expect(await page.locator(".field-error").count()).toBe(0);
    await screenshot(page, "summary");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("平台数据: makes the sheet for the chosen year and kind, then lists what it read and each name or figure not used, one click from its cell", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async makePlatformSheet(year, kind) {
        (window.__made = window.__made || []).push([year, kind]);
        return { sheet: "平台数据（县区）", units: 8, columns: 28, skipped: [] };
      },
      async checkPlatformSheet(year, kind) {
        return {
          sheet: "平台数据（县区）",
          withFigures: ["兴山区", "南山区"],
          blank: ["向阳区", "工农区", "兴安区", "东山区"],
          problems: [
            { sheet: "平台数据（县区）", address: "B8", severity: "错误", message: "“平台数据（县区）”工作表 B8：“鹤岗市工农区”不是县区成员单位（与“工农区”相似，但不相同），未采用；请改为成员单位名单中的名称" },
            { sheet: "平台数据（县区）", address: "D7", severity: "错误", message: "“平台数据（县区）”工作表 D7：“本年度‘双公示’信息总条数”应为不小于 0 的整数（条），收到 “很多”，未采用" },
          ],
        };
      },
    };`;
    const { page, problems, calls } = await open({ override, query: "?view=platform", height: 760 });
    expect(await page.textContent("section.view h2")).toBe("平台数据");
    expect(await page.isVisible("select[name=kind]")).toBe(true);
    await page.click("section.view button:text-is('生成平台数据表')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.textContent(".result .msg")).toContain("已生成工作表“平台数据（县区）”：8 个单位，28 列平台调阅数据");
    expect(await page.evaluate(() => (window as unknown as { __made: unknown[] }).__made)).toEqual([[2022, "county"]]);
    await page.click("section.view button:text-is('检查平台数据表')");
    await page.waitForSelector(".result .problems");
    expect(await page.textContent(".result [role=alert]")).toContain("2 个单位有平台数据，4 个单位未填。发现 2 个问题");
    expect(await page.locator(".result .problems li").count()).toBe(2);
    await screenshot(page, "platform");
    await page.click(".result .problems li:first-child button");
    await page.waitForFunction(() => (window as unknown as { __officeCalls: unknown[][] }).__officeCalls.some((c) => c[0] === "select"));
    expect((await calls()).filter((c) => c[0] === "select")).toEqual([["select", "平台数据（县区）", "B8"]]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("平台比对: lists each unit and clause where the platform differs with its ready 核定说明; 按平台数据核定 records that reason as a 按平台数据 entry", async () => {
    const reason = "平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10.0%，低于 20%，扣 10 分；单位自报：入驻信易贷 5,000 户，占市场主体 25.0%，不低于 20%，不扣分";
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async crossCheckPlatform(year, kind) {
        return {
          sheet: "平台数据（县区）",
          checked: ["兴山区", "向阳区", "工农区"],
          noFigures: ["东山区"],
          notReturned: ["南山区"],
          problems: [],
          rows: [
            { unit: "兴山区", sheet: "兴山区", clauseId: "county.2.1.1", finding: "扣分不同", self: 0, proposed: 10, reason: ${JSON.stringify(reason)}, basis: "b1", platformBasis: "p1" },
            { unit: "工农区", sheet: "工农区", clauseId: "county.2.1.1", finding: "数据不同", self: 0, proposed: 0, reason: "平台调阅：入驻信易贷 4,800 户……", basis: "b2" },
          ],
        };
      },
      async recordVerification(request) {
        (window.__recorded = window.__recorded || []).push(request);
        return { from: 0, to: request.deduction };
      },
    };`;
    const { page, problems } = await open({ override, query: "?view=platform", height: 900 });
    await page.click("section.view button:text-is('与单位数据比对')");
    await page.waitForSelector(".result .crosscheck");
    expect(await page.textContent(".result .msg")).toContain("已比对 3 个单位：与平台数据不一致 2 条（其中扣分不同 1 条）");
    expect(await page.locator(".crosscheck-item").count()).toBe(2);
    // Only a clause the platform decides otherwise offers the 核定.
    expect(await page.locator(".crosscheck-item button").count()).toBe(1);
    await page.click(".crosscheck-item button:text-is('按平台数据核定')");
    expect(await page.getAttribute(".result input[name=reviewer]", "aria-invalid")).toBe("true");
    await page.fill(".result input[name=reviewer]", "张三");
    await page.click(".crosscheck-item button:text-is('按平台数据核定')");
    await page.waitForSelector(".crosscheck-item .msg-ok");
    expect(await page.textContent(".crosscheck-item .msg-ok")).toContain("已按平台数据核定：兴山区 2.1.1 扣 10 分");
    expect(await page.evaluate(() => (window as unknown as { __recorded: unknown[] }).__recorded)).toEqual([
      { sheet: "兴山区", clauseId: "county.2.1.1", deduction: 10, reason, reviewer: "张三", kind: "按平台数据", basis: "b1", platformBasis: "p1" },
    ]);
    await screenshot(page, "platform-crosscheck");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it("an Excel error reaches the user as plain Chinese with the next step, never a stack trace", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async checkActiveSheet() { const e = new Error("RichApi.Error at x.js:1:2"); e.code = "InvalidOperationInCellEditMode"; throw e; },
    };`;
    const { page, problems } = await open({ override, query: "?view=check" });
    await page.click("section.view button:text-is('检查当前工作表')");
    const text = await page.textContent(".result [role=alert]");
    expect(text).toContain("请按 Enter 或 Esc 结束单元格编辑后再试");
    expect(text).not.toMatch(/RichApi|at |\.js/);
    expect(problems).toEqual([]);
  }, 30_000);

  it("帮助 explains the rules of the chosen kind from the catalog and the CREDIT functions", async () => {
    const { page, problems } = await open({ query: "?view=help", height: 900 });
    await page.selectOption("select[name=kind]", "department");
    const dept = getCatalog(2022, "department");
    await page.click(`summary:has-text("${dept.categories[0].title}")`);
    expect(await page.textContent("section.view")).toContain(dept.categories[0].indicators[0].clauses[0].text);
    // The function reference is folded (clerks filling the form need none of it) and read when opened
    expect(await page.locator("dl.functions").count()).toBe(0);
    await screenshot(page, "help");
    await page.click("details.functions-card summary");
    await page.waitForSelector("dl.functions");
    expect(await page.textContent("dl.functions")).toContain("=CREDIT.DEDUCT(");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 30_000);
});

/** A fake generateTemplates reporting each unit as it starts; window.__hold stops it at the third unit. */
const SLOW_TEMPLATES = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
  generateTemplates(req, { signal, onProgress }) {
    return new Promise((resolve, reject) => {
      let i = 0;
      const tick = () => {
        if (signal.aborted) return reject(new DOMException("aborted", "AbortError"));
        onProgress({ done: i, total: req.units.length, label: req.units[i] || "" });
        if (i === req.units.length) return resolve({ sheets: req.units.slice(), skipped: [] });
        if (window.__hold && i === 2) return setTimeout(tick, 20);
        i++; setTimeout(tick, 10);
      };
      tick();
    });
  },
};`;

/** The office's editable 市直部门 list of 2022 (src/core/years/2022/departments.ts, the text between the backticks). */
const departments = parseUnitList(readFileSync(join(ROOT, "src/core/years/2022/departments.ts"), "utf8").split("`")[1]);

describe("what a clerk relies on", () => {
  it("核定 cannot misfile: after 记录核定 the form moves on; another unit or clause clears 扣分, 理由 and the message, and 记录核定 then records nothing", async () => {
    const config = { sheets: { 兴山区: { CR_UNIT: "兴山区", CR_KIND: "county", CR_YEAR: 2022 }, 萝北县: { CR_UNIT: "萝北县", CR_KIND: "county", CR_YEAR: 2022 } } };
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      ${NO_PROGRESS}
      async recordVerification(req) { (window.__verified = window.__verified || []).push(req); return { to: req.deduction }; },
    };`;
    const { page, problems } = await open({ config, override, query: "?view=assess", height: 1200 });
    await openSingle(page);
    const verified = () => page.evaluate(() => (window as unknown as { __verified?: unknown[] }).__verified ?? []);
    const clauses = [...county.categories[0].indicators[0].clauses, ...county.categories[0].indicators.slice(1).flatMap((i) => i.clauses)];
    expect(firstClause.id).toBe("county.1.1.1");
    expect(firstClause.deduction).toBe(2.5);
    await page.waitForSelector("select[name=sheet]");
    await page.selectOption("select[name=sheet]", "兴山区");
    await page.selectOption("select[name=clause]", firstClause.id);
    await page.fill("input[name=deduction]", "2.5");
    await page.fill("textarea[name=reason]", "领导小组成员未及时调整，见平台调阅");
    await page.fill("input[name=reviewer]", "张三");
    await page.click("section.view button:text-is('记录这一条')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.textContent(".result .msg-ok")).toContain("已记录：兴山区 1.1.1 核定扣 2.5 分，已写入核定记录");
    expect(await verified()).toEqual([{ sheet: "兴山区", clauseId: "county.1.1.1", deduction: 2.5, reason: "领导小组成员未及时调整，见平台调阅", reviewer: "张三" }]);
    // Recorded: 扣分 and 理由 cleared, 核定人 kept, the next clause chosen
    expect(await page.inputValue("input[name=deduction]")).toBe("");
    expect(await page.inputValue("textarea[name=reason]")).toBe("");
    expect(await page.inputValue("input[name=reviewer]")).toBe("张三");
    expect(await page.inputValue("select[name=clause]")).toBe(clauses[1].id);
    await screenshot(page, "assess-recorded");

    // Switch the unit: fields and the "已记录" message are gone
    await page.selectOption("select[name=sheet]", "萝北县");
    expect(await page.inputValue("input[name=deduction]")).toBe("");
    expect(await page.inputValue("textarea[name=reason]")).toBe("");
    expect(await page.locator(".result .msg").count()).toBe(0);
    // 记录核定 now cannot record the old values for 萝北县
    await page.click("section.view button:text-is('记录这一条')");
    expect(await page.getAttribute("input[name=deduction]", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("textarea[name=reason]", "aria-invalid")).toBe("true");
    expect(await verified()).toHaveLength(1);

    // Typed for one clause, then another clause chosen: cleared too (marks and message included)
    await page.fill("input[name=deduction]", "1");
    await page.fill("textarea[name=reason]", "写给上一条的理由");
    await page.selectOption("select[name=clause]", clauses[2].id);
    expect(await page.inputValue("input[name=deduction]")).toBe("");
    expect(await page.inputValue("textarea[name=reason]")).toBe("");
    expect(await page.locator(".field-error").count()).toBe(0);
    await page.click("section.view button:text-is('记录这一条')");
    expect(await verified()).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 60_000);

  it.each([320, 450])("at %i px the progress and 取消 appear under the button that started them, even below a 42-department list, and each step keeps its last result", async (width) => {
    const { page, problems } = await open({ override: SLOW_TEMPLATES, width, height: 640 });
    await page.selectOption("select[name=kind]", "department");
    await page.waitForSelector(`fieldset.scope label:has-text("全部单位（${departments.length} 个）")`);
    await page.check("fieldset.scope input[value=chosen]");
    await page.click("fieldset.units button:text-is('全选')");
    expect(await page.textContent("fieldset.units .pick-tools")).toContain(`已选 ${departments.length} 个`);
    await page.evaluate(() => ((window as unknown as { __hold: boolean }).__hold = true));
    await page.click("section.view button:text-is('生成模板')");
    await page.waitForSelector(`.task .task-text:has-text('3 / ${departments.length}：${departments[2]}')`);
    const at = await page.evaluate(() => {
      const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const cancel = r(".task button");
      return { button: r("section.view .actions button").bottom, task: r(".task").top, cancelTop: cancel.top, cancelBottom: cancel.bottom, viewport: window.innerHeight, focused: document.activeElement?.textContent };
    });
    expect(at.focused).toBe("取消");
    expect(at.cancelTop).toBeGreaterThanOrEqual(0);
    expect(at.cancelBottom).toBeLessThanOrEqual(at.viewport);
    expect(at.task - at.button).toBeGreaterThanOrEqual(0);
    expect(at.task - at.button).toBeLessThan(40);
    // a ribbon button clicked meanwhile does not take the clerk away from the running task
    await page.evaluate(() => window.dispatchEvent(new CustomEvent("credit:navigate", { detail: { view: "help" } })));
    expect(await page.textContent("section.view h2")).toBe("生成模板");
    await page.evaluate(() => ((window as unknown as { __hold: boolean }).__hold = false));
    await page.waitForSelector(".result .msg-ok");
    const end = await page.evaluate(() => {
      const msg = document.querySelector(".result .msg-ok")!.getBoundingClientRect();
      return { top: msg.top, bottom: msg.bottom, viewport: window.innerHeight, focused: document.activeElement?.closest(".result .msg-ok") !== null };
    });
    expect(end.focused).toBe(true);
    expect(end.top).toBeGreaterThanOrEqual(0);
    expect(end.top).toBeLessThan(end.viewport);
    // another step and back: the result is still there
    await page.click("nav.steps button:text-is('帮助')");
    await page.click("nav.steps button:text-is('生成模板')");
    expect(await page.textContent(".result .msg-ok")).toContain(`已生成 ${departments.length} 个模板（市直部门）`);
    expect(problems).toEqual([]);
  }, 60_000);

  it("the 市直部门 picker has a search and 全选 (of what the search shows) and counts what is chosen", async () => {
    const override = SLOW_TEMPLATES.replace("window.__CREDIT_ACTIONS_OVERRIDE__ = {", "window.__CREDIT_ACTIONS_OVERRIDE__ = { __x: 0,").replace("return new Promise(", "(window.__requests = window.__requests || []).push(req.units); return new Promise(");
    const { page, problems } = await open({ override, height: 900 });
    await page.selectOption("select[name=kind]", "department");
    await page.waitForSelector("fieldset.scope input[value=chosen]");
    await page.check("fieldset.scope input[value=chosen]");
    const matching = departments.filter((d) => d.includes("市场"));
    expect(matching.length).toBeGreaterThan(0);
    await page.fill("fieldset.units input[type=search]", "市场");
    expect(await page.locator("fieldset.units label.check:visible").allTextContents()).toEqual(matching);
    await page.click("fieldset.units button:text-is('全选')");
    expect(await page.textContent("fieldset.units .pick-tools")).toContain(`已选 ${matching.length} 个；显示 ${matching.length} / ${departments.length} 个`);
    await page.fill("fieldset.units input[type=search]", "");
    expect(await page.locator("fieldset.units label.check:visible").count()).toBe(departments.length);
    await screenshot(page, "template-units");
    await page.click("section.view button:text-is('生成模板')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.evaluate(() => (window as unknown as { __requests: string[][] }).__requests)).toEqual([matching]);
    await page.click("fieldset.units button:text-is('全不选')");
    expect(await page.textContent("fieldset.units .pick-tools")).toContain("已选 0 个");
    expect(problems).toEqual([]);
  }, 60_000);

  it("核定 offers the sheets the readers of returned files take as unit sheets: 单位类别 and 考核年度 read by core", async () => {
    const sheets = {
      兴山区: { CR_UNIT: "兴山区", CR_KIND: "县、区", CR_YEAR: 2022 },
      萝北县: { CR_UNIT: "萝北县", CR_KIND: "区县", CR_YEAR: 2022 }, // not a kind parseUnitKind knows
      向阳区: { CR_UNIT: "向阳区", CR_KIND: "county", CR_YEAR: "" }, // no year (not year 0)
      市教育局: { CR_UNIT: "市教育局", CR_KIND: "市直部门", CR_YEAR: "２０２２" }, // full-width digits, as numberOf reads them
    };
    const { page, problems } = await open({ config: { sheets }, query: "?view=assess", override: `window.__CREDIT_ACTIONS_OVERRIDE__ = { ${NO_PROGRESS} };` });
    await openSingle(page);
    await page.waitForSelector("select[name=sheet]");
    expect(await page.locator("select[name=sheet] option").allTextContents()).toEqual(["兴山区", "市教育局"]);
    expect(problems).toEqual([]);
  }, 30_000);

  it("核定 finds a unit sheet whose names the workbook holds (a unit's own file opened in Excel), resolved as every reader resolves them", async () => {
    const clause = county.categories[1].indicators[0].clauses[0];
    const own = (unit: string) => ({ CR_UNIT: unit, CR_KIND: "county", CR_YEAR: 2022 });
    const sheets = {
      兴山区: { ...own("兴山区"), [`CR_DED_${clause.id.replace(/\./g, "_")}`]: 10, [`CR_ST_${clause.id.replace(/\./g, "_")}`]: "扣分", [`CR_EX_${clause.id.replace(/\./g, "_")}`]: "扣 10 分" },
      萝北县: own("萝北县"),
    };
    const { page, problems } = await open({ config: { sheets, bookScoped: ["兴山区"] }, query: "?view=assess", override: `window.__CREDIT_ACTIONS_OVERRIDE__ = { ${NO_PROGRESS} };` });
    await openSingle(page);
    await page.waitForSelector("select[name=sheet]");
    expect(await page.locator("select[name=sheet] option").allTextContents()).toEqual(["兴山区", "萝北县"]);
    await page.selectOption("select[name=sheet]", "兴山区");
    await page.selectOption("select[name=clause]", clause.id);
    await page.waitForSelector(".clause-self:has-text('自评：扣 10 分')");
    expect(await page.textContent(".clause-self")).toBe("自评：扣 10 分（扣 10 分）");
    expect(problems).toEqual([]);
  }, 30_000);

  it("the 核定 dropdowns show whole unit names and clause labels at 320 px (nothing cut mid-character)", async () => {
    const longest = [...departments].sort((a, b) => b.length - a.length).slice(0, 3);
    const sheets = Object.fromEntries(longest.map((u) => [u.slice(0, 31), { CR_UNIT: u, CR_KIND: "department", CR_YEAR: 2022 }]));
    const { page, problems } = await open({ config: { sheets }, query: "?view=assess", height: 1000, override: `window.__CREDIT_ACTIONS_OVERRIDE__ = { ${NO_PROGRESS} };` });
    await openSingle(page);
    await page.waitForSelector("select[name=sheet]");
    const overflow = await page.evaluate(() => {
      const canvas = document.createElement("canvas").getContext("2d")!;
      const cut: string[] = [];
      for (const select of Array.from(document.querySelectorAll("select")).filter((el) => el.offsetParent !== null)) {
        const style = getComputedStyle(select);
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        // room for text: the box minus padding, borders and the dropdown arrow (about 20 px in Chromium)
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        for (const option of Array.from(select.options)) if (canvas.measureText(option.text).width > room) cut.push(`${select.name}: ${option.text}`);
      }
      return cut;
    });
    expect(overflow).toEqual([]);
    expect(await page.locator("select[name=sheet] option").allTextContents()).toEqual(longest);
    expect(problems).toEqual([]);
  }, 30_000);

  it.each([320, 450])("at %i px every control shows a focus ring when reached with Tab (WCAG 2.4.7)", async (width) => {
    const config = { sheets: { 兴山区: { CR_UNIT: "兴山区", CR_KIND: "county", CR_YEAR: 2022 } } };
    const { page, problems } = await open({ width, height: 900, config });
    await page.check("fieldset.scope input[value=chosen]");
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const view of ["template", "assess", "summary", "import", "platform"]) {
      if (view !== "template") await page.click(`nav.steps button[data-view=${view}]`);
      if (view === "assess") {
        await openSingle(page); // the one-clause form, folded under the bulk 核定
        await page.waitForSelector("select[name=sheet]");
      }
      await page.click("h1"); // Tab starts from the top of the pane
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          // the hidden file input's ring is drawn on the Chinese button standing for it
          const st = getComputedStyle(el.matches("input[type=file]") ? el.parentElement!.querySelector(".file-pick")! : el);
          const label = `${el.tagName.toLowerCase()}${el.getAttribute("type") ? `[${el.getAttribute("type")}]` : ""} ${(el.getAttribute("name") ?? el.textContent ?? "").trim().slice(0, 12)} ${el.getAttribute("value") ?? ""}`;
          return { label, ring: st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2 };
        });
        if (!f) continue;
        if (seen.has(`${view}:${f.label}`)) break;
        seen.add(`${view}:${f.label}`);
        if (!f.ring) missing.push(`${view}: ${f.label}`);
      }
    }
    // radios, checkboxes, selects, text fields and buttons were all reached
    for (const kind of ["input[radio]", "input[checkbox]", "select", "textarea", "input[number]", "input[file]", "button"]) {
      expect({ kind, reached: [...seen].some((k) => k.includes(`:${kind}`)), seen: [...seen] }).toEqual({ kind, reached: true, seen: [...seen] });
    }
    expect({ missing, seen: [...seen] }).toEqual({ missing: [], seen: [...seen] });
    expect(problems).toEqual([]);
  }, 90_000);

  it("without Office's script the pane says so plainly with what to do, shows 帮助, and nothing throws (functions.js included)", async () => {
    const { page, problems } = await open({ fake: false, noOfficeJs: true });
    const alert = await page.textContent(".unsupported[role=alert]");
    expect(alert).toContain("无法加载 Office.js");
    expect(alert).toContain("appsforoffice.microsoft.com");
    expect(alert).toContain("重新打开本窗格");
    expect(await page.textContent("section.view h2")).toBe("帮助");
    await screenshot(page, "no-office");
    // only the refused office.js itself; no page error such as "CustomFunctions is not defined"
    expect(problems.filter((p) => !/office\.js|Failed to load resource/.test(p))).toEqual([]);
    expect(problems.some((p) => p.startsWith("pageerror"))).toBe(false);
  }, 30_000);

  it("an unexpected error says in Chinese which work did not finish and what to do, without the JS text", async () => {
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async generateTemplates() { throw new TypeError("Cannot set properties of undefined (setting 'values')"); },
    };`;
    const { page, problems } = await open({ override });
    await page.click("section.view button:text-is('生成模板')");
    const text = await page.textContent(".result [role=alert]");
    expect(text).toContain("生成 8 个模板没有完成");
    expect(text).toContain("关闭并重新打开本窗格后再试一次");
    expect(text).not.toMatch(/Cannot|undefined|values/);
    expect(problems).toEqual([]);
  }, 30_000);
});

describe("custom functions in the shared runtime", () => {
  const ids = () => (JSON.parse(readFileSync(distFile("functions.json"), "utf8")) as { functions: { id: string }[] }).functions.map((f) => f.id).sort();
  type Associated = [string, string, number, boolean];
  const associated = async (calls: Opened["calls"]) => (await calls()).filter((c): c is Associated => c[0] === "customFunction");

  it("a shown pane associates every CREDIT.* function right after its first paint, not before it", async () => {
    const { page, problems, calls } = await open();
    await page.waitForFunction(() => (window as unknown as { __officeCalls: unknown[][] }).__officeCalls.some((c) => c[0] === "customFunction"));
    const list = await associated(calls);
    expect(list.map((c) => c[1]).sort()).toEqual(ids());
    // After the first paint (functions.js is not a script of the page: taskpane.ts adds it one frame later).
    expect(list.every((c) => c[3])).toBe(true);
    const fcp = await page.evaluate(() => performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")!.startTime);
    expect(Math.min(...list.map((c) => c[2]))).toBeGreaterThanOrEqual(fcp);
    expect(problems).toEqual([]);
  }, 60_000);

  it("a page that is not shown (the runtime started to calculate) adds functions.js at once, before DOMContentLoaded", async () => {
    const hidden = `Object.defineProperty(Document.prototype, "visibilityState", { get: () => "hidden" });
      document.addEventListener("DOMContentLoaded", () => { window.__functionsAtLoad = !!document.querySelector('script[src="functions.js"]'); });`;
    const { page, problems, calls } = await open({ override: hidden });
    await page.waitForFunction(() => (window as unknown as { __officeCalls: unknown[][] }).__officeCalls.some((c) => c[0] === "customFunction"));
    expect(await page.evaluate(() => (window as unknown as { __functionsAtLoad: boolean }).__functionsAtLoad)).toBe(true);
    expect((await associated(calls)).map((c) => c[1]).sort()).toEqual(ids());
    expect(problems).toEqual([]);
  }, 60_000);
});

describe("ribbon", () => {
  it("each button of the 信用考核 tab is associated and opens the pane at its step", async () => {
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const functionNames = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
    expect(functionNames.length).toBe(6);
    const { page, problems, calls } = await open();
    const associated = (await calls()).filter((c) => c[0] === "associate").map((c) => c[1]);
    expect(associated.sort()).toEqual([...functionNames].sort());
    const expected: Record<string, string> = {
      "credit.template": "生成模板",
      "credit.check": "提交前检查",
      "credit.import": "导入回收表",
      "credit.assess": "核定",
      "credit.summary": "生成汇总", // the ribbon's label too (manifest.test.ts)
      "credit.help": "帮助",
    };
    for (const name of functionNames) {
      const completed = await page.evaluate(
        (n) =>
          new Promise<boolean>((resolve) => {
            const handlers = (window as unknown as { __ribbonHandlers: Record<string, (e: { completed(): void }) => void> }).__ribbonHandlers;
            handlers[n]({ completed: () => resolve(true) });
          }),
        name,
      );
      expect(completed).toBe(true);
      expect({ name, view: await page.textContent("section.view h2") }).toEqual({ name, view: expected[name] });
      expect(await page.getAttribute(`nav.steps button:text-is("${expected[name]}")`, "aria-current")).toBe("page");
    }
    expect((await calls()).filter((c) => c[0] === "showAsTaskpane").length).toBe(6);
    expect(problems).toEqual([]);
  }, 30_000);

  it("a button whose pane Excel refuses to show: the user gets a dialog saying what to do, the button still completes", async () => {
    const { page, problems, calls } = await open({ config: { showAsTaskpaneFails: true } });
    const completed = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const handlers = (window as unknown as { __ribbonHandlers: Record<string, (e: { completed(): void }) => void> }).__ribbonHandlers;
          handlers["credit.summary"]({ completed: () => resolve(true) });
        }),
    );
    expect(completed).toBe(true);
    const dialogs = (await calls()).filter((c) => c[0] === "displayDialogAsync");
    expect(dialogs).toHaveLength(1);
    const url = new URL(dialogs[0][1] as string);
    expect(url.pathname).toBe("/open-failed.html");
    expect(dialogs[0][2]).toMatchObject({ displayInIframe: true });
    // The error is kept in the console too (the only problem this test expects).
    expect(problems).toEqual([expect.stringMatching(/^console\.error: 打开任务窗格失败（credit\.summary）/)]);

    // The dialog's page: static, Chinese, the 打开任务窗格 button named, readable at a dialog's size.
    const dialog = await session.browser.newPage({ viewport: { width: 480, height: 420 } });
    opened.push(dialog);
    const failed: string[] = [];
    dialog.on("console", (m) => failed.push(m.text()));
    dialog.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await dialog.goto(url.href);
    expect(await dialog.textContent("h2")).toBe("任务窗格没有打开");
    expect(await dialog.textContent("main")).toContain("“打开任务窗格”按钮");
    expect(await dialog.evaluate(() => document.scripts.length)).toBe(0);
    expect(await dialog.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    expect(failed).toEqual([]);
    await dialog.screenshot({ path: join(DOCS, "open-failed.png"), fullPage: true });
  }, 30_000);

  it("a pane loaded after a ribbon click opens at the step the button asked for", async () => {
    const { page } = await open({ override: `sessionStorage.setItem("credit.view", "summary");` });
    expect(await page.textContent("section.view h2")).toBe("生成汇总");
  }, 30_000);
});

describe("核定 in bulk (issue 18)", () => {
  it("at 320 px: progress per unit, 生成核定表 then 更新核定表, 记录核定 lists the rows not recorded one click from their cell, 同意全部无需关注的条款 needs a 核定人", async () => {
    // 50 units as a year of the 考核组 has them: the pane lists what is left per unit; the 已核定 ones folded.
    const units = [
      ...["兴山区", "萝北县", "工农区", "南山区", "向阳区", "东山区", "绥滨县", "东山区矿区"].map((unit, i) => ({ unit, sheet: unit, status: i === 0 ? "有问题" : i < 3 ? "待核定" : "已核定", clauses: 19, verified: i < 3 ? 10 + i : 19, stale: i === 1 ? 1 : 0, attention: i === 0 ? 2 : 0 })),
      ...Array.from({ length: 42 }, (_, i) => ({ unit: `市直部门${i + 1}`, sheet: `市直部门${i + 1}`, status: i < 2 ? "待核定" : "已核定", clauses: 20, verified: i < 2 ? 0 : 20, stale: 0, attention: i === 0 ? 1 : 0 })),
    ];
    const override = `window.__CREDIT_ACTIONS_OVERRIDE__ = {
      async reviewProgress() { return { units: ${JSON.stringify(units)}, hasSheet: !!window.__made, rows: 992, typed: 0, recordProblems: [] }; },
      async makeReviewSheet() { const refreshed = !!window.__made; window.__made = (window.__made || 0) + 1; return { rows: 992, attention: 6, kept: refreshed ? 104 : 0, unmatched: refreshed ? 1 : 0, refreshed, skipped: [] }; },
      async recordReviewSheet(req) {
        window.__recorded = req;
        return { recorded: 102, already: 0, stale: 1, units: ${JSON.stringify(units)}, issues: [
          { row: 7, address: "J7", message: "核定表第 7 行（萝北县 条款 county.1.1.1）：改判须填写核定说明，未记录" },
          { row: 12, address: "J12", message: "核定表第 12 行（工农区 条款 county.2.1.1）：同意自评（李四）是按单位此前的数据作出的，单位的填报数据、是否涉及或佐证材料已改变，需重新核定；这条核定未采用" },
        ] };
      },
      async confirmUnattended(req) { window.__confirmed = req; return { recorded: 886, already: 0, stale: 0, issues: [], units: ${JSON.stringify(units.map((u) => ({ ...u, status: u.attention ? u.status : "已核定", verified: u.attention ? u.verified : u.clauses })))} }; },
      async goToCell(sheet, address) { (window.__went = window.__went || []).push([sheet, address]); },
      async listUnitSheets() { return []; },
    };`;
    const { page, problems } = await open({ override, query: "?view=assess", height: 900 });
    await page.waitForSelector(".progress-counts");
    expect(await page.textContent(".progress-counts")).toBe("共 50 个单位：已核定 45，待核定 4，有问题 1；需重新核定 1 条。");
    // The units with something left, the one with problems first; the 45 已核定 folded.
    expect(await page.locator("ul.units[aria-label='尚未核定完的单位'] li").count()).toBe(5);
    expect(await page.textContent("ul.units li:first-child")).toContain("兴山区有问题需关注 2 条，未核定 9 条");
    expect(await page.textContent(".progress-block details summary")).toBe("已核定的 45 个单位");
    expect(await page.textContent("section.view .msg")).toContain("工作簿中还没有“核定表”");
    await screenshot(page, "assess-bulk");

    await page.click("section.view button:text-is('生成核定表')");
    await page.waitForSelector(".result .msg-ok");
    expect(await page.textContent(".result .msg-ok")).toContain("已生成“核定表”：992 行（每个单位每条条款一行），需关注 6 行排在前面。");
    await page.waitForSelector("section.view button:text-is('更新核定表')");
    await page.click("section.view button:text-is('更新核定表')");
    await page.waitForSelector(".result .msg-ok:has-text('已更新')");
    expect(await page.textContent(".result .msg-ok")).toContain("原核定表中填写的核定已保留（104 行在原处；1 条因单位数据改变或单位不在本次之中，保留在表末“未匹配的核定”中，不会被记录）");

    // 记录核定 with the 核定人 for rows left blank.
    await page.fill("input[name=default-reviewer]", "张三");
    await page.click("section.view button:text-is('记录核定')");
    await page.waitForSelector(".result ul.problems");
    expect(await page.evaluate(() => (window as unknown as { __recorded: unknown }).__recorded)).toEqual({ defaultReviewer: "张三" });
    expect(await page.textContent(".result .msg-error")).toContain("记录核定：已记录 102 条；2 行未记录（其中 1 行需重新核定）。");
    expect(await page.locator(".result ul.problems li").allTextContents()).toEqual([
      expect.stringMatching(/^J7错误核定表第 7 行/),
      expect.stringMatching(/^J12提示核定表第 12 行.*需重新核定/),
    ]);
    await screenshot(page, "assess-bulk-recorded");
    await page.click(".result ul.problems li:first-child button");
    await page.waitForFunction(() => ((window as unknown as { __went?: unknown[] }).__went ?? []).length === 1);
    expect(await page.evaluate(() => (window as unknown as { __went: unknown }).__went)).toEqual([["核定表", "J7"]]);

    // 同意全部无需关注的条款: refused without a 核定人, then recorded in that name.
    await page.fill("input[name=default-reviewer]", "");
    await page.click("section.view button:text-is('同意全部无需关注的条款')");
    expect(await page.textContent("input[name=default-reviewer] + .field-error")).toContain("请填写核定人");
    expect(await page.evaluate(() => (window as unknown as { __confirmed?: unknown }).__confirmed ?? null)).toBeNull();
    await page.fill("input[name=default-reviewer]", "张三");
    await page.click("section.view button:text-is('同意全部无需关注的条款')");
    await page.waitForSelector(".result .msg-ok:has-text('同意自评：已记录 886 条')");
    expect(await page.evaluate(() => (window as unknown as { __confirmed: unknown }).__confirmed)).toEqual({ reviewer: "张三" });
    expect(await page.textContent(".progress-counts")).toBe("共 50 个单位：已核定 48，待核定 1，有问题 1；需重新核定 1 条。");
    await screenshot(page, "assess-bulk-confirmed");
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});
