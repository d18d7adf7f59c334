/*
 * The 考核工作台's steps that follow the command line's options (issue 24), in Chromium at desktop width, each
 * download compared with the command line's file for the same inputs, part by part (times aside):
 * - 平台数据 brought back (`--platform`): its unknown unit names and bad figures listed with the command line's
 *   reasons; the 平台比对 lines `platform --check` prints; the 核定表 of `review --platform`, the 汇总 of `summary --platform`;
 * - the office's 市直部门 list (`--departments`): the 核定表 and the 汇总 (未报送单位) the command line makes with it;
 * - a filled 核定表 brought back and the 核定表 made anew after late and corrected returns: `review --records` over
 *   that 核定表 (typed decisions kept on their rows, changed ones under 未匹配的核定); a 核定表 with a row that
 *   cannot be carried (a formula) refused as the command line refuses;
 * - a folder picked or dropped (one level: its subfolders listed as 错误, as the command line lists them);
 * - 取消 in a long step: nothing downloaded, what was kept said, 继续读取 reads the rest and never a file twice.
 * Screenshots of each new state go to .test-output/workbench/.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expectedUnits } from "../../src/core/index";
import { columnOf, reviewColumns, type ColumnKey } from "../../src/review/reviewSheet";
import { REVIEW_ROWS } from "../../src/review/reviewSheetGrid";
import { cli } from "../helpers/cli";
import { editPlatformFile } from "../helpers/platformFile";
import { returnedFile } from "../review/helpers";
import { browserSession } from "./harness";
import { bytesOf, downloads, openWorkbench, samePackages, type Opened } from "./workbenchPage";

const session = browserSession();
const SHOTS = join(__dirname, "..", "..", ".test-output", "workbench");
const DEPARTMENTS = expectedUnits(2022).department;
let dir: string;
const at = (...p: string[]) => join(dir, ...p);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "workbench-steps-"));
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(at("返回"));
  // Every county unit reports 入驻信易贷 5,000 / 20,000 户 (25%); one 市直部门 returns.
  for (const unit of ["兴山区", "向阳区", "工农区"]) writeFileSync(at("返回", `${unit}-2022-县区.xlsx`), await returnedFile(unit, "county"));
  writeFileSync(at("返回", `${DEPARTMENTS[0]}-2022-市直部门.xlsx`), await returnedFile(DEPARTMENTS[0], "department"));
  // The office's 市直部门 list this year: two of the year's and a new one (neither of those returned).
  writeFileSync(at("名单.txt"), [DEPARTMENTS[0], DEPARTMENTS[1], "市数据局"].join("\n") + "\n");
  // The 平台数据 as an office fills it: pasted figures with spaces and full-width digits; hostile names and figures.
  expect((await cli("platform", "--kind", "county", "--year", "2022", "--out", at("平台数据.xlsx"))).code).toBe(0);
  await editPlatformFile(at("平台数据.xlsx"), ({ put, ws, rowOf }) => {
    put("兴山区", { "已入驻“信易贷”平台的市场主体数": " 1,200 ", 本辖区市场主体总量: "１２，０００" }, "2022-12-20");
    put("向阳区", { "已入驻“信易贷”平台的市场主体数": 5000, 本辖区市场主体总量: "20000 " });
    put("工农区", { "已入驻“信易贷”平台的市场主体数": "很多", 本辖区市场主体总量: 20000 });
    put("东山区", { "已入驻“信易贷”平台的市场主体数": 900, 本辖区市场主体总量: 9000 });
    ws.getCell(rowOf("向阳区"), 2).value = "向\u200b阳区"; // an invisible character: still 向阳区
    ws.getCell(rowOf("东山区"), 2).value = "鹤岗市东山区"; // not a member's name: listed, never guessed
    ws.getCell(rowOf("南山区"), 2).value = "山区"; // resembles several members: listed
  });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = () => o.page;
let o: Opened;
beforeEach(async () => {
  o = await openWorkbench(session, `${session.server.base}/workbench.html`);
});
afterEach(async () => {
  expect(await o.violations()).toEqual([]);
  expect(o.problems).toEqual([]);
  await o.page.close();
});

/** Picks returned files and waits for the step's outcome. */
async function pickReturns(p: Page, files: string[]): Promise<void> {
  await p.setInputFiles("#wb-returns-input", files);
  await p.waitForSelector("#wb-returns-out .wb-msg", { timeout: 60_000 });
}

