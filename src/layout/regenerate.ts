// Regenerating a template (new layout version) over a filled one: every value the unit typed — as the one
// parse of a filled sheet reads it (src/core/filled.ts, the same the review scores) — is placed in the new
// layout, or nothing changes and the reason is given in Chinese.
import { isBlank, LEDGER_COL, LEDGER_FIRST_ROW, LEDGER_LAST_ROW, readFilled, typedValue, unplacedNames, type Catalog, type Filled, type LedgerSheet } from "../core/index";
import { colLetter } from "../core/a1";
import { LAYOUT_VERSION, names } from "../core/names";
import { buildTemplateLayout } from "./template";
import type { LedgerRecord, TemplateAnswers, TemplateLayout, Variant } from "./template/types";

export type Regeneration =
  | {
      ok: true;
      answers: TemplateAnswers;
      unit: string;
      layout?: TemplateLayout;
      /** 核定 names that held a value and were not carried over. */
      droppedVerification: string[];
      /** Indicators typed 不涉及 where it cannot apply (core's notApplicableRefused): written as 涉及 in the new layout. */
      refusedNotApplicable: string[];
    }
  | { ok: false; reason: string };

export interface RegenerateOptions {
  /**
   * Carry the 核定扣分 / 核定说明 cells over. Only for a sheet of the office's own workbook, whose 核定 the
   * 核定记录 backs: a unit's file is untrusted, and its 核定 cells are never copied (import, template --update).
   */
  keepVerification?: boolean;
  /**
   * The new template comes with its 双公示台账 (BuildOptions.ledger): the old one's records are carried into it,
   * and the counts that followed the old ledger follow the new one. Without it the counts are written as the
   * numbers the records give.
   */
  ledger?: boolean;
}

/**
 * What a filled template holds, as answers for a template of `catalog`. Refuses (ok: false) when a typed
 * value would have no place in it: other year or kind, a newer layout, or a name this catalog lacks.
 */
export function answersFor(filled: Filled, catalog: Catalog, opts: RegenerateOptions = {}): Regeneration {
  const { yearCell, kindCell } = filled;
  if (!yearCell || !kindCell) return { ok: false, reason: "该工作表不是本加载项生成的考核模板（缺少 CR_YEAR / CR_KIND 名称），未作任何修改" };
  if (filled.year !== catalog.year) return { ok: false, reason: `原模板为 ${String(yearCell.value ?? "空")} 年度，不能按 ${catalog.year} 年度的指标重新生成（已填数据无法对应），未作任何修改` };
  if (filled.kind !== catalog.kind) return { ok: false, reason: `原模板的单位类别为“${String(kindCell.value ?? "")}”，与要生成的“${catalog.kind}”不一致，未作任何修改` };
  const layoutVersion = filled.layoutVersion;
  if (layoutVersion !== undefined && layoutVersion > LAYOUT_VERSION) {
    return { ok: false, reason: `原模板由更新版本的加载项生成（版式 ${layoutVersion}，本加载项为 ${LAYOUT_VERSION}），请先更新加载项，未作任何修改` };
  }
  // The answers read for this very catalog (a run's draft may stand for the registered one of its year and kind).
  const f = filled.catalog === catalog ? filled : readFilled(filled.cells, [catalog]);

  const unplaced = unplacedNames(f).map((u) => `${u.name}（值“${String(u.value)}”）`);
  if (unplaced.length) return { ok: false, reason: `原模板中以下已填内容在新模板中没有对应位置：${unplaced.join("、")}；为免丢失数据，未作任何修改` };
  const problems = [...f.naInvalid].map((id) => `“是否涉及”（${names.notApplicable(id)}）的值“${String(f.naCells.get(id)!.value)}”不是“涉及”或“不涉及”`);
  if (problems.length) return { ok: false, reason: `${problems.join("；")}；请更正后再重新生成，未作任何修改` };

  const { values, notApplicable, evidence, remarks, header } = f.answers;
  const answers: TemplateAnswers = { values: { ...values }, notApplicable: [...notApplicable] };
  if (opts.ledger && f.ledger?.count && f.cells.ledger) {
    answers.ledger = ledgerRecords(f.cells.ledger, new Set(f.ledger.formulaCells.map((c) => c.address)));
    for (const { id } of f.ledger.inputs) delete answers.values[id];
  }
  if (Object.keys(evidence).length) answers.evidence = { ...evidence };
  if (Object.keys(remarks).length) answers.remarks = { ...remarks };
  if (Object.keys(header).length) answers.header = { ...header };
  const dropped: string[] = [];
  for (const [id, c] of f.clauses) {
    for (const [cell, name, into] of [[c.verified, names.verified(id), "verified"], [c.verifiedReason, names.verifiedReason(id), "verifiedReason"]] as const) {
      if (!cell || isBlank(cell.value)) continue;
      if (opts.keepVerification) (answers[into] ??= {})[id] = typedValue(cell.value);
      else dropped.push(name);
    }
  }
  return { ok: true, answers, unit: f.unitName, droppedVerification: dropped, refusedNotApplicable: [...f.naRefused] };
}

/** A ledger sheet's typed records, from its first record row to its last non-empty one; a formula cell is empty. */
function ledgerRecords(sheet: LedgerSheet, formulas: ReadonlySet<string>): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  const C = LEDGER_COL;
  for (let r = LEDGER_FIRST_ROW; r <= Math.min(LEDGER_LAST_ROW, sheet.rows.length); r++) {
    const row = sheet.rows[r - 1] ?? [];
    const at = (c: number) => (formulas.has(`${colLetter(c)}${r}`) ? null : (row[c - 1] ?? null));
    out.push({ subject: at(C.subject), docNo: at(C.docNo), decision: at(C.decision), published: at(C.published), remark: at(C.remark) });
  }
  while (out.length && Object.values(out[out.length - 1]).every((v) => v === null)) out.pop();
  return out;
}

/** The new layout of a filled template with every typed value in place, or the reason it cannot be made. */
export function regenerate(filled: Filled, catalog: Catalog, opts: { variant: Variant; unit?: string } & RegenerateOptions): Regeneration {
  const r = answersFor(filled, catalog, opts);
  if (!r.ok) return r;
  const unit = opts.unit ?? r.unit;
  if (!unit) return { ok: false, reason: "原模板缺少单位名称（CR_UNIT），未作任何修改" };
  return { ...r, unit, layout: buildTemplateLayout(catalog, { name: unit }, { variant: opts.variant, answers: r.answers, ledger: opts.ledger }) };
}
