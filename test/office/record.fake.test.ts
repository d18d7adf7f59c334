// 记录核定 from the 核定表 and 同意自评 of every row that needs no attention, on the stateful fake Excel: every
// filled row recorded at once (one recording, its unit-sheet cells with it), rows with mistakes listed by row and
// cell and not recorded, a decision made on other figures reported 需重新核定, and nothing recorded twice.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog, indexOf, unitsOf, type UnitKind } from "../../src/core/index";
import { platformSheetName } from "../../src/core/platform";
import { buildPlatformLayout, PLATFORM_ROWS } from "../../src/layout/platform";
import { makePlatformSheet } from "../../src/office/platform";
import { names } from "../../src/core/names";
import { buildTemplateLayout } from "../../src/layout/template";
import { confirmUnattended, makeReviewSheet, RecordError, recordReviewSheet, reviewProgress, type RecordOptions } from "../../src/office/record";
import type { TypedDecision } from "../../src/review/decisions";
import { REVIEW_COLUMNS, REVIEW_SHEET, reviewSheetData, type ReviewSheetRow } from "../../src/review/reviewSheet";
import { placeUnits } from "../../src/review/summary";
import { reviewUnit } from "../../src/review/unit";
import { AUDIT_HEADERS, AUDIT_SHEET, parseAuditRows } from "../../src/review/verification";
import { readAuditFile } from "../../src/xlsx/readAuditFile";
import { addLayoutSheet, FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { PERFECT } from "../fixtures/answers";
import { sheetOf, type SheetFill } from "../review/sheets";

const evidenceOf = (kind: UnitKind) => Object.fromEntries([...indexOf(getCatalog(2022, kind)).clauses.keys()].map((id) => [id, "已附（见附件）"]));
// A 县区 may claim 不涉及 on no indicator (docs/rules-2022.md): the claim is a 市直部门's.
const expected = { county: ["兴山区", "萝北县"], department: ["市教育局"] };
const KIND: Record<string, UnitKind> = { 兴山区: "county", 萝北县: "county", 市教育局: "department" };
const opts: RecordOptions = { year: 2022, expected, now: new Date("2022-12-20T07:04:05Z"), supports: (set, v) => set === "ExcelApiOnline" || Number(v) < 1.7 };
const FILLS: Record<string, SheetFill> = {
  // 0 meetings held: county.1.1.2 deducts.
  兴山区: { values: { meetingsHeld: 0 } },
  萝北县: {},
  // 不涉及 claimed on department.3.3 (a claim the 考核组 confirms).
  市教育局: { notApplicable: ["department.3.3"] },
};

function unitSheet(book: FakeWorkbook, unit: string, kind: UnitKind = KIND[unit]) {
  const fill = FILLS[unit];
  addLayoutSheet(book, buildTemplateLayout(getCatalog(2022, kind), { name: unit }, { variant: "addin", answers: { values: { ...PERFECT[kind], ...fill.values }, notApplicable: fill.notApplicable, evidence: evidenceOf(kind) } }));
}

/** The 核定表 as the reviews make it (src/review/reviewSheet.ts), written as plain cells from row 1. */
function rowsNow(): ReviewSheetRow[] {
  const reviews = Object.keys(FILLS).map((u) => reviewUnit(sheetOf(u, KIND[u], FILLS[u]), { year: 2022, expected, origin: "workbook" }));
  return reviewSheetData(placeUnits(reviews, { expected }), { year: 2022, expected, generatedAt: "" }).rows;
}

function writeSheet(book: FakeWorkbook, rows: ReviewSheetRow[], typed: (r: ReviewSheetRow) => Partial<TypedDecision> | undefined): FakeSheet {
  const s = book.find(REVIEW_SHEET) ?? book.addSheet(REVIEW_SHEET);
  REVIEW_COLUMNS.forEach((c, i) => (s.cell(1, i + 1).v = c.heading));
  rows.forEach((r, k) => {
    const t = typed(r) ?? {};
    const cells: Record<string, unknown> = { unit: r.unit, clause: r.clause, reported: r.reported, na: r.na, evidence: r.evidence, points: r.points, self: r.self, problems: r.problems, attention: r.attention.join("、"), choice: t.choice, deduction: t.deduction, reason: t.reason, reviewer: t.reviewer, recorded: r.recorded, keyUnit: r.unit, keyClause: r.clauseId, keyBasis: r.basis };
    REVIEW_COLUMNS.forEach((c, i) => {
      const v = cells[c.key];
      s.cell(k + 2, i + 1).v = v === undefined || v === "" ? null : (v as string | number);
    });
  });
  return s;
}

function office(): FakeWorkbook {
  const book = new FakeWorkbook();
  for (const u of Object.keys(FILLS)) unitSheet(book, u);
  return book;
}

const logEntries = (book: FakeWorkbook) => {
  const s = book.find(AUDIT_SHEET);
  if (!s) return [];
  const rows = Array.from({ length: s.used(true)?.r2 ?? 0 }, (_, r) => AUDIT_HEADERS.map((_, c) => s.peek(r + 1, c + 1)?.v ?? null));
  const parsed = parseAuditRows(rows);
  expect(parsed.problems).toEqual([]);
  return parsed.entries;
};
const rowNumber = (rows: ReviewSheetRow[], unit: string, clauseId: string) => rows.findIndex((r) => r.unit === unit && r.clauseId === clauseId) + 2;

test("记录核定: every filled row at once; mistakes listed by row and cell and not recorded; the unit-sheet cells follow the record", async () => {
  const book = office();
  const rows = rowsNow();
  const decisions: Record<string, Partial<TypedDecision>> = {
    "兴山区|county.1.1.2": { choice: "改判", deduction: 1, reason: "会议纪要不全，酌情扣 1 分", reviewer: "李四" },
    "兴山区|county.1.1.1": { choice: "同意自评" }, // 核定人 blank: the pane's default
    "萝北县|county.1.1.1": { choice: "改判", deduction: 1 }, // no 核定说明: a mistake
    "萝北县|county.1.1.2": { choice: "同意", reviewer: "李四" }, // not a choice: a mistake
  };
  writeSheet(book, rows, (r) => decisions[`${r.unit}|${r.clauseId}`]);
  const out = await book.run(() => recordReviewSheet({ ...opts, defaultReviewer: "张三" }));
  expect(out.recorded).toBe(2);
  expect(out.issues.map((i) => [i.row, i.address])).toEqual(
    [[rowNumber(rows, "萝北县", "county.1.1.1")], [rowNumber(rows, "萝北县", "county.1.1.2")]].sort((a, b) => a[0] - b[0]).map(([r]) => [r, `J${r}`]),
  );
  expect(out.issues.map((i) => i.message).join("\n")).toMatch(/改判须填写核定说明[\s\S]*“核定”列为“同意”/);
  const entries = logEntries(book);
  expect(entries.map((e) => [e.unit, e.clauseId, e.kind, e.to, e.reason, e.reviewer]).sort()).toEqual(
    [
      ["兴山区", "county.1.1.1", "同意自评", 0, "同意自评", "张三"],
      ["兴山区", "county.1.1.2", "改判", 1, "会议纪要不全，酌情扣 1 分", "李四"],
    ].sort(),
  );
  const unit = book.sheet("兴山区");
  expect([book.named(unit, names.verified("county.1.1.2"))?.v, book.named(unit, names.verifiedReason("county.1.1.2"))?.v]).toEqual([1, "会议纪要不全，酌情扣 1 分"]);
  expect(unit.protected).toBe(true);
  const xs = out.units.find((u) => u.unit === "兴山区")!;
  expect(xs).toMatchObject({ verified: 2, status: "待核定" });
  // Bounded: the snapshot's reads, then the append's.
  expect(out.syncs).toBe(book.syncs);
  expect(out.syncs).toBeLessThanOrEqual(10);

  // Again: nothing new is recorded (the record already says it), the two mistakes are listed again.
  const again = await book.run(() => recordReviewSheet({ ...opts, defaultReviewer: "张三" }));
  expect([again.recorded, again.already, again.issues.length]).toEqual([0, 2, 2]);
  expect(logEntries(book)).toHaveLength(2);
});

test("a decision made on figures the unit has since corrected is 需重新核定: listed, not recorded", async () => {
  const book = office();
  const rows = rowsNow();
  writeSheet(book, rows, (r) => (r.unit === "萝北县" && r.clauseId === "county.1.1.2" ? { choice: "同意自评", reviewer: "李四" } : undefined));
  // The unit's corrected file, imported after the 核定表 was made: no meeting held any more.
  const unit = book.sheet("萝北县");
  const cell = unit.names.find((n) => n.name === names.input("meetingsHeld"))!.ref!;
  unit.cell(cell.r1, cell.c1).v = 0;
  const out = await book.run(() => recordReviewSheet(opts));
  expect([out.recorded, out.stale]).toEqual([0, 1]);
  expect(out.issues[0]).toMatchObject({ row: rowNumber(rows, "萝北县", "county.1.1.2") });
  expect(out.issues[0].message).toMatch(/需重新核定/);
  expect(book.find(AUDIT_SHEET)).toBeUndefined();
});

test("同意自评 of every row that needs no attention: never a 不涉及 claim or a clause with a problem; then the rest, and every unit is 已核定", async () => {
  const book = office();
  const rows = rowsNow();
  writeSheet(book, rows, () => undefined);
  const attention = rows.filter((r) => r.attention.length);
  expect(attention.some((r) => r.attention.includes("不涉及"))).toBe(true);
  const out = await book.run(() => confirmUnattended("张三", opts));
  expect(out.recorded).toBe(rows.length - attention.length);
  const recorded = new Set(logEntries(book).map((e) => `${e.unit}|${e.clauseId}`));
  for (const r of attention) expect(recorded.has(`${r.unit}|${r.clauseId}`)).toBe(false);
  expect(logEntries(book).every((e) => e.kind === "同意自评" && e.reviewer === "张三")).toBe(true);
  expect(out.units.find((u) => u.unit === "萝北县")?.status).toBe("已核定");
  expect(out.units.find((u) => u.unit === "市教育局")).toMatchObject({ status: "待核定", attention: attention.filter((r) => r.unit === "市教育局").length });
  // The 不涉及 claims confirmed in the 核定表 (a fill-down of 同意自评 over the filtered rows), then recorded.
  writeSheet(book, rows, (r) => (r.attention.length ? { choice: "同意自评", reviewer: "李四" } : undefined));
  const rest = await book.run(() => recordReviewSheet(opts));
  expect([rest.recorded, rest.issues]).toEqual([attention.length, []]);
  expect(rest.units.map((u) => u.status)).toEqual(["已核定", "已核定", "已核定"]);
  const progress = await book.run(() => reviewProgress(opts));
  expect(progress.units.map((u) => [u.unit, u.status, u.verified === u.clauses])).toEqual([["兴山区", "已核定", true], ["萝北县", "已核定", true], ["市教育局", "已核定", true]]);
  // A second 同意自评 of all finds nothing left.
  expect((await book.run(() => confirmUnattended("张三", opts))).recorded).toBe(0);
});

describe("生成核定表 / 更新核定表 in the office's workbook (the document the command line's review writes)", () => {
  /** Excel on the web: every requirement set (autofilter, freeze panes, validation, print setup). */
  const web: RecordOptions = { ...opts, supports: () => true };
  /** The 核定表's cell of a heading on a unit's clause row (found by heading and key, as a person finds it). */
  function at(s: FakeSheet, unit: string, clauseId: string, heading: string): { r: number; c: number } {
    const box = s.used(true)!;
    let head = 0;
    const col = new Map<string, number>();
    for (let r = 1; r <= 10 && !head; r++) {
      for (let c = 1; c <= box.c2; c++) if (s.peek(r, c)?.v === "条款编号") head = r;
    }
    for (let c = 1; c <= box.c2; c++) col.set(String(s.peek(head, c)?.v ?? ""), c);
    for (let r = head + 1; r <= box.r2; r++) {
      if (s.peek(r, col.get("单位（键）")!)?.v === unit && s.peek(r, col.get("条款编号")!)?.v === clauseId) return { r, c: col.get(heading)! };
    }
    throw new Error(`no row ${unit} ${clauseId}`);
  }
  const type = (s: FakeSheet, unit: string, clauseId: string, cells: Record<string, string | number>) => {
    for (const [heading, v] of Object.entries(cells)) {
      const { r, c } = at(s, unit, clauseId, heading);
      s.cell(r, c).v = v;
    }
  };

  test("with the workbook's 平台数据 sheet: 平台扣分 and the ready reason on the rows, 按平台数据 records the platform's deduction; the platform corrected before 记录核定 — 需重新核定, nothing recorded", async () => {
    const book = office();
    book.supported = () => true;
    await book.run(() => makePlatformSheet(2022, "county"));
    const ps = book.sheet(platformSheetName("county"));
    const layout = buildPlatformLayout(getCatalog(2022, "county"), unitsOf(2022).county);
    const cellOf = (unit: string, col: number) => ({ r: PLATFORM_ROWS.first + unitsOf(2022).county.indexOf(unit) + 1, c: col + 1 });
    const put = (unit: string, id: string, v: string | number) => {
      const { r, c } = cellOf(unit, layout.columns.get(id)!);
      ps.cell(r, c).v = v;
    };
    // Pasted as an office pastes: a thousands separator, full-width digits.
    put("兴山区", "xydEntered", "1,200");
    put("兴山区", "marketEntities", "１２０００");
    const date = cellOf("兴山区", layout.dateCol);
    ps.cell(date.r, date.c).v = "2022-12-20";
    const made = await book.run(() => makeReviewSheet(web));
    expect(made.platform).toEqual({ rows: expect.any(Number), differ: 1 });
    const s = book.sheet(REVIEW_SHEET);
    const cell = (heading: string) => {
      const { r, c } = at(s, "兴山区", "county.2.1.1", heading);
      return s.peek(r, c)?.v;
    };
    expect(cell("平台扣分")).toBe(10);
    expect(cell("需关注")).toBe("平台扣分不同");
    expect(String(cell("平台调阅"))).toMatch(/^平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10\.0%，低于 20%，扣 10 分；单位自报：/);
    type(s, "兴山区", "county.2.1.1", { 核定: "按平台数据", 核定人: "李四" });

    // The office corrects its platform figure before anyone clicks 记录核定: the choice was made on the old one.
    put("兴山区", "xydEntered", 1300);
    const stale = await book.run(() => recordReviewSheet(web));
    expect(stale).toMatchObject({ recorded: 0, stale: 1 });
    expect(stale.issues[0].message).toMatch(/兴山区 条款 2\.1\.1）：按平台数据（李四）是按此前的平台数据作出的.*需重新核定/);
    expect(logEntries(book)).toEqual([]);

    // Corrected back (or the 核定表 refreshed and chosen again): recorded with the platform's deduction and its reason.
    put("兴山区", "xydEntered", 1200);
    const ok = await book.run(() => recordReviewSheet(web));
    expect(ok).toMatchObject({ recorded: 1, issues: [] });
    expect(logEntries(book)).toEqual([expect.objectContaining({ unit: "兴山区", clauseId: "county.2.1.1", kind: "按平台数据", to: 10, reviewer: "李四", reason: String(cell("平台调阅")) })]);
  });

  test("made from the unit sheets: every unit × clause, attention first, not protected; refreshed, every typed decision is kept — on its row, or in 未匹配 when the unit's figures changed", async () => {
    const book = office();
    book.supported = () => true;
    const made = await book.run(() => makeReviewSheet(web));
    const rows = rowsNow();
    expect(made).toMatchObject({ rows: rows.length, attention: rows.filter((r) => r.attention.length).length, kept: 0, unmatched: 0, refreshed: false, skipped: [], left: [] });
    expect(made.syncs).toBeLessThanOrEqual(6);
    const s = book.sheet(REVIEW_SHEET);
    expect(s.protected).toBe(false);
    expect(s.autoFilter).toMatch(/^A\d+:Q\d+$/);
    // Printed one page wide and as many pages tall as the rows need: a scale (Excel's fit-to height with only a width
    // given is undocumented and would put every row on one page), with the margins the command line's file has.
    expect(s.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { scale: expect.any(Number) }, leftMargin: 28.8 });
    expect((s.page.zoom as { scale: number }).scale).toBeGreaterThanOrEqual(60);
    expect((s.page.zoom as { scale: number }).scale).toBeLessThanOrEqual(100);
    const first = at(s, rows[0].unit, rows[0].clauseId, "需关注");
    expect(String(s.peek(first.r, first.c)?.v)).toMatch(/不涉及/);

    // The 考核组 fills two rows; then 萝北县's corrected file changes one clause's figures.
    type(s, "萝北县", "county.1.1.2", { 核定: "改判", 核定扣分: 1, 核定说明: "纪要不全", 核定人: "李四" });
    type(s, "萝北县", "county.1.1.1", { 核定: "同意自评", 核定人: "李四" });
    const unit = book.sheet("萝北县");
    const cell = unit.names.find((n) => n.name === names.input("meetingsHeld"))!.ref!;
    unit.cell(cell.r1, cell.c1).v = 0;
    const again = await book.run(() => makeReviewSheet(web));
    expect(again).toMatchObject({ refreshed: true, kept: 1, unmatched: 1, left: [] });
    expect(book.sheets.map((x) => x.name)).toEqual(["兴山区", "萝北县", "市教育局", REVIEW_SHEET]);
    const t = book.sheet(REVIEW_SHEET);
    const kept = at(t, "萝北县", "county.1.1.1", "核定");
    expect(t.peek(kept.r, kept.c)?.v).toBe("同意自评");
    const moved = at(t, "萝北县", "county.1.1.2", "核定");
    expect(t.peek(moved.r, moved.c)?.v ?? null).toBeNull();
    const attention = at(t, "萝北县", "county.1.1.2", "需关注");
    expect(String(t.peek(attention.r, attention.c)?.v)).toMatch(/需重新核定/);
    // The decision made on the old figures: below the table, in 未匹配的核定, with its reason.
    const all = [...t.each()].map(([, , x]) => x.v);
    expect(all).toContain("纪要不全");
  });

  test("a co-author types in the 核定表 while it is being refreshed: the draft is removed, the 核定表 stays as it was", async () => {
    const book = office();
    book.supported = () => true;
    await book.run(() => makeReviewSheet(web));
    const s = book.sheet(REVIEW_SHEET);
    const before = JSON.stringify([...s.each()].map(([r, c, x]) => [r, c, x.v]));
    let n = 0;
    book.beforeSync = () => {
      // After the workbook was read (the snapshot's syncs), before the draft is written.
      if (++n === 4) type(s, "兴山区", "county.1.1.1", { 核定: "同意自评", 核定人: "王五" });
    };
    const e = await book.run(() => makeReviewSheet(web)).then(() => undefined, (x: unknown) => x);
    book.beforeSync = undefined;
    expect(e).toBeInstanceOf(RecordError);
    expect((e as Error).message).toMatch(/更新期间有人在“核定表”中填写了核定/);
    expect(book.sheets.map((x) => x.name)).toEqual(["兴山区", "萝北县", "市教育局", REVIEW_SHEET]);
    const typed = at(s, "兴山区", "county.1.1.1", "核定人");
    expect(s.peek(typed.r, typed.c)?.v).toBe("王五");
    expect(JSON.stringify([...s.each()].map(([r, c, x]) => [r, c, x.v]))).not.toBe(before);
  });

  test("a sheet named 核定表 that is not one is refused, nothing changed; a protected workbook structure too", async () => {
    const book = office();
    book.addSheet(REVIEW_SHEET).cell(1, 1).v = "办公室自己的表";
    const e = await book.run(() => makeReviewSheet(web)).then(() => undefined, (x: unknown) => x);
    expect((e as Error).message).toMatch(/不是本加载项生成的核定表/);
    expect(book.sheets.map((x) => x.name)).toEqual(["兴山区", "萝北县", "市教育局", REVIEW_SHEET]);
    const locked = office();
    locked.supported = () => true;
    locked.structureProtected = true;
    const f = await locked.run(() => makeReviewSheet(web)).then(() => undefined, (x: unknown) => x);
    expect(f).toMatchObject({ kind: "workbookStructure" });
    expect(locked.sheets.map((x) => x.name)).toEqual(["兴山区", "萝北县", "市教育局"]);
  });
});

