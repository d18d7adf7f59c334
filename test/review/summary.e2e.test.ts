// End to end on real files: templates from the template writer, filled through ExcelJS, summarised.
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COUNTY_UNITS, getCatalog, score } from "../../src/core/index";
import { names } from "../../src/layout/names";
import { summarizeFiles } from "../../src/xlsx/summarizeFiles";
import { summaryWorkbook } from "../../src/xlsx/writeSummary";
import { SUMMARY_SHEET, END_MARKER } from "../../src/review/summaryGrid";
import { canonicalName } from "../../src/review/identity";
import { latestRecords, type AuditEntry } from "../../src/review/verification";
import { PERFECT } from "../fixtures/answers";
import { cellOf, returnedFile } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "credit-summary-"));
const DEPTS = ["市发展和改革委员会", "市工业和信息化局", "市教育局"];
const expected = { county: COUNTY_UNITS, department: DEPTS };
const county = getCatalog(2022, "county");

async function save(name: string, data: Buffer | Promise<Buffer>): Promise<string> {
  const p = join(dir, name);
  writeFileSync(p, await data);
  return p;
}

let files: string[];
beforeAll(async () => {
  files = [
    await save("兴山区.xlsx", returnedFile("兴山区", "county")),
    await save("南山区.xlsx", returnedFile("南山区", "county")),
    await save("向阳区.xlsx", returnedFile("向阳区", "county", { values: { meetingsHeld: 0 } })),
    // incomplete: one count left blank
    await save("兴安区.xlsx", returnedFile("兴安区", "county", { values: { meetingsHeld: null } })),
    // out of range: a negative count and a percent above 100 %
    await save("东山区.xlsx", returnedFile("东山区", "county", { values: { reportsSent: -3, qrPct: 1.5 } })),
    // tampered: formula replaced by a typed 0 where the rule deducts 2.5, and the saved score raised
    await save(
      "萝北县.xlsx",
      returnedFile("萝北县", "county", {
        values: { meetingsHeld: 0 },
        edit: (wb) => {
          cellOf(wb, names.deduction("county.1.1.2")).value = 0;
          const s = cellOf(wb, names.score);
          s.value = { formula: (s.value as ExcelJS.CellFormulaValue).formula, result: 100 } as ExcelJS.CellFormulaValue;
        },
      }),
    ),
    // 不涉及 an indicator whose inputs are even wrong: no deduction, no problem
    await save("发改委.xlsx", returnedFile("市发展和改革委员会", "department", { notApplicable: ["department.2.1"], values: { xydSupport: "否" } })),
    // another year's form
    await save("工信局.xlsx", returnedFile("市工业和信息化局", "department", { edit: (wb) => (cellOf(wb, names.year).value = 2021) })),
    await save("损坏.xlsx", Buffer.from("PK\u0003\u0004 not really a zip")),
    await save("说明.txt.xlsx", Buffer.from("这不是表格")),
  ];
}, 60_000);

test("ranked tables: shared ranks 1,1,3, statuses, 未返回, figures recomputed from inputs", async () => {
  const { data } = await summarizeFiles(files, { expected, year: 2022 });
  const rows = data.tables.county.rows;
  const by = (u: string) => rows.find((r) => r.unit === u)!;
  expect(by("兴山区")).toMatchObject({ rank: 1, score: 100, status: "待核定", openProblems: 0 });
  expect(by("南山区")).toMatchObject({ rank: 1, score: 100, status: "待核定" });
  const deduct = score(county, { values: { ...PERFECT.county, meetingsHeld: 0 } });
  expect(by("向阳区")).toMatchObject({ rank: 3, score: deduct.score, totalDeduction: deduct.totalDeduction, status: "待核定" });
  expect(by("向阳区").categories).toEqual(deduct.categories.map((c) => c.deduction));
  // the tampered file is scored from its inputs (97.5), not from its typed 0 / saved 100
  expect(by("萝北县")).toMatchObject({ rank: 3, score: deduct.score, status: "有问题" });
  // unfinished data: a provisional score, no rank until completed or verified
  expect(by("兴安区")).toMatchObject({ status: "有问题", provisional: true, score: 100 });
  expect(by("兴安区").rank).toBeUndefined();
  expect(by("东山区").status).toBe("有问题");
  expect(by("绥滨县").status).toBe("未返回");
  expect(by("绥滨县").rank).toBeUndefined();
  expect(by("工农区").status).toBe("未返回");
  expect(data.missing.county).toEqual(["工农区", "绥滨县"]);
  // table order: ranked first
  expect(rows.slice(0, 4).map((r) => r.rank)).toEqual([1, 1, 3, 3]);
  expect(data.tables.county).toMatchObject({ expected: 8, returned: 6 });
});

