// LibreOffice, told to recalculate on load, recomputes a template's 双公示台账 and the template's two 双公示 counts
// from the records in it — no add-in, native formulas only — and must reach core's decisions (the calendar and
// the 7 日公示 rule the publicity command uses) row by row, and core's counts in the template's inputs. Cached
// values are replaced by "stale" first, so only LibreOffice's own calculation can produce what is checked.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countLedger, getCatalog, isoToSerial, judgeLedgerRow, LEDGER_COL as C, LEDGER_FIRST_ROW, publicityInputs } from "../../src/core/index";
import { names } from "../../src/core/names";
import { buildTemplateLayout } from "../../src/layout/template";
import type { LedgerRecord, TemplateLayout } from "../../src/layout/template/types";
import { parseCsv } from "../../src/review/records";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { recalculatingProfile, soffice } from "../helpers/pdf";

const s = isoToSerial;
/** Decisions on each day of 2022's 春节, 劳动节 and 国庆 seasons, published 3, 7, 8 and 12 days later; and dates as text. */
function records(): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  for (const [from, days] of [["2022-01-24", 16], ["2022-04-22", 16], ["2022-09-26", 16]] as const) {
    for (let i = 0; i < days; i++) for (const k of [3, 7, 8, 12]) out.push({ subject: `甲${out.length}`, decision: s(from) + i, published: s(from) + i + k });
  }
  out.push(
    { subject: "文字1", decision: "2022年1月28日", published: "2022/2/11" },
    { subject: "文字2", decision: "2022-01-28 09:30", published: "20220214" },
    { subject: "坏1", decision: "2022-02-30", published: "2022-03-01" },
    { subject: "坏2", decision: "2019-03-01", published: "2019-03-04" },
    { subject: "坏3", decision: s("2022-03-09"), published: s("2022-03-01") },
  );
  return out;
}

(soffice ? test : test.skip)("LibreOffice recomputes the ledger's rows and the template's 双公示 counts to core's decisions", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lo-ledger-"));
  const installation = recalculatingProfile(dir);
  const catalog = getCatalog(2022, "county");
  const recs = records();
  const layout: TemplateLayout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", ledger: true, answers: { values: {}, ledger: recs } });
  for (const cell of layout.cells) if (cell.formula) cell.cached = "stale";
  for (const row of layout.ledger!.rows) for (const cell of row) if (cell?.f) cell.cached = "stale";
  writeFileSync(join(dir, "t.xlsx"), await templateToBuffer(layout));
  // -1: every sheet to its own file, <name>-<sheet>.csv (LibreOffice 7.2 and later).
  execFileSync(soffice, [installation, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, join(dir, "t.xlsx")], { timeout: 180_000, stdio: "pipe" });
  const file = (sheet: string) => join(dir, `t-${sheet}.csv`);
  expect([existsSync(file(layout.sheetName)), existsSync(file(layout.ledger!.name)), readdirSync(dir).length > 0]).toEqual([true, true, true]);
  const ledger = parseCsv(readFileSync(file(layout.ledger!.name), "utf8"));
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
  const unit = parseCsv(readFileSync(file(layout.sheetName), "utf8"));
  const at = (name: string) => {
    const m = /^([A-Z])(\d+)$/.exec(layout.names.find((n) => n.name === name)!.address)!;
    return unit[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
  };
  const { total, onTime } = publicityInputs(catalog);
  const core = countLedger(layout.ledger!.rows.map((row) => row.map((c) => c?.v ?? undefined)), 2022);
  expect([at(names.input(total!.id)), at(names.input(onTime!.id))]).toEqual([String(core.total), String(core.onTime)]);
  expect(core.total).toBe(recs.length);
}, 240_000);
