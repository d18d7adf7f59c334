// 按比例计入's weight: the one check the CLI, the pane and the 汇总 share.
import { beijingTime, checkWeight, MAX_WEIGHT, weightProblem, weightRule } from "../../src/core/index";

it.each([0, -1, MAX_WEIGHT + 0.01, Number.NaN, Infinity, "", " ", "abc", null, undefined, "5分"])("refuses %p with a Chinese reason", (w) => {
  expect(weightProblem(w)).toMatch(/^按比例计入的分值应为大于 0、不超过 1000 的数/);
  expect(() => checkWeight(w)).toThrow(RangeError);
});

it.each([
  [5, 5],
  ["5", 5],
  [0.1, 0.1],
  [100, 100],
  [MAX_WEIGHT, MAX_WEIGHT],
])("accepts %p as %p", (w, n) => {
  expect(weightProblem(w)).toBeUndefined();
  expect(checkWeight(w)).toBe(n);
});

it("says how the score is carried in words, without ×…÷100", () => {
  expect(weightRule(100)).toBe("未设定本项分值，得分原样计入");
  expect(weightRule(5)).toBe("本项 5 分，计入分 = 得分 ÷ 100 × 5，保留两位小数");
  expect(weightRule(2.5)).toBe("本项 2.5 分，计入分 = 得分 ÷ 100 × 2.5，保留两位小数");
});

it("writes a recorded moment in Beijing time, saying so, whatever the machine's zone", () => {
  expect(beijingTime("2026-12-07T18:30:05+00:00")).toBe("2026-12-08 02:30（北京时间）");
  expect(beijingTime("2026-12-07T10:30:00+08:00")).toBe("2026-12-07 10:30（北京时间）");
  expect(beijingTime("不是时间")).toBe("不是时间");
});
