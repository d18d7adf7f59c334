// The registry of yearly catalogs, and look-ups every other part of the add-in asks.
// A workbook records its year, so adding a later year's catalog never changes an old workbook's rules.
import type { Catalog, Category, Clause, Indicator, InputSpec, UnitKind } from "../types";
import { county2022 } from "./2022-county";
import { department2022 } from "./2022-department";

export const CATALOGS: readonly Catalog[] = [county2022, department2022];

export const LATEST_YEAR = Math.max(...CATALOGS.map((c) => c.year));

/**
 * The year an id without one ("county.2.1.1") means. Fixed to the first catalog's year, never the
 * latest: adding a 2023 catalog must not change what an old formula computes.
 */
export const DEFAULT_YEAR = 2022;

export function isUnitKind(s: unknown): s is UnitKind {
  return s === "county" || s === "department";
}

export function getCatalog(year: number, kind: UnitKind): Catalog {
  const c = CATALOGS.find((x) => x.year === year && x.kind === kind);
  if (!c) throw new Error(`没有 ${year} 年度“${kind === "county" ? "县、区" : "市直部门"}”的考核指标`);
  return c;
}

export function findCatalog(year: number, kind: UnitKind): Catalog | undefined {
  return CATALOGS.find((x) => x.year === year && x.kind === kind);
}

export interface CatalogIndex {
  catalog: Catalog;
  clauses: Map<string, { clause: Clause; indicator: Indicator; category: Category }>;
  indicators: Map<string, { indicator: Indicator; category: Category }>;
  /** Every input once, in the order the unit meets them. */
  inputs: InputSpec[];
  inputById: Map<string, InputSpec>;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** Look-up tables of a catalog, built once. */
export function indexOf(catalog: Catalog): CatalogIndex {
  let ix = indexes.get(catalog);
  if (ix) return ix;
  const clauses: CatalogIndex["clauses"] = new Map();
  const indicators: CatalogIndex["indicators"] = new Map();
  const inputById = new Map<string, InputSpec>();
  for (const category of catalog.categories) {
    for (const indicator of category.indicators) {
      indicators.set(indicator.id, { indicator, category });
      for (const clause of indicator.clauses) {
        clauses.set(clause.id, { clause, indicator, category });
        for (const input of clause.inputs) if (!inputById.has(input.id)) inputById.set(input.id, input);
      }
    }
  }
  ix = { catalog, clauses, indicators, inputs: [...inputById.values()], inputById };
  indexes.set(catalog, ix);
  return ix;
}

export function allClauses(catalog: Catalog): Clause[] {
  return [...indexOf(catalog).clauses.values()].map((e) => e.clause);
}

export function allIndicators(catalog: Catalog): Indicator[] {
  return catalog.categories.flatMap((c) => c.indicators);
}

/** The unit kind a clause/indicator/category id belongs to ("county.2.1.1" → county). */
export function kindOfId(id: string): UnitKind | undefined {
  const k = id.split(".")[0];
  return isUnitKind(k) ? k : undefined;
}

/**
 * Finds a clause, indicator or category by id in a year's catalogs. Ids may carry the year
 * ("2022:county.2.1.1") so that a formula keeps the rules it was written with.
 */
export function resolveId(ref: string, defaultYear = DEFAULT_YEAR):
  | { year: number; catalog: Catalog; id: string }
  | undefined {
  const m = /^\s*(?:(\d{4})\s*[:：]\s*)?([a-z]+(?:\.\d+){1,3})\s*$/.exec(ref);
  if (!m) return undefined;
  const year = m[1] ? Number(m[1]) : defaultYear;
  const kind = kindOfId(m[2]);
  if (!kind) return undefined;
  const catalog = findCatalog(year, kind);
  if (!catalog) return undefined;
  return { year, catalog, id: m[2] };
}

/** Default member units: the 8 县区 from the notice; 市直部门 come from an editable list file. */
export const COUNTY_UNITS = ["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"] as const;
