// One parse of a filled template (src/core/filled.ts) feeds both the review and regeneration (template
// --update, 导入回收表): on generated returned workbooks — tidy and messy (errors, rich text, dates typed as
// text or as serials, full-width digits, 不涉及 and invalid 是否涉及, remarks, header fields, forged 核定) —
// the regenerated template holds exactly the answers the review scored, scores the same, and carries no 核定.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { coerce, getCatalog, indexOf, readFilled, type UnitKind } from "../../src/core/index";
import { names } from "../../src/core/names";
import { regenerate } from "../../src/layout/regenerate";
import { isTemplateSheet, reviewUnit } from "../../src/review/unit";
import { readWorkbookBytes } from "../../src/read/index";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { cellOf, returnedFile } from "../review/helpers";
import { randomAnswers, seeded } from "../helpers/generated";

const catalogs = { county: getCatalog(2022, "county"), department: getCatalog(2022, "department") };

type Edit = (wb: ExcelJS.Workbook) => void;

/** What units really do to a template, on one input, clause or indicator picked by `pick`. */
function edits(kind: UnitKind, pick: (n: number) => number): Edit[] {
  const ix = indexOf(catalogs[kind]);
  const clause = [...ix.clauses.keys()][pick(ix.clauses.size)];
  const indicator = ix.clauses.get(clause)!.indicator.id;
  const input = ix.inputs[pick(ix.inputs.length)];
  const date = ix.inputs.find((i) => i.type === "date")!;
  return [
    (wb) => (cellOf(wb, names.input(input.id)).value = { richText: [{ text: "2" }, { font: { bold: true }, text: "9" }] }),
    (wb) => (cellOf(wb, names.input(input.id)).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue),
    (wb) => (cellOf(wb, names.input(input.id)).value = "　１２　"),
    (wb) => (cellOf(wb, names.input(input.id)).value = " 29% "),
    (wb) => (cellOf(wb, names.input(input.id)).value = true),
    (wb) => (cellOf(wb, names.input(input.id)).value = "不涉及"),
    (wb) => (cellOf(wb, names.input(date.id)).value = new Date(Date.UTC(2022, 3, 1 + pick(60)))),
    (wb) => (cellOf(wb, names.input(date.id)).value = "2022/5/1"),
    (wb) => {
      const c = cellOf(wb, names.input(date.id));
      c.value = 44600 + pick(90); // a serial typed in a date cell
    },
    (wb) => (cellOf(wb, names.notApplicable(indicator)).value = "不涉及"),
    (wb) => (cellOf(wb, names.notApplicable(indicator)).value = " 涉及 "),
    (wb) => (cellOf(wb, names.notApplicable(indicator)).value = "不太涉及"), // regeneration refuses; the review reports it
    (wb) => (cellOf(wb, names.remark(clause)).value = "含 6 篇转载"),
    (wb) => (cellOf(wb, names.evidence(clause)).value = { richText: [{ text: "文件" }, { text: ".pdf" }] }),
    (wb) => (cellOf(wb, names.filler).value = "王五"),
    (wb) => (cellOf(wb, names.phone).value = 13800000000),
    (wb) => (cellOf(wb, names.fillDate).value = new Date(Date.UTC(2023, 0, 9))),
    // forged 核定: read (and reported) by the review, never carried by regeneration
    (wb) => (cellOf(wb, names.verified(clause)).value = 0),
    (wb) => (cellOf(wb, names.verifiedReason(clause)).value = "经核定不扣分"),
    // typed over formulas: nothing typed by the unit, nothing to carry
    (wb) => (cellOf(wb, names.deduction(clause)).value = 0),
    (wb) => (cellOf(wb, names.score).value = 100),
  ];
}

const fill = fc.record({
  kind: fc.constantFrom<UnitKind>("county", "department"),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  blanks: fc.double({ min: 0, max: 0.5, noNaN: true }),
  messy: fc.integer({ min: 0, max: 6 }),
  evidence: fc.boolean(),
  variant: fc.constantFrom("addin" as const, "portable" as const),
});

test("regeneration keeps exactly the answers the review scores, and no 核定", async () => {
  await fc.assert(
    fc.asyncProperty(fill, async ({ kind, seed, blanks, messy, evidence, variant }) => {
      const gen = seeded(seed);
      const { pick } = gen;
      const catalog = catalogs[kind];
      const ix = indexOf(catalog);
      const values = randomAnswers(ix, gen, blanks);
      const all = edits(kind, pick);
      const chosen = Array.from({ length: messy }, () => all[pick(all.length)]);
      const unit = kind === "county" ? "兴山区" : "市教育局";
      const before = readWorkbookBytes(await returnedFile(unit, kind, { values, evidence, edit: (wb) => chosen.forEach((e) => e(wb)) })).sheets.filter(isTemplateSheet)[0];
      const typed = readFilled(before);
      const review = reviewUnit(before, { year: 2022 });

      const regen = regenerate(typed, catalog, { variant });
      if (!regen.ok) {
        // Only an invalid 是否涉及 stops a regeneration of these files; the review reports the same cell.
        expect(typed.naInvalid.size).toBeGreaterThan(0);
        for (const id of typed.naInvalid) expect(review.problems.some((p) => p.address === typed.naCells.get(id)!.address && p.kind === "数据错误")).toBe(true);
        return;
      }
      // What regeneration writes is what the review scored…
      expect(regen.answers.values).toEqual(typed.answers.values);
      expect([...regen.answers.notApplicable!]).toEqual(typed.answers.notApplicable);
      const after = readWorkbookBytes(await templateToBuffer(regen.layout!)).sheets[0];
      const again = readFilled(after);
      // …and the new file holds those same answers: each input as the engine reads it (the writer may store
      // a date typed as text as a date: the same answer), the rest as they were.
      const scored = (a: typeof typed.answers) => ix.inputs.map((spec) => [spec.id, coerce(spec, a.values[spec.id])]);
      expect(scored(again.answers)).toEqual(scored(typed.answers));
      expect({ ...again.answers, values: {} }).toEqual({ ...typed.answers, values: {} });
      expect(again.unitName).toBe(typed.unitName);
      const reviewAfter = reviewUnit(after, { year: 2022 });
      expect(reviewAfter.self).toEqual(review.self);
      // 核定 cells of a returned file are never copied.
      for (const c of again.clauses.values()) expect([c.verified?.value ?? null, c.verifiedReason?.value ?? null]).toEqual([null, null]);
    }),
    { numRuns: 30 },
  );
}, 180_000);
