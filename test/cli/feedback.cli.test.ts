// npm run cli -- feedback: after 核定, one 结果反馈单 per unit — each clause's 自评扣分, 核定扣分 and 核定说明 (复核
// marked), the total and the score, the 复核 terms — one file per unit, never overwriting one that exists.
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { feedbackFileName, getCatalog } from "../../src/core/index";
import { readSheetRows } from "../../src/read/index";
import { AUDIT_HEADERS, AUDIT_SHEET } from "../../src/review/verification";
import { cli } from "../helpers/cli";
import { pdfPages, readPdfText, renderPdfs, soffice } from "../helpers/pdf";
import { names } from "../../src/core/names";
import { cellOf, returnedFile } from "../review/helpers";

const dir = mkdtempSync(join(tmpdir(), "feedback-cli-"));
const returned = join(dir, "返回");
const records = join(dir, "办公室工作簿.xlsx");
const out = join(dir, "反馈");
const county = getCatalog(2022, "county");
const points = (id: string) => county.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses)).find((c) => c.id === id)!.deduction;

/** A 核定记录 row as the add-in appends it (basis "": applies to the figures as they are). */
const entry = (unit: string, clauseId: string, to: number, reason: string, kind: string, time: string) => [time, "张三", unit, unit, clauseId, 0, 0, null, to, reason, kind, ""];

beforeAll(async () => {
  mkdirSync(returned);
  // 兴山区 reports 入驻信易贷 1,000 / 20,000 户 (5%): it deducts 10 itself.
  // …and, wanting a better result, types its own 核定 of that clause: never used (核定 comes from the 核定记录 only).
  const own = (wb: ExcelJS.Workbook) => {
    cellOf(wb, names.verified("county.2.1.1")).value = 0;
    cellOf(wb, names.verifiedReason("county.2.1.1")).value = "单位自行核定不扣分";
  };
  writeFileSync(join(returned, "兴山区.xlsx"), await returnedFile("兴山区", "county", { values: { xydEntered: 1000 }, edit: own }));
  writeFileSync(join(returned, "向阳区.xlsx"), await returnedFile("向阳区", "county"));
  const wb = new ExcelJS.Workbook();
  const log = wb.addWorksheet(AUDIT_SHEET);
  log.addRow([...AUDIT_HEADERS]);
  log.addRow(entry("兴山区", "county.2.1.1", 10, "平台调阅（2022-12-20）：入驻信易贷 1,000 户，占市场主体 5.0%，低于 20%，扣 10 分", "按平台数据", "2022-12-21T10:00:00+08:00"));
  log.addRow(entry("兴山区", "county.1.1.2", points("county.1.1.2"), "未见落实文件", "改判", "2022-12-21T10:05:00+08:00"));
  // The unit asked; the 考核组 decided again: the latest entry counts.
  log.addRow(entry("兴山区", "county.1.1.2", 0, "单位补充了落实文件，复核不扣分", "复核", "2022-12-28T09:00:00+08:00"));
  // A reason typed like a formula is words on the 反馈单, never a formula.
  log.addRow(entry("向阳区", "county.1.1.1", 0, '=HYPERLINK("http://evil.example","点我")', "核定", "2022-12-21T11:00:00+08:00"));
  writeFileSync(records, Buffer.from(await wb.xlsx.writeBuffer()));
}, 60_000);

