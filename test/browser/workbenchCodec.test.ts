// The tape a workbench worker sends its readings on (src/workbench/readCodec.ts): the page takes each tape as it
// comes (its new strings join the table) and decodes it later, in any order and as often as asked — every
// value rebuilt as the worker had it. Runs in Node (the codec is plain TypeScript).
import { NameMap } from "../../src/core/nameMap";
import { Taped, TapeReader, TapeWriter } from "../../src/workbench/readCodec";

function reading(unit: string, n: number) {
  const names = new NameMap<{ value: unknown; formula?: string; address: string }>();
  names.set("CR_UNIT", { value: unit, address: "B2" });
  names.set("CR_SCORE", { value: n, formula: "SUM(F6:F90)", address: "F3" });
  const shared = { address: "K6", formula: 'IFERROR(_xldudf_CREDIT_DEDUCT("2022:department.1.1.1",G6),0)' };
  const holes: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
  return {
    sheets: [{ sheet: unit, protected: true, names, at: new Map([["K6", shared]]), again: shared, set: new Set([unit, "共有"]) }],
    values: [NaN, Infinity, -Infinity, -0, 0.1 + n, 2 ** 31, -(2 ** 31), -7, 1e300, Number.MIN_VALUE, 45_000.5, undefined, null, true, false, new Date(Date.UTC(2022, 0, n + 1)), new Date(NaN), holes],
    sheetNames: [unit, "说明"],
    missing: undefined,
  };
}

/** The value with its Maps and Sets as tagged entry lists (Jest's equality cannot walk a Map subclass here). */
function plain(v: unknown): unknown {
  if (v instanceof Map) return { [v instanceof NameMap ? "NameMap" : "Map"]: Array.from(v.keys(), (k) => [plain(k), plain(v.get(k))]) };
  if (v instanceof Set) return { Set: Array.from(v.values(), plain) };
  if (v instanceof Date) return { Date: v.getTime() };
  if (Array.isArray(v)) return Array.from({ length: v.length }, (_, i) => (i in v ? plain(v[i]) : "‹hole›"));
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).map((k) => [k, plain((v as Record<string, unknown>)[k])]));
  return Object.is(v, -0) ? "‹-0›" : v;
}

test("tapes taken in the order sent decode to the same values in any order, again and again, without the shared strings sent twice", () => {
  const writer = new TapeWriter();
  const reader = new TapeReader();
  const originals = ["兴山区", "向阳区", "工农区"].map((u, i) => reading(u, i));
  const sent = originals.map((r) => writer.encode(r));
  // Strings the first tape sent (the formula, the names) are numbers in the next ones.
  expect("strings" in sent[0] && sent[0].strings).toContain("SUM(F6:F90)");
  expect("strings" in sent[1] && sent[1].strings).not.toContain("SUM(F6:F90)");
  expect("strings" in sent[1] && sent[1].strings).toContain("向阳区");
  const taken = sent.map((e) => reader.receive(e));
  expect(taken.every((t) => t instanceof Taped)).toBe(true);
  for (const i of [2, 0, 1, 2]) {
    const back = (taken[i] as Taped<ReturnType<typeof reading>>).decode();
    expect(plain(back)).toEqual(plain(originals[i]));
    const s = back.sheets[0];
    // The names compare without case, as the reader's NameMap does; an object met twice is one object.
    expect(s.names).toBeInstanceOf(NameMap);
    expect(s.names.get("cr_unit")?.value).toBe(s.sheet);
    expect(s.at.get("K6")).toBe(s.again);
    expect(Object.is(back.values[3], -0)).toBe(true);
    expect(1 in (back.values[back.values.length - 1] as unknown[])).toBe(false);
    expect("missing" in back).toBe(true);
  }
  // Decoded twice: equal values, not the same objects (nothing decoded is kept by the page).
  const t = taken[0] as Taped<ReturnType<typeof reading>>;
  expect(t.decode()).not.toBe(t.decode());
});

test("a value the tape cannot carry crosses as itself, and its strings are not counted as sent", () => {
  const writer = new TapeWriter();
  const reader = new TapeReader();
  class Odd {
    constructor(readonly x: string) {}
  }
  const odd = { label: "只在这里出现的文字", odd: new Odd("y") };
  const e = writer.encode(odd);
  expect("clone" in e).toBe(true);
  expect(reader.receive(e)).toBe(odd);
  // The string of the failed tape is sent anew with the next tape, so the page's table stays in step.
  const next = writer.encode({ label: "只在这里出现的文字" });
  expect("strings" in next && next.strings).toContain("只在这里出现的文字");
  expect(reader.decode(next)).toEqual({ label: "只在这里出现的文字" });
});
