// Scoring 10,000 random units of each kind; prints units per second.
import { allClauses, coerce, decideClause, getCatalog, indexOf, score, type Coerced, type UnitKind } from "../src/core/index";
import { randomValue, rng } from "./random";

export function run(): void {
  const N = 10_000;
  for (const kind of ["county", "department"] as UnitKind[]) {
    const catalog = getCatalog(2022, kind);
    const inputs = indexOf(catalog).inputs;
    const r = rng(42);
    const units = Array.from({ length: N }, () => ({ values: Object.fromEntries(inputs.map((i) => [i.id, randomValue(i, r)])) }));
    for (let i = 0; i < 500; i++) score(catalog, units[i]); // warm-up
    const t0 = process.hrtime.bigint();
    let sum = 0;
    for (const u of units) sum += score(catalog, u).score;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const clauses = catalog.categories.reduce((s, c) => s + c.indicators.reduce((t, i) => t + i.clauses.length, 0), 0);
    console.log(
      `${kind.padEnd(10)} ${N} units in ${ms.toFixed(0)} ms → ${Math.round((N / ms) * 1000).toLocaleString("en-US")} units/s, ` +
        `${((ms * 1e6) / (N * clauses)).toFixed(0)} ns/clause (mean score ${(sum / N).toFixed(1)})`,
    );
    // The decision alone (no explanation text): the baseline the custom functions are compared with.
    const ix = indexOf(catalog);
    const list = allClauses(catalog);
    const t1 = process.hrtime.bigint();
    let deducted = 0;
    for (const u of units) {
      const memo = new Map<string, Coerced>();
      const get = (id: string) => {
        let v = memo.get(id);
        if (!v) memo.set(id, (v = coerce(ix.inputById.get(id)!, u.values[id])));
        return v;
      };
      for (const c of list) deducted += decideClause(c, get, false).deduction;
    }
    const ms1 = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(`${"".padEnd(10)} decision only: ${((ms1 * 1e6) / (N * clauses)).toFixed(0)} ns/clause (sum ${deducted})`);
  }
}
