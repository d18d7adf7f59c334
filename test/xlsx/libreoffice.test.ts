// LibreOffice, told to recalculate on load, recomputes the portable template's native formulas from what a
// unit typed, and a template's 双公示台账, and must reach the engine's decisions: cached values are first replaced
// by "stale" so that only LibreOffice's own calculation can produce the figures checked here.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { countLedger, getCatalog, indexOf, isoToSerial, judgeLedgerRow, LEDGER_COL as C, LEDGER_FIRST_ROW, publicityInputs, score, type InputSpec, type UnitKind } from "../../src/core/index";
import { names } from "../../src/core/names";
import { portableExplanation } from "../../src/layout/compileFormula";
import { buildTemplateLayout } from "../../src/layout/template";
import type { LedgerRecord, TemplateAnswers, TemplateLayout } from "../../src/layout/template/types";
import { parseCsv as parseRecordsCsv } from "../../src/review/records";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { recalculatingProfile, soffice } from "../helpers/pdf";

if (!soffice) console.log("[skip] LibreOffice (soffice) is not installed: the recalculation test is skipped");

/** Minimal RFC 4180 parser (LibreOffice quotes text, leaves numbers bare). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function valueFor(spec: InputSpec, r: () => number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  if (r() < 0.15) return undefined;
  switch (spec.type) {
    case "bool":
      return pick(["是", "否"]);
    case "count":
      return pick([0, 1, 2, 5, 29, 30, 999, 1000, 20000]);
    case "percent":
      return pick([0.19999, 0.2, 0.01, 0.0101, 0.8, 0.79999, 1, 0.4]);
    case "date":
      return pick(["2022-04-30", "2022-05-01", "2022-05-02"]);
    case "text":
      return "材料";
  }
}

/** Decisions on each day of 2022's 春节, 劳动节 and 国庆 seasons, published 3, 7, 8 and 12 days later; and dates as text. */
function ledgerRecords(): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  for (const [from, days] of [["2022-01-24", 16], ["2022-04-22", 16], ["2022-09-26", 16]] as const) {
    for (let i = 0; i < days; i++) for (const k of [3, 7, 8, 12]) out.push({ subject: `甲${out.length}`, decision: isoToSerial(from) + i, published: isoToSerial(from) + i + k });
  }
  out.push(
    { subject: "文字1", decision: "2022年1月28日", published: "2022/2/11" },
    { subject: "文字2", decision: "2022-01-28 09:30", published: "20220214" },
    { subject: "坏1", decision: "2022-02-30", published: "2022-03-01" },
    { subject: "坏2", decision: "2019-03-01", published: "2019-03-04" },
    { subject: "坏3", decision: isoToSerial("2022-03-09"), published: isoToSerial("2022-03-01") },
  );
  return out;
}

/**
 * Every workbook of this file's two tests, recalculated by one LibreOffice run (starting LibreOffice costs about
 * 4.5 CPU-s whatever it converts): each sheet exported to its own CSV, `<file>-<sheet>.csv` (the filter's last
 * option, -1: LibreOffice 7.2 and later), cells as shown.
 */
const dir = mkdtempSync(join(tmpdir(), "lo-recalc-"));
const cases: { file: string; kind: UnitKind; answers: TemplateAnswers; variant: "portable" | "addin"; sheet: string }[] = [];
const rates = { xydPct: 0.85, qrPct: 0.855, repairPct: 1, commitPct: 0.4, blacklistedPct: 0.0101 };
let ratesLayout: TemplateLayout;
const ledgerRecs = ledgerRecords();
let ledgerLayout: TemplateLayout;
const csvOf = (file: string, sheet: string) => join(dir, `${file.replace(/\.xlsx$/, "")}-${sheet}.csv`);

beforeAll(async () => {
  if (!soffice) return;
  const installation = recalculatingProfile(dir);
  let seed = 7;
  const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (const kind of ["county", "department", "county", "department", "county", "department"] as UnitKind[]) {
    const ix = indexOf(getCatalog(2022, kind));
    const values = Object.fromEntries(ix.inputs.map((i) => [i.id, valueFor(i, r)]).filter(([, v]) => v !== undefined));
    const notApplicable = fc.sample(fc.subarray([...ix.indicators.keys()], { maxLength: 2 }), { numRuns: 1, seed: cases.length })[0];
    for (const variant of ["portable", "addin"] as const) cases.push({ file: `case${cases.length}-${variant}.xlsx`, kind, answers: { values, notApplicable }, variant, sheet: "" });
  }
  for (const c of cases) {
    const layout = buildTemplateLayout(getCatalog(2022, c.kind), { name: "单位" }, { variant: c.variant, answers: c.answers });
    for (const cell of layout.cells) if (cell.formula) cell.cached = "stale";
    c.sheet = layout.sheetName;
    writeFileSync(join(dir, c.file), await templateToBuffer(layout));
  }
  // Rates as the unit typed them (issue 22): a known rate gets exactly its decimals, a blank rate cell is
  // General (what is typed there is formatted as typed); the CSV export writes cells as shown.
  ratesLayout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin", answers: { values: rates } });
  writeFileSync(join(dir, "rates.xlsx"), await templateToBuffer(ratesLayout));
  // A template with its 双公示台账 holding records (the last test).
  ledgerLayout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin", ledger: true, answers: { values: {}, ledger: ledgerRecs } });
  for (const cell of ledgerLayout.cells) if (cell.formula) cell.cached = "stale";
  for (const row of ledgerLayout.ledger!.rows) for (const cell of row) if (cell?.f) cell.cached = "stale";
  writeFileSync(join(dir, "t.xlsx"), await templateToBuffer(ledgerLayout));
  execFileSync(soffice, [installation, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", dir, join(dir, "rates.xlsx"), join(dir, "t.xlsx"), ...cases.map((c) => join(dir, c.file))], {
    timeout: 280_000,
    stdio: "pipe",
  });
}, 300_000);

