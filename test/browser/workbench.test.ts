/*
 * The 考核工作台 (dist/workbench.html) in Chromium, as a 信用办 clerk uses it, against the command line:
 * - 生成模板: the zip's files equal `template` 's, part by part;
 * - returned files (filled by name as a unit fills them, and hostile ones) picked; every file listed with
 *   the command line's reasons;
 * - 核定表 and 汇总 (+ the report-only file) downloaded and compared with `review` and `summary`, part by part
 *   (times aside); a filled 核定表 brought back gives the 汇总 of `summary --records` and the 反馈单 of `feedback`;
 *   the 平台数据 sheet is `platform --kind`'s;
 * - nothing leaves the page: every request is a GET of one of the page's own files, no CSP report;
 * - a browser without what the page needs gets the Chinese message; the page works from file:// too.
 * One Chromium for the file; the returned files are made once.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "playwright-core";
import { LIMIT_MESSAGE, readWorkbookBytes } from "../../src/read/index";
import { useInflater } from "../../src/read/zip";
import { cli } from "../helpers/cli";
import { hostileFiles } from "../helpers/hostile";
import { DIST } from "../helpers/paths";
import { returnedFile } from "../review/helpers";
import { browserSession } from "./harness";
import { bytesOf, downloads, openWorkbench, samePackages, type Opened } from "./workbenchPage";

const session = browserSession();
const UNITS = ["兴山区", "向阳区", "工农区"];
let dir: string;

const returns = () => join(dir, "返回");

/** A returns folder made with two units' files, one perfect and one with deductions; gives the folder's writer for more. */
async function returnsFolder(folder: string): Promise<(name: string, bytes: Uint8Array) => void> {
  mkdirSync(folder);
  const write = (name: string, bytes: Uint8Array) => writeFileSync(join(folder, name), bytes);
  write("兴山区-2022-县区.xlsx", await returnedFile("兴山区", "county"));
  write("向阳区-2022-县区.xlsx", await returnedFile("向阳区", "county", { values: { sevenIntoKinds: 2 } }));
  return write;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "workbench-"));
  // Three units' files as units fill them: one perfect, one with deductions, one typing a formula (an 错误 on its cell).
  const write = await returnsFolder(returns());
  write(
    "工农区-2022-县区.xlsx",
    await returnedFile("工农区", "county", {
      edit: (wb) => {
        const ws = wb.worksheets[0];
        const cell = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name.startsWith("CR_IN_"))!;
        const a = /!\$?([A-Z]+)\$?(\d+)$/.exec(cell.ranges[0])!;
        ws.getCell(`${a[1]}${a[2]}`).value = { formula: "0*1", result: 3 } as ExcelJS.CellFormulaValue;
      },
    }),
  );
  // Hostile or stray files a returns folder holds.
  write("南山区-2022-县区.xlsx", await returnedFile("兴安区", "county")); // made out as another unit
  write("损坏.xlsx", Buffer.from("这不是一个 Excel 文件"));
  write("萝北县-2022-县区.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
  write("~$兴山区-2022-县区.xlsx", Buffer.from("lock"));
  write("说明.pdf", Buffer.from("%PDF-1.4"));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const returnFiles = () => readdirSync(returns()).map((f) => join(returns(), f));

describe("考核工作台 over http (dist/ served as deployed)", () => {
  let o: Opened;
  beforeAll(async () => {
    o = await openWorkbench(session, `${session.server.base}/workbench.html`);
  }, 60_000);
  afterAll(async () => o?.page.close());

  it("生成模板: one file per unit in a zip, each the command line's template, part by part", async () => {
    await o.page.fill("textarea[name=units]", UNITS.join("\n"));
    const [zip] = await downloads(o.page, "#wb-make-templates", 1, "#wb-templates-out .wb-msg");
    expect(zip.suggestedFilename()).toBe("考核模板-2022-县区.zip");
    const files = unzipSync(await bytesOf(zip));
    expect(Object.keys(files).sort()).toEqual(UNITS.map((u) => `${u}-2022-县区.xlsx`).sort());
    const out = join(dir, "模板");
    expect((await cli("template", "--year", "2022", "--kind", "county", "--units", UNITS.join(","), "--out", out)).code).toBe(0);
    for (const u of UNITS) samePackages(files[`${u}-2022-县区.xlsx`], join(out, `${u}-2022-县区.xlsx`));
  }, 120_000);

  it("returned files picked: each listed with the command line's reasons", async () => {
    await o.page.setInputFiles("#wb-returns-input", returnFiles());
    await o.page.waitForSelector("#wb-returns-out .wb-msg", { timeout: 60_000 });
    const rows = await o.page.$$eval("#wb-outcomes tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
    const byFile = new Map(rows.map((r) => [r[0], { state: r[1], units: r[2], reasons: r[3] }]));
    expect([...byFile.keys()].sort()).toEqual(readdirSync(returns()).sort());
    const json = await cli("summary", returns(), "--year", "2022", "--json");
    const data = JSON.parse(json.out) as { problems: { message: string; severity: string; source?: string }[] };
    expect(byFile.get("兴山区-2022-县区.xlsx")).toMatchObject({ state: "已读取", units: "兴山区（县区） 自评 100" });
    expect(byFile.get("向阳区-2022-县区.xlsx")!.state).toBe("已读取");
    expect(byFile.get("工农区-2022-县区.xlsx")!.reasons).toMatch(/填写的是公式/);
    expect(byFile.get("南山区-2022-县区.xlsx")!.state).toBe("未认定");
    expect(byFile.get("损坏.xlsx")).toMatchObject({ state: "未读取" });
    expect(byFile.get("萝北县-2022-县区.xls")).toMatchObject({ state: "未读取" });
    expect(byFile.get("~$兴山区-2022-县区.xlsx")).toMatchObject({ state: "已跳过" });
    expect(byFile.get("说明.pdf")).toMatchObject({ state: "已跳过" });
    // The command line's words, file by file: every problem its summary lists for a file is on that file's row.
    const listed = data.problems.filter((p) => p.source);
    expect(listed.length).toBeGreaterThan(5);
    for (const p of listed) expect({ file: p.source, reasons: byFile.get(p.source!)!.reasons.includes(p.message) }).toEqual({ file: p.source, reasons: true });
  }, 120_000);

  it("核定表 and 汇总: the command line's files, part by part (times aside); a filled 核定表 brought back gives summary --records' 汇总", async () => {
    const [review] = await downloads(o.page, "#wb-make-review", 1, "#wb-review-out .wb-msg");
    expect((await cli("review", returns(), "--year", "2022", "--out", join(dir, "cli-核定表.xlsx"))).code).toBe(1); // notes: the hostile files
    samePackages(await bytesOf(review), join(dir, "cli-核定表.xlsx"));

    expect((await cli("summary", returns(), "--year", "2022", "--out", join(dir, "cli-汇总.xlsx"))).code).toBe(1);
    const [full, report] = await downloads(o.page, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    expect([full.suggestedFilename(), report.suggestedFilename()]).toEqual(["汇总-2022.xlsx", "汇总-2022-报送.xlsx"]);
    samePackages(await bytesOf(full), join(dir, "cli-汇总.xlsx"));
    samePackages(await bytesOf(report), join(dir, "cli-汇总-报送.xlsx"));

    // The 考核组 fills the 核定表 (every row 同意自评, by 张三) and brings it back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "cli-核定表.xlsx"));
    const ws = wb.worksheets[0];
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && row.values && (row.values as unknown[]).includes("核定")) header = r;
    });
    const cols = new Map<string, number>();
    ws.getRow(header).eachCell((c, k) => cols.set(String(c.value), k));
    let filled = 0;
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const unit = ws.getCell(r, cols.get("单位")!).value;
      if (unit !== "兴山区") continue;
      ws.getCell(r, cols.get("核定")!).value = "同意自评";
      ws.getCell(r, cols.get("核定人")!).value = "张三";
      filled++;
    }
    expect(filled).toBeGreaterThan(10);
    const filledFile = join(dir, "核定表-已填.xlsx");
    await wb.xlsx.writeFile(filledFile);
    await o.page.setInputFiles("#wb-records-input", filledFile);
    await o.page.waitForSelector("#wb-records-out .wb-msg.ok");
    expect(await o.page.textContent("#wb-records-out")).toContain("“核定表-已填.xlsx”的核定表（");
    const [full2] = await downloads(o.page, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    await cli("summary", returns(), "--year", "2022", "--records", filledFile, "--out", join(dir, "cli-汇总2.xlsx"));
    samePackages(await bytesOf(full2), join(dir, "cli-汇总2.xlsx"));

    // 结果反馈单 after the 核定: one file per unit, each the command line's feedback file.
    await o.page.fill("#wb-fb-date", "2022-12-28");
    await o.page.fill("#wb-fb-contact", "张三");
    const [fb] = await downloads(o.page, "#wb-make-feedback", 1, "#wb-feedback-out .wb-msg");
    const out = join(dir, "反馈");
    await cli("feedback", returns(), "--year", "2022", "--records", filledFile, "--date", "2022-12-28", "--contact", "张三", "--out", out);
    const sheets = unzipSync(await bytesOf(fb));
    expect(Object.keys(sheets).sort()).toEqual(readdirSync(out).sort());
    expect(Object.keys(sheets).length).toBe(3);
    for (const f of readdirSync(out)) samePackages(sheets[f], join(out, f));
  }, 180_000);

  it("nothing leaves the page: every request a GET of the page's own files, no body, no CSP report, no error", async () => {
    const own = new Set(readdirSync(DIST).concat(readdirSync(join(DIST, "assets")).map((f) => `assets/${f}`)));
    const bad = o.requests.filter((r) => {
      const m = /^GET (.*)$/.exec(r);
      if (!m || r.includes(" body ")) return true;
      if (m[1].startsWith("blob:")) return false; // the downloads the page offers, made in the page
      return !(m[1].startsWith(`${session.server.base}/`) && own.has(m[1].slice(session.server.base.length + 1)));
    });
    expect(bad).toEqual([]);
    expect(o.requests.length).toBeGreaterThan(5);
    expect(await o.violations()).toEqual([]);
    expect(o.problems).toEqual([]);
    await o.page.screenshot({ path: join(dir, "..", "workbench-1366.png"), fullPage: false });
  });
});

