// Names where the template put them. The layout is deterministic: a year's catalog of a kind, at a layout
// version, puts every CR_* name at one address, whatever the unit and the formula variant. A sheet is held to
// the placement of its own version (CR_LAYOUT): a file returned on the previous layout is read where that
// layout put its names, and a name found where another version would put it is still a moved name. So a
// returned sheet's names are held to those addresses: a name moved off its cell (workbook- or sheet-scoped,
// or both disagreeing) or defined twice is a problem naming every address it was found at, and the cell the
// template prescribes is what counts — the cell the sheet's own formulas, LibreOffice and the office's eyes
// read. The addresses are the layout's (src/layout/placement.ts computes them from the catalog); the reader
// reads the cells at them (src/read/index.ts, SheetCells.at), and placeNames below puts each name back on
// its cell. The review reports what was moved (src/review/steps/placement.ts).
import type { Catalog } from "./types";
import { readFilled, type Misplaced, type NamedCell, type SheetCells } from "./filled";
import { NameMap } from "./nameMap";

/** Where one catalog's template puts its names, and the cell that shows the unit's name. */
export interface LayoutPlacement {
  /** Lower-cased name → the address of its cell ("F12"; the top-left cell of a merged block). */
  names: ReadonlyMap<string, string>;
  /** The visible cell showing the unit's name ("B2"): what the office sees, where identity messages point. */
  unitName: string;
}

/** The layout's addresses, for every catalog a run may meet. */
export interface Placement {
  /** Every address some layout of this run prescribes: the reader reads these cells on every template sheet. */
  cells: readonly string[];
  /**
   * The placement of one catalog's template at a layout version (the current one when `version` is not one
   * this program reads: such a sheet is refused by the review anyway, and its names are judged as current).
   */
  of(catalog: Catalog, version?: number): LayoutPlacement;
  /** The run's drafts (catalogs read from files), looked up before the registered ones. */
  catalogs?: readonly Catalog[];
}

/**
 * The sheet with each CR_* name on the cell its catalog's template prescribes (the cells the reader read
 * there, `cells.at`), and what was moved (`placement`). The catalog is the one the identity names give; when
 * one of them was itself moved, it is found again from the prescribed cells. A sheet of no known catalog is
 * returned with nothing misplaced (the review cannot score it anyway); so is a sheet whose cells at the
 * prescribed addresses were not read (`at` undefined: a reader that was not asked for them).
 */
export function placeNames(cells: SheetCells, placement: Placement): SheetCells {
  if (!cells.at) return cells;
  let { catalog, layoutVersion: version } = readFilled(cells, placement.catalogs);
  let placed: SheetCells = { ...cells, placement: { misplaced: [] } };
  for (let round = 0; round < 2 && catalog; round++) {
    placed = place(cells, placement.of(catalog, version));
    const again = readFilled(placed, placement.catalogs);
    if ((again.catalog === catalog && again.layoutVersion === version) || !again.catalog) break;
    // a moved year, kind or version: the prescribed cells name another catalog or layout
    ({ catalog, layoutVersion: version } = again);
  }
  return placed;
}

function place(cells: SheetCells, layout: LayoutPlacement): SheetCells {
  const misplaced: Misplaced[] = [];
  const at = (address: string): NamedCell => ({ ...(cells.at?.get(address) ?? { value: null }), address });
  const names = NameMap.from(cells.names).map((cell, name) => {
    const lower = name.toLowerCase();
    const prescribed = layout.names.get(lower);
    if (prescribed === undefined) return cell; // a name this layout has no place for: nothing reads it
    const others = cells.otherDefinitions?.get(lower);
    if (!others?.length && cell.address === prescribed) return cell; // defined once, where the layout puts it
    const found = [cell.address, ...(others ?? [])].filter((a, i, all) => all.indexOf(a) === i);
    if (found.length === 1 && found[0] === prescribed) return cell;
    misplaced.push({ name, found, prescribed });
    return cell.address === prescribed ? cell : at(prescribed);
  });
  return { ...cells, names, placement: { misplaced, unitName: at(layout.unitName) } };
}
