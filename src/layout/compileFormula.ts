// Compiles a clause's declarative Condition into native Excel formulas (IF, AND, OR, MAX, CHOOSE …) for the
// portable template, which must compute in Excel without the add-in, in WPS and in LibreOffice.
// TRUE()/FALSE() are written as functions: every program reads them (HyperFormula lacks the bare names).
// The formulas mirror src/core (coerce + engine) exactly for values a validated cell can hold; tests prove it
// with HyperFormula on random inputs. A condition compiles to an outcome code, chosen so that the
// engine's "any" (error > met > missing > notMet) is simply MAX over the parts:
//   0 不扣分 · 1 待填 · 2 扣分 · 3 数据错误 · 4 不涉及
import { formatCount, formatDate, formatPoints, isoToSerial, type Clause, type Condition, type InputSpec } from "../core/index";

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

export function compileExplanation(clause: Clause, statusCell: string, cell?: CellOf): string {
  const [notMetG, missing, metG, error, na] = OUTCOME_STATUS.map((s) => q(genericExplanation(clause, s)));
  const texts = cell ? conditionText(clause.condition, cell) : undefined;
  const met = texts ? `${texts.met}&${q(`，扣 ${formatPoints(clause.deduction)} 分`)}` : metG;
  const notMet = texts ? `${texts.notMet}&${q("，不扣分")}` : notMetG;
  return `IF(${statusCell}="扣分",${met},IF(${statusCell}="不扣分",${notMet},IF(${statusCell}="待填",${missing},IF(${statusCell}="数据错误",${error},${na}))))`;
}

/** True when compileExplanation words 扣分/不扣分 exactly as the engine does. */
export function specificExplanation(clause: Clause): boolean {
  return conditionText(clause.condition, () => "A1") !== undefined;
}

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
 * Formula expressions for the engine's sentence of a condition when it is met / not met (each valid only
 * under that outcome, all inputs valid), or undefined where native formulas would not print the same
 * (percentages: formatPercent chooses its decimals).
 */
function conditionText(cond: Condition, cell: CellOf): { met: string; notMet: string } | undefined {
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
    case "any": {
      const parts = cond.of.map((c) => ({ c, t: conditionText(c, cell) }));
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
