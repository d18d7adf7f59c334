// What a unit typed in a filled template sheet, read once from the sheet's CR_* cells (whichever reader
// resolved them: src/read/index.ts from a file, or Office.js through src/read/resolve.ts). One parse serves
// the review (src/review/unit.ts scores these answers) and regeneration (src/layout/regenerate.ts writes
// these answers into the new layout: template --update, 导入回收表, the pane's 重新生成), so the two cannot
// disagree about what a unit typed.
//
// It returns the identity fields (unit, year, kind, layout version) as cells and as read, the answers the
// engine scores, and the 核定 cells as they are — what they are worth is the reader's business: a unit's
// file is untrusted and its 核定 cells are never used or copied (README 可信与安全).
import { findCatalog, indexOf, parseUnitKind } from "./catalog/index";
import { colLetter } from "./a1";
import { isBlank, normalizeText, numberOf, trimSpaces } from "./coerce";
import { names } from "./names";
import { countLedger, LEDGER_FIRST_ROW, LEDGER_TYPED_COLS, ledgerCountFormula, ledgerSheetName, sameFormula, type LedgerCount } from "./ledger";
import type { Catalog, UnitKind } from "./types";

/** One cell reached through a defined name (every reader returns this shape). */
export interface NamedCell {
  /** A1 address on the sheet ("F12"); the top-left cell when the name covers a merged block. */
  address: string;
  /** A constant, or a formula's cached result: number | string | boolean | Date | {error} | null. */
  value: unknown;
  /** The formula without "=", when the cell holds one. */
  formula?: string;
  /** Cell protection; undefined when the reader cannot tell (Office.js path). */
  locked?: boolean;
  /** Number format code ("General", "yyyy-mm-dd", "0.00%"); undefined when not read (Office.js path). */
  numFmt?: string;
}

/** A template sheet as the readers see it: its defined names (compared without case) and what they point at. */
export interface SheetCells {
  sheet: string;
  /** Sheet protection on; undefined when unknown. */
  protected?: boolean;
  /**
   * The sheet is not shown: "hidden" (Excel's 隐藏) or "veryHidden" (which Excel's 取消隐藏 cannot show).
   * Undefined: visible, or a reader that cannot tell. Only what is visible is scored (README 可信与安全).
   */
  hidden?: "hidden" | "veryHidden";
  names: Map<string, NamedCell>;
  /**
   * The cells at the addresses the layout prescribes (src/core/placement.ts), by address ("F12"), as the
   * reader found them whatever name points there; undefined when the reader was not asked for them.
   */
  at?: ReadonlyMap<string, Omit<NamedCell, "address">>;
  /** Every other address a CR_* name was defined at for this sheet (lower-cased name → addresses): a name defined twice. */
  otherDefinitions?: ReadonlyMap<string, readonly string[]>;
  /** What placeNames found: names moved off their cell, and the visible unit-name cell. */
  placement?: SheetPlacement;
  /**
   * The template's 双公示台账 (core/ledger.ts), when the workbook has a sheet of that name: its cells, as a
   * reader returns a whole sheet (rows[r - 1][c - 1]; the file reader keeps columns A–H), and the cells holding
   * a formula (address → formula; the file reader gives those of the typed columns, LEDGER_TYPED_COLS, the only
   * ones read).
   * Undefined when the workbook has none or the reader does not read it (the pane's Office.js snapshots).
   */
  ledger?: LedgerSheet;
}

/** A 双公示台账 sheet as read. */
export interface LedgerSheet {
  sheet: string;
  rows: readonly (readonly unknown[] | undefined)[];
  formulas: ReadonlyMap<string, string>;
}

/** A name not where the template put it, or defined at more than one cell. */
export interface Misplaced {
  name: string;
  /** Every address the name was found at on the sheet, its winning definition first. */
  found: string[];
  /** Where the template puts it: the cell that is read instead. */
  prescribed: string;
}

