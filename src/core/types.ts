// Types of the rule catalog. The catalog is data: one module per year and unit kind.
// Conditions are declarative (not functions) so that the same rule can be evaluated by the
// engine, explained in Chinese, and compiled to native Excel formulas for the portable template.

export type UnitKind = "county" | "department";

/**
 * THE wording of the two kinds of member unit, in every heading, title, cell, message, file name and pane
 * text: 县区 and 市直部门, the words the notice itself uses in its text ("配合县区开展…"); the template's
 * title says 县区 too (the notice's attachment title wrote 县、区). Readers still accept 县、区 and 县（区）
 * (parseUnitKind), as older templates wrote them.
 */
export const UNIT_KIND_LABEL: Readonly<Record<UnitKind, string>> = {
  county: "县区",
  department: "市直部门",
};

/** @deprecated the same table as UNIT_KIND_LABEL (there is one wording); kept while branches move over. */
export const UNIT_KIND_SHORT = UNIT_KIND_LABEL;
/** @deprecated the same table as UNIT_KIND_LABEL (there is one wording); kept while branches move over. */
export const UNIT_KIND_HEADING = UNIT_KIND_LABEL;

/** 是/否 answer, non-negative whole number, percent, calendar date, free text. */
export type InputType = "bool" | "count" | "percent" | "date" | "text";

export interface InputSpec {
  /** Unique within a catalog; also the key of the answers file and (prefixed) the cell's defined name. */
  id: string;
  /** Chinese label shown beside the input cell. */
  label: string;
  type: InputType;
  /** Unit of measure shown beside counts (户, 份, 篇 …); "%" for percents. */
  unit?: string;
  /** Allowed range: counts and percents (percent points, 0–100). */
  min?: number;
  max?: number;
  /** Dates: allowed range as ISO dates. */
  minDate?: string;
  maxDate?: string;
  /** A rate's directly typed percent is optional when its counts are given. */
  optional?: boolean;
  /** Short Chinese hint for the input prompt. */
  hint?: string;
  /**
   * A count made from 双公示 records (the template's 双公示台账, the publicity command): every record, or the
   * records published within 7 working days of the decision (src/core/publicity.ts).
   */
  publicity?: "total" | "onTime";
}

/** A rate computed from two counts (part / whole) or typed directly as a percent. */
export interface RateRef {
  part: string;
  whole: string;
  percent: string;
  /** "入驻信易贷" — the subject of the explanation. */
  partLabel: string;
  /** "市场主体" — what the part is a share of. */
  wholeLabel: string;
  /** "户" — unit of the counts. */
  unit: string;
  /** What a zero whole means: no deduction (nothing to measure) or a data error. */
  zeroWhole: "noDeduction" | "error";
  /** Explanation when the whole is zero and that means no deduction. */
  zeroWholeText?: string;
}

/** A condition is "met" when the clause's deduction applies. */
export type Condition =
  /** A 是/否 input answered 否 means the work was not done. */
  | { op: "no"; input: string; yesText: string; noText: string }
  /** A 是/否 input answered 是 means the deduction applies (e.g. "本部门被列入失信被执行人"). */
  | { op: "yes"; input: string; yesText: string; noText: string }
  /** A count below a threshold ("少于 30 篇"). */
  | { op: "countBelow"; input: string; value: number; label: string; unit: string }
  /** A count above a threshold ("被列入失信被执行人" > 0). */
  | { op: "countAbove"; input: string; value: number; label: string; unit: string; noneText: string }
  /** A rate strictly below a threshold in percent ("低于 20%"). */
  | { op: "rateBelow"; rate: RateRef; value: number }
  /** A rate strictly above a threshold in percent ("超过 1%"). */
  | { op: "rateAbove"; rate: RateRef; value: number }
  /** done < produced: something that should have been recorded/pushed was not ("应录未录"). */
  | {
      op: "shortfall";
      produced: string;
      done: string;
      producedLabel: string;
      doneLabel: string;
      /** "应录未录" — what the gap is called. */
      gapLabel: string;
      unit: string;
      noneText: string;
    }
  /** A date later than the deadline (inclusive deadline: on the day is in time). */
  | { op: "dateAfter"; input: string; deadline: string; label: string }
  /** Something left uncorrected and, because of it, a local rate above a reference rate (重错码). */
  | {
      op: "aboveReference";
      uncorrected: string;
      uncorrectedLabel: string;
      unit: string;
      input: string;
      reference: string;
      label: string;
      referenceLabel: string;
    }
  /** Any of the conditions met. */
  | { op: "any"; of: Condition[] };

export interface Clause {
  /** e.g. "county.2.1.1" */
  id: string;
  /** The scoring sentence exactly as the seed prints it. */
  text: string;
  deduction: number;
  /** Evidence kinds from the clause's brackets, in order. */
  evidence: string[];
  /** The inputs the unit reports to decide this clause (an input may be shared with another clause). */
  inputs: InputSpec[];
  condition: Condition;
}

/**
 * Whether a unit may declare the indicator 不涉及 (the notice, 三、考核方式: “对于不涉及考核指标任务的单位，该考核指标
 * 项目不给予扣分”). Where it may not, the template offers no 不涉及 and a 不涉及 typed there is an 错误, scored
 * as 涉及; where it may, `when` says in the unit's words when it applies, and every claim is confirmed by the
 * 考核组. The reading of each year's list is written in docs/rules-<year>.md.
 */
export type NotApplicableRule = { allowed: false } | { allowed: true; when: string };

export interface Indicator {
  /** e.g. "county.2.1" */
  id: string;
  /** The indicator's title exactly as the seed prints it (without number and points). */
  title: string;
  points: number;
  notApplicable: NotApplicableRule;
  /** Requirement sentence that precedes the clauses in the seed, verbatim, if any. */
  preamble?: string;
  clauses: Clause[];
}

export interface Category {
  /** e.g. "county.2" */
  id: string;
  /** "优化营商环境" */
  title: string;
  /** "二" */
  numeral: string;
  points: number;
  indicators: Indicator[];
}

export interface Catalog {
  year: number;
  kind: UnitKind;
  /** The notice the rules come from. */
  source: string;
  /** 附件 title, as printed. */
  title: string;
  total: number;
  categories: Category[];
}

/** One assessment year: its catalogs (one per unit kind), its member units and its readings. See src/core/years/. */
export interface YearDef {
  year: number;
  catalogs: readonly Catalog[];
  /** Member units expected to return, by kind (order = order of equal scores in the 汇总). */
  units: Readonly<Record<UnitKind, readonly string[]>>;
  /** The reading applied to an ambiguous clause, by clause id: one sentence shown beside its text on the template. */
  readings: Readonly<Record<string, string>>;
}

export type ClauseStatus = "扣分" | "不扣分" | "不涉及" | "待填" | "数据错误";

export interface InputProblem {
  clauseId: string;
  inputId: string;
  inputLabel: string;
  kind: "待填" | "数据错误";
  message: string;
}
