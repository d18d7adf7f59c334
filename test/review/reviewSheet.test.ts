// The 核定表's pure pieces: the fingerprint a decision is bound to, the rows made from reviews, a decision made
// an AuditEntry, and the sheet read back — on sheets made in memory from the template layout.
import { clauseNumber, getCatalog, indexOf } from "../../src/core/index";
import { names } from "../../src/core/names";
import { shortHash } from "../../src/core/hash";
import { decisionEntry, readDecision, type Decision, type DecisionContext } from "../../src/review/decisions";
import { decisionsOf, readReviewSheet, REVIEW_COLUMNS, reviewSheetData, UNMATCHED_HEADING, type ReviewSheetEntry } from "../../src/review/reviewSheet";
import { placeUnits } from "../../src/review/summary";
import type { SheetCells } from "../../src/review/types";
import { reviewUnit } from "../../src/review/unit";
import { latestRecords, parseAuditRows, AUDIT_HEADERS, type AuditEntry } from "../../src/review/verification";
import { edited, sheetOf } from "./sheets";

const MEETINGS = "county.1.1.2"; // 2.5 when no meeting was held
const expected = { county: ["兴山区", "向阳区", "南山区"], department: ["市教育局"] };
const clauseOf = (cells: SheetCells, id = MEETINGS) => reviewUnit(cells, { year: 2022 }).clauses.find((c) => c.clauseId === id)!;

describe("the fingerprint binds a 核定 to the figures, whichever way they were typed", () => {
  it("is 12 characters and differs for different texts", () => {
    expect(shortHash("a")).toMatch(/^[0-9a-z]{12}$/);
    const seen = new Set(Array.from({ length: 5000 }, (_, i) => shortHash(`["county.1.1.2",0,[["meetingsHeld",${i}]],""]`)));
    expect(seen.size).toBe(5000);
  });

  it("the same figures typed differently (text with spaces, full-width digits) give the same basis; another figure, 不涉及 or 佐证材料 another", () => {
    const base = clauseOf(sheetOf("兴山区", "county", { values: { meetingsHeld: 3 } })).basis;
    expect(clauseOf(sheetOf("兴山区", "county", { values: { meetingsHeld: " ３ " } })).basis).toBe(base);
    expect(clauseOf(sheetOf("兴山区", "county", { values: { meetingsHeld: 4 } })).basis).not.toBe(base);
    // 不涉及 counts only where it can apply (a 县区 never): a 市直部门's claim changes the basis, a 县区's does not.
    expect(clauseOf(sheetOf("兴山区", "county", { values: { meetingsHeld: 3 }, notApplicable: ["county.1.1"] })).basis).toBe(base);
    const graded = (na: string[]) => clauseOf(sheetOf("市教育局", "department", { notApplicable: na }), "department.3.3.1").basis;
    expect(graded(["department.3.3"])).not.toBe(graded([]));
    expect(clauseOf(sheetOf("兴山区", "county", { values: { meetingsHeld: 3 }, evidence: { [MEETINGS]: "另附" } })).basis).not.toBe(base);
    // Another clause's figure does not touch this clause's basis.
    expect(clauseOf(sheetOf("兴山区", "county", { values: { meetingsHeld: 3, leadGroupAdjusted: "否" } })).basis).toBe(base);
  });

  it("a date is one basis whether typed as text, an Excel serial or a date cell", () => {
    const id = "county.2.4.1";
    const input = getCatalog(2022, "county").categories.flatMap((c) => c.indicators).flatMap((i) => i.clauses).find((c) => c.id === id)!.inputs.find((i) => i.type === "date")!.id;
    const b = (v: unknown) => clauseOf(sheetOf("兴山区", "county", { values: { [input]: v } }), id).basis;
    expect(b("2022-04-28")).toBe(b(44679));
    expect(b(new Date(Date.UTC(2022, 3, 28)))).toBe(b(44679));
    expect(b("2022-04-29")).not.toBe(b(44679));
  });
});

