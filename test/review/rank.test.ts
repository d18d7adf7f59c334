// Ranking: ties share a rank (1, 1, 3) — the sort-based rankOf must equal the definition
// "1 + the number of strictly higher scores" (to 6 decimals) on any list.
import fc from "fast-check";
import { rankOf } from "../../src/review/summary";

test("rankOf = 1 + number of strictly higher scores, ties shared, unscored left out", () => {
  fc.assert(
    fc.property(fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })), { nil: undefined }), { maxLength: 60 }), (scores) => {
      const items = scores.map((s, i) => ({ i, s }));
      const ranks = rankOf(items, (x) => x.s);
      const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
      for (const it of items) {
        if (it.s === undefined) expect(ranks.has(it)).toBe(false);
        else expect(ranks.get(it)).toBe(1 + items.filter((o) => o.s !== undefined && r6(o.s) > r6(it.s!)).length);
      }
    }),
    { numRuns: 300 },
  );
  const rows = [{ s: 90 }, { s: 95 }, { s: 90 }, { s: 80 }, { s: 95.0000001 }];
  expect(rows.map((r) => rankOf(rows, (x) => x.s).get(r))).toEqual([3, 1, 3, 5, 1]);
});