test("co-authoring: two members click 记录核定 at the same moment in the shared workbook, their requests alternating — every decision counts, the log reads clean, the unit cells agree", async () => {
  const book = office();
  const rows = rowsNow();
  // Each member typed the rows of one unit in the shared 核定表; both click 记录核定 before seeing the other's.
  // (The 市直部门 with the 不涉及 claim is left to others: this test is about the two 县区.)
  writeSheet(book, rows, (r) => {
    if (r.attention.length || r.unit === "市教育局") return undefined;
    const i = rows.indexOf(r);
    if (i % 3) return undefined;
    return r.unit === "兴山区" ? { choice: "同意自评", reviewer: "张三" } : { choice: "改判", deduction: 0, reason: "平台核实", reviewer: "李四" };
  });
  const typed = rows.filter((r, i) => !r.attention.length && r.unit !== "市教育局" && i % 3 === 0);
  expect(new Set(typed.map((r) => r.unit)).size).toBe(2);
  // Requests reach the workbook strictly in turn (A, B, A, B …): both read the same end of the log.
  const who = new Map<unknown, number>();
  const waiting: (() => void)[] = [];
  const finished = new Set<number>();
  let turn = 0;
  const order: number[] = [];
  // The turn passes as this request runs (its operations run right after this returns, synchronously); the other
  // member is woken on the next timer tick, after them.
  const release = () => {
    turn++;
    setTimeout(() => {
      for (const w of waiting.splice(0)) w();
    });
  };
  book.beforeSync = async (ctx) => {
    if (!who.has(ctx)) who.set(ctx, who.size);
    const me = who.get(ctx)!;
    while (turn % 2 !== me && !finished.has(1 - me)) await new Promise<void>((r) => waiting.push(r));
    order.push(me);
    release();
  };
  const member = (i: number) =>
    book.run(async () => {
      try {
        return await recordReviewSheet({ ...opts, defaultReviewer: i ? "李四" : "张三" });
      } finally {
        finished.add(i);
        release();
      }
    });
  const [a, b] = await Promise.all([member(0), member(1)]);
  book.beforeSync = undefined;
  // Both read the workbook (the snapshot's requests) before either wrote: A, B, A, B …
  expect(order.slice(0, 6)).toEqual([0, 1, 0, 1, 0, 1]);
  expect([a.issues, b.issues]).toEqual([[], []]);
  // Both saw every filled row of the shared sheet, so each recorded all of them (the same decisions twice: the last
  // entry wins, with the same figures). They collided: B read no 核定记录, A created it first, B's adding it failed
  // and B's second attempt read the log afresh and appended below A's rows.
  expect([a.recorded, b.recorded]).toEqual([typed.length, typed.length]);
  expect([a.append?.attempts, b.append?.attempts]).toEqual([1, 2]);
  const entries = logEntries(book); // parseAuditRows: no problems
  const latest = new Map(entries.map((e) => [`${e.unit}|${e.clauseId}`, e]));
  for (const r of typed) {
    const e = latest.get(`${r.unit}|${r.clauseId}`);
    expect([r.unit, r.clauseId, e?.kind]).toEqual([r.unit, r.clauseId, r.unit === "兴山区" ? "同意自评" : "改判"]);
    expect(book.named(book.sheet(r.unit), names.verified(r.clauseId))?.v).toBe(e!.to);
  }
});

