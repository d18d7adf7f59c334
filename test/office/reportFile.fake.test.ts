// Issue 18 item 4, the add-in's half: 生成汇总 offers the report alone — the 汇总 sheet cut out of the workbook as
// Excel saves it (Office.context.document.getFileAsync on the strict fake, as for the unit files), a file with
// that one sheet, so its printed “共 N 页” counts the report's own pages, not the 工作记录's or the units'.
import { unzipSync, strFromU8 } from "fflate";
import { DEFAULT_WEIGHT, getCatalog } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { readSheetRows, sheetNamesOf } from "../../src/read/index";
import { LOG_SHEET, SUMMARY_SHEET } from "../../src/review/summaryGrid";
import { ActionError } from "../../src/taskpane/actions";
import { createOfficeActions } from "../../src/taskpane/officeActions";
import { addLayoutSheet, FakeWorkbook } from "../helpers/fakeExcel";
import { carlitoMissing, pdfPages, readPdfText, renderPdfs, soffice } from "../helpers/pdf";
import { UNITS, YEAR } from "../fixtures/scriptedYear";

function officeBook(): FakeWorkbook {
  const book = new FakeWorkbook();
  for (const u of UNITS.filter((x) => x.kind === "county").slice(0, 3)) {
    addLayoutSheet(book, buildTemplateLayout(getCatalog(YEAR, u.kind), { name: u.unit }, { variant: "addin", answers: { values: u.values, notApplicable: u.notApplicable, evidence: u.evidence } }));
  }
  book.supported = () => true;
  return book;
}

describe("报送用汇总表 from the pane", () => {
  const book = officeBook();
  const pane = createOfficeActions();
  let bytes: Uint8Array;

  beforeAll(async () => {
    await book.run(() => pane.buildSummary({ weight: DEFAULT_WEIGHT }));
    const file = await book.run(() => pane.reportFile());
    expect(file.fileName).toBe("汇总-报送.xlsx"); // as the command line names its report-only file beside 汇总.xlsx
    bytes = file.bytes;
  }, 120_000);

  it("is the 汇总 sheet alone, cell for cell as in the workbook; the file Excel gave was closed", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([SUMMARY_SHEET, LOG_SHEET, ...UNITS.filter((x) => x.kind === "county").slice(0, 3).map((u) => u.unit)]));
    expect(sheetNamesOf(bytes)).toEqual([SUMMARY_SHEET]);
    const parts = Object.keys(unzipSync(bytes));
    expect(parts.filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))).toHaveLength(1);
    const rows = readSheetRows(bytes, SUMMARY_SHEET)!.rows;
    const fake = book.sheet(SUMMARY_SHEET);
    const box = fake.used(true)!;
    let compared = 0;
    for (let r = 1; r <= box.r2; r++)
      for (let c = 1; c <= box.c2; c++) {
        const want = fake.peek(r, c)?.v;
        const got = rows[r - 1]?.[c - 1];
        expect([r, c, got ?? null]).toEqual([r, c, want === "" || want === undefined ? null : want]);
        compared++;
      }
    expect(compared).toBeGreaterThan(30);
    // Nothing of the 工作记录 travels: its title is in no part of the file.
    const text = Object.values(unzipSync(bytes)).map((d) => strFromU8(d)).join("");
    expect(text).not.toContain("考核工作记录");
    expect(book.openFiles).toBe(0);
  });

  (soffice ? it : it.skip)(
    "prints with page numbers that count its own pages only",
    () => {
      const missing = carlitoMissing();
      if (missing) throw new Error(missing);
      const pdf = renderPdfs({ report: bytes }).report;
      const pages = pdfPages(pdf);
      const totals = [...readPdfText(pdf).matchAll(/第 (\d+) 页，共 (\d+) 页/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(totals).toEqual(Array.from({ length: pages }, (_, i) => [i + 1, pages]));
    },
    180_000,
  );

  it("before any 汇总: a Chinese message that says to make it first, and the file is closed", async () => {
    const empty = officeBook();
    const error = await empty.run(() => pane.reportFile()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toMatch(/^未能分出报送用的汇总表：/);
    expect((error as ActionError).next).toContain("生成汇总");
    expect(empty.openFiles).toBe(0);
  }, 60_000);
});
