// Where the template puts each CR_* name, as data for the readers and core's placeNames (src/core/placement.ts):
// the layout of a catalog is built once (for any unit: the addresses depend on the catalog alone — the
// tests check it on every unit and both formula variants) and its names and the visible unit-name cell are
// kept. `cells` is every address of every layout of the run — the registered catalogs and the run's drafts,
// at every layout version a returned file may be on.
//
// An earlier version's placement is the current one with the columns later versions inserted taken out
// again: the layouts differ by whole columns only (rows are the catalog's). A returned file of the earlier
// version is thus judged where that version put its names (test/fixtures/layout-v1 holds files written by it).
import { CATALOGS, type Catalog } from "../core/index";
import { colLetter, colNumber } from "../core/a1";
import { LAYOUT_VERSION, READABLE_LAYOUT_VERSIONS } from "../core/names";
import type { LayoutPlacement, Placement } from "../core/placement";
import { addr } from "./address";
import { buildTemplateLayout } from "./template";
import { COL } from "./template/grid";
import { UNIT_NAME_CELL } from "./template/header";

/** The column each layout version inserted, in that version's numbering: version 2 added the 序号 column D. */
const INSERTED_COLUMN: Readonly<Record<number, number>> = { 2: COL.number };

const byCatalog = new WeakMap<Catalog, Map<number, LayoutPlacement>>();

/** The placement of one catalog's template at a layout version (default and fallback: the current one). */
export function layoutPlacement(catalog: Catalog, version: number = LAYOUT_VERSION): LayoutPlacement {
  const v = READABLE_LAYOUT_VERSIONS.includes(version) ? version : LAYOUT_VERSION;
  let versions = byCatalog.get(catalog);
  if (!versions) byCatalog.set(catalog, (versions = new Map()));
  let p = versions.get(v);
  if (!p) {
    if (v === LAYOUT_VERSION) {
      const layout = buildTemplateLayout(catalog, { name: "" }, { variant: "portable" });
      p = { names: new Map(layout.names.map((n) => [n.name.toLowerCase(), n.address.split(":")[0]])), unitName: addr(UNIT_NAME_CELL.row, UNIT_NAME_CELL.col) };
    } else {
      p = withoutColumn(layoutPlacement(catalog, v + 1), INSERTED_COLUMN[v + 1]);
    }
    versions.set(v, p);
  }
  return p;
}

/** A placement with one column taken out: the columns right of it move one to the left. */
function withoutColumn(p: LayoutPlacement, col: number): LayoutPlacement {
  const shift = (a: string): string => {
    const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(a)!;
    const n = colNumber(letters);
    if (n === col) throw new Error(`版式第 ${col} 列插入于新版，却有名称位于其中（${a}）`);
    return n > col ? `${colLetter(n - 1)}${row}` : a;
  };
  return { names: new Map([...p.names].map(([name, a]) => [name, shift(a)])), unitName: shift(p.unitName) };
}

const forRegistered = new Map<string, Placement>();

/** The placement for a run: the registered catalogs and `drafts` (catalogs read from files for this run). */
export function placementFor(drafts: readonly Catalog[] = []): Placement {
  const key = drafts.length ? "" : "registered";
  const cached = key ? forRegistered.get(key) : undefined;
  if (cached) return cached;
  const all = [...drafts, ...CATALOGS];
  const cells = new Set<string>();
  for (const c of all) {
    for (const v of READABLE_LAYOUT_VERSIONS) {
      const p = layoutPlacement(c, v);
      for (const a of p.names.values()) cells.add(a);
      cells.add(p.unitName);
    }
  }
  const placement: Placement = { cells: [...cells], of: layoutPlacement, catalogs: drafts };
  if (key) forRegistered.set(key, placement);
  return placement;
}