test("the 核定记录 the pane wrote, saved as a file, reads the same on the command line (summary --records): every 记录编号 checks after the save", async () => {
  const book = office();
  const rows = rowsNow();
  writeSheet(book, rows, (r) => (r.attention.length ? { choice: "改判", deduction: 0.5, reason: "=平台核实，半分", reviewer: "李四" } : undefined));
  const typed = await book.run(() => recordReviewSheet(opts));
  const all = await book.run(() => confirmUnattended("张三", opts));
  expect(typed.recorded + all.recorded).toBe(rows.length);
  const dir = mkdtempSync(join(tmpdir(), "records-"));
  const file = join(dir, "办公室工作簿.xlsx");
  writeFileSync(file, await book.toXlsx());
  const read = await readAuditFile(file);
  expect(read.problems).toEqual([]);
  expect(read.entries).toBe(rows.length);
  expect(read.kind).toBe(AUDIT_SHEET); // a 核定记录 (entries), not a 核定表 (decisions)
  expect([...read.records.values()].map((e) => ("to" in e ? [e.unit, e.clauseId, e.to, e.reason] : [])).sort()).toEqual(logEntries(book).map((e) => [e.unit, e.clauseId, e.to, e.reason]).sort());
  rmSync(dir, { recursive: true });
});
