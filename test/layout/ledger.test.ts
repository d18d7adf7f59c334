// The template's 双公示台账 computed by a real formula engine (HyperFormula: native functions only, no CREDIT.*):
// every row's 工作日数 and 是否按时, day by day around 春节, 劳动节 and 国庆 2022, must be core's (the calendar
// and the 7 日公示 rule the publicity command uses), dates typed as dates, serials or text alike; and the two
// count formulas the template writes into its inputs must count what core counts.
import {
  countLedger,
  dayInfo,
  getCatalog,
  isoToSerial,
  judgeLedgerRow,
  LEDGER_COL as C,
  LEDGER_FIRST_ROW,
  LEDGER_LAST_ROW,
  ledgerCountFormula,
  ledgerDate,
  publicityInputs,
  serialToIso,
  timeliness,
  workingDaysAfter,
} from "../../src/core/index";
import { names } from "../../src/core/names";
import { buildLedger, LEDGER_PRINTED_ROWS, ledgerRowFormulas } from "../../src/layout/ledger";
import { buildTemplateLayout } from "../../src/layout/template";
import type { LedgerRecord } from "../../src/layout/template/types";
import type { SheetDoc } from "../../src/layout/sheetDoc";
import { shiftFormula } from "../../src/read/index";
import { findColumns, recordsOf } from "../../src/review/records";
import { countPublicity } from "../../src/review/publicity";
import { sheetsEngine } from "../helpers/sheetEngine";

const catalog = getCatalog(2022, "county");

/** Decisions on every day of the three holiday seasons of 2022, each published 0–15 days later. */
function holidayRecords(): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  const seasons: [string, number][] = [
    ["2022-01-20", 26], // 春节: 1月29日、30日 worked, 1月31日—2月6日 off
    ["2022-04-20", 20], // 劳动节: 4月24日 worked, 4月30日—5月4日 off, 5月7日 worked
    ["2022-09-26", 16], // 国庆: 10月1日—7日 off, 10月8日、9日 worked
  ];
  for (const [from, days] of seasons) {
    for (let i = 0; i < days; i++) {
      const d = isoToSerial(from) + i;
      for (const k of [0, 1, 3, 5, 7, 9, 11, 13, 15]) out.push({ subject: `单位${out.length}`, decision: d, published: d + k });
    }
  }
  return out;
}

/** The sheet as HyperFormula takes it: constants, and "=" formulas. */
function gridOf(doc: SheetDoc): unknown[][] {
  return doc.rows.map((row) => Array.from({ length: doc.width }, (_, c) => {
    const cell = row?.[c];
    if (!cell) return null;
    if (cell.f !== undefined) return `=${cell.f}`;
    return cell.v ?? null;
  }));
}

/** The sheet computed by HyperFormula (the file's one engine holding this sheet alone: test/helpers/sheetEngine). */
function engineOf(doc: SheetDoc): { at: (r: number, c: number) => unknown } {
  const hf = sheetsEngine({ [doc.name]: gridOf(doc) });
  const sheet = hf.getSheetId(doc.name)!;
  return { at: (r, c) => hf.getCellValue({ sheet, row: r - 1, col: c - 1 }) };
}

test("the ledger's native formulas give core's working days and 是否按时 for every day around 春节, 劳动节 and 国庆 2022", () => {
  const records = holidayRecords();
  expect(records.length).toBeLessThanOrEqual(LEDGER_LAST_ROW - LEDGER_FIRST_ROW + 1);
  const doc = buildLedger(catalog, "兴山区", records)!;
  const { at } = engineOf(doc);
  const seen = new Set<string>();
  records.forEach((rec, i) => {
    const r = LEDGER_FIRST_ROW + i;
    const d = serialToIso(rec.decision as number);
    const p = serialToIso(rec.published as number);
    const t = timeliness(d, p);
    if (t.state === "有误") throw new Error(`${d} ${p}: ${t.reason}`);
    seen.add(t.state);
    // What the sheet computes is what the publicity command decides, and its cached value too.
    expect([d, p, at(r, C.days), at(r, C.status)]).toEqual([d, p, t.days, t.state]);
    expect([d, p, doc.rows[r - 1][C.status - 1]!.cached]).toEqual([d, p, t.state]);
  });
  expect([...seen].sort()).toEqual(["按时", "逾期"]);
  // The 调休 days are working days the sheet counts and NETWORKDAYS would not.
  expect(dayInfo("2022-01-29")).toMatchObject({ ok: true, value: { kind: "调休上班" } });
  expect(workingDaysAfter("2022-01-28", "2022-02-11")).toEqual({ ok: true, value: 7 });
});

