// CREDIT.DEDUCT in Node: calls per second of the custom function's logic (src/functions/core.ts, what the
// Excel wrapper runs) next to the engine's raw speed on the same clauses and values. Targets: the
// wrapper costs < 2× the engine's decision and < 1 µs a call.
import { allClauses, coerce, decideClause, getCatalog, indexOf, score, type Coerced, type UnitKind } from "../src/core/index";
import { randomValue, rng } from "./random";
import { deduct } from "../src/functions/core";

const nsPer = (t0: bigint, calls: number) => Number(process.hrtime.bigint() - t0) / calls;

export function run(): void {
  const UNITS = 5000;
  for (const kind of ["county", "department"] as UnitKind[]) {
    const catalog = getCatalog(2022, kind);
    const ix = indexOf(catalog);
    const clauses = allClauses(catalog);
    const r = rng(7);
    const units = Array.from({ length: UNITS }, () => Object.fromEntries(ix.inputs.map((i) => [i.id, randomValue(i, r)])));
    // What Excel passes to =CREDIT.DEDUCT("2022:…", B5:B7): the id text and a column of the clause's inputs.
    const ids = clauses.map((c) => `2022:${c.id}`);
    const ranges = units.map((u) => clauses.map((c) => c.inputs.map((s) => [u[s.id]])));
    const calls = UNITS * clauses.length;

    const engineDecide = () => {
      let sum = 0;
      for (let u = 0; u < UNITS; u++) {
        const values = units[u];
        for (const c of clauses) {
          // One clause on its own, as a cell formula sees it: coerce its inputs, decide.
          const memo = new Map<string, Coerced>();
          const get = (id: string) => {
            let v = memo.get(id);
            if (!v) memo.set(id, (v = coerce(ix.inputById.get(id)!, values[id])));
            return v;
          };
          sum += decideClause(c, get, false).deduction;
        }
      }
      return sum;
    };
    const wrapper = () => {
      let sum = 0;
      for (let u = 0; u < UNITS; u++) {
        const rs = ranges[u];
        for (let k = 0; k < ids.length; k++) {
          const v = deduct(ids[k], rs[k]);
          if (typeof v === "number") sum += v;
        }
      }
      return sum;
    };
    // Warm up both, then measure (best of 3: the machine is shared).
    engineDecide();
    wrapper();
    let engineNs = Infinity;
    let wrapperNs = Infinity;
    let scoreNs = Infinity;
    for (let i = 0; i < 3; i++) {
      let t0 = process.hrtime.bigint();
      engineDecide();
      engineNs = Math.min(engineNs, nsPer(t0, calls));
      t0 = process.hrtime.bigint();
      wrapper();
      wrapperNs = Math.min(wrapperNs, nsPer(t0, calls));
      t0 = process.hrtime.bigint();
      for (let u = 0; u < UNITS; u++) score(catalog, { values: units[u] });
      scoreNs = Math.min(scoreNs, nsPer(t0, calls));
    }
    console.log(
      `${kind.padEnd(10)} ${clauses.length} clauses × ${UNITS} units: CREDIT.DEDUCT ${wrapperNs.toFixed(0)} ns/call ` +
        `(${Math.round(1e9 / wrapperNs).toLocaleString("en-US")} calls/s); engine decideClause ${engineNs.toFixed(0)} ns/clause, ` +
        `score() ${scoreNs.toFixed(0)} ns/clause; ratio DEDUCT/decide ${(wrapperNs / engineNs).toFixed(2)}× ` +
        `[targets < 2×, < 1000 ns: ${wrapperNs / engineNs < 2 ? "ok" : "MISSED"}, ${wrapperNs < 1000 ? "ok" : "MISSED"}]`,
    );
  }
}
