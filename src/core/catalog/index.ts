// The registry of yearly catalogs, and look-ups every other part of the add-in asks.
// A workbook records its year, so adding a later year's catalog never changes an old workbook's rules.
import { normalizeText } from "../coerce";
import { UNIT_KIND_LABEL, type Catalog, type Category, type Clause, type Indicator, type InputSpec, type UnitKind, type YearDef } from "../types";
import { YEARS } from "../years/index";

/** Every registered catalog (src/core/years/), all years and kinds. */
export const CATALOGS: readonly Catalog[] = YEARS.flatMap((y) => y.catalogs);

/**
 * THE rule for the year a command or the pane works on when none is given: the latest registered year.
 * (template, score, check, summary, the pane's year list and its member lists all ask this.)
 */
export function workingYear(): number {
  return Math.max(...CATALOGS.map((c) => c.year));
}

/**
 * The year an id without one ("county.2.1.1") means. Fixed to the first catalog's year, never the
 * latest: adding a 2023 catalog must not change what an old formula computes.
 */
const BARE_ID_YEAR = 2022;

/** Member units of a year: the registered year's lists, else those of the closest earlier year (units carry over). */
export function unitsOf(year: number): Readonly<Record<UnitKind, readonly string[]>> {
  const sorted = [...YEARS].sort((a, b) => a.year - b.year);
  const def: YearDef = sorted.find((y) => y.year === year) ?? [...sorted].reverse().find((y) => y.year < year) ?? sorted[0];
  return def.units;
}

/**
 * THE member units a review expects, by kind (提交前检查, 导入回收表, the 汇总, 核定 — pane and command line):
 * the year's lists, or the list given for this run — the command line's --departments (an array: the 市直部门),
 * or the pane's lists by kind (a kind not given keeps the year's). A kind with an empty list expects nobody:
 * none of it is reported 未返回, and none of its sheets can be identified (listed apart).
 */
export function expectedUnits(
  year: number,
  given?: readonly string[] | Partial<Record<UnitKind, readonly string[] | undefined>>,
): Record<UnitKind, readonly string[]> {
  const units = unitsOf(year);
  const byKind: Partial<Record<UnitKind, readonly string[] | undefined>> = Array.isArray(given) ? { department: given } : ((given ?? {}) as Partial<Record<UnitKind, readonly string[]>>);
  return { county: [...(byKind.county ?? units.county)], department: [...(byKind.department ?? units.department)] };
}

/** The applied reading of an ambiguous clause ("county.3.1.1") of a registered year, or undefined where the text is plain. */
export function readingOf(year: number, clauseId: string): string | undefined {
  const readings = YEARS.find((y) => y.year === year)?.readings ?? {};
  return Object.prototype.hasOwnProperty.call(readings, clauseId) ? readings[clauseId] : undefined;
}

/** Every clause of a registered year that carries a reading. */
export function clausesWithReadings(year: number): string[] {
  return Object.keys(YEARS.find((y) => y.year === year)?.readings ?? {});
}

/**
 * A clause's, indicator's or category's number as the form prints it (its 序号 column) and every message
 * names it: "county.2.2.1" or "2022:county.2.2.1" → "2.2.1". The id itself (kind and dotted path) is the
 * key of names and records, never shown to a person.
 */
export function clauseNumber(id: string): string {
  return id.replace(/^\d{4}:/, "").split(".").slice(1).join(".");
}

/**
 * A clause's text for lists and short mentions (the pane's clause list): the notice's wording with its
 * quotation marks balanced. A closing ” the notice prints without its opening “ (2022's 2.2.1:
 * 码上诚信”赋码…) gets the “ back before the quoted words — the longest term the catalog quotes elsewhere
 * (“码上诚信” in an indicator's title) that the text before the mark ends with, else the words since the last
 * punctuation. The form itself prints the notice verbatim, with the reading beside it.
 */
export function clauseShortText(clause: Pick<Clause, "text">, catalog: Catalog): string {
  const terms = quotedTerms(catalog);
  let out = "";
  let open = false;
  for (const ch of clause.text) {
    if (ch === "“") open = true;
    else if (ch === "”") {
      if (!open) {
        const term = terms.find((t) => out.endsWith(t));
        out = term ? `${out.slice(0, out.length - term.length)}“${term}` : out.replace(/([^，。；：、\s（）]*)$/, "“$1");
      }
      open = false;
    }
    out += ch;
  }
  return out;
}

const quotedByCatalog = new WeakMap<Catalog, string[]>();
/** Every term a catalog prints in “…” (titles and clause texts), longest first. */
function quotedTerms(catalog: Catalog): string[] {
  let terms = quotedByCatalog.get(catalog);
  if (!terms) {
    const texts = catalog.categories.flatMap((c) => [c.title, ...c.indicators.flatMap((i) => [i.title, ...i.clauses.map((x) => x.text)])]);
    terms = [...new Set(texts.flatMap((t) => [...t.matchAll(/“([^“”]+)”/g)].map((m) => m[1])))].sort((a, b) => b.length - a.length);
    quotedByCatalog.set(catalog, terms);
  }
  return terms;
}

export function isUnitKind(s: unknown): s is UnitKind {
  return s === "county" || s === "department";
}

/**
 * THE parser of a unit kind as typed or written in a sheet (every reader and the pane ask it):
 * county/department, 县区 (also 县、区 and 县（区）, as older templates and people write it), 市直部门; else undefined.
 */
export function parseUnitKind(raw: unknown): UnitKind | undefined {
  if (isUnitKind(raw)) return raw;
  if (typeof raw !== "string") return undefined;
  const t = normalizeText(raw).replace(/[、，,（）()\s]/g, "");
  return (Object.keys(UNIT_KIND_LABEL) as UnitKind[]).find((k) => t === k || t === UNIT_KIND_LABEL[k]);
}

export function getCatalog(year: number, kind: UnitKind): Catalog {
  const c = CATALOGS.find((x) => x.year === year && x.kind === kind);
  if (!c) throw new Error(`没有 ${year} 年度“${UNIT_KIND_LABEL[kind]}”的考核指标`);
  return c;
}

export function findCatalog(year: number, kind: UnitKind, drafts: readonly Catalog[] = []): Catalog | undefined {
  // A catalog given for this run (a draft read from a file) comes before the registered one.
  return drafts.find((x) => x.year === year && x.kind === kind) ?? CATALOGS.find((x) => x.year === year && x.kind === kind);
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
function kindOfId(id: string): UnitKind | undefined {
  const k = id.split(".")[0];
  return isUnitKind(k) ? k : undefined;
}

/**
 * Finds a clause, indicator or category by id in a year's catalogs. Ids may carry the year
 * ("2022:county.2.1.1") so that a formula keeps the rules it was written with.
 */
export function resolveId(ref: string, defaultYear = BARE_ID_YEAR):
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
