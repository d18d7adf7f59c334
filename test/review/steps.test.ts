// The review's steps one at a time (src/review/steps/): what each tells the office about a returned sheet,
// on sheets made in memory from the template layout. reviewUnit's composition of them is tested on real
// files (summary.e2e, the adversarial suite); here each rule is pinned where it lives.
import { getCatalog, indexOf, score, type ClauseResult } from "../../src/core/index";
import { names } from "../../src/core/names";
import { checkAnswers } from "../../src/review/steps/answers";
import { checkEvidence } from "../../src/review/steps/evidence";
import { finalFigures } from "../../src/review/steps/final";
import { checkClauseFormulas, checkFormulaCell, checkSheetFormulas } from "../../src/review/steps/formulas";
import { checkSheetIdentity } from "../../src/review/steps/sheet";
import { checkTypedFormulas } from "../../src/review/steps/typed";
import { verifyClause } from "../../src/review/steps/verify";
import type { ClauseInSheet, ClauseReview, ReviewProblem, SheetCells } from "../../src/review/types";
import type { AuditEntry } from "../../src/review/verification";
import { PERFECT } from "../fixtures/answers";
import { edited, parsed, sheetOf } from "./sheets";

const county = getCatalog(2022, "county");
const ix = indexOf(county);
const MEETINGS = "county.1.1.2"; // 信用工作会议: deducts 2.5 when none was held; evidence 信息、图片
const at = (cells: SheetCells, name: string) => cells.names.get(name)!.address;
const brief = (ps: readonly ReviewProblem[]) => ps.map((p) => ({ address: p.address, severity: p.severity, kind: p.kind, clauseId: p.clauseId }));

/** A clause of a sheet as the per-clause steps receive it, the engine's result recomputed from the sheet. */
function clauseIn(cells: SheetCells, clauseId: string): ClauseInSheet {
  const filled = parsed(cells);
  const result = score(county, filled.answers).clauses.find((c) => c.clauseId === clauseId)!;
  return { cells, clause: ix.clauses.get(clauseId)!.clause, typed: filled.clauses.get(clauseId)!, result, values: filled.answers.values, notApplicable: filled.answers.notApplicable.includes(result.indicatorId) };
}

describe("checkSheetIdentity: which sheet this is, and whether it can be scored", () => {
  it("a sheet of this year's template: no problem, scored against its year's and kind's catalog", () => {
    const r = checkSheetIdentity(parsed(sheetOf("兴山区", "county")), { year: 2022 });
    expect(r).toEqual({ catalog: county, problems: [] });
  });

  it.each([
    ["hidden", /考核表工作表被隐藏，只有可见的工作表才计分，本表不计分/],
    ["veryHidden", /被深度隐藏（veryHidden：Excel 的“取消隐藏”中也看不到）/],
  ] as const)("a %s sheet is an 错误 naming the sheet, and nothing of it is scored", (hidden, text) => {
    const r = checkSheetIdentity(parsed({ ...sheetOf("兴山区", "county"), hidden }), { year: 2022 });
    expect(r.catalog).toBeUndefined();
    expect(r.problems.map((p) => [p.sheet, p.address, p.severity, p.kind])).toEqual([["兴山区", "", "错误", "版式"]]);
    expect(r.problems[0].message).toMatch(/^“兴山区”工作表：/);
    expect(r.problems[0].message).toMatch(text);
  });

  it("another year's form is reported on its year cell and not scored", () => {
    const cells = edited(sheetOf("兴山区", "county"), names.year, { value: 2021 });
    const r = checkSheetIdentity(parsed(cells), { year: 2022 });
    expect(r.catalog).toBeUndefined();
    expect(r.problems.map((p) => [p.address, p.severity, p.kind])).toEqual([[at(cells, names.year), "错误", "版式"], [at(cells, names.year), "错误", "版式"]]);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/这是 2021 年度的表格，本次汇总的是 2022 年度/), expect.stringMatching(/没有 2021 年度县区的考核指标，无法计分/)]);
  });

  it("a template without its layout version (not ours, or changed) is not scored", () => {
    const r = checkSheetIdentity(parsed(edited(sheetOf("兴山区", "county"), names.layoutVersion, undefined)));
    expect(r.catalog).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining(`缺少定义名称 ${names.layoutVersion}`)]);
  });

  it("a 市直部门 on the 县区 form is told which template to use, and its answers are still scored", () => {
    const cells = sheetOf("市教育局", "county");
    const r = checkSheetIdentity(parsed(cells), { expected: { county: ["兴山区"], department: ["市教育局"] } });
    expect(r.catalog).toBe(county);
    expect(brief(r.problems)).toEqual([{ address: at(cells, names.kind), severity: "错误", kind: "单位", clauseId: undefined }]);
    expect(r.problems[0].message).toMatch(/“市教育局”属于市直部门，但表格是县区的考核模板，请使用市直部门模板/);
  });

  it("a blank unit name is an error on its cell, but the answers are still scored", () => {
    const cells = edited(sheetOf("兴山区", "county"), names.unit, { value: "  " });
    const r = checkSheetIdentity(parsed(cells));
    expect(r.catalog).toBe(county);
    expect(brief(r.problems)).toEqual([{ address: at(cells, names.unit), severity: "错误", kind: "单位", clauseId: undefined }]);
  });
});

