// The bounded reader (src/read/) against the ExcelJS full-model reader it replaced
// (test/helpers/excelJsReader.ts): the same generated returned workbooks — tidy ones and messy ones (typed-
// over formulas, unlocked cells, odd dates, errors, rich text, hyperlinks, deleted names, unprotected sheets,
// other units and kinds) — must give equal reviews: statuses, scores, problems with their cells, 核定.
// ExcelJS writes these files, so none of its known misreadings (sheet="true", locked="false") is involved.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { getCatalog, indexOf, type UnitKind } from "../../src/core/index";
import { names } from "../../src/core/names";
import { reviewUnit, isTemplateSheet } from "../../src/review/unit";
import type { SheetCells } from "../../src/review/types";
import { readWorkbookBytes } from "../../src/read/index";
import { readWorkbookData as readWithExcelJs } from "../helpers/excelJsReader";
import { cellOf, returnedFile } from "../review/helpers";
import { randomAnswers, seeded } from "../helpers/generated";

type Edit = (wb: ExcelJS.Workbook) => void;

const catalogs = { county: getCatalog(2022, "county"), department: getCatalog(2022, "department") };

/** Projection of a review that users see: everything but the catalog object. */
function seen(cells: SheetCells) {
  const r = reviewUnit(cells, { year: 2022, expected: { county: ["兴山区", "南山区"], department: ["市教育局"] } });
  return {
    sheet: r.sheet, unit: r.unit, kind: r.kind, year: r.year, scorable: r.scorable, status: r.status, selfScore: r.selfScore,
    verifiedScore: r.verifiedScore, verifiedCount: r.verifiedCount, openProblems: r.openProblems, problems: r.problems,
    clauses: r.clauses, final: r.final && { ...r.final, categories: [...r.final.categories], indicators: [...r.final.indicators] },
  };
}

function messyEdit(kind: UnitKind, pick: (n: number) => number): Edit[] {
  const ix = indexOf(catalogs[kind]);
  const clauses = [...ix.clauses.keys()];
  const clause = clauses[pick(clauses.length)];
  const inputs = ix.inputs;
  const input = inputs[pick(inputs.length)];
  const date = inputs.find((i) => i.type === "date");
  const all: Edit[] = [
    (wb) => (cellOf(wb, names.deduction(clause)).value = pick(3)), // typed over a formula
    (wb) => (cellOf(wb, names.status(clause)).value = "不扣分"),
    (wb) => (cellOf(wb, names.score).protection = { locked: false }),
    (wb) => (cellOf(wb, names.deduction(clause)).protection = { locked: false }),
    (wb) => {
      const c = cellOf(wb, names.score);
      c.value = { formula: (c.value as ExcelJS.CellFormulaValue).formula, result: 99.5 } as ExcelJS.CellFormulaValue;
    },
    (wb) => {
      const c = cellOf(wb, names.deduction(clause));
      c.value = { formula: (c.value as ExcelJS.CellFormulaValue).formula, result: { error: "#NAME?" } } as ExcelJS.CellFormulaValue;
    },
    (wb) => (cellOf(wb, names.input(input.id)).value = { richText: [{ text: "2" }, { font: { bold: true }, text: "9" }] }),
    (wb) => (cellOf(wb, names.input(input.id)).value = { text: "是", hyperlink: "https://example.org/" }),
    (wb) => (cellOf(wb, names.input(input.id)).value = true),
    (wb) => (cellOf(wb, names.input(input.id)).value = " 29% "),
    (wb) => (cellOf(wb, names.input(input.id)).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue),
    (wb) => {
      if (!date) return;
      cellOf(wb, names.input(date.id)).value = new Date(Date.UTC(2022, 3, 1 + pick(60)));
    },
    (wb) => {
      if (!date) return;
      const c = cellOf(wb, names.input(date.id));
      c.value = 44600 + pick(90); // a serial in a yyyy-mm-dd cell
      c.numFmt = "yyyy\"年\"m\"月\"d\"日\"";
    },
    (wb) => date && (cellOf(wb, names.input(date.id)).value = "2022/5/1"),
    (wb) => {
      const c = cellOf(wb, names.input(input.id));
      c.value = 44650;
      c.numFmt = "m/d/yy";
    },
    (wb) => (cellOf(wb, names.verified(clause)).value = pick(4)),
    (wb) => (cellOf(wb, names.verifiedReason(clause)).value = "经核实材料不全"),
    (wb) => (cellOf(wb, names.verified(clause)).value = "五"),
    (wb) => (cellOf(wb, names.notApplicable(ix.clauses.get(clause)!.indicator.id)).value = pick(2) ? "不涉及" : "不太涉及"),
    (wb) => {
      // a deleted row: the name is gone from the file
      const model = wb.definedNames.model as { name: string; ranges: string[] }[];
      wb.definedNames.model = model.filter((x) => x.name !== names.evidence(clause) && x.name !== names.input(input.id));
    },
    (wb) => wb.worksheets[0].unprotect(),
    (wb) => (cellOf(wb, names.unit).value = "南山区"),
    (wb) => (cellOf(wb, names.unit).value = null),
    (wb) => (cellOf(wb, names.kind).value = kind === "county" ? "市直部门" : "县、区"),
    (wb) => (cellOf(wb, names.year).value = "2021"),
    (wb) => (cellOf(wb, names.layoutVersion).value = 3), // a version this program does not read
    (wb) => (cellOf(wb, names.fillDate).value = new Date(Date.UTC(2022, 4, 3))),
    (wb) => (cellOf(wb, names.input(input.id)).value = "　１２　"),
    (wb) => {
      // a second, unrelated sheet with its own text
      const ws = wb.addWorksheet("说明");
      ws.getCell("A1").value = "附：情况说明";
    },
  ];
  return all;
}

