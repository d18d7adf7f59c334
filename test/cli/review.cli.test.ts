// `summary` and `check` as users run them: real template files (template writer), filled through ExcelJS
// by defined name, then the command line run in-process as `npm run cli` runs it (test/helpers/cli.ts).
import ExcelJS from "exceljs";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unitsOf } from "../../src/core/index";
import { names } from "../../src/core/names";
import { SUMMARY_SHEET } from "../../src/review/summaryGrid";
import { cli } from "../helpers/cli";
import { cellOf, returnedFile } from "../review/helpers";


const tmp = mkdtempSync(join(tmpdir(), "credit-review-cli-"));
const returned = join(tmp, "返回");
const at = (name: string) => join(returned, name);

beforeAll(async () => {
  mkdirSync(returned);
  const save = async (name: string, data: Promise<Buffer>) => writeFileSync(at(name), await data);
  await save("兴山区.xlsx", returnedFile("兴山区", "county"));
  await save("向阳区.xlsx", returnedFile("向阳区", "county"));
  await save("南山区.xlsx", returnedFile("南山区", "county", { values: { meetingsHeld: 0 } }));
  await save("兴安区.xlsx", returnedFile("兴安区", "county", { values: { meetingsHeld: null } }));
  await save(
    "萝北县.xlsx",
    returnedFile("萝北县", "county", {
      values: { meetingsHeld: 0 },
      edit: (wb) => {
        cellOf(wb, names.deduction("county.1.1.2")).value = 0;
      },
    }),
  );
  writeFileSync(join(tmp, "坏.xlsx"), "这不是表格");
}, 60_000);

test("summary --json: shared ranks, statuses, 未返回, weight applied", async () => {
  const r = await cli("summary", "--year", "2022", returned, "--json", "--weight", "20");
  expect(r.err).toBe("");
  expect(r.code).toBe(1); // the 汇总 lists 错误 (萝北县's replaced formula, 兴安区's blank): like check, exit 1
  const data = JSON.parse(r.out);
  const rows = data.tables.county.rows as { unit: string; rank?: number; score?: number; weighted?: number; status: string; openProblems: number }[];
  const by = (u: string) => rows.find((x) => x.unit === u)!;
  expect(by("兴山区")).toMatchObject({ rank: 1, score: 100, weighted: 20, status: "待核定", openProblems: 0 });
  expect(by("向阳区")).toMatchObject({ rank: 1, score: 100, status: "待核定" });
  expect(by("南山区")).toMatchObject({ rank: 3, score: 97.5, weighted: 19.5, status: "待核定" });
  expect(by("兴安区")).toMatchObject({ status: "有问题" });
  expect(by("兴安区").rank).toBeUndefined(); // provisional: not ranked
  // tampered: typed 0 over the deduction formula; the recomputed 2.5 counts — and with that problem open,
  // no 考核得分 is shown (issue 18)
  expect(by("萝北县")).toMatchObject({ selfScore: 97.5, totalDeduction: 2.5, status: "有问题" });
  expect(by("萝北县").score).toBeUndefined();
  const notReturned = unitsOf(2022).county.filter((u) => !["兴山区", "向阳区", "南山区", "兴安区", "萝北县"].includes(u));
  expect(notReturned).toEqual(["工农区", "东山区", "绥滨县"]);
  for (const u of notReturned) expect(by(u)).toMatchObject({ status: "未返回" });
  expect(data.missing.county).toEqual(notReturned);
  expect(data.problems.map((p: { message: string }) => p.message).join("\n")).toMatch(/“萝北县”工作表 [A-Z]+\d+：条款 1\.1\.2 扣分的公式已被替换/);
});