/** What placeNames (src/core/placement.ts) found on a sheet, kept for the review. */
export interface SheetPlacement {
  misplaced: Misplaced[];
  /** The visible cell that shows the unit's name (B2), as read: what the office sees, where identity messages point. */
  unitName?: NamedCell;
}

/** What the unit typed, in the shape the engine scores and the template layout writes. */
export interface FilledAnswers {
  /** By input id; blank cells are left out (the engine reads a blank and an absent input alike: 待填). */
  values: Record<string, unknown>;
  /** Indicators marked 不涉及, in catalog order. */
  notApplicable: string[];
  /** 已附佐证材料 and 备注 by clause id (non-blank only). */
  evidence: Record<string, unknown>;
  remarks: Record<string, unknown>;
  header: { filler?: unknown; phone?: unknown; fillDate?: unknown };
}

/** A clause's cells the unit or the 考核组 type in (undefined: the sheet lacks the name). */
export interface FilledClause {
  evidence?: NamedCell;
  remark?: NamedCell;
  /** 核定扣分 / 核定说明 as the sheet holds them: never trusted by themselves. */
  verified?: NamedCell;
  verifiedReason?: NamedCell;
}

export interface Filled {
  cells: SheetCells;
  unitCell?: NamedCell;
  /** CR_UNIT as typed, ends trimmed; "" when blank or missing. */
  unitName: string;
  yearCell?: NamedCell;
  /** CR_YEAR when it is a whole number. */
  year?: number;
  kindCell?: NamedCell;
  kind?: UnitKind;
  layoutCell?: NamedCell;
  layoutVersion?: number;
  /** The catalog of the sheet's year and kind; without it there are no answers (all below empty). */
  catalog?: Catalog;
  answers: FilledAnswers;
  /** Input cells by input id, 是否涉及 cells by indicator id. */
  inputCells: Map<string, NamedCell>;
  naCells: Map<string, NamedCell>;
  /** Indicators whose 是否涉及 holds something other than 涉及 / 不涉及 (not in answers.notApplicable). */
  naInvalid: Set<string>;
  /** Indicators typed 不涉及 where the catalog allows none (core/engine.ts notApplicableRefused): not in answers.notApplicable, scored as 涉及. */
  naRefused: Set<string>;
  clauses: Map<string, FilledClause>;
  /**
   * Cells a unit types (inputs, 是否涉及, 佐证材料, 备注, the header's 填报人/电话/日期) and the identity cells that
   * hold a formula: read as blank — a formula's saved result is whatever the file says, not what it computes,
   * so it is never used, and nothing is evaluated (not even =3). The review reports each (src/review/steps/typed.ts).
   */
  formulaCells: { name: string; cell: NamedCell; what: "number" | "text" | "choice" | "identity" }[];
  /**
   * The 双公示 count inputs holding the layout's own count formula over the 双公示台账 (core/ledger.ts): their
   * saved results are never used; the counts are the ledger's rows counted by core's rule (`ledger.count`), and
   * undefined `ledger.count` when the workbook has no such sheet (the inputs then read as blank).
   */
  ledger?: FilledLedger;
}

export interface FilledLedger {
  /** The ledger sheet the formulas count (ledgerSheetName of the template sheet). */
  sheet: string;
  inputs: { id: string; which: "total" | "onTime"; cell: NamedCell }[];
  /** The rows counted by core's rule; undefined when the sheet is missing (or not read). */
  count?: LedgerCount;
  /** Typed ledger cells (A–D, H) holding a formula: read as empty, their saved results never used. */
  formulaCells: { address: string; formula: string }[];
}

/**
 * A value as both consumers take it: an Excel error ({error: "#N/A"} from a file) becomes its text, as
 * Office.js shows it — the engine reads both alike, and a writer can put text in a cell.
 */
export function typedValue(v: unknown): unknown {
  return v && typeof v === "object" && "error" in v ? String((v as { error: unknown }).error) : v;
}