describe("a decision made an AuditEntry, as the add-in and the command line both record it", () => {
  const clause = { clauseId: MEETINGS, points: 2.5, status: "扣分" as const, selfDeduction: 2.5, basis: "b1" };
  const ctx: DecisionContext = { sheet: "兴山区", clause, saved: 2.5, previous: null, time: "2022-12-20T10:00:00+08:00" };
  const key = { unit: "兴山区", clauseId: MEETINGS, basis: "b1", at: "核定表第 5 行" };
  const decide = (typed: Partial<Parameters<typeof readDecision>[0]>, k = key) => readDecision({ choice: null, deduction: null, reason: null, reviewer: null, ...typed }, k);
  const decision = (typed: Partial<Parameters<typeof readDecision>[0]>): Decision => {
    const r = decide(typed);
    if (!r || !("decision" in r)) throw new Error(JSON.stringify(r));
    return r.decision;
  };

  it("a blank row is no decision; 同意自评 records the recomputed self deduction with reason 同意自评", () => {
    expect(decide({})).toBeUndefined();
    const out = decisionEntry(decision({ choice: "同意自评", reviewer: "张三" }), ctx);
    expect(out).toEqual({ entry: { time: ctx.time, reviewer: "张三", sheet: "兴山区", unit: "兴山区", clauseId: MEETINGS, saved: 2.5, recomputed: 2.5, previous: null, to: 2.5, reason: "同意自评", kind: "同意自评", basis: "b1" } });
    expect(decisionEntry(decision({ choice: " 同意自评 ", reviewer: "张三", reason: "已核实" }), ctx)).toMatchObject({ entry: { to: 2.5, reason: "已核实" } });
  });

  it("改判 records the 核定扣分 (text read as core reads a figure) and needs the 说明", () => {
    expect(decisionEntry(decision({ choice: "改判", deduction: "１", reason: "会议纪要不全", reviewer: "李四" }), ctx)).toMatchObject({ entry: { to: 1, reason: "会议纪要不全", kind: "改判" } });
    expect(decide({ choice: "改判", deduction: 1, reviewer: "李四" })).toEqual({ mistake: expect.stringMatching(/^核定表第 5 行（兴山区 条款 1\.1\.2）：改判须填写核定说明，未记录$/) });
    expect(decide({ choice: "改判", reason: "x", reviewer: "李四" })).toEqual({ mistake: expect.stringContaining("改判须填写核定扣分") });
  });

  it.each([
    [{ choice: "同意", reviewer: "张三" }, /“核定”列为“同意”，应为 同意自评、改判、按平台数据/],
    [{ deduction: 1, reviewer: "张三" }, /“核定”列未选择/],
    [{ choice: "同意自评" }, /未填写核定人/],
    [{ choice: "改判", deduction: "一分", reason: "x", reviewer: "张三" }, /核定扣分应为数字，收到 “一分”/],
    [{ choice: "改判", deduction: -1, reason: "x", reviewer: "张三" }, /不能为负数/],
  ])("a mistaken row is named and not recorded: %j", (typed, message) => {
    const r = decide(typed);
    expect(r && "mistake" in r && r.mistake).toMatch(message);
  });

  it("the clause decides what fits: 核定扣分 over the clause's points, 同意自评 of an undecided clause, or of a changed figure", () => {
    expect(decisionEntry(decision({ choice: "改判", deduction: 3, reason: "x", reviewer: "张三" }), ctx)).toEqual({ mistake: expect.stringMatching(/核定扣分 3 超过本条扣分 2\.5 分/) });
    expect(decisionEntry(decision({ choice: "同意自评", reviewer: "张三" }), { ...ctx, clause: { ...clause, status: "待填", selfDeduction: 0 } })).toEqual({ mistake: expect.stringMatching(/自评为“待填”（尚不能计分），不能同意自评/) });
    expect(decisionEntry(decision({ choice: "同意自评", deduction: 0, reviewer: "张三" }), ctx)).toEqual({ mistake: expect.stringMatching(/同意自评，但核定扣分填了 0/) });
    expect(decisionEntry(decision({ choice: "同意自评", reviewer: "张三" }), { ...ctx, clause: { ...clause, basis: "b2" } })).toEqual({ stale: true, message: expect.stringMatching(/需重新核定/) });
  });
});