/** The outcome table: file → [结果, 单位与自评得分, 原因与问题]. */
async function outcomes(p: Page): Promise<Map<string, { state: string; units: string; reasons: string[] }>> {
  const rows = await p.$$eval("#wb-outcomes tbody tr", (trs) =>
    trs.map((tr) => {
      const td = Array.from(tr.querySelectorAll("td"));
      return { file: td[0].textContent ?? "", state: td[1].textContent ?? "", units: td[2].textContent ?? "", reasons: Array.from(td[3].querySelectorAll("li")).map((li) => li.textContent ?? "") };
    }),
  );
  return new Map(rows.map((r) => [r.file, r]));
}

/** Every problem the command line's summary lists for a file, on that file's row of the page. */
async function sameReasonsAsCli(p: Page, args: string[]): Promise<void> {
  const json = JSON.parse((await cli("summary", ...args, "--year", "2022", "--json")).out) as { problems: { message: string; severity: string; source?: string }[] };
  const byFile = await outcomes(p);
  const listed = json.problems.filter((x) => x.source);
  expect(listed.length).toBeGreaterThan(0);
  for (const x of listed) expect({ file: x.source, on: byFile.get(x.source!)?.reasons.includes(`[${x.severity}] ${x.message}`) }).toEqual({ file: x.source, on: true });
}

