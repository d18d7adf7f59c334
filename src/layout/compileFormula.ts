// Compiles a clause's declarative Condition into native Excel formulas (IF, AND, OR, MAX, CHOOSE …) for the
// portable template, which must compute in Excel without the add-in, in WPS and in LibreOffice.
// TRUE()/FALSE() are written as functions: every program reads them (HyperFormula lacks the bare names).
// The formulas mirror src/core (coerce + engine) exactly for values a validated cell can hold; tests prove it
// with HyperFormula on random inputs. A condition compiles to an outcome code, chosen so that the
// engine's "any" (error > met > missing > notMet) is simply MAX over the parts:
//   0 不扣分 · 1 待填 · 2 扣分 · 3 数据错误 · 4 不涉及
import { formatCount, formatDate, formatPercent, formatPoints, isoToSerial, type Clause, type Condition, type InputSpec } from "../core/index";

const OUTCOME_STATUS = ["不扣分", "待填", "扣分", "数据错误", "不涉及"] as const;

/** Cell reference (e.g. "F12") of each input of the clause, by input id. */
export type CellOf = (inputId: string) => string;

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

function blank(c: string): string {
  return `${c}=""`;
}

/** TRUE when a non-blank cell holds a value coerce() accepts for this input (never an Excel error itself). */
function valid(spec: InputSpec, c: string): string {
  switch (spec.type) {
    case "bool":
      return `IF(ISLOGICAL(${c}),TRUE(),OR(${c}="是",${c}="否",${c}="TRUE",${c}="FALSE"))`;
    case "count":
      return `IF(ISNUMBER(${c}),AND(${c}=INT(${c}),${c}>=${spec.min ?? 0}${spec.max !== undefined ? `,${c}<=${spec.max}` : ""}),FALSE())`;
    case "percent":
      return `IF(ISNUMBER(${c}),AND(${pct(c)}>=${spec.min ?? 0},${pct(c)}<=${spec.max ?? 100}),FALSE())`;
    case "date": {
      const lo = spec.minDate ? isoToSerial(spec.minDate) : 61;
      const hi = spec.maxDate ? isoToSerial(spec.maxDate) : 2958465;
      return `IF(ISNUMBER(${c}),AND(${c}>=61,${c}<2958466,INT(${c})>=${lo},INT(${c})<=${hi}),FALSE())`;
    }
    case "text":
      return `NOT(${c}="不涉及")`;
  }
}

/** Percent points of a fraction cell, binary noise removed like cleanNumber(). */
function pct(c: string): string {
  return `ROUND(${c}*100,10)`;
}

function yes(c: string): string {
  return `IF(ISLOGICAL(${c}),${c},OR(${c}="是",${c}="TRUE"))`;
}

/** Outcome code of a condition, assuming every input is blank or valid (errors are caught before). */
function compileCondition(cond: Condition, cell: CellOf): string {
  switch (cond.op) {
    case "no":
    case "yes": {
      const c = cell(cond.input);
      return cond.op === "no" ? `IF(${blank(c)},1,IF(${yes(c)},0,2))` : `IF(${blank(c)},1,IF(${yes(c)},2,0))`;
    }
    case "countBelow": {
      const c = cell(cond.input);
      return `IF(${blank(c)},1,IF(${c}<${cond.value},2,0))`;
    }
    case "countAbove": {
      const c = cell(cond.input);
      return `IF(${blank(c)},1,IF(${c}>${cond.value},2,0))`;
    }
    case "dateAfter": {
      const c = cell(cond.input);
      return `IF(${blank(c)},1,IF(INT(${c})>${isoToSerial(cond.deadline)},2,0))`;
    }
    case "shortfall": {
      const p = cell(cond.produced);
      const d = cell(cond.done);
      return `IF(${blank(p)},1,IF(${p}=0,0,IF(${blank(d)},1,IF(${d}>${p},3,IF(${d}<${p},2,0)))))`;
    }
    case "rateBelow":
    case "rateAbove": {
      const r = cond.rate;
      const p = cell(r.part);
      const w = cell(r.whole);
      const t = cell(r.percent);
      const cmp = cond.op === "rateBelow" ? "<" : ">";
      const zero = r.zeroWhole === "noDeduction" ? `IF(${p}=0,0,3)` : "3";
      const fromCounts = `IF(${w}=0,${zero},IF(${p}>${w},3,IF(${p}*100${cmp}${cond.value}*${w},2,0)))`;
      const fromTyped = `IF(${blank(t)},1,IF(${pct(t)}${cmp}${cond.value},2,0))`;
      return `IF(AND(NOT(${blank(p)}),NOT(${blank(w)})),${fromCounts},${fromTyped})`;
    }
    case "aboveReference": {
      const u = cell(cond.uncorrected);
      const a = cell(cond.input);
      const r = cell(cond.reference);
      return `IF(${blank(u)},1,IF(${u}=0,0,IF(OR(${blank(a)},${blank(r)}),1,IF(${pct(a)}>${pct(r)},2,0))))`;
    }
    case "any":
      return `MAX(${cond.of.map((c) => compileCondition(c, cell)).join(",")})`;
  }
}

