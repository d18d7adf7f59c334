// The SheetDoc writer's direct path (src/xlsx/sheetDocXml.ts: the cells of a document of constants written as
// XML here, the rest by ExcelJS) against ExcelJS writing the whole document: every part of the workbook the
// same, byte for byte (docProps aside: ExcelJS stamps the time there), for the documents the command line
// writes this way and for the forms a document may take; and what it writes reads back to the document.
import { strFromU8, unzipSync } from "fflate";
import { getCatalog } from "../../src/core/index";
import { DocBuilder, type SheetDoc } from "../../src/layout/sheetDoc";
import { buildPlatformLayout } from "../../src/layout/platform";
import { readSheetRows } from "../../src/read/index";
import { buildReviewSheet, REVIEW_STYLES } from "../../src/review/reviewSheetGrid";
import { directlyWritable, xmlEncode } from "../../src/xlsx/sheetDocXml";
import { chartXml } from "../../src/xlsx/chartPart";
import { SaxesParser } from "saxes";
import { sheetDocsBytes, sheetDocsBytesExcelJS } from "../../src/xlsx/writeSheetDoc";
import { sampleReviewData } from "../review/sampleReviewData";

/** The parts of a workbook as text, docProps left out. */
function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.startsWith("docProps/")) out[name] = strFromU8(data);
  return out;
}

async function expectSameAsExcelJS(docs: SheetDoc[]): Promise<Uint8Array> {
  expect(docs.every(directlyWritable)).toBe(true);
  const direct = await sheetDocsBytes(docs);
  const excel = await sheetDocsBytesExcelJS(docs);
  const a = parts(direct);
  const b = parts(excel);
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const name of Object.keys(b)) expect([name, a[name]]).toEqual([name, b[name]]);
  return direct;
}

function reviewDoc(): SheetDoc {
  const data = sampleReviewData();
  // A kept decision without its row, and sheets not listed: the sections under the table (merged lines).
  data.unmatched.push({ unit: "萝北县", clauseId: "county.1.1.1", clause: "1.1.1 旧条款", basis: "abc", decision: { choice: "改判", deduction: 2, reason: "旧的 <理由> & “说明”", reviewer: "张三" }, why: "单位数据已改变" });
  data.notes.push("文件“坏.xlsx”未读取：不是 xlsx 格式的 Excel 工作簿", "  前后有空格的说明 ");
  return buildReviewSheet(data);
}

test("the 核定表 (with its 未匹配 section and notes) and the 平台数据 sheets: the same parts as ExcelJS writes", async () => {
  const review = reviewDoc();
  await expectSameAsExcelJS([review]);
  for (const kind of ["county", "department"] as const) {
    const catalog = getCatalog(2022, kind);
    await expectSameAsExcelJS([buildPlatformLayout(catalog, kind === "county" ? ["兴山区", "向阳区"] : ["市教育局"]).doc]);
  }
});