/** A catalog's CR_* names of what is typed, made once per catalog (not per sheet read). */
interface CatalogNames {
  inputs: [id: string, name: string][];
  indicators: [id: string, name: string, allowed: boolean][];
  clauses: [id: string, evidence: string, remark: string, verified: string, verifiedReason: string][];
}
const namesByCatalog = new WeakMap<Catalog, CatalogNames>();

function namesOf(catalog: Catalog): CatalogNames {
  let n = namesByCatalog.get(catalog);
  if (!n) {
    const ix = indexOf(catalog);
    n = {
      inputs: ix.inputs.map((i) => [i.id, names.input(i.id)]),
      indicators: [...ix.indicators.values()].map(({ indicator }) => [indicator.id, names.notApplicable(indicator.id), indicator.notApplicable.allowed]),
      clauses: [...ix.clauses.keys()].map((id) => [id, names.evidence(id), names.remark(id), names.verified(id), names.verifiedReason(id)]),
    };
    namesByCatalog.set(catalog, n);
  }
  return n;
}

/**
 * Parses a filled template sheet. The catalog is the one for the sheet's year and kind among `catalogs`
 * (drafts of this run, or the catalog a regeneration targets) and the registered ones.
 */
export function readFilled(cells: SheetCells, catalogs?: readonly Catalog[]): Filled {
  const formulaCells: Filled["formulaCells"] = [];
  // A typed cell holding a formula reads as blank, and is listed (see Filled.formulaCells).
  const typedCell = (name: string, what: Filled["formulaCells"][number]["what"]): NamedCell | undefined => {
    const c = cells.names.get(name);
    if (!c || c.formula === undefined) return c;
    formulaCells.push({ name, cell: c, what });
    return { ...c, value: null };
  };
  const get = (name: string): NamedCell | undefined => typedCell(name, "identity");
  const unitCell = get(names.unit);
  const yearCell = get(names.year);
  const kindCell = get(names.kind);
  const layoutCell = get(names.layoutVersion);
  const yearRaw = yearCell ? numberOf(yearCell.value) : undefined;
  const year = yearRaw !== undefined && Number.isInteger(yearRaw) ? yearRaw : undefined;
  const kind = kindCell ? parseUnitKind(kindCell.value) : undefined;
  const filled: Filled = {
    cells,
    unitCell,
    // Names keep what was typed (full-width brackets in 市直部门 names included); only the ends are trimmed.
    unitName: unitCell && !isBlank(unitCell.value) ? trimSpaces(String(typedValue(unitCell.value))) : "",
    yearCell, year, kindCell, kind, layoutCell,
    layoutVersion: layoutCell ? numberOf(layoutCell.value) : undefined,
    catalog: year !== undefined && kind ? findCatalog(year, kind, catalogs) : undefined,
    answers: { values: {}, notApplicable: [], evidence: {}, remarks: {}, header: {} },
    inputCells: new Map(), naCells: new Map(), naInvalid: new Set(), naRefused: new Set(), clauses: new Map(), formulaCells,
  };
  const catalog = filled.catalog;
  if (!catalog) return filled;
  const n = namesOf(catalog);
  const { answers } = filled;
  const inputType = new Map(indexOf(catalog).inputs.map((i) => [i.id, i.type]));
  const publicity = new Map(indexOf(catalog).inputs.filter((i) => i.publicity).map((i) => [i.id, i.publicity!]));
  for (const [id, name] of n.inputs) {
    const type = inputType.get(id);
    const which = publicity.get(id);
    const raw = which ? cells.names.get(name) : undefined;
    if (which && raw?.formula !== undefined && sameFormula(raw.formula, ledgerCountFormula(which, ledgerSheetName(cells.sheet)))) {
      // The layout's own count over the 双公示台账: counted here from the ledger's rows, the saved result unused.
      const ledger = (filled.ledger ??= ledgerOf(cells, catalog.year));
      ledger.inputs.push({ id, which, cell: raw });
      filled.inputCells.set(id, raw);
      const count = ledger.count;
      if (count && count.total > 0) answers.values[id] = which === "total" ? count.total : count.onTime;
      continue;
    }
    const c = typedCell(name, type === "text" ? "text" : type === "bool" ? "choice" : "number");
    if (!c) continue;
    filled.inputCells.set(id, c);
    if (!isBlank(c.value)) answers.values[id] = typedValue(c.value);
  }
  for (const [id, name, allowed] of n.indicators) {
    const c = typedCell(name, "choice");
    if (!c) continue;
    filled.naCells.set(id, c);
    if (isBlank(c.value)) continue;
    const t = normalizeText(String(typedValue(c.value)));
    if (t === "不涉及") {
      if (allowed) answers.notApplicable.push(id);
      else filled.naRefused.add(id);
    }
    else if (t !== "涉及") filled.naInvalid.add(id);
  }
  for (const [id, ev, rm, ver, vrs] of n.clauses) {
    // 核定 cells are the 考核组's, judged by their own rules (src/review/steps/verify.ts): read as they are.
    const clause: FilledClause = { evidence: typedCell(ev, "text"), remark: typedCell(rm, "text"), verified: cells.names.get(ver), verifiedReason: cells.names.get(vrs) };
    filled.clauses.set(id, clause);
    if (clause.evidence && !isBlank(clause.evidence.value)) answers.evidence[id] = typedValue(clause.evidence.value);
    if (clause.remark && !isBlank(clause.remark.value)) answers.remarks[id] = typedValue(clause.remark.value);
  }
  for (const [field, name, what] of [["filler", names.filler, "text"], ["phone", names.phone, "text"], ["fillDate", names.fillDate, "number"]] as const) {
    const c = typedCell(name, what);
    if (c && !isBlank(c.value)) answers.header[field] = typedValue(c.value);
  }
  return filled;
}

