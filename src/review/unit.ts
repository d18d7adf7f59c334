// Reviewing one returned unit sheet: read its inputs by name, re-score them with the engine (the scores
// the file carries are only compared, never used), check the file was not tampered with, and read the
// 考核组's 核定 figures. Pure: no Office, no files.
import {
  aggregate,
  canonicalName,
  indexOf,
  isBlank,
  readFilled,
  trimSpaces,
  numberOf,
  score,
  type Aggregate,
  type Catalog,
  type ClauseStatus,
  type Filled,
  type ScoreResult,
  type UnitKind,
  UNIT_KIND_LABEL,
} from "../core/index";
import { formatPoints } from "../core/format";
import { LAYOUT_VERSION, names } from "../core/names";
import { recordFor, type VerificationRecords } from "./verification";
import { where, type NamedCell, type ReviewProblem, type SheetCells } from "./types";

export type UnitStatus = "未返回" | "待核定" | "已核定" | "有问题";

export interface ClauseReview {
  clauseId: string;
  indicatorId: string;
  categoryId: string;
  /** Points the clause deducts when it applies. */
  points: number;
  status: ClauseStatus;
  /** Recomputed from the unit's inputs. */
  selfDeduction: number;
  explanation: string;
  /** 核定扣分 and 核定说明, when the 考核组 has set them (and the figure is valid). */
  verified?: number;
  reason?: string;
  /** Where the 核定 cells are, for writing. */
  verifiedAddress?: string;
  reasonAddress?: string;
}

export interface UnitReview {
  sheet: string;
  /** CR_UNIT, or the sheet name when CR_UNIT is blank. */
  unit: string;
  /** CR_UNIT as typed (ends trimmed), "" when blank or missing; compared by src/review/identity.ts. */
  typedUnit: string;
  /** Address of the CR_UNIT cell, "" when the name is missing. */
  unitAddress: string;
  kind?: UnitKind;
  year?: number;
  /** False when the sheet cannot be scored at all (wrong layout version, unknown year or kind). */
  scorable: boolean;
  catalog?: Catalog;
  self?: ScoreResult;
  clauses: ClauseReview[];
  /** Deductions with the 核定 figures in place of the self-assessed ones (= self when none). */
  final?: Aggregate;
  selfScore?: number;
  /** Score after 核定 (undefined while no clause has been verified). */
  verifiedScore?: number;
  verifiedCount: number;
  fullyVerified: boolean;
  problems: ReviewProblem[];
  /** 错误 problems not closed by a 核定. */
  openProblems: number;
  status: Exclude<UnitStatus, "未返回">;
}

export interface ReviewOptions {
  /** The assessment year being summarised; a sheet of another year is a problem. Default: the sheet's own. */
  year?: number;
  /** Known member units by kind, to catch a 县区 filling the 市直部门 form and vice versa. */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
  /** Catalogs for this run (drafts read from files), used before the registered ones. */
  catalogs?: readonly Catalog[];
  /**
   * Where the sheet is, which decides what its 核定 cells are worth (see README 可信与安全):
   * - "file" (default): a unit's returned file, untrusted. Its 核定 cells are never used; anything in them is
   *   an 错误 ("单位表中填写了核定栏，已忽略"). 核定 comes only from `records`.
   * - "workbook": a sheet of the office's own workbook. A 核定 cell counts only when it matches the latest
   *   `records` entry for the unit and clause; a cell changed without a record is an 错误 and not used.
   */
  origin?: "file" | "workbook";
  /** The 考核组's 核定记录 (src/review/verification.ts latestRecords): the only source of 核定 figures. */
  records?: VerificationRecords;
  /** The sheet already parsed (readFilled(cells, catalogs)), when the caller needs the parse too (导入回收表 writes its answers). */
  filled?: Filled;
}

const EPS = 1e-9;

/** Whether a sheet is one of our templates at all (other sheets of a workbook are ignored). */
export function isTemplateSheet(cells: SheetCells): boolean {
  return cells.names.has(names.layoutVersion) || cells.names.has(names.kind);
}


function show(raw: unknown): string {
  if (raw === null || raw === undefined) return "空";
  if (raw && typeof raw === "object" && "error" in raw) return String((raw as { error: unknown }).error);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === "string") return `“${raw}”`;
  return String(raw);
}