const fill = fc.record({
  kind: fc.constantFrom<UnitKind>("county", "department"),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  blanks: fc.double({ min: 0, max: 0.4, noNaN: true }),
  messy: fc.integer({ min: 0, max: 4 }),
  evidence: fc.boolean(),
});

test("the bounded reader and the ExcelJS reader give equal reviews on generated returned workbooks, messy ones included", async () => {
  let files = 0;
  await fc.assert(
    fc.asyncProperty(fill, async ({ kind, seed, blanks, messy, evidence }) => {
      const gen = seeded(seed);
      const { r, pick } = gen;
      const ix = indexOf(catalogs[kind]);
      const values = randomAnswers(ix, gen, blanks);
      const edits = messyEdit(kind, pick);
      const chosen = Array.from({ length: messy }, () => edits[pick(edits.length)]);
      const unit = kind === "county" ? "兴山区" : "市教育局";
      const buf = await returnedFile(unit, kind, {
        values,
        evidence,
        notApplicable: r() < 0.3 ? [[...ix.indicators.keys()][pick(ix.indicators.size)]] : [],
        edit: (wb) => chosen.forEach((e) => e(wb)),
      });
      files++;
      const mine = readWorkbookBytes(buf);
      const theirs = await readWithExcelJs(buf);
      expect(mine.sheetNames).toEqual(theirs.sheetNames);
      const a = mine.sheets.filter(isTemplateSheet);
      const b = theirs.sheets.filter(isTemplateSheet);
      expect(a.map((x) => x.sheet)).toEqual(b.map((x) => x.sheet));
      for (let i = 0; i < a.length; i++) {
        expect(a[i].protected).toBe(b[i].protected);
        expect(seen(a[i])).toEqual(seen(b[i]));
        // cell by cell too: the same names, addresses, values, formulas and locks
        const cells = (x: SheetCells) => Object.fromEntries([...x.names].map(([n, c]) => [n, { address: c.address, value: c.value, formula: c.formula, locked: c.locked }]));
        expect(cells(a[i])).toEqual(cells(b[i]));
      }
    }),
    { numRuns: 60, seed: 20221 },
  );
  expect(files).toBe(60);
}, 180_000);
