// The catalog against the notice itself: every figure here is read from ../shared/seed, not copied.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allClauses, conditionInputs, getCatalog, indexOf, type Catalog, type UnitKind } from "../../src/core/index";

const seedDir = join(__dirname, "..", "..", "..", "shared", "seed");
const seed = readFileSync(join(seedDir, readdirSync(seedDir).find((f) => f.endsWith(".txt"))!), "utf8");

interface SeedRow {
  numeral: string;
  title: string;
  points: number;
  indicators: { title: string; points: number }[];
  deductions: number[];
  criteria: string;
}

/** The rows of 附件1 or 附件2 as the notice prints them (tab-separated table). */
function seedTable(attachment: 1 | 2): SeedRow[] {
  const start = seed.indexOf(`## 附件 ${attachment}:`);
  const end = attachment === 1 ? seed.indexOf("## 附件 2:") : seed.length;
  const rows = seed
    .slice(start, end)
    .split("\n")
    .filter((l) => /^[一二三四五六]、/.test(l));
  return rows.map((line) => {
    const [head, indicators, criteria] = line.split("\t");
    const h = /^([一二三四五六])、(.+?)（(\d+)分?）$/.exec(head.trim())!;
    const pieces = indicators
      .trim()
      .split(/(?:^|\s)\d+\.\s*/)
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      numeral: h[1],
      title: h[2],
      points: Number(h[3]),
      indicators: pieces.map((p) => {
        const m = /^(.*?)[；。]?\s*(\d+)分$/.exec(p)!;
        return { title: m[1].replace(/[。；]$/, ""), points: Number(m[2]) };
      }),
      deductions: [...criteria.matchAll(/扣\s*(\d+(?:\.\d+)?)\s*分/g)].map((m) => Number(m[1])),
      criteria,
    };
  });
}

const cases: [UnitKind, 1 | 2][] = [
  ["county", 1],
  ["department", 2],
];

describe.each(cases)("%s catalog matches 附件%s of the notice", (kind, attachment) => {
  const catalog: Catalog = getCatalog(2022, kind);
  const rows = seedTable(attachment);

  test("six categories with the notice's titles and points, summing to 100", () => {
    expect(rows).toHaveLength(6);
    expect(catalog.categories.map((c) => [c.numeral, c.title, c.points])).toEqual(rows.map((r) => [r.numeral, r.title, r.points]));
    expect(catalog.categories.reduce((s, c) => s + c.points, 0)).toBe(catalog.total);
    expect(catalog.total).toBe(100);
  });

  test("indicators: titles verbatim, points as printed, summing to their category", () => {
    catalog.categories.forEach((cat, i) => {
      expect(cat.indicators.map((x) => [x.title, x.points])).toEqual(rows[i].indicators.map((x) => [x.title, x.points]));
      expect(cat.indicators.reduce((s, x) => s + x.points, 0)).toBe(cat.points);
    });
  });

  test("clauses: one per 扣X分 of the notice, in order, each text verbatim in its row", () => {
    catalog.categories.forEach((cat, i) => {
      const clauses = cat.indicators.flatMap((x) => x.clauses);
      expect(clauses.map((c) => c.deduction)).toEqual(rows[i].deductions);
      for (const c of clauses) {
        expect(rows[i].criteria).toContain(c.text);
        for (const e of c.evidence) expect(rows[i].criteria).toContain(e);
        expect(c.evidence.length).toBeGreaterThan(0);
      }
    });
  });

  test("each indicator's clauses sum to its points", () => {
    for (const cat of catalog.categories) for (const ind of cat.indicators) expect(ind.clauses.reduce((s, c) => s + c.deduction, 0)).toBe(ind.points);
  });

  test("ids are stable and hierarchical", () => {
    catalog.categories.forEach((cat, ci) => {
      expect(cat.id).toBe(`${kind}.${ci + 1}`);
      cat.indicators.forEach((ind, ii) => {
        expect(ind.id).toBe(`${cat.id}.${ii + 1}`);
        ind.clauses.forEach((cl, k) => expect(cl.id).toBe(`${ind.id}.${k + 1}`));
      });
    });
  });

  test("every input a condition reads is declared on its clause, and ids are unique", () => {
    const ix = indexOf(catalog);
    for (const c of allClauses(catalog)) {
      const declared = new Set(c.inputs.map((i) => i.id));
      for (const id of conditionInputs(c.condition)) expect(declared.has(id) ? id : `${c.id} reads undeclared ${id}`).toBe(id);
      expect(c.inputs.length).toBeGreaterThan(0);
    }
    // An input shared by two clauses is the same definition in both.
    for (const c of allClauses(catalog)) for (const i of c.inputs) expect(ix.inputById.get(i.id)).toEqual(i);
    for (const i of ix.inputs) expect(/^[A-Za-z][A-Za-z0-9]*$/.test(i.id)).toBe(true);
  });
});

test("the notice's totals: 附件1 15 indicators / 19 clauses, 附件2 17 / 20", () => {
  const count = (attachment: 1 | 2) => {
    const rows = seedTable(attachment);
    return [rows.reduce((s, r) => s + r.indicators.length, 0), rows.reduce((s, r) => s + r.deductions.length, 0)];
  };
  const catalogCount = (kind: UnitKind) => {
    const c = getCatalog(2022, kind);
    return [c.categories.reduce((s, x) => s + x.indicators.length, 0), allClauses(c).length];
  };
  expect(catalogCount("county")).toEqual(count(1));
  expect(catalogCount("department")).toEqual(count(2));
  // The figures, checked against what the notice itself yields.
  expect(count(1)).toEqual([15, 19]);
  expect(count(2)).toEqual([17, 20]);
});
