// npm run cli -- publicity: 双公示 record exports made the way offices get them — xlsx with dates as date cells,
// text, serials and date-times, several sheets, a merged title above the headings, 1,000 rows; CSV in UTF-8
// with and without a byte-order mark, GBK from Chinese Windows, UTF-16 from Excel's “Unicode 文本” — counted
// per unit on the official calendar and checked against the 2022 notice counted independently.
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog, isoToSerial, unitsOf } from "../../src/core/index";
import { readPlatformRows } from "../../src/review/platform";
import { findColumns, parseCsv, recordsOf } from "../../src/review/records";
import { readSheetRows, sheetNamesOf } from "../../src/read/index";
import { readRecordFile } from "../../src/xlsx/readRecords";
import { countPublicity } from "../../src/review/publicity";
import { workingDaysAfter2022 } from "../fixtures/holidays2022";
import { cli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "publicity-"));
const COUNTY = unitsOf(2022).county;
const DEPARTMENT = unitsOf(2022).department;

/** A deterministic export of n records across 2022 (decisions 1/4–12/15, published 0–13 days later). */
function records(n: number): { subject: string; decision: string; published: string; unit: string }[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = Date.parse("2022-01-04T00:00:00Z");
  const span = (Date.parse("2022-12-15T00:00:00Z") - start) / 86_400_000;
  const units = [...COUNTY, ...DEPARTMENT.slice(0, 12)];
  return Array.from({ length: n }, (_, i) => {
    const d = start + Math.floor(next() * span) * 86_400_000;
    const p = d + Math.floor(next() * 14) * 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    return { subject: `第${i + 1}号市场主体有限公司`, decision: iso(d), published: iso(p), unit: units[Math.floor(next() * units.length)] };
  });
}

