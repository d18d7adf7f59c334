// What users of the CREDIT.* functions rely on, case by case (values are taken from the catalog, not
// retyped: no rule is written twice).
import { allClauses, getCatalog, indexOf, quoted } from "../../src/core/index";
import { deduct, explain, FnError, points, rule, scoreOf, share, status, weighted } from "../../src/functions/core";
import * as fns from "../../src/functions/functions";
import { PERFECT } from "../fixtures/answers";
import { installCustomFunctionsShim, ShimError } from "../helpers/customFunctionsShim";

const county = getCatalog(2022, "county");
const ix = indexOf(county);
const c111 = ix.clauses.get("county.1.1.1")!.clause; // one 是/否 input
const c132 = ix.clauses.get("county.1.3.2")!.clause; // several inputs
const column = (xs: unknown[]) => xs.map((x) => [x]);
const perfect = (c: typeof c132) => c.inputs.map((s) => PERFECT.county[s.id] ?? null);

const err = (v: unknown) => (v instanceof FnError ? { code: v.code, message: v.message } : v);

describe("CREDIT.DEDUCT / STATUS / EXPLAIN", () => {
  it("decides from the inputs: deduction, 0, 待填, and the matching status and explanation", () => {
    expect(deduct("2022:county.1.1.1", [["否"]])).toBe(c111.deduction);
    expect(deduct("county.1.1.1", [[" 是 "]])).toBe(0);
    expect(deduct("county.1.1.1", [[null]])).toBe("待填");
    expect(status("county.1.1.1", [["否"]])).toBe("扣分");
    expect(status("county.1.1.1", [[""]])).toBe("待填");
    expect(explain("county.1.1.1", [["否"]])).toMatch(/扣 2\.5 分$/);
  });

  it("reads a row or a column, and accepts the clause's inputs in clause.inputs order", () => {
    const row = [perfect(c132)];
    expect(deduct(c132.id, row)).toBe(0);
    expect(deduct(c132.id, column(perfect(c132)))).toBe(0);
  });

  it("a range of the wrong size → #VALUE! saying how many cells and which inputs, in order", () => {
    const e = err(deduct(c132.id, [["是", "否"]])) as { code: string; message: string };
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain(`${c132.inputs.length} 个单元格`);
    expect(e.message).toContain(c132.inputs.map((s) => quoted(s.label)).join("、"));
    expect(e.message).toContain("收到 2 个");
    expect(err(deduct(c132.id, [[1, 2], [3, 4]]))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/一行或一列.*2 行 2 列/) });
  });

  it("不涉及 via the third argument; 涉及 or blank means applicable; anything else is an error", () => {
    // department.3.3 (信用分级分类监管) may be 不涉及; its one clause is all 否.
    const graded = ["否", "否", "否", "否"].map((v) => [v]);
    expect(deduct("department.3.3.1", graded, "不涉及")).toBe(0);
    expect(status("department.3.3.1", graded, " 不涉及 ")).toBe("不涉及");
    expect(deduct("department.3.3.1", graded, "涉及")).toBe(5);
    expect(deduct("county.1.1.1", [["否"]], "涉及")).toBe(c111.deduction);
    expect(deduct("county.1.1.1", [["否"]], null)).toBe(c111.deduction);
    expect(err(deduct("county.1.1.1", [["否"]], "是"))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 3 个参数（是否涉及）") });
  });

  it("不涉及 where the year's list allows none (every 县区 indicator) is #VALUE!, in the reader's words", () => {
    for (const f of [deduct, status]) {
      expect(err(f("county.1.1.1", [["否"]], "不涉及"))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/是每个县区单位都承担的考核任务，不能选择“不涉及”，按“涉及”计分$/) });
    }
  });

  it("数据错误 → #VALUE! naming the argument, the item and its label, with the engine's reason", () => {
    const inputs = perfect(c132);
    inputs[1] = -5;
    const e = err(deduct(c132.id, column(inputs))) as { code: string; message: string };
    expect(e).toEqual({ code: "#VALUE!", message: expect.stringContaining(`第 2 个参数（输入项）第 2 项“${c132.inputs[1].label}”不能为负数`) });
    expect(status(c132.id, column(inputs))).toBe("数据错误");
    expect(explain(c132.id, column(inputs))).toMatch(/^数据错误：/);
    expect(err(deduct("county.1.1.1", [[{ code: "#N/A" }]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("错误值 #N/A") });
    // One list of Excel's error values for input cells and arguments alike (#FIELD!, #EXTERNAL! as text too).
    for (const code of ["#FIELD!", "#EXTERNAL!", " #GETTING_DATA "]) {
      expect(err(deduct("county.1.1.1", [[code]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining(`单元格为错误值 ${code.trim()}，请先更正`) });
      expect(err(deduct("county.1.1.1", [["否"]], code))).toEqual({ code: "#VALUE!", message: `第 3 个参数（是否涉及）为错误值 ${code.trim()}，请先更正` });
    }
  });

  it("unknown ids → #N/A 未知条款; an id without a year means 2022, a year without a catalog is unknown", () => {
    expect(err(deduct("county.9.9.9", [["否"]]))).toEqual({ code: "#N/A", message: expect.stringContaining("未知条款") });
    expect(err(deduct("2099:county.1.1.1", [["否"]]))).toEqual({ code: "#N/A", message: expect.stringContaining("未知条款") });
    expect(err(deduct("county.1.1", [["否"]]))).toEqual({ code: "#N/A", message: expect.stringContaining("未知条款") });
    expect(deduct("county.1.1.1", [["否"]])).toBe(deduct("2022:county.1.1.1", [["否"]]));
    expect(err(deduct("", [["否"]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 1 个参数（条款编号）为空") });
  });

  it("the Excel wrappers throw CustomFunctions.Error with the code and the message", () => {
    installCustomFunctionsShim();
    expect(fns.deduct("county.1.1.1", [["否"]])).toBe(c111.deduction);
    expect(() => fns.deduct("county.9.9.9", [["否"]])).toThrow(ShimError);
    try {
      fns.deduct("county.1.1.1", [["x"]]);
    } catch (e) {
      expect(e).toEqual(new ShimError("#VALUE!", expect.stringContaining("第 2 个参数（输入项）第 1 项") as unknown as string));
    }
    expect.assertions(3);
  });
});

describe("CREDIT.SCORE", () => {
  const ind = county.categories[0].indicators[0];
  it("100 minus the deductions, never below 0", () => {
    expect(scoreOf([[2.5], [5], [0]])).toBe(92.5);
    expect(scoreOf(column(Array(30).fill(5)))).toBe(0);
  });
  it("caps each indicator at its points when the clause ids are given", () => {
    const ids = ind.clauses.map((c) => c.id);
    const over = ind.clauses.map(() => ind.points); // each clause claims the indicator's whole points
    expect(scoreOf(column(over), column(ids))).toBe(100 - ind.points);
    expect(scoreOf(column(over))).toBe(100 - ind.points * ind.clauses.length);
  });
  it("an unfinished total reads 未完成（N 项待填）, errors stay errors", () => {
    expect(scoreOf([[1], ["待填"], [null], [2]])).toBe("未完成（2 项待填）");
    expect(err(scoreOf([[1], [{ code: "#VALUE!" }], ["待填"]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 2 个单元格为错误值") });
    expect(err(scoreOf([[1], [-1]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("不能为负数") });
    expect(err(scoreOf([[1], [2]], [["county.1.1.1"]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("一一对应") });
    expect(err(scoreOf([[1], [2]], [["county.1.1.1"], ["county.1.1.1"]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("重复") });
    expect(err(scoreOf([[1], [2]], [["county.1.1.1"], ["department.1.1.1"]]))).toEqual({ code: "#VALUE!", message: expect.stringContaining("同一") });
  });
});

describe("CREDIT.SHARE / WEIGHTED / POINTS / RULE", () => {
  it("SHARE: part / whole as a fraction, without binary noise; errors name the argument", () => {
    expect(share(29, 100)).toBe(0.29);
    expect(share("１２", "48")).toBe(0.25);
    expect(share(1, 3)).toBeCloseTo(1 / 3, 10);
    expect(err(share(1, 0))).toEqual({ code: "#VALUE!", message: expect.stringContaining("为 0") });
    expect(err(share(5, 3))).toEqual({ code: "#VALUE!", message: expect.stringContaining("多于总数") });
    expect(err(share(-1, 3))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 1 个参数（部分数）不能为负数") });
    expect(err(share(1.5, 3))).toEqual({ code: "#VALUE!", message: expect.stringContaining("应为整数") });
  });
  it("WEIGHTED: score / 100 × weight rounded to 2 decimals; unfinished scores stay text", () => {
    expect(weighted(85.5, 3)).toBe(2.57);
    expect(weighted(100, 5)).toBe(5);
    expect(weighted("未完成（2 项待填）", 5)).toBe("未完成（2 项待填）");
    expect(err(weighted(120, 5))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 1 个参数（得分）") });
    expect(err(weighted(90, 0))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 2 个参数（分值）") });
    // Errors before 待填: a wrong 分值 shows while the score is still unfinished or blank.
    expect(err(weighted("未完成（2 项待填）", 0))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 2 个参数（分值）") });
    expect(err(weighted(null, "三"))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 2 个参数（分值）") });
    expect(weighted(null, 3)).toBe("待填");
    expect(weighted("未完成（2 项待填）", null)).toBe("未完成（2 项待填）");
  });
  it("POINTS and RULE read the catalog", () => {
    const [cat] = county.categories;
    const [ind] = cat.indicators;
    expect(points(`2022:${cat.id}`)).toBe(cat.points);
    expect(points(ind.id)).toBe(ind.points);
    expect(points(c111.id)).toBe(c111.deduction);
    expect(rule(c111.id)).toBe(c111.text);
    expect(rule(ind.id)).toBe(ind.title);
    expect(err(points("county.99"))).toEqual({ code: "#N/A", message: expect.stringContaining("未知编号") });
    for (const c of allClauses(getCatalog(2022, "department"))) expect(rule(c.id)).toBe(c.text);
  });
});

describe("CREDIT.WORKDAYS / ONTIME: the official calendar", () => {
  // What Excel passes for a date cell: its serial number (a date-time keeps its fraction).
  const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

  it("counts working days after the first date up to the second, 调休 weekend days included", () => {
    expect(fns.workdays(serial("2022-01-28"), serial("2022-02-11"))).toBe(7);
    expect(fns.workdays("2022-01-28", "2022/2/11")).toBe(7);
    expect(fns.workdays(serial("2022-01-28") + 0.6, serial("2022-02-11") + 0.25)).toBe(7);
    expect(fns.workdays(serial("2022-02-11"), serial("2022-01-28"))).toBe(-7);
    expect(fns.workdays("2022-03-01", "2022-03-01")).toBe(0);
  });

  it("按时 within 7 working days of the decision, 逾期 after", () => {
    expect(fns.ontime(serial("2022-09-29"), serial("2022-10-13"))).toBe("按时");
    expect(fns.ontime(serial("2022-09-29"), serial("2022-10-14"))).toBe("逾期");
    expect(fns.ontime("２０２２－０４－２２", "2022-05-05 16:20")).toBe("按时");
  });

  it("a blank date is 待填, not 0", () => {
    expect(fns.workdays(null, serial("2022-02-11"))).toBe("待填");
    expect(fns.ontime(serial("2022-09-29"), "")).toBe("待填");
  });

  describe("errors as #VALUE! with the Chinese reason", () => {
    beforeAll(() => installCustomFunctionsShim());
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ShimError ? { code: e.code, message: e.message } : e;
      }
      return "no error";
    };

    it("a year the calendar does not hold: refused, naming the year", () => {
      expect(thrown(() => fns.workdays("2027-03-01", "2027-03-05"))).toEqual({ code: "#VALUE!", message: expect.stringContaining("工作日历不包含 2027 年") });
    });

    it("not a date, naming the argument; published before the decision", () => {
      expect(thrown(() => fns.ontime("下周一", serial("2022-03-05")))).toEqual({ code: "#VALUE!", message: "第 1 个参数（决定日期）应为日期（如 2022-03-05），收到 “下周一”" });
      expect(thrown(() => fns.ontime(serial("2022-03-05"), serial("2022-03-01")))).toEqual({ code: "#VALUE!", message: "公示（上报）日期 2022年3月1日 早于决定日期 2022年3月5日，请核对" });
      expect(thrown(() => fns.workdays({ code: "#N/A" }, serial("2022-03-01")))).toEqual({ code: "#VALUE!", message: expect.stringContaining("第 1 个参数（开始日期）为错误值 #N/A") });
    });
  });
});
