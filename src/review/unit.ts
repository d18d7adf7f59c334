// Reviewing one returned unit sheet: read its inputs by name, re-score them with the engine (the scores
// the file carries are only compared, never used), check the file was not tampered with, and take the
// 考核组's 核定 from its record only. Pure: no Office, no files.
//
// reviewUnit puts together the named steps of src/review/steps/, each a pure function testable alone:
//   1. checkSheetIdentity   identity fields: unit name, layout version, year, kind, a hidden sheet (sheet.ts);
//                           nothing else is read when the sheet cannot be scored
//      checkPlacement       names moved off the cell the layout prescribes, or defined twice (placement.ts)
//      checkTypedFormulas   a formula where the unit types: an 错误, its saved result never used (typed.ts)
//      checkLedger          the 双公示 counts over the 双公示台账 counted again from its rows (ledger.ts)
//   2. checkAnswers         the unit's answers scored by the engine, its problems on their cells (answers.ts)
//   3. per clause, in catalog order (a ClauseInSheet each):
//      clauseBasis          what a 核定 is made on, and its fingerprint (basis.ts)
//      checkEvidence        已附佐证材料 for a 不扣分 (evidence.ts)
//      checkClauseFormulas  the clause's 扣分, 状态 and 说明 formulas (formulas.ts)
//      verifyClause         核定 under the trust rules (verify.ts)
//   4. checkSheetFormulas   subtotals, total, score, protection (formulas.ts)
//   5. finalFigures         核定 figures in place of self ones, problems a 核定 settles, status (final.ts)
// The problems come out in that order: the sheet's, its answers', clause by clause, then its totals'.
import { canonicalName, indexOf, readFilled, type Catalog, type Filled } from "../core/index";
import { names } from "../core/names";
import { colLetter } from "../core/a1";
import { UNIT_NAME_CELL } from "../layout/template/header";
import type { RecordItem } from "./decisions";
import type { PlatformData } from "./platform";
import { checkAgainstPlatform } from "./platformCheck";
import { checkAnswers } from "./steps/answers";
import { clauseBasis } from "./steps/basis";
import { checkEvidence } from "./steps/evidence";
import { finalFigures } from "./steps/final";
import { checkClauseFormulas, checkSheetFormulas } from "./steps/formulas";
import { checkPlacement } from "./steps/placement";
import { checkTypedFormulas } from "./steps/typed";
import { checkLedger } from "./steps/ledger";
import { checkSheetIdentity, type SheetIdentityOptions } from "./steps/sheet";
import { verifyClause, type SheetOrigin } from "./steps/verify";
import { auditTime, recordFor, type VerificationRecords } from "./verification";
import type { ClauseInSheet, ClausePlatform, ClauseReview, ReviewProblem, SheetCells, UnitReview } from "./types";

export interface ReviewOptions extends SheetIdentityOptions {
  /** Catalogs for this run (drafts read from files), used before the registered ones. */
  catalogs?: readonly Catalog[];
  /**
   * Where the sheet is, which decides what its 核定 cells are worth (see README 可信与安全 and
   * src/review/steps/verify.ts): "file" (default), a unit's returned file, whose 核定 cells are never used;
   * "workbook", a sheet of the office's own workbook, whose 核定 cells must match the latest record.
   */
  origin?: SheetOrigin;
  /**
   * The 考核组's 核定记录 (src/review/verification.ts latestRecords): the only source of 核定 figures. The command
   * line's may hold 核定表 decisions too (src/review/decisions.ts), made entries against the sheet's figures.
   */
  records?: VerificationRecords<RecordItem>;
  /** When 核定表 decisions are recorded (default: now). */
  now?: Date;
  /** The sheet already parsed (readFilled(cells, catalogs)), when the caller needs the parse too (导入回收表 writes its answers). */
  filled?: Filled;
  /**
   * The office's 平台数据 sheets read back (src/review/platform.ts), when the run has them (the 核定表's
   * `--platform`, the workbook's 平台数据 sheets in the add-in): each clause the platform gave figures for is
   * decided on them too (ClauseReview.platform), and a 按平台数据 核定 is made against them.
   */
  platform?: readonly PlatformData[];
}