describe("feedback", () => {
  it("writes one file per unit: every clause with 自评扣分, 核定扣分, 核定说明 (复核 marked), the total, the score and the 复核 terms", async () => {
    const r = await cli("feedback", returned, "--year", "2022", "--records", records, "--out", out, "--days", "7", "--contact", "李四", "--phone", "0468-1234567", "--date", "2022/12/30");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/兴山区：暂定得分 90（已核定 2\/\d+ 条，其余按自评（暂定））/);
    expect(r.out).toMatch(/向阳区：暂定得分 100（已核定 1\/\d+ 条/);
    const sheet = readSheetRows(readFileSync(join(out, feedbackFileName("兴山区", 2022))), "反馈单-兴山区")!;
    const text = (row: readonly unknown[] | undefined) => (row ?? []).map((v) => (v === null || v === undefined ? "" : String(v)));
    const rows = Array.from(sheet.rows, text);
    expect(rows[0][0]).toBe("2022 年度“信用鹤岗”建设工作考核结果反馈单");
    expect(rows[1]).toEqual(expect.arrayContaining(["单位：兴山区（县区）", "反馈日期：2022-12-30"]));
    const clause = (id: string) => rows.find((x) => (x[1] ?? "").startsWith(`${id} `))!;
    // 序号, 条款, 本条扣分, 自评扣分, 核定扣分, 核定说明
    expect(clause("2.1.1").slice(2)).toEqual(["10", "10", "10", "平台调阅（2022-12-20）：入驻信易贷 1,000 户，占市场主体 5.0%，低于 20%，扣 10 分"]);
    expect(clause("1.1.2").slice(3)).toEqual(["0", "0", "【复核】单位补充了落实文件，复核不扣分"]);
    expect(clause("1.1.1").slice(3)).toEqual(["0", "0", "未另行核定，按自评"]);
    expect(rows.find((x) => (x[0] ?? "").startsWith("合计扣分"))?.slice(3, 5)).toEqual(["10", "10"]);
    expect(rows.find((x) => (x[0] ?? "").startsWith("得分"))?.slice(3, 5)).toEqual(["90", "90"]);
    expect(rows.find((x) => (x[0] ?? "").startsWith("得分"))?.[5]).toBe("暂定得分：尚有条款未另行核定");
    const terms = rows.find((x) => (x[0] ?? "").startsWith("复核："))![0];
    expect(terms).toContain("请于收到本反馈单之日起 7 个工作日内，向市信用办书面提出复核申请");
    expect(terms).toContain("联系人：李四　联系电话：0468-1234567");
    expect(rows.some((x) => x.includes("鹤岗市社会信用体系建设工作领导小组办公室（盖章）"))).toBe(true);
    expect(rows.some((x) => x.includes("2022 年 12 月 30 日"))).toBe(true);
  }, 60_000);

  it("a 核定说明 that looks like a formula stays text; the unit's own 核定 cells are never used", async () => {
    const sheet = readSheetRows(readFileSync(join(out, feedbackFileName("向阳区", 2022))), "反馈单-向阳区")!;
    expect(sheet.formulas).toEqual([]);
    const rows = Array.from(sheet.rows, (row) => (row ?? []).map((v) => (v === null || v === undefined ? "" : String(v))));
    expect(rows.find((x) => (x[1] ?? "").startsWith("1.1.1 "))?.[5]).toBe('=HYPERLINK("http://evil.example","点我")');
  });

  it("never overwrites: a unit whose file exists is listed and left as it was (exit 1)", async () => {
    const file = join(out, feedbackFileName("兴山区", 2022));
    const before = statSync(file).mtimeMs;
    const r = await cli("feedback", returned, "--year", "2022", "--records", records, "--out", out, "--units", "兴山区");
    expect(r.code).toBe(1);
    expect(r.out).toContain(`兴山区：未写入，“${file}”已存在（不覆盖`);
    expect(r.out).not.toContain("向阳区");
    expect(statSync(file).mtimeMs).toBe(before);
  }, 60_000);

  it("unusable arguments: Chinese errors, exit 2, nothing written", async () => {
    const other = join(dir, "其他");
    expect(await cli("feedback", returned, "--out", other)).toMatchObject({ code: 2, err: expect.stringContaining("反馈单在核定之后制作：请用 --records") });
    expect(await cli("feedback", returned, "--records", records, "--out", other, "--days", "0")).toMatchObject({ code: 2, err: expect.stringContaining("复核申请期限应为 1 到 60 之间的整数") });
    expect(await cli("feedback", returned, "--records", records, "--out", records)).toMatchObject({ code: 2, err: expect.stringContaining("是一个文件") });
    expect(await cli("feedback", returned, "--records", records, "--out", other, "--date", "明天")).toMatchObject({ code: 2, err: expect.stringContaining("--date 应为日期") });
  }, 60_000);

  (soffice ? it : it.skip)("prints on one A4 page per unit, its clauses and the 复核 terms legible", () => {
    const { 兴山区: pdf } = renderPdfs({ 兴山区: readFileSync(join(out, feedbackFileName("兴山区", 2022))) });
    const text = readPdfText(pdf);
    expect(text).toContain("考核结果反馈单");
    expect(text).toContain("书面提出复核申请");
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
  }, 120_000);
});