test("problems name the sheet, the cell and what is wrong", async () => {
  const { data } = await summarizeFiles(files, { expected, year: 2022 });
  const msgs = (unit: string) => data.problems.filter((p) => p.unit === unit).map((p) => p.message);
  const inAddr = (u: string, input: string) => data.problems.find((p) => p.unit === u && p.message.includes(input));
  expect(msgs("兴安区").some((m) => /“兴安区”工作表 [A-Z]+\d+：「本年度召开信用工作会议次数」未填写/.test(m))).toBe(true);
  expect(msgs("东山区").some((m) => /不能为负数，收到 -3/.test(m))).toBe(true);
  expect(msgs("东山区").some((m) => /0% 到 100% 之间，收到 150%/.test(m))).toBe(true);
  expect(inAddr("东山区", "不能为负数")!.address).toMatch(/^[A-Z]+\d+$/);
  const tamper = data.problems.filter((p) => p.unit === "萝北县" && p.kind === "篡改").map((p) => p.message);
  expect(tamper.some((m) => /扣分的公式已被替换为直接填写的 0（本次按填报数据重新计算为 2.5）/.test(m))).toBe(true);
  expect(tamper.some((m) => /保存的得分为 100，按填报数据重新计算为 97.5/.test(m))).toBe(true);
  expect(msgs("市工业和信息化局").some((m) => /这是 2021 年度的表格，本次汇总的是 2022 年度/.test(m))).toBe(true);
  const bad = data.problems.filter((p) => p.source === "损坏.xlsx" || p.source === "说明.txt.xlsx").map((p) => p.message);
  expect(bad).toEqual([expect.stringMatching(/损坏/), expect.stringMatching(/不是 xlsx/)]);
});

test("不涉及 indicator deducts nothing; wrong year gets no rank; 市直部门 ranked apart", async () => {
  const { data } = await summarizeFiles(files, { expected, year: 2022 });
  const d = data.tables.department.rows;
  expect(d.find((r) => r.unit === "市发展和改革委员会")).toMatchObject({ rank: 1, score: 100, status: "待核定", openProblems: 0 });
  const wrongYear = d.find((r) => r.unit === "市工业和信息化局")!;
  expect(wrongYear.status).toBe("有问题");
  expect(wrongYear.rank).toBeUndefined();
  expect(wrongYear.score).toBeUndefined();
  expect(d.find((r) => r.unit === "市教育局")!.status).toBe("未返回");
  expect(data.tables.county.rows.some((r) => DEPTS.includes(r.unit))).toBe(false);
});

test("按比例计入 follows the weight; an invalid weight is refused in Chinese", async () => {
  const { data } = await summarizeFiles(files.slice(2, 3), { expected, year: 2022, weight: 30 });
  expect(data.tables.county.rows[0].weighted).toBe(Math.round(97.5 * 30) / 100);
  await expect(summarizeFiles(files.slice(0, 1), { expected, weight: 0 })).rejects.toThrow(/分值应为大于 0/);
});

