// The layout is deterministic: a catalog's template puts every CR_* name at one address, whatever the unit
// and the formula variant — which is what lets a returned sheet's names be held to those addresses
// (src/core/placement.ts, src/layout/placement.ts).
import { CATALOGS, unitsOf } from "../../src/core/index";
import { names } from "../../src/core/names";
import { placeNames } from "../../src/core/placement";
import { layoutPlacement, placementFor } from "../../src/layout/placement";
import { buildTemplateLayout } from "../../src/layout/template";
import { sheetOf } from "../review/sheets";

test.each(CATALOGS.map((c) => [`${c.year} ${c.kind}`, c] as const))("%s: every unit and both variants put each name where layoutPlacement says", (_l, catalog) => {
  const p = layoutPlacement(catalog);
  const units = catalog.kind === "county" ? unitsOf(catalog.year).county : ["市教育局", "市公安局交通警察支队", "一个名字很长很长很长很长的市直部门"];
  for (const unit of units) {
    for (const variant of ["addin", "portable"] as const) {
      const layout = buildTemplateLayout(catalog, { name: unit }, { variant });
      expect(new Map(layout.names.map((n) => [n.name.toLowerCase(), n.address.split(":")[0]]))).toEqual(p.names);
      // The visible unit-name cell shows the unit's name.
      expect(layout.cells.find((c) => c.address === p.unitName)?.value).toBe(unit);
    }
  }
});

test("placeNames: a name on its cell is left alone; one moved reads the prescribed cell and is reported with both addresses", () => {
  const cells = sheetOf("兴山区", "county");
  const placement = placementFor();
  const at = new Map([...cells.names.values()].map((c) => [c.address, { value: c.value, formula: c.formula }]));
  const honest = placeNames({ ...cells, at }, placement);
  expect(honest.placement?.misplaced).toEqual([]);
  expect(honest.placement?.unitName).toMatchObject({ address: "B2" });
  const input = names.input("meetingsHeld");
  const prescribed = cells.names.get(input)!.address;
  const moved = new Map(cells.names);
  moved.set(input, { address: "Z7", value: 99 });
  const placed = placeNames({ ...cells, names: moved, at, otherDefinitions: new Map([[input.toLowerCase(), ["Z9"]]]) }, placement);
  expect(placed.placement?.misplaced).toEqual([{ name: input, found: ["Z7", "Z9"], prescribed }]);
  expect(placed.names.get(input)).toMatchObject({ address: prescribed, value: cells.names.get(input)!.value });
  // Without the prescribed cells read (a reader not asked for them), nothing is moved or reported.
  expect(placeNames({ ...cells, names: moved }, placement).placement).toBeUndefined();
});

test.each(CATALOGS.map((c) => [`${c.year} ${c.kind}`, c] as const))("%s: no cell a unit types (or an identity cell) holds a formula in either variant, so a formula there is the unit's", (_l, catalog) => {
  for (const variant of ["addin", "portable"] as const) {
    const layout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant });
    const byAddress = new Map(layout.cells.map((c) => [c.address, c]));
    const typed = layout.names.filter((n) => /^CR_(IN|NA|EV|RM)_|^CR_(FILLER|PHONE|FILL_DATE|UNIT|YEAR|KIND|LAYOUT)$/.test(n.name));
    expect(typed.length).toBeGreaterThan(20);
    expect(typed.filter((n) => byAddress.get(n.address.split(":")[0])?.formula !== undefined).map((n) => n.name)).toEqual([]);
  }
});
