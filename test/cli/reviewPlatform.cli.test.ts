// Issue 19, items 2 and 4 on the command line: `review … --platform 平台数据.xlsx` puts the office's platform
// figures into the 核定表 (per clause the deduction they give, a 需关注 row proposing 按平台数据 where it
// differs), `summary --records 核定表.xlsx --platform …` applies a 按平台数据 choice — the platform's deduction
// with the ready reason — only while both sides' figures are those it was made on, and `feedback --records
// 核定表.xlsx` reads the filled 核定表 with summary's own records reading; a 按平台数据 in the add-in's 核定记录 is
// reopened when the office later corrects its 平台数据. The 平台数据 is filled as an office fills
// it: pasted figures with stray spaces, full-width digits and thousands separators, unit names in variants.
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { columnOf, reviewColumns, type ColumnKey } from "../../src/review/reviewSheet";
import { REVIEW_ROWS } from "../../src/review/reviewSheetGrid";
import { AUDIT_HEADERS, AUDIT_SHEET, auditRow } from "../../src/review/verification";
import { cli } from "../helpers/cli";
import { editPlatformFile } from "../helpers/platformFile";
import { returnedFile } from "../review/helpers";

jest.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), "review-platform-"));
const platformFile = join(dir, "平台数据.xlsx");
const returned = join(dir, "返回");
const COLUMNS = reviewColumns(true);
const READY = "平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10.0%，低于 20%，扣 10 分；单位自报：入驻信易贷 5,000 户，占市场主体 25.0%，不低于 20%，不扣分";

beforeAll(async () => {
  expect((await cli("platform", "--kind", "county", "--year", "2022", "--out", platformFile)).code).toBe(0);
  await editPlatformFile(platformFile, ({ put, ws, rowOf }) => {
    put("兴山区", { "已入驻“信易贷”平台的市场主体数": " 1,200 ", 本辖区市场主体总量: "１２，０００" }, "2022-12-20");
    put("向阳区", { "已入驻“信易贷”平台的市场主体数": 5000, 本辖区市场主体总量: "20000 " });
    put("工农区", { "已入驻“信易贷”平台的市场主体数": 1000, 本辖区市场主体总量: 20000 });
    // Names as pasted: stray spaces, an invisible character; and one that is no member (listed, never guessed).
    ws.getCell(rowOf("兴山区"), 2).value = " 兴山区　";
    ws.getCell(rowOf("向阳区"), 2).value = "向\u200b阳区";
    ws.getCell(rowOf("工农区"), 2).value = "鹤岗市工农区";
  });
  mkdirSync(returned);
  // Every unit reports 入驻信易贷 5,000 / 20,000 户 (25%).
  for (const unit of ["兴山区", "向阳区", "工农区"]) writeFileSync(join(returned, `${unit}.xlsx`), await returnedFile(unit, "county"));
});

async function sheetOf(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("核定表")!;
  const at = (r: number, k: ColumnKey) => ws.getCell(r, columnOf(k, COLUMNS) + 1);
  const rows: number[] = [];
  for (let r = REVIEW_ROWS.first + 1; at(r, "keyClause").value; r++) rows.push(r);
  const rowOf = (unit: string, clauseId: string) => rows.find((r) => at(r, "keyUnit").value === unit && at(r, "keyClause").value === clauseId)!;
  return { wb, ws, at, rows, rowOf };
}

