// The add-in's 汇总 on the stateful fake Excel: a fixed number of syncs whatever the number of units; the
// office's notes beside the report's table move with their unit, rows below the 工作记录 keep their distance to
// its end (Excel moves them by inserting rows, so their formats and comments go along); charts found again by
// their stable name; print setup with documented values only; the report comes first. Nothing half-done: a
// failure injected at operations across every step leaves the previous 汇总 and 工作记录 exactly as they were
// (or, once the data is swapped in, only print setup or charts missing, and said so). 核定 come from the 核定记录.
import { expectedUnits, getCatalog, unitsOf } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { checkActiveSheet } from "../../src/office/check";
import { importWorkbooks } from "../../src/office/import";
import { WriteError } from "../../src/office/protection";
import { buildSummary } from "../../src/office/summary";
import { chartName, LOG_END, LOG_SHEET, MISSING_LABEL, SUMMARY_SHEET } from "../../src/review/summaryGrid";
import { AUDIT_HEADERS, AUDIT_SHEET } from "../../src/review/verification";
import { addLayoutSheet, FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { PERFECT } from "../fixtures/answers";
import { returnedFile } from "../review/helpers";

const county = getCatalog(2022, "county");
const evidence = Object.fromEntries(county.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((x) => [x.id, "已附"]))));
const EXPECTED = { county: unitsOf(2022).county, department: ["市教育局"] };

/** A workbook of county sheets as Excel holds them (no writer): 兴山区 held `meetings` meetings. */
function office(units: string[], meetings = (i: number) => (i === 0 ? 0 : 3)): FakeWorkbook {
  const book = new FakeWorkbook();
  units.forEach((unit, i) => addLayoutSheet(book, buildTemplateLayout(county, { name: unit }, { variant: "addin", answers: { values: { ...PERFECT.county, meetingsHeld: meetings(i) }, evidence } })));
  return book;
}

function rowOf(s: FakeSheet, col: number, text: string): number {
  for (const [r, cc, c] of s.each()) if (cc === col && c.v === text) return r;
  return 0;
}

function rowStarting(s: FakeSheet, col: number, prefix: string): number {
  for (const [r, cc, c] of s.each()) if (cc === col && typeof c.v === "string" && c.v.startsWith(prefix)) return r;
  return 0;
}

/** Everything a user sees of a sheet: cells (content, format, style), merges, charts, page, protection. */
const look = (s: FakeSheet) =>
  JSON.stringify({
    cells: [...s.cells].filter(([, c]) => c.v !== null || c.f !== undefined || c.style).map(([k, c]) => [k, c.f ?? c.v, c.fmt, c.style ?? null]),
    merges: [...s.merges].sort(),
    charts: s.charts.map((c) => ({ ...c, sheet: undefined })),
    page: s.page,
    breaks: s.pageBreaks,
    protection: [s.protected, s.password ?? null],
  });

const run = (book: FakeWorkbook, expected = EXPECTED) => book.run(() => buildSummary({ year: 2022, expected }));