/** An xlsx the way a platform export looks: a merged title, headings, dates in four forms, two sheets. */
async function xlsxExport(rows: ReturnType<typeof records>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const forms = (iso: string, i: number): ExcelJS.CellValue => {
    switch (i % 4) {
      case 0:
        return new Date(`${iso}T00:00:00Z`);
      case 1:
        return iso;
      case 2:
        return isoToSerial(iso);
      default:
        return `${iso.replace(/-/g, "/")} 14:30:00`;
    }
  };
  const half = Math.ceil(rows.length / 2);
  for (const [name, part, heading] of [["行政许可", rows.slice(0, half), "许可决定日期"], ["行政处罚", rows.slice(half), "处罚决定日期"]] as const) {
    const ws = wb.addWorksheet(name);
    ws.getCell("A1").value = `“双公示”${name}信息导出（信用鹤岗）`;
    ws.mergeCells("A1:G1");
    ws.addRow([]);
    ws.getRow(2).values = ["序号", "行政相对人名称", "统一社会信用代码", `${heading}（必填）`, "公示截止期", "公示日期", "数据来源单位"];
    part.forEach((r, i) => {
      const row = ws.addRow([i + 1, r.subject, "91230400MA1234567X", forms(r.decision, i), "2027-12-31", forms(r.published, i + 1), r.unit]);
      const dc = row.getCell(4);
      if (i % 4 === 2) dc.numFmt = "yyyy-mm-dd";
      if ((i + 1) % 4 === 2) row.getCell(6).numFmt = "yyyy/m/d";
    });
  }
  wb.addWorksheet("说明").getCell("A1").value = "本文件由平台导出";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The expected counts, from the notice transcribed in the test fixture (not from src/core/calendar). */
function oracle(rows: ReturnType<typeof records>): Map<string, { total: number; onTime: number }> {
  const m = new Map<string, { total: number; onTime: number }>();
  for (const r of rows) {
    const e = m.get(r.unit) ?? { total: 0, onTime: 0 };
    e.total++;
    if (workingDaysAfter2022(r.decision, r.published) <= 7) e.onTime++;
    m.set(r.unit, e);
  }
  return m;
}

describe("publicity over a 1,000-record xlsx export", () => {
  const rows = records(1000);
  const file = join(dir, "双公示记录.xlsx");
  const out = join(dir, "及时率.xlsx");

  beforeAll(async () => writeFileSync(file, await xlsxExport(rows)));

  it("counts per unit what the 2022 notice gives, whatever form the dates take; 公示截止期 is never the publication date", async () => {
    const r = await cli("publicity", file, "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { records: number; invalid: number; units: { member: string; total: number; onTime: number; late: { row: number; days: number }[] }[] };
    expect(json.records).toBe(1000);
    expect(json.invalid).toBe(0);
    const expected = oracle(rows);
    expect(Object.fromEntries(json.units.map((u) => [u.member, { total: u.total, onTime: u.onTime }]))).toEqual(Object.fromEntries(expected));
    // Some records of each kind: late ones exist, and the 2022 holidays were crossed.
    expect(json.units.reduce((s, u) => s + u.late.length, 0)).toBeGreaterThan(50);
    expect(json.units.flatMap((u) => u.late).every((x) => x.days > 7)).toBe(true);
  });

  it("--out writes 及时率, the late records and the 平台数据 sheets the counts fill, readable back as the office's 平台数据", async () => {
    const r = await cli("publicity", file, "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("含“平台数据（县区）”工作表，可作为县区的平台数据");
    const bytes = readFileSync(out);
    expect(sheetNamesOf(bytes)).toEqual(["及时率", "逾期及有误记录", "平台数据（县区）", "平台数据（市直部门）"]);
    const rate = readSheetRows(bytes, "及时率")!.rows;
    const xs = rate.find((row) => row?.[1] === "兴山区")!;
    const expected = oracle(rows).get("兴山区")!;
    expect([xs[4], xs[5]]).toEqual([expected.total, expected.onTime]);
    const platform = readPlatformRows(readSheetRows(bytes, "平台数据（县区）")!.rows, "平台数据（县区）", getCatalog(2022, "county"), COUNTY);
    expect(platform.problems).toEqual([]);
    for (const unit of COUNTY) {
      const e = oracle(rows).get(unit)!;
      expect({ unit, values: platform.figures.get(unit)!.values }).toEqual({ unit, values: { sgsTotal: e.total, sgsTimely: e.onTime } });
    }
    // An existing result is never overwritten.
    expect(await cli("publicity", file, "--out", out)).toMatchObject({ code: 2, err: expect.stringContaining("已存在，未写入") });
  });
});

describe("CSV exports as Chinese Windows and Excel write them", () => {
  const csv = "行政相对人,决定日期,公示日期,数据来源单位\r\n某某商行,2022-01-28,2022-02-11,兴山区\r\n某某超市,2022-04-29,2022-05-13,兴山区\r\n";
  // The same text in GBK (iconv -f UTF-8 -t GBK), as Excel on Chinese Windows saves “CSV（逗号分隔）”.
  const GBK = Buffer.from("0NDV/s/gttTIyyy+9raoyNXG2iy5q8q+yNXG2izK/b7dwLTUtLWlzrsNCsSzxLPJzNDQLDIwMjItMDEtMjgsMjAyMi0wMi0xMSzQy8m9x/gNCsSzxLOzrMrQLDIwMjItMDQtMjksMjAyMi0wNS0xMyzQy8m9x/gNCg==", "base64");

  it.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), "UTF-8"],
    ["UTF-8 without BOM", Buffer.from(csv), "UTF-8"],
    ["GBK", GBK, "GBK"],
    ["UTF-16 tab-separated (Excel “Unicode 文本”)", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replace(/,/g, "\t"), "utf16le")]), "UTF-16"],
  ])("%s: decoded and counted (春节: on time on the 7th working day; 劳动节: the 8th is late)", (_, bytes, encoding) => {
    const f = join(dir, `${encoding}-${bytes.length}.csv`);
    writeFileSync(f, bytes);
    const read = readRecordFile(f);
    expect(read.encoding).toBe(encoding);
    const count = countPublicity(read.records, unitsOf(2022));
    expect(count.units).toEqual([expect.objectContaining({ member: "兴山区", total: 2, onTime: 1, late: [expect.objectContaining({ record: expect.objectContaining({ subject: "某某超市" }), result: expect.objectContaining({ days: 8, deadline: "2022-05-12" }) })] })]);
  });

  it("the command line reads a GBK export the same way", async () => {
    const f = join(dir, "gbk.csv");
    writeFileSync(f, GBK);
    const r = await cli("publicity", f, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).units).toEqual([expect.objectContaining({ member: "兴山区", total: 2, onTime: 1, late: [expect.objectContaining({ subject: "某某超市", days: 8 })] })]);
  });

  it("quoted fields with commas, quotes and line breaks; headings with 必填 marks and spaces; a merged-title line above", async () => {
    const rows = parseCsv('“双公示”导出,,,\n" 行政相对人 名称 ","决定日期（必填）","*公示日期","来源单位"\n"甲,乙""合伙""\n企业",2022/3/1,2022/3/9 10:00,向阳区\n');
    const found = findColumns(rows)!;
    expect(found.headerRow).toBe(1);
    expect(recordsOf(rows, "", found)).toEqual([{ sheet: "", row: 3, subject: '甲,乙"合伙"\n企业', decision: "2022/3/1", published: "2022/3/9 10:00", unit: "向阳区", docNo: "" }]);
  });

  it("unit names in variants: spaces and full-width forms are the member (spelling noted); a longer name is not guessed", async () => {
    const f = join(dir, "variants.csv");
    writeFileSync(f, "行政相对人,决定日期,公示日期,数据来源单位\nA,2022-03-01,2022-03-02,兴山区 \nB,2022-03-01,2022-03-02,兴山区\nC,2022-03-01,2022-03-02,鹤岗市兴山区\n");
    const r = await cli("publicity", f);
    expect(r.code).toBe(1);
    expect(r.out).toContain("兴山区（县区）  总 2 条，按时 2 条");
    expect(r.out).toContain("鹤岗市兴山区：不是成员单位（与“兴山区”相似，但不相同）");
  });
});

