// The shape of one year of the official calendar (src/core/calendar/data.ts, generated).

export interface CalendarYearData {
  year: number;
  /** [holiday, first day, last day] ("MM-DD"): each holiday period's days off, weekends inside it included. */
  rest: readonly (readonly [string, string, string])[];
  /** [holiday, day] ("MM-DD"): weekend days worked in exchange (调休上班). */
  work: readonly (readonly [string, string])[];
}
