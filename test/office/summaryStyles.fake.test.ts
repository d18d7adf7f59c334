// The 汇总's one style table (src/review/summaryStyles.ts), drawn by both writers: every style reads back as
// itself from the add-in's Office.js calls (on the fake Excel, which keeps each cell's format) and from the
// command line's xlsx, and in a real 汇总 every styled cell of both looks like its grid style says.
import ExcelJS from "exceljs";
import type { CellStyle } from "../../src/core/cellStyle";
import { unitsOf } from "../../src/core/index";
import { queueStyle } from "../../src/office/cellStyle";
import { importWorkbooks } from "../../src/office/import";
import { buildSummary } from "../../src/office/summary";
import { buildSummaryDocument } from "../../src/review/summaryGrid";
import { SUMMARY_STYLES, type GridStyle } from "../../src/review/summaryStyles";
import { excelStyle } from "../../src/xlsx/cellStyle";
import { summaryWorkbook } from "../../src/xlsx/writeSummary";
import { FakeWorkbook, type FakeCell } from "../helpers/fakeExcel";
import { returnedFile } from "../review/helpers";

const H = { Left: "left", Center: "center", Right: "right" } as const;
const V = { Top: "top", Center: "middle", Bottom: "bottom" } as const;

/** A style as data, without what is the default (11 pt, no bold…), for comparing. */
function normal(s: CellStyle): CellStyle {
  const out: CellStyle = {};
  if (s.bold) out.bold = true;
  if (s.size !== undefined && s.size !== 11) out.size = s.size;
  if (s.color && s.color !== "000000") out.color = s.color.toUpperCase();
  if (s.fill) out.fill = s.fill.toUpperCase();
  if (s.h) out.h = s.h;
  if (s.v) out.v = s.v;
  if (s.wrap) out.wrap = true;
  if (s.border) out.border = true;
  return out;
}

/** What the fake Excel holds for a cell's format, as a CellStyle. */
function officeLook(c: FakeCell | undefined): CellStyle {
  const st = c?.style ?? {};
  const edges = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
  expect(st["font.name"]).toBe("宋体");
  return normal({
    bold: st["font.bold"] === true,
    size: st["font.size"] as number | undefined,
    color: (st["font.color"] as string | undefined)?.slice(1),
    fill: (st["fill.color"] as string | undefined)?.slice(1),
    h: H[st.horizontalAlignment as keyof typeof H],
    v: V[st.verticalAlignment as keyof typeof V],
    wrap: st.wrapText === true,
    border: edges.every((e) => st[`borders.${e}.style`] === "Continuous" && st[`borders.${e}.color`] === "#808080"),
  });
}

/** What an xlsx cell's style is, as a CellStyle. */
function fileLook(cell: ExcelJS.Cell): CellStyle {
  const s = cell.style;
  const argb = (x: unknown) => (x as { argb?: string } | undefined)?.argb?.slice(2);
  expect(s.font?.name).toBe("宋体");
  const fill = s.fill as ExcelJS.FillPattern | undefined;
  return normal({
    bold: !!s.font?.bold,
    size: s.font?.size,
    color: argb(s.font?.color),
    fill: fill?.pattern === "solid" ? argb(fill.fgColor) : undefined,
    h: s.alignment?.horizontal as CellStyle["h"],
    v: s.alignment?.vertical as CellStyle["v"],
    wrap: !!s.alignment?.wrapText,
    border: (["top", "bottom", "left", "right"] as const).every((e) => s.border?.[e]?.style === "thin" && argb(s.border?.[e]?.color) === "808080"),
  });
}

const STYLE_NAMES = Object.keys(SUMMARY_STYLES) as GridStyle[];

test("every style of the 汇总's table reads back as itself from both writers", async () => {
  const book = new FakeWorkbook();
  book.addSheet("s");
  await book.run(() =>
    Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("s");
      STYLE_NAMES.forEach((name, i) => queueStyle(ws.getRange(`A${i + 1}:C${i + 1}`).format, SUMMARY_STYLES[name]));
      await context.sync();
    }),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("s");
  STYLE_NAMES.forEach((name, i) => (ws.getCell(i + 1, 1).style = excelStyle(SUMMARY_STYLES[name])));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as never);
  STYLE_NAMES.forEach((name, i) => {
    const want = normal(SUMMARY_STYLES[name]);
    // A run of three cells: each is boxed on its own, like the xlsx writer's cells.
    for (let c = 1; c <= 3; c++) expect([name, officeLook(book.sheet("s").peek(i + 1, c))]).toEqual([name, want]);
    expect([name, fileLook(back.getWorksheet("s")!.getCell(i + 1, 1))]).toEqual([name, want]);
  });
});

test("a 汇总 written by the add-in and by the command line: every styled cell looks as its grid style says, 有问题 in red in both", async () => {
  const book = new FakeWorkbook();
  const file = async (unit: string, name = `${unit}.xlsx`) => ({ name, base64: (await returnedFile(unit, "county")).toString("base64") });
  // 兴山区 twice (有问题: two sheets of one unit), 向阳区 once; the other counties are 未返回.
  await book.run(async () => importWorkbooks([await file("兴山区"), await file("兴山区", "兴山区（重发）.xlsx"), await file("向阳区")], { supports: () => true, year: 2022 }));
  const r = await book.run(() => buildSummary({ year: 2022, expected: { county: unitsOf(2022).county, department: ["市教育局"] } }));
  const doc = buildSummaryDocument(r.data);
  const xlsx = await summaryWorkbook(r.data);
  const used = new Set<GridStyle>();
  for (const grid of [doc.report, doc.log]) {
    const sheet = book.sheet(grid.name);
    const ws = xlsx.getWorksheet(grid.name)!;
    grid.rows.forEach((row, i) =>
      row.forEach((g, j) => {
        if (!g.s) return;
        used.add(g.s);
        const want = normal(SUMMARY_STYLES[g.s]);
        const at = `${grid.name}!${i + 1},${j + 1} (${g.s})`;
        expect([at, officeLook(sheet.peek(i + 1, j + 1))]).toEqual([at, want]);
        expect([at, fileLook(ws.getCell(i + 1, j + 1))]).toEqual([at, want]);
      }),
    );
  }
  expect([...used]).toEqual(expect.arrayContaining(["title", "th", "num", "score", "info", "problem", "note", "status.未返回", "status.有问题"]));
  expect(SUMMARY_STYLES["status.有问题"]).toMatchObject({ color: "9C0006", fill: "FFC7CE", bold: true });
}, 60_000);
