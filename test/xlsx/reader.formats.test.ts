// The reader against what real programs write: hand-built parts in the forms Excel, WPS and LibreOffice use
// (ECMA-376 Part 1 §18), and templates re-saved by a real LibreOffice during the test run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog, indexOf } from "../../src/core/index";
import { colLetter } from "../../src/core/a1";
import { names } from "../../src/core/names";
import { COL } from "../../src/layout/template/grid";
import { reviewUnit } from "../../src/review/unit";
import { readSheetRows, readWorkbookBytes, shiftFormula } from "../../src/read/index";
import { cellOf, returnedFile } from "../review/helpers";
import { miniWorkbook, unzipParts, zipParts, type MiniSheet } from "../helpers/xlsxParts";

const read = (parts: Parameters<typeof zipParts>[0], stored?: string[]) => readWorkbookBytes(zipParts(parts, stored));
const cell = (r: ReturnType<typeof readWorkbookBytes>, sheet: string, name: string) => r.sheets.find((s) => s.sheet === sheet)?.names.get(name);

describe("forms other programs write", () => {
  const xfs = ['<xf numFmtId="0"/>', '<xf numFmtId="0" applyProtection="1"><protection locked="0"/></xf>', '<xf numFmtId="0"><protection locked="false" hidden="false"/></xf>', '<xf numFmtId="164"/>', '<xf numFmtId="14"/>', '<xf numFmtId="31"><protection locked="true"/></xf>'];
  const sheet: MiniSheet = {
    name: "兴山区",
    xml:
      `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="inlineStr"><is><t>内联</t></is></c>` +
      `<c r="C1" s="2" t="inlineStr"><is><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>フ</t></rPh></is></c>` +
      `<c r="D1" t="s"><v>1</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c><c r="G1" s="4"><v>44682</v></c><c r="H1" s="5"><v>44682</v></c><c r="I1" t="s"><v>3</v></c></row>` +
      `<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">B2*2+$C$1+IF(B2&gt;0,"A9",0)</f><v>1</v></c><c r="B2"><v>1</v></c></row>` +
      `<row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c></row>` +
      `<row r="4"><c r="A4" s="1"><f t="shared" si="0"/><v>6</v></c></row>` +
      // cells and rows without "r": positions follow on
      `<row><c t="s"><v>2</v></c><c><v>7</v></c></row>` +
      `<row r="9" s="2" customFormat="1"><c r="A9" t="str"><f>_xldudf_credit_deduct("2022:county.1.1.1",F6)</f><v>待填</v></c></row>` +
      `</sheetData><sheetProtection sheet="true" formatColumns="false"/>`,
  };
  const other: MiniSheet = { name: "O'Brien 表", xml: `<sheetData><row r="2"><c r="B2"><v>42</v></c></row></sheetData><sheetProtection sheet="1" objects="1"/>` };
  const names_ =
    `<definedName name="CR_A1">兴山区!$A$1</definedName><definedName name="CR_B1">'兴山区'!B1</definedName><definedName name="CR_C1">兴山区!$C$1:$D$2</definedName>` +
    `<definedName name="CR_D1">兴山区!$D$1</definedName><definedName name="CR_E1">兴山区!$E$1</definedName><definedName name="CR_F1">兴山区!$F$1</definedName>` +
    `<definedName name="CR_G1">兴山区!$G$1</definedName><definedName name="CR_H1">兴山区!$H$1</definedName><definedName name="CR_I1">&apos;兴山区&apos;!$I$1</definedName><definedName name="CR_A3">兴山区!$A$3</definedName>` +
    `<definedName name="CR_A4">兴山区!$A$4</definedName><definedName name="CR_A5">兴山区!$A$5</definedName><definedName name="CR_B5">兴山区!$B$5</definedName>` +
    `<definedName name="CR_A9">兴山区!$A$9</definedName><definedName name="CR_EMPTY">兴山区!$Z$9</definedName><definedName name="CR_NOCELL">兴山区!$Z$99</definedName>` +
    `<definedName name="CR_GONE">#REF!</definedName><definedName name="CR_EXT">[1]Sheet1!$A$1</definedName><definedName name="Print_Area">兴山区!$A$1:$H$9</definedName>` +
    `<definedName name="cr_lower_case">兴山区!$B$2</definedName>` +
    // mixed references: "$" on the column or on the row only (the same cell as either form)
    `<definedName name="CR_MIXED_COL">兴山区!$B1</definedName><definedName name="CR_MIXED_ROW">兴山区!E$1</definedName>` +
    // workbook-scoped name pointing at the sheet, overridden by a sheet-scoped one of the same name
    `<definedName name="CR_SCOPED">兴山区!$D$1</definedName><definedName name="CR_SCOPED" localSheetId="0">兴山区!$E$1</definedName>` +
    `<definedName name="CR_OTHER">'O''Brien 表'!$B$2</definedName><definedName name="CR_OTHER" localSheetId="0">'O''Brien 表'!$B$2</definedName>`;
  const book = (extra: { workbookPr?: string; prefix?: string } = {}) =>
    miniWorkbook({
      sheets: [sheet, other],
      names: names_,
      sst: ["<t>文字</t>", "<r><t>_x000D_换</t></r><r><t>行</t></r>", "<t>无坐标</t>", "<t>A&amp;B&#x4E2D;&#25991;&lt;&foo; R&amp;D &amp</t>"],
      xfs,
      numFmts: '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>',
      ...extra,
    });

  test.each([
    ["plain elements", {}],
    ["namespace-prefixed elements (x:c, x:row…)", { prefix: "x" }],
  ])("values, strings, booleans, errors, dates, locks, shared formulas, scopes — %s", (_, extra) => {
    const r = read(book(extra));
    expect(r.sheetNames).toEqual(["兴山区", "O'Brien 表"]);
    expect(r.sheets.map((s) => [s.sheet, s.protected])).toEqual([["兴山区", true], ["O'Brien 表", true]]);
    const c = (n: string) => cell(r, "兴山区", n);
    expect(c("CR_A1")).toMatchObject({ address: "A1", value: "文字", locked: true, formula: undefined });
    expect(c("CR_B1")).toMatchObject({ value: "内联", locked: false }); // locked="0"
    expect(c("CR_C1")).toMatchObject({ address: "C1", value: "富文本 ", locked: false }); // runs joined, phonetic left out; locked="false"
    expect(c("CR_D1")!.value).toBe("\r换行");
    expect(c("CR_I1")!.value).toBe("A&B中文<&foo; R&D &amp"); // entities decoded, unknown ones and a stray "&" kept
    expect(c("CR_E1")!.value).toBe(true);
    expect(c("CR_F1")!.value).toEqual({ error: "#N/A" });
    expect(c("CR_G1")).toMatchObject({ value: new Date(Date.UTC(2022, 4, 1)), numFmt: "mm-dd-yy" });
    expect(c("CR_H1")).toMatchObject({ value: new Date(Date.UTC(2022, 4, 1)), locked: true, numFmt: 'yyyy"年"m"月"d"日"' });
    // shared formula: the child's formula is the master's, moved; "$" parts and text stay
    expect(c("CR_A3")).toMatchObject({ value: 4, formula: 'B3*2+$C$1+IF(B3>0,"A9",0)' });
    expect(c("CR_A4")).toMatchObject({ value: 6, formula: 'B4*2+$C$1+IF(B4>0,"A9",0)', locked: false });
    expect(c("CR_A5")!.value).toBe("无坐标");
    expect(c("CR_B5")!.value).toBe(7);
    expect(c("CR_A9")).toMatchObject({ value: "待填", formula: '_xldudf_credit_deduct("2022:county.1.1.1",F6)' });
    // an absent cell: blank, with the style of its row (customFormat) — here unlocked
    expect(c("CR_EMPTY")).toMatchObject({ address: "Z9", value: null, locked: false });
    expect(c("CR_NOCELL")).toMatchObject({ value: null, locked: true });
    expect(c("CR_GONE")).toBeUndefined();
    expect(c("CR_EXT")).toBeUndefined();
    expect(c("Print_Area")).toBeUndefined();
    // names compare without case (LibreOffice, Excel), keeping the file's spelling
    expect(c("CR_LOWER_CASE")).toMatchObject({ address: "B2", value: 1 });
    expect([...r.sheets[0].names.keys()]).toContain("cr_lower_case");
    expect(c("CR_MIXED_COL")).toMatchObject({ address: "B1", value: "内联" });
    expect(c("CR_MIXED_ROW")).toMatchObject({ address: "E1", value: true });
    // the sheet-scoped name wins over the workbook-scoped one
    expect(c("CR_SCOPED")).toMatchObject({ address: "E1", value: true });
    // a quoted sheet name with an apostrophe; a name scoped to another sheet is not that sheet's cell
    expect(cell(r, "O'Brien 表", "CR_OTHER")).toMatchObject({ address: "B2", value: 42 });
  });

  test("the 1904 date system (Mac Excel): the same serial is a date four years and a day later", () => {
    const r1900 = read(book());
    const r1904 = read(book({ workbookPr: 'date1904="1"' }));
    const r1904b = read(book({ workbookPr: 'date1904="true"' }));
    expect(cell(r1904, "兴山区", "CR_G1")!.value).toEqual(new Date(Date.UTC(2026, 4, 2)));
    expect(cell(r1904b, "兴山区", "CR_G1")!.value).toEqual(cell(r1904, "兴山区", "CR_G1")!.value);
    expect(cell(r1900, "兴山区", "CR_G1")!.value).toEqual(new Date(Date.UTC(2022, 4, 1)));
  });

  test("a sheet's state: hidden and veryHidden sheets are read and marked, visible ones (written out or not) are not", () => {
    const sheets = ["visible", "hidden", "veryHidden", undefined].map((state, i) => ({ name: `表${i}`, state, xml: `<sheetData><row r="1"><c r="A1"><v>${i}</v></c></row></sheetData>` }));
    const r = read(miniWorkbook({ sheets, names: sheets.map((s) => `<definedName name="CR_X" localSheetId="${sheets.indexOf(s)}">'${s.name}'!$A$1</definedName>`).join("") }));
    expect(r.sheets.map((s) => [s.sheet, s.hidden, s.names.get("CR_X")?.value])).toEqual([["表0", undefined, 0], ["表1", "hidden", 1], ["表2", "veryHidden", 2], ["表3", undefined, 3]]);
  });

  test("stored (uncompressed) parts and unprotected sheets", () => {
    const parts = book();
    parts["xl/worksheets/sheet2.xml"] = (parts["xl/worksheets/sheet2.xml"] as string).replace('sheet="1"', 'sheet="0"');
    const r = read(parts, ["xl/worksheets/sheet1.xml", "xl/workbook.xml"]);
    expect(r.sheets.map((s) => s.protected)).toEqual([true, false]);
    expect(cell(r, "兴山区", "CR_A1")!.value).toBe("文字");
  });

  test("shared formulas move relative references only", () => {
    expect(shiftFormula("SUM(J6:J9)+$K$6+K$6+$K6+LOG10(A1)", 2, 1)).toBe("SUM(K8:K11)+$K$6+L$6+$K8+LOG10(B3)");
    expect(shiftFormula("'A1 表'!B2+\"C3\"", 1, 0)).toBe("'A1 表'!B3+\"C3\"");
    expect(shiftFormula("A1-1", -1, 0)).toBe("#REF!-1");
  });

  test("a whole sheet read keeps a cell of the last column (XFD) in its own row", () => {
    const rows = readSheetRows(zipParts(miniWorkbook({ sheets: [{ name: "核定记录", xml: `<sheetData><row r="2"><c r="XFD2"><v>5</v></c></row><row r="3"><c r="A3"><v>6</v></c></row></sheetData>` }], names: "" })), "核定记录")!.rows;
    expect([rows[1]?.[16383], rows[2]?.[0], rows[2]?.length, rows.length]).toEqual([5, 6, 1, 3]);
  });
});

