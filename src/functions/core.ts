// The CREDIT.* custom functions as one table: each declared once with its typed parameters and bounds
// (the model is HyperFormula's implementedFunctions / FunctionArgument), run by the one runner of args.ts,
// with the messages of messages.ts. No CustomFunctions global: each function returns a value or an FnError
// (functions.ts turns it into a CustomFunctions.Error; tests and HyperFormula map it their own way).
// Every rule comes from the catalog and the engine of src/core: nothing here knows a threshold or a
// deduction. No function throws, returns NaN/Infinity, or turns a blank into 0.
import {
  cappedScore,
  cleanNumber,
  coerce,
  decideClause,
  evaluateClause,
  indexOf,
  isBlank,
  MAX_WEIGHT,
  normalizeText,
  notApplicableRefused,
  numberOf,
  resolveId,
  timeliness,
  workingDaysAfter,
  type Catalog,
  type Category,
  type Clause,
  type ClauseDecision,
  type ClauseIds,
  type Coerced,
  type Getter,
  type Indicator,
  weightedScore,
  workingYear,
} from "../core/index";
import { cellAt, cellValue, describe, errorCodeOf, FnError, idText, runner, vectorLength, type FunctionDef, type Param, type Values } from "./args";
import { MSG, PENDING } from "./messages";

export { FnError } from "./args";

// ---------------------------------------------------------------------------------------------------
// Ids

/** A clause with everything a call needs, built once per id text. */
interface ClauseEntry {
  clause: Clause;
  indicator: Indicator;
  catalog: Catalog;
  ids: ClauseIds;
  /** Input id → position in the inputs range. */
  position: Map<string, number>;
  labelOf: (id: string) => string;
  /** "3 个单元格（一行或一列），依次为：“…”、“…”、“…”" */
  expected: string;
}

const clauseCache = new Map<string, ClauseEntry>();

/** Resolves a clause id text (year-qualified or not: no year means 2022, never the latest) once. */
function clauseOfText(ref: string): ClauseEntry | FnError {
  const hit = clauseCache.get(ref);
  if (hit) return hit;
  const r = resolveId(normalizeText(ref));
  const found = r && indexOf(r.catalog).clauses.get(r.id);
  if (!r || !found) return new FnError("#N/A", MSG.unknownClause(ref.trim()));
  const ix = indexOf(r.catalog);
  const { clause, indicator, category } = found;
  const entry: ClauseEntry = {
    clause,
    indicator,
    catalog: r.catalog,
    ids: { indicatorId: indicator.id, categoryId: category.id },
    position: new Map(clause.inputs.map((s, i) => [s.id, i] as const)),
    labelOf: (id) => ix.inputById.get(id)?.label ?? id,
    expected: MSG.clauseInputs(clause.inputs.map((s) => s.label)),
  };
  if (clauseCache.size > 2000) clauseCache.clear(); // bounded: ids are few, typos are not
  clauseCache.set(ref, entry);
  return entry;
}

type Found = { clause: Clause } | { indicator: Indicator } | { category: Category };

/** A category, indicator or clause by its id text. */
function findOfText(ref: string): Found | FnError {
  const r = resolveId(normalizeText(ref));
  if (r) {
    const ix = indexOf(r.catalog);
    const c = ix.clauses.get(r.id);
    if (c) return { clause: c.clause };
    const i = ix.indicators.get(r.id);
    if (i) return { indicator: i.indicator };
    const cat = r.catalog.categories.find((x) => x.id === r.id);
    if (cat) return { category: cat };
  }
  return new FnError("#N/A", MSG.unknownId(ref.trim()));
}

// ---------------------------------------------------------------------------------------------------
// Parameters shared by several functions

const CLAUSE = {
  name: "条款编号",
  type: "id",
  resolve: clauseOfText,
  known: (raw: unknown) => (typeof raw === "string" ? clauseCache.get(raw) : undefined),
} as const satisfies Param;
const INPUTS = { name: "输入项", type: "cells" } as const satisfies Param;
const APPLICABILITY = { name: "是否涉及", type: "applicability", optional: true } as const satisfies Param;
const ID = { name: "编号", type: "id", resolve: findOfText } as const satisfies Param;
const CLAUSE_PARAMS = [CLAUSE, INPUTS, APPLICABILITY] as const;
const INPUTS_ARG = MSG.arg(2, INPUTS.name);

