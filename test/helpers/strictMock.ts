/*
 * Strict wrapper around office-addin-mock's OfficeMockObject.
 *
 * office-addin-mock does not throw when code reads a property that was not loaded and synced: it returns
 * the string "Error, property was not loaded" (or "Error, context.sync() was not called"), which code under
 * test then happily compares or writes. Real Office.js throws PropertyNotLoaded. This Proxy throws too,
 * and counts context.sync() calls so tests can bound round-trips.
 *
 *   const mock = createStrictContext({ workbook: { name: "考核.xlsx" } });
 *   mock.context.workbook.load("name");
 *   await mock.context.sync();
 *   mock.context.workbook.name;     // "考核.xlsx" (throws NotLoadedError without load + sync)
 *   mock.syncCount();               // 1
 *
 * Functions in the data (e.g. getItem) are called with `this` = the raw mock object; any mock object they
 * return is wrapped strictly as well. Limitation: a value the code itself assigned (range.values = …) can be
 * read back without load, unlike real Office.js.
 */
import { OfficeMockObject } from "office-addin-mock";

export const MOCK_NOT_LOADED = "Error, property was not loaded";
export const MOCK_NOT_SYNCED = "Error, context.sync() was not called";

export class NotLoadedError extends Error {
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = "NotLoadedError";
  }
}

export type MockData = Record<string, unknown>;

type AnyFunction = (...args: unknown[]) => unknown;

export interface StrictContextMock<T> {
  /** The strict context to pass to code under test (typed as Excel.RequestContext by default). */
  context: T;
  /** The underlying office-addin-mock object (not strict). */
  raw: OfficeMockObject;
  /** Number of context.sync() calls so far. */
  syncCount(): number;
  resetSyncCount(): void;
}

const wrappers = new WeakMap<object, unknown>();

function reasonFor(value: unknown): string | undefined {
  if (value === MOCK_NOT_LOADED) return "property read before load() + context.sync() (PropertyNotLoaded)";
  if (value === MOCK_NOT_SYNCED) return "property read after load() but before context.sync() (PropertyNotLoaded)";
  return undefined;
}

function wrapResult(value: unknown, path: string): unknown {
  return value instanceof OfficeMockObject ? strict(value, path) : value;
}

/** Wraps one OfficeMockObject (recursively, lazily) in a Proxy whose unloaded reads throw. */
export function strict<T = unknown>(mock: OfficeMockObject, path = "context", onSync?: () => void): T {
  const cached = wrappers.get(mock);
  if (cached) return cached as T;
  const proxy = new Proxy(mock, {
    get(target, prop, receiver) {
      if (prop === "sync" && onSync) {
        return async <V>(passThrough?: V): Promise<V | undefined> => {
          onSync();
          await target.sync();
          return passThrough;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof prop === "symbol") return value;
      const where = `${path}.${prop}`;
      const reason = reasonFor(value);
      if (reason) throw new NotLoadedError(where, reason);
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          const result = (value as AnyFunction).apply(target, args);
          // load() returns the raw mock: hand back the strict proxy instead.
          if (result === target) return receiver;
          if (result instanceof Promise) return result.then((r) => wrapResult(r, `${where}()`));
          return wrapResult(result, `${where}()`);
        };
      }
      return wrapResult(value, where);
    },
  });
  wrappers.set(mock, proxy);
  return proxy as T;
}

/** A strict request context over `data` (e.g. `{ workbook: { worksheets: { … } } }`), counting syncs. */
export function createStrictContext<T = Excel.RequestContext>(data: MockData): StrictContextMock<T> {
  const raw = new OfficeMockObject(data);
  let syncs = 0;
  const context = strict<T>(raw, "context", () => {
    syncs += 1;
  });
  return {
    context,
    raw,
    syncCount: () => syncs,
    resetSyncCount: () => {
      syncs = 0;
    },
  };
}

/**
 * Installs a global `Excel.run` that hands `context` to the batch function. Returns a function that
 * restores the previous global. Use in tests of code that calls Excel.run.
 */
export function installExcelRun(context: unknown, runOptions: unknown[] = []): () => void {
  const g = globalThis as { Excel?: unknown };
  const previous = g.Excel;
  g.Excel = {
    // Excel.run(batch) or Excel.run(options, batch): the options of each run are pushed to runOptions.
    run: async <R>(a: unknown, b?: (ctx: unknown) => Promise<R>): Promise<R> => {
      const batch = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<R>;
      runOptions.push(typeof a === "function" ? undefined : a);
      return batch(context);
    },
  };
  return () => {
    g.Excel = previous;
  };
}