describe("checkAnswers: the unit's answers scored by the engine, problems on their cells", () => {
  it("the score is recomputed from the inputs, whatever the sheet's formula cells say", () => {
    const cells = edited(sheetOf("兴山区", "county", { values: { meetingsHeld: 0 } }), names.score, { value: 100 });
    const { self, problems } = checkAnswers(parsed(cells), county);
    expect(self).toEqual(score(county, { values: { ...PERFECT.county, meetingsHeld: 0 } }));
    expect(self.score).toBe(97.5);
    expect(problems).toEqual([]);
  });

  it("a blank input is 待填 on that input's cell, with its clause", () => {
    const cells = sheetOf("兴山区", "county", { values: { meetingsHeld: null } });
    const { self, problems } = checkAnswers(parsed(cells), county);
    expect(self.complete).toBe(false);
    expect(brief(problems)).toEqual([{ address: at(cells, names.input("meetingsHeld")), severity: "错误", kind: "待填", clauseId: MEETINGS }]);
    expect(problems[0].message).toMatch(/“本年度召开信用工作会议次数”未填写（条款 1\.1\.2）/);
  });

  it("a wrong input two clauses use is reported once, on its cell", () => {
    const cells = sheetOf("兴山区", "county", { values: { marketEntities: -3 } });
    const { problems } = checkAnswers(parsed(cells), county);
    expect(brief(problems)).toEqual([{ address: at(cells, names.input("marketEntities")), severity: "错误", kind: "数据错误", clauseId: "county.2.1.1" }]);
  });

  it("是否涉及 other than 涉及/不涉及 is 数据错误 on its cell, and the indicator is scored as 涉及", () => {
    const cells = edited(sheetOf("兴山区", "county", { values: { meetingsHeld: 0 } }), names.notApplicable("county.1.1"), { value: "不适用" });
    const { self, problems } = checkAnswers(parsed(cells), county);
    expect(brief(problems)).toEqual([{ address: at(cells, names.notApplicable("county.1.1")), severity: "错误", kind: "数据错误", clauseId: undefined }]);
    expect(self.clauses.find((c) => c.clauseId === MEETINGS)!.deduction).toBe(2.5);
  });

  it("不涉及 where the year's list allows none is an 错误 on its cell, and the indicator is scored as 涉及", () => {
    const cells = edited(sheetOf("兴山区", "county", { values: { meetingsHeld: 0 } }), names.notApplicable("county.1.1"), { value: "不涉及" });
    const { self, problems } = checkAnswers(parsed(cells), county);
    expect(problems.map((p) => [p.address, p.severity, p.kind, p.indicatorId])).toEqual([[at(cells, names.notApplicable("county.1.1")), "错误", "数据错误", "county.1.1"]]);
    expect(problems[0].message).toMatch(/是每个县区单位都承担的考核任务，不能选择“不涉及”，按“涉及”计分；请改为“涉及”并填写本指标的数据$/);
    expect(self.clauses.find((c) => c.clauseId === MEETINGS)).toMatchObject({ status: "扣分", deduction: 2.5 });
  });

  it("an input cell whose name was deleted is 篡改 (the row or cell was removed)", () => {
    const { problems } = checkAnswers(parsed(edited(sheetOf("兴山区", "county"), names.input("meetingsHeld"), undefined)), county);
    expect(problems.filter((p) => p.kind === "篡改").map((p) => p.message)).toEqual([expect.stringContaining(`缺少定义名称 ${names.input("meetingsHeld")}`)]);
  });
});