test("review --platform: the platform's deduction and the ready reason per clause, a 需关注 row where it differs, 按平台数据 in the list", async () => {
  const out = join(dir, "核定表.xlsx");
  const r = await cli("review", returned, "--platform", platformFile, "--out", out, "--year", "2022");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/平台数据：工作表“平台数据（县区）”（2022 年度县区），2 个单位有调阅数据，1 个数据或单位名称未采用/);
  expect(r.out).toMatch(/需关注 1 行（平台扣分不同 1）/);
  const { ws, at, rowOf, rows } = await sheetOf(out);
  expect(ws.getRow(REVIEW_ROWS.heading + 1).values).toEqual(expect.arrayContaining(["平台扣分", "平台调阅", "平台指纹"]));
  // The first row (attention first) is 兴山区's 信易贷: the platform's figures, pasted with spaces and full-width digits, decide 扣 10.
  const xs = rowOf("兴山区", "county.2.1.1");
  expect(xs).toBe(rows[0]);
  expect(at(xs, "platform").value).toBe(10);
  expect(at(xs, "self").value).toBe(0);
  expect(at(xs, "platformReason").value).toBe(READY);
  expect(at(xs, "attention").value).toBe("平台扣分不同");
  expect(String(at(xs, "keyPlatform").value)).toMatch(/^[0-9a-z]{12}$/);
  expect(at(xs, "choice").dataValidation).toMatchObject({ type: "list", formulae: ['"同意自评,改判,按平台数据"'] });
  // 向阳区 (its name pasted with an invisible character) agrees with the platform: shown, not needing attention.
  const xy = rowOf("向阳区", "county.2.1.1");
  expect(at(xy, "platform").value).toBe(0);
  expect(at(xy, "attention").value).toBeNull();
  // “鹤岗市工农区” is no member: its figures are not used, 工农区 has no platform cells.
  expect(at(rowOf("工农区", "county.2.1.1"), "platform").value).toBeNull();
});

test("按平台数据 chosen in the 核定表: summary applies the platform deduction with its reason; refused without --platform; 需重新核定 once the platform is corrected; feedback reads the 核定表", async () => {
  const out = join(dir, "核定表2.xlsx");
  expect((await cli("review", returned, "--platform", platformFile, "--out", out, "--year", "2022")).code).toBe(0);
  const { wb, at, rowOf } = await sheetOf(out);
  const xs = rowOf("兴山区", "county.2.1.1");
  at(xs, "choice").value = "按平台数据"; // one choice: no 扣分, no 说明 typed
  at(xs, "reviewer").value = "张三";
  // A 改判 typed as two cells, the list left blank.
  const other = rowOf("向阳区", "county.1.1.2");
  at(other, "deduction").value = 1;
  at(other, "reason").value = "会议纪要不全";
  at(other, "reviewer").value = "李四";
  const filled = join(dir, "核定表-已填.xlsx");
  await wb.xlsx.writeFile(filled);

  const json = async (...extra: string[]) => JSON.parse((await cli("summary", returned, "--records", filled, "--json", "--year", "2022", ...extra)).out);
  const clause = (d: { tables: { county: { rows: { unit: string; clauses?: unknown }[] } } }, unit: string) => d.tables.county.rows.find((r) => r.unit === unit);
  const applied = await json("--platform", platformFile);
  expect(applied.problems.filter((p: { message: string }) => /核定/.test(p.message) && /兴山区|向阳区/.test(p.message))).toEqual([]);
  // 兴山区: the platform's 扣 10 adopted (100 → 90); 向阳区: the two-cell 改判 adopted.
  expect(clause(applied, "兴山区")).toMatchObject({ basis: "核定 1 条、自评 18 条", verifiedScore: 90, categories: [0, 10, 0, 0, 0, 0] });
  expect(clause(applied, "向阳区")).toMatchObject({ basis: "核定 1 条、自评 18 条" });
  const sum = await cli("summary", returned, "--records", filled, "--platform", platformFile, "--out", join(dir, "汇总.xlsx"), "--year", "2022");
  expect(sum.err).toBe("");
  expect(sum.out).toMatch(/核定依据：“核定表-已填\.xlsx”的核定表（2 条核定）/);
  expect(sum.out).toMatch(/平台数据：工作表“平台数据（县区）”/);
  // The 工作记录 lists it by kind; the 核定 figure is the platform's.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, "汇总.xlsx"));
  const text = book.worksheets.flatMap((s) => s.getSheetValues().flat().map(String)).join("\n");
  expect(text).toMatch(/按平台数据/);

  // Without --platform the choice cannot be checked: not applied, and the message says what to add.
  const without = await json();
  expect(clause(without, "兴山区")).toMatchObject({ basis: "自评", totalDeduction: 0 });
  expect(without.problems.map((p: { message: string }) => p.message).join("\n")).toMatch(/兴山区 条款 2\.1\.1）：按平台数据的核定须对照平台数据采用，本次没有给出平台数据（命令行请加 --platform 平台数据\.xlsx/);

  // The 结果反馈单 from the filled 核定表 (summary's records reading): the platform deduction with the ready reason.
  const fb = await cli("feedback", returned, "--records", filled, "--platform", platformFile, "--out", join(dir, "反馈"), "--units", "兴山区", "--year", "2022");
  expect(fb.err).toBe("");
  expect(fb.out).toMatch(/核定依据：“核定表-已填\.xlsx”的核定表（2 条核定）/);
  expect(fb.out).toMatch(/兴山区：暂定得分 \d+(\.\d+)?（已核定 1\/19 条/);
  const [fbFile] = readdirSync(join(dir, "反馈"));
  const fbBook = new ExcelJS.Workbook();
  await fbBook.xlsx.readFile(join(dir, "反馈", fbFile));
  expect(fbBook.worksheets[0].getSheetValues().flat().map(String).join("\n")).toContain(READY);

  // The office corrects its 平台数据 afterwards (兴山区 had 1,300): the choice was made on the old figures.
  await editPlatformFile(platformFile, ({ put }) => put("兴山区", { "已入驻“信易贷”平台的市场主体数": 1300 }));
  const stale = await json("--platform", platformFile);
  expect(clause(stale, "兴山区")).toMatchObject({ basis: "自评", totalDeduction: 0 });
  expect(stale.problems.map((p: { message: string }) => p.message).join("\n")).toMatch(/按平台数据（张三）是按此前的平台数据作出的.*需重新核定/);
  // …and a review over the filled 核定表 keeps the choice, below the table, the row marked 需重新核定.
  const again = await cli("review", returned, "--platform", platformFile, "--out", filled, "--year", "2022");
  expect(again.out).toMatch(/未匹配的核定 1 条/);
  const re = await sheetOf(filled);
  expect(String(re.at(re.rowOf("兴山区", "county.2.1.1"), "attention").value)).toContain("需重新核定");
});

