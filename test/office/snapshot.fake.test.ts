// Big reads stay under Excel on the web's 5 MB payload: the office workbook of 8 县区 + 60 市直部门 sheets
// (plus 汇总 and 核定记录) read by 汇总 on the fake Excel, which measures every sync's request and response.
import { unitsOf, getCatalog } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { buildSummary } from "../../src/office/summary";
import { planChunks, READ_BUDGET_BYTES } from "../../src/office/snapshot";
import { addLayoutSheet, FakeWorkbook } from "../helpers/fakeExcel";
import { PERFECT } from "../fixtures/answers";

const MB4 = 4 * 1024 * 1024;

/** A unit sheet as Excel holds it after recalculation: the layout's cells, formulas with their results. */
function addUnit(book: FakeWorkbook, unit: string, kind: "county" | "department", meetingsHeld: number) {
  const catalog = getCatalog(2022, kind);
  const evidence = Object.fromEntries(catalog.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((x) => [x.id, "已附（见附件）：会议纪要、文件、照片等材料；".repeat(6)]))));
  const layout = buildTemplateLayout(catalog, { name: unit }, { variant: "addin", answers: { values: { ...PERFECT[kind], meetingsHeld }, evidence } });
  addLayoutSheet(book, layout);
}

test("8 + 60 unit sheets: every sync under 4 MB, cells read in few chunks, the 汇总 ranks every unit", async () => {
  const book = new FakeWorkbook();
  unitsOf(2022).county.forEach((u, i) => addUnit(book, u, "county", i % 3));
  const departments = Array.from({ length: 60 }, (_, i) => `市直部门${String(i + 1).padStart(2, "0")}局`);
  departments.forEach((u, i) => addUnit(book, u, "department", i % 4));
  const restore = book.install();
  try {
    const r = await buildSummary({ year: 2022, expected: { department: departments } });
    expect(r.units).toBe(68);
    const largest = Math.max(...book.requests.map((x) => Math.max(x.request, x.response)));
    const total = book.requests.reduce((t, x) => t + x.response, 0);
    console.log(`[payload] 8 + 60 sheets: ${r.syncs} syncs; largest request/response ${(largest / 1e6).toFixed(2)} MB; all cell reads ${(total / 1e6).toFixed(2)} MB`);
    for (const x of book.requests) {
      expect(x.request).toBeLessThan(MB4);
      expect(x.response).toBeLessThan(MB4);
    }
    // Read in one request, as before, the cells of these 68 sheets would be over 4 MB (units list their
    // evidence in words); the chunks keep each read well under.
    expect(total).toBeGreaterThan(MB4);
    // sheet list, names + sizes, the cells in at most 3 chunks; then the write's steps (protection read, drafts
    // + data, swap, print, charts ×2)
    expect(r.syncs).toBeLessThanOrEqual(2 + 3 + 6);
    // Re-run (the 汇总 exists now and is read back for the office's notes): still under the limit.
    book.requests.length = 0;
    const again = await buildSummary({ year: 2022, expected: { department: departments } });
    expect(again.units).toBe(68);
    for (const x of book.requests) expect(Math.max(x.request, x.response)).toBeLessThan(MB4);
  } finally {
    restore();
  }
}, 180_000);

test("chunk planning: under the budget per chunk, order kept, a sheet bigger than the budget alone", () => {
  const items = [1, 2, 3, 4, 5].map((i) => ({ i, bytes: READ_BUDGET_BYTES / 2.5 }));
  expect(planChunks(items).map((c) => c.map((x) => x.i))).toEqual([[1, 2], [3, 4], [5]]);
  expect(planChunks([{ bytes: READ_BUDGET_BYTES * 3 }, { bytes: 1 }]).map((c) => c.length)).toEqual([1, 1]);
});