describe("records that cannot be judged, and files that cannot be read", () => {
  it("a record dated in a year the calendar does not cover: 有误 with the Chinese reason, never counted on time; exit 1", async () => {
    const f = join(dir, "2027.csv");
    writeFileSync(f, "行政相对人,决定日期,公示日期,数据来源单位\n甲,2027-03-01,2027-03-02,兴山区\n乙,2022-03-01,2022-03-02,兴山区\n丙,2022-03-09,2022-03-01,兴山区\n");
    const r = await cli("publicity", f);
    expect(r.code).toBe(1);
    expect(r.out).toContain("兴山区（县区）  总 3 条，按时 1 条，逾期 0 条，有误 2 条，及时率 33.3%");
    expect(r.out).toContain("第 2 行：工作日历不包含 2027 年");
    expect(r.out).toContain("须更新加载项才能计算，不能按周末推算");
    expect(r.out).toContain("第 4 行：公示（上报）日期 2022年3月1日 早于决定日期 2022年3月9日，请核对");
  });

  it("an export without 数据来源单位 needs --unit; with it, the records are that unit's", async () => {
    const f = join(dir, "ledger.csv");
    writeFileSync(f, "相对人名称,处罚决定日期,上报时间\n甲,2022-09-29,2022-10-13\n");
    expect(await cli("publicity", f)).toMatchObject({ code: 2, err: expect.stringContaining("没有“数据来源单位”列") });
    const r = await cli("publicity", f, "--unit", "市市场监督管理局", "--json");
    expect(JSON.parse(r.out).units).toEqual([expect.objectContaining({ member: "市市场监督管理局", kind: "department", total: 1, onTime: 1 })]);
  });

  it.each([
    ["an old .xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), "是旧版 .xls 格式"],
    ["an empty file", Buffer.alloc(0), "是空文件"],
    ["a table without the headings", Buffer.from("名称,日期\n甲,2022-01-01\n"), "中找不到“双公示”记录的表头"],
    ["bytes in no known encoding", Buffer.from([0x81, 0x30, 0xff, 0xfe, 0x80, 0x0a, 0xc3]), "的编码无法识别"],
  ])("%s: refused with a Chinese reason", (_, bytes, reason) => {
    const f = join(dir, `bad-${bytes.length}-${reason.length}.csv`);
    writeFileSync(f, bytes);
    expect(() => readRecordFile(f)).toThrow(reason);
  });

  it("the command line names the file and exits 2", async () => {
    const f = join(dir, "旧格式.xls");
    writeFileSync(f, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    expect(await cli("publicity", f)).toMatchObject({ code: 2, err: expect.stringContaining(`文件“${f}”是旧版 .xls 格式`) });
  });
});
