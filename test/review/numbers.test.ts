// One number rule for every path (src/core/coerce.ts numberOf): a 核定扣分 typed as text reads as an input
// cell or a CREDIT.* argument would (full-width digits, spaces, thousands separators), and nothing else
// (no hexadecimal, no Infinity).
import { getCatalog, indexOf, numberOf } from "../../src/core/index";
import { checkVerification } from "../../src/review/verification";

const county = getCatalog(2022, "county");
const clause = [...indexOf(county).clauses.values()].find((c) => c.clause.deduction >= 2)!.clause;
const verify = (verified: unknown) => checkVerification(county, { clauseId: clause.id, verified, reason: "平台调阅", reviewer: "张三" });

test("core numberOf: numbers and numeric text only", () => {
  expect([numberOf(2.5), numberOf(" ２.５ "), numberOf("1,200"), numberOf("1e2")]).toEqual([2.5, 2.5, 1200, 100]);
  expect([numberOf(NaN), numberOf(Infinity), numberOf("0x10"), numberOf("Infinity"), numberOf(""), numberOf(true), numberOf(null)]).toEqual(Array(7).fill(undefined));
});

test("核定扣分 as text follows the same rule", () => {
  expect(verify(" ２ ")).toEqual({ ok: true, verified: 2, reason: "平台调阅", reviewer: "张三" });
  expect(verify("0x1")).toEqual({ ok: false, errors: [expect.stringContaining("核定扣分应为数字")] });
  expect(verify("Infinity")).toEqual({ ok: false, errors: [expect.stringContaining("核定扣分应为数字")] });
  expect(verify("")).toEqual({ ok: false, errors: [expect.stringContaining("核定扣分应为数字")] });
});