/**
 * The status formula of a clause (不扣分/待填/扣分/数据错误/不涉及, as the engine's ClauseStatus):
 * 不涉及 first (only where the indicator allows it: `naCell` undefined otherwise), then any unusable input,
 * then the condition.
 */
export function compileStatus(clause: Clause, cell: CellOf, naCell: string | undefined): string {
  const errors = clause.inputs.map((i) => `IF(${blank(cell(i.id))},FALSE(),NOT(${valid(i, cell(i.id))}))`);
  const judged = `IF(OR(${errors.join(",")}),3,${compileCondition(clause.condition, cell)})`;
  const code = naCell ? `IF(${naCell}="不涉及",4,${judged})` : judged;
  return `CHOOSE(${code}+1,${OUTCOME_STATUS.map(q).join(",")})`;
}

/** Deduction from the status cell: a number, or "待填"/"数据错误" text (SUM ignores both). */
export function compileDeduction(clause: Clause, statusCell: string): string {
  return `IF(${statusCell}="扣分",${clause.deduction},IF(${statusCell}="待填","待填",IF(${statusCell}="数据错误","数据错误",0)))`;
}

/**
 * What the portable explanation formula shows for a status (kept in one place for formula and cached value).
 * For 扣分 / 不扣分 of a clause whose condition native formulas can word like the engine (是/否 answers, counts,
 * shortfalls, dates and any-combinations of them: see conditionText) it is the engine's own sentence, built from
 * the unit's figures; otherwise the generic sentence.
 */
export function portableExplanation(clause: Clause, status: string, engineText?: string): string {
  if ((status === "扣分" || status === "不扣分") && engineText !== undefined && specificExplanation(clause)) return engineText;
  return genericExplanation(clause, status);
}

function genericExplanation(clause: Clause, status: string): string {
  switch (status) {
    case "扣分":
      return `未达到评分标准，扣 ${clause.deduction} 分`;
    case "不扣分":
      return "达到评分标准，不扣分";
    case "待填":
      return "待填：请填写本条各项数据";
    case "数据错误":
      return "数据错误：请核对本条填写的数据";
    default:
      return "本指标不涉及本单位，不扣分";
  }
}

/**
 * The explanation formula from the status cell: for 扣分 / 不扣分 the engine's sentence with the unit's figures
 * (the percents from the clause's hidden helper cells, `helper`: see percentHelpers), else the generic one.
 */
export function compileExplanation(clause: Clause, statusCell: string, cell?: CellOf, helper?: HelperOf): string {
  const [notMetG, missing, metG, error, na] = OUTCOME_STATUS.map((s) => q(genericExplanation(clause, s)));
  const texts = cell ? conditionText(clause.condition, cell, helper ?? noHelper) : undefined;
  const met = texts ? `${texts.met}&${q(`，扣 ${formatPoints(clause.deduction)} 分`)}` : metG;
  const notMet = texts ? `${texts.notMet}&${q("，不扣分")}` : notMetG;
  return `IF(${statusCell}="扣分",${met},IF(${statusCell}="不扣分",${notMet},IF(${statusCell}="待填",${missing},IF(${statusCell}="数据错误",${error},${na}))))`;
}

/** True when compileExplanation words 扣分/不扣分 exactly as the engine does. */
export function specificExplanation(clause: Clause): boolean {
  return conditionText(clause.condition, () => "A1", () => "A1") !== undefined;
}

/** Without helper cells a percent cannot be worded: conditionText gives up (the generic sentence). */
const noHelper: HelperOf = () => {
  throw new NoHelper();
};
class NoHelper extends Error {}

/**
 * A whole count as the engine prints it (formatCount: 1,200), with text functions only: TEXT's "#,##0" is
 * read differently by locales and engines (HyperFormula prints "0,##0").
 */
function countText(c: string): string {
  const group = (x: string) => `RIGHT("00"&MOD(${x},1000),3)`;
  return `IF(${c}<1000,""&${c},IF(${c}<1000000,INT(${c}/1000)&","&${group(c)},INT(${c}/1000000)&","&${group(`INT(${c}/1000)`)}&","&${group(c)}))`;
}

