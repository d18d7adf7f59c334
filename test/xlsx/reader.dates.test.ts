// Dates as shown (issue 20, item 6): a date cell's value is the calendar date it shows, whatever offset its
// writer added — `t="d"` ISO 8601 cells (ECMA-376 Part 1 §18.17.4) with and without +08:00 / Z offsets,
// date-only and date-time, and serial dates in both the 1900 and 1904 date systems — read by the reader and
// judged by the 双公示 timeliness rule (a late publication must not count as on time).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isoTextToDate, recordDate, timeliness } from "../../src/core/index";
import { readWorkbookBytes } from "../../src/read/index";
import { readRecordFile } from "../../src/xlsx/readRecords";
import { miniWorkbook, zipParts } from "../helpers/xlsxParts";

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s));

describe("t=\"d\" cells read as the date they show", () => {
  const written: [string, Date | string][] = [
    ["2022-05-01", utc(2022, 5, 1)],
    ["2022-05-01T00:00:00", utc(2022, 5, 1)],
    ["2022-05-01T00:30:00+08:00", utc(2022, 5, 1, 0, 30)], // UTC would be 4月30日
    ["2022-05-01T23:30:00-05:00", utc(2022, 5, 1, 23, 30)], // UTC would be 5月2日
    ["2022-05-01T07:59:59.500Z", new Date(Date.UTC(2022, 4, 1, 7, 59, 59, 500))],
    ["2022-05-01T08:00:00+0800", utc(2022, 5, 1, 8)],
    ["2024-02-29T12:00", utc(2024, 2, 29, 12)],
    // not a date: kept as the text written, so the coercion names it instead of reading a blank
    ["2022-02-30", "2022-02-30"],
    ["2022-05-01T25:00:00", "2022-05-01T25:00:00"],
    ["明天", "明天"],
  ];
  const xml = `<sheetData><row r="1">${written.map(([v], i) => `<c r="${String.fromCharCode(65 + i)}1" t="d"><v>${v}</v></c>`).join("")}<c r="Z1" t="d"><v></v></c></row></sheetData>`;
  const names = written.map((_, i) => `<definedName name="CR_D${i}">表!$${String.fromCharCode(65 + i)}$1</definedName>`).join("") + `<definedName name="CR_BLANK">表!$Z$1</definedName>`;
  const r = readWorkbookBytes(zipParts(miniWorkbook({ sheets: [{ name: "表", xml }], names })));
  const cell = (n: string) => r.sheets[0].names.get(n)!.value;

  test.each(written.map(([v, want], i) => [v, want, i] as const))("%s", (_, want, i) => {
    expect(cell(`CR_D${i}`)).toEqual(want);
  });

  test("an empty t=\"d\" cell is blank", () => {
    expect(cell("CR_BLANK")).toBeNull();
  });

  test("the same text as a 双公示 export holds it: the calendar date written", () => {
    expect(recordDate("2022-05-12T00:30:00+08:00")).toEqual({ state: "ok", iso: "2022-05-12" });
    expect(recordDate("2022-05-11T23:30:00-05:00")).toEqual({ state: "ok", iso: "2022-05-11" });
    expect(recordDate("2022-05-12T00:30:00Z")).toEqual({ state: "ok", iso: "2022-05-12" });
    expect(isoTextToDate("2022-13-01")).toBeUndefined();
  });
});

describe("a 双公示 export's dates, as written, judged on the official calendar", () => {
  // Decided 2022-04-28: the 7th working day after it is 2022-05-11 (劳动节 4/30–5/4, 5/7 a 调休 working day).
  const deadline = timeliness("2022-04-28", "2022-05-11");
  const dir = mkdtempSync(join(tmpdir(), "dates-"));

  function exportFile(cells: string, workbookPr = ""): string {
    const heading = `<row r="1"><c r="A1" t="inlineStr"><is><t>行政相对人名称</t></is></c><c r="B1" t="inlineStr"><is><t>决定日期</t></is></c><c r="C1" t="inlineStr"><is><t>公示日期</t></is></c><c r="D1" t="inlineStr"><is><t>数据来源单位</t></is></c></row>`;
    const xml = `<sheetData>${heading}<row r="2"><c r="A2" t="inlineStr"><is><t>某公司</t></is></c>${cells}<c r="D2" t="inlineStr"><is><t>市场监管局</t></is></c></row></sheetData>`;
    const path = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(path, zipParts(miniWorkbook({ sheets: [{ name: "行政许可", xml }], names: "", xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="14"/>'], workbookPr })));
    return path;
  }
  const judged = (path: string) => {
    const [r] = readRecordFile(path).records;
    return timeliness(r.decision, r.published);
  };

  test("the calendar itself: 5月11日 is the last day on time", () => {
    expect(deadline).toMatchObject({ state: "按时", days: 7, deadline: "2022-05-11" });
    expect(timeliness("2022-04-28", "2022-05-12")).toMatchObject({ state: "逾期", days: 8 });
  });

  test.each([
    ["date only", "2022-04-28", "2022-05-12", "逾期"],
    ["date-time, no offset", "2022-04-28T09:00:00", "2022-05-12T00:30:00", "逾期"],
    ["+08:00 just after midnight (UTC would be 5月11日, on time)", "2022-04-28T10:00:00+08:00", "2022-05-12T00:30:00+08:00", "逾期"],
    ["Z", "2022-04-28T00:00:00Z", "2022-05-12T00:00:00Z", "逾期"],
    ["-05:00 late in the evening (UTC would be 5月12日, late)", "2022-04-28T08:00:00-05:00", "2022-05-11T23:30:00-05:00", "按时"],
    ["decision with an offset that UTC would move to the day before", "2022-04-28T00:10:00+08:00", "2022-05-11T12:00:00+08:00", "按时"],
  ])("t=\"d\": %s", (_, decided, published, state) => {
    const t = judged(exportFile(`<c r="B2" t="d"><v>${decided}</v></c><c r="C2" t="d"><v>${published}</v></c>`));
    expect(t).toMatchObject({ state, decision: "2022-04-28", published: published.slice(0, 10) });
  });

  test.each([
    ["1900 date system", "", 44679, 44693],
    ["1904 date system (Mac Excel): the same dates are serials 1,462 lower", 'date1904="1"', 44679 - 1462, 44693 - 1462],
  ])("serial date cells, %s", (_, workbookPr, decided, published) => {
    const t = judged(exportFile(`<c r="B2" s="1"><v>${decided}</v></c><c r="C2" s="1"><v>${published}</v></c>`, workbookPr));
    expect(t).toMatchObject({ state: "逾期", decision: "2022-04-28", published: "2022-05-12" });
  });

  test("a 1904 serial read as 1900 would be four years early: the workbook's system is what counts", () => {
    const path = exportFile(`<c r="B2" s="1"><v>${44679 - 1462}</v></c><c r="C2" s="1"><v>${44692 - 1462}</v></c>`, 'date1904="1"');
    expect(judged(path)).toMatchObject({ state: "按时", decision: "2022-04-28", published: "2022-05-11" });
  });
});