describe("what the byte scanner must not get wrong", () => {
  const names_ = ["A1", "B1", "C1", "D1", "E1"].map((a) => `<definedName name="CR_${a}">甲!$${a[0]}$${a.slice(1)}</definedName>`).join("");
  const book = (xml: string, sst: string[] = []) => read(miniWorkbook({ sheets: [{ name: "甲", xml }], names: names_, sst }));

  test("a value in quotes that looks like an attribute does not move the cell", () => {
    // ' r="A1"' inside another attribute: the cell is at E1, as Excel and LibreOffice read it.
    const r = book(`<sheetData><row r="1"><c x=' r="A1"' r="E1"><v>5</v></c></row></sheetData>`);
    expect(cell(r, "甲", "CR_A1")?.value).toBeNull();
    expect(cell(r, "甲", "CR_E1")?.value).toBe(5);
  });

  test("formulas and strings with Chinese, CDATA, named and numeric entities read as written", () => {
    const r = book(
      `<sheetData><row r="1">` +
        `<c r="A1" t="str"><f>IF(B1=&quot;扣分&quot;,&quot;&#20013;&amp;&#x6587;&quot;,&quot;否&quot;)</f><v>中&amp;文</v></c>` +
        `<c r="B1" t="str"><f><![CDATA[IF(1<2,"<甲>&amp;",0)]]></f><v><![CDATA[<甲>&amp;]]></v></c>` +
        `<c r="C1"><f><![CDATA[]]></f><v>1</v></c>` +
        `<c r="D1" t="s"><v>1</v></c></row></sheetData>`,
      ["<t>未用</t>", "<t>部门&amp;&#x4E00;</t>"],
    );
    expect(cell(r, "甲", "CR_A1")).toMatchObject({ value: "中&文", formula: 'IF(B1="扣分","中&文","否")' });
    expect(cell(r, "甲", "CR_B1")).toMatchObject({ value: "<甲>&amp;", formula: 'IF(1<2,"<甲>&amp;",0)' });
    // an empty CDATA section is an empty formula: the review takes that for a value typed over one
    expect(cell(r, "甲", "CR_C1")).toMatchObject({ value: 1, formula: "" });
    expect(cell(r, "甲", "CR_D1")?.value).toBe("部门&一");
  });

  // Each of these was read wrong until the scanner was fuzzed against saxes (test/xlsx/reader.saxes.property.test.ts).
  test("a '>' or '/>' inside a quoted attribute value does not end the tag", () => {
    const r = book(`<sheetData><row r="1"><c r="A1" x="/>"><v>5</v></c><c r="B1" x='>' t="str"><v>文</v></c></row></sheetData>`);
    expect([cell(r, "甲", "CR_A1")?.value, cell(r, "甲", "CR_B1")?.value]).toEqual([5, "文"]);
  });

  test("an attribute named like the cell's own, in another namespace or inside a value, never moves the cell", () => {
    const r = book(`<sheetData><row r="1"><c x:r="A1" r="E1"><v>1</v></c></row><row r="2"><c r="E2" x:r='A2'><v>2</v></c></row><row r="3"><c x=" r=" s="0" r="E3"><v>3</v></c></row></sheetData>`);
    expect(cell(r, "甲", "CR_A1")?.value).toBeNull();
    expect(cell(r, "甲", "CR_E1")?.value).toBe(1);
    const three = book(`<sheetData><row r="1"><c x=" r=" s="0" r="E1"><v>3</v></c><c r ="A1" y=' r="E1"'><v>4</v></c></row></sheetData>`);
    expect([cell(three, "甲", "CR_E1")?.value, cell(three, "甲", "CR_A1")?.value]).toEqual([3, 4]);
  });

  test("an end tag inside a CDATA section, comment or processing instruction of a skipped cell or string ends nothing", () => {
    const fake = `</c><c r="B1"><v>100</v></c>`;
    for (const hidden of [`<![CDATA[${fake}]]>`, `<!-- ${fake} -->`, `<?x ${fake} ?>`]) {
      const r = book(`<sheetData><row r="1"><c r="Z1" t="inlineStr"><is><t>${hidden}</t></is></c></row></sheetData>`);
      expect([hidden, cell(r, "甲", "CR_B1")?.value]).toEqual([hidden, null]);
    }
    // a shared string that holds "</si><si>" in a CDATA section is one string: the indices after it do not shift
    const s = book(`<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData>`, ["<t><![CDATA[</si><si><t>是</t></si>]]></t>", "<t>否</t>"]);
    expect(cell(s, "甲", "CR_A1")?.value).toBe("否");
  });

  test("an end tag with white space before '>' ends its element", () => {
    const r = book(`<sheetData><row r="1"><c r="Z1"><v>1</v></c ><c r="A1"><v>2</v></c
></row></sheetData ><sheetProtection sheet="1"/>`);
    expect([cell(r, "甲", "CR_A1")?.value, r.sheets[0].protected]).toEqual([2, true]);
  });

  test("text is what XML says: comments inside it dropped, CR LF read as LF, a shared formula's master found however it is spelt", () => {
    const r = book(
      `<sheetData><row r="1"><c r="A1"><v>1<!-- 注释 -->00</v></c><c r="B1" t="str"><v>甲\r\n乙\r丙&#13;</v></c><c r="C1"><f t="shared" si="0"/><v>0</v></c></row>` +
        `<row r="2"><c r="C2"><f t="sh&#97;red" ref="C1:C2" si="0">A2*2</f><v>0</v></c></row></sheetData>`,
    );
    expect([cell(r, "甲", "CR_A1")?.value, cell(r, "甲", "CR_B1")?.value, cell(r, "甲", "CR_C1")?.formula]).toEqual([100, "甲\n乙\n丙\r", "A1*2"]);
  });

  test("a cell outside <sheetData> is no cell, and a protection written in a comment or a value is none", () => {
    const r = book(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetProtection sheet="0"/><extLst><ext uri="x"><c r="A1"><v>100</v></c><c r="B1"><v>7</v></c></ext></extLst>`);
    expect([cell(r, "甲", "CR_A1")?.value, cell(r, "甲", "CR_B1")?.value]).toEqual([1, null]);
    expect(book(`<sheetData></sheetData><!-- <sheetProtection sheet="1"/> --><x y="<sheetProtection sheet=&quot;1&quot;/>"/>`).sheets[0].protected).toBe(false);
  });

  test("sheet protection is found wherever it stands after the cells", () => {
    const after = `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><dataValidations count="1"><dataValidation type="list" prompt="请选择 sheetProtection"><formula1>"是,否"</formula1></dataValidation></dataValidations>`;
    expect(book(`<sheetData/><sheetProtection sheet="1"/>${after}`).sheets[0].protected).toBe(true);
    expect(book(`<sheetData></sheetData>${after}<sheetProtection sheet="true"/>`).sheets[0].protected).toBe(true);
    expect(book(`<sheetData></sheetData>${after}`).sheets[0].protected).toBe(false);
    expect(book(`<sheetData></sheetData>  sheetProtection <x/>`).sheets[0].protected).toBe(false);
  });

  // The cells are scanned over the part up to its last "sheetData" only (src/read/sheet.ts sheetPart): whatever
  // stands after the cells or is missing, the read is the whole part's.
  test("a sheet whose end of cells is not where the last “sheetData” stands reads as a whole", () => {
    const data = `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="str"><v>甲</v></c></row>`;
    const prompt = `<dataValidations count="1"><dataValidation type="list" prompt="见 &lt;/sheetData&gt; 与 sheetData&gt; 的说明"><formula1>"是,否"</formula1></dataValidation></dataValidations>`;
    const cases: [string, string, unknown[]][] = [
      ["a later “sheetData>” in a prompt", `${data}</sheetData><sheetProtection sheet="1"/>${prompt}`, [1, "甲", true]],
      ["protection after the prompt", `${data}</sheetData>${prompt}<sheetProtection sheet="1"/>`, [1, "甲", true]],
      ["no end tag: cells to the end of the part", `${data}<row r="2"><c r="A2"><v>2</v></c></row>`, [1, "甲", false]],
      // the part's last "sheetData" in a cell's text, before the cell B1: the cells after it are read too
      ["no end tag, a text naming sheetData before a cell", `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>sheetData&gt;</t></is></c><c r="B1" t="str"><v>甲</v></c></row>`, [1, "甲", false]],
      ["a CDATA section holding the end tag", `<sheetData><row r="1"><c r="C1" t="str"><v><![CDATA[</sheetData>]]></v></c><c r="A1"><v>1</v></c><c r="B1" t="str"><v>甲</v></c></row></sheetData><sheetProtection sheet="1"/>`, [1, "甲", true]],
      ["an end tag with white space", `${data}</sheetData\n><sheetProtection sheet="1"/>`, [1, "甲", true]],
    ];
    for (const [what, xml, expected] of cases) {
      const r = book(xml);
      expect([what, cell(r, "甲", "CR_A1")?.value, cell(r, "甲", "CR_B1")?.value, r.sheets[0].protected]).toEqual([what, ...expected]);
    }
  });
});

describe("a template a unit re-saved in LibreOffice", () => {
  const soffice = spawnSync("which", ["soffice"], { encoding: "utf8" }).stdout.trim();
  if (!soffice) console.log("[skip] LibreOffice (soffice) is not installed: the re-save test is skipped");
  const run = soffice ? test : test.skip;

  run(
    "reads as protected with its formulas and locks, gives the same review as the original, and a formula cell unlocked there is caught",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "lo-resave-"));
      const out = join(dir, "out");
      mkdirSync(out);
      const unlocked = names.deduction("county.1.1.2");
      const files: Record<string, Buffer> = {
        "county.xlsx": await returnedFile("兴山区", "county", { values: { meetingsHeld: 0 } }),
        "department.xlsx": await returnedFile("市教育局", "department", { notApplicable: ["department.2.1"] }),
        "county-blank-inputs.xlsx": await returnedFile("南山区", "county", { values: { meetingsHeld: null }, evidence: false }),
        "unlocked.xlsx": await returnedFile("向阳区", "county", {
          // its own style object: ExcelJS shares one between the cells of a style, and would unlock them all
          edit: (wb) => {
            const c = cellOf(wb, unlocked);
            c.style = { ...c.style, protection: { locked: false } };
          },
        }),
      };
      for (const [f, b] of Object.entries(files)) writeFileSync(join(dir, f), b);
      execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, ...Object.keys(files).map((f) => join(dir, f))], {
        timeout: 180_000,
        stdio: "pipe",
      });
      const expected = { county: ["兴山区", "南山区", "向阳区"], department: ["市教育局"] };
      for (const f of Object.keys(files)) {
        const resaved = readFileSync(join(out, f));
        const parts = unzipParts(resaved);
        // It really is LibreOffice's file, in LibreOffice's forms.
        expect(String(parts["docProps/app.xml"])).toMatch(/LibreOffice/);
        expect(String(parts["xl/worksheets/sheet1.xml"])).toMatch(/<sheetProtection sheet="true"/);
        expect(String(parts["xl/styles.xml"])).toMatch(/locked="false"/);
        // …and LibreOffice's rewrites: names' sheet references unquoted and with extra attributes (ExcelJS
        // wrote "'兴山区'!$S$3"), the add-in's functions in formulas lower-cased (ExcelJS wrote _xldudf_CREDIT_…).
        expect(String(parts["xl/workbook.xml"])).toMatch(new RegExp(`<definedName [^>]*name="CR_UNIT"[^>]*>[^'&<]+!\\$${colLetter(COL.meta)}\\$\\d+</definedName>`));
        expect(String(parts["xl/workbook.xml"])).toMatch(/<definedName function="false"/);
        expect(String(parts["xl/worksheets/sheet1.xml"])).toMatch(/<f[^>]*>IFERROR\(credit\.deduct\(/);
        const [before] = readWorkbookBytes(files[f]).sheets;
        const [after] = readWorkbookBytes(resaved).sheets;
        expect([f, after.protected]).toEqual([f, true]);
        expect(after.names.size).toBe(before.names.size);
        for (const [n, c] of before.names) {
          const a = after.names.get(n)!;
          expect([f, n, a.address, a.locked, a.formula !== undefined]).toEqual([f, n, c.address, c.locked, c.formula !== undefined]);
        }
        const rb = reviewUnit(before, { year: 2022, expected });
        const ra = reviewUnit(after, { year: 2022, expected });
        expect([f, ra.status, ra.selfScore, ra.problems]).toEqual([f, rb.status, rb.selfScore, rb.problems]);
        expect(ra.problems.filter((p) => p.kind === "篡改" && !(f === "unlocked.xlsx"))).toEqual([]);
      }
      const [u] = readWorkbookBytes(readFileSync(join(out, "unlocked.xlsx"))).sheets;
      const address = u.names.get(unlocked)!.address;
      expect(reviewUnit(u, { year: 2022, expected }).problems).toContainEqual(
        expect.objectContaining({ kind: "篡改", severity: "提示", address, message: expect.stringContaining("单元格的锁定已被取消") }),
      );
      // every other formula cell still locked
      const formulas = [...u.names].filter(([n, c]) => c.formula !== undefined && n !== unlocked);
      expect(formulas.length).toBeGreaterThan(indexOf(getCatalog(2022, "county")).clauses.size);
      expect(formulas.filter(([, c]) => c.locked !== true)).toEqual([]);
    },
    240_000,
  );
});