describe("the 核定记录 with its new columns, and an older one", () => {
  const row = ["2022-12-20T10:00:00+08:00", "张三", "兴山区", "兴山区", MEETINGS, 2.5, 2.5, null, 0, "已补材料"];
  it("reads 类型 and 依据指纹; an older log (10 columns) reads every entry as 核定 without a basis", () => {
    expect(parseAuditRows([[...AUDIT_HEADERS], [...row, "改判", "abc"]]).entries[0]).toMatchObject({ kind: "改判", basis: "abc", to: 0 });
    const old = parseAuditRows([[...AUDIT_HEADERS.slice(0, 10)], row]);
    expect(old).toMatchObject({ foreign: false, problems: [] });
    expect(old.entries[0]).toMatchObject({ kind: "核定", basis: "" });
  });
  it("a header that is not ours, or an unknown kind, is refused with its reason", () => {
    expect(parseAuditRows([[...AUDIT_HEADERS.slice(0, 10), "备注"], row]).foreign).toBe(true);
    const r = parseAuditRows([[...AUDIT_HEADERS], [...row, "撤销", ""]]);
    expect(r.entries).toEqual([]);
    expect(r.problems).toEqual([expect.stringMatching(/第 2 行的类型“撤销”不是本版本认识的核定类型/)]);
    // 复核 and 按平台数据 are kinds this version knows (issue 19).
    for (const kind of ["复核", "按平台数据"]) expect(parseAuditRows([[...AUDIT_HEADERS], [...row, kind, ""]]).entries[0]).toMatchObject({ kind, to: 0 });
  });
  it("a record made on other figures is 需重新核定: listed, not adopted; one without a basis applies", () => {
    const cells = sheetOf("兴山区", "county", { values: { meetingsHeld: 0 } });
    const basis = clauseOf(cells).basis;
    const entry = (b: string): AuditEntry => ({ time: "2022-12-20T10:00:00+08:00", reviewer: "张三", sheet: "兴山区", unit: "兴山区", clauseId: MEETINGS, saved: 2.5, recomputed: 2.5, previous: null, to: 0, reason: "已补材料", kind: "改判", basis: b });
    const review = (b: string) => reviewUnit(cells, { year: 2022, records: latestRecords([entry(b)]) });
    expect(review(basis).clauses.find((c) => c.clauseId === MEETINGS)).toMatchObject({ verified: 0, stale: undefined });
    expect(review("").clauses.find((c) => c.clauseId === MEETINGS)).toMatchObject({ verified: 0 });
    const stale = review("zzzzzzzzzzzz");
    expect(stale.clauses.find((c) => c.clauseId === MEETINGS)).toMatchObject({ verified: undefined, stale: true });
    expect(stale.problems.filter((p) => p.clauseId === MEETINGS && p.kind === "核定")).toEqual([expect.objectContaining({ severity: "提示", message: expect.stringMatching(/需重新核定；这条核定未采用/) })]);
  });
});

