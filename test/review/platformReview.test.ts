// 平台比对 inside the 核定表 (issue 19, item 2): each clause decided on the office's platform figures as well, a
// 需关注 row where the platform's deduction differs, and the 按平台数据 choice — which records the platform's
// deduction with the ready reason, bound to the figures of both sides it was made on. And a 改判 typed as two
// cells (核定扣分 and 核定说明, the list left blank). Pure: sheets made in memory from the template layout.
import { getCatalog } from "../../src/core/index";
import { decisionEntry, readDecision, type DecisionContext } from "../../src/review/decisions";
import type { PlatformData, PlatformFigures } from "../../src/review/platform";
import { platformBasis } from "../../src/review/platformCheck";
import { columnOf, decisionsOf, readReviewSheet, reviewColumns, reviewSheetData } from "../../src/review/reviewSheet";
import { buildReviewSheet, REVIEW_ROWS } from "../../src/review/reviewSheetGrid";
import { placeUnits } from "../../src/review/summary";
import { reviewUnit } from "../../src/review/unit";
import { latestRecords } from "../../src/review/verification";
import { sheetOf } from "./sheets";

const county = getCatalog(2022, "county");
const XYD = "county.2.1.1"; // 信易贷: 入驻 below 20 % of 市场主体 deducts 10
const expected = { county: ["兴山区", "向阳区"], department: [] };
const READY = "平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10.0%，低于 20%，扣 10 分；单位自报：入驻信易贷占市场主体 25.0%，不低于 20%，不扣分";

function platformOf(values: PlatformFigures["values"], member = "兴山区", date = "2022-12-20"): PlatformData {
  const f: PlatformFigures = { member, values, cells: Object.fromEntries(Object.keys(values).map((k, i) => [k, `D${7 + i}`])), rows: [7], date };
  return { sheet: "平台数据（县区）", catalog: county, figures: new Map([[member, f]]), columns: Object.keys(values), unknown: [], problems: [] };
}

/** 兴山区 reports 25 % 入驻 (no counts); the platform shows 1,200 of 12,000. */
const unitSheet = (pct: unknown = 0.25) => sheetOf("兴山区", "county", { values: { xydEntered: null, marketEntities: null, xydPct: pct } });
const PLATFORM = platformOf({ xydEntered: 1200, marketEntities: 12000, repairDone: 45, repairEligible: 50 });

