// 核定 on the command line as the 考核组 does it without the add-in: `review` makes the 核定表 from the
// returned files, they fill it in a spreadsheet program (ExcelJS here, cell by cell, fill-down as one
// column), `summary --records 核定表.xlsx` applies it. Then the hostile 核定表 a unit wanting a better rank
// (or a slip) would produce, a corrected file after the 核定 (需重新核定), and re-making the 核定表 over a
// filled one (nothing typed is lost).
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSheetRows } from "../../src/read/index";
import { columnOf, readReviewSheet, REVIEW_SHEET, type ColumnKey } from "../../src/review/reviewSheet";
import { REVIEW_ROWS } from "../../src/review/reviewSheetGrid";
import { cli } from "../helpers/cli";
import { returnedFile } from "../review/helpers";

jest.setTimeout(120_000);
const tmp = mkdtempSync(join(tmpdir(), "credit-review-sheet-"));
const returned = join(tmp, "返回");
const sheetFile = join(tmp, "核定表.xlsx");
const filledFile = join(tmp, "核定表-已填.xlsx");
const departments = join(tmp, "名单.txt");
const MEETINGS = "county.1.1.2";

type Row = Record<ColumnKey, unknown> & { row: number };

async function load(file: string): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; rows: Row[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(REVIEW_SHEET)!;
  const rows: Row[] = [];
  for (let r = REVIEW_ROWS.first + 1; r <= ws.rowCount; r++) {
    const key = ws.getCell(r, columnOf("keyClause") + 1).value;
    if (!key || ws.getCell(r, 1).value === null) break; // the table ends at the first blank row
    const row = { row: r } as Row;
    for (const k of ["unit", "clause", "na", "points", "self", "attention", "choice", "deduction", "reason", "reviewer", "recorded", "keyUnit", "keyClause", "keyBasis"] as ColumnKey[]) row[k] = ws.getCell(r, columnOf(k) + 1).value;
    rows.push(row);
  }
  return { wb, ws, rows };
}

/** A clause as messages name it: its number without the kind ("1.1.2"), dots escaped for a RegExp. */
const num = (id: unknown) => String(id).replace(/^[a-z]+\./, "").replace(/\./g, "\\.");
const set = (ws: ExcelJS.Worksheet, r: number, k: ColumnKey, v: ExcelJS.CellValue) => (ws.getCell(r, columnOf(k) + 1).value = v);

beforeAll(async () => {
  mkdirSync(returned);
  writeFileSync(departments, "市教育局\n市民政局\n");
  const save = async (name: string, data: Promise<Buffer>) => writeFileSync(join(returned, name), await data);
  await save("兴山区.xlsx", returnedFile("兴山区", "county"));
  await save("向阳区.xlsx", returnedFile("向阳区", "county", { values: { meetingsHeld: 0 } }));
  await save("南山区.xlsx", returnedFile("南山区", "county", { evidence: false }));
  await save("市教育局.xlsx", returnedFile("市教育局", "department", { notApplicable: ["department.3.3"] }));
});