describe("考核工作台 elsewhere", () => {
  it("opened from a local folder (file://): the steps run without a server (no worker: files read on the page)", async () => {
    const o = await openWorkbench(session, `file://${join(DIST, "workbench.html")}`);
    try {
      await o.page.selectOption("select[name=platform-kind]", "county");
      const [d] = await downloads(o.page, "#wb-make-platform", 1, "#wb-platform-out .wb-msg");
      expect((await cli("platform", "--year", "2022", "--kind", "county", "--out", join(dir, "cli-平台数据.xlsx"))).code).toBe(0);
      samePackages(await bytesOf(d), join(dir, "cli-平台数据.xlsx"));
      await o.page.setInputFiles("#wb-returns-input", [join(returns(), "兴山区-2022-县区.xlsx")]);
      await o.page.waitForSelector("#wb-returns-out .wb-msg");
      expect(await o.page.textContent("#wb-outcomes")).toContain("兴山区（县区） 自评 100");
      expect(await o.violations()).toEqual([]);
      expect(o.problems).toEqual([]);
    } finally {
      await o.page.close();
    }
  }, 120_000);

  it.each([
    ["cannot parse ES2020", "ES2020"],
    ["has no Blob.arrayBuffer", "File.arrayBuffer"],
  ])("a browser that %s: the Chinese message, the page hidden, no error", async (_what, named) => {
    const o = await openWorkbench(session, 
      `${session.server.base}/workbench.html`,
      (p) =>
        named === "ES2020"
          ? p.route("**/engine-probe.js", (r) => r.fulfill({ contentType: "text/javascript", body: "window.x = a?.b ?? @;" }))
          : p.addInitScript(() => delete (Blob.prototype as { arrayBuffer?: unknown }).arrayBuffer),
      "html[data-engine=old]",
    );
    try {
      await o.page.waitForSelector("#wb-status[data-old-engine=shown]", { state: "attached" });
      const text = await o.page.textContent("#wb-status");
      expect(text).toMatch(/浏览器版本过旧[\s\S]*Edge[\s\S]*极速模式/);
      expect(text).toContain(`缺少：${named}`);
      expect(await o.page.isVisible("#wb-main")).toBe(false);
      expect(await o.violations()).toEqual([]);
      expect(o.problems.filter((p) => !(named === "ES2020" && p.startsWith("pageerror")))).toEqual([]);
    } finally {
      await o.page.close();
    }
  }, 60_000);
});

