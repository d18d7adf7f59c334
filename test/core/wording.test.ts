// What a person reads names clauses by their printed number, quotes with “”, and calls the unit kinds one
// way (县区 / 市直部门): the engine's explanations and problems, and every text of the template.
import { CATALOGS, clauseNumber, parseUnitKind, quoted, score, UNIT_KIND_LABEL } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";

const ID = /\b(county|department)\.\d/;

test("a clause's number is its dotted path without kind or year", () => {
  expect(["county.2.2.1", "2022:department.4.1.1", "county.3", "county.3.1"].map(clauseNumber)).toEqual(["2.2.1", "4.1.1", "3", "3.1"]);
});

test("quoted uses “” and turns inner quotes into ‘’", () => {
  expect(quoted("市场主体总量")).toBe("“市场主体总量”");
  expect(quoted("配合县区开展“码上诚信”赋码")).toBe("“配合县区开展‘码上诚信’赋码”");
});

test("one wording for the unit kinds; the old ones are still read", () => {
  expect(UNIT_KIND_LABEL).toEqual({ county: "县区", department: "市直部门" });
  expect(["县区", "县、区", "县（区）", "市直部门"].map(parseUnitKind)).toEqual(["county", "county", "county", "department"]);
});

describe.each(CATALOGS.filter((c) => c.year === 2022))("$kind", (catalog) => {
  test("the engine's texts for an empty and a hostile unit carry no 「」 and no internal id", () => {
    const values = Object.fromEntries(catalog.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.flatMap((cl) => cl.inputs.map((inp) => [inp.id, -1])))));
    for (const answers of [{ values: {} }, { values }]) {
      const r = score(catalog, answers);
      const texts = [...r.clauses.map((c) => c.explanation), ...r.problems.map((p) => p.message)];
      expect(texts.filter((t) => /[「」]/.test(t) || ID.test(t))).toEqual([]);
    }
  });

  test("every text the template prints or shows carries no 「」, no internal id and no 县、区", () => {
    const layout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin" });
    const hidden = new Set(layout.hiddenColumns);
    const texts = [
      ...layout.cells.filter((c) => !hidden.has(c.col)).flatMap((c) => [c.value, c.cached]),
      ...layout.validations.flatMap((v) => [v.prompt, v.error, v.promptTitle, v.errorTitle]),
      layout.print.header,
      layout.print.footer,
    ].filter((t): t is string => typeof t === "string");
    expect(texts.filter((t) => /[「」]/.test(t) || ID.test(t) || t.includes("县、区") || t.includes("县（区）"))).toEqual([]);
  });
});