test("a fixed number of syncs, the same for 2 and 20 units; the table is the review's, values only", async () => {
  const two = office(["兴山区", "向阳区"]);
  const r2 = await run(two);
  const twenty = office(Array.from({ length: 20 }, (_, i) => (i < 8 ? unitsOf(2022).county[i] : `测试县${i}`)));
  const r20 = await run(twenty);
  console.log(`[sync] 汇总: ${r2.syncs} syncs for 2 units, ${r20.syncs} for 20`);
  // sheet list; names + used ranges; cells; protection; drafts + data; swap; print; charts (names, then the
  // charts). A re-run deletes the two old sheets besides, each on its own: 11.
  expect(r2.syncs).toBe(9);
  expect(r20.syncs).toBe(r2.syncs);
  expect(r20.units).toBe(20);
  expect(r2.notes).toEqual([]);
  const report = two.sheet(SUMMARY_SHEET);
  expect(two.sheets[0]).toBe(report);
  expect(two.active).toBe(report);
  const head = rowOf(report, 1, "排名");
  const scoreCol = [...report.each()].find(([r, , c]) => r === head && c.v === "考核得分")![1];
  expect(scoreCol).toBe(13); // after 扣分依据 (issue 18)
  // 兴山区 (0 meetings → 97.5) after 向阳区 (100)
  const xy = rowOf(report, 2, "向阳区");
  const xs = rowOf(report, 2, "兴山区");
  expect([report.peek(xy, 1)?.v, report.peek(xy, scoreCol)?.v]).toEqual([1, 100]);
  expect([report.peek(xs, 1)?.v, report.peek(xs, scoreCol)?.v]).toEqual([2, 97.5]);
  expect([...report.each()].some(([, , c]) => c.f !== undefined)).toBe(false);
  // Print setup: documented values (a scale of 10–400, not verticalFitToPages 0), A4 landscape, titles repeated.
  expect(report.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { scale: expect.any(Number) }, printTitleRows: `$${head}:$${head}`, centerHorizontally: true });
  // Charts by their stable names, each drawn from the table's scores with the unit names as categories.
  // No 市直部门 returned its form here: its table lists them, and no empty chart is drawn.
  expect(report.charts.map((c) => c.name).sort()).toEqual([chartName("county")]);
  const chart = report.charts.find((c) => c.name === chartName("county"))!;
  expect(chart).toMatchObject({ type: "ColumnClustered", title: "县区考核得分", legend: false, valueAxis: { minimum: 0, maximum: 100 }, series: [{ name: "考核得分", dataLabels: true, xValues: expect.stringMatching(/^B\d+:B\d+$/) }] });
});

test("re-running the add-in's 汇总: a note beside a unit follows it, rows below the 工作记录 keep their distance", async () => {
  const book = new FakeWorkbook();
  const file = async (unit: string, meetings: number) => ({ name: `${unit}.xlsx`, base64: (await returnedFile(unit, "county", { values: { meetingsHeld: meetings } })).toString("base64") });
  await book.run(async () => importWorkbooks([await file("兴山区", 0), await file("向阳区", 3)], { supports: () => true, year: 2022 }));
  const first = await run(book);
  const report = book.sheet(SUMMARY_SHEET);
  const log = book.sheet(LOG_SHEET);
  const xs = rowOf(report, 2, "兴山区");
  expect(report.peek(xs, 1)?.v).toBe(2); // 向阳区 (100) before 兴山区 (97.5)
  report.cell(xs, 20).v = "已催报会议纪要";
  report.cell(xs, 20).style = { "fill.color": "#FFFF00" };
  const end = rowStarting(log, 1, LOG_END);
  log.cell(end + 3, 1).v = "经办：王某";
  log.cell(end + 3, 1).style = { "font.bold": true };

  // 工农区 returns and ranks first (兴山区 moves down a row), 市教育局 returns, and the list names one more
  // 市直部门: both sheets grow by a row.
  const dept = { name: "市教育局.xlsx", base64: (await returnedFile("市教育局", "department")).toString("base64") };
  await book.run(async () => importWorkbooks([await file("工农区", 3), dept], { supports: () => true, year: 2022, expected: { department: ["市教育局"] } }));
  const again = await run(book, { county: EXPECTED.county, department: ["市教育局", "市公安局"] });
  expect(again.syncs).toBe(first.syncs + 2); // the two previous sheets deleted, each in a batch of its own
  const report2 = book.sheet(SUMMARY_SHEET);
  const r2 = rowOf(report2, 2, "兴山区");
  expect(r2).not.toBe(xs);
  expect(report2.peek(r2, 20)?.v).toBe("已催报会议纪要");
  expect(report2.peek(xs, 20)?.v ?? null).toBeNull();
  expect(report2.charts.map((c) => c.name).sort()).toEqual([chartName("county"), chartName("department")].sort());
  const end2 = rowStarting(book.sheet(LOG_SHEET), 1, LOG_END);
  expect(end2).toBeGreaterThan(end);
  // Rows below the add-in's area moved by row insertion: the cell keeps its format too.
  expect(book.sheet(LOG_SHEET).peek(end2 + 3, 1)).toMatchObject({ v: "经办：王某", style: { "font.bold": true } });
  // The 汇总 was rebuilt in a copy and swapped in: no draft or old sheet is left, and the report is first.
  expect(book.sheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, "兴山区", "向阳区", LOG_SHEET, "工农区", "市教育局"]);
}, 60_000);