// The default (add-in) template too: LibreOffice does not know CREDIT.* (saved as _xldudf_CREDIT_…), the
// IFERROR around each call catches the error and the native fallback must reach the same figures.
(soffice ? test : test.skip)("LibreOffice recalculates the portable and the default (add-in) template to the engine's statuses, deductions, explanations (rates with their percents) and score, and shows rates as typed", () => {
  const seen = new Set<string>();
  for (const c of cases) {
    const catalog = getCatalog(2022, c.kind);
    const grid = parseCsv(readFileSync(csvOf(c.file, c.sheet), "utf8"));
    const at = (address: string) => {
      const m = /^([A-Z])(\d+)$/.exec(address)!;
      return grid[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
    };
    const layout = buildTemplateLayout(catalog, { name: "单位" }, { variant: c.variant, answers: c.answers });
    expect(layout.cells.some((x) => x.formula?.includes("CREDIT."))).toBe(c.variant === "addin");
    const addr = (n: string) => layout.names.find((x) => x.name === n)!.address;
    const result = score(catalog, { values: c.answers.values, notApplicable: c.answers.notApplicable });
    expect(grid.flat()).not.toContain("stale");
    for (const cl of result.clauses) {
      seen.add(cl.status);
      const ded = cl.status === "待填" ? "待填" : cl.status === "数据错误" ? "数据错误" : String(cl.deduction);
      expect([c.file, cl.clauseId, at(addr(names.status(cl.clauseId))), at(addr(names.deduction(cl.clauseId)))]).toEqual([c.file, cl.clauseId, cl.status, ded]);
      // Without the add-in the explanation is the native one: the engine's own sentence where native formulas can word it.
      const clause = indexOf(catalog).clauses.get(cl.clauseId)!.clause;
      expect([c.file, cl.clauseId, at(addr(names.explanation(cl.clauseId)))]).toEqual([c.file, cl.clauseId, portableExplanation(clause, cl.status, cl.explanation)]);
    }
    const pending = result.clauses.filter((x) => x.status === "待填" || x.status === "数据错误").length;
    expect([c.file, at(addr(names.score))]).toEqual([c.file, pending ? `未完成（${pending} 项待填）` : String(result.score)]);
  }
  // The cases exercise every outcome, so the comparison above covers them all.
  expect([...seen].sort()).toEqual(["不扣分", "不涉及", "扣分", "数据错误", "待填"].sort());

  const ratesGrid = parseCsv(readFileSync(csvOf("rates.xlsx", ratesLayout.sheetName), "utf8"));
  const shown = (id: string) => {
    const m = /^([A-Z])(\d+)$/.exec(ratesLayout.names.find((n) => n.name === names.input(id))!.address)!;
    return ratesGrid[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
  };
  expect([...Object.keys(rates), "sgsAccuracyPct"].map((id) => [id, shown(id)])).toEqual([
    ["xydPct", "85%"],
    ["qrPct", "85.5%"],
    ["repairPct", "100%"],
    ["commitPct", "40%"],
    ["blacklistedPct", "1.01%"],
    ["sgsAccuracyPct", ""],
  ]);
}, 300_000);

// Was test/xlsx/ledger.libreoffice.test.ts: LibreOffice, told to recalculate on load, recomputes a template's
// 双公示台账 and the template's two 双公示 counts from the records in it — no add-in, native formulas only — and
// must reach core's decisions (the calendar and the 7 日公示 rule the publicity command uses) row by row, and
// core's counts in the template's inputs. Cached values are replaced by "stale" first (beforeAll), so only
// LibreOffice's own calculation can produce what is checked.
(soffice ? test : test.skip)("LibreOffice recomputes the ledger's rows and the template's 双公示 counts to core's decisions", () => {
  const catalog = getCatalog(2022, "county");
  const layout = ledgerLayout;
  const recs = ledgerRecs;
  const file = (sheet: string) => csvOf("t.xlsx", sheet);
  expect([existsSync(file(layout.sheetName)), existsSync(file(layout.ledger!.name)), readdirSync(dir).length > 0]).toEqual([true, true, true]);
  const ledger = parseRecordsCsv(readFileSync(file(layout.ledger!.name), "utf8"));
  expect(JSON.stringify(ledger)).not.toContain("stale");
  const seen = new Set<string>();
  recs.forEach((rec, i) => {
    const r = LEDGER_FIRST_ROW + i;
    const core = judgeLedgerRow(r, rec, 2022)!;
    seen.add(core.status);
    const got = ledger[r - 1];
    expect([i, got[C.status - 1], got[C.days - 1]]).toEqual([i, core.status, core.days === undefined ? "" : String(core.days)]);
  });
  expect([...seen].sort()).toEqual(["按时", "有误", "逾期"].sort());
  const unit = parseRecordsCsv(readFileSync(file(layout.sheetName), "utf8"));
  const at = (name: string) => {
    const m = /^([A-Z])(\d+)$/.exec(layout.names.find((n) => n.name === name)!.address)!;
    return unit[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
  };
  const { total, onTime } = publicityInputs(catalog);
  const core = countLedger(layout.ledger!.rows.map((row) => row.map((c) => c?.v ?? undefined)), 2022);
  expect([at(names.input(total!.id)), at(names.input(onTime!.id))]).toEqual([String(core.total), String(core.onTime)]);
  expect(core.total).toBe(recs.length);
});
