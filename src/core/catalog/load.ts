// A catalog is data: plain JSON (schema: src/core/catalog/catalog.schema.json). loadCatalog checks a
// catalog the office drafted (or a registered one) and says in Chinese what is wrong and where, so that a
// list with a typo never reaches a template. `npm run cli -- catalog --kind county --json` prints the form.
import type { Catalog, Condition, InputSpec, InputType } from "../types";
import { conditionInputs } from "./build";

export class CatalogError extends Error {
  constructor(
    readonly problems: string[],
    where = "指标目录",
  ) {
    super(`${where}有 ${problems.length} 处问题：\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const INPUT_TYPES: readonly InputType[] = ["bool", "count", "percent", "date", "text"];
const INPUT_KEYS = ["id", "label", "type", "unit", "min", "max", "minDate", "maxDate", "optional", "hint", "publicity"];
const RATE_KEYS = ["part", "whole", "percent", "partLabel", "wholeLabel", "unit", "zeroWhole", "zeroWholeText"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INPUT_ID = /^[A-Za-z][A-Za-z0-9]{0,40}$/;

/** Fields of each condition: required strings (s), numbers (n), and what the input(s) must be. */
const CONDITIONS: Record<Condition["op"], { s?: string[]; n?: string[]; opt?: string[]; inputs?: Record<string, InputType[]> }> = {
  no: { s: ["input", "yesText", "noText"], inputs: { input: ["bool"] } },
  yes: { s: ["input", "yesText", "noText"], inputs: { input: ["bool"] } },
  countBelow: { s: ["input", "label", "unit"], n: ["value"], inputs: { input: ["count"] } },
  countAbove: { s: ["input", "label", "unit", "noneText"], n: ["value"], inputs: { input: ["count"] } },
  rateBelow: { n: ["value"] },
  rateAbove: { n: ["value"] },
  shortfall: { s: ["produced", "done", "producedLabel", "doneLabel", "gapLabel", "unit", "noneText"], inputs: { produced: ["count"], done: ["count"] } },
  dateAfter: { s: ["input", "deadline", "label"], inputs: { input: ["date"] } },
  aboveReference: {
    s: ["uncorrected", "uncorrectedLabel", "unit", "input", "reference", "label", "referenceLabel"],
    inputs: { uncorrected: ["count"], input: ["percent"], reference: ["percent"] },
  },
  any: {},
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === "string" && x.trim() !== "";
const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const show = (x: unknown) => (x === undefined ? "（缺少）" : JSON.stringify(x));

/**
 * Checks a catalog read from a file (or any catalog object) and returns it typed; throws a CatalogError
 * listing every problem in Chinese: ids unique and well-formed, points adding up to the total of 100,
 * every deduction within its indicator, every condition's inputs declared in its clause, year and kind.
 */
export function loadCatalog(data: unknown, where = "指标目录"): Catalog {
  const problems = catalogProblems(data);
  if (problems.length) throw new CatalogError(problems, where);
  return data as Catalog;
}

export function catalogProblems(data: unknown): string[] {
  const out: string[] = [];
  const err = (at: string, text: string) => out.push(at ? `${at}：${text}` : text);
  if (!isObject(data)) return ["指标目录应为一个 JSON 对象（{ \"year\": …, \"kind\": …, \"categories\": […] }）"];
  unknownKeys(data, ["year", "kind", "source", "title", "total", "categories"], "", err);
  const year = data.year;
  if (!(Number.isInteger(year) && (year as number) >= 2000 && (year as number) <= 2100)) err("", `"year"（考核年度）应为 2000–2100 的整数年份，收到 ${show(year)}`);
  const kind = data.kind;
  if (kind !== "county" && kind !== "department") err("", `"kind"（单位类别）应为 "county"（县区）或 "department"（市直部门），收到 ${show(kind)}`);
  if (!isText(data.source)) err("", `"source"（依据的通知文号）应为文字，收到 ${show(data.source)}`);
  if (!isText(data.title)) err("", `"title"（指标表标题）应为文字，收到 ${show(data.title)}`);
  if (data.total !== 100) err("", `"total"（基础分）应为 100，收到 ${show(data.total)}`);
  if (!Array.isArray(data.categories) || data.categories.length === 0) {
    err("", `"categories"（考核类别）应为非空列表，收到 ${show(data.categories)}`);
    return out;
  }
  const prefix = typeof kind === "string" ? kind : "county";
  const ids = new Set<string>();
  const inputs = new Map<string, { spec: string; at: string }>();
  const uniqueId = (id: unknown, pattern: RegExp, at: string, what: string, example: string): id is string => {
    if (typeof id !== "string" || !pattern.test(id)) {
      err(at, `${what}编号应形如 ${example}，收到 ${show(id)}`);
      return false;
    }
    if (ids.has(id)) err(at, `编号 ${id} 重复`);
    ids.add(id);
    return true;
  };
  const k = prefix.replace(/[^a-z]/g, "");
  let sum = 0;
  data.categories.forEach((cat: unknown, ci: number) => {
    const catAt = `第 ${ci + 1} 个类别`;
    if (!isObject(cat)) return void err(catAt, "应为一个对象");
    const cid = cat.id;
    const at = typeof cid === "string" ? `类别 ${cid}` : catAt;
    unknownKeys(cat, ["id", "title", "numeral", "points", "indicators"], at, err);
    if (uniqueId(cid, new RegExp(`^${k}\\.\\d+$`), at, "类别", `${k}.1`)) {
      if (cid !== `${k}.${ci + 1}`) err(at, `类别应按顺序编号，第 ${ci + 1} 个类别应为 ${k}.${ci + 1}`);
    }
    if (!isText(cat.title)) err(at, `"title"（类别名称）应为文字，收到 ${show(cat.title)}`);
    if (!isText(cat.numeral)) err(at, `"numeral"（序号，如“一”）应为文字，收到 ${show(cat.numeral)}`);
    if (!isNum(cat.points) || cat.points <= 0) err(at, `"points"（分值）应为大于 0 的数，收到 ${show(cat.points)}`);
    else sum += cat.points;
    if (!Array.isArray(cat.indicators) || cat.indicators.length === 0) return void err(at, `"indicators"（指标）应为非空列表，收到 ${show(cat.indicators)}`);
    let indSum = 0;
    cat.indicators.forEach((ind: unknown, ii: number) => {
      const indAt0 = `${at} 第 ${ii + 1} 项指标`;
      if (!isObject(ind)) return void err(indAt0, "应为一个对象");
      const iid = ind.id;
      const indAt = typeof iid === "string" ? `指标 ${iid}` : indAt0;
      unknownKeys(ind, ["id", "title", "points", "preamble", "notApplicable", "clauses"], indAt, err);
      notApplicableProblems(ind.notApplicable, indAt, err);
      if (uniqueId(iid, /^[a-z]+\.\d+\.\d+$/, indAt, "指标", `${k}.1.1`) && typeof cid === "string" && !iid.startsWith(`${cid}.`)) {
        err(indAt, `指标编号应以所属类别编号 ${cid}. 开头`);
      }
      if (!isText(ind.title)) err(indAt, `"title"（指标名称）应为文字，收到 ${show(ind.title)}`);
      if (ind.preamble !== undefined && typeof ind.preamble !== "string") err(indAt, `"preamble" 应为文字，收到 ${show(ind.preamble)}`);
      const points = ind.points;
      if (!isNum(points) || points <= 0) err(indAt, `"points"（分值）应为大于 0 的数，收到 ${show(points)}`);
      else indSum += points;
      if (!Array.isArray(ind.clauses) || ind.clauses.length === 0) return void err(indAt, `"clauses"（评分条款）应为非空列表，收到 ${show(ind.clauses)}`);
      ind.clauses.forEach((cl: unknown, li: number) => {
        const clAt0 = `${indAt} 第 ${li + 1} 条`;
        if (!isObject(cl)) return void err(clAt0, "应为一个对象");
        const lid = cl.id;
        const clAt = typeof lid === "string" ? `条款 ${lid}` : clAt0;
        unknownKeys(cl, ["id", "text", "deduction", "evidence", "inputs", "condition"], clAt, err);
        if (uniqueId(lid, /^[a-z]+\.\d+\.\d+\.\d+$/, clAt, "条款", `${k}.1.1.1`) && typeof iid === "string" && !lid.startsWith(`${iid}.`)) {
          err(clAt, `条款编号应以所属指标编号 ${iid}. 开头`);
        }
        if (!isText(cl.text)) err(clAt, `"text"（评分标准原文）应为文字，收到 ${show(cl.text)}`);
        if (!isNum(cl.deduction) || cl.deduction <= 0) err(clAt, `"deduction"（扣分）应为大于 0 的数，收到 ${show(cl.deduction)}`);
        else if (isNum(points) && cl.deduction > points) err(clAt, `扣 ${cl.deduction} 分，超过所属指标 ${String(iid)} 的分值 ${points} 分`);
        if (!Array.isArray(cl.evidence) || !cl.evidence.every(isText)) err(clAt, `"evidence"（佐证材料）应为文字列表，收到 ${show(cl.evidence)}`);
        const declared = new Map<string, InputType>();
        if (!Array.isArray(cl.inputs)) err(clAt, `"inputs"（输入项）应为列表，收到 ${show(cl.inputs)}`);
        else {
          cl.inputs.forEach((spec: unknown, si: number) => {
            const inAt = `${clAt} 第 ${si + 1} 个输入项`;
            const t = inputProblems(spec, inAt, year, err);
            if (!t) return;
            const s = spec as InputSpec;
            if (declared.has(s.id)) err(inAt, `输入项 ${s.id} 在本条款中重复`);
            declared.set(s.id, t);
            // A shared input (two clauses ask the same figure) must be the same question both times.
            const text = JSON.stringify(s, INPUT_KEYS);
            const before = inputs.get(s.id);
            if (before && before.spec !== text) err(inAt, `输入项 ${s.id} 与${before.at}中的同名输入项定义不同（同一编号只能是同一个问题）`);
            else if (!before) inputs.set(s.id, { spec: text, at: clAt });
          });
        }
        const cond = cl.condition;
        if (!conditionProblems(cond, `${clAt} 的判定条件`, declared, year, err)) return;
        const used = new Set(conditionInputs(cond as Condition));
        for (const id of declared.keys()) if (!used.has(id)) err(clAt, `输入项 ${id} 已声明，但判定条件没有用到`);
      });
    });
    if (isNum(cat.points) && indSum !== cat.points) err(at, `各指标分值合计 ${indSum} 分，与类别分值 ${cat.points} 分不符`);
  });
  if (data.total === 100 && sum !== 100) err("", `各类别分值合计 ${sum} 分，应为 100 分`);
  return out;
}

/** An indicator's 不涉及 rule (NotApplicableRule): required, so that every year's list decides it for every indicator. */
function notApplicableProblems(na: unknown, at: string, err: (at: string, t: string) => void): void {
  const example = `（如 {"allowed": false}，或 {"allowed": true, "when": "本部门没有行政许可、行政处罚职权"}）`;
  if (na === undefined) return void err(at, `缺少 "notApplicable"（单位能否选择“不涉及”）${example}`);
  if (!isObject(na)) return void err(at, `"notApplicable" 应为一个对象${example}，收到 ${show(na)}`);
  unknownKeys(na, ["allowed", "when"], `${at} 的 notApplicable`, err);
  if (typeof na.allowed !== "boolean") err(at, `"notApplicable.allowed"（能否选择“不涉及”）应为 true 或 false，收到 ${show(na.allowed)}`);
  else if (na.allowed && !isText(na.when)) err(at, `"notApplicable.when" 应写明何时可选“不涉及”（文字），收到 ${show(na.when)}`);
  else if (!na.allowed && na.when !== undefined) err(at, `"notApplicable.when" 只用于可以选择“不涉及”的指标（"allowed": true）`);
}

function unknownKeys(o: Record<string, unknown>, allowed: string[], at: string, err: (at: string, t: string) => void): void {
  const extra = Object.keys(o).filter((key) => !allowed.includes(key));
  if (extra.length) err(at, `未知字段 ${extra.map((x) => `"${x}"`).join("、")}（可用字段：${allowed.join("、")}）`);
}

function inYear(iso: string, year: unknown): boolean {
  return typeof year !== "number" || iso.startsWith(`${year}-`);
}

function inputProblems(spec: unknown, at: string, year: unknown, err: (at: string, t: string) => void): InputType | undefined {
  if (!isObject(spec)) {
    err(at, "应为一个对象");
    return undefined;
  }
  unknownKeys(spec, INPUT_KEYS, at, err);
  const id = spec.id;
  if (typeof id !== "string" || !INPUT_ID.test(id)) {
    err(at, `输入项编号应以字母开头、只含字母和数字（如 reportsSent），收到 ${show(id)}`);
    return undefined;
  }
  const where = `${at}（${id}）`;
  if (!isText(spec.label)) err(where, `"label"（单元格旁的说明）应为文字，收到 ${show(spec.label)}`);
  const type = spec.type as InputType;
  if (!INPUT_TYPES.includes(type)) {
    err(where, `"type" 应为 bool（是/否）、count（整数）、percent（百分比）、date（日期）或 text（文字），收到 ${show(spec.type)}`);
    return undefined;
  }
  for (const key of ["min", "max"]) if (spec[key] !== undefined && !isNum(spec[key])) err(where, `"${key}" 应为数，收到 ${show(spec[key])}`);
  if (isNum(spec.min) && isNum(spec.max) && spec.min > spec.max) err(where, `"min" ${spec.min} 大于 "max" ${spec.max}`);
  for (const key of ["minDate", "maxDate"]) {
    const v = spec[key];
    if (v === undefined) continue;
    if (typeof v !== "string" || !ISO_DATE.test(v)) err(where, `"${key}" 应为日期（如 2023-01-01），收到 ${show(v)}`);
  }
  if (type === "date" && typeof spec.minDate === "string" && typeof spec.maxDate === "string" && !(inYear(spec.minDate, year) || inYear(spec.maxDate, year))) {
    err(where, `日期范围 ${spec.minDate} 至 ${spec.maxDate} 不在 ${String(year)} 年度内（换年度时请一并修改日期）`);
  }
  for (const key of ["unit", "hint"]) if (spec[key] !== undefined && typeof spec[key] !== "string") err(where, `"${key}" 应为文字，收到 ${show(spec[key])}`);
  if (spec.optional !== undefined && typeof spec.optional !== "boolean") err(where, `"optional" 应为 true 或 false，收到 ${show(spec.optional)}`);
  if (spec.publicity !== undefined && !(type === "count" && (spec.publicity === "total" || spec.publicity === "onTime"))) {
    err(where, `"publicity" 只用于整数（count）输入项，应为 total（双公示记录总条数）或 onTime（7 个工作日内按时公示的条数），收到 ${show(spec.publicity)}`);
  }
  return type;
}

/** Checks a condition; false when it is too broken to ask which inputs it reads. */
function conditionProblems(c: unknown, at: string, declared: Map<string, InputType>, year: unknown, err: (at: string, t: string) => void): boolean {
  if (!isObject(c)) {
    err(at, `应为一个对象（含 "op"），收到 ${show(c)}`);
    return false;
  }
  const op = c.op as Condition["op"];
  const rule = CONDITIONS[op];
  if (typeof op !== "string" || !rule) {
    err(at, `"op" 应为 ${Object.keys(CONDITIONS).join("、")} 之一，收到 ${show(c.op)}`);
    return false;
  }
  let ok = true;
  const needInput = (key: string, id: unknown, types: InputType[]) => {
    if (typeof id !== "string") return;
    const t = declared.get(id);
    if (!t) {
      err(at, `"${key}" 用到的输入项 ${id} 未在本条款的 "inputs" 中声明`);
      ok = false;
    } else if (!types.includes(t)) err(at, `"${key}" 用到的输入项 ${id} 类型为 ${t}，应为 ${types.join(" 或 ")}`);
  };
  if (op === "any") {
    unknownKeys(c, ["op", "of"], at, err);
    if (!Array.isArray(c.of) || c.of.length < 2) {
      err(at, `"any" 的 "of" 应列出至少两个条件，收到 ${show(c.of)}`);
      return false;
    }
    return c.of.map((x: unknown, i: number) => conditionProblems(x, `${at} 第 ${i + 1} 个条件`, declared, year, err)).every(Boolean);
  }
  if (op === "rateBelow" || op === "rateAbove") {
    unknownKeys(c, ["op", "rate", "value"], at, err);
    if (!isNum(c.value) || c.value < 0 || c.value > 100) err(at, `"value"（界限，百分数）应为 0–100 的数，收到 ${show(c.value)}`);
    const r = c.rate;
    if (!isObject(r)) {
      err(at, `"rate" 应为一个对象（part、whole、percent …），收到 ${show(r)}`);
      return false;
    }
    unknownKeys(r, RATE_KEYS, `${at} 的 rate`, err);
    for (const key of ["part", "whole", "percent", "partLabel", "wholeLabel", "unit"]) {
      if (!isText(r[key])) {
        err(at, `"rate.${key}" 应为文字，收到 ${show(r[key])}`);
        if (key === "part" || key === "whole" || key === "percent") ok = false;
      }
    }
    if (r.zeroWhole !== "noDeduction" && r.zeroWhole !== "error") err(at, `"rate.zeroWhole" 应为 "noDeduction" 或 "error"，收到 ${show(r.zeroWhole)}`);
    needInput("rate.part", r.part, ["count"]);
    needInput("rate.whole", r.whole, ["count"]);
    needInput("rate.percent", r.percent, ["percent"]);
    return ok;
  }
  unknownKeys(c, ["op", ...(rule.s ?? []), ...(rule.n ?? []), ...(rule.opt ?? [])], at, err);
  for (const key of rule.s ?? []) {
    if (!isText(c[key])) {
      err(at, `"${key}" 应为文字，收到 ${show(c[key])}`);
      if (rule.inputs?.[key]) ok = false;
    }
  }
  for (const key of rule.n ?? []) if (!isNum(c[key])) err(at, `"${key}" 应为数，收到 ${show(c[key])}`);
  for (const [key, types] of Object.entries(rule.inputs ?? {})) needInput(key, c[key], types);
  if (op === "dateAfter" && typeof c.deadline === "string") {
    if (!ISO_DATE.test(c.deadline)) err(at, `"deadline" 应为日期（如 2023-05-01），收到 ${show(c.deadline)}`);
    else if (!inYear(c.deadline, year)) err(at, `截止日期 ${c.deadline} 不在 ${String(year)} 年度内（换年度时请一并修改日期）`);
  }
  return ok;
}

/** The catalog as JSON data: what `catalog --json` prints and loadCatalog reads back. */
export function catalogData(c: Catalog): Catalog {
  return JSON.parse(JSON.stringify(c)) as Catalog;
}
