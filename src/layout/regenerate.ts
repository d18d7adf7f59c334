// Regenerating a template (new layout version) over a filled one: every value the unit typed is read back
// by its defined name and placed in the new layout, or nothing changes and the reason is given in Chinese.
import { indexOf, isBlank, normalizeText, type Catalog } from "../core/index";
import { NameMap } from "./resolve";
import { LAYOUT_VERSION, names } from "../core/names";
import { buildTemplateLayout } from "./template";
import type { TemplateAnswers, TemplateLayout, Variant } from "./template/types";

export type Regeneration =
  | { ok: true; answers: TemplateAnswers; unit: string; layout?: TemplateLayout; /** 核定 names that held a value and were not carried over. */ droppedVerification: string[] }
  | { ok: false; reason: string };

export interface RegenerateOptions {
  /**
   * Carry the 核定扣分 / 核定说明 cells over. Only for a sheet of the office's own workbook, whose 核定 the
   * 核定记录 backs: a unit's file is untrusted, and its 核定 cells are never copied (import, template --update).
   */
  keepVerification?: boolean;
}

/**
 * What a filled template holds, from its CR_* names and their values. Refuses (ok: false) when a typed
 * value would have no place in a template of this catalog: other year or kind, or a name this catalog lacks.
 */
export function answersFromNames(named: Map<string, unknown>, catalog: Catalog, opts: RegenerateOptions = {}): Regeneration {
  const ix = indexOf(catalog);
  const year = named.get(names.year);
  const kind = named.get(names.kind);
  if (year === undefined || kind === undefined) return { ok: false, reason: "该工作表不是本加载项生成的考核模板（缺少 CR_YEAR / CR_KIND 名称），未作任何修改" };
  if (Number(year) !== catalog.year) return { ok: false, reason: `原模板为 ${String(year)} 年度，不能按 ${catalog.year} 年度的指标重新生成（已填数据无法对应），未作任何修改` };
  if (kind !== catalog.kind) return { ok: false, reason: `原模板的单位类别为“${String(kind)}”，与要生成的“${catalog.kind}”不一致，未作任何修改` };
  const layoutVersion = Number(named.get(names.layoutVersion));
  if (Number.isFinite(layoutVersion) && layoutVersion > LAYOUT_VERSION) {
    return { ok: false, reason: `原模板由更新版本的加载项生成（版式 ${layoutVersion}，本加载项为 ${LAYOUT_VERSION}），请先更新加载项，未作任何修改` };
  }

  // Names compare without case, as in Excel (LibreOffice may change their case).
  const byName = new NameMap<(v: unknown, a: TemplateAnswers) => string | undefined>();
  const dropped: string[] = [];
  for (const input of ix.inputs) byName.set(names.input(input.id), (v, a) => void (a.values[input.id] = v));
  for (const [id] of ix.indicators) {
    byName.set(names.notApplicable(id), (v, a) => {
      const t = normalizeText(String(v));
      if (t === "不涉及") (a.notApplicable as string[]).push(id);
      else if (t !== "涉及") return `「是否涉及」（${names.notApplicable(id)}）的值“${String(v)}”不是“涉及”或“不涉及”`;
      return undefined;
    });
  }
  for (const [id] of ix.clauses) {
    byName.set(names.evidence(id), (v, a) => void ((a.evidence ??= {})[id] = v));
    byName.set(names.remark(id), (v, a) => void ((a.remarks ??= {})[id] = v));
    if (opts.keepVerification) {
      byName.set(names.verified(id), (v, a) => void ((a.verified ??= {})[id] = v));
      byName.set(names.verifiedReason(id), (v, a) => void ((a.verifiedReason ??= {})[id] = v));
    } else {
      byName.set(names.verified(id), () => void dropped.push(names.verified(id)));
      byName.set(names.verifiedReason(id), () => void dropped.push(names.verifiedReason(id)));
    }
  }
  byName.set(names.filler, (v, a) => void ((a.header ??= {}).filler = v));
  byName.set(names.phone, (v, a) => void ((a.header ??= {}).phone = v));
  byName.set(names.fillDate, (v, a) => void ((a.header ??= {}).fillDate = v));

  // Names holding computed results or the header's fixed values: nothing typed, nothing to keep.
  const computed = /^CR_(DED|ST|EX|IND|CAT)_|^CR_(TOTAL_DEDUCTION|SCORE|UNIT|KIND|YEAR|LAYOUT)$/;
  const answers: TemplateAnswers = { values: {}, notApplicable: [] };
  const unplaced: string[] = [];
  const problems: string[] = [];
  for (const [n, v] of named) {
    if (isBlank(v) || computed.test(n)) continue;
    const place = byName.get(n);
    if (!place) {
      unplaced.push(`${n}（值“${String(v)}”）`);
      continue;
    }
    const problem = place(v, answers);
    if (problem) problems.push(problem);
  }
  if (unplaced.length) return { ok: false, reason: `原模板中以下已填内容在新模板中没有对应位置：${unplaced.join("、")}；为免丢失数据，未作任何修改` };
  if (problems.length) return { ok: false, reason: `${problems.join("；")}；请更正后再重新生成，未作任何修改` };
  const unit = named.get(names.unit);
  return { ok: true, answers, unit: typeof unit === "string" ? unit : "", droppedVerification: dropped };
}

/** The new layout of a filled template with every typed value in place, or the reason it cannot be made. */
export function regenerate(named: Map<string, unknown>, catalog: Catalog, opts: { variant: Variant; unit?: string } & RegenerateOptions): Regeneration {
  const r = answersFromNames(named, catalog, opts);
  if (!r.ok) return r;
  const unit = opts.unit ?? r.unit;
  if (!unit) return { ok: false, reason: "原模板缺少单位名称（CR_UNIT），未作任何修改" };
  return { ...r, unit, layout: buildTemplateLayout(catalog, { name: unit }, { variant: opts.variant, answers: r.answers }) };
}
