// Every clause on both sides of its boundary and at it, plus 不涉及 and missing data.
import { allClauses, allIndicators, getCatalog, score, type ClauseStatus, type UnitKind } from "../../src/core/index";
import { PERFECT } from "../fixtures/answers";

type Case = [clauseId: string, patch: Record<string, unknown>, status: ClauseStatus, explanation?: string];

function run(kind: UnitKind, patch: Record<string, unknown>, notApplicable: string[] = []) {
  const values = { ...PERFECT[kind], ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete values[k];
  return score(getCatalog(2022, kind), { values, notApplicable });
}

const COUNTY: Case[] = [
  ["county.1.1.1", { leadGroupAdjusted: "否" }, "扣分", "未及时调整辖区信用领导小组组成人员，扣 2.5 分"],
  ["county.1.1.1", { leadGroupAdjusted: "是" }, "不扣分"],
  ["county.1.1.2", { meetingsHeld: 0 }, "扣分", "召开信用工作会议 0 次，少于 1 次，扣 2.5 分"],
  ["county.1.1.2", { meetingsHeld: 1 }, "不扣分"],
  ["county.1.1.2", { meetingsHeld: 2 }, "不扣分"],
  ["county.1.2.1", { policiesImplemented: "否" }, "扣分"],
  ["county.1.3.1", { sgsBulletin: "否" }, "扣分"],
  ["county.1.3.2", { sgsAccurate: 499 }, "扣分", "“双公示”准确 499 条，占“双公示”信息 99.8%，低于 100%，扣 5 分"],
  ["county.1.3.2", { sgsTimely: 499 }, "扣分"],
  ["county.1.3.2", { sgsAccurate: 500, sgsTimely: 500 }, "不扣分"],
  ["county.1.3.2", { sgsAccurate: 501 }, "数据错误"],
  ["county.1.3.2", { sgsTotal: 0, sgsAccurate: 0, sgsTimely: 0 }, "不扣分", "本年度未产生“双公示”信息"],
  ["county.1.3.2", { sgsTotal: undefined, sgsAccuracyPct: "99.99%", sgsTimelyPct: "100%" }, "扣分", "99.99%"],
  ["county.1.3.2", { sgsTotal: undefined, sgsAccuracyPct: 1, sgsTimelyPct: "100%" }, "不扣分"],
  ["county.1.4.1", { fourKindsRecorded: 119 }, "扣分", "应录未录 1 条"],
  ["county.1.4.1", { fourKindsRecorded: 120 }, "不扣分"],
  ["county.1.4.1", { fourKindsProduced: 0, fourKindsRecorded: 0 }, "不扣分", "未产生行政强制等四类信用信息"],
  ["county.1.4.1", { fourKindsProduced: 0, fourKindsRecorded: undefined }, "不扣分"],
  ["county.1.4.1", { fourKindsRecorded: 121 }, "数据错误"],
  ["county.2.1.1", { xydEntered: 1200 }, "扣分", "入驻信易贷 1,200 户，占市场主体 6.0%，低于 20%，扣 10 分"],
  ["county.2.1.1", { xydEntered: 3999 }, "扣分", "19.995%"],
  ["county.2.1.1", { xydEntered: 4000 }, "不扣分", "20.0%，不低于 20%"],
  ["county.2.1.1", { xydEntered: 4001 }, "不扣分"],
  ["county.2.1.1", { xydEntered: undefined, xydPct: 0.2 }, "不扣分"],
  ["county.2.1.1", { xydEntered: undefined, xydPct: "19.999%" }, "扣分", "19.999%"],
  ["county.2.1.1", { xydEntered: undefined, xydPct: 0.19999999999999998 }, "不扣分"], // 20% with binary noise
  ["county.2.1.1", { xydEntered: 20001 }, "数据错误"],
  ["county.2.2.1", { qrCoded: 7999 }, "扣分"],
  ["county.2.2.1", { qrCoded: 8000 }, "不扣分"],
  ["county.2.2.1", { qrCoded: 8001 }, "不扣分"],
  ["county.2.3.1", { sevenIntoKinds: 0 }, "扣分"],
  ["county.2.3.1", { sevenIntoKinds: 1 }, "扣分"],
  ["county.2.3.1", { sevenIntoKinds: 2 }, "不扣分"],
  ["county.2.3.1", { sevenIntoKinds: 8 }, "数据错误"],
  ["county.2.4.1", { commitUpdated: "2022-05-01" }, "不扣分", "2022年5月1日，未晚于 5月1日"],
  ["county.2.4.1", { commitUpdated: "2022年5月2日" }, "扣分", "晚于 5月1日"],
  ["county.2.4.1", { commitUpdated: 44682 }, "不扣分"], // Excel serial of 2022-05-01
  ["county.2.4.1", { commitUpdated: 44683 }, "扣分"],
  ["county.2.4.1", { commitCovered: 349 }, "扣分"],
  ["county.2.4.1", { commitUpdated: "2023-01-01" }, "数据错误"],
  ["county.2.5.1", { blacklistedFirms: 79 }, "不扣分"],
  ["county.2.5.1", { blacklistedFirms: 80 }, "不扣分", "1.0%，未超过 1%"],
  ["county.2.5.1", { blacklistedFirms: 81 }, "扣分"],
  ["county.2.5.1", { blacklistedFirms: undefined, blacklistedPct: "1%" }, "不扣分"],
  ["county.2.5.1", { blacklistedFirms: undefined, blacklistedPct: "1.01%" }, "扣分"],
  ["county.2.5.2", { govDebtors: 1 }, "扣分"],
  ["county.2.5.2", { govDebtors: 0 }, "不扣分"],
  ["county.2.6.1", { pilotDone: "否" }, "扣分"],
  ["county.2.6.1", { pilotPromoted: "否" }, "扣分"],
  ["county.3.1.1", { commitmentsCollected: 999 }, "扣分", "少于 1,000 份"],
  ["county.3.1.1", { commitmentsCollected: 1000 }, "不扣分"],
  ["county.3.1.1", { commitmentsCollected: 1001 }, "不扣分"],
  ["county.3.2.1", { redBlackPushed: 39 }, "扣分"],
  ["county.3.2.1", { redBlackPushed: 40 }, "不扣分"],
  ["county.3.2.2", { creditChecks: "否" }, "扣分"],
  ["county.4.1.1", { repairDone: 39 }, "扣分"],
  ["county.4.1.1", { repairDone: 40 }, "不扣分"],
  ["county.4.1.1", { repairDone: 41 }, "不扣分"],
  ["county.4.1.1", { repairDone: 0, repairEligible: 0 }, "不扣分", "无符合条件的信用修复申请"],
  ["county.4.1.1", { repairDone: undefined, repairEligible: undefined, repairPct: "79.9%" }, "扣分"],
  ["county.5.1.1", { educationCourses: 0 }, "扣分"],
  ["county.5.1.1", { educationCourses: 1 }, "不扣分"],
  ["county.6.1.1", { reportsSent: 29 }, "扣分"],
  ["county.6.1.1", { reportsSent: 30 }, "不扣分"],
  ["county.6.1.1", { reportsSent: 31 }, "不扣分"],
];

const DEPARTMENT: Case[] = [
  ["department.1.1.1", { policiesImplemented: "否" }, "扣分"],
  ["department.1.2.1", { sgsSelfCheck: "否" }, "扣分"],
  ["department.1.2.2", { sgsAccurate: 299 }, "扣分"],
  ["department.1.2.2", { sgsTimely: 300 }, "不扣分"],
  ["department.1.3.1", { catalogData: "否" }, "扣分"],
  ["department.1.4.1", { codeErrorsOpen: 0 }, "不扣分", "无应纠正未纠正的重错码"],
  ["department.1.4.1", { codeErrorsOpen: 3, codeErrorRate: "0.5%", cityCodeErrorRate: "0.3%" }, "扣分", "高于城市平均水平"],
  ["department.1.4.1", { codeErrorsOpen: 3, codeErrorRate: "0.3%", cityCodeErrorRate: "0.3%" }, "不扣分"],
  ["department.1.4.1", { codeErrorsOpen: 3, codeErrorRate: "0.29%", cityCodeErrorRate: "0.3%" }, "不扣分"],
  ["department.1.4.1", { codeErrorsOpen: 3 }, "待填"],
  ["department.1.5.1", { fourKindsRecorded: 79 }, "扣分"],
  ["department.1.5.1", { fourKindsRecorded: 80 }, "不扣分"],
  ["department.2.1.1", { xydSupport: "否" }, "扣分"],
  ["department.2.2.1", { xinyiPlus: "否" }, "扣分"],
  ["department.2.3.1", { sevenIntoKinds: 1 }, "扣分"],
  ["department.2.3.1", { sevenIntoKinds: 2 }, "不扣分"],
  ["department.2.4.1", { qrSupport: "否" }, "扣分"],
  ["department.2.5.1", { commitSubmitted: "否", commitSubmittedOn: undefined }, "扣分", "未报送信用承诺"],
  ["department.2.5.1", { commitSubmittedOn: "2022-05-01" }, "不扣分"],
  ["department.2.5.1", { commitSubmittedOn: "2022-05-02" }, "扣分"],
  ["department.2.5.1", { commitSubmittedOn: undefined }, "待填"],
  ["department.2.6.1", { blacklistedFirms: 10 }, "不扣分"],
  ["department.2.6.1", { blacklistedFirms: 11 }, "扣分"],
  ["department.2.6.1", { blacklistedFirms: 9 }, "不扣分"],
  ["department.2.6.2", { deptIsDebtor: "是" }, "扣分", "本部门被列入失信被执行人，扣 2.5 分"],
  ["department.2.6.2", { deptIsDebtor: "否" }, "不扣分"],
  ["department.3.1.1", { commitmentsReported: 199 }, "扣分"],
  ["department.3.1.1", { commitmentsProduced: 0, commitmentsReported: 0 }, "不扣分"],
  ["department.3.2.1", { redBlackPushed: 11 }, "扣分"],
  ["department.3.2.2", { creditChecks: "否" }, "扣分"],
  ["department.3.3.1", { gradedStarted: "否" }, "扣分"],
  ["department.3.3.1", { gradedDocument: "否" }, "扣分"],
  ["department.3.3.1", { gradedPublished: "否" }, "扣分"],
  ["department.3.3.1", { gradedApplied: "否" }, "扣分"],
  ["department.4.1.1", { repairDone: 7 }, "扣分"],
  ["department.4.1.1", { repairDone: 8 }, "不扣分"],
  ["department.5.1.1", { educationCourses: 0 }, "扣分"],
  ["department.6.1.1", { reportsSent: 9 }, "扣分"],
  ["department.6.1.1", { reportsSent: 10 }, "不扣分"],
];

describe.each([
  ["county", COUNTY],
  ["department", DEPARTMENT],
] as const)("%s: each clause at and around its boundary", (kind, cases) => {
  test("the perfect baseline scores 100 and is complete", () => {
    const r = run(kind, {});
    expect(r.clauses.filter((c) => c.status !== "不扣分")).toEqual([]);
    expect(r.score).toBe(100);
    expect(r.complete).toBe(true);
  });

  test("every clause has a case that deducts", () => {
    const deducting = new Set(cases.filter((c) => c[2] === "扣分").map((c) => c[0]));
    expect(allClauses(getCatalog(2022, kind)).map((c) => c.id).filter((id) => !deducting.has(id))).toEqual([]);
  });

  // Always four columns: Jest would pass its `done` callback in place of a missing fourth.
  const rows = cases.map(([id, patch, status, explanation]) => [id, patch, status, explanation ?? ""] as const);
  test.each(rows)("%s %j → %s", (clauseId, patch, status, explanation) => {
    const r = run(kind, patch);
    const c = r.clauses.find((x) => x.clauseId === clauseId)!;
    expect(c.status).toBe(status);
    if (explanation) expect(c.explanation).toContain(explanation);
    const clause = allClauses(getCatalog(2022, kind)).find((x) => x.id === clauseId)!;
    expect(c.deduction).toBe(status === "扣分" ? clause.deduction : 0);
    // Only this clause moves the score.
    const others = r.clauses.filter((x) => x.clauseId !== clauseId && x.status !== "不扣分");
    expect(others).toEqual([]);
    expect(r.score).toBe(100 - c.deduction);
    expect(r.complete).toBe(status !== "待填" && status !== "数据错误");
  });

  test("a clause whose inputs are all blank is 待填, naming the clause and its inputs", () => {
    for (const clause of allClauses(getCatalog(2022, kind))) {
      const blank = Object.fromEntries(clause.inputs.map((i) => [i.id, undefined]));
      const r = run(kind, blank);
      const c = r.clauses.find((x) => x.clauseId === clause.id)!;
      expect(c.status).toBe("待填");
      expect(c.deduction).toBe(0);
      expect(c.explanation).toMatch(/^待填：“/);
      expect(c.problems.length).toBeGreaterThan(0);
      for (const p of c.problems) {
        expect(p.clauseId).toBe(clause.id);
        expect(clause.inputs.map((i) => i.id)).toContain(p.inputId);
        expect(p.message).toContain("未填写");
      }
      expect(r.complete).toBe(false);
    }
  });

  test("不涉及 deducts nothing even where the figures would — where the year's list allows it; elsewhere it is 涉及", () => {
    const catalog = getCatalog(2022, kind);
    const worst = Object.fromEntries(
      cases.filter((c) => c[2] === "扣分").flatMap((c) => Object.entries(c[1])),
    );
    const plain = run(kind, worst, []);
    for (const indicator of allIndicators(catalog)) {
      const r = run(kind, worst, [indicator.id]);
      if (!indicator.notApplicable.allowed) {
        expect(r).toEqual(plain);
        continue;
      }
      for (const c of r.clauses.filter((x) => x.indicatorId === indicator.id)) {
        expect(c.status).toBe("不涉及");
        expect(c.deduction).toBe(0);
      }
      expect(r.indicators.find((x) => x.id === indicator.id)).toMatchObject({ deduction: 0, notApplicable: true });
    }
    // The 2022 reading: no 县区 indicator may be 不涉及; 11 of the 17 市直部门 indicators may (docs/rules-2022.md).
    expect(allIndicators(catalog).filter((i) => i.notApplicable.allowed).map((i) => i.id)).toEqual(
      kind === "county" ? [] : ["1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.4", "3.1", "3.2", "3.3", "4.1"].map((x) => `department.${x}`),
    );
  });
});

test("a clause that is only half answered is 待填, not 不扣分 and not 扣分", () => {
  const r = run("county", { xydEntered: undefined, xydPct: undefined });
  expect(r.clauses.find((c) => c.clauseId === "county.2.1.1")).toMatchObject({ status: "待填", deduction: 0 });
  expect(r.score).toBe(100);
  expect(r.complete).toBe(false);
  expect(r.problems.map((p) => p.inputId)).toEqual(["xydEntered"]);
});

test("invalid values are 数据错误 with a Chinese reason naming the input", () => {
  const r = run("county", { meetingsHeld: -2, leadGroupAdjusted: "可能", reportsSent: "三十" });
  const byClause = Object.fromEntries(r.clauses.map((c) => [c.clauseId, c]));
  expect(byClause["county.1.1.2"].status).toBe("数据错误");
  expect(byClause["county.1.1.2"].explanation).toContain("“本年度召开信用工作会议次数”不能为负数");
  expect(byClause["county.1.1.1"].explanation).toContain("应选择“是”或“否”");
  expect(byClause["county.6.1.1"].explanation).toContain("“三十”");
  expect(r.problems.filter((p) => p.kind === "数据错误").map((p) => p.inputId).sort()).toEqual(["leadGroupAdjusted", "meetingsHeld", "reportsSent"]);
});

test("totals: per category and overall, score = 100 − deductions; 2.5-point clauses add exactly", () => {
  const r = run("county", { leadGroupAdjusted: "否", meetingsHeld: 0, blacklistedFirms: 500, govDebtors: 2, reportsSent: 0 });
  expect(r.categories.map((c) => c.deduction)).toEqual([5, 5, 0, 0, 0, 10]);
  expect(r.totalDeduction).toBe(20);
  expect(r.score).toBe(80);
  const half = run("county", { leadGroupAdjusted: "否" });
  expect(half.score).toBe(97.5);
});

test("the worst unit scores 0, never below", () => {
  for (const [kind, cases] of [
    ["county", COUNTY],
    ["department", DEPARTMENT],
  ] as const) {
    const worst = Object.fromEntries(cases.filter((c) => c[2] === "扣分").flatMap((c) => Object.entries(c[1])));
    // the department's 2.5.1 worst case clears the date; keep one deducting variant
    const r = run(kind, worst);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.indicators.every((i) => i.deduction <= i.points)).toBe(true);
  }
});