/** The unit's clauses decided on the platform's figures, by clause id (none when the 平台数据 has no figures for the unit). */
function platformClauses(catalog: Catalog, unit: string, answers: { values: Record<string, unknown>; notApplicable: readonly string[] }, platform: readonly PlatformData[] | undefined): Map<string, ClausePlatform> {
  const out = new Map<string, ClausePlatform>();
  const d = platform?.find((p) => p.catalog.kind === catalog.kind && p.catalog.year === catalog.year);
  if (!d) return out;
  const key = canonicalName(unit);
  const figures = [...d.figures.values()].find((f) => canonicalName(f.member) === key);
  if (!figures || !Object.keys(figures.values).length) return out;
  for (const c of checkAgainstPlatform(d.catalog, figures, { values: { ...answers.values }, notApplicable: [...answers.notApplicable] })) {
    const decided = c.platform.status === "扣分" || c.platform.status === "不扣分";
    out.set(c.clauseId, { deduction: decided ? c.platform.deduction : c.platform.status, proposed: c.proposed, reason: c.reason, differs: c.differs, basis: c.basis });
  }
  return out;
}

/** Whether a sheet is one of our templates at all (other sheets of a workbook are ignored). */
export function isTemplateSheet(cells: SheetCells): boolean {
  return cells.names.has(names.layoutVersion) || cells.names.has(names.kind);
}

export function reviewUnit(cells: SheetCells, opts: ReviewOptions = {}): UnitReview {
  // What the unit typed — identity, answers, 核定 cells — from the one parse regeneration uses too.
  const filled = opts.filled ?? readFilled(cells, opts.catalogs);
  const sheet = cells.sheet;
  const unit = filled.unitName || sheet;
  const who = { sheet, unit, typedUnit: filled.unitName, unitAddress: cells.placement?.unitName?.address ?? (isTemplateSheet(cells) ? `${colLetter(UNIT_NAME_CELL.col)}${UNIT_NAME_CELL.row}` : filled.unitCell?.address ?? "") /* the visible unit-name cell (B2), not the hidden CR_UNIT — also where a reader (the pane's Office.js reads) gives no placement */, ...(cells.hidden ? { hidden: cells.hidden } : {}) };

  const identity = checkSheetIdentity(filled, opts);
  identity.problems.push(...checkPlacement(cells), ...checkTypedFormulas(filled));
  const catalog = identity.catalog;
  if (!catalog) {
    const problems = identity.problems;
    return {
      ...who, kind: filled.kind, year: filled.year, scorable: false, clauses: [], verifiedCount: 0, fullyVerified: false,
      problems, openProblems: problems.filter((p) => p.severity === "错误").length, status: "有问题",
    };
  }

  const answers = checkAnswers(filled, catalog);
  const ix = indexOf(catalog);
  const origin = opts.origin ?? "file";
  const recordsUnit = canonicalName(unit); // the 核定记录 is kept by canonical unit name
  const time = opts.records?.size ? auditTime(opts.now) : "";
  const na = new Set(filled.answers.notApplicable);
  const platform = platformClauses(catalog, unit, filled.answers, opts.platform);
  const clauseProblems: ReviewProblem[] = [];
  const clauses = answers.self.clauses.map((result): ClauseReview => {
    const c: ClauseInSheet = {
      cells, clause: ix.clauses.get(result.clauseId)!.clause, typed: filled.clauses.get(result.clauseId)!, result,
      values: filled.answers.values, notApplicable: na.has(result.indicatorId),
    };
    const basis = clauseBasis(c);
    const onPlatform = platform.get(result.clauseId);
    const verification = verifyClause(c, { origin, record: recordFor(opts.records, recordsUnit, result.clauseId), basis: basis.fingerprint, time, platform: onPlatform, platformGiven: !!opts.platform });
    clauseProblems.push(...checkEvidence(c), ...checkClauseFormulas(c), ...verification.problems);
    return {
      clauseId: result.clauseId, indicatorId: result.indicatorId, categoryId: result.categoryId, points: c.clause.deduction,
      status: result.status, selfDeduction: result.deduction, explanation: result.explanation,
      verified: verification.verified, reason: verification.reason, record: verification.record, stale: verification.stale,
      notApplicable: basis.notApplicable, evidence: basis.evidence, remark: basis.remark, basis: basis.fingerprint,
      verifiedAddress: verification.verifiedAddress, reasonAddress: verification.reasonAddress,
      ...(onPlatform ? { platform: onPlatform } : {}),
    };
  });
  const figures = finalFigures(catalog, clauses, [...identity.problems, ...answers.problems, ...checkLedger(filled, catalog), ...clauseProblems, ...checkSheetFormulas(cells, answers.self)]);
  return {
    ...who, kind: filled.kind, year: filled.year, scorable: true, catalog, self: answers.self,
    answers: { values: filled.answers.values, notApplicable: filled.answers.notApplicable }, clauses, final: figures.final,
    selfScore: answers.self.score, verifiedScore: figures.verifiedScore, verifiedCount: figures.verifiedCount, fullyVerified: figures.fullyVerified,
    problems: figures.problems, openProblems: figures.openProblems, status: figures.status,
  };
}
