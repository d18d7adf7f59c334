// Issue 18, item 5 (b): the scripted year on the command line — 8 县区 + 42 市直部门 returned, 5 不涉及 claims,
// 10 % of the clauses 改判 — from `review` through a 核定表 filled as a person fills it in a spreadsheet program
// (a filter and a fill-down count as one action each; each typed cell as one) to `summary --records`, which
// leaves every unit 已核定 and the 汇总 final. The actions are counted and printed for the closing note.
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { columnOf, type ColumnKey } from "../../src/review/reviewSheet";
import { REVIEW_ROWS } from "../../src/review/reviewSheetGrid";
import { cli } from "../helpers/cli";
import { decisions as scripted, fillOf, keyOf, REVIEWERS, UNITS, YEAR } from "../fixtures/scriptedYear";
import { returnedFile } from "../review/helpers";

jest.setTimeout(600_000);
const tmp = mkdtempSync(join(tmpdir(), "credit-scripted-year-"));
const returned = join(tmp, "返回");

beforeAll(async () => {
  mkdirSync(returned);
  for (const u of UNITS) writeFileSync(join(returned, `${u.unit}.xlsx`), await returnedFile(u.unit, u.kind, fillOf(u)));
});

test("review → a filled 核定表 → summary --records: every unit 已核定, the 汇总 final, in counted actions", async () => {
  const sheet = join(tmp, "核定表.xlsx");
  const made = await cli("review", returned, "--out", sheet, "--year", String(YEAR));
  expect(made.err).toBe("");
  expect(made.code).toBe(0);
  expect(made.out).toMatch(new RegExp(`${YEAR} 年度核定表：50 个单位，992 个条款\n {2}需关注 5 行（不涉及 5）`));
  let actions = 1; // running review

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sheet);
  const ws = wb.getWorksheet("核定表")!;
  const at = (r: number, k: ColumnKey) => ws.getCell(r, columnOf(k) + 1);
  const decided = new Map(scripted().map((d) => [keyOf(d.unit, d.clauseId), d]));
  const decision = (r: number) => decided.get(keyOf(String(at(r, "keyUnit").value), String(at(r, "keyClause").value)));
  const rows: number[] = [];
  for (let r = REVIEW_ROWS.first + 1; at(r, "keyClause").value; r++) rows.push(r);
  expect(rows).toHaveLength(992);
  // 核定人: one fill-down per reviewer (each takes half the table).
  rows.forEach((r, i) => (at(r, "reviewer").value = REVIEWERS[i < rows.length / 2 ? 0 : 1]));
  actions += 2 * 2; // a name typed and filled down, twice
  // 同意自评 over every row needing no attention: a filter on 需关注 (blank) and one fill-down.
  const agree = rows.filter((r) => !at(r, "attention").value && !decision(r));
  for (const r of agree) at(r, "choice").value = "同意自评";
  actions += 2 + 1; // filter on, filter off, the fill-down
  // The 不涉及 claims one by one (each looked at), then every 改判: choice, 扣分 and 说明 typed.
  let claims = 0;
  let changed = 0;
  for (const r of rows) {
    if (at(r, "choice").value) continue;
    const d = decision(r)!;
    at(r, "choice").value = d.choice;
    actions++;
    if (d.choice === "改判") {
      at(r, "deduction").value = d.deduction!;
      at(r, "reason").value = d.reason!;
      actions += 2;
      changed++;
    } else claims++;
  }
  expect(claims).toBe(UNITS.filter((u) => u.notApplicable.length).length);
  expect(changed).toBe(99); // 10 % of 992
  const filled = join(tmp, "核定表-已填.xlsx");
  await wb.xlsx.writeFile(filled);
  actions++; // save

  const out = join(tmp, "汇总.xlsx");
  const sum = await cli("summary", returned, "--records", filled, "--out", out, "--year", String(YEAR));
  actions++;
  expect(sum.err).toBe("");
  expect(sum.code).toBe(0);
  const json = JSON.parse((await cli("summary", returned, "--records", filled, "--json", "--year", String(YEAR))).out);
  const all = [...json.tables.county.rows, ...json.tables.department.rows];
  expect(all.filter((r: { status: string }) => r.status !== "已核定")).toEqual([]);
  expect(json.draft).toBe(false);
  expect(json.verifications.count).toBe(992);
  const claimed = all.filter((r: { notApplicable?: unknown[] }) => r.notApplicable?.length);
  expect(claimed.map((r: { unit: string; notApplicable: { decided: string }[] }) => [r.unit, r.notApplicable[0].decided]).sort()).toEqual(UNITS.filter((u) => u.notApplicable.length).map((u) => [u.unit, "已确认"]).sort());
  console.log(`[scripted year, command line] ${actions} actions (the 核定表: 992 rows, ${agree.length} agreed by one fill-down, ${claims} 不涉及 confirmed, ${changed} 改判 × 3 cells); 3 commands`);
});