test("dates typed as text, serials with a time, yyyymmdd and bad dates are read by the sheet as core's ledgerDate reads them", () => {
  const s = isoToSerial;
  const typed: [unknown, unknown][] = [
    ["2022-01-28", "2022-02-11"],
    ["2022/1/28", "2022/2/14"],
    ["2022.1.28", "2022.2.11"],
    ["2022年1月28日", "2022年2月11日"],
    ["2022年1月28日 9:30", "2022-02-11T18:05:00+08:00"],
    ["  2022-1-28  ", "2022-2-11 14:30:00"],
    ["20220128", 20220211],
    [s("2022-04-29") + 0.75, s("2022-05-13") + 0.2],
    ["2022-02-30", "2022-03-01"],
    ["2022-13-01", "2022-03-01"],
    ["2022年1月", "2022-03-01"],
    ["明天", "2022-03-01"],
    [12345, "2022-03-01"],
    ["2022-03-09", "2022-03-01"],
    ["2019-03-01", "2019-03-02"],
    ["2022-12-28", "2024-01-03"],
    [null, "2022-03-01"],
    ["2022-03-01", null],
    ["2022-03-01", "   "],
  ];
  const records: LedgerRecord[] = typed.map(([decision, published], i) => ({ subject: `甲${i}`, decision, published }));
  records.push({ subject: "   " }, { docNo: "许字1号" });
  const doc = buildLedger(catalog, "兴山区", records)!;
  const { at } = engineOf(doc);
  const statuses = records.map((rec, i) => {
    const r = LEDGER_FIRST_ROW + i;
    const core = judgeLedgerRow(r, rec, 2022);
    // Each date helper's serial is core's ledgerDate.
    expect([i, at(r, C.helper + 3), at(r, C.helper + 7)]).toEqual([i, ledgerDate(rec.decision) ?? "", ledgerDate(rec.published) ?? ""]);
    expect([i, at(r, C.status)]).toEqual([i, core?.status ?? ""]);
    if (core?.days !== undefined) expect([i, at(r, C.days)]).toEqual([i, core.days]);
    return core?.status ?? "";
  });
  expect(statuses).toEqual([
    "按时", "逾期", "按时", "按时", "按时", "按时", "按时", "逾期",
    "有误", "有误", "有误", "有误", "有误", "有误", "有误", "有误", "有误", "有误", "有误",
    "", "有误",
  ]);
});

test("every ledger row's formulas are the first row's filled down (one shared formula per column in the file)", () => {
  const doc = buildLedger(catalog, "兴山区")!;
  const cal = doc.filledDown!;
  expect(cal.map((d) => d.c + 1).sort((a, b) => a - b)).toEqual([C.days, C.status, C.reason, ...Array.from({ length: 8 }, (_, k) => C.helper + k)].sort((a, b) => a - b));
  for (const d of cal) {
    const master = doc.rows[d.r1][d.c]!.f!;
    for (const r of [d.r1 + 1, d.r1 + 37, d.r2]) expect(shiftFormula(master, r - d.r1, 0)).toBe(doc.rows[r][d.c]!.f);
  }
  // The row formulas of any row are those of ledgerRowFormulas (what the test above computed).
  expect(doc.rows[LEDGER_LAST_ROW - 1][C.status - 1]!.f).toBe(ledgerRowFormulas(LEDGER_LAST_ROW, { first: 0, last: 0, cumulative: [], range: "" }, "").get(C.status));
});

