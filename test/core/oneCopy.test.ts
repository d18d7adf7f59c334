// Small helpers written once in core and used by every layer: A1 columns, Excel serial dates, unit kinds.
import { cellCol, cellIndex, cellRow } from "../../src/core/a1";
import { colLetter, colNumber, dateToSerial, isoToSerial, parseUnitKind, serialToDate, serialToIso, UNIT_KIND_SHORT } from "../../src/core/index";

test("A1 columns: letters ⇄ numbers", () => {
  for (const [n, s] of [[1, "A"], [26, "Z"], [27, "AA"], [52, "AZ"], [703, "AAA"], [16384, "XFD"]] as const) {
    expect(colLetter(n)).toBe(s);
    expect(colNumber(s)).toBe(n);
    expect(colNumber(s.toLowerCase())).toBe(n); // as Excel reads a reference, and LibreOffice may write one
  }
});

test("A1 cell addresses: one cell within the sheet, $ allowed, anything else refused", () => {
  const at = (a: string) => (cellIndex(a) < 0 ? null : [cellRow(cellIndex(a)), cellCol(cellIndex(a))]);
  expect(["F12", "$F$12", "f12", "$f12", "A1", "XFD1048576"].map(at)).toEqual([[12, 6], [12, 6], [12, 6], [12, 6], [1, 1], [1048576, 16384]]);
  expect(["", "12", "F", "F0", "XFE1", "AAAA1", "A1048577", "F12:G13", "F 12", "F12x", "$$F1", "F1.5"].map(at)).toEqual(Array(12).fill(null));
});

test("Excel 1900 serials: ISO, Date and back agree (45047 = 2023-05-01)", () => {
  expect(serialToIso(45047)).toBe("2023-05-01");
  expect(isoToSerial("2023-05-01")).toBe(45047);
  expect(serialToDate(45047).toISOString()).toBe("2023-05-01T00:00:00.000Z");
  expect(dateToSerial(new Date("2023-05-01T00:00:00Z"))).toBe(45047);
  for (let s = 61; s < 80000; s += 997) expect(dateToSerial(serialToDate(s))).toBe(s);
});

test("Excel 1904 serials (Mac Excel's date system): serial 0 is 1904-01-01, the same serial 1,462 days later", () => {
  expect(serialToDate(0, true).toISOString()).toBe("1904-01-01T00:00:00.000Z");
  expect(serialToDate(43585, true).toISOString()).toBe("2023-05-01T00:00:00.000Z");
  expect(serialToDate(45047.75, false).toISOString()).toBe("2023-05-01T18:00:00.000Z");
  for (let s = 0; s < 60000; s += 991) expect(dateToSerial(serialToDate(s, true))).toBe(s + 1462);
});

test("unit kinds as written in a sheet", () => {
  expect(["county", "县区", "县、区", " 县、区 ", "市直部门", "department"].map(parseUnitKind)).toEqual(["county", "county", "county", "county", "department", "department"]);
  expect(["县", "区县", "", 1, null].map(parseUnitKind)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  expect(UNIT_KIND_SHORT).toEqual({ county: "县区", department: "市直部门" });
});