/** A date as the engine prints it (formatDate: 2022年5月2日), without locale-dependent format codes. */
function dateText(c: string): string {
  return `YEAR(INT(${c}))&"年"&MONTH(INT(${c}))&"月"&DAY(INT(${c}))&"日"`;
}

/**
 * A percent as the engine prints it (formatPercent, core/format.ts): one decimal where the value equals the
 * threshold (`equal`), else the fewest decimals from one to six that do not round to the threshold, rounded
 * half away from zero from the value cleaned to ten decimals (ROUND, as Excel, WPS, LibreOffice and
 * HyperFormula compute it); written with text functions only (TEXT's codes depend on the locale).
 */
export function percentText(x: string, threshold: string, equal: string): string {
  const v = `ROUND(${x},10)`;
  const digits = (d: number) => `ROUND(ROUND(${v}*${10 ** d},${10 - d}),0)`;
  const fixed = (d: number) => `INT(${digits(d)}/${10 ** d})&"."&RIGHT("00000"&${digits(d)},${d})`;
  let t = `${v}&""`;
  for (let d = 6; d >= 1; d--) t = `IF(${digits(d)}/${10 ** d}<>${threshold},${fixed(d)},${t})`;
  return `IF(${equal},${fixed(1)},${t})`;
}

/**
 * The percents a clause's explanation prints, each computed once in a hidden cell of its own (HelperOf):
 * a rate's percent — from the counts where both are filled, else the typed rate — and a reference
 * comparison's two percents. Written into the explanation formula inline they would pass Excel's 8,192
 * characters for a clause comparing two rates (1.3.2). "" where a figure is blank or unusable (the
 * explanation does not read them then).
 */
export interface PercentHelper {
  /** The formula (without "="). */
  formula: string;
  /**
   * Its value for the unit's answers, so a program that does not recalculate shows it: `get` gives an input's
   * value as the engine coerces it, undefined when blank, null when unusable.
   */
  cached: (get: (inputId: string) => number | undefined | null) => string;
}

export function percentHelpers(cond: Condition, cell: CellOf, specs: ReadonlyMap<string, InputSpec>): PercentHelper[] {
  // "" unless every input the percent is made of is blank or valid: the explanation reads it only then.
  const usable = (ids: string[], formula: string) => {
    const errors = ids.map((id) => `IF(${blank(cell(id))},FALSE(),NOT(${valid(specs.get(id)!, cell(id))}))`);
    return `IF(OR(${errors.join(",")}),"",${formula})`;
  };
  switch (cond.op) {
    case "rateBelow":
    case "rateAbove": {
      const r = cond.rate;
      const [p, w, t] = [cell(r.part), cell(r.whole), cell(r.percent)];
      const th = String(cond.value);
      const counts = `IF(${w}=0,"",${percentText(`${p}*100/${w}`, th, `${p}*100=${th}*${w}`)})`;
      const typed = `IF(${blank(t)},"",${percentText(pct(t), th, `${pct(t)}=${th}`)})`;
      return [
        {
          formula: usable([r.part, r.whole, r.percent], `IF(AND(NOT(${blank(p)}),NOT(${blank(w)})),${counts},${typed})`),
          cached: (get) => {
            const [part, whole, typedPct] = [get(r.part), get(r.whole), get(r.percent)];
            if (part === null || whole === null || typedPct === null) return "";
            if (part !== undefined && whole !== undefined) return whole === 0 ? "" : formatPercent((part * 100) / whole, cond.value, part * 100 === cond.value * whole);
            return typedPct === undefined ? "" : formatPercent(typedPct, cond.value);
          },
        },
      ];
    }
    case "aboveReference": {
      const [a, ref] = [pct(cell(cond.input)), pct(cell(cond.reference))];
      const one = (x: string, y: string, xi: string, yi: string): PercentHelper => ({
        formula: usable([xi, yi], `IF(OR(${blank(cell(xi))},${blank(cell(yi))}),"",${percentText(x, y, `${x}=${y}`)})`),
        cached: (get) => {
          const [vx, vy] = [get(xi), get(yi)];
          return vx === undefined || vy === undefined || vx === null || vy === null ? "" : formatPercent(vx, vy);
        },
      });
      return [one(a, ref, cond.input, cond.reference), one(ref, a, cond.reference, cond.input)];
    }
    case "any":
      return cond.of.flatMap((c) => percentHelpers(c, cell, specs));
    default:
      return [];
  }
}

/** The hidden cell holding each percent of percentHelpers, in the same order. */
export type HelperOf = (index: number) => string;