describe("考核工作台's readers (Web Workers, src/workbench/pool.ts)", () => {
  let poolDir: string;
  const poolFiles = () => readdirSync(poolDir).map((f) => join(poolDir, f));
  beforeAll(async () => {
    poolDir = join(dir, "并行");
    const write = await returnsFolder(poolDir);
    // Saved again by a program that changed the defined names' case (LibreOffice may): names compare without case.
    write(
      "工农区-2022-县区.xlsx",
      await returnedFile("工农区", "county", {
        edit: (wb) => {
          const model = wb.definedNames.model as { name: string; ranges: string[] }[];
          wb.definedNames.model = model.map((d) => ({ ...d, name: d.name.toLowerCase() }));
        },
      }),
    );
    write("损坏.xlsx", Buffer.from("这不是一个 Excel 文件"));
  }, 120_000);

  /** Every file's row of the outcome table, and the 汇总's two files. */
  async function readAndSummarise(url: string, files: string[]): Promise<{ rows: string[][]; full: Uint8Array; report: Uint8Array; workers: number }> {
    const o = await openWorkbench(session, url);
    let workers = 0;
    o.page.on("worker", () => workers++);
    try {
      await o.page.setInputFiles("#wb-returns-input", files);
      await o.page.waitForSelector("#wb-returns:not([data-busy]) #wb-returns-out .wb-msg", { timeout: 60_000 });
      const rows = await o.page.$$eval("#wb-outcomes tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
      const [full, report] = await downloads(o.page, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
      expect(o.problems).toEqual([]);
      return { rows, full: await bytesOf(full), report: await bytesOf(report), workers };
    } finally {
      await o.page.close();
    }
  }

  it("read on workers (http) and on the page's thread (file://): the same outcome for every file and the same 汇总, part by part", async () => {
    const pooled = await readAndSummarise(`${session.server.base}/workbench.html`, poolFiles());
    const inPage = await readAndSummarise(`file://${join(DIST, "workbench.html")}`, poolFiles());
    expect(pooled.workers).toBeGreaterThan(0);
    expect(inPage.workers).toBe(0);
    expect(pooled.rows).toEqual(inPage.rows);
    // The re-cased file is the command line's 工农区 (a worker's reading keeps names compared without case).
    expect(pooled.rows.find((r) => r[0] === "工农区-2022-县区.xlsx")!.slice(1, 3)).toEqual(["已读取", "工农区（县区） 自评 100"]);
    expect(pooled.rows.find((r) => r[0] === "损坏.xlsx")![1]).toBe("未读取");
    const out = join(dir, "并行-cli-汇总.xlsx");
    expect((await cli("summary", poolDir, "--year", "2022", "--out", out)).code).toBe(1); // 损坏.xlsx
    samePackages(pooled.full, out);
    samePackages(inPage.full, out);
    samePackages(pooled.report, join(dir, "并行-cli-汇总-报送.xlsx"));
  }, 180_000);

  it("取消 while reading: every worker is stopped at once (not left to finish its files), and the page says so", async () => {
    const many = join(dir, "许多");
    mkdirSync(many);
    const bytes = readFileSync(join(poolDir, "兴山区-2022-县区.xlsx"));
    for (let i = 0; i < 200; i++) writeFileSync(join(many, `兴山区-${i}.xlsx`), bytes);
    const o = await openWorkbench(session, `${session.server.base}/workbench.html`);
    try {
      const started: Worker[] = [];
      const first = new Promise<void>((resolve) =>
        o.page.on("worker", (w) => {
          started.push(w);
          resolve();
        }),
      );
      await o.page.setInputFiles("#wb-returns-input", readdirSync(many).map((f) => join(many, f)));
      await first;
      await o.page.click("#wb-returns .wb-progress button");
      await o.page.waitForSelector("#wb-returns:not([data-busy]) #wb-returns-out .wb-msg", { timeout: 60_000 });
      const left = /已取消：已读取 \d+ 个文件，还有 (\d+) 个未读取/.exec((await o.page.textContent("#wb-returns-out")) ?? "");
      expect(Number(left?.[1])).toBeGreaterThan(0);
      // Terminated, not left to finish their files: Chromium reports each worker closed.
      for (let i = 0; i < 100 && o.page.workers().length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(o.page.workers().length).toBe(0);
      expect(started.length).toBeGreaterThan(0);
      expect(o.problems).toEqual([]);
    } finally {
      await o.page.close();
    }
  }, 120_000);

  it("hostile files on the workers: each zip bomb, lying part, huge directory and a file over 64 MB refused with the reader's own Chinese reason", async () => {
    const bad = join(dir, "恶意");
    mkdirSync(bad);
    // The page inflates with fflate (the command line with Node's zlib, whose words for a lying size differ): its reasons are fflate's.
    useInflater("fflate");
    const expected: [string, string][] = [];
    try {
      hostileFiles(await returnedFile("兴山区", "county"))
        .filter((h) => h.expect === "refused")
        .forEach((h, i) => {
          const name = `恶意${String(i).padStart(2, "0")}.xlsx`;
          writeFileSync(join(bad, name), h.file);
          try {
            readWorkbookBytes(h.file);
            expected.push([name, "read"]);
          } catch (e) {
            // The million rows may pass the time bound before the cell bound on a loaded machine: its reason is only LIMIT_MESSAGE's.
            expected.push([name, h.name.includes("10^6") ? LIMIT_MESSAGE : (e as Error).message]);
          }
        });
    } finally {
      useInflater("native");
    }
    const huge = join(bad, "巨大.xlsx");
    const fd = openSync(huge, "w");
    ftruncateSync(fd, 65 * 1048576); // sparse: over the 64 MB a returned file may be, refused before it is read
    closeSync(fd);
    expected.push(["巨大.xlsx", `${LIMIT_MESSAGE}（文件 65 MB，超过 64 MB）`]);
    const o = await openWorkbench(session, `${session.server.base}/workbench.html`);
    try {
      await o.page.setInputFiles("#wb-returns-input", readdirSync(bad).map((f) => join(bad, f)));
      await o.page.waitForSelector("#wb-returns:not([data-busy]) #wb-returns-out .wb-msg", { timeout: 120_000 });
      const rows = await o.page.$$eval("#wb-outcomes tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
      expect(expected.length).toBeGreaterThanOrEqual(8);
      for (const [name, message] of expected) {
        const row = rows.find((r) => r[0] === name)!;
        expect([name, row[1]]).toEqual([name, "未读取"]);
        // The 汇总's words: 文件“name”, then the reader's reason without its leading 文件.
        expect(row[3]).toContain(`文件“${name}”${message.replace(/^文件/, "")}`);
      }
      expect(o.problems).toEqual([]);
    } finally {
      await o.page.close();
    }
  }, 180_000);

  it("a worker that dies on a file: that file is listed with a Chinese reason naming it, the others are read", async () => {
    const victimName = "向阳区-2022-县区.xlsx";
    const victim = readFileSync(join(poolDir, victimName));
    const o = await openWorkbench(session, `${session.server.base}/workbench.html`, (p) =>
      p.route("**/workbench-reader.js", async (route) => {
        const original = readFileSync(join(DIST, "workbench-reader.js"), "utf8");
        // The reader's own script, then an uncaught error (as a crash) where it would answer for the victim: the
        // files before it in its batch answered, the victim the oldest it holds. Files come in batches (pool.ts).
        const dies = `;(function(){var victims={};var read=self.onmessage;self.onmessage=function(e){var d=e.data;if(d&&d.files)for(var i=0;i<d.files.length;i++)if(d.files[i].size===${victim.length}&&d.files[i].name===${JSON.stringify(victimName)})victims[d.ids[i]]=1;return read.call(self,e);};var post=self.postMessage.bind(self);self.postMessage=function(m){if(m&&victims[m.id]){setTimeout(function(){throw new Error("崩溃");});return;}return post(m);};})();`;
        await route.fulfill({ contentType: "text/javascript", body: original + dies });
      }),
    );
    try {
      await o.page.setInputFiles("#wb-returns-input", poolFiles());
      await o.page.waitForSelector("#wb-returns:not([data-busy]) #wb-returns-out .wb-msg", { timeout: 60_000 });
      const rows = await o.page.$$eval("#wb-outcomes tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")));
      const row = (f: string) => rows.find((r) => r[0] === f)!;
      expect(row("向阳区-2022-县区.xlsx")[1]).toBe("未读取");
      expect(row("向阳区-2022-县区.xlsx")[3]).toContain("读取文件“向阳区-2022-县区.xlsx”时后台读取线程意外停止");
      expect(row("兴山区-2022-县区.xlsx").slice(1, 3)).toEqual(["已读取", "兴山区（县区） 自评 100"]);
      expect(row("工农区-2022-县区.xlsx")[1]).toBe("已读取");
      expect(o.problems.filter((p) => !p.includes("崩溃"))).toEqual([]);
    } finally {
      await o.page.close();
    }
  }, 120_000);
});