const shot = (name: string) => page().screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe("平台数据 brought back (--platform)", () => {
  it("its unknown names and bad figures listed with the command line's reasons; 平台比对 as platform --check prints it; the 核定表 and the 汇总 of --platform", async () => {
    const p = page();
    await pickReturns(p, readdirSync(at("返回")).filter((f) => f.includes("县区")).map((f) => at("返回", f)));
    await p.setInputFiles("#wb-platform-input", at("平台数据.xlsx"));
    await p.waitForSelector("#wb-platform-back-out .wb-msg");
    const shown = (await p.textContent("#wb-platform-back-out"))!;
    // The command line's reading of the same file: each unknown name and each problem, in its words.
    const read = await cli("platform", at("平台数据.xlsx"), "--year", "2022");
    expect(read.code).toBe(1);
    const cliLines = read.out.split("\n").map((l) => l.trim()).filter((l) => /^[A-Z]+\d+：|^\[(错误|提示)\]/.test(l));
    expect(cliLines.length).toBeGreaterThanOrEqual(3);
    for (const l of cliLines) expect({ line: l, shown: shown.includes(l) }).toEqual({ line: l, shown: true });
    expect(shown).toMatch(/鹤岗市东山区/);
    expect(shown).toMatch(/很多/);

    // 平台比对: the lines platform --check prints for the same files.
    await p.click("#wb-platform-check");
    await p.waitForSelector("#wb-crosscheck");
    const check = await cli("platform", at("平台数据.xlsx"), "--check", at("返回"), "--year", "2022");
    const cliRows = check.out.split("\n").filter((l) => /^ {2}\S.*【|^ {4}核定说明：/.test(l));
    expect(cliRows.length).toBeGreaterThanOrEqual(2);
    expect((await p.textContent("#wb-crosscheck"))!.split("\n")).toEqual(cliRows);
    expect(await p.textContent("#wb-platform-back-out")).toContain("平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10.0%，低于 20%，扣 10 分");
    await shot("platform-back");

    // The 核定表 made with it: review --platform's, part by part.
    const [sheet] = await downloads(p, "#wb-make-review", 1, "#wb-review-out .wb-msg");
    const dept = join(dir, "名单-年度.txt");
    writeFileSync(dept, DEPARTMENTS.join("\n"));
    const county = at("返回-县区");
    mkdirSync(county, { recursive: true });
    for (const f of readdirSync(at("返回")).filter((f) => f.includes("县区"))) copyFileSync(at("返回", f), join(county, f));
    expect((await cli("review", county, "--platform", at("平台数据.xlsx"), "--year", "2022", "--out", at("cli-核定表-平台.xlsx"))).code).toBe(0);
    samePackages(await bytesOf(sheet), at("cli-核定表-平台.xlsx"));
    expect(await p.textContent("#wb-review-out")).toContain("有平台调阅数据的条款");
    await shot("review-platform");

    // The 考核组 picks 按平台数据 on the row that differs; the 汇总 applies it as summary --records --platform does.
    const filled = at("核定表-平台-已填.xlsx");
    await fillSheet(at("cli-核定表-平台.xlsx"), filled, reviewColumns(true), (unit, clause) => (unit === "兴山区" && clause === "county.2.1.1" ? { choice: "按平台数据", reviewer: "张三" } : undefined));
    await p.setInputFiles("#wb-records-input", filled);
    await p.waitForSelector("#wb-records-out .wb-msg.ok");
    const [full, report] = await downloads(p, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    await cli("summary", county, "--records", filled, "--platform", at("平台数据.xlsx"), "--year", "2022", "--out", at("cli-汇总-平台.xlsx"));
    samePackages(await bytesOf(full), at("cli-汇总-平台.xlsx"));
    samePackages(await bytesOf(report), at("cli-汇总-平台-报送.xlsx"));
    // The 反馈单 too: feedback --records --platform's files, one per unit.
    await p.fill("#wb-fb-date", "2022-12-28");
    const [fb] = await downloads(p, "#wb-make-feedback", 1, "#wb-feedback-out .wb-msg");
    await cli("feedback", county, "--records", filled, "--platform", at("平台数据.xlsx"), "--year", "2022", "--date", "2022-12-28", "--out", at("cli-反馈-平台"));
    const sheets = unzipSync(await bytesOf(fb));
    expect(Object.keys(sheets).sort()).toEqual(readdirSync(at("cli-反馈-平台")).sort());
    for (const f of readdirSync(at("cli-反馈-平台"))) samePackages(sheets[f], at("cli-反馈-平台", f));
  }, 240_000);

  it("a file that is not 平台数据, and two sheets for one kind: refused with the reason, nothing used", async () => {
    const p = page();
    const notPlatform = at("返回", "兴山区-2022-县区.xlsx");
    await p.setInputFiles("#wb-platform-input", notPlatform);
    await p.waitForSelector("#wb-platform-back-out .wb-msg.err");
    expect(await p.textContent("#wb-platform-back-out")).toContain("文件“兴山区-2022-县区.xlsx”中没有平台数据工作表");
    const cliSays = await cli("review", at("返回"), "--platform", notPlatform, "--year", "2022", "--out", at("x.xlsx"));
    expect(cliSays.code).toBe(2);
    expect(cliSays.err).toContain("中没有平台数据工作表");
    expect(await p.textContent("#wb-status")).not.toContain("采用平台数据");
  }, 60_000);
});

describe("the office's 市直部门 list (--departments)", () => {
  it("核定表 and 汇总 name the expected 市直部门 that did not return, as the command line's with --departments", async () => {
    const p = page();
    await p.click("#wb-departments-box summary");
    await p.fill("#wb-departments", readFileSync(at("名单.txt"), "utf8"));
    await p.dispatchEvent("#wb-departments", "change");
    await p.waitForSelector("#wb-departments-out .wb-msg.ok");
    expect(await p.textContent("#wb-departments-box summary")).toContain("共 3 个");
    // 生成模板 for 市直部门 offers the same list (template --kind department --units …).
    await p.selectOption("select[name=kind]", "department");
    expect(await p.inputValue("textarea[name=units]")).toBe([DEPARTMENTS[0], DEPARTMENTS[1], "市数据局"].join("\n"));
    await pickReturns(p, readdirSync(at("返回")).map((f) => at("返回", f)));
    await shot("departments");
    const [sheet] = await downloads(p, "#wb-make-review", 1, "#wb-review-out .wb-msg");
    expect((await cli("review", at("返回"), "--departments", at("名单.txt"), "--year", "2022", "--out", at("cli-核定表-名单.xlsx"))).code).toBe(0);
    samePackages(await bytesOf(sheet), at("cli-核定表-名单.xlsx"));
    const [full, report] = await downloads(p, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    await cli("summary", at("返回"), "--departments", at("名单.txt"), "--year", "2022", "--out", at("cli-汇总-名单.xlsx"));
    samePackages(await bytesOf(full), at("cli-汇总-名单.xlsx"));
    samePackages(await bytesOf(report), at("cli-汇总-名单-报送.xlsx"));
    // The list is what the page says: 市直部门 已返回 1/3, and the two that did not return named.
    expect(await p.textContent("#wb-ranking")).toContain("市直部门：已返回 1/3");
    const text = await reportText(at("cli-汇总-名单.xlsx"));
    expect(text).toMatch(/未报送单位/);
    expect(text).toContain(DEPARTMENTS[1]);
    expect(text).toContain("市数据局");
    // The 平台数据 template lists the same members (platform --kind department --departments).
    await p.selectOption("select[name=platform-kind]", "department");
    const [plat] = await downloads(p, "#wb-make-platform", 1, "#wb-platform-out .wb-msg");
    expect((await cli("platform", "--kind", "department", "--departments", at("名单.txt"), "--year", "2022", "--out", at("cli-平台数据-名单.xlsx"))).code).toBe(0);
    samePackages(await bytesOf(plat), at("cli-平台数据-名单.xlsx"));
  }, 240_000);
});

describe("decisions carried into a 核定表 made anew", () => {
  it("after late and corrected returns: the earlier decisions on their rows, the changed one under 未匹配的核定 — review --records over the filled 核定表", async () => {
    const p = page();
    const first = at("第一批");
    mkdirSync(first);
    for (const u of ["兴山区", "向阳区"]) copyFileSync(at("返回", `${u}-2022-县区.xlsx`), join(first, `${u}-2022-县区.xlsx`));
    await pickReturns(p, readdirSync(first).map((f) => join(first, f)));
    const [sheet] = await downloads(p, "#wb-make-review", 1, "#wb-review-out .wb-msg");
    const made = at("核定表-第一次.xlsx");
    writeFileSync(made, await bytesOf(sheet));
    // The 考核组 agrees with every 兴山区 row, and decides one 向阳区 row differently.
    const filled = at("核定表-第一次-已填.xlsx");
    await fillSheet(made, filled, reviewColumns(false), (unit, clause) =>
      unit === "兴山区" ? { choice: "同意自评", reviewer: "张三" } : clause === "county.2.1.1" ? { choice: "改判", deduction: 5, reason: "抽查入驻数据不实", reviewer: "李四" } : undefined,
    );
    await p.setInputFiles("#wb-records-input", filled);
    await p.waitForSelector("#wb-records-out .wb-msg.ok");
    // Late: 工农区 returns; corrected: 向阳区 sends its 信易贷 figures again (the 改判 was made on the old ones).
    const second = at("第二批");
    mkdirSync(second);
    copyFileSync(at("返回", "兴山区-2022-县区.xlsx"), join(second, "兴山区-2022-县区.xlsx"));
    copyFileSync(at("返回", "工农区-2022-县区.xlsx"), join(second, "工农区-2022-县区.xlsx"));
    writeFileSync(join(second, "向阳区-2022-县区.xlsx"), await returnedFile("向阳区", "county", { values: { xydEntered: 3000 } }));
    await pickReturns(p, [join(second, "工农区-2022-县区.xlsx"), join(second, "向阳区-2022-县区.xlsx")]);
    const [again] = await downloads(p, "#wb-make-review", 1, "#wb-review-out .wb-msg");
    // The command line: the filled 核定表 made anew over itself (kept on its rows), its decisions the records.
    const cliOut = at("cli-核定表-第二次.xlsx");
    copyFileSync(filled, cliOut);
    const r = await cli("review", second, "--records", filled, "--year", "2022", "--out", cliOut);
    expect(r.code).toBe(0);
    samePackages(await bytesOf(again), cliOut);
    expect(r.out).toMatch(/沿用已有核定表中填写的核定 \d+ 行/);
    expect(r.out).toMatch(/未匹配的核定 1 条/);
    const said = (await p.textContent("#wb-review-out"))!;
    expect(said).toContain(r.out.match(/沿用已有核定表中填写的核定 \d+ 行/)![0]);
    expect(said).toContain("未匹配的核定 1 条");
    await shot("review-carried");
  }, 240_000);

  it("a forged or broken 核定表 brought back: its rows listed with their reasons, and no new 核定表 made over a row it cannot carry", async () => {
    const p = page();
    await pickReturns(p, [at("返回", "兴山区-2022-县区.xlsx")]);
    const [sheet] = await downloads(p, "#wb-make-review", 1, "#wb-review-out .wb-msg");
    const made = at("核定表-伪造.xlsx");
    writeFileSync(made, await bytesOf(sheet));
    // A unit's forgery: a formula where a decision goes, a deduction beyond the clause's, a row for a unit that did not return.
    const forged = at("核定表-伪造-已填.xlsx");
    await fillSheet(made, forged, reviewColumns(false), (unit, clause, row) =>
      clause === "county.1.1.1" ? { choice: "改判", deduction: { formula: "0*1", result: 0 }, reason: "照顾", reviewer: "某人" } : clause === "county.1.1.2" ? { choice: "改判", deduction: 99, reason: "多扣", reviewer: "某人" } : row === 0 ? { keyUnit: "南山区", choice: "同意自评", reviewer: "某人" } : undefined,
    );
    await p.setInputFiles("#wb-records-input", forged);
    await p.waitForSelector("#wb-records-out .wb-msg");
    // The file's own problems (the formula row) listed where it is brought back; the rows' mistakes (a deduction
    // beyond the clause's, a unit that did not return) in the 汇总's 工作记录, as summary --records writes it.
    expect(await p.textContent("#wb-records-out")).toMatch(/核定表“核定表-伪造-已填\.xlsx”：“核定表”[A-Z]+\d+ 是公式（=0\*1）/);
    // …and the unit's file, listed again, carries the command line's words for the decision beyond the clause's deduction.
    await p.waitForFunction(() => /核定扣分 99 超过本条扣分/.test(document.getElementById("wb-outcomes")?.textContent ?? ""));
    await sameReasonsAsCli(p, [at("返回", "兴山区-2022-县区.xlsx"), "--records", forged]);
    expect(await p.textContent("#wb-returns-out")).toContain("其中 1 个文件有须改正的问题");
    const [full] = await downloads(p, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    await cli("summary", at("返回", "兴山区-2022-县区.xlsx"), "--records", forged, "--year", "2022", "--out", at("cli-汇总-伪造.xlsx"));
    samePackages(await bytesOf(full), at("cli-汇总-伪造.xlsx"));
    const log = await reportText(at("cli-汇总-伪造.xlsx"), "工作记录");
    expect(log).toMatch(/核定扣分 99 超过本条扣分/);
    expect(log).toMatch(/是公式/);
    // Made anew over it, the formula row would be lost: refused, as review --out over that file refuses.
    await p.click("#wb-make-review");
    await p.waitForSelector("#wb-review-out .wb-msg.err");
    expect(await p.textContent("#wb-review-out")).toMatch(/核定表-伪造-已填\.xlsx”中有填写的核定无法带到新表，为免丢失未生成：.*是公式/);
    const over = at("cli-over.xlsx");
    copyFileSync(forged, over);
    const refused = await cli("review", at("返回", "兴山区-2022-县区.xlsx"), "--year", "2022", "--out", over);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/有填写的核定无法带到新表，为免丢失未写入/);
    await shot("review-forged");
  }, 180_000);
});

describe("a folder picked or dropped", () => {
  let folder: string;
  beforeAll(async () => {
    folder = at("文件夹");
    mkdirSync(join(folder, "迟交"), { recursive: true });
    mkdirSync(join(folder, "旧版"), { recursive: true });
    for (const u of ["兴山区", "向阳区"]) copyFileSync(at("返回", `${u}-2022-县区.xlsx`), join(folder, `${u}-2022-县区.xlsx`));
    copyFileSync(at("返回", "工农区-2022-县区.xlsx"), join(folder, "迟交", "工农区-2022-县区.xlsx"));
    writeFileSync(join(folder, "旧版", "说明.txt"), "旧的");
    writeFileSync(join(folder, "~$兴山区-2022-县区.xlsx"), "lock");
    writeFileSync(join(folder, "萝北县-2022-县区.et"), "WPS");
  });

  it("picked (a directory input): its files read, its subfolders listed as 错误 with the command line's reason", async () => {
    const p = page();
    await p.setInputFiles("#wb-returns-folder", folder);
    await p.waitForSelector("#wb-returns-out .wb-msg", { timeout: 60_000 });
    const rows = await outcomes(p);
    expect([...rows.keys()].sort()).toEqual(readdirSync(folder).sort());
    expect(rows.get("迟交")!.state).toBe("未读取");
    expect(rows.get("旧版")!.state).toBe("未读取");
    expect(rows.get("兴山区-2022-县区.xlsx")!.state).toBe("已读取");
    expect(rows.has("工农区-2022-县区.xlsx")).toBe(false);
    await sameReasonsAsCli(p, [folder]);
    await shot("folder-picked");
    // The 汇总 of the folder is the command line's.
    const [full] = await downloads(p, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    await cli("summary", folder, "--year", "2022", "--out", at("cli-汇总-文件夹.xlsx"));
    samePackages(await bytesOf(full), at("cli-汇总-文件夹.xlsx"));
  }, 120_000);

  it("dropped (DataTransferItem.webkitGetAsEntry, entries read in batches): the same outcomes as picked", async () => {
    const p = page();
    // The folder as Chromium hands a drop to the page: entries, a directory reader giving batches of at most 100
    // and then an empty batch; files by entry.file(). A top-level file dropped beside the folder is read too.
    const tree = readdirSync(folder, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory(), b64: e.isDirectory() ? "" : readFileSync(join(folder, e.name)).toString("base64") }));
    const beside = { name: "工农区-2022-县区.xlsx", b64: readFileSync(at("返回", "工农区-2022-县区.xlsx")).toString("base64") };
    await p.evaluate(
      ({ tree, beside }) => {
        const file = (name: string, b64: string) => new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name);
        const fileEntry = (f: File) => ({ isFile: true, isDirectory: false, name: f.name, file: (ok: (f: File) => void) => setTimeout(() => ok(f), 0) });
        const dirEntry = (name: string, children: unknown[]) => ({
          isFile: false,
          isDirectory: true,
          name,
          createReader: () => {
            let i = 0;
            return {
              readEntries: (ok: (e: unknown[]) => void) =>
                setTimeout(() => {
                  const batch = children.slice(i, i + 100);
                  i += batch.length;
                  ok(batch);
                }, 0),
            };
          },
        });
        const folderEntry = dirEntry(
          "文件夹",
          tree.map((t) => (t.dir ? dirEntry(t.name, []) : fileEntry(file(t.name, t.b64)))),
        );
        const besideFile = file(beside.name, beside.b64);
        const items = [
          { kind: "file", webkitGetAsEntry: () => folderEntry },
          { kind: "file", webkitGetAsEntry: () => fileEntry(besideFile) },
        ];
        const e = new Event("drop", { bubbles: true, cancelable: true });
        Object.defineProperty(e, "dataTransfer", { value: { items, files: [besideFile] } });
        document.getElementById("wb-drop")!.dispatchEvent(e);
      },
      { tree, beside },
    );
    await p.waitForSelector("#wb-returns-out .wb-msg", { timeout: 60_000 });
    const rows = await outcomes(p);
    expect([...rows.keys()].sort()).toEqual([...readdirSync(folder), "工农区-2022-县区.xlsx"].sort());
    expect(rows.get("迟交")).toMatchObject({ state: "未读取", reasons: [expect.stringContaining("是子文件夹，其中的文件未读取")] });
    expect(rows.get("工农区-2022-县区.xlsx")!.state).toBe("已读取");
    await sameReasonsAsCli(p, [folder, at("返回", "工农区-2022-县区.xlsx")]);
    await shot("folder-dropped");
  }, 120_000);
});

