// 结果反馈单 in the open workbook: one sheet per unit (src/layout/feedback.ts, the command line's document),
// written through the SheetDoc writer. The units are reviewed as the 汇总 reviews them — every unit sheet of the
// workbook, 核定 from the 核定记录 only — and a unit's 反馈单 sheet that exists is never written over (listed:
// the office renames or deletes it first). Syncs: the 汇总's snapshot (2 + one per chunk of cells), then one
// write per ten sheets (each ~30 rows: far under Excel on the web's 5 MB a request).
import { unitsOf, type FeedbackTerms, type UnitKind } from "../core/index";
import { buildFeedback, feedbackSheetName } from "../layout/feedback";
import { placeUnits } from "../review/summary";
import { ISSUER } from "../review/summaryGrid";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_SHEET, auditTime, latestRecords, parseAuditRows } from "../review/verification";
import { officeSupports, type Supports } from "./common";
import { removeSheetIfPresent, runExcel } from "./run";
import { queueSheetDoc } from "./sheetDoc";
import { readSnapshot } from "./snapshot";

export interface FeedbackResult {
  /** Sheets written, with the unit, its score and whether every clause is 核定. */
  written: { unit: string; sheet: string; score?: number; fullyVerified: boolean }[];
  /** Units not written, with the reason (a sheet of that name exists). */
  skipped: { unit: string; reason: string }[];
  /** Features this Excel could not write. */
  notes: string[];
}

const PER_SYNC = 10;

export async function addFeedbackSheets(context: Excel.RequestContext, opts: { year: number; terms: FeedbackTerms; date?: string; supports?: Supports }): Promise<FeedbackResult> {
  const supports = opts.supports ?? officeSupports();
  const snap = await readSnapshot(context, undefined, [AUDIT_SHEET]);
  const audit = snap.used.get(AUDIT_SHEET);
  const records = latestRecords(audit ? parseAuditRows(audit.values).entries : []);
  const units = unitsOf(opts.year);
  const expected: Record<UnitKind, readonly string[]> = { county: units.county, department: units.department };
  const reviews = snap.sheets.filter(isTemplateSheet).map((s) => reviewUnit(s, { year: opts.year, expected, origin: "workbook", records }));
  const placed = placeUnits(reviews, { expected }).placed.filter((p) => !p.duplicate && p.review.catalog);
  const date = opts.date ?? auditTime().slice(0, 10);
  const taken = new Set(snap.sheetNames);
  const result: FeedbackResult = { written: [], skipped: [], notes: [] };
  const todo = placed.flatMap(({ review: r }) => {
    const name = feedbackSheetName(r.unit);
    if (taken.has(name)) {
      result.skipped.push({ unit: r.unit, reason: `工作表“${name}”已存在，未覆盖；如需重新生成，请先将它改名或删除` });
      return [];
    }
    taken.add(name);
    return [{ r, doc: buildFeedback({ unit: { ...r, catalog: r.catalog! }, terms: opts.terms, issuer: ISSUER, date }) }];
  });
  const notes = new Set<string>();
  for (let i = 0; i < todo.length; i += PER_SYNC) {
    const chunk = todo.slice(i, i + PER_SYNC);
    for (const { doc } of chunk) for (const s of queueSheetDoc(context.workbook.worksheets.add(doc.name), doc, supports)) notes.add(s);
    try {
      await context.sync();
    } catch (e) {
      // A failed batch may leave this chunk's sheets half-written: they were added by this call, remove them.
      for (const { doc } of chunk) await removeSheetIfPresent(context, doc.name);
      throw e;
    }
    for (const { r, doc } of chunk) result.written.push({ unit: r.unit, sheet: doc.name, score: r.final?.score, fullyVerified: r.fullyVerified });
  }
  result.notes = [...notes];
  return result;
}

/** The pane's 生成反馈单: one Excel.run. */
export function makeFeedbackSheets(year: number, terms: FeedbackTerms): Promise<FeedbackResult> {
  return runExcel((context) => addFeedbackSheets(context, { year, terms }));
}