describe("the 核定表's rows", () => {
  // A clause outside 1.1 that needs papers (not only 平台调阅): 不扣分 without them is 缺佐证.
  const EV = [...indexOf(getCatalog(2022, "county")).clauses.values()].find((e) => !e.clause.id.startsWith("county.1.1.") && e.clause.evidence.some((k) => k !== "平台调阅"))!.clause.id;
  const reviews = [
    reviewUnit(sheetOf("市教育局", "department", { notApplicable: ["department.3.3"] }), { year: 2022 }),
    reviewUnit(sheetOf("向阳区", "county", { values: { meetingsHeld: 0 } }), { year: 2022 }),
    // A 县区's template offers no 不涉及: typed over the fixed 涉及 (a unit that lifted the sheet's protection).
    reviewUnit(edited(sheetOf("兴山区", "county", { evidence: { [EV]: null } }), names.notApplicable("county.1.1"), { value: "不涉及" }), { year: 2022 }),
  ];
  const data = reviewSheetData(placeUnits(reviews, { expected }), { year: 2022, expected, generatedAt: "2022-12-20T10:00:00+08:00" });
  const clauses = indexOf(getCatalog(2022, "county")).clauses.size + indexOf(getCatalog(2022, "department")).clauses.size / 2;

  it("one row per unit × clause, rows needing attention first, then kind, member-list and catalog order", () => {
    expect(data.rows).toHaveLength(2 * clauses);
    expect(data.rows.filter((r) => !r.attention.length).map((r) => r.kind).lastIndexOf("county")).toBeLessThan(data.rows.filter((r) => !r.attention.length).map((r) => r.kind).indexOf("department"));
    const firstCalm = data.rows.findIndex((r) => !r.attention.length);
    expect(data.rows.slice(firstCalm).every((r) => !r.attention.length)).toBe(true);
    expect(data.rows.slice(firstCalm).map((r) => r.unit).indexOf("向阳区")).toBeGreaterThan(data.rows.slice(firstCalm).map((r) => r.unit).lastIndexOf("兴山区"));
    const row = data.rows.find((r) => r.unit === "向阳区" && r.clauseId === MEETINGS)!;
    expect(row).toMatchObject({ na: "涉及", points: 2.5, self: 2.5, evidence: "已附（见附件）", attention: [], recorded: "", clause: expect.stringMatching(/^1\.1\.2 /) });
    expect(row.reported).toMatch(/召开信用工作会议 0 次/);
  });

  it("a 不涉及 claim, a 不涉及 where it cannot apply and a missing 佐证材料 are 需关注, with the problem on the row", () => {
    expect(data.rows.filter((r) => r.clauseId.startsWith("department.3.3.")).map((r) => [r.na, r.self, r.attention])).toEqual([["不涉及", 0, ["不涉及"]]]);
    const refused = data.rows.filter((r) => r.unit === "兴山区" && r.clauseId.startsWith("county.1.1."));
    expect(refused.map((r) => [r.na, r.attention])).toEqual(refused.map(() => ["有误（按涉及计分）", ["是否涉及有误"]]));
    expect(refused[0].problems).toMatch(/“建立辖区内信用议事机构[^”]*”是每个县区单位都承担的考核任务，不能选择“不涉及”，按“涉及”计分/);
    const ev = data.rows.find((r) => r.unit === "兴山区" && r.clauseId === EV)!;
    expect(ev.attention).toEqual(["缺佐证"]);
    expect(ev.problems).toMatch(new RegExp(`^[A-Z]+\\d+：条款 ${clauseNumber(EV).replace(/\./g, "\\.")} 自评不扣分，但未填写已附佐证材料`));
  });
});

describe("a 核定表 read back", () => {
  const headings = REVIEW_COLUMNS.map((c) => c.heading);
  const col = (k: string) => REVIEW_COLUMNS.findIndex((c) => c.key === k);
  const line = (unit: string, clauseId: string, basis: string, choice: unknown, deduction: unknown = null, reason: unknown = null, reviewer: unknown = "张三") => {
    const r: unknown[] = headings.map(() => null);
    Object.assign(r, { [col("keyUnit")]: unit, [col("keyClause")]: clauseId, [col("keyBasis")]: basis, [col("choice")]: choice, [col("deduction")]: deduction, [col("reason")]: reason, [col("reviewer")]: reviewer, [col("unit")]: unit });
    return r;
  };
  const sheet = (...rows: unknown[][]) => [["2022 年度核定表"], ["说明"], headings, ...rows];
  const where = (row: number) => `核定表第 ${row} 行`;

  it("finds its columns by heading wherever the 考核组 moved them, and keeps each row's key and sheet row", () => {
    const rows = sheet(line("兴山区", MEETINGS, "b1", "同意自评"), line("向阳区", MEETINGS, "b2", null, null, null, null));
    const moved = rows.map((r) => [null, ...r.slice().reverse()]);
    for (const s of [rows, moved]) {
      const r = readReviewSheet(s);
      expect(r.foreign).toBe(false);
      expect(r.entries.map((e) => [e.row, e.unit, e.clauseId, e.basis, e.unmatched])).toEqual([[4, "兴山区", MEETINGS, "b1", false], [5, "向阳区", MEETINGS, "b2", false]]);
      expect(decisionsOf(r.entries, where).decisions.map((d) => [d.unit, d.choice, d.at])).toEqual([["兴山区", "同意自评", "核定表第 4 行"]]);
    }
  });

  it("a sheet without the headings is not a 核定表; a decision without its key is named by row", () => {
    expect(readReviewSheet([["单位", "核定"], ["兴山区", "同意自评"]])).toMatchObject({ foreign: true, entries: [] });
    expect(readReviewSheet(sheet(line("", "", "", "同意自评"))).problems).toEqual([expect.stringMatching(/第 4 行填写了核定，但缺少单位（键）或条款编号/)]);
  });

  it("two rows deciding one clause differently are both refused; the same decision twice counts once", () => {
    const twice = readReviewSheet(sheet(line("兴山区", MEETINGS, "b1", "同意自评"), line("兴山区", MEETINGS, "b1", "同意自评")));
    expect(decisionsOf(twice.entries, where)).toMatchObject({ decisions: [{ unit: "兴山区" }], mistakes: [] });
    const differ = readReviewSheet(sheet(line("兴山区", MEETINGS, "b1", "同意自评"), line("兴山区", MEETINGS, "b1", "改判", 1, "x")));
    expect(decisionsOf(differ.entries, where)).toEqual({ decisions: [], mistakes: [expect.stringMatching(/核定表第 4 行、核定表第 5 行对兴山区 条款 1\.1\.2 作出了不同的核定，均未记录/)] });
  });

  it("the 未匹配 section's decisions count only where the table has none for the clause", () => {
    const rows = sheet(line("兴山区", MEETINGS, "new", "改判", 1, "重新核定"), [`二、${UNMATCHED_HEADING}`], line("兴山区", MEETINGS, "old", "同意自评"), line("南山区", MEETINGS, "old", "同意自评"));
    const r = readReviewSheet(rows);
    expect(r.entries.map((e) => e.unmatched)).toEqual([false, true, true]);
    expect(decisionsOf(r.entries, where).decisions.map((d) => [d.unit, d.basis])).toEqual([["兴山区", "new"], ["南山区", "old"]]);
  });
});

