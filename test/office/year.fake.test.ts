// Issue 18 item 5 (a): a scripted year in the add-in on the stateful fake Excel — 8 县区 + 42 市直部门 returned,
// 10 % of the clauses 改判, 5 不涉及 claims — until every unit is 已核定, counting what a member of the 考核组 does
// (a click, a choice, a typed field in the pane or in a cell; a fill-down or a paste over a filtered block is one)
// and what the add-in asks of Excel (syncs, the largest request and response).
import { getCatalog, type UnitKind } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { REVIEW_SHEET, readReviewSheet } from "../../src/review/reviewSheet";
import { createOfficeActions } from "../../src/taskpane/officeActions";
import type { BulkRecordResult, CreditActions } from "../../src/taskpane/actions";
import { addLayoutSheet, FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { decisions, REVIEWER, UNITS, YEAR, type ScriptedDecision } from "../fixtures/scriptedYear";

const LIMIT = 5 * 1024 * 1024;

/** What the member of the 考核组 does, counted one by one. */
class Member {
  actions = 0;
  readonly log: string[] = [];
  constructor(
    private readonly book: FakeWorkbook,
    readonly pane: CreditActions,
  ) {}
  count(what: string, n = 1): void {
    this.actions += n;
    this.log.push(`${n} ${what}`);
  }
  /** A click on a pane button (the action runs on the fake Excel). */
  async click<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.count(`点“${label}”`);
    const syncs = this.book.syncs;
    const requests = this.book.requests.length;
    const result = await this.book.run(work);
    const largest = Math.max(...this.book.requests.slice(requests).map((x) => Math.max(x.request, x.response)));
    this.syncs.push(`${label}: ${this.book.syncs - syncs} syncs, largest ${(largest / 1e6).toFixed(2)} MB`);
    return result;
  }
  readonly syncs: string[] = [];
  /** Typing one field of the pane. */
  typeInPane(label: string): void {
    this.count(`在窗格填写“${label}”`);
  }
  /** Typing (or choosing from a cell's list) one cell of the 核定表. */
  typeCell(s: FakeSheet, row: number, col: number, value: string | number, what: string): void {
    s.cell(row, col).v = value;
    this.count(what);
  }
  /** Filtering a column of the 核定表 to one value (the filter arrow, then the value): two actions. */
  filter(column: string): void {
    this.count(`筛选“${column}”列（点筛选按钮、选一项）`, 2);
  }
  /** A fill-down over the visible rows of a filtered block: one action. */
  fillDown(s: FakeSheet, rows: number[], col: number, value: string, what: string): void {
    for (const r of rows) s.cell(r, col).v = value;
    this.count(`${what}（筛选出的其余 ${rows.length} 行）`);
  }
}

/** Column (1-based) of a 核定表 heading, found as a person finds it: by its heading in the header row. */
function columnOf(s: FakeSheet, heading: string): number {
  for (let r = 1; r <= 10; r++) for (let c = 1; c <= 40; c++) if (s.peek(r, c)?.v === heading) return c;
  throw new Error(`no column ${heading}`);
}

function rowsOf(s: FakeSheet): unknown[][] {
  const box = s.used(true)!;
  return Array.from({ length: box.r2 }, (_, r) => Array.from({ length: box.c2 }, (_, c) => s.peek(r + 1, c + 1)?.v ?? null));
}

