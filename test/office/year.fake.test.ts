// Issue 18 item 5 (a): a scripted year in the add-in on the stateful fake Excel — 8 县区 + 42 市直部门 returned,
// 10 % of the clauses 改判, 5 不涉及 claims — until every unit is 已核定, counting what a member of the 考核组 does
// (a click, a choice, a typed field in the pane or in a cell; a fill-down or a paste over a filtered block is one)
// and what the add-in asks of Excel (syncs, the largest request and response). The 改判 are the platform's: the
// office pastes the figures it looked up on the credit platform into the 平台数据 sheets (a column of the
// platform's export per paste), the 核定表 shows where they give another deduction, and each such row is one
// 按平台数据 choice (test/fixtures/scriptedPlatform.ts; issue 19 item 2).
import { getCatalog, unitsOf, type UnitKind } from "../../src/core/index";
import { platformSheetName } from "../../src/core/platform";
import { buildPlatformLayout, PLATFORM_ROWS } from "../../src/layout/platform";
import { buildTemplateLayout } from "../../src/layout/template";
import { AUDIT_SHEET, parseAuditRows } from "../../src/review/verification";
import { REVIEW_SHEET, readReviewSheet } from "../../src/review/reviewSheet";
import { createOfficeActions } from "../../src/taskpane/officeActions";
import type { BulkRecordResult, CreditActions } from "../../src/taskpane/actions";
import { addLayoutSheet, FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { decisions, REVIEWER, UNITS, YEAR, type ScriptedDecision } from "../fixtures/scriptedYear";
import { scriptedPlatform } from "../fixtures/scriptedPlatform";

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
  /** Pasting a column copied from the platform's export over a sheet's rows: one action. */
  paste(s: FakeSheet, cells: [row: number, col: number, value: string | number][], what: string): void {
    for (const [r, c, v] of cells) s.cell(r, c).v = v;
    this.count(what);
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

  // 1. 平台数据: each kind's sheet made in the pane, the platform's export pasted a column at a time, the 调阅日期
  //    typed once and filled down.
  const all = decisions();
  const claims: ScriptedDecision[] = all.filter((d) => d.choice === "同意自评");
  const revise = all.filter((d) => d.choice === "改判").length;
  expect(revise).toBe(99);
  const platform = scriptedPlatform(YEAR, UNITS, revise);
  member.count("点功能区“平台数据”");
  for (const kind of ["county", "department"] as const) {
    const members = unitsOf(YEAR)[kind];
    member.count(`选“${kind === "county" ? "县区" : "市直部门"}”`);
    await member.click("生成平台数据表", () => pane.makePlatformSheet(YEAR, kind));
    const layout = buildPlatformLayout(getCatalog(YEAR, kind), members);
    const ps = book.sheet(platformSheetName(kind));
    const rowOfUnit = (u: string) => PLATFORM_ROWS.first + members.indexOf(u) + 1;
    for (const id of platform.columns[kind]) {
      const cells = members.flatMap((u): [number, number, number][] => (platform.figures.get(u)?.[id] === undefined ? [] : [[rowOfUnit(u), layout.columns.get(id)! + 1, platform.figures.get(u)![id] as number]]));
      member.paste(ps, cells, "粘贴平台导出的一列");
    }
    member.typeCell(ps, rowOfUnit(members[0]), layout.dateCol + 1, platform.date, "填调阅日期");
    member.fillDown(ps, members.slice(1).map(rowOfUnit), layout.dateCol + 1, platform.date, "向下填充调阅日期");
  }

  // 2. Open 核定 (the ribbon's 核定 button) and make the 核定表: the platform's figures in it.
  member.count("点功能区“核定”");
  const progress0 = await book.run(() => pane.reviewProgress());
  expect(progress0.units).toHaveLength(50);
  expect(progress0.units.every((u) => u.status === "待核定")).toBe(true);
  const made = await member.click("生成核定表", () => pane.makeReviewSheet());
  expect(made).toMatchObject({ rows: 992, attention: 5 + revise, kept: 0, unmatched: 0, refreshed: false, skipped: [], platform: { differ: revise } });
  const sheet = book.sheet(REVIEW_SHEET);
  const entries = readReviewSheet(rowsOf(sheet)).entries;
  expect(entries).toHaveLength(992);
  const rowOf = new Map(entries.map((e) => [`${e.unit}|${e.clauseId}`, e.row]));
  const col = (h: string) => columnOf(sheet, h);

  // 3. The 改判: each row the platform decides otherwise, one choice from the cell's list — 按平台数据 records
  //    the platform's deduction with the reason the row shows.
  for (const d of platform.revised) {
    const r = rowOf.get(`${d.unit}|${d.clauseId}`)!;
    expect(sheet.peek(r, col("需关注"))?.v).toBe("平台扣分不同");
    expect(sheet.peek(r, col("平台扣分"))?.v).toBe(d.proposed);
    member.typeCell(sheet, r, col("核定"), "按平台数据", "选“按平台数据”");
  }
  // 4. The 不涉及 claims: filter 需关注 on 不涉及, 同意自评 in the first row and filled down, filter cleared.
  expect(claims).toHaveLength(5);
  member.filter("需关注");
  const naRows = entries.filter((e) => String(sheet.peek(e.row, col("需关注"))?.v ?? "").includes("不涉及")).map((e) => e.row);
  expect(naRows.sort()).toEqual(claims.map((d) => rowOf.get(`${d.unit}|${d.clauseId}`)!).sort());
  member.typeCell(sheet, naRows[0], col("核定"), "同意自评", "在筛选出的第一行选“同意自评”");
  member.fillDown(sheet, naRows.slice(1), col("核定"), "同意自评", "向下填充");
  member.count("清除筛选");

  // 5. In the pane: the 核定人 for rows left blank, 记录核定, then 同意全部无需关注的条款.
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
  // The platform's 改判 in the 核定记录: the platform's deduction, the ready reason with the 调阅日期.
  const log = parseAuditRows(rowsOf(book.sheet(AUDIT_SHEET)).map((r) => r.map((v) => (v === null ? "" : v)))).entries;
  const byPlatform = log.filter((e) => e.kind === "按平台数据");
  expect(byPlatform).toHaveLength(revise);
  for (const d of platform.revised) expect(byPlatform.find((e) => e.unit === d.unit && e.clauseId === d.clauseId)).toMatchObject({ to: d.proposed, reason: expect.stringMatching(new RegExp(`^平台调阅（${platform.date}）.*扣 [\\d.]+ 分；单位自报`)) });

  const syncs = book.syncs - syncsBefore;
  const largest = Math.max(...book.requests.map((x) => Math.max(x.request, x.response)));
  console.log(`[year] ${member.actions} user actions; ${syncs} syncs; largest request/response ${(largest / 1e6).toFixed(2)} MB\n  ${summarize(member.log).join("\n  ")}\n  ${member.syncs.join("\n  ")}`);
  for (const x of book.requests) expect(Math.max(x.request, x.response)).toBeLessThan(LIMIT);
  expect(syncs).toBeLessThanOrEqual(40);
  // ≤ 150 asked: 99 按平台数据 choices, the 平台数据 pasted (a column of the export per paste, the date typed and
  // filled down on each sheet, the sheets made), and the 10 actions of the rest of the year.
  const pasted = platform.columns.county.length + platform.columns.department.length;
  expect(member.actions).toBe(revise + (1 + 2 * 2 + pasted + 2 * 2) + 10);
  expect(member.actions).toBeLessThanOrEqual(150);
}, 300_000);

/** The log with equal lines counted once: "99 × 1 选“改判”". */
function summarize(log: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of log) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${n} × ${l}` : l));
}
