// Where the template puts each CR_* name, as data for the readers and core's placeNames (src/core/placement.ts):
// the layout of a catalog is built once (for any unit: the addresses depend on the catalog alone — the
// tests check it on every unit and both formula variants) and its names and the visible unit-name cell are
// kept. `cells` is every address of every layout of the run, the registered catalogs and the run's drafts.
import { CATALOGS, type Catalog } from "../core/index";
import type { LayoutPlacement, Placement } from "../core/placement";
import { addr } from "./address";
import { buildTemplateLayout } from "./template";
import { UNIT_NAME_CELL } from "./template/header";

const byCatalog = new WeakMap<Catalog, LayoutPlacement>();

/** The placement of one catalog's template (built once per catalog object). */
export function layoutPlacement(catalog: Catalog): LayoutPlacement {
  let p = byCatalog.get(catalog);
  if (!p) {
    const layout = buildTemplateLayout(catalog, { name: "" }, { variant: "portable" });
    p = { names: new Map(layout.names.map((n) => [n.name.toLowerCase(), n.address.split(":")[0]])), unitName: addr(UNIT_NAME_CELL.row, UNIT_NAME_CELL.col) };
    byCatalog.set(catalog, p);
  }
  return p;
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
    const p = layoutPlacement(c);
    for (const a of p.names.values()) cells.add(a);
    cells.add(p.unitName);
  }
  const placement: Placement = { cells: [...cells], of: layoutPlacement, catalogs: drafts };
  if (key) forRegistered.set(key, placement);
  return placement;
}