describe("re-making a 核定表 over an earlier one keeps every typed decision", () => {
  const fill = { values: { meetingsHeld: 0 } };
  const before = reviewUnit(sheetOf("兴山区", "county", fill), { year: 2022 });
  const basis = before.clauses.find((c) => c.clauseId === MEETINGS)!.basis;
  const typed = (choice: string) => ({ choice, deduction: null, reason: null, reviewer: "张三" });
  const entry = (unit: string, b: string, choice: string, row: number): ReviewSheetEntry => ({ row, unmatched: false, unit, clauseId: MEETINGS, basis: b, clause: "1.1.2 …", typed: typed(choice) });
  const make = (cells: SheetCells, previous: ReviewSheetEntry[]) =>
    reviewSheetData(placeUnits([reviewUnit(cells, { year: 2022 })], { expected }), { year: 2022, expected, generatedAt: "", previous });

  it("on the same figures the decision stays on its row; on changed figures it goes to 未匹配 and the row is 需重新核定; a vanished unit's too", () => {
    const same = make(sheetOf("兴山区", "county", fill), [entry("兴山区", basis, "同意自评", 9)]);
    expect(same.rows.find((r) => r.clauseId === MEETINGS)!.decision).toEqual(typed("同意自评"));
    expect(same.unmatched).toEqual([]);

    const changed = make(sheetOf("兴山区", "county", { values: { meetingsHeld: 2 } }), [entry("兴山区", basis, "同意自评", 9), entry("南山区", "x", "改判", 10)]);
    const row = changed.rows.find((r) => r.clauseId === MEETINGS)!;
    expect(row.decision).toBeUndefined();
    expect(row.attention).toContain("需重新核定");
    expect(changed.unmatched.map((u) => [u.unit, u.basis, u.decision.choice, u.why])).toEqual([
      ["兴山区", basis, "同意自评", expect.stringMatching(/数据已改变/)],
      ["南山区", "x", "改判", expect.stringMatching(/没有该单位或条款/)],
    ]);
  });

  it("a unit's sheet-wide problem is 需关注 on each of its rows and named in the notes", () => {
    const tampered = edited(sheetOf("兴山区", "county", fill), names.score, { formula: undefined, value: 100 });
    const d = make(tampered, []);
    expect(d.rows.every((r) => r.attention.includes("全表问题"))).toBe(true);
    expect(d.notes).toEqual([expect.stringMatching(/^县区“兴山区”全表问题：[A-Z]+\d+：得分的公式已被替换/)]);
  });
});
