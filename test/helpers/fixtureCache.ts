// Fixtures made once per test run and shared by every test file (and worker) of the run: a file is made by the
// first test that asks for it and read back by the others. The folder is the run's own
// (test/helpers/fixtureCache.setup.cjs), so nothing outlives the sources it was made from; outside `npm test`
// (no folder) every call makes its fixture, as before.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A key that tells apart every value a fixture's recipe may hold: undefined, NaN, -0 and Dates are not what
 * JSON.stringify makes of them (an answer left undefined is not the same file as one left at its default).
 */
export function recipeKey(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (v === undefined) return { $: "undefined" };
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) return { $: "number", v: String(Object.is(v, -0) ? "-0" : v) };
    if (typeof v === "bigint") return { $: "bigint", v: String(v) };
    if (v instanceof Date) return { $: "date", v: Number.isNaN(v.getTime()) ? "invalid" : v.toISOString() };
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new Error(`recipeKey: ${String(proto?.constructor?.name)} cannot be keyed`);
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk((v as Record<string, unknown>)[k])]));
    }
    if (typeof v === "function" || typeof v === "symbol") throw new Error(`recipeKey: a ${typeof v} cannot be keyed`);
    return v;
  };
  return createHash("sha256").update(JSON.stringify(walk(value))).digest("hex").slice(0, 32);
}

const pending = new Map<string, Promise<Buffer>>();

/**
 * The bytes `make` gives for `recipe`, made once per run: from this process's own pending call, else from the
 * run's folder, else made now and written there (under a temporary name, then renamed: another worker reading
 * at the same moment sees the whole file or none).
 */
export function sharedFixture(kind: string, recipe: unknown, make: () => Promise<Buffer>): Promise<Buffer> {
  const dir = process.env.CREDIT_TEST_FIXTURES;
  if (!dir) return make();
  const key = `${kind}-${recipeKey(recipe)}`;
  const held = pending.get(key);
  if (held) return held.then((b) => Buffer.from(b));
  const file = join(dir, `${key}.bin`);
  const made = (async () => {
    try {
      return readFileSync(file);
    } catch {
      const bytes = await make();
      mkdirSync(dir, { recursive: true });
      const part = `${file}.${process.pid}.part`;
      writeFileSync(part, bytes);
      renameSync(part, file);
      return bytes;
    }
  })();
  pending.set(key, made);
  made.catch(() => pending.delete(key));
  // Each caller gets its own copy: a test that changes its buffer cannot change another's file.
  return made.then((b) => Buffer.from(b));
}