test("review → a filled 核定表 → summary --records: every returned unit 已核定, the 汇总 no longer a draft", async () => {
  const made = await cli("review", returned, "--out", sheetFile, "--year", "2022", "--departments", departments);
  expect(made.err).toBe("");
  expect(made.code).toBe(0);
  expect(made.out).toMatch(/2022 年度核定表：4 个单位，\d+ 个条款\n {2}需关注 \d+ 行（不涉及 1，缺佐证 \d+）/);
  expect(made.out).toContain(`已写入 ${sheetFile}`);

  const { wb, ws, rows } = await load(sheetFile);
  // Attention first: the 不涉及 claim and 南山区's missing papers; the rest can be agreed as one block.
  const firstCalm = rows.findIndex((r) => !r.attention);
  expect(rows.slice(0, firstCalm).every((r) => r.attention)).toBe(true);
  expect(rows.slice(firstCalm).every((r) => !r.attention)).toBe(true);
  const na = rows.find((r) => r.attention === "不涉及")!;
  expect(na).toMatchObject({ keyUnit: "市教育局", na: "不涉及" });
  // The 考核组: 同意自评 down the calm block (one fill-down), 同意自评 on the 不涉及 claim (confirms it),
  // 改判 each missing paper at the clause's full deduction, and 改判 向阳区's meetings to 1 point.
  for (const r of rows) {
    set(ws, r.row, "reviewer", "张三");
    if (!r.attention && !(r.keyUnit === "向阳区" && r.keyClause === MEETINGS)) set(ws, r.row, "choice", "同意自评");
    else if (r.attention === "不涉及") set(ws, r.row, "choice", "同意自评");
    else {
      set(ws, r.row, "choice", "改判");
      set(ws, r.row, "deduction", r.keyClause === MEETINGS ? 1 : (r.points as number));
      set(ws, r.row, "reason", r.keyClause === MEETINGS ? "会议纪要显示召开 1 次" : "未附佐证材料");
    }
  }
  await wb.xlsx.writeFile(filledFile);

  const sum = await cli("summary", returned, "--records", filledFile, "--json", "--year", "2022", "--departments", departments);
  expect(sum.err).toBe("");
  const data = JSON.parse(sum.out.slice(sum.out.indexOf("{")));
  const all = [...data.tables.county.rows, ...data.tables.department.rows].filter((r: { status: string }) => r.status !== "未返回");
  expect(all.map((r: { unit: string; status: string }) => [r.unit, r.status])).toEqual(expect.arrayContaining([["兴山区", "已核定"], ["向阳区", "已核定"], ["南山区", "已核定"], ["市教育局", "已核定"]]));
  expect(all).toHaveLength(4);
  expect(data.draft).toBe(false);
  const xiangyang = all.find((r: { unit: string }) => r.unit === "向阳区");
  expect(xiangyang).toMatchObject({ score: 99, basis: "核定" });
  expect(data.verifications).toMatchObject({ count: rows.length, byReviewer: [["张三", rows.length]] });
  const written = await cli("summary", returned, "--records", filledFile, "--out", join(tmp, "汇总.xlsx"), "--year", "2022", "--departments", departments);
  expect(written.code).toBe(0);
  expect(written.out).toMatch(new RegExp(`^核定依据：“核定表-已填\\.xlsx”的核定表（${rows.length} 条核定）`));
});

test("a hostile 核定表: a formula, 扣分 over the clause's maximum, a unit that does not exist, two rows disagreeing, a partial sort — each row named and not applied", async () => {
  const { wb, ws, rows } = await load(filledFile);
  const calm = rows.filter((r) => !r.attention && r.keyUnit === "兴山区");
  // 1. A formula in 核定扣分 (its cached result would say 0).
  set(ws, calm[0].row, "choice", "改判");
  set(ws, calm[0].row, "reason", "x");
  ws.getCell(calm[0].row, columnOf("deduction") + 1).value = { formula: "0*1", result: 0 } as ExcelJS.CellFormulaValue;
  // 2. 扣分 over the clause's maximum.
  set(ws, calm[1].row, "choice", "改判");
  set(ws, calm[1].row, "deduction", (calm[1].points as number) + 10);
  set(ws, calm[1].row, "reason", "多扣");
  // 3. A row for a unit that does not exist (its key typed), and 4. a duplicate of calm[2] disagreeing.
  const extra = rows.length + REVIEW_ROWS.first + 1;
  ws.insertRow(extra, []);
  for (const [k, v] of [["unit", "假单位"], ["keyUnit", "假单位"], ["keyClause", MEETINGS], ["keyBasis", "abc"], ["choice", "同意自评"], ["reviewer", "王五"]] as const) set(ws, extra, k, v);
  ws.insertRow(extra + 1, []);
  for (const k of ["unit", "clause", "keyUnit", "keyClause", "keyBasis"] as ColumnKey[]) set(ws, extra + 1, k, calm[2][k] as ExcelJS.CellValue);
  for (const [k, v] of [["choice", "改判"], ["deduction", 0], ["reason", "另一人的意见"], ["reviewer", "李四"]] as const) set(ws, extra + 1, k, v);
  // 5. A partial sort: calm[3]'s 单位 cell swapped with another unit's.
  const other = rows.find((r) => r.keyUnit === "市教育局" && !r.attention)!;
  set(ws, calm[3].row, "unit", "市教育局");
  set(ws, other.row, "unit", "兴山区");
  const hostile = join(tmp, "核定表-异常.xlsx");
  await wb.xlsx.writeFile(hostile);

  const sum = await cli("summary", returned, "--records", hostile, "--json", "--year", "2022", "--departments", departments);
  expect(sum.code).toBe(1);
  const data = JSON.parse(sum.out.slice(sum.out.indexOf("{")));
  const messages = data.problems.filter((p: { severity: string }) => p.severity === "错误").map((p: { message: string }) => p.message).join("\n");
  expect(messages).toMatch(new RegExp(`“核定表”[A-Z]+${calm[0].row} 是公式（=0\\*1）：.*第 ${calm[0].row} 行未采用`));
  expect(messages).toMatch(new RegExp(`第 ${calm[1].row} 行（兴山区 条款 ${num(calm[1].keyClause)}）：核定扣分 ${(calm[1].points as number) + 10} 超过本条扣分`));
  expect(messages).toMatch(new RegExp(`第 ${extra} 行（假单位 条款 1\\.1\\.2）：本次汇总中没有这个单位的表格或这个条款，这条核定未采用`));
  expect(messages).toMatch(new RegExp(`第 ${calm[2].row} 行、.*第 ${extra + 1} 行对兴山区 条款 ${num(calm[2].keyClause)} 作出了不同的核定，均未记录`));
  expect(messages).toMatch(new RegExp(`第 ${calm[3].row} 行的单位或条款（市教育局 .*）与右侧隐藏的键列（兴山区 .*）不一致`));
  const by = (u: string) => [...data.tables.county.rows, ...data.tables.department.rows].find((r: { unit: string }) => r.unit === u);
  // 兴山区 loses those five clauses' 核定 and is not final; the others are as before.
  expect(by("兴山区")).toMatchObject({ status: "有问题" });
  expect(by("兴山区").remaining).toBe(4);
  expect(by("兴山区").score).toBeUndefined();
  expect(by("向阳区")).toMatchObject({ status: "已核定", score: 99 });
  expect(data.draft).toBe(true);
});