describe("checkEvidence: 不扣分 needs its 已附佐证材料", () => {
  it("a clause assessed 不扣分 without evidence is 缺佐证, naming what to provide", () => {
    const cells = sheetOf("兴山区", "county", { evidence: { [MEETINGS]: null } });
    const problems = checkEvidence(clauseIn(cells, MEETINGS));
    expect(brief(problems)).toEqual([{ address: at(cells, names.evidence(MEETINGS)), severity: "错误", kind: "缺佐证", clauseId: MEETINGS }]);
    expect(problems[0].message).toMatch(/自评不扣分，但未填写已附佐证材料（需提供：信息、图片）/);
  });

  it("no evidence is asked for a clause that deducts, nor for one the office checks on the platform (平台调阅)", () => {
    expect(checkEvidence(clauseIn(sheetOf("兴山区", "county", { values: { meetingsHeld: 0 }, evidence: { [MEETINGS]: null } }), MEETINGS))).toEqual([]);
    const platform = [...ix.clauses.values()].find(({ clause }) => clause.evidence.every((k) => k === "平台调阅"))!.clause.id;
    expect(checkEvidence(clauseIn(sheetOf("兴山区", "county", { evidence: { [platform]: null } }), platform))).toEqual([]);
  });
});

describe("formula checks: a formula cell keeps its formula, its lock and the recomputed figure", () => {
  const cells = sheetOf("兴山区", "county", { values: { meetingsHeld: 0 } });
  const deduction = names.deduction(MEETINGS);
  const check = (c: SheetCells, expected: number | undefined) => checkFormulaCell(c, { name: deduction, what: `条款 ${MEETINGS} 扣分`, expected, clauseId: MEETINGS });

  it("an untouched cell: nothing to say", () => {
    expect(check(cells, 2.5)).toEqual([]);
  });

  it("a formula typed over with a figure is 篡改, and the message gives the recomputed one", () => {
    const problems = check(edited(cells, deduction, { formula: undefined, value: 0 }), 2.5);
    expect(brief(problems)).toEqual([{ address: at(cells, deduction), severity: "错误", kind: "篡改", clauseId: MEETINGS }]);
    expect(problems[0].message).toMatch(/扣分的公式已被替换为直接填写的 0（本次按填报数据重新计算为 2.5）/);
  });

  it("a saved figure other than the recomputed one is 篡改; one saved while the inputs cannot decide is too", () => {
    expect(check(edited(cells, deduction, { value: 0 }), 2.5).map((p) => p.message)).toEqual([expect.stringMatching(/保存的条款 county\.1\.1\.2 扣分为 0，按填报数据重新计算为 2\.5/)]);
    expect(check(cells, undefined).map((p) => p.message)).toEqual([expect.stringMatching(/尚不能计分（有待填或错误数据），保存的数值可能被改动/)]);
  });

  it("an unlocked formula cell is advice (提示), and text such as 待填 in it is not compared", () => {
    expect(brief(check(edited(cells, deduction, { locked: false }), 2.5))).toEqual([{ address: at(cells, deduction), severity: "提示", kind: "篡改", clauseId: MEETINGS }]);
    expect(check(edited(cells, deduction, { value: "待填" }), undefined)).toEqual([]);
  });

  it("a clause's 状态 or 说明 typed over is 篡改 of that clause", () => {
    const c = edited(cells, names.status(MEETINGS), { formula: undefined, value: "不扣分" });
    expect(checkClauseFormulas(clauseIn(c, MEETINGS)).map((p) => [p.kind, p.clauseId, p.message.replace(/^.*：/, "")])).toEqual([["篡改", MEETINGS, `条款 1.1.2 的状态单元格公式已被替换为 “不扣分”`]]);
  });

  it("a raised saved score and a removed sheet protection are reported with the sheet's totals", () => {
    const self = score(county, { values: { ...PERFECT.county, meetingsHeld: 0 } });
    const c = { ...edited(cells, names.score, { value: 100 }), protected: false };
    const problems = checkSheetFormulas(c, self);
    expect(brief(problems)).toEqual([
      { address: at(c, names.score), severity: "错误", kind: "篡改", clauseId: undefined },
      { address: "", severity: "提示", kind: "篡改", clauseId: undefined },
    ]);
    expect(problems[0].message).toMatch(/保存的得分为 100，按填报数据重新计算为 97\.5，得分可能被改动/);
    expect(checkSheetFormulas(cells, self)).toEqual([]);
  });
});