/** The 考核组's 核定记录 as the office's workbook holds it (src/review/verification.ts). */
function recordsOf(list: [clauseId: string, to: number, reason?: string][], unit = "向阳区") {
  const entries: AuditEntry[] = list.map(([clauseId, to, reason], i) => ({
    time: `2022-12-20T10:${String(i % 60).padStart(2, "0")}:00+08:00`, reviewer: "张三", sheet: unit, unit, clauseId, saved: 0, recomputed: 0, previous: null, to, reason: reason ?? "",
  }));
  return { file: join(dir, "办公室工作簿.xlsx"), records: latestRecords(entries, canonicalName), problems: [] };
}

test("核定 (from the 考核组's 核定记录): verified figures beside the self-assessed ones; all clauses verified → 已核定", async () => {
  const ids = [...county.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((x) => x.id)))];
  const file = await save("核定-向阳区.xlsx", returnedFile("向阳区", "county", { values: { meetingsHeld: 0 } }));
  let { data } = await summarizeFiles([file], { expected, year: 2022, records: recordsOf([["county.1.1.2", 0, "会议纪要补交，核实已召开"]]) });
  expect(data.tables.county.rows[0]).toMatchObject({ selfScore: 97.5, verifiedScore: 100, score: 100, status: "待核定" });
  const all = recordsOf([...ids.map((id): [string, number] => [id, id === "county.1.1.2" ? 2.5 : 0]), ["county.1.1.1", 2.5]]); // the later 1.1.1 entry wins
  ({ data } = await summarizeFiles([file], { expected, year: 2022, records: all }));
  expect(data.tables.county.rows[0]).toMatchObject({ selfScore: 97.5, verifiedScore: 95, status: "有问题" });
  expect(data.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/county\.1\.1\.1 核定扣分 2.5 与自评 0 不同，但核定记录中没有核定说明/));
  ({ data } = await summarizeFiles([file], { expected, year: 2022, records: recordsOf(ids.map((id) => [id, id === "county.1.1.2" ? 2.5 : 0])) }));
  expect(data.tables.county.rows[0]).toMatchObject({ verifiedScore: 97.5, status: "已核定", openProblems: 0 });
});

test("核定 cells a unit filled in its own file are never used: 错误 naming the cells, scored as if empty", async () => {
  const forged = await save("南山区-2022-县区.xlsx", returnedFile("南山区", "county", {
    values: { meetingsHeld: 0 },
    edit: (wb) => {
      cellOf(wb, names.verified("county.1.1.2")).value = 0;
      cellOf(wb, names.verifiedReason("county.1.1.2")).value = "经核定不扣分";
    },
  }));
  const { data } = await summarizeFiles([forged], { expected, year: 2022 });
  expect(data.tables.county.rows[0]).toMatchObject({ unit: "南山区", selfScore: 97.5, score: 97.5, status: "有问题" });
  expect(data.tables.county.rows[0].verifiedScore).toBeUndefined();
  expect(data.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/“南山区”工作表 [A-Z]+\d+：单位表中填写了核定栏，已忽略（条款 county\.1\.1\.2：[A-Z]+\d+ 为 0，[A-Z]+\d+ 为 “经核定不扣分”）/));
});