describe("取消", () => {
  it("in 生成模板: nothing downloaded, the page says so; pressed again, the zip is made", async () => {
    const p = page();
    const units = Array.from({ length: 120 }, (_, i) => `第${i + 1}测试区`);
    await p.fill("textarea[name=units]", units.join("\n"));
    let downloaded = 0;
    p.on("download", () => downloaded++);
    await p.click("#wb-make-templates");
    await p.waitForFunction(() => /^\d+ \/ 120/.test(document.querySelector("#wb-template .wb-progress span")?.textContent ?? ""));
    await p.click("#wb-template .wb-progress button");
    await p.waitForSelector("#wb-templates-out .wb-msg");
    expect(await p.textContent("#wb-templates-out")).toContain("已取消：没有下载任何文件");
    await shot("templates-cancelled");
    await p.waitForTimeout(500);
    expect(downloaded).toBe(0);
    await p.fill("textarea[name=units]", units.slice(0, 3).join("\n"));
    const [zip] = await downloads(p, "#wb-make-templates", 1, "#wb-templates-out .wb-msg.ok");
    expect(zip.suggestedFilename()).toBe("考核模板-2022-县区.zip");
  }, 180_000);

  it("in 读取返回的考核表 (600 files): says how many were read and kept; 继续读取 reads only the rest; the 汇总 is the command line's", async () => {
    const p = page();
    const many = at("很多");
    mkdirSync(many);
    const bytes = readFileSync(at("返回", "兴山区-2022-县区.xlsx"));
    for (let i = 0; i < 600; i++) writeFileSync(join(many, `兴山区-2022-县区（${String(i).padStart(3, "0")}）.xlsx`), bytes);
    await p.setInputFiles("#wb-returns-input", readdirSync(many).map((f) => join(many, f)));
    await p.waitForFunction(() => /^([1-9]\d*) \/ 600/.test(document.querySelector("#wb-returns .wb-progress span")?.textContent ?? ""));
    await p.click("#wb-returns .wb-progress button");
    await p.waitForSelector("#wb-returns-out .wb-msg");
    const said = (await p.textContent("#wb-returns-out"))!;
    const m = /已取消：已读取 (\d+) 个文件，还有 (\d+) 个未读取/.exec(said);
    expect(m).not.toBeNull();
    const [read, left] = [Number(m![1]), Number(m![2])];
    expect(read).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(0);
    expect(read + left).toBe(600);
    expect(await p.textContent("#wb-status")).toContain(`（${left} 个未读取）`);
    await shot("returns-cancelled");
    // 继续读取: the progress counts only the files not read yet.
    const totals: string[] = [];
    await p.exposeFunction("__total", (t: string) => totals.push(t));
    await p.evaluate(() => {
      new MutationObserver(() => {
        const t = document.querySelector("#wb-returns .wb-progress span")?.textContent;
        if (t) (window as unknown as { __total: (t: string) => void }).__total(t);
      }).observe(document.getElementById("wb-returns-out")!, { subtree: true, childList: true, characterData: true });
    });
    await p.click("#wb-returns-continue");
    await p.waitForSelector("#wb-returns-out .wb-msg", { timeout: 120_000 });
    expect(await p.textContent("#wb-returns-out")).toContain("共 600 个文件");
    expect(totals.length).toBeGreaterThan(0);
    for (const t of totals) expect(t).toMatch(new RegExp(`^\\d+ / ${left}(　|$)`));
    expect(await p.isHidden("#wb-returns-continue")).toBe(true);
    const [full] = await downloads(p, "#wb-make-summary", 2, "#wb-summary-out .wb-msg");
    await cli("summary", many, "--year", "2022", "--out", at("cli-汇总-很多.xlsx"));
    samePackages(await bytesOf(full), at("cli-汇总-很多.xlsx"));
  }, 300_000);
});

/** A sheet of the 汇总 (its report, the first) as text, one cell after another. */
async function reportText(file: string, sheet?: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  (sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0]).eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out.join("\n");
}

type Typed = Partial<Record<"choice" | "deduction" | "reason" | "reviewer" | "keyUnit", ExcelJS.CellValue>>;

/** A 核定表 filled as the 考核组 fills it: per row (its unit, clause and index) the cells typed, saved as another file. */
async function fillSheet(from: string, to: string, columns: ReturnType<typeof reviewColumns>, fill: (unit: string, clauseId: string, row: number) => Typed | undefined): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const ws = wb.getWorksheet("核定表")!;
  const cell = (r: number, k: ColumnKey) => ws.getCell(r, columnOf(k, columns) + 1);
  for (let r = REVIEW_ROWS.first + 1, i = 0; cell(r, "keyClause").value; r++, i++) {
    const typed = fill(String(cell(r, "keyUnit").value), String(cell(r, "keyClause").value), i);
    for (const [k, v] of Object.entries(typed ?? {})) cell(r, k as ColumnKey).value = v as ExcelJS.CellValue;
  }
  await wb.xlsx.writeFile(to);
}