describe("verifyClause: 核定 only from the 考核组's record (README 可信与安全)", () => {
  const record = (to: number, reason = "核实无会议记录"): AuditEntry => ({
    time: "2022-12-20T10:00:00+08:00", reviewer: "张三", sheet: "兴山区", unit: "兴山区", clauseId: MEETINGS,
    saved: 0, recomputed: 0, previous: null, to, reason, kind: "核定", basis: "",
  });
  const typedIn = sheetOf("兴山区", "county", { verified: { [MEETINGS]: 0 }, verifiedReason: { [MEETINGS]: "同意" } });
  const blank = sheetOf("兴山区", "county");

  it("a unit's file: 核定 cells it filled itself are ignored and reported; the clause stays unverified", () => {
    const v = verifyClause(clauseIn(typedIn, MEETINGS), { origin: "file", basis: "", time: "" });
    expect(v.verified).toBeUndefined();
    expect(brief(v.problems)).toEqual([{ address: at(typedIn, names.verified(MEETINGS)), severity: "错误", kind: "核定", clauseId: MEETINGS }]);
    expect(v.problems[0].message).toMatch(/单位表中填写了核定栏，已忽略/);
  });

  it("a unit's file with a record: the record's figure and reason are adopted, never the cells", () => {
    const v = verifyClause(clauseIn(typedIn, MEETINGS), { origin: "file", record: record(2.5), basis: "", time: "" });
    expect({ verified: v.verified, reason: v.reason }).toEqual({ verified: 2.5, reason: "核实无会议记录" });
    expect(v.problems.map((p) => p.kind)).toEqual(["核定"]); // the cells, still reported
    expect(verifyClause(clauseIn(blank, MEETINGS), { origin: "file", record: record(2.5), basis: "", time: "" }).problems).toEqual([]);
  });

  it("the office's workbook: cells matching the latest record are adopted quietly", () => {
    const cells = sheetOf("兴山区", "county", { verified: { [MEETINGS]: 2.5 }, verifiedReason: { [MEETINGS]: "核实无会议记录" } });
    const v = verifyClause(clauseIn(cells, MEETINGS), { origin: "workbook", record: record(2.5), basis: "", time: "" });
    expect(v).toMatchObject({ verified: 2.5, reason: "核实无会议记录", problems: [] });
    expect(v.record).toEqual(record(2.5));
  });

  it("the office's workbook: cells changed outside the record are an error and the record counts", () => {
    const v = verifyClause(clauseIn(typedIn, MEETINGS), { origin: "workbook", record: record(2.5), basis: "", time: "" });
    expect(v.verified).toBe(2.5);
    expect(v.problems.map((p) => p.message)).toEqual([expect.stringMatching(/与核定记录最新一条（2022-12-20T10:00:00\+08:00 张三：2\.5 分）不符，可能在核定记录之外被改动；按核定记录计/)]);
  });

  it("the office's workbook: cells filled without any record are an error and not used", () => {
    const v = verifyClause(clauseIn(typedIn, MEETINGS), { origin: "workbook", basis: "", time: "" });
    expect(v.verified).toBeUndefined();
    expect(v.problems.map((p) => p.message)).toEqual([expect.stringMatching(/核定记录中没有这条核定，未采用/)]);
  });

  it("a record beyond the clause's points is not adopted; one differing from the self deduction needs a reason", () => {
    const over = verifyClause(clauseIn(blank, MEETINGS), { origin: "file", record: record(3), basis: "", time: "" });
    expect(over.verified).toBeUndefined();
    expect(over.problems.map((p) => p.message)).toEqual([expect.stringMatching(/核定扣分为 3，超出 0 到 2\.5 分，未采用/)]);
    const bare = verifyClause(clauseIn(blank, MEETINGS), { origin: "file", record: record(2.5, " "), basis: "", time: "" });
    expect(bare.verified).toBe(2.5);
    expect(bare.problems.map((p) => p.message)).toEqual([expect.stringMatching(/核定扣分 2\.5 与自评 0 不同，但核定记录中没有核定说明/)]);
    expect(verifyClause(clauseIn(blank, MEETINGS), { origin: "file", record: record(0, ""), basis: "", time: "" }).problems).toEqual([]);
  });

  it("the 核定 cells' addresses are given for writing, and a deleted one is reported", () => {
    expect(verifyClause(clauseIn(blank, MEETINGS), { origin: "workbook", basis: "", time: "" })).toMatchObject({ verifiedAddress: at(blank, names.verified(MEETINGS)), reasonAddress: at(blank, names.verifiedReason(MEETINGS)) });
    const gone = verifyClause(clauseIn(edited(blank, names.verifiedReason(MEETINGS), undefined), MEETINGS), { origin: "workbook", basis: "", time: "" });
    expect(gone.problems.map((p) => p.message)).toEqual([expect.stringContaining(`缺少定义名称 ${names.verifiedReason(MEETINGS)}`)]);
  });
});