test("summary --out writes the 汇总 workbook and prints the ranking; a bad file is listed, not fatal", async () => {
  const out = join(tmp, "汇总.xlsx");
  const r = await cli("summary", "--year", "2022", returned, join(tmp, "坏.xlsx"), "--out", out);
  expect(r.code).toBe(1); // written, and 错误 listed (坏.xlsx unreadable, 萝北县 tampered)
  expect(r.out).toContain(`已写入 ${out}`);
  expect(r.out).toMatch(/\n\s+1\s+兴山区\s+得分 100/);
  expect(r.out).toMatch(/\n\s+3\s+南山区\s+得分 97\.5/);
  expect(r.out).toMatch(/文件“坏\.xlsx”不是 xlsx 格式/);
  expect(existsSync(out)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(SUMMARY_SHEET)!;
  expect(ws).toBeDefined();
  const text: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
  expect(text).toEqual(expect.arrayContaining(["兴山区", "南山区"]));
  // The counties that did not return are one line under the table, not rows.
  expect(text.filter((t) => t.startsWith("未报送单位（")).length).toBeGreaterThan(0);
  expect(text).not.toContain("未返回");
  // values only: the sheet can be emailed and opened anywhere
  ws.eachRow((row) => row.eachCell((c) => expect(typeof c.value === "object" && c.value !== null && "formula" in c.value).toBe(false)));
  // run again: updated in place
  expect((await cli("summary", "--year", "2022", returned, "--out", out)).code).toBe(1);
}, 60_000); // three CLI runs: more than the default 5 s on two shared cores

test("summary without --out or --json, or without files: Chinese message, exit 2", async () => {
  const a = await cli("summary", "--year", "2022", returned);
  expect(a.code).toBe(2);
  expect(a.err).toContain("请用 --out 指定汇总文件");
  const b = await cli("summary", "--json");
  expect(b.code).toBe(2);
  expect(b.err).toContain("请给出返回的考核表文件");
  const c = await cli("summary", "--year", "2022", returned, "--json", "--weight", "0.2x");
  expect(c.code).toBe(2);
  expect(c.err).toContain("--weight");
});

test("check: 0 for a clean file", async () => {
  const r = await cli("check", "--year", "2022", at("兴山区.xlsx"));
  expect(r.code).toBe(0);
  expect(r.out).toContain("兴山区（工作表“兴山区”）自评得分 100：未发现须改正的问题");
});

test("check: 1 with each problem naming the sheet and cell", async () => {
  const r = await cli("check", "--year", "2022", at("兴安区.xlsx"));
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/\[错误\] “兴安区”工作表 [A-Z]+\d+：“本年度召开信用工作会议次数”未填写/);
  const t = await cli("check", "--year", "2022", at("萝北县.xlsx"), "--json");
  expect(t.code).toBe(1);
  const [sheet] = JSON.parse(t.out);
  expect(sheet.problems).toContainEqual(expect.objectContaining({ kind: "篡改", address: expect.stringMatching(/^[A-Z]+\d+$/), message: expect.stringContaining("公式已被替换") }));
});

test("check: 2 when the file cannot be read or is missing", async () => {
  const bad = await cli("check", "--year", "2022", join(tmp, "坏.xlsx"));
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/无法读取“.*坏\.xlsx”：不是 xlsx 格式/);
  const none = await cli("check", "--year", "2022", join(tmp, "没有.xlsx"));
  expect(none.code).toBe(2);
  expect(none.err).toContain("找不到“");
  expect((await cli("check")).code).toBe(2);
});

test("check of a freshly generated, unfilled template lists only what is left to fill, never tampering", async () => {
  const out = join(tmp, "新模板");
  for (const kind of ["county", "department"]) {
    const unit = kind === "county" ? "绥滨县" : "市教育局";
    expect((await cli("template", "--year", "2022", "--kind", kind, "--units", unit, "--out", out)).code).toBe(0);
    const file = join(out, `${unit}-2022-${kind === "county" ? "县区" : "市直部门"}.xlsx`);
    const r = await cli("check", "--year", "2022", file);
    expect(r.code).toBe(1);
    const problems = r.out.split("\n").filter((l) => l.trim().startsWith("["));
    expect(problems.length).toBeGreaterThan(20);
    expect(problems.filter((l) => !l.includes("未填写"))).toEqual([]);
    expect(r.out).not.toMatch(/篡改|可能被改动/);
  }
});