export function reviewUnit(cells: SheetCells, opts: ReviewOptions = {}): UnitReview {
  const sheet = cells.sheet;
  const origin = opts.origin ?? "file";
  const problems: ReviewProblem[] = [];
  const add = (p: Omit<ReviewProblem, "sheet" | "message"> & { text: string }) => {
    const { text, ...rest } = p;
    problems.push({ sheet, message: `${where(sheet, p.address)}：${text}`, ...rest });
  };
  const get = (name: string): NamedCell | undefined => cells.names.get(name);
  // What the unit typed — identity, answers, 核定 cells — from the one parse regeneration uses too.
  const parsed = opts.filled ?? readFilled(cells, opts.catalogs);

  const { unitCell, unitName } = parsed;
  const unit = unitName || sheet;
  const identity = { typedUnit: unitName, unitAddress: unitCell?.address ?? "" };
  const base = (status: UnitReview["status"] = "有问题"): UnitReview => ({
    sheet, unit, ...identity, scorable: false, clauses: [], verifiedCount: 0, fullyVerified: false, problems, openProblems: 0, status,
  });
  if (!unitCell) add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.unit}（单位名称），无法确认是哪个单位的表格` });
  else if (!unitName) add({ address: unitCell.address, severity: "错误", kind: "单位", text: "单位名称为空" });

  // ---- layout version, year, kind: without them nothing can be scored ----
  const layout = parsed.layoutCell;
  if (!layout) {
    add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.layoutVersion}（模板版式版本），不是本加载项生成的考核模板或已被改动` });
  } else if (parsed.layoutVersion !== LAYOUT_VERSION) {
    add({ address: layout.address, severity: "错误", kind: "版式", text: `模板版式版本为 ${show(layout.value)}，本加载项读取的是第 ${LAYOUT_VERSION} 版，请使用本年度下发的模板重新填报` });
  }
  const { yearCell, year } = parsed;
  if (!yearCell) add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.year}（考核年度）` });
  else if (year === undefined) add({ address: yearCell.address, severity: "错误", kind: "版式", text: `考核年度应为年份，收到 ${show(yearCell.value)}` });
  else if (opts.year !== undefined && year !== opts.year) {
    add({ address: yearCell.address, severity: "错误", kind: "版式", text: `这是 ${year} 年度的表格，本次汇总的是 ${opts.year} 年度，请单位使用 ${opts.year} 年度模板重新填报` });
  }
  const { kindCell, kind } = parsed;
  if (!kindCell) add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.kind}（单位类别）` });
  else if (!kind) add({ address: kindCell.address, severity: "错误", kind: "版式", text: `单位类别应为“县、区”或“市直部门”，收到 ${show(kindCell.value)}` });
  if (kind && unitName) {
    const other: UnitKind = kind === "county" ? "department" : "county";
    const on = (k: UnitKind) => opts.expected?.[k]?.some((m) => canonicalName(m) === canonicalName(unitName)) ?? false;
    if (on(other) && !on(kind)) {
      add({ address: kindCell!.address, severity: "错误", kind: "单位", text: `“${unitName}”属于${UNIT_KIND_LABEL[other]}，但表格是${UNIT_KIND_LABEL[kind]}的考核模板，请使用${UNIT_KIND_LABEL[other]}模板` });
    }
  }
  const catalog = parsed.catalog;
  if (year !== undefined && kind && !catalog) add({ address: yearCell!.address, severity: "错误", kind: "版式", text: `没有 ${year} 年度${UNIT_KIND_LABEL[kind]}的考核指标，无法计分` });
  const blocking = problems.some((p) => p.kind === "版式" && p.severity === "错误");
  if (!catalog || blocking) {
    const r = base();
    r.kind = kind;
    r.year = year;
    r.openProblems = problems.filter((p) => p.severity === "错误").length;
    return r;
  }

  // ---- inputs → engine ----
  const ix = indexOf(catalog);
  const missingName = (name: string, what: string) =>
    add({ address: "", severity: "错误", kind: "篡改", text: `缺少定义名称 ${name}（${what}），可能删除了行或单元格；请使用原模板填报` });
  const inputAddress = new Map<string, string>();
  for (const spec of ix.inputs) {
    const c = parsed.inputCells.get(spec.id);
    if (!c) missingName(names.input(spec.id), spec.label);
    else inputAddress.set(spec.id, c.address);
  }
  for (const [id, { indicator }] of ix.indicators) {
    const c = parsed.naCells.get(id);
    if (!c) missingName(names.notApplicable(id), `“${indicator.title}”是否涉及`);
    else if (parsed.naInvalid.has(id)) add({ address: c.address, severity: "错误", kind: "数据错误", text: `“是否涉及”只能为“涉及”或“不涉及”，收到 ${show(c.value)}（按“涉及”计分）` });
  }
  const self = score(catalog, parsed.answers);

  // Engine problems → cells. A shared input is reported once, with every clause it decides.
  const seen = new Map<string, ReviewProblem>();
  for (const c of self.clauses) {
    for (const p of c.problems) {
      const clause = ix.clauses.get(c.clauseId)!.clause;
      const address = p.inputId
        ? (inputAddress.get(p.inputId) ?? "")
        : clause.inputs.map((i) => inputAddress.get(i.id)).filter(Boolean).join("、");
      const key = `${address}|${p.message}`;
      const existing = seen.get(key);
      if (existing) continue;
      const problem: ReviewProblem = { sheet, address: address.split("、")[0] ?? "", message: `${where(sheet, address)}：${p.message}（条款 ${c.clauseId}）`, severity: "错误", kind: p.kind, clauseId: c.clauseId };
      seen.set(key, problem);
      problems.push(problem);
    }
  }

  // ---- per clause: evidence, saved deduction, formulas, 核定 ----
  const clauses: ClauseReview[] = [];
  const indComplete = new Map(self.indicators.map((i) => [i.id, i.complete]));
  const catComplete = new Map(self.categories.map((c) => [c.id, c.complete]));
  for (const r of self.clauses) {
    const { clause } = ix.clauses.get(r.clauseId)!;
    const review: ClauseReview = {
      clauseId: r.clauseId, indicatorId: r.indicatorId, categoryId: r.categoryId, points: clause.deduction,
      status: r.status, selfDeduction: r.deduction, explanation: r.explanation,
    };
    const typed = parsed.clauses.get(clause.id)!;
    const ev = typed.evidence;
    if (!ev) missingName(names.evidence(clause.id), `条款 ${clause.id} 已附佐证材料`);
    // 平台调阅 is checked by the office on the platform itself; any other kind is material the unit attaches.
    else if (r.status === "不扣分" && isBlank(ev.value) && clause.evidence.some((k) => k !== "平台调阅")) {
      add({ address: ev.address, severity: "错误", kind: "缺佐证", clauseId: clause.id, text: `条款 ${clause.id} 自评不扣分，但未填写已附佐证材料（需提供：${clause.evidence.join("、")}）` });
    }
    const decided = r.status === "扣分" || r.status === "不扣分" || r.status === "不涉及";
    checkFormulaCell(get(names.deduction(clause.id)), names.deduction(clause.id), `条款 ${clause.id} 扣分`, decided ? r.deduction : undefined, clause.id);
    for (const [n, what] of [[names.status(clause.id), "状态"], [names.explanation(clause.id), "说明"]] as const) {
      const c = get(n);
      if (c && !c.formula) add({ address: c.address, severity: "错误", kind: "篡改", clauseId: clause.id, text: `条款 ${clause.id} 的${what}单元格公式已被替换为 ${show(c.value)}` });
    }
    // 核定: from the 考核组's record only (see ReviewOptions.origin).
    const ver = typed.verified;
    const vrs = typed.verifiedReason;
    if (!ver || !vrs) missingName(!ver ? names.verified(clause.id) : names.verifiedReason(clause.id), `条款 ${clause.id} 核定`);
    review.verifiedAddress = ver?.address;
    review.reasonAddress = vrs?.address;
    const cellFigure = ver && !isBlank(ver.value) ? ver.value : undefined;
    const cellReason = vrs && !isBlank(vrs.value) ? trimSpaces(String(vrs.value)) : undefined;
    const filled = [cellFigure !== undefined ? ver : undefined, cellReason !== undefined ? vrs : undefined].filter((c): c is NamedCell => !!c);
    const rec = recordFor(opts.records, canonicalName(unit), clause.id);
    const cellsText = filled.map((c) => `${c.address} 为 ${show(c.value)}`).join("，");
    if (origin === "file" && filled.length) {
      add({ address: filled[0].address, severity: "错误", kind: "核定", clauseId: clause.id, text: `单位表中填写了核定栏，已忽略（条款 ${clause.id}：${cellsText}）；核定只由考核组在核定记录中填写，本表按未核定计分` });
    } else if (origin === "workbook" && !rec && filled.length) {
      add({ address: filled[0].address, severity: "错误", kind: "核定", clauseId: clause.id, text: `条款 ${clause.id} 的核定栏有内容（${cellsText}），但核定记录中没有这条核定，未采用；请用“核定”重新记录` });
    } else if (origin === "workbook" && rec) {
      const same = typeof cellFigure === "number" ? Math.abs(cellFigure - rec.to) <= EPS : numberOf(cellFigure) !== undefined && Math.abs(numberOf(cellFigure)! - rec.to) <= EPS;
      if (!same || (cellReason ?? "") !== trimSpaces(rec.reason)) {
        add({
          address: ver?.address ?? "", severity: "错误", kind: "核定", clauseId: clause.id,
          text: `条款 ${clause.id} 的核定栏（${cellsText || "空"}）与核定记录最新一条（${rec.time} ${rec.reviewer}：${formatPoints(rec.to)} 分）不符，可能在核定记录之外被改动；按核定记录计，请核对`,
        });
      }
    }
    if (rec) {
      if (!(rec.to >= 0 && rec.to <= clause.deduction + EPS)) {
        add({ address: "", severity: "错误", kind: "核定", clauseId: clause.id, text: `核定记录中条款 ${clause.id} 的核定扣分为 ${formatPoints(rec.to)}，超出 0 到 ${formatPoints(clause.deduction)} 分，未采用` });
      } else {
        review.verified = rec.to;
        review.reason = trimSpaces(rec.reason) || undefined;
        if (Math.abs(rec.to - r.deduction) > EPS && !review.reason) {
          add({ address: vrs?.address ?? "", severity: "错误", kind: "核定", clauseId: clause.id, text: `条款 ${clause.id} 核定扣分 ${formatPoints(rec.to)} 与自评 ${formatPoints(r.deduction)} 不同，但核定记录中没有核定说明` });
        }
      }
    }
    clauses.push(review);
  }
  for (const i of self.indicators) {
    checkFormulaCell(get(names.indicatorDeduction(i.id)), names.indicatorDeduction(i.id), `指标 ${i.id} 扣分小计`, indComplete.get(i.id) ? i.deduction : undefined);
  }
  for (const c of self.categories) {
    checkFormulaCell(get(names.categoryDeduction(c.id)), names.categoryDeduction(c.id), `${c.title} 扣分小计`, catComplete.get(c.id) ? c.deduction : undefined);
  }
  checkFormulaCell(get(names.totalDeduction), names.totalDeduction, "合计扣分", self.complete ? self.totalDeduction : undefined);
  checkFormulaCell(get(names.score), names.score, "得分", self.complete ? self.score : undefined, undefined, true);
  if (cells.protected === false) add({ address: "", severity: "提示", kind: "篡改", text: "工作表保护已被撤销，公式单元格可能被改动（本次已按填报数据重新计分）" });

  // ---- 核定 → final figures, closing the problems a verified clause settles ----
  const verifiedById = new Map(clauses.filter((c) => c.verified !== undefined).map((c) => [c.clauseId, c.verified!]));
  const selfById = new Map(clauses.map((c) => [c.clauseId, c.selfDeduction]));
  const final = aggregate(catalog, (id) => verifiedById.get(id) ?? selfById.get(id) ?? 0);
  const verifiedCount = verifiedById.size;
  const fullyVerified = verifiedCount === clauses.length && clauses.length > 0;
  for (const p of problems) {
    if (p.kind === "核定" || p.kind === "版式" || p.kind === "单位") continue;
    if ((p.clauseId && verifiedById.has(p.clauseId)) || (fullyVerified && p.kind === "篡改" && p.address !== "")) p.closed = true;
  }
  const openProblems = problems.filter((p) => p.severity === "错误" && !p.closed).length;
  return {
    sheet, unit, ...identity, kind, year, scorable: true, catalog, self, clauses, final,
    selfScore: self.score,
    verifiedScore: verifiedCount ? final.score : undefined,
    verifiedCount, fullyVerified, problems, openProblems,
    status: openProblems ? "有问题" : fullyVerified ? "已核定" : "待核定",
  };

  /** A formula cell must still hold its formula, stay locked, and its saved value match the recomputed one. */
  function checkFormulaCell(c: NamedCell | undefined, name: string, what: string, expected: number | undefined, clauseId?: string, isScore = false): void {
    if (!c) {
      missingName(name, what);
      return;
    }
    if (!c.formula) {
      add({ address: c.address, severity: "错误", kind: "篡改", clauseId, text: `${what}的公式已被替换为直接填写的 ${show(c.value)}（本次按填报数据重新计算${expected !== undefined ? `为 ${formatPoints(expected)}` : ""}）` });
      return;
    }
    if (c.locked === false) add({ address: c.address, severity: "提示", kind: "篡改", clauseId, text: `${what}单元格的锁定已被取消` });
    if (typeof c.value !== "number") return; // 待填 / 未完成 / an error value after a recalc without the add-in: nothing to compare
    if (expected === undefined) {
      add({ address: c.address, severity: "错误", kind: "篡改", clauseId, text: `文件中保存的${what}为 ${formatPoints(c.value)}，但按填报数据尚不能计分（有待填或错误数据），保存的数值可能被改动` });
    } else if (Math.abs(c.value - expected) > EPS) {
      add({ address: c.address, severity: "错误", kind: "篡改", clauseId, text: `文件中保存的${what}为 ${formatPoints(c.value)}，按填报数据重新计算为 ${formatPoints(expected)}，${isScore ? "得分" : "扣分"}可能被改动或未重新计算（以重新计算的为准）` });
    }
  }
}
