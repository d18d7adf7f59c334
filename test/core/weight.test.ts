// 按比例计入's weight: the one check the CLI, the pane and the 汇总 share.
import { checkWeight, MAX_WEIGHT, weightProblem } from "../../src/core/index";

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
