// Template sheets in memory, as a reader returns them (SheetCells: CR_* names → address, value, formula,
// locked), made from the template layout with the engine's results in the formula cells — what Excel's
// recalculation leaves there. For the review's steps, which take cells, not files; the readers that make
// SheetCells from files are tested on files (test/xlsx/).
import { getCatalog, indexOf, readFilled, type Catalog, type Filled, type NamedCell, type SheetCells, type UnitKind } from "../../src/core/index";
import { NameMap } from "../../src/read/resolve";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateAnswers } from "../../src/layout/template/types";
import { PERFECT } from "../fixtures/answers";

export interface SheetFill {
  /** Changes to the perfect answers (null: left blank). */
  values?: Record<string, unknown>;
  notApplicable?: string[];
  /** 已附佐证材料 by clause id; every clause's is filled unless given here (null: blank). */
  evidence?: Record<string, unknown>;
  verified?: Record<string, unknown>;
  verifiedReason?: Record<string, unknown>;
}

/** A filled template sheet of `unit` (2022 catalog of the kind unless given), formulas holding their results. */
export function sheetOf(unit: string, kind: UnitKind, fill: SheetFill = {}, catalog: Catalog = getCatalog(2022, kind)): SheetCells {
  const clauseIds = [...indexOf(catalog).clauses.keys()];
  const evidence = Object.fromEntries(clauseIds.map((id) => [id, "已附（见附件）"]));
  const answers: TemplateAnswers = {
    values: Object.fromEntries(Object.entries({ ...PERFECT[kind], ...fill.values }).filter(([, v]) => v !== null)),
    notApplicable: fill.notApplicable,
    evidence: Object.fromEntries(Object.entries({ ...evidence, ...fill.evidence }).filter(([, v]) => v !== null)),
    verified: fill.verified,
    verifiedReason: fill.verifiedReason,
  };
  const layout = buildTemplateLayout(catalog, { name: unit }, { variant: "addin", answers });
  const byAddress = new Map(layout.cells.map((c) => [c.address, c]));
  const names = new NameMap<NamedCell>();
  for (const { name, address } of layout.names) {
    const top = address.split(":")[0];
    const c = byAddress.get(top);
    const value = c?.formula !== undefined ? (c.cached ?? null) : (c?.value ?? null);
    names.set(name, { address: top, value, formula: c?.formula, locked: c?.locked ?? true });
  }
  return { sheet: layout.sheetName, protected: true, names };
}

/** The same sheet with one named cell changed (value, formula, lock) or, with `undefined`, its name deleted. */
export function edited(cells: SheetCells, name: string, change: Partial<NamedCell> | undefined): SheetCells {
  const names = new NameMap<NamedCell>();
  for (const [n, c] of cells.names) if (n !== name || change) names.set(n, n === name ? { ...c, ...change } : c);
  return { ...cells, names };
}

/** The sheet parsed as every review step receives it. */
export function parsed(cells: SheetCells): Filled {
  return readFilled(cells);
}