// ---------------------------------------------------------------------------------------------------
// DEDUCT / STATUS / EXPLAIN

// The coerced inputs of the call being evaluated. Calls are synchronous, so one buffer serves them all
// and the getter allocates nothing.
let current: ClauseEntry | undefined;
let coerced: Coerced[] = [];
const UNKNOWN_INPUT: Coerced = { state: "error", reason: MSG.notAnInput };
const getter: Getter = (id) => {
  const k = current?.position.get(id);
  return k === undefined ? UNKNOWN_INPUT : coerced[k];
};

/** Checks the inputs range against the clause and coerces every cell; an FnError when the shape is wrong. */
function load(entry: ClauseEntry, inputs: unknown, notApplicable = false): FnError | undefined {
  // 不涉及 where the year's list allows none: the same refusal as the reader's (core's notApplicableRefused).
  if (notApplicable && !entry.indicator.notApplicable.allowed) return new FnError("#VALUE!", notApplicableRefused(entry.indicator, entry.catalog.kind));
  const n = entry.clause.inputs.length;
  const len = vectorLength(inputs, INPUTS_ARG);
  if (len instanceof FnError) return new FnError("#VALUE!", MSG.inputsShape(len.message, entry.clause.id, entry.expected));
  if (len !== n) return new FnError("#VALUE!", MSG.inputsCount(INPUTS_ARG, entry.expected, len));
  if (coerced.length < n) coerced = new Array(n);
  const specs = entry.clause.inputs;
  for (let k = 0; k < n; k++) coerced[k] = coerce(specs[k], cellValue(cellAt(inputs, k)));
  current = entry;
  return undefined;
}

/** The engine's reason for a 数据错误, naming the argument and the input's position and label. */
function dataErrorText(entry: ClauseEntry, d: ClauseDecision): string {
  const ev = d.evaluation;
  if (ev) return MSG.dataError(entry.clause.id, ev.text());
  return MSG.dataError(
    entry.clause.id,
    MSG.join(
      d.inputErrors.map((p) => {
        const k = entry.position.get(p.inputId) ?? -1;
        const c = coerced[k];
        return `${MSG.item(INPUTS_ARG, k, p.inputLabel)}${c && c.state === "error" ? c.reason : p.message}`;
      }),
    ),
  );
}


/** CREDIT.DEDUCT: the deduction (0 when none), "待填" while inputs are blank, #VALUE! on bad data. */
function deductBody(clause: unknown, inputs: unknown, notApplicable: boolean): number | string | FnError {
  // Fast path (the template's hundreds of cells): no closure, no explanation.
  const entry = clause as ClauseEntry;
  const bad = load(entry, inputs, notApplicable);
  if (bad) return bad;
  const d = decideClause(entry.clause, getter, notApplicable);
  switch (d.status) {
    case "扣分":
    case "不扣分":
    case "不涉及":
      return d.deduction;
    case "待填":
      return PENDING;
    case "数据错误":
      return new FnError("#VALUE!", dataErrorText(entry, d));
  }
}

/** CREDIT.STATUS: 扣分 / 不扣分 / 不涉及 / 待填 / 数据错误 (argument errors stay errors). */
function statusBody(clause: unknown, inputs: unknown, notApplicable: boolean): string | FnError {
  const entry = clause as ClauseEntry;
  const bad = load(entry, inputs, notApplicable);
  if (bad) return bad;
  return decideClause(entry.clause, getter, notApplicable).status;
}

/** CREDIT.EXPLAIN: the engine's one-sentence explanation (for 数据错误 the engine's error text). */
function explainBody(clause: unknown, inputs: unknown, notApplicable: boolean): string | FnError {
  const entry = clause as ClauseEntry;
  const bad = load(entry, inputs, notApplicable);
  if (bad) return bad;
  return evaluateClause(entry.clause, getter, notApplicable, entry.ids, entry.labelOf).explanation;
}

// ---------------------------------------------------------------------------------------------------
// SCORE

const DEDUCTIONS = { name: "扣分", type: "range" } as const satisfies Param;
const CLAUSES = { name: "条款编号", type: "range", optional: true } as const satisfies Param;
const DEDUCTIONS_ARG = MSG.arg(1, DEDUCTIONS.name);
const CLAUSES_ARG = MSG.arg(2, CLAUSES.name);

