// Every CREDIT.* function is total: for any argument (blank, text, "是 ", "１２", "85%", 0.85, negatives,
// huge numbers, dates, upstream errors, ranges of any size) it returns a number or text, or reports a
// CustomFunctions.Error (#VALUE!/#N/A with a Chinese message). Never another exception, NaN or Infinity.
import fc from "fast-check";
import { allClauses, CATALOGS, indexOf } from "../../src/core/index";
import * as core from "../../src/functions/core";
import * as fns from "../../src/functions/functions";
import { installCustomFunctionsShim, ShimError } from "../helpers/customFunctionsShim";

installCustomFunctionsShim();

const clauseIds = CATALOGS.flatMap((c) => allClauses(c).map((x) => x.id));
const otherIds = CATALOGS.flatMap((c) => [...indexOf(c).indicators.keys(), ...c.categories.map((x) => x.id)]);

const nasty = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, "", " ", "\u3000", "是", "否", "是 ", " 否\u3000", "TRUE", true, false, "１２", "１２％", "85%", "85 %", "不涉及", "涉及", "待填", "未完成（3 项待填）"),
  fc.constantFrom<unknown>(0.85, 85, -1, -0.5, 0, 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 1e-300, NaN, Infinity, -Infinity, 2.5, 44681, "2022-04-28", "2022年4月28日", "2022/13/40"),
  fc.constantFrom<unknown>("#N/A", "#VALUE!", "#DIV/0!", { code: "#N/A" }, { code: "#REF!" }, { error: "#NUM!" }, {}, new Date("2022-04-28"), new Date(NaN), "1,200", "0x10", "1e400"),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
);
const range = fc.oneof(nasty, fc.array(fc.array(nasty, { maxLength: 4 }), { maxLength: 4 }), fc.array(fc.array(nasty, { minLength: 1, maxLength: 1 }), { maxLength: 7 }));
const id = fc.oneof(
  fc.constantFrom(...clauseIds, ...otherIds),
  fc.constantFrom(...clauseIds).map((c) => `2022:${c}`),
  fc.constantFrom(...clauseIds).map((c) => `2023:${c}`),
  fc.constantFrom(...clauseIds).map((c) => ` 2022：${c} `),
  nasty,
);
/** The clause's inputs with the right count (the interesting case), or anything. */
const clauseCall = fc.oneof(
  fc.constantFrom(...CATALOGS.flatMap((c) => allClauses(c))).chain((c) =>
    fc.tuple(fc.constant<unknown>(c.id), fc.array(nasty, { minLength: c.inputs.length, maxLength: c.inputs.length }).map((xs) => xs.map((x) => [x])), nasty),
  ),
  fc.tuple(id, range, nasty),
);

function assertValue(v: unknown): void {
  if (v instanceof core.FnError) {
    expect(["#VALUE!", "#N/A"]).toContain(v.code);
    expect(v.message).toMatch(/[\u4e00-\u9fff]/);
    expect(v.message).not.toMatch(/undefined|NaN|\[object/);
    return;
  }
  if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
  else {
    expect(typeof v).toBe("string");
    expect(v).not.toMatch(/undefined|NaN|Infinity|\[object/);
  }
}

/** The Excel wrapper: returns a value or throws a CustomFunctions.Error with a message, nothing else. */
function assertWrapper(call: () => unknown): void {
  let out: unknown;
  try {
    out = call();
  } catch (e) {
    expect(e).toBeInstanceOf(ShimError);
    const err = e as ShimError;
    expect(["#VALUE!", "#N/A"]).toContain(err.code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    return;
  }
  assertValue(out);
}

const runs = { numRuns: 1500 };

it("SHARE of huge counts stays a fraction", () => expect(core.share(1e308, 1e308)).toBe(1));

describe("CREDIT.* never throw, never NaN/Infinity (fast-check)", () => {
  it("DEDUCT / STATUS / EXPLAIN", () => {
    fc.assert(
      fc.property(clauseCall, ([c, inputs, na]) => {
        const d = core.deduct(c, inputs, na);
        assertValue(d);
        const s = core.status(c, inputs, na);
        assertValue(s);
        const x = core.explain(c, inputs, na);
        assertValue(x);
        if (typeof s === "string") {
          expect(["扣分", "不扣分", "不涉及", "待填", "数据错误"]).toContain(s);
          // DEDUCT agrees with STATUS: a number when decided, 待填 when 待填, #VALUE! when 数据错误.
          if (s === "待填") expect(d).toBe("待填");
          else if (s === "数据错误") expect(d).toBeInstanceOf(core.FnError);
          else expect(typeof d).toBe("number");
          if (s === "不扣分" || s === "不涉及") expect(d).toBe(0);
        } else expect(d).toEqual(s); // argument errors are the same for both
        assertWrapper(() => fns.deduct(c as string, inputs as unknown[][], na));
        assertWrapper(() => fns.status(c as string, inputs as unknown[][], na));
        assertWrapper(() => fns.explain(c as string, inputs as unknown[][], na));
      }),
      runs,
    );
  });

  it("SCORE", () => {
    fc.assert(
      fc.property(range, fc.oneof(fc.constant(undefined), range, fc.array(id).map((xs) => xs.map((x) => [x]))), (d, c) => {
        const v = core.scoreOf(d, c);
        assertValue(v);
        if (typeof v === "number") expect(v).toBeGreaterThanOrEqual(0);
        if (typeof v === "number") expect(v).toBeLessThanOrEqual(100);
        assertWrapper(() => fns.score(d as unknown[][], c as unknown[][]));
      }),
      runs,
    );
  });

  it("SHARE, WEIGHTED, POINTS, RULE", () => {
    fc.assert(
      fc.property(nasty, nasty, id, (a, b, i) => {
        const r = core.share(a, b);
        assertValue(r);
        if (typeof r === "number") expect(r >= 0 && r <= 1).toBe(true);
        assertValue(core.weighted(a, b));
        assertValue(core.points(i));
        assertValue(core.rule(i));
        assertWrapper(() => fns.share(a, b));
        assertWrapper(() => fns.weighted(a, b));
        assertWrapper(() => fns.points(i as string));
        assertWrapper(() => fns.rule(i as string));
      }),
      runs,
    );
  });

  it("a blank never reads as 0", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATALOGS.flatMap((c) => allClauses(c))), fc.constantFrom<unknown>(null, undefined, "", " ", "\u3000"), (c, blank) => {
        expect(core.deduct(c.id, c.inputs.map(() => [blank]))).toBe("待填");
      }),
    );
    for (const blank of [null, "", " "]) {
      expect(core.share(blank, 10)).toBe("待填");
      expect(core.share(3, blank)).toBe("待填");
      expect(core.weighted(blank, 3)).toBe("待填");
      expect(core.weighted(90, blank)).toBe("待填");
      expect(core.scoreOf([[1], [blank]])).toBe("未完成（1 项待填）");
    }
  });
});
