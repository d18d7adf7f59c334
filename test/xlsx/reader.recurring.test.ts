// The reader parses a part whose bytes recur from file to file (styles, relationships: a year's returns come
// from one template) once per content (src/read/package.ts parsedPart). A file with other bytes must never
// be read with a cached parse: files that differ only in that part, read in turn, each read as their own.
import { LIMITS, readWorkbookBytes } from "../../src/read/index";
import { miniWorkbook, unzipParts, zipParts, type MiniSheet } from "../helpers/xlsxParts";

const sheet: MiniSheet = { name: "兴山区", xml: `<sheetData><row r="1"><c r="A1" s="1"><v>44682</v></c><c r="B1" s="2"><v>3</v></c></row></sheetData>` };
const names = `<definedName name="CR_A1">兴山区!$A$1</definedName><definedName name="CR_B1">兴山区!$B$1</definedName>`;
const cells = (bytes: Uint8Array) => {
  const s = readWorkbookBytes(bytes).sheets[0];
  return { a: s.names.get("CR_A1"), b: s.names.get("CR_B1") };
};

describe("parts parsed once per content", () => {
  // Same file but for styles.xml: A1 a date in one, a number in the other; B1 unlocked in one, locked in the other.
  const dated = zipParts(miniWorkbook({ sheets: [sheet], names, xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="14"/>', '<xf numFmtId="0"><protection locked="0"/></xf>'] }));
  const plain = zipParts(miniWorkbook({ sheets: [sheet], names, xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="0"/>', '<xf numFmtId="10"/>'] }));

  test("two files with different styles.xml, read in turn, each with its own formats and locks", () => {
    for (let round = 0; round < 3; round++) {
      const d = cells(dated);
      expect(d.a?.value).toEqual(new Date(Date.UTC(2022, 4, 1)));
      expect(d.a?.numFmt).toBe("mm-dd-yy");
      expect(d.b).toMatchObject({ value: 3, locked: false, numFmt: "General" });
      const p = cells(plain);
      expect(p.a).toMatchObject({ value: 44682, numFmt: "General" });
      expect(p.b).toMatchObject({ value: 3, locked: true, numFmt: "0.00%" });
    }
  });

  test("styles of the same length that differ in one byte are not taken for the cached ones", () => {
    const parts = unzipParts(dated);
    const styles = parts["xl/styles.xml"] as string;
    const other = styles.replace('numFmtId="14"', 'numFmtId="10"');
    expect(other.length).toBe(styles.length);
    const changed = zipParts({ ...parts, "xl/styles.xml": other });
    expect(cells(dated).a?.numFmt).toBe("mm-dd-yy");
    expect(cells(changed).a).toMatchObject({ value: 44682, numFmt: "0.00%" });
    expect(cells(dated).a?.numFmt).toBe("mm-dd-yy");
    // stored instead of deflated: other stored bytes, read as their own
    expect(cells(zipParts(parts, ["xl/styles.xml"])).a?.numFmt).toBe("mm-dd-yy");
  });

  test("relationships that differ send each file to its own sheet part", () => {
    const parts = unzipParts(dated);
    const swapped = sheet.xml.replace("<v>3</v>", "<v>9</v>");
    // The sheet moved to another part name, the workbook's relationships saying so.
    const rels = (parts["xl/_rels/workbook.xml.rels"] as string).replace("worksheets/sheet1.xml", "worksheets/other.xml");
    const moved = zipParts({ ...parts, "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/other.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${swapped}</worksheet>` });
    for (let round = 0; round < 2; round++) {
      expect(cells(dated).b?.value).toBe(3);
      expect(cells(moved).b?.value).toBe(9);
    }
  });

  test("a cached part still counts against the file's limits", () => {
    // The styles part made large (padding in a comment) and cached by a first read; a second read under a
    // part limit it no longer fits is refused as an uncached read is.
    const parts = unzipParts(dated);
    const styles = (parts["xl/styles.xml"] as string).replace("<cellXfs>", `<!--${" ".repeat(200_000)}--><cellXfs>`);
    const big = zipParts({ ...parts, "xl/styles.xml": styles });
    expect(cells(big).a?.numFmt).toBe("mm-dd-yy");
    const limit = LIMITS.part;
    try {
      (LIMITS as { part: number }).part = 150_000;
      expect(() => readWorkbookBytes(big)).toThrow(/文件过大或内容异常/);
    } finally {
      (LIMITS as { part: number }).part = limit;
    }
    expect(cells(big).a?.numFmt).toBe("mm-dd-yy");
  });
});