function deductionCell(raw: unknown, k: number): number | "pending" | FnError {
  const v = cellValue(raw);
  if (isBlank(v)) return "pending";
  const where = MSG.cell(DEDUCTIONS_ARG, k);
  const err = errorCodeOf(v);
  if (err) return new FnError("#VALUE!", MSG.errorValue(where, err));
  if (typeof v === "string" && normalizeText(v) === PENDING) return "pending";
  const n = numberOf(v);
  if (n === undefined) return new FnError("#VALUE!", MSG.expected(where, MSG.deduction, describe(v)));
  if (n < 0) return new FnError("#VALUE!", MSG.negativeDeduction(where, n));
  if (n > 1e6) return new FnError("#VALUE!", MSG.hugeDeduction(where, n));
  return n;
}

/**
 * CREDIT.SCORE: 100 minus the deductions, never below 0. With the parallel range of clause ids each
 * indicator's deductions are capped at its points, by the engine's own rule (core cappedScore: capIndicator, then capTotal). Any 待填/blank deduction gives
 * the text "未完成（N 项待填）" so that an unfinished total never reads as a score.
 */
function scoreBody(ds: unknown[], cs: unknown[] | undefined): number | string | FnError {
  if (cs && cs.length !== ds.length) return new FnError("#VALUE!", MSG.notParallel(CLAUSES_ARG, DEDUCTIONS_ARG, ds.length, cs.length));
  let pending = 0;
  let sum = 0;
  let catalog: Catalog | undefined;
  const perIndicator = new Map<Indicator, number>();
  const seen = new Set<Clause>();
  for (let k = 0; k < ds.length; k++) {
    if (cs && isBlank(cs[k])) {
      if (isBlank(cellValue(ds[k]))) continue; // a blank row in both ranges
      return new FnError("#VALUE!", MSG.blankClauseCell(MSG.cell(CLAUSES_ARG, k)));
    }
    const d = deductionCell(ds[k], k);
    if (d instanceof FnError) return d;
    let entry: ClauseEntry | undefined;
    if (cs) {
      const where = MSG.cell(CLAUSES_ARG, k);
      const text = idText(cs[k], MSG.arg(1, CLAUSE.name), CLAUSE.name);
      const e = text instanceof FnError ? text : clauseOfText(text);
      if (e instanceof FnError) return new FnError(e.code, MSG.inCell(where, e.message));
      if (catalog && e.catalog !== catalog) return new FnError("#VALUE!", MSG.otherCatalog(where, e.clause.id));
      if (seen.has(e.clause)) return new FnError("#VALUE!", MSG.repeatedClause(where, e.clause.id));
      seen.add(e.clause);
      catalog = e.catalog;
      entry = e;
    }
    if (d === "pending") {
      pending++;
      continue;
    }
    if (entry) perIndicator.set(entry.indicator, (perIndicator.get(entry.indicator) ?? 0) + d);
    else sum += d;
  }
  if (pending > 0) return MSG.unfinished(pending);
  // The engine's caps (src/core/engine.ts): per indicator when the clauses are given, then the total.
  return cappedScore(catalog?.total ?? 100, [...perIndicator].map(([indicator, s]) => [indicator.points, s] as const), sum);
}

// ---------------------------------------------------------------------------------------------------
// SHARE / WEIGHTED / POINTS / RULE / VERSION

const PART = { name: "部分数", type: "count" } as const satisfies Param;
const WHOLE = { name: "总数", type: "count" } as const satisfies Param;

/** CREDIT.SHARE: part / whole as a fraction (format the cell as %), binary noise removed. */
function shareBody(part: number, whole: number): number | FnError {
  if (whole === 0) return new FnError("#VALUE!", MSG.zeroWhole(MSG.arg(2, WHOLE.name)));
  if (part > whole) return new FnError("#VALUE!", MSG.partOverWhole(MSG.arg(1, PART.name), part, whole));
  // Same cleaning as the engine's percent points (29 / 100 × 100 = 28.999… → 29), then back to a fraction.
  return cleanNumber((part / whole) * 100) / 100; // divide first: huge counts must not overflow
}

