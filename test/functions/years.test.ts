// A workbook made with the 2022 rules keeps scoring by them when a later year's catalog is added: the
// template writes year-qualified ids, and an id without a year means 2022 (never "the latest").
import { CATALOGS, getCatalog, workingYear, type Catalog, type Condition } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { deduct, rule } from "../../src/functions/core";

/** A stand-in county catalog of the year after the latest registered one: 信易贷 raised from 20 % to 30 %. */
const LATER = workingYear() + 1;
function catalog2023(): Catalog {
  const c: Catalog = structuredClone(getCatalog(2022, "county"));
  c.year = LATER;
  const clause = c.categories[1].indicators[0].clauses[0];
  clause.text = "引导市场主体入驻“信易贷”平台数量不低于本辖区市场主体总量 30%，未完成扣 10 分。";
  (clause.condition as Extract<Condition, { op: "rateBelow" }>).value = 30;
  return c;
}

const inputs = [[5000], [20000], [null]]; // 25 %: fine in 2022, short in the stand-in later year

afterEach(() => {
  const list = CATALOGS as Catalog[];
  const i = list.findIndex((c) => c.year === LATER);
  if (i >= 0) list.splice(i, 1);
});

test("after a later year's catalog is added, 2022 formulas (qualified or not) still score by 2022", () => {
  expect(deduct("2022:county.2.1.1", inputs)).toBe(0);
  (CATALOGS as Catalog[]).push(catalog2023());
  expect(deduct(`${LATER}:county.2.1.1`, inputs)).toBe(10);
  expect(rule(`${LATER}:county.2.1.1`)).toContain("30%");
  expect(deduct("2022:county.2.1.1", inputs)).toBe(0);
  expect(deduct("county.2.1.1", inputs)).toBe(0);
  expect(rule("county.2.1.1")).toContain("20%");
});

test("the template's formulas carry the year of the catalog they were made from", () => {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: "兴山区" }, { variant: "addin" });
  const formulas = layout.cells.map((c) => c.formula).filter((f): f is string => typeof f === "string" && /CREDIT\.(DEDUCT|STATUS|EXPLAIN)/.test(f));
  expect(formulas.length).toBeGreaterThan(0);
  for (const f of formulas) expect(f).toMatch(/CREDIT\.\w+\("2022:county\.\d+\.\d+\.\d+"/);
});