test("the template's count inputs hold the layout's count formula; with the ledger beside them they count what core and the publicity command count", () => {
  const records = holidayRecords().slice(0, 300);
  records.push({ subject: "坏", decision: "2022-02-30", published: "2022-03-01" });
  const layout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", ledger: true, answers: { values: {}, ledger: records } });
  const { total, onTime } = publicityInputs(catalog);
  const cellOf = (id: string) => layout.cells.find((c) => c.address === layout.names.find((n) => n.name === names.input(id))!.address)!;
  expect(cellOf(total!.id).formula).toBe(ledgerCountFormula("total", "兴山区双公示台账"));
  expect(cellOf(onTime!.id).formula).toBe(ledgerCountFormula("onTime", "兴山区双公示台账"));
  const doc = layout.ledger!;
  // The sheet and the two inputs in one engine.
  const hf = sheetsEngine({ [doc.name]: gridOf(doc), 计数: [[`=${cellOf(total!.id).formula}`, `=${cellOf(onTime!.id).formula}`]] });
  const counted = [0, 1].map((col) => hf.getCellValue({ sheet: hf.getSheetId("计数")!, row: 0, col }));
  const core = countLedger(doc.rows.map((row) => row.map((c) => (c?.v === undefined ? undefined : c.v))), 2022);
  expect(counted).toEqual([core.total, core.onTime]);
  expect([cellOf(total!.id).cached, cellOf(onTime!.id).cached]).toEqual([core.total, core.onTime]);
  // The publicity command reads the same sheet (its headings) and counts the same.
  const rows = doc.rows.map((row) => row.map((c) => c?.v ?? null));
  const found = findColumns(rows)!;
  const byCommand = countPublicity(recordsOf(rows, doc.name, found), {}, "兴山区");
  expect([byCommand.records, byCommand.onTime]).toEqual([core.total, core.onTime]);
  // An empty ledger: both inputs are "" (blank), so the clause waits for the unit's figures.
  const fresh = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "portable", ledger: true });
  expect(fresh.cells.filter((c) => c.formula?.includes("双公示台账")).map((c) => c.cached)).toEqual(["", ""]);
  const empty = sheetsEngine({ [fresh.ledger!.name]: gridOf(fresh.ledger!), 计数: [[`=${ledgerCountFormula("total", fresh.ledger!.name)}`, `=${ledgerCountFormula("onTime", fresh.ledger!.name)}`]] });
  expect([0, 1].map((col) => empty.getCellValue({ sheet: empty.getSheetId("计数")!, row: 0, col }))).toEqual(["", ""]);
});

test("without the ledger option the count inputs are plain inputs (regenerated and imported sheets)", () => {
  const layout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin" });
  expect(layout.ledger).toBeUndefined();
  expect(layout.cells.some((c) => c.formula?.includes("双公示台账"))).toBe(false);
});

test("the ledger prints its headings and the rows holding records (one page while empty), and says on its first page when records lie below", () => {
  // Empty: the headings and one page of rows, not the 2,000 prepared ones (about 60 pages).
  const empty = buildLedger(catalog, "兴山区")!;
  expect(empty.print.lastRow).toBe(LEDGER_FIRST_ROW - 2 + LEDGER_PRINTED_ROWS);
  // Regenerated with 300 records: through the last of them.
  const recs: LedgerRecord[] = Array.from({ length: 300 }, (_, i) => ({ subject: `单位${i}`, decision: isoToSerial("2022-03-01") + i, published: isoToSerial("2022-03-03") + i }));
  const full = buildLedger(catalog, "兴山区", recs)!;
  expect(full.print.lastRow).toBe(LEDGER_FIRST_ROW - 2 + 300);
  // The note (row 2, under 说明) as a formula engine computes it, with its cached text the same.
  const noteOf = (doc: SheetDoc) => {
    const cell = doc.rows[1].find((c) => c?.f !== undefined)!;
    const c = doc.rows[1].indexOf(cell) + 1;
    const v = engineOf(doc).at(2, c);
    return { computed: v, cached: cell.cached };
  };
  expect(noteOf(empty)).toEqual({ computed: "本表已填 0 条记录。", cached: "本表已填 0 条记录。" });
  expect(noteOf(full)).toEqual({ computed: "本表已填 300 条记录。", cached: "本表已填 300 条记录。" });
  // A unit pastes 300 records into a fresh template (the print area of the empty one): the note says so.
  const pasted: SheetDoc = { ...empty, rows: empty.rows.map((row, r) => (r >= LEDGER_FIRST_ROW - 1 && r < LEDGER_FIRST_ROW - 1 + 300 ? row.map((c, k) => (k === C.subject - 1 ? { ...c!, v: `单位${r}` } : k === C.decision - 1 ? { ...c!, v: isoToSerial("2022-03-01") } : k === C.published - 1 ? { ...c!, v: isoToSerial("2022-03-02") } : c)) : row)) };
  expect(noteOf(pasted).computed).toBe(`本表已填 300 条记录，已超出打印区域（第 ${LEDGER_FIRST_ROW}—${LEDGER_FIRST_ROW + LEDGER_PRINTED_ROWS - 1} 行）：打印全部记录请先选中记录所在的行，再在打印设置中选“打印选定区域”`);
}, 60_000);
