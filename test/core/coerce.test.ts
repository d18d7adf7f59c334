// The one coercion step: what a unit may type, and the Chinese reason when it cannot be used.
import { coerce, serialToIso, type InputSpec } from "../../src/core/index";

const count: InputSpec = { id: "n", label: "次数", type: "count", unit: "次", min: 0, max: 10_000_000 };
const pct: InputSpec = { id: "p", label: "占比", type: "percent", unit: "%", min: 0, max: 100 };
const bool: InputSpec = { id: "b", label: "是否", type: "bool" };
const date: InputSpec = { id: "d", label: "日期", type: "date", minDate: "2022-01-01", maxDate: "2022-12-31" };

const ok = (value: unknown) => ({ state: "ok", value });

test.each([
  [count, 12, ok(12)],
  [count, "１２", ok(12)],
  [count, " 1,200 ", ok(1200)],
  [count, "1，200", ok(1200)],
  [count, 0, ok(0)],
  [bool, "是 ", ok(true)],
  [bool, "　否", ok(false)],
  [bool, true, ok(true)],
  [pct, 0.85, ok(85)],
  [pct, "85%", ok(85)],
  [pct, "８５％", ok(85)],
  [pct, 0.29, ok(29)],
  [pct, 1, ok(100)],
  [pct, "0.5", ok(50)],
  [date, "2022-05-01", ok("2022-05-01")],
  [date, "2022/5/1", ok("2022-05-01")],
  [date, "2022年5月1日", ok("2022-05-01")],
  [date, 44682, ok("2022-05-01")],
  [date, new Date(Date.UTC(2022, 4, 1)), ok("2022-05-01")],
])("%o %p → usable", (spec, raw, expected) => {
  expect(coerce(spec, raw)).toEqual(expected);
});

test.each([undefined, null, "", "   ", "\u3000"])("blank %p is missing, never 0", (raw) => {
  for (const spec of [count, pct, bool, date]) expect(coerce(spec, raw)).toEqual({ state: "missing" });
});

test.each([
  [count, -1, "不能为负数"],
  [count, 2.5, "应为整数"],
  [count, "十二", "应为不小于 0 的整数"],
  [count, 1e12, "不能大于"],
  [count, "#N/A", "错误值 #N/A"],
  [count, { error: "#REF!" }, "错误值 #REF!"],
  [count, Infinity, "不是有效的数字"],
  [count, "不涉及", "“不涉及”请在本指标"],
  [pct, 85, "若指 85%，请输入“85%”"],
  [pct, "120%", "应在 0% 到 100% 之间"],
  [pct, "-1%", "应在 0% 到 100% 之间"],
  [pct, "八成", "应为百分比"],
  [bool, "可能", "应选择“是”或“否”"],
  [bool, 1, "应选择“是”或“否”"],
  [date, "2022-02-30", "应为日期"],
  [date, "2021-12-31", "应在 2022年1月1日 至 2022年12月31日 之间"],
  [date, true, "应为日期"],
])("%o %p → 数据错误 “%s”", (spec, raw, reason) => {
  const r = coerce(spec, raw);
  expect(r.state).toBe("error");
  expect(r.state === "error" && r.reason).toContain(reason);
});

test("Excel serials convert to the same dates as JavaScript's calendar, 1900-03-01 to 2118", () => {
  const epoch = Date.UTC(1899, 11, 30);
  for (let serial = 61; serial < 80000; serial += 7) {
    expect(serialToIso(serial)).toBe(new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10));
  }
  expect(serialToIso(44682.75)).toBe("2022-05-01"); // a time of day does not move the date
});

test("free text keeps what was typed, full-width punctuation included", () => {
  const text: InputSpec = { id: "t", label: "说明", type: "text" };
  expect(coerce(text, "  会议纪要不全，酌情扣 1 分（见附件）　")).toEqual({ state: "ok", value: "会议纪要不全，酌情扣 1 分（见附件）" });
  expect(coerce(text, "１２")).toEqual({ state: "ok", value: "１２" });
});
