// The sheet being built and what every step reads: SheetBuilder (cells, merges, validations, names, row
// heights, written through its primitives) and the build context (catalog, unit, answers, the engine's result).
import { isBlank, judgeLedgerRow, LEDGER_FIRST_ROW, ledgerSheetName, publicityInputs, score, type Catalog, type ScoreResult } from "../../core/index";
import { sheetNameOf } from "../../core/fileNames";
import { addr } from "../address";
import type { BuildOptions, LayoutCell, LayoutValidation, TemplateAnswers, Variant } from "./types";

export type CellContent = Omit<LayoutCell, "address" | "row" | "col">;

/** The sheet being built, and the primitives every step writes through. */
export class SheetBuilder {
  readonly cells: LayoutCell[] = [];
  readonly merges: string[] = [];
  readonly validations: LayoutValidation[] = [];
  readonly names: { name: string; address: string }[] = [];
  readonly rowHeights: Record<number, number> = {};

  put(row: number, col: number, c: CellContent): LayoutCell {
    const cell: LayoutCell = { address: addr(row, col), row, col, ...c };
    this.cells.push(cell);
    return cell;
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r1 !== r2 || c1 !== c2) this.merges.push(`${addr(r1, c1)}:${addr(r2, c2)}`);
  }

  /** Writes a block's top-left cell, blank bordered cells under it (so borders print), and merges it. */
  block(r1: number, c: number, r2: number, cell: CellContent, c2 = c): void {
    this.put(r1, c, cell);
    for (let r = r1; r <= r2; r++) for (let k = c; k <= c2; k++) if (r !== r1 || k !== c) this.put(r, k, { value: null, style: cell.style, locked: cell.locked, numFmt: cell.numFmt });
    this.merge(r1, c, r2, c2);
  }

  name(n: string, address: string): void {
    this.names.push({ name: n, address });
  }
}

/** The 双公示 counts of a regenerated ledger's records, by input id (none while it holds no record). */
function countsOf(catalog: Catalog, answers: TemplateAnswers): Record<string, number> {
  const records = answers.ledger ?? [];
  let total = 0;
  let onTime = 0;
  records.forEach((rec, i) => {
    const j = judgeLedgerRow(LEDGER_FIRST_ROW + i, rec, catalog.year);
    if (!j) return;
    total++;
    if (j.status === "按时") onTime++;
  });
  const out: Record<string, number> = {};
  if (!total) return out;
  const { total: t, onTime: o } = publicityInputs(catalog);
  if (t && isBlank(answers.values[t.id])) out[t.id] = total;
  if (o && isBlank(answers.values[o.id])) out[o.id] = onTime;
  return out;
}

/** What every step needs: the catalog, the unit, its answers and the engine's result for them. */
export interface BuildContext {
  catalog: Catalog;
  year: number;
  unit: { name: string };
  variant: Variant;
  portable: boolean;
  answers: TemplateAnswers;
  na: Set<string>;
  result: ScoreResult;
  clauseResult: Map<string, ScoreResult["clauses"][number]>;
  indicatorResult: Map<string, ScoreResult["indicators"][number]>;
  categoryResult: Map<string, ScoreResult["categories"][number]>;
  /** The 双公示台账 written beside the sheet: its name, when the count inputs follow it. */
  ledgerSheet?: string;
  /** The counts of the ledger's records, by input id (the inputs not typed, while the ledger holds records). */
  ledgerCounts: Map<string, number>;
}

export function buildContext(catalog: Catalog, unit: { name: string }, opts: BuildOptions): BuildContext {
  const given = opts.answers ?? { values: {} };
  // With the ledger, a 双公示 count not typed is the count of the ledger's records: what its formula shows.
  const counts = opts.ledger ? countsOf(catalog, given) : {};
  const answers = Object.keys(counts).length ? { ...given, values: { ...given.values, ...counts } } : given;
  const na = new Set(answers.notApplicable ?? []);
  const result: ScoreResult = score(catalog, { values: answers.values, notApplicable: na });
  return {
    catalog,
    year: catalog.year,
    unit,
    variant: opts.variant,
    portable: opts.variant === "portable",
    answers,
    na,
    result,
    clauseResult: new Map(result.clauses.map((c) => [c.clauseId, c])),
    indicatorResult: new Map(result.indicators.map((c) => [c.id, c])),
    categoryResult: new Map(result.categories.map((c) => [c.id, c])),
    ledgerSheet: opts.ledger ? ledgerSheetName(sheetNameOf(unit.name)) : undefined,
    ledgerCounts: new Map(Object.entries(counts)),
  };
}