test("charts: the previous run's (also an old version's, named after its title) are replaced; the office's own chart stays", async () => {
  const book = office(["兴山区", "向阳区"]);
  await run(book);
  const report = book.sheet(SUMMARY_SHEET);
  // An earlier version named its chart after the title; the office added a chart of its own.
  report.charts.find((c) => c.name === chartName("county"))!.name = "县、区考核得分";
  report.charts.push({ sheet: report, name: "我的图表", type: "Pie", source: "C5:C6", seriesBy: "Columns", series: [{}], valueAxis: {} });
  await run(book);
  expect(book.sheet(SUMMARY_SHEET).charts.map((c) => c.name).sort()).toEqual([chartName("county"), "我的图表"].sort());
});

describe("nothing half-done", () => {
  /** A workbook with a previous 汇总 (office notes in it), and the run that would replace it. */
  async function previous() {
    const book = office(["兴山区", "向阳区"]);
    await run(book);
    book.sheet(SUMMARY_SHEET).cell(rowOf(book.sheet(SUMMARY_SHEET), 2, "兴山区"), 20).v = "备注";
    // 南山区 returns: the next 汇总 differs from this one.
    addLayoutSheet(book, buildTemplateLayout(county, { name: "南山区" }, { variant: "addin", answers: { values: PERFECT.county, evidence } }));
    return book;
  }

  test("a failure injected across every step leaves the previous 汇总 and 工作记录 as they were — or, once swapped in, the new data complete with the missing part said", async () => {
    const base = await previous();
    const ok = base.clone();
    const result = await run(ok);
    const total = ok.operations;
    // Every sync (step) of the run: its first, second, middle and last operations.
    const points = new Set<number>();
    ok.syncStarts.forEach((start, i) => {
      const end = (ok.syncStarts[i + 1] ?? total + 1) - 1;
      if (end >= start) for (const n of [start, start + 1, Math.floor((start + end) / 2), end]) if (n <= end) points.add(n);
    });
    const before = { report: look(base.sheet(SUMMARY_SHEET)), log: look(base.sheet(LOG_SHEET)), sheets: base.sheets.map((s) => s.name) };
    let kept = 0;
    let withNotes = 0;
    for (const n of [...points].sort((a, b) => a - b)) {
      const book = base.clone();
      book.failAtOperation = n;
      const outcome = await run(book).then(
        (r) => ({ r, e: undefined }),
        (e: unknown) => ({ r: undefined, e }),
      );
      if (outcome.e) {
        kept++;
        expect([n, outcome.e instanceof WriteError || (outcome.e as { code?: string }).code === "GeneralException"]).toEqual([n, true]);
        expect([n, book.sheets.map((s) => s.name)]).toEqual([n, before.sheets]);
        expect([n, look(book.sheet(SUMMARY_SHEET)) === before.report, look(book.sheet(LOG_SHEET)) === before.log]).toEqual([n, true, true]);
      } else {
        // Swapped in: the new 汇总 is complete (南山区 ranked); only print setup or charts may be missing, or an
        // old sheet left aside undeleted — and each is said.
        withNotes += outcome.r!.notes.length ? 1 : 0;
        expect([n, rowOf(book.sheet(SUMMARY_SHEET), 2, "南山区") > 0]).toEqual([n, true]);
        const aside = book.sheets.map((s) => s.name).filter((x) => /（旧）\d+$/.test(x));
        expect([n, book.sheets.map((s) => s.name).filter((x) => !aside.includes(x))]).toEqual([n, before.sheets]);
        for (const x of aside) expect([n, outcome.r!.notes.join("；")]).toEqual([n, expect.stringContaining(`上一次的汇总表已改名为“${x}”，未能删除`)]);
        if (outcome.r!.notes.length) expect([n, outcome.r!.notes.join("；")]).toEqual([n, expect.stringMatching(/(打印设置未能应用|得分柱形图未能生成|未能删除).*已写好/)]);
      }
    }
    console.log(`[fail] 汇总: ${points.size} injected failures over ${total} operations (${result.syncs} syncs): ${kept} left the previous 汇总, ${withNotes} completed with a note`);
    expect(kept).toBeGreaterThan(10);
    expect(withNotes).toBeGreaterThan(0);
  }, 300_000);

  test("the workbook's structure is protected: refused before anything is written, with its own message", async () => {
    const book = await previous();
    const before = look(book.sheet(SUMMARY_SHEET));
    book.structureProtected = true;
    const e = await run(book).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "workbookStructure", message: expect.stringMatching(/^工作簿结构受保护/) });
    expect(look(book.sheet(SUMMARY_SHEET))).toBe(before);
  });

  test("a 汇总 the office protected: rebuilt and protected again; with a password (desktop): refused, nothing changed", async () => {
    const book = await previous();
    book.sheet(SUMMARY_SHEET).protected = true;
    const r = await run(book);
    expect(r.notes).toEqual([]);
    expect(book.sheet(SUMMARY_SHEET).protected).toBe(true);
    expect(rowOf(book.sheet(SUMMARY_SHEET), 2, "南山区")).toBeGreaterThan(0);

    const locked = await previous();
    Object.assign(locked.sheet(SUMMARY_SHEET), { protected: true, password: "密码" });
    locked.supported = (set) => set !== "ExcelApiOnline"; // desktop: Excel does not tell the password beforehand
    const before = { look: look(locked.sheet(SUMMARY_SHEET)), sheets: locked.sheets.map((s) => s.name) };
    const e = await run(locked).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "sheetPassword", sheets: [SUMMARY_SHEET], message: expect.stringMatching(/^“汇总”工作表设有密码保护/) });
    expect({ look: look(locked.sheet(SUMMARY_SHEET)), sheets: locked.sheets.map((s) => s.name) }).toEqual(before);
  });

  test("a sheet named 汇总 that the add-in did not make is refused before any write", async () => {
    const book = office(["兴山区"]);
    book.addSheet(SUMMARY_SHEET).cell(1, 1).v = "我的汇总";
    const e = await run(book).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/不是本加载项生成的/);
    expect(book.structural).toEqual([]);
    expect(book.sheet(SUMMARY_SHEET).value("A1")).toBe("我的汇总");
  });
});

