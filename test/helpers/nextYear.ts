// The next year, as the office will register it: a copy of a registered year one year on (its folder copied,
// dates moved, the same member units and readings). test/helpers/nextYear.setup.ts registers the copy of the
// latest year for every Jest test file, so that no test can lean on 2022 being the latest year: a test names
// the year it means (2022 for the notice's rules) or asks workingYear() for the default.
import type { Catalog, YearDef } from "../../src/core/types";

export function asNextYear(def: YearDef): YearDef {
  const from = String(def.year);
  const to = String(def.year + 1);
  const moved = (c: Catalog): Catalog => {
    // Every date of the year moves with it (the loader refuses a date outside the catalog's year).
    const data = JSON.parse(JSON.stringify(c).replace(new RegExp(`"${from}-(\\d\\d-\\d\\d)`, "g"), `"${to}-$1`)) as Catalog;
    return { ...data, year: def.year + 1, source: c.source.split(from).join(to), title: c.title.split(from).join(to) };
  };
  return { year: def.year + 1, catalogs: def.catalogs.map(moved), units: def.units, readings: def.readings };
}

/** The years as shipped (src/core/years/index.ts), without the copy the tests register. */
export function shippedYears(): readonly YearDef[] {
  return (jest.requireActual("../../src/core/years/index") as { YEARS: readonly YearDef[] }).YEARS;
}
