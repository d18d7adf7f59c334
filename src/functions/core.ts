// The logic of the CREDIT.* custom functions, without the CustomFunctions global: each function returns
// a value or an FnError (functions.ts turns it into a CustomFunctions.Error; tests and HyperFormula
// map it their own way). Every rule comes from the catalog and the engine of src/core: nothing here
// knows a threshold or a deduction. No function throws, returns NaN/Infinity, or turns a blank into 0.
import {
  clampScore,
  cleanNumber,
  coerce,
  decideClause,
  evaluateClause,
  indexOf,
  isBlank,
  normalizeText,
  resolveId,
  type Catalog,
  type Category,
  type Clause,
  type ClauseIds,
  type ClauseDecision,
  type ClauseStatus,
  type Coerced,
  type Getter,
  type Indicator,
} from "../core/index";
import { argName, cellAt, cellValue, countArg, describe, errorCodeOf, flatten, FnError, idArg, notApplicableArg, numberOf, PENDING, vectorLength } from "./args";

export { FnError, PENDING } from "./args";

/** A clause with everything a call needs, built once per id text. */
interface ClauseEntry {
  clause: Clause;
  indicator: Indicator;
  catalog: Catalog;
  ids: ClauseIds;
  /** Input id → position in the inputs range. */
  position: Map<string, number>;
  labelOf: (id: string) => string;
  /** "3 个单元格，依次为：「…」、「…」、「…」" */
  expected: string;
}

const CLAUSE_ARG = "条款编号";
const INPUTS_ARG = "输入项";
const clauseCache = new Map<string, ClauseEntry>();

function unknownClause(ref: string): FnError {
  return new FnError("#N/A", `未知条款 “${ref.trim()}”：应为考核指标中的条款编号，如 2022:county.2.1.1 或 2022:department.1.1.1`);
}

/** Resolves a clause id (year-qualified or not: no year means 2022, never the latest) once. */
function clauseEntry(raw: unknown): ClauseEntry | FnError {
  if (typeof raw === "string") {
    const hit = clauseCache.get(raw);
    if (hit) return hit;
  }
  const ref = idArg(raw, 1, CLAUSE_ARG);
  if (ref instanceof FnError) return ref;
  const r = resolveId(normalizeText(ref));
  if (!r) return unknownClause(ref);
  const ix = indexOf(r.catalog);
  const found = ix.clauses.get(r.id);
  if (!found) return unknownClause(ref);
  const { clause, indicator, category } = found;
  const position = new Map(clause.inputs.map((s, i) => [s.id, i] as const));
  const entry: ClauseEntry = {
    clause,
    indicator,
    catalog: r.catalog,
    ids: { indicatorId: indicator.id, categoryId: category.id },
    position,
    labelOf: (id) => ix.inputById.get(id)?.label ?? id,
    expected: `${clause.inputs.length} 个单元格（一行或一列），依次为：${clause.inputs.map((s) => `「${s.label}」`).join("、")}`,
  };
  if (clauseCache.size > 2000) clauseCache.clear(); // bounded: ids are few, typos are not
  clauseCache.set(ref, entry);
  return entry;
}

// The coerced inputs of the call being evaluated. Calls are synchronous, so one buffer serves them all
// and the getter allocates nothing.
let current: ClauseEntry | undefined;
let coerced: Coerced[] = [];
const UNKNOWN_INPUT: Coerced = { state: "error", reason: "不是本条款的输入项" };
const getter: Getter = (id) => {
  const k = current?.position.get(id);
  return k === undefined ? UNKNOWN_INPUT : coerced[k];
};

/** Checks the inputs range against the clause and coerces every cell; an FnError when the shape is wrong. */
function load(entry: ClauseEntry, inputs: unknown): FnError | undefined {
  const n = entry.clause.inputs.length;
  const len = vectorLength(inputs, 2, INPUTS_ARG);
  if (len instanceof FnError) return new FnError("#VALUE!", `${len.message}；条款 ${entry.clause.id} 需要 ${entry.expected}`);
  if (len !== n) return new FnError("#VALUE!", `${argName(2, INPUTS_ARG)}应为 ${entry.expected}；收到 ${len} 个单元格`);
  if (coerced.length < n) coerced = new Array(n);
  const specs = entry.clause.inputs;
  for (let k = 0; k < n; k++) coerced[k] = coerce(specs[k], cellValue(cellAt(inputs, k)));
  current = entry;
  return undefined;
}

