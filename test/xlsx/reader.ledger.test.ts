// The 双公示台账 as the reader reads it beside a template sheet (src/read/index.ts): columns A–H, without the work
// nobody uses — the layout's own formulas in E–G are not moved into every row, the hidden columns' shared-formula
// children are jumped over, empty cells are not kept — while everything the review judges is still seen: a formula
// typed into A–D or H (however it got there: a shared formula whose master stands outside A–H included), every
// value of A–H, and the last of two cells written at one place.
import { readWorkbookBytes } from "../../src/read/index";
import { miniWorkbook, zipParts } from "../helpers/xlsxParts";

const template = { name: "兴山区", xml: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>兴山区</t></is></c></row></sheetData>` };
const names = `<definedName name="CR_UNIT">兴山区!$A$1</definedName>`;

function ledgerOf(rowsXml: string) {
  const ledger = { name: "兴山区双公示台账", xml: `<sheetData>${rowsXml}</sheetData>` };
  const read = readWorkbookBytes(zipParts(miniWorkbook({ sheets: [template, ledger], names })));
  return read.sheets[0].ledger!;
}

const str = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

test("a formula typed into a typed column is seen, its saved value kept; the layout's columns keep their values only", () => {
  const l = ledgerOf(
    `<row r="4">${str("A4", "甲")}<c r="C4"><f>DATE(2022,1,28)</f><v>44589</v></c>` +
      `<c r="E4"><f t="shared" ref="E4:E6" si="0">IF(C4="","",NETWORKDAYS(C4,D4))</f><v>3</v></c>` +
      `<c r="F4" t="str"><f>IF(E4&lt;=7,"按时","逾期")</f><v>按时</v></c>${str("H4", "备注")}</row>` +
      `<row r="5"><c r="E5"><f t="shared" si="0"/><v>9</v></c><c r="H5"><f>1+1</f><v>2</v></c></row>`,
  );
  expect(l.formulas.get("C4")).toBe("DATE(2022,1,28)");
  expect(l.formulas.get("H5")).toBe("1+1");
  expect(l.rows[3]?.slice(0, 8)).toEqual(["甲", undefined, 44589, undefined, 3, "按时", undefined, "备注"]);
  expect(l.rows[4]?.[4]).toBe(9);
  expect(l.rows[4]?.[7]).toBe(2);
  // E–G: the layout's formulas, neither read nor reported (their values above are)
  expect([...l.formulas.keys()].sort()).toEqual(["C4", "H5"]);
});

test("a shared formula whose master stands in a hidden column reaches its children in the typed columns", () => {
  const l = ledgerOf(
    `<row r="4"><c r="J4"><f t="shared" ref="B4:J6" si="7">K4*2</f><v>0</v></c></row>` +
      // children in the hidden columns (no "ref": jumped over) and in C and D
      `<row r="5"><c r="C5"><f t="shared" si="7"/><v>5</v></c><c r="K5"><f t="shared" si="7"/><v>1</v></c></row>` +
      `<row r="6"><c r="D6"><f t="shared" si="7"/><v>6</v></c></row>`,
  );
  expect(l.formulas.get("C5")).toBe("D5*2");
  expect(l.formulas.get("D6")).toBe("E6*2");
  expect(l.rows[4]?.[2]).toBe(5);
  // nothing of the hidden columns is kept
  expect(l.rows.every((r) => !r || r.length <= 8)).toBe(true);
});

test("a master whose range attribute carries a prefix, or whose type is spelt with a character reference, is still a master", () => {
  const l = ledgerOf(
    `<row r="4"><c r="K4"><f xmlns:x="urn:x" t="shared" x:ref="A4:K5" si="1">L4+1</f><v>0</v></c>` +
      `<c r="L4"><f t="sh&#97;red" ref="A5:L5" si="2">M4+2</f><v>0</v></c></row>` +
      `<row r="5"><c r="A5"><f t="shared" si="1"/><v>1</v></c><c r="B5"><f t="shared" si="2"/><v>2</v></c></row>`,
  );
  expect(l.formulas.get("A5")).toBe("B5+1");
  expect(l.formulas.get("B5")).toBe("C5+2");
});

test("an empty cell written after a filled one at the same place leaves it empty, as Excel reads it", () => {
  const l = ledgerOf(`<row r="4">${str("A4", "甲")}${str("B4", "许1")}<c r="B4" s="0"/><c r="C4"><v>44589</v></c></row><row r="4"><c r="C4"/></row>`);
  expect(l.rows[3]?.[0]).toBe("甲");
  expect(l.rows[3]?.[1]).toBeUndefined();
  expect(l.rows[3]?.[2]).toBeUndefined();
});

test("a master among the layout's formulas (E–G, whose text is not returned) still reaches its children in the typed columns", () => {
  const l = ledgerOf(
    `<row r="4"><c r="E4"><f t="shared" ref="C4:E5" si="3">G4&amp;"x"</f><v>0</v></c></row>` +
      `<row r="5"><c r="C5" t="str"><f t="shared" si="3"/><v>甲x</v></c><c r="F5"><f t="shared" si="3"/><v>1</v></c></row>`,
  );
  expect(l.formulas.get("C5")).toBe('E5&"x"'); // G4 moved one row down, two columns left
  expect(l.formulas.has("E4")).toBe(false);
  expect(l.formulas.has("F5")).toBe(false);
  expect(l.rows[4]?.[2]).toBe("甲x");
});

test("a formula over the reader's length limit in the layout's columns is refused as anywhere else", () => {
  const long = "1+".repeat(6 * 32_767);
  expect(() => ledgerOf(`<row r="4"><c r="F4"><f>${long}1</f><v>1</v></c></row>`)).toThrow(/文件过大或内容异常/);
});