test("提交前检查 of the active sheet: problems with cell addresses, two syncs", async () => {
  const book = office(["兴山区"]);
  const s = book.sheet("兴山区");
  // blank one input the way Office reports an empty cell
  const ref = s.names.find((n) => n.name === "CR_IN_meetingsHeld")!.ref!;
  s.cell(ref.r1, ref.c1).v = null;
  const r = await book.run(() => checkActiveSheet({ year: 2022 }));
  const address = `${String.fromCharCode(64 + ref.c1)}${ref.r1}`;
  expect(r.unit).toBe("兴山区");
  expect(r.problems).toContainEqual(expect.objectContaining({ address, severity: "错误", message: expect.stringMatching(/“兴山区”工作表 [A-Z]+\d+：“本年度召开信用工作会议次数”未填写/) }));
  expect(book.syncs).toBe(2);
});

// The office's workbook: a 核定 counts only when it matches the latest 核定记录 entry (README 可信与安全).
describe("汇总 takes 核定 from the 核定记录", () => {
  function withAudit(rows: unknown[][], verified: unknown, reason: unknown) {
    const book = office(["兴山区", "向阳区"]);
    const s = book.sheet("兴山区");
    const put = (name: string, v: unknown) => {
      const ref = s.names.find((n) => n.name === name)!.ref!;
      s.cell(ref.r1, ref.c1).v = v as never;
    };
    put("CR_VER_county_1_1_2", verified);
    put("CR_VRS_county_1_1_2", reason);
    const audit = book.addSheet(AUDIT_SHEET);
    [[...AUDIT_HEADERS], ...rows].forEach((row, r) => row.forEach((v, c) => (audit.cell(r + 1, c + 1).v = v === "" ? null : (v as never))));
    return book;
  }
  const entry = (to: number, reason: string) => ["2022-12-20T10:00:00+08:00", "张三", "兴山区", "兴山区", "county.1.1.2", 2.5, 2.5, "", to, reason];

  test("a 核定 cell matching the latest entry counts", async () => {
    const d = (await run(withAudit([entry(1, "部分补交"), entry(0, "核实已召开")], 0, "核实已召开"))).data;
    expect(d.tables.county.rows.find((r) => r.unit === "兴山区")).toMatchObject({ selfScore: 97.5, verifiedScore: 100, score: 100 });
    expect(d.problems.filter((p) => p.kind === "核定")).toEqual([]);
  });

  test.each([
    ["no entry at all", [] as unknown[][], 0, "核实已召开", 97.5],
    ["the cell differs from the latest entry", [entry(0, "核实已召开"), entry(2.5, "维持自评")], 0, "核实已召开", 97.5],
  ])("%s: flagged as changed without a record, the cell not used", async (_n, rows, verified, reason, score) => {
    const d = (await run(withAudit(rows, verified, reason))).data;
    // The cell's 0 not used: the deductions are the self ones; the problem open, no 考核得分 is shown at all.
    const row = d.tables.county.rows.find((r) => r.unit === "兴山区")!;
    expect(row).toMatchObject({ totalDeduction: 100 - score, status: "有问题" });
    expect(row.score).toBeUndefined();
    expect(d.problems).toContainEqual(expect.objectContaining({ severity: "错误", kind: "核定", message: expect.stringMatching(/^“兴山区”工作表 [A-Z]+\d+：条款 1\.1\.2 的核定栏.*核定记录/) }));
  });
});