test("a scripted year reaches every unit 已核定 in the pane: actions and syncs counted, no request over 5 MB", async () => {
  const book = new FakeWorkbook();
  // The returned sheets, imported (导入回收表 is counted in its own step; here the 核定 starts from them).
  for (const u of UNITS) {
    addLayoutSheet(book, buildTemplateLayout(getCatalog(YEAR, u.kind as UnitKind), { name: u.unit }, { variant: "addin", answers: { values: u.values, notApplicable: u.notApplicable, evidence: u.evidence } }));
  }
  book.supported = () => true; // Excel on the web: every requirement set, and isPasswordProtected (ExcelApiOnline)
  const member = new Member(book, createOfficeActions());
  const pane = member.pane;
  const syncsBefore = book.syncs;

  // 1. Open 核定 (the ribbon's 核定 button) and make the 核定表.
  member.count("点功能区“核定”");
  const progress0 = await book.run(() => pane.reviewProgress());
  expect(progress0.units).toHaveLength(50);
  expect(progress0.units.every((u) => u.status === "待核定")).toBe(true);
  const made = await member.click("生成核定表", () => pane.makeReviewSheet());
  expect(made).toMatchObject({ rows: 992, attention: 5, kept: 0, unmatched: 0, refreshed: false, skipped: [] });
  const sheet = book.sheet(REVIEW_SHEET);
  const entries = readReviewSheet(rowsOf(sheet)).entries;
  expect(entries).toHaveLength(992);
  const rowOf = new Map(entries.map((e) => [`${e.unit}|${e.clauseId}`, e.row]));
  const col = (h: string) => columnOf(sheet, h);

  // 2. The 改判: each row its choice (from the cell's list), its 核定扣分 and its 核定说明.
  const all = decisions();
  const revised = all.filter((d) => d.choice === "改判");
  expect(revised).toHaveLength(99);
  for (const d of revised) {
    const r = rowOf.get(`${d.unit}|${d.clauseId}`)!;
    member.typeCell(sheet, r, col("核定"), "改判", "选“改判”");
    member.typeCell(sheet, r, col("核定扣分"), d.deduction!, "填核定扣分");
    member.typeCell(sheet, r, col("核定说明"), d.reason!, "填核定说明");
  }
  // 3. The 不涉及 claims: filter 需关注 on 不涉及, 同意自评 in the first row and filled down, filter cleared.
  const claims: ScriptedDecision[] = all.filter((d) => d.choice === "同意自评");
  expect(claims).toHaveLength(5);
  member.filter("需关注");
  const naRows = entries.filter((e) => String(sheet.peek(e.row, col("需关注"))?.v ?? "").includes("不涉及")).map((e) => e.row);
  expect(naRows.sort()).toEqual(claims.map((d) => rowOf.get(`${d.unit}|${d.clauseId}`)!).sort());
  member.typeCell(sheet, naRows[0], col("核定"), "同意自评", "在筛选出的第一行选“同意自评”");
  member.fillDown(sheet, naRows.slice(1), col("核定"), "同意自评", "向下填充");
  member.count("清除筛选");

  // 4. In the pane: the 核定人 for rows left blank, 记录核定, then 同意全部无需关注的条款.
  member.typeInPane("核定人");
  const recorded: BulkRecordResult = await member.click("记录核定", () => pane.recordReviewSheet({ defaultReviewer: REVIEWER }));
  expect(recorded.issues).toEqual([]);
  expect(recorded.recorded).toBe(104);
  const confirmed = await member.click("同意全部无需关注的条款", () => pane.confirmUnattended({ reviewer: REVIEWER }));
  expect(confirmed.issues).toEqual([]);
  expect(confirmed.recorded).toBe(992 - 104);

  // Every unit 已核定, as the pane lists them.
  expect(confirmed.units).toHaveLength(50);
  expect(confirmed.units.filter((u) => u.status !== "已核定")).toEqual([]);
  const after = await book.run(() => pane.reviewProgress());
  expect(after.units.every((u) => u.status === "已核定" && u.verified === u.clauses && !u.stale)).toBe(true);

  const syncs = book.syncs - syncsBefore;
  const largest = Math.max(...book.requests.map((x) => Math.max(x.request, x.response)));
  console.log(`[year] ${member.actions} user actions; ${syncs} syncs; largest request/response ${(largest / 1e6).toFixed(2)} MB\n  ${summarize(member.log).join("\n  ")}\n  ${member.syncs.join("\n  ")}`);
  for (const x of book.requests) expect(Math.max(x.request, x.response)).toBeLessThan(LIMIT);
  expect(syncs).toBeLessThanOrEqual(40);
  // ≤ 150 asked; 99 改判 × (choice + 核定扣分 + 核定说明) = 297 typed cells alone, so the honest count is above it:
  // every other step of the year takes 10 actions.
  expect(member.actions).toBe(3 * revised.length + 10);
}, 300_000);

/** The log with equal lines counted once: "99 × 1 选“改判”". */
function summarize(log: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of log) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${n} × ${l}` : l));
}
