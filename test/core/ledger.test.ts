// core/ledger.ts: how the 双公示台账 reads a date (the sheet's native formulas do the same, test/layout/ledger.test.ts),
// how a row is judged, and how a formula read from a file is compared with the layout's.
import fc from "fast-check";
import { isoToSerial, judgeLedgerRow, ledgerCountFormula, ledgerDate, ledgerSheetName, recordDate, sameFormula, serialToIso, timeliness } from "../../src/core/index";

test("ledgerDate reads dates, serials and the usual texts, and nothing else", () => {
  const d = isoToSerial("2022-03-05");
  for (const v of [d, d + 0.99, new Date(Date.UTC(2022, 2, 5)), "2022-03-05", "2022-3-5", "2022/3/5", "2022.3.5", "2022年3月5日", "2022年3月5日 14:30", "2022-03-05T00:30:00+08:00", " 2022-03-05 ", "20220305", 20220305]) {
    expect([v, ledgerDate(v)]).toEqual([v, d]);
  }
  for (const v of ["2022-02-30", "2022-13-01", "2022-3", "2022年3月", "三月五日", "2022-03-05x", "", "   ", 12345, 20221399, true, null, undefined, NaN, "１２"]) expect([v, ledgerDate(v)]).toEqual([v, undefined]);
});

test("every date the ledger reads, the publicity command reads as the same day", () => {
  fc.assert(
    fc.property(fc.integer({ min: isoToSerial("1990-01-01"), max: isoToSerial("2099-12-31") }), fc.constantFrom("iso", "slash", "dot", "zh", "compact", "serial", "time"), (serial, form) => {
      const iso = serialToIso(serial);
      const [y, m, dd] = iso.split("-").map(Number);
      const v = { iso, slash: `${y}/${m}/${dd}`, dot: `${y}.${m}.${dd}`, zh: `${y}年${m}月${dd}日`, compact: iso.replace(/-/g, ""), serial: serial + 0.5, time: `${iso} 23:59` }[form];
      const read = ledgerDate(v);
      const command = recordDate(v);
      return read === serial && command.state === "ok" && command.iso === iso;
    }),
  );
});

test("a row is judged by the publicity command's rule inside the ledger's calendar (2021—2023 for 2022)", () => {
  const row = (decision: unknown, published: unknown) => judgeLedgerRow(4, { subject: "甲", decision, published }, 2022);
  expect(row("2022-01-28", "2022-02-11")).toEqual({ row: 4, status: "按时", days: 7 });
  expect(row("2022-01-28", "2022-02-14")).toMatchObject({ status: "逾期", days: 8 });
  expect(timeliness("2022-01-28", "2022-02-14")).toMatchObject({ state: "逾期", days: 8 });
  expect(row("2019-01-02", "2019-01-03")).toMatchObject({ status: "有误", reason: expect.stringContaining("不在本台账的工作日历范围（2021—2023 年）内") });
  expect(row("2022-03-02", "2022-03-01")).toMatchObject({ status: "有误", column: 4, reason: expect.stringContaining("早于决定日期") });
  expect(row(null, "2022-03-01")).toMatchObject({ status: "有误", column: 3, reason: "未填决定日期" });
  expect(judgeLedgerRow(4, { subject: "  ", decision: null }, 2022)).toBeUndefined();
});

test("the layout's count formula is recognised however a program spells it, and nothing else is", () => {
  const f = ledgerCountFormula("onTime", ledgerSheetName("兴山区"));
  expect(sameFormula(`=${f.replace(/\$/g, "").replace(/'/g, "").toLowerCase()}`, f)).toBe(true);
  expect(sameFormula(f.replace(/\$/g, "").replace(/'/g, "").replace(/,/g, ", "), f)).toBe(true);
  expect(sameFormula(f.toLowerCase(), f)).toBe(true);
  expect(sameFormula(f.replace('"按时"', '"逾期"'), f)).toBe(false);
  expect(sameFormula(f.replace("$F$2003", "$F$2004"), f)).toBe(false);
  expect(sameFormula(ledgerCountFormula("onTime", ledgerSheetName("萝北县")), f)).toBe(false);
  expect(sameFormula(ledgerCountFormula("total", ledgerSheetName("兴山区")), f)).toBe(false);
});