test("re-running the summary into an edited 汇总 updates it in place and keeps the office's notes", async () => {
  const out = join(dir, "汇总.xlsx");
  const first = await summarizeFiles(files, { expected, year: 2022 });
  await (await summaryWorkbook(first.data)).xlsx.writeFile(out);
  // the office types a note beside 向阳区 (column R), a sign-off below the end marker, and adds a sheet
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(SUMMARY_SHEET)!;
  let xyRow = 0;
  let endRow = 0;
  ws.eachRow((row, r) => {
    if (!xyRow && row.getCell(2).value === "向阳区") xyRow = r;
    if (String(row.getCell(1).value ?? "").startsWith(END_MARKER)) endRow = r;
  });
  expect(xyRow).toBeGreaterThan(0);
  ws.getCell(xyRow, 18).value = "已电话催补佐证";
  ws.getCell(endRow + 2, 1).value = "审核人：王某";
  wb.addWorksheet("备忘").getCell("A1").value = "其他材料";
  await wb.xlsx.writeFile(out);

  // 向阳区 now returns a perfect form: ranks change; more rows come before the end marker
  const better = await save("向阳区.xlsx", returnedFile("向阳区", "county"));
  const again = await summarizeFiles([...files.filter((f) => !f.endsWith("向阳区.xlsx")), better, await save("工农区.xlsx", returnedFile("工农区", "county"))], { expected, year: 2022 });
  const wb2 = await summaryWorkbook(again.data, readFileSync(out));
  await wb2.xlsx.writeFile(out);
  const wb3 = new ExcelJS.Workbook();
  await wb3.xlsx.readFile(out);
  const s = wb3.getWorksheet(SUMMARY_SHEET)!;
  let row2 = 0;
  let end2 = 0;
  s.eachRow((row, r) => {
    if (!row2 && row.getCell(2).value === "向阳区") row2 = r;
    if (String(row.getCell(1).value ?? "").startsWith(END_MARKER)) end2 = r;
  });
  expect(s.getCell(row2, 18).value).toBe("已电话催补佐证");
  expect(s.getCell(row2, 1).value).toBe(1); // 向阳区 is now ranked 1 (shared)
  expect(s.getCell(end2 + 2, 1).value).toBe("审核人：王某");
  expect(wb3.getWorksheet("备忘")!.getCell("A1").value).toBe("其他材料");
  // values only, the time and rule version written on it
  s.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeFalsy()));
  expect(String(s.getCell(2, 1).value)).toMatch(/汇总时间：\d{4}-\d{2}-\d{2} .*鹤信用办发〔2022〕4号/);
  expect(s.pageSetup.orientation).toBe("landscape");
  // a chart made of cells: bar length follows the score
  const barOf = (u: string) => {
    let v = "";
    s.eachRow((row) => {
      if (!v && row.getCell(2).value === u) v = String(row.getCell(16).value); // the table row comes before the problem list
    });
    return v;
  };
  expect(barOf("兴山区")).toBe(`${"█".repeat(20)} 100`);
  expect(barOf("萝北县")).toBe(`${"█".repeat(20)} 97.5`);
}, 30_000); // two shared cores: reading and writing the 汇总 twice can take more than the default 5 s

test("a 汇总 sheet the add-in did not make is not overwritten", async () => {
  const p = join(dir, "别人的.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(SUMMARY_SHEET).getCell("A1").value = "手工汇总";
  await wb.xlsx.writeFile(p);
  const { data } = await summarizeFiles(files.slice(0, 1), { expected, year: 2022 });
  await expect(summaryWorkbook(data, readFileSync(p))).rejects.toThrow(/不是本加载项生成的汇总表/);
});

test("the 未返回 list of many units wraps with a row height: Excel does not fit merged cells itself", async () => {
  const many = Array.from({ length: 40 }, (_, i) => `市第${i + 1}测试管理局`);
  const { data } = await summarizeFiles(files, { year: 2022, weight: 100, expected: { county: COUNTY_UNITS, department: many } });
  const wb = await summaryWorkbook(data);
  const ws = wb.getWorksheet(SUMMARY_SHEET)!;
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === "市直部门" && String(row.getCell(2).value).includes(many[39])) rows.push(row);
  });
  expect(rows).toHaveLength(1);
  const [row] = rows;
  expect(row.getCell(2).style.alignment?.wrapText).toBe(true);
  // 40 names of ~9 characters (~720 column units) across B:P (~170 units): at least 4 lines of ~13.5 pt
  expect(row.height).toBeGreaterThanOrEqual(4 * 13.5);
});

test("a 市直部门 name with full-width brackets is matched as typed, not rewritten", async () => {
  const name = "市委（市政府）督查室";
  const p = await save("督查室.xlsx", returnedFile(name, "department"));
  const { data } = await summarizeFiles([p], { year: 2022, weight: 100, expected: { county: COUNTY_UNITS, department: [name] } });
  const row = data.tables.department.rows.find((r) => r.unit === name);
  expect(row).toMatchObject({ unit: name, status: "待核定" });
  expect(data.missing.department).toEqual([]);
});