/** CREDIT.WEIGHTED: 按比例计入 by the one rule the 汇总 uses too (core's weightedScore). */
function weightedBody(score: number, weight: number): number {
  return weightedScore(score, weight);
}

/** CREDIT.POINTS: a category's or indicator's points; a clause's deduction. */
function pointsBody(found: unknown): number {
  const f = found as Found;
  return "clause" in f ? f.clause.deduction : "indicator" in f ? f.indicator.points : f.category.points;
}

/** CREDIT.RULE: a clause's text as the notice prints it; an indicator's or category's title. */
function ruleBody(found: unknown): string {
  const f = found as Found;
  return "clause" in f ? f.clause.text : "indicator" in f ? f.indicator.title : f.category.title;
}

/** CREDIT.VERSION: the catalog year the add-in works in (the latest registered), to match a workbook against it. */
function versionBody(): string {
  return String(workingYear());
}

// ---------------------------------------------------------------------------------------------------
// WORKDAYS / ONTIME: the official calendar (src/core/calendar) and the 7 日公示 rule (src/core/publicity.ts)

const START = { name: "开始日期", type: "date" } as const satisfies Param;
const END = { name: "结束日期", type: "date" } as const satisfies Param;
const DECISION = { name: "决定日期", type: "date" } as const satisfies Param;
const PUBLISHED = { name: "公示日期", type: "date" } as const satisfies Param;

/** CREDIT.WORKDAYS: working days after the start day up to the end day (法定节假日 off, 调休 days worked). */
function workdaysBody(from: string, to: string): number | FnError {
  const r = workingDaysAfter(from, to);
  return r.ok ? r.value : new FnError("#VALUE!", r.reason);
}

/** CREDIT.ONTIME: 按时 when published within 7 working days after the decision day, else 逾期. */
function ontimeBody(decision: string, published: string): string | FnError {
  const t = timeliness(decision, published);
  return t.state === "有误" ? new FnError("#VALUE!", t.reason) : t.state;
}

// ---------------------------------------------------------------------------------------------------
// The table

const define = <const P extends readonly Param[], R>(params: P, body: (...args: Values<P>) => R | FnError): FunctionDef<P, R> => ({ params, body });

/**
 * Every CREDIT.* function (the id after "CREDIT.") with its parameters in order. The JSDoc wrappers in
 * functions.ts declare the same parameters for Excel's metadata (test/functions/metadata.test.ts holds
 * them to this table); HyperFormula's test plugin is built from it.
 */
export const FUNCTIONS = {
  VERSION: define([], versionBody),
  DEDUCT: define(CLAUSE_PARAMS, deductBody),
  STATUS: define(CLAUSE_PARAMS, statusBody),
  EXPLAIN: define(CLAUSE_PARAMS, explainBody),
  SCORE: define([DEDUCTIONS, CLAUSES], scoreBody),
  SHARE: define([PART, WHOLE], shareBody),
  WEIGHTED: define(
    [
      { name: "得分", type: "number", min: 0, max: 100, expect: MSG.score, passUnfinished: true },
      { name: "分值", type: "number", greaterThan: 0, max: MAX_WEIGHT, expect: MSG.weight(MAX_WEIGHT) },
    ],
    weightedBody,
  ),
  POINTS: define([ID], pointsBody),
  RULE: define([ID], ruleBody),
  WORKDAYS: define([START, END], workdaysBody),
  ONTIME: define([DECISION, PUBLISHED], ontimeBody),
};

export type FunctionId = keyof typeof FUNCTIONS;

// The runners, one per function: what Excel's wrappers, HyperFormula and the tests call.
export const version = runner(FUNCTIONS.VERSION);
export const deduct = runner(FUNCTIONS.DEDUCT);
export const status = runner(FUNCTIONS.STATUS);
export const explain = runner(FUNCTIONS.EXPLAIN);
export const scoreOf = runner(FUNCTIONS.SCORE);
export const share = runner(FUNCTIONS.SHARE);
export const weighted = runner(FUNCTIONS.WEIGHTED);
export const points = runner(FUNCTIONS.POINTS);
export const rule = runner(FUNCTIONS.RULE);
export const workdays = runner(FUNCTIONS.WORKDAYS);
export const ontime = runner(FUNCTIONS.ONTIME);
