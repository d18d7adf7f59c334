// One reading of a typed figure: a weight or a 核定扣分 typed with full-width digits (as a Chinese input
// method types them), with thousands separators, as "85%" or blank means the same to the CLI and the
// 汇总 (checkWeight), CREDIT.WEIGHTED, the pane's 核定 field and the 核定记录's check — core's numberOf.
import { checkWeight, getCatalog, numberOf, weightedScore, weightProblem } from "../../src/core/index";
import { weighted } from "../../src/functions/core";
import { checkVerification } from "../../src/review/verification";
import { deductionProblem } from "../../src/taskpane/views/assess";

const county = getCatalog(2022, "county");
const clause = county.categories[0].indicators[0].clauses[1]; // county.1.1.2, 扣 2.5 分

it.each([
  ["２０", 20],
  [" 20 ", 20],
  ["１,０００", 1000],
  ["0.5", 0.5],
])("weight %p is %p for the 汇总 and for CREDIT.WEIGHTED alike", (typed, n) => {
  expect(numberOf(typed)).toBe(n);
  expect(weightProblem(typed)).toBeUndefined();
  expect(checkWeight(typed)).toBe(n);
  expect(weighted(90, typed)).toBe(weightedScore(90, n));
});

it.each(["85%", "２０分", "0x14", "1/2"])("weight %p is refused by the 汇总 and by CREDIT.WEIGHTED alike", (typed) => {
  expect(numberOf(typed)).toBeUndefined();
  expect(weightProblem(typed)).toMatch(/^按比例计入的分值应为大于 0、不超过 1000 的数/);
  expect(weighted(90, typed)).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("第 2 个参数（分值）") });
});

it.each(["", "　"])("a blank weight %p is refused by the 汇总; in a formula it is a cell not filled yet (待填)", (typed) => {
  expect(weightProblem(typed)).toMatch(/^按比例计入的分值应为大于 0、不超过 1000 的数/);
  expect(weighted(90, typed)).toBe("待填");
});

it.each([
  ["２", 2],
  ["２.５", 2.5],
  [" 1 ", 1],
])("核定扣分 %p is taken as %p by the pane and by the 核定记录's check", (typed, n) => {
  expect(deductionProblem(typed, clause.deduction)).toBeUndefined();
  const checked = checkVerification(county, { clauseId: clause.id, verified: typed, reason: "核实", reviewer: "张三" });
  expect(checked).toEqual({ ok: true, verified: n, reason: "核实", reviewer: "张三" });
});

it.each(["2.5分", "85%", "", "　", "二"])("核定扣分 %p is refused by the pane and by the 核定记录's check", (typed) => {
  expect(deductionProblem(typed, clause.deduction)).toBe("请填写核定扣分（数字）。");
  const checked = checkVerification(county, { clauseId: clause.id, verified: typed, reason: "核实", reviewer: "张三" });
  expect(checked.ok).toBe(false);
  expect(checked.ok ? [] : checked.errors).toContain(`核定扣分应为数字，收到 ${typed}`);
});

it("核定扣分 beyond the clause's points is refused by both, with the range", () => {
  expect(deductionProblem("３", clause.deduction)).toBe("核定扣分必须在 0 到 2.5 分之间。");
  const checked = checkVerification(county, { clauseId: clause.id, verified: "３", reason: "核实", reviewer: "张三" });
  expect(checked.ok ? [] : checked.errors).toContain(`条款 1.1.2 的核定扣分应在 0 到 2.5 分之间，收到 3`);
});
