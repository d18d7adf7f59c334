// The assessment years the add-in knows. Adding a year = a folder like ./2022 (its catalogs, as TypeScript
// or as JSON files checked by loadCatalog, and its member units) plus ONE line below. Nothing else in the
// add-in names a year: commands and the pane default to workingYear() (src/core/catalog/index.ts).
import type { YearDef } from "../types";
import { year2022 } from "./2022";

export const YEARS: readonly YearDef[] = [
  year2022,
];