test("a file corrected after the 核定: its changed clause is 需重新核定, never applied; re-making the 核定表 keeps every typed decision", async () => {
  const corrected = join(tmp, "返回-更正");
  mkdirSync(corrected);
  for (const u of ["兴山区", "南山区", "市教育局"]) copyFileSync(join(returned, `${u}.xlsx`), join(corrected, `${u}.xlsx`));
  writeFileSync(join(corrected, "向阳区.xlsx"), await returnedFile("向阳区", "county", { values: { meetingsHeld: 2 } }));

  const sum = await cli("summary", corrected, "--records", filledFile, "--json", "--year", "2022", "--departments", departments);
  const data = JSON.parse(sum.out.slice(sum.out.indexOf("{")));
  const xiangyang = data.tables.county.rows.find((r: { unit: string }) => r.unit === "向阳区");
  expect(xiangyang.status).not.toBe("已核定");
  expect(xiangyang.remaining).toBe(1);
  expect(data.problems.map((p: { message: string }) => p.message).join("\n")).toMatch(/（向阳区 条款 1\.1\.2）：改判（张三）是按单位此前的数据作出的.*需重新核定/);

  // Re-made over the filled 核定表: the typed decisions stay on their rows, the stale one goes below.
  const again = join(tmp, "核定表-重做.xlsx");
  copyFileSync(filledFile, again);
  const before = readReviewSheet(readSheetRows(readFileSync(again), REVIEW_SHEET)!.rows).entries.filter((e) => e.typed.choice);
  const made = await cli("review", corrected, "--out", again, "--year", "2022", "--departments", departments);
  expect(made.code).toBe(0);
  expect(made.out).toContain(`沿用已有核定表中填写的核定 ${before.length - 1} 行`);
  expect(made.out).toMatch(/未匹配的核定 1 条/);
  const { rows } = await load(again);
  const meetings = rows.find((r) => r.keyUnit === "向阳区" && r.keyClause === MEETINGS)!;
  expect(meetings).toMatchObject({ choice: null, attention: expect.stringContaining("需重新核定") });
  const after = readReviewSheet(readSheetRows(readFileSync(again), REVIEW_SHEET)!.rows).entries.filter((e) => e.typed.choice);
  expect(after).toHaveLength(before.length);
  expect(after.find((e) => e.unmatched)).toMatchObject({ unit: "向阳区", clauseId: MEETINGS, typed: { choice: "改判", deduction: 1 } });
});

test("--out that is not a 核定表 is never overwritten; a missing --records file is named", async () => {
  const template = join(returned, "兴山区.xlsx");
  const bytes = readFileSync(template);
  const r = await cli("review", join(returned, "向阳区.xlsx"), "--out", template, "--year", "2022");
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/已存在且不是核定表（没有“核定表”工作表），为免覆盖未写入/);
  expect(readFileSync(template).equals(bytes)).toBe(true);
  const m = await cli("summary", returned, "--records", join(tmp, "没有.xlsx"), "--json", "--year", "2022");
  expect(m.code).toBe(2);
  expect(m.err).toMatch(/无法使用核定记录文件“.*没有\.xlsx”：文件不存在或无法读取/);
});