describe("the 核定表 made with 平台数据", () => {
  const reviews = [reviewUnit(unitSheet(), { year: 2022, platform: [PLATFORM] }), reviewUnit(sheetOf("向阳区", "county"), { year: 2022, platform: [PLATFORM] })];
  const data = reviewSheetData(placeUnits(reviews, { expected }), { year: 2022, expected, generatedAt: "2022-12-20T10:00:00+08:00", platform: true });

  it("shows, per clause with platform figures, the deduction they give and the ready reason; a differing one needs attention", () => {
    const row = data.rows.find((r) => r.unit === "兴山区" && r.clauseId === XYD)!;
    expect(row.platform).toMatchObject({ deduction: 10, proposed: 10, differs: true, reason: READY });
    expect(row.attention).toEqual(["平台扣分不同"]);
    expect(data.rows.indexOf(row)).toBe(0); // attention first
    // Where the platform agrees (信用修复 45 of 50, as the unit reported): shown, no attention.
    const same = data.rows.find((r) => r.unit === "兴山区" && r.clauseId === "county.4.1.1")!;
    expect(same.platform).toMatchObject({ deduction: 0, differs: false });
    expect(same.attention).toEqual([]);
    // 向阳区 has no platform figures: no platform cells.
    expect(data.rows.filter((r) => r.unit === "向阳区").every((r) => !r.platform)).toBe(true);
  });

  it("lays out 平台扣分 and 平台调阅 beside 自评扣分, the hidden key 平台指纹, and 按平台数据 in the list", () => {
    const doc = buildReviewSheet(data);
    const columns = reviewColumns(true);
    expect(doc.rows[REVIEW_ROWS.heading].map((c) => c?.v)).toEqual(columns.map((c) => c.heading));
    const at = (k: Parameters<typeof columnOf>[0]) => columnOf(k, columns);
    expect(at("platform")).toBe(at("self") + 1);
    const first = doc.rows[REVIEW_ROWS.first];
    expect(first[at("platform")]).toMatchObject({ v: 10, s: "attention" });
    expect(first[at("platformReason")]?.v).toBe(READY);
    expect(first[at("keyPlatform")]?.v).toBe(platformBasis(XYD, ["xydEntered", "marketEntities"], PLATFORM.figures.get("兴山区")!));
    expect(doc.hiddenColumns).toEqual(columns.flatMap((c, i) => (c.role === "key" ? [i] : [])));
    expect(doc.hiddenColumns).toContain(at("keyPlatform"));
    expect(doc.validations.find((v) => v.c1 === at("choice"))).toMatchObject({ type: "list", list: ["同意自评", "改判", "按平台数据"] });
    expect(String(doc.rows[REVIEW_ROWS.note][0]?.v)).toMatch(/按平台数据/);
    // Without 平台数据 the table is as before: no 平台 columns, no 按平台数据 in the list.
    const plain = buildReviewSheet({ ...data, platform: false, rows: data.rows.map(({ platform: _p, ...r }) => r) });
    expect(plain.rows[REVIEW_ROWS.heading].map((c) => c?.v)).not.toContain("平台扣分");
    expect(plain.validations.find((v) => v.type === "list")).toMatchObject({ list: ["同意自评", "改判"] });
  });

  it("按平台数据 read back from the sheet and applied against the current figures records the platform deduction with that reason", () => {
    const doc = buildReviewSheet(data);
    const columns = reviewColumns(true);
    const rows = doc.rows.map((r) => r.map((c) => c?.v ?? null));
    rows[REVIEW_ROWS.first][columnOf("choice", columns)] = "按平台数据";
    rows[REVIEW_ROWS.first][columnOf("reviewer", columns)] = "张三";
    const read = readReviewSheet(rows);
    expect(read.problems).toEqual([]);
    const { decisions, mistakes } = decisionsOf(read.entries, (r) => `核定表第 ${r} 行`);
    expect(mistakes).toEqual([]);
    expect(decisions).toEqual([expect.objectContaining({ choice: "按平台数据", unit: "兴山区", clauseId: XYD, platformBasis: expect.stringMatching(/^[0-9a-z]{12}$/) })]);
    const records = latestRecords(decisions);
    const clause = (platform: PlatformData[] | undefined, sheet = unitSheet()) => reviewUnit(sheet, { year: 2022, records, platform }).clauses.find((c) => c.clauseId === XYD)!;
    expect(clause([PLATFORM])).toMatchObject({ verified: 10, reason: READY, record: { kind: "按平台数据", to: 10 } });
    // Another clause's platform figure corrected: this decision stands.
    expect(clause([platformOf({ xydEntered: 1200, marketEntities: 12000, repairDone: 40, repairEligible: 50 })])).toMatchObject({ verified: 10 });
    // The office corrected its platform figure since: 需重新核定, not applied.
    const corrected = reviewUnit(unitSheet(), { year: 2022, records, platform: [platformOf({ xydEntered: 1300, marketEntities: 12000, repairDone: 45, repairEligible: 50 })] });
    expect(corrected.clauses.find((c) => c.clauseId === XYD)).toMatchObject({ verified: undefined, stale: true });
    expect(corrected.problems.find((p) => p.clauseId === XYD && p.kind === "核定")?.message).toMatch(/按此前的平台数据作出.*需重新核定/);
    // Another 调阅日期 is another look-up: the same.
    expect(clause([platformOf({ xydEntered: 1200, marketEntities: 12000, repairDone: 45, repairEligible: 50 }, "兴山区", "2022-12-21")])).toMatchObject({ verified: undefined, stale: true });
    // The unit's figure changed since: 需重新核定 as for every choice.
    expect(clause([PLATFORM], unitSheet(0.3))).toMatchObject({ verified: undefined, stale: true });
    // No 平台数据 given at all: not applied, and the message says what to add.
    const without = reviewUnit(unitSheet(), { year: 2022, records });
    expect(without.clauses.find((c) => c.clauseId === XYD)!.verified).toBeUndefined();
    expect(without.problems.find((p) => p.clauseId === XYD && p.kind === "核定")).toMatchObject({ severity: "错误", message: expect.stringMatching(/--platform 平台数据\.xlsx/) });
    // 平台数据 given, but the unit's figures are gone from it: 需重新核定.
    expect(clause([platformOf({ xydEntered: 1200, marketEntities: 12000 }, "向阳区")])).toMatchObject({ verified: undefined, stale: true });
  });
});