test("a 按平台数据 recorded in the 核定记录 (the add-in's record) is reopened when the office corrects its 平台数据: 需重新核定 with the old and the new figures; the record file is not touched", async () => {
  const own = join(dir, "平台数据-更正.xlsx");
  expect((await cli("platform", "--kind", "county", "--year", "2022", "--out", own)).code).toBe(0);
  await editPlatformFile(own, ({ put }) => put("兴山区", { "已入驻“信易贷”平台的市场主体数": 1200, 本辖区市场主体总量: 12000 }, "2022-12-20"));
  const first = join(dir, "核定表-记录前.xlsx");
  expect((await cli("review", returned, "--platform", own, "--out", first, "--year", "2022")).code).toBe(0);
  const made = await sheetOf(first);
  const xs = made.rowOf("兴山区", "county.2.1.1");
  const basis = String(made.at(xs, "keyBasis").value);
  const platformBasis = String(made.at(xs, "keyPlatform").value);
  const ready = String(made.at(xs, "platformReason").value);
  // The 核定记录 as the add-in appends it (按平台数据: the platform's 扣 10 with the ready reason), and one of an
  // earlier version (no platform fingerprint) for 向阳区's 1.1.2 is not concerned: it is no 按平台数据.
  const entry = { time: "2022-12-21T10:00:00+08:00", reviewer: "王五", sheet: "兴山区", unit: "兴山区", clauseId: "county.2.1.1", saved: 0, recomputed: 0, previous: null, to: 10, reason: ready, kind: "按平台数据" as const, basis, platformBasis };
  const log = async (file: string, e: typeof entry | Omit<typeof entry, "platformBasis">) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(AUDIT_SHEET);
    ws.addRow([...AUDIT_HEADERS]);
    ws.addRow(auditRow(e));
    await wb.xlsx.writeFile(file);
    return readFileSync(file);
  };
  const records = join(dir, "核定记录.xlsx");
  const bytes = await log(records, entry);
  const summary = async () => JSON.parse((await cli("summary", returned, "--records", records, "--platform", own, "--json", "--year", "2022")).out);
  const row = (d: { tables: { county: { rows: { unit: string }[] } } }) => d.tables.county.rows.find((r) => r.unit === "兴山区");
  expect(row(await summary())).toMatchObject({ basis: "核定 1 条、自评 18 条", totalDeduction: 10 });

  // The office corrects 兴山区's figure (1,300): the same 扣 10 on the new figure, but not the figure the 核定 took.
  await editPlatformFile(own, ({ put }) => put("兴山区", { "已入驻“信易贷”平台的市场主体数": 1300 }));
  const after = await summary();
  expect(row(after)).toMatchObject({ basis: "自评", totalDeduction: 0 });
  const said = after.problems.map((p: { message: string }) => p.message).join("\n");
  expect(said).toMatch(/条款 2\.1\.1 的核定（2022-12-21T10:00:00\+08:00 王五：按平台数据，10 分）所依据的平台数据此后已更正；原依据：平台调阅（2022-12-20）：入驻信易贷 1,200 户.*；现平台数据：平台调阅（2022-12-20）：入驻信易贷 1,300 户.*（扣 10 分），需重新核定/);
  // In the 核定表: the row needs attention again, the old 核定 and both figures on it.
  const second = join(dir, "核定表-更正后.xlsx");
  const r = await cli("review", returned, "--records", records, "--platform", own, "--out", second, "--year", "2022");
  expect(r.code).toBe(0);
  const re = await sheetOf(second);
  const at = re.rowOf("兴山区", "county.2.1.1");
  expect(at).toBe(re.rows[0]);
  expect(String(re.at(at, "attention").value)).toContain("需重新核定");
  expect(String(re.at(at, "recorded").value)).toMatch(/^需重新核定（原核定 2022-12-21 王五 按平台数据：扣 10 分，平台调阅（2022-12-20）：入驻信易贷 1,200 户/);
  expect(String(re.at(at, "problems").value)).toMatch(/原依据：平台调阅（2022-12-20）：入驻信易贷 1,200 户.*现平台数据：平台调阅（2022-12-20）：入驻信易贷 1,300 户/);
  expect(String(re.at(at, "platformReason").value)).toMatch(/^平台调阅（2022-12-20）：入驻信易贷 1,300 户/);
  // Nothing in the record was rewritten.
  expect(readFileSync(records).equals(bytes)).toBe(true);

  // A 按平台数据 of an earlier version (no platform fingerprint in its 依据指纹): reopened all the same, its 核定说明
  // being the ready reason of the figures it took; and it stands while the figures are those.
  const legacy = join(dir, "核定记录-旧版.xlsx");
  const { platformBasis: _, ...old } = entry;
  await log(legacy, old);
  const legacyRun = JSON.parse((await cli("summary", returned, "--records", legacy, "--platform", own, "--json", "--year", "2022")).out);
  expect(row(legacyRun)).toMatchObject({ basis: "自评" });
  await editPlatformFile(own, ({ put }) => put("兴山区", { "已入驻“信易贷”平台的市场主体数": 1200 }));
  const standing = JSON.parse((await cli("summary", returned, "--records", legacy, "--platform", own, "--json", "--year", "2022")).out);
  expect(row(standing)).toMatchObject({ basis: "核定 1 条、自评 18 条", totalDeduction: 10 });
});