/** The ledger counted by core's rule, a typed cell holding a formula read as empty. */
function ledgerOf(cells: SheetCells, year: number): FilledLedger {
  const sheet = ledgerSheetName(cells.sheet);
  const l = cells.ledger && cells.ledger.sheet.toLowerCase() === sheet.toLowerCase() ? cells.ledger : undefined;
  if (!l) return { sheet, inputs: [], formulaCells: [] };
  const typedCols = new Set(LEDGER_TYPED_COLS.map((c) => colLetter(c)));
  const formulaCells: FilledLedger["formulaCells"] = [];
  for (const [address, formula] of l.formulas) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (m && typedCols.has(m[1]) && Number(m[2]) >= LEDGER_FIRST_ROW) formulaCells.push({ address, formula });
  }
  return { sheet: l.sheet, inputs: [], formulaCells, count: countLedger(l.rows, year, new Set(formulaCells.map((f) => f.address))) };
}

// Names holding computed results or the header's fixed values: nothing typed there.
const COMPUTED = /^CR_(DED|ST|EX|IND|CAT)_|^CR_(TOTAL_DEDUCTION|SCORE|UNIT|KIND|YEAR|LAYOUT)$/i;
const known = new WeakMap<Catalog, Set<string>>();

/** Names of the sheet that hold a value this catalog has no place for (another year's input…), with the value. */
export function unplacedNames(filled: Filled): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  const catalog = filled.catalog;
  if (!catalog) return out;
  let set = known.get(catalog);
  if (!set) {
    const n = namesOf(catalog);
    set = new Set([names.filler, names.phone, names.fillDate, ...n.inputs.map(([, x]) => x), ...n.indicators.map(([, x]) => x), ...n.clauses.flatMap(([, ...x]) => x)].map((x) => x.toLowerCase()));
    known.set(catalog, set);
  }
  for (const [name, c] of filled.cells.names) {
    if (isBlank(c.value) || COMPUTED.test(name) || set.has(name.toLowerCase())) continue;
    out.push({ name, value: typedValue(c.value) });
  }
  return out;
}
