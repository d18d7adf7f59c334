// Each cell of a written template carries exactly the one data validation its layout gives it, in the
// file's XML (ExcelJS's optimiser used to stretch ranges over cells that already had one: "I9:I10" over
// "I10", "P6:P10" over "P10").
import { strFromU8, unzipSync } from "fflate";
import { getCatalog, type UnitKind } from "../../src/core/index";
import { colLetter, colNumber } from "../../src/core/a1";
import { buildTemplateLayout } from "../../src/layout/template";
import type { Variant } from "../../src/layout/template/types";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";

function cellsOf(sqref: string): string[] {
  const out: string[] = [];
  for (const part of sqref.split(/\s+/)) {
    const [a, b = a] = part.split(":");
    const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(a)!;
    const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(b)!;
    for (let c = colNumber(c1); c <= colNumber(c2); c++) for (let r = Number(r1); r <= Number(r2); r++) out.push(`${colLetter(c)}${r}`);
  }
  return out;
}

test.each([
  ["county", "addin"],
  ["department", "addin"],
  ["county", "portable"],
  ["department", "portable"],
] as [UnitKind, Variant][])("%s %s template: one <dataValidation> per cell, the layout's own", async (kind, variant) => {
  const layout = buildTemplateLayout(getCatalog(2022, kind), { name: kind === "county" ? "兴山区" : "市教育局" }, { variant });
  const xml = strFromU8(unzipSync(await templateToBuffer(layout))["xl/worksheets/sheet1.xml"]);
  const seen = new Map<string, string[]>();
  for (const m of xml.matchAll(/<dataValidation\b([^>]*)>/g)) {
    const sqref = /sqref="([^"]+)"/.exec(m[1])![1];
    const title = /promptTitle="([^"]*)"/.exec(m[1])?.[1] ?? "";
    for (const c of cellsOf(sqref)) seen.set(c, [...(seen.get(c) ?? []), title]);
  }
  const twice = [...seen].filter(([, t]) => t.length > 1);
  expect(twice).toEqual([]);
  const expected = new Map(layout.validations.map((v) => [v.address, [v.promptTitle.replace(/&/g, "&amp;").replace(/"/g, "&quot;")]]));
  expect(new Map([...seen].sort())).toEqual(new Map([...expected].sort()));
});
