// Public surface of the pure core (no Office code): catalogs, coercion, scoring, formatting.
export * from "./types";
export * from "./catalog/index";
export * from "./coerce";
export * from "./engine";
export * from "./format";
export { conditionInputs } from "./catalog/build";
export { CatalogError, catalogData, catalogProblems, loadCatalog } from "./catalog/load";
export { parseUnitList } from "./units";
export { canonicalName, hasInvisible, quoted, spelledOut, visibleName } from "./text";
export { colLetter, colNumber } from "./a1";
export { YEARS } from "./years/index";
export * from "./weight";
export * from "./filled";
export { calendarYears, coversYear, cumulativeWorkingDays, dayInfo, nthWorkingDayAfter, uncoveredReason, workingDaysAfter, CALENDAR_SOURCE, type CalendarResult, type DayInfo } from "./calendar/index";
export * from "./publicity";
export * from "./ledger";
export * from "./platform";
export * from "./feedback";
