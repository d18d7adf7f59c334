// Jest setupFiles: every test file runs with the latest shipped year's copy registered as the next year
// (test/helpers/nextYear.ts). The registry module is the one place a year is registered, so the copy reaches
// every part of the add-in the test loads: catalogs, member units, readings, the working year.
jest.mock("../../src/core/years/index", () => {
  const actual = jest.requireActual("../../src/core/years/index") as typeof import("../../src/core/years/index");
  const { asNextYear } = jest.requireActual("./nextYear") as typeof import("./nextYear");
  const latest = actual.YEARS.reduce((a, b) => (b.year > a.year ? b : a));
  return { ...actual, YEARS: [...actual.YEARS, asNextYear(latest)] };
});