interface Decided {
  entry: ClauseEntry;
  status: ClauseStatus;
  deduction: number;
  notApplicable: boolean;
  /** The engine's reason when 数据错误. */
  error?: () => string;
}

let currentNa = false;

/**
 * The checks every clause function starts with: the clause id, the applicability cell, the inputs range
 * (coerced into the shared buffer). Returns the clause; its 不涉及 flag is left in `currentNa` so the
 * hot path allocates nothing.
 */
function prepare(clause: unknown, inputs: unknown, applicability: unknown): ClauseEntry | FnError {
  const entry = clauseEntry(clause);
  if (entry instanceof FnError) return entry;
  const na = notApplicableArg(applicability, 3);
  if (na instanceof FnError) return na;
  const bad = load(entry, inputs);
  if (bad) return bad;
  currentNa = na;
  return entry;
}

/** The engine's reason for a 数据错误, naming the argument and the input's position and label. */
function dataErrorText(entry: ClauseEntry, d: ClauseDecision): string {
  const ev = d.evaluation;
  if (ev) return `条款 ${entry.clause.id} 数据错误：${ev.text()}`;
  return (
    `条款 ${entry.clause.id} 数据错误：` +
    d.inputErrors
      .map((p) => {
        const k = entry.position.get(p.inputId) ?? -1;
        const c = coerced[k];
        return `${argName(2, INPUTS_ARG)}第 ${k + 1} 项「${p.inputLabel}」${c && c.state === "error" ? c.reason : p.message}`;
      })
      .join("；")
  );
}

function decide(clause: unknown, inputs: unknown, applicability: unknown): Decided | FnError {
  const entry = prepare(clause, inputs, applicability);
  if (entry instanceof FnError) return entry;
  const na = currentNa;
  const d = decideClause(entry.clause, getter, na);
  if (d.status !== "数据错误") return { entry, status: d.status, deduction: d.deduction, notApplicable: na };
  return { entry, status: d.status, deduction: d.deduction, notApplicable: na, error: () => dataErrorText(entry, d) };
}

/** CREDIT.DEDUCT: the deduction (0 when none), "待填" while inputs are blank, #VALUE! on bad data. */
export function deduct(clause: unknown, inputs: unknown, applicability?: unknown): number | string | FnError {
  // Fast path (the template's hundreds of cells): no closure, no explanation.
  const entry = prepare(clause, inputs, applicability);
  if (entry instanceof FnError) return entry;
  const d = decideClause(entry.clause, getter, currentNa);
  switch (d.status) {
    case "扣分":
    case "不扣分":
    case "不涉及":
      return d.deduction;
    case "缺数据":
      return PENDING;
    case "数据错误":
      return new FnError("#VALUE!", dataErrorText(entry, d));
  }
}

/** CREDIT.STATUS: 扣分 / 不扣分 / 不涉及 / 缺数据 / 数据错误 (argument errors stay errors). */
export function status(clause: unknown, inputs: unknown, applicability?: unknown): string | FnError {
  const d = decide(clause, inputs, applicability);
  return d instanceof FnError ? d : d.status;
}

/** CREDIT.EXPLAIN: the engine's one-sentence explanation (for 数据错误 the engine's error text). */
export function explain(clause: unknown, inputs: unknown, applicability?: unknown): string | FnError {
  const entry = prepare(clause, inputs, applicability);
  if (entry instanceof FnError) return entry;
  return evaluateClause(entry.clause, getter, currentNa, entry.ids, entry.labelOf).explanation;
}

const DEDUCTIONS_ARG = "扣分";
const CLAUSES_ARG = "条款编号";