describe("a decision of the 核定表 read and made an entry", () => {
  const clause = { clauseId: XYD, points: 10, status: "不扣分" as const, selfDeduction: 0, basis: "b1" };
  const platform = { deduction: 10, proposed: 10, reason: READY, differs: true, basis: "p1" };
  const ctx: DecisionContext = { sheet: "兴山区", clause, saved: 0, previous: null, time: "2022-12-20T10:00:00+08:00", platform, platformGiven: true };
  const key = { unit: "兴山区", clauseId: XYD, basis: "b1", platformBasis: "p1", at: "核定表第 5 行" };
  const read = (typed: Partial<Parameters<typeof readDecision>[0]>, k: Parameters<typeof readDecision>[1] = key) => readDecision({ choice: null, deduction: null, reason: null, reviewer: "张三", ...typed }, k);
  const entry = (typed: Partial<Parameters<typeof readDecision>[0]>, c: DecisionContext = ctx) => {
    const r = read(typed);
    if (!r || !("decision" in r)) throw new Error(JSON.stringify(r));
    return decisionEntry(r.decision, c);
  };

  it("按平台数据 records the platform's deduction and the ready reason, the 考核组's words after it", () => {
    expect(entry({ choice: "按平台数据" })).toEqual({ entry: expect.objectContaining({ to: 10, reason: READY, kind: "按平台数据", basis: "b1", recomputed: 0 }) });
    expect(entry({ choice: "按平台数据", reason: "已电话核实" })).toMatchObject({ entry: { reason: `${READY}；已电话核实` } });
    expect(entry({ choice: "按平台数据", deduction: 10 })).toMatchObject({ entry: { to: 10 } });
  });

  it("按平台数据 refuses what does not fit: another figure typed, a row without platform figures, figures that do not decide, another platform fingerprint", () => {
    expect(entry({ choice: "按平台数据", deduction: 5 })).toEqual({ mistake: expect.stringMatching(/按平台数据，但核定扣分填了 5（平台数据扣 10 分）/) });
    expect(read({ choice: "按平台数据" }, { ...key, platformBasis: undefined })).toEqual({ mistake: expect.stringMatching(/这一行没有平台调阅数据.*不能按平台数据核定/) });
    expect(entry({ choice: "按平台数据" }, { ...ctx, platform: { ...platform, proposed: undefined, deduction: "待填", reason: "平台调阅的数据不足以判定" } })).toEqual({ mistake: expect.stringMatching(/不足以判定.*不能按平台数据核定/) });
    expect(entry({ choice: "按平台数据" }, { ...ctx, platform: { ...platform, basis: "p2" } })).toEqual({ stale: true, message: expect.stringMatching(/平台数据表中该单位这一条的调阅数据已改变，需重新核定/) });
    expect(entry({ choice: "按平台数据" }, { ...ctx, platform: undefined, platformGiven: false })).toEqual({ mistake: expect.stringMatching(/本次没有给出平台数据/) });
  });

  it("核定扣分 and 核定说明 typed with the list left blank is a 改判; either alone is still a mistake", () => {
    expect(entry({ deduction: 4, reason: "台账不全" })).toMatchObject({ entry: { to: 4, reason: "台账不全", kind: "改判" } });
    expect(read({ deduction: 4 })).toEqual({ mistake: expect.stringMatching(/“核定”列未选择/) });
    expect(read({ reason: "台账不全" })).toEqual({ mistake: expect.stringMatching(/“核定”列未选择/) });
    // A choice typed is never overridden: 同意自评 with a figure stays the mistake it was.
    expect(entry({ choice: "同意自评", deduction: 4, reason: "x" })).toEqual({ mistake: expect.stringMatching(/同意自评，但核定扣分填了 4/) });
  });
});