test("every form a document of constants takes: the same parts as ExcelJS writes, and it reads back", async () => {
  const b = new DocBuilder(6);
  b.line(0, "标题 & <标题>", "title", 30);
  b.put(1, 0, { v: " 前导空格", s: "text" });
  b.put(1, 1, { v: "换行\n第二行", s: "text", numFmt: "@" });
  b.put(1, 2, { v: "控制\u0001字符\u0007与\u007F删除", s: "num" });
  b.put(1, 3, { v: 3.25, s: "num", numFmt: "0.00" });
  b.put(1, 4, { v: true, s: "num" });
  b.put(1, 5, { v: false, s: "input", locked: false });
  b.put(2, 0, { v: "", s: "text" }); // an empty text is a string of its own in ExcelJS
  b.put(2, 2, { v: null, s: "attention" });
  b.put(2, 3, { v: -0.1 + 0.3, s: "num" });
  b.put(2, 5, { v: "同一字符串", s: "text" });
  // A block over two rows and three columns, a covered cell holding a value (ExcelJS drops it), a cell left out.
  b.block(4, 1, { v: "合并块", s: "th" }, 3, 5);
  b.put(5, 2, { v: "被覆盖的值", s: "text" });
  b.put(7, 5, { v: "同一字符串", s: "text" });
  b.put(7, 0, { v: 0, s: "key", numFmt: "@" });
  b.heights.set(6, 40); // a row with a height and no cell
  b.heights.set(9, 12);
  b.hiddenRows.push(7, 8); // a hidden row with cells, and one without anything (not written)
  const doc: SheetDoc = {
    name: "各种单元格",
    rows: b.rows,
    width: 6,
    merges: b.merges,
    widths: [10, 12, 8, 8, 8, 8],
    heights: b.heights,
    hiddenColumns: [5],
    hiddenRows: b.hiddenRows,
    styles: REVIEW_STYLES,
    validations: [{ r1: 1, c1: 5, r2: 3, c2: 5, type: "list", list: ["是", "否"], promptTitle: "选", prompt: "请选择", errorTitle: "错", error: "只能选是或否" }],
    freeze: { rows: 1, cols: 1 },
    autoFilter: { r1: 1, c1: 0, r2: 3, c2: 5 },
    print: { orientation: "portrait", scale: 90, lastRow: 9, header: "页眉 & 标题", footer: "第 &P 页" },
    protect: true,
    tabColor: "00B050",
  };
  // Two documents in one workbook: their strings shared in one table, in the order ExcelJS adds them.
  const second: SheetDoc = { ...reviewDoc(), name: "核定表二" };
  const bytes = await expectSameAsExcelJS([doc, second]);
  const back = readSheetRows(bytes, "各种单元格")!;
  expect(back.rows[0][0]).toBe("标题 & <标题>");
  expect(back.rows[1]).toEqual([" 前导空格", "换行\n第二行", "控制字符与删除", 3.25, true, false]);
  expect(back.rows[2][3]).toBe(-0.1 + 0.3);
  expect(back.rows[4][1]).toBe("合并块");
  expect(back.rows[5]?.[2]).toBeUndefined();
  expect(back.rows[7][0]).toBe(0);
  expect(back.rows[7][5]).toBe("同一字符串");
  expect(back.formulas).toEqual([]);
});

test("a document with a formula or a date is written by ExcelJS alone", async () => {
  const b = new DocBuilder(2);
  b.put(0, 0, { v: 1, s: "num" });
  b.put(0, 1, { f: "A1*2", cached: 2, s: "num" });
  const doc: SheetDoc = { name: "公式", rows: b.rows, width: 2, merges: [], widths: [8, 8], heights: new Map(), hiddenColumns: [], hiddenRows: [], styles: REVIEW_STYLES, validations: [], print: { orientation: "portrait", lastRow: 0 }, protect: false };
  expect(directlyWritable(doc)).toBe(false);
  expect(directlyWritable({ ...doc, rows: [[{ v: new Date(2022, 0, 1) as never, s: "num" }]] })).toBe(false);
  expect(readSheetRows(await sheetDocsBytes([doc]), "公式")!.formulas).toEqual([{ address: "B1", formula: "A1*2" }]);
});

test("text is escaped as ExcelJS escapes it", () => {
  expect(xmlEncode(`a<b>&"c'\u0000\u0009\u000A\u000B\u000D\u001F\u007F`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;\u0009\u000A\u000D");
  expect(xmlEncode("中文")).toBe("中文");
});

test("a chart's names and title are escaped by the same rule: a control character pasted into a unit name leaves the chart part well-formed", () => {
  const label = "兴山区\x01<\"局\"&'\x0b";
  const xml = chartXml({ name: "图", title: "排名 <1>", sheet: "汇总'表", categories: { col: 1, r1: 3, r2: 4 }, values: { col: 2, r1: 3, r2: 4 }, points: [{ label, value: 98 }, { label: "向阳区", value: null }], from: { row: 0, col: 0 }, to: { row: 5, col: 5 } });
  const texts: string[] = [];
  const parser = new SaxesParser();
  parser.on("text", (t) => texts.push(t));
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(xml).close();
  expect(texts).toContain("兴山区<\"局\"&'");
  expect(texts).toContain("排名 <1>");
  expect(texts).toContain("'汇总''表'!$B$4:$B$5");
});