function deductionCell(raw: unknown, k: number): number | "pending" | FnError {
  const v = cellValue(raw);
  if (isBlank(v)) return "pending";
  const where = `${argName(1, DEDUCTIONS_ARG)}第 ${k + 1} 个单元格`;
  const err = errorCodeOf(v);
  if (err) return new FnError("#VALUE!", `${where}为错误值 ${err}，请先更正`);
  if (typeof v === "string" && normalizeText(v) === PENDING) return "pending";
  const n = numberOf(v);
  if (n === undefined) return new FnError("#VALUE!", `${where}应为扣分（数字）或“待填”，收到 ${describe(v)}`);
  if (n < 0) return new FnError("#VALUE!", `${where}扣分不能为负数，收到 ${n}`);
  if (n > 1e6) return new FnError("#VALUE!", `${where}扣分过大，收到 ${n}`);
  return n;
}

/**
 * CREDIT.SCORE: 100 minus the deductions, never below 0. With the parallel range of clause ids each
 * indicator's deductions are capped at its points (the engine's rule). Any 待填/blank deduction gives
 * the text "未完成（N 项待填）" so that an unfinished total never reads as a score.
 */
export function scoreOf(deductions: unknown, clauses?: unknown): number | string | FnError {
  const ds = flatten(deductions);
  const hasClauses = clauses !== undefined && clauses !== null;
  const cs = hasClauses ? flatten(clauses) : undefined;
  if (cs && cs.length !== ds.length) {
    return new FnError("#VALUE!", `${argName(2, CLAUSES_ARG)}应与${argName(1, DEDUCTIONS_ARG)}一一对应，共 ${ds.length} 个单元格，收到 ${cs.length} 个`);
  }
  let pending = 0;
  let sum = 0;
  let catalog: Catalog | undefined;
  const perIndicator = new Map<Indicator, number>();
  const seen = new Set<Clause>();
  for (let k = 0; k < ds.length; k++) {
    if (cs && isBlank(cs[k])) {
      if (isBlank(cellValue(ds[k]))) continue; // a blank row in both ranges
      return new FnError("#VALUE!", `${argName(2, CLAUSES_ARG)}第 ${k + 1} 个单元格为空，但对应的扣分不为空`);
    }
    const d = deductionCell(ds[k], k);
    if (d instanceof FnError) return d;
    let entry: ClauseEntry | undefined;
    if (cs) {
      const e = clauseEntry(cs[k]);
      if (e instanceof FnError) return new FnError(e.code, `${argName(2, CLAUSES_ARG)}第 ${k + 1} 个单元格：${e.message}`);
      if (catalog && e.catalog !== catalog) {
        return new FnError("#VALUE!", `${argName(2, CLAUSES_ARG)}第 ${k + 1} 个单元格 ${e.clause.id} 与前面的条款不属于同一年度、同一类考核指标`);
      }
      if (seen.has(e.clause)) return new FnError("#VALUE!", `${argName(2, CLAUSES_ARG)}第 ${k + 1} 个单元格：条款 ${e.clause.id} 重复出现`);
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
  if (pending > 0) return `未完成（${pending} 项待填）`;
  const total = catalog?.total ?? 100;
  if (catalog) for (const [indicator, s] of perIndicator) sum += Math.min(indicator.points, s);
  return clampScore(cleanNumber(total - Math.min(total, sum)), total);
}

/** CREDIT.SHARE: part / whole as a fraction (format the cell as %), binary noise removed; 待填 while blank. */
export function share(part: unknown, whole: unknown): number | string | FnError {
  const p = countArg(part, false);
  const w = countArg(whole, true);
  if (p.state === "error") return new FnError("#VALUE!", `${argName(1, "部分数")}${p.reason}`);
  if (w.state === "error") return new FnError("#VALUE!", `${argName(2, "总数")}${w.reason}`);
  if (p.state === "missing" || w.state === "missing") return PENDING;
  const pn = p.value as number;
  const wn = w.value as number;
  if (wn === 0) return new FnError("#VALUE!", `${argName(2, "总数")}为 0，无法计算占比，请核对`);
  if (pn > wn) return new FnError("#VALUE!", `${argName(1, "部分数")} ${pn} 多于总数 ${wn}，请核对`);
  // Same cleaning as the engine's percent points (29 / 100 × 100 = 28.999… → 29), then back to a fraction.
  return cleanNumber((pn / wn) * 100) / 100; // divide first: huge counts must not overflow
}

const MAX_WEIGHT = 1000;

/**
 * CREDIT.WEIGHTED: the 100-point score carried proportionally (按比例计入) into the 市委考评办 result:
 * score / 100 × weight, rounded to 2 decimals. An unfinished score ("未完成…", 待填, blank) stays text.
 */
export function weighted(score: unknown, weight: unknown): number | string | FnError {
  const s = cellValue(Array.isArray(score) ? cellAt(score, 0) : score);
  const w = cellValue(Array.isArray(weight) ? cellAt(weight, 0) : weight);
  // Errors first, argument by argument, then 待填 (as CREDIT.SHARE): a wrong 分值 shows even while the
  // score is unfinished.
  const sErr = errorCodeOf(s);
  if (sErr) return new FnError("#VALUE!", `${argName(1, "得分")}为错误值 ${sErr}，请先更正`);
  const unfinished = typeof s === "string" && normalizeText(s).startsWith("未完成");
  const sPending = unfinished || isBlank(s) || (typeof s === "string" && normalizeText(s) === PENDING);
  const sn = sPending ? undefined : numberOf(s);
  if (!sPending && (sn === undefined || sn < 0 || sn > 100)) return new FnError("#VALUE!", `${argName(1, "得分")}应为 0 到 100 之间的得分，收到 ${describe(s)}`);
  const wErr = errorCodeOf(w);
  if (wErr) return new FnError("#VALUE!", `${argName(2, "分值")}为错误值 ${wErr}，请先更正`);
  const wn = isBlank(w) ? undefined : numberOf(w);
  if (!isBlank(w) && (wn === undefined || wn <= 0 || wn > MAX_WEIGHT)) {
    return new FnError("#VALUE!", `${argName(2, "分值")}应为市委考评办确定的本项分值（大于 0、不超过 ${MAX_WEIGHT}），收到 ${describe(w)}`);
  }
  if (unfinished) return (s as string).trim();
  if (sn === undefined || wn === undefined) return PENDING;
  // score × weight / 100 rounded half up at 2 decimals, after removing binary noise (85 × 0.35 …).
  return Math.round(cleanNumber(sn * wn)) / 100;
}

type Found = { clause: Clause } | { indicator: Indicator } | { category: Category };

function findId(raw: unknown): Found | FnError {
  const ref = idArg(raw, 1, "编号");
  if (ref instanceof FnError) return ref;
  const r = resolveId(normalizeText(ref));
  const unknown = new FnError("#N/A", `未知编号 “${ref.trim()}”：应为考核指标中的类别、指标或条款编号，如 2022:county.2、2022:county.2.1、2022:county.2.1.1`);
  if (!r) return unknown;
  const ix = indexOf(r.catalog);
  const c = ix.clauses.get(r.id);
  if (c) return { clause: c.clause };
  const i = ix.indicators.get(r.id);
  if (i) return { indicator: i.indicator };
  const cat = r.catalog.categories.find((x) => x.id === r.id);
  return cat ? { category: cat } : unknown;
}

/** CREDIT.POINTS: a category's or indicator's points; a clause's deduction. */
export function points(id: unknown): number | FnError {
  const f = findId(id);
  if (f instanceof FnError) return f;
  return "clause" in f ? f.clause.deduction : "indicator" in f ? f.indicator.points : f.category.points;
}

/** CREDIT.RULE: a clause's text as the notice prints it; an indicator's or category's title. */
export function rule(id: unknown): string | FnError {
  const f = findId(id);
  if (f instanceof FnError) return f;
  return "clause" in f ? f.clause.text : "indicator" in f ? f.indicator.title : f.category.title;
}