describe("finalFigures: 核定 figures in place of the self ones, and what a 核定 settles", () => {
  const self = score(county, { values: { ...PERFECT.county, meetingsHeld: 0 } });
  const clauses = (verify: (c: ClauseResult) => number | undefined): ClauseReview[] =>
    self.clauses.map((c) => ({ clauseId: c.clauseId, indicatorId: c.indicatorId, categoryId: c.categoryId, points: 0, status: c.status, selfDeduction: c.deduction, explanation: "", verified: verify(c), notApplicable: false, evidence: "", remark: "", basis: "" }));
  const problem = (kind: ReviewProblem["kind"], clauseId?: string, address = "F12"): ReviewProblem => ({ sheet: "兴山区", address, message: kind, severity: "错误", kind, clauseId });

  it("no 核定: the self figures, 待核定, no verified score", () => {
    const f = finalFigures(county, clauses(() => undefined), []);
    expect(f).toMatchObject({ verifiedCount: 0, fullyVerified: false, verifiedScore: undefined, openProblems: 0, status: "待核定" });
    expect(f.final.score).toBe(97.5);
  });

  it("a verified clause counts with its 核定 figure and settles that clause's problems only", () => {
    const given = [problem("篡改", MEETINGS), problem("待填", "county.1.1.1"), problem("核定", MEETINGS)];
    const f = finalFigures(county, clauses((c) => (c.clauseId === MEETINGS ? 0 : undefined)), given);
    expect(f.final.score).toBe(100);
    expect(f.verifiedScore).toBe(100);
    expect(f.problems.map((p) => [p.kind, p.clauseId, !!p.closed])).toEqual([["篡改", MEETINGS, true], ["待填", "county.1.1.1", false], ["核定", MEETINGS, false]]);
    expect(f).toMatchObject({ openProblems: 2, status: "有问题" });
    expect(given.some((p) => p.closed)).toBe(false); // the problems given are not changed
  });

  it("an indicator's problem (its 是否涉及) is settled once every clause of the indicator is verified", () => {
    const na: ReviewProblem = { ...problem("数据错误"), indicatorId: "county.1.1" };
    const some = finalFigures(county, clauses((c) => (c.clauseId === MEETINGS ? 2.5 : undefined)), [na]);
    expect(some.problems[0].closed).toBeUndefined();
    const both = finalFigures(county, clauses((c) => (c.indicatorId === "county.1.1" ? c.deduction : undefined)), [na]);
    expect(both).toMatchObject({ openProblems: 0, status: "待核定" });
    expect(both.problems[0].closed).toBe(true);
  });

  it("every clause verified: 已核定, and tampered cells are settled too, but not layout or identity problems", () => {
    const all = clauses((c) => c.deduction);
    expect(finalFigures(county, all, [problem("篡改")]).status).toBe("已核定");
    const f = finalFigures(county, all, [problem("篡改", undefined, ""), problem("单位")]);
    expect(f.problems.map((p) => !!p.closed)).toEqual([false, false]);
    expect(f.status).toBe("有问题");
  });
});

describe("checkTypedFormulas: a formula where the unit types is an 错误, its saved result never used", () => {
  it.each([
    [names.input("meetingsHeld"), "0*1", 3, /请直接填写数值/],
    [names.notApplicable(ix.clauses.get(MEETINGS)!.indicator.id), '"不涉及"', "不涉及", /请直接从下拉列表中选择/],
    [names.evidence(MEETINGS), '"已附"', "已附", /请直接填写文字/],
    [names.unit, '"兴山区"', "兴山区", /该单元格由模板生成/],
    [names.input("meetingsHeld"), "3", 3, /请直接填写数值/], // not even a constant is evaluated
  ])("%s = %s saved as %s", (name, formula, saved, todo) => {
    const cells = edited(sheetOf("兴山区", "county"), name, { formula, value: saved });
    const filled = parsed(cells);
    expect(filled.formulaCells.map((f) => f.name)).toEqual([name]);
    const problems = checkTypedFormulas(filled);
    expect(brief(problems)).toEqual([{ address: at(cells, name), severity: "错误", kind: name === names.unit ? "篡改" : "数据错误", clauseId: undefined }]);
    expect(problems[0].message).toMatch(new RegExp(`填写的是公式（=${formula.replace(/[*"]/g, "\\$&")}），不是数值或文字；公式及其保存的结果（.*）均不采用`));
    expect(problems[0].message).toMatch(todo);
    // Read as blank: the saved result reaches neither the answers nor the identity.
    const reached = name === names.unit ? filled.unitName : name === names.evidence(MEETINGS) ? filled.answers.evidence[MEETINGS] : name.startsWith("CR_NA_") ? filled.answers.notApplicable[0] : filled.answers.values.meetingsHeld;
    expect(reached || undefined).toBeUndefined();
  });
});