/**
 * Formula expressions for the engine's sentence of a condition when it is met / not met (each valid only
 * under that outcome, all inputs valid). Percents are read from the helper cells (percentHelpers, in the
 * same order: `next` counts them); undefined where there are none.
 */
function conditionText(cond: Condition, cell: CellOf, helper: HelperOf, next = { i: 0 }): { met: string; notMet: string } | undefined {
  try {
    return conditionTexts(cond, cell, helper, next);
  } catch (e) {
    if (e instanceof NoHelper) return undefined;
    throw e;
  }
}

function conditionTexts(cond: Condition, cell: CellOf, helper: HelperOf, next: { i: number }): { met: string; notMet: string } | undefined {
  switch (cond.op) {
    case "no":
    case "yes": {
      const t = `IF(${yes(cell(cond.input))},${q(cond.yesText)},${q(cond.noText)})`;
      return { met: t, notMet: t };
    }
    case "countBelow": {
      const head = `${q(`${cond.label} `)}&${countText(cell(cond.input))}&${q(` ${cond.unit}，`)}`;
      const tail = `${formatCount(cond.value)} ${cond.unit}`;
      return { met: `${head}&${q(`少于 ${tail}`)}`, notMet: `${head}&${q(`不少于 ${tail}`)}` };
    }
    case "countAbove":
      return { met: `${q(`${cond.label} `)}&${countText(cell(cond.input))}&${q(` ${cond.unit}`)}`, notMet: q(cond.noneText) };
    case "shortfall": {
      const p = cell(cond.produced);
      const d = cell(cond.done);
      const head = `${q(`${cond.producedLabel} `)}&${countText(p)}&${q(` ${cond.unit}，${cond.doneLabel} `)}&${countText(d)}&${q(` ${cond.unit}`)}`;
      return {
        met: `${head}&${q(`，${cond.gapLabel} `)}&${countText(`(${p}-${d})`)}&${q(` ${cond.unit}`)}`,
        notMet: `IF(${p}=0,${q(cond.noneText)},${head}&${q(`，无${cond.gapLabel}`)})`,
      };
    }
    case "dateAfter": {
      const head = `${q(`${cond.label}于 `)}&${dateText(cell(cond.input))}`;
      const deadline = formatDate(cond.deadline).replace(/^\d+年/, "");
      return { met: `${head}&${q(`，晚于 ${deadline}`)}`, notMet: `${head}&${q(`，未晚于 ${deadline}`)}` };
    }
    case "rateBelow":
    case "rateAbove": {
      const r = cond.rate;
      const [p, w] = [cell(r.part), cell(r.whole)];
      const h = helper(next.i++);
      const th = String(cond.value);
      const word = (met: boolean) => (cond.op === "rateBelow" ? (met ? "低于" : "不低于") : met ? "超过" : "未超过");
      const tail = (met: boolean) => `&${h}&${q(`%，${word(met)} ${th}%`)}`;
      const counts = (met: boolean) => `IF(${w}=0,${q(r.zeroWholeText ?? `${r.wholeLabel}为 0`)},${q(`${r.partLabel} `)}&${countText(p)}&${q(` ${r.unit}，占${r.wholeLabel} `)}${tail(met)})`;
      const text = (met: boolean) => `IF(AND(NOT(${blank(p)}),NOT(${blank(w)})),${counts(met)},${q(`${r.partLabel}占${r.wholeLabel} `)}${tail(met)})`;
      return { met: text(true), notMet: text(false) };
    }
    case "aboveReference": {
      const u = cell(cond.uncorrected);
      const [local, ref] = [helper(next.i++), helper(next.i++)];
      const head = `${q(`${cond.uncorrectedLabel} `)}&${countText(u)}&${q(` ${cond.unit}，${cond.label} `)}&${local}&${q(`%，`)}`;
      const tail = (word: string) => `${q(`${word}${cond.referenceLabel} `)}&${ref}&"%"`;
      return { met: `${head}&${tail("高于")}`, notMet: `IF(${u}=0,${q(`无${cond.uncorrectedLabel}`)},${head}&${tail("不高于")})` };
    }
    case "any": {
      const parts = cond.of.map((c) => ({ c, t: conditionTexts(c, cell, helper, next) }));
      if (parts.some((p) => !p.t)) return undefined;
      // Met: the met parts' sentences joined by "，" (a leading "，" cut by MID); not met: every part's.
      const met = `MID(${parts.map((p) => `IF(${compileCondition(p.c, cell)}=2,"，"&${p.t!.met},"")`).join("&")},2,32767)`;
      const notMet = parts.map((p) => p.t!.notMet).join(`&"，"&`);
      return { met, notMet };
    }
    default:
      return undefined;
  }
}