test("without a list, the pane's 提交前检查, 导入回收表 and 汇总 expect the year's 市直部门 — core's expectedUnits, as the command line does", async () => {
  const year = 2022;
  const [member, other] = unitsOf(year).department;
  const book = new FakeWorkbook();
  const file = async (unit: string) => ({ name: `${unit}.xlsx`, base64: (await returnedFile(unit, "department")).toString("base64") });
  // A member of the year's list is identified: no identity problem (with an empty list it was "not a member").
  const r = await book.run(async () => importWorkbooks([await file(member), await file("市测试局")], { supports: () => true, year }));
  const identity = (ps: { kind: string; message: string }[]) => ps.filter((p) => p.kind === "单位").map((p) => p.message);
  expect(r.imported.map((i) => [i.unit, identity(i.problems)])).toEqual([[member, []]]);
  expect(r.rejected).toEqual([{ file: "市测试局.xlsx", reason: expect.stringContaining("单位名称“市测试局”不在市直部门名单中") }]);
  book.active = book.sheet(member);
  const checked = await book.run(() => checkActiveSheet({ year }));
  expect([checked.unit, identity(checked.problems)]).toEqual([member, []]);
  // A sheet of a name the year's list does not hold: the check says so.
  const stranger = new FakeWorkbook();
  addLayoutSheet(stranger, buildTemplateLayout(getCatalog(year, "department"), { name: "市测试局" }, { variant: "addin" }));
  expect(identity((await stranger.run(() => checkActiveSheet({ year }))).problems)).toEqual([expect.stringContaining("单位名称“市测试局”不在市直部门名单中")]);
  // The 汇总 lists every 市直部门 of the year: the one returned, the others 未返回 (none with an empty list).
  await book.run(() => buildSummary({ year }));
  const report = book.sheet(SUMMARY_SHEET);
  // A returned unit is a row of its table (its name in B); the others are named on the table's 未报送单位 line (A).
  const cells = [...report.each()];
  const listed = new Set(cells.filter(([, c, x]) => c === 2 && typeof x.v === "string").map(([, , x]) => x.v));
  const lines = cells.filter(([, c, x]) => c === 1 && typeof x.v === "string" && x.v.startsWith(MISSING_LABEL)).map(([, , x]) => String(x.v).replace(/\n/g, ""));
  for (const line of lines) for (const name of line.slice(line.indexOf("：") + 1).split("、")) listed.add(name);
  for (const u of expectedUnits(year).department) expect({ u, listed: listed.has(u) }).toEqual({ u, listed: true });
  expect(listed.has(other)).toBe(true);
});
