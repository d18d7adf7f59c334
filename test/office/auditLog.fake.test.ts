// Appending to the 核定记录 on the stateful fake Excel (test/helpers/fakeExcel.ts): one recording is all or
// nothing, and two members of the 考核组 appending at the same moment lose nothing — the fake plays the second
// member between this add-in's requests (FakeWorkbook.beforeSync), either as another copy of the add-in or as
// plain writes over the rows this one just wrote.
import { appendRecords, ATTEMPTS, type AppendItem, type AppendOptions } from "../../src/office/auditLog";
import { WriteError } from "../../src/office/protection";
import { settleRows } from "../../src/review/recordIds";
import { FakeWorkbook, type FakeContext, type FakeSheet } from "../helpers/fakeExcel";

const SHEET = "记录";
const HEADERS = ["时间", "核定人", "单位", "条款", "核定扣分", "核定说明", "记录编号"] as const;
const LEGACY = HEADERS.slice(0, 6);
const headerKind = (row: readonly unknown[] | undefined): "current" | "legacy" | "foreign" => {
  const cells = (row ?? []).map((v) => String(v ?? ""));
  if (HEADERS.every((h, i) => cells[i] === h)) return "current";
  if (LEGACY.every((h, i) => cells[i] === h) && !cells[6]) return "legacy";
  return "foreign";
};
let seed = 0;
/** Distinct recording names per call, as crypto would give. */
const random = () => Array.from({ length: 8 }, (_, i) => (seed++ * 7 + i * 13) % 32);
const opts = (extra: Partial<AppendOptions> = {}): AppendOptions => ({ sheet: SHEET, headers: HEADERS, headerKind, foreign: () => new Error("不是核定记录"), supports: (set, v) => set === "ExcelApiOnline" || Number(v) < 1.7, random, ...extra });

const item = (who: string, i: number, mirror?: AppendItem["mirror"]): AppendItem => ({ cells: ["2022-12-20T10:00:00+08:00", who, `单位${i}`, `county.1.1.${i}`, i % 3, `说明${i}`], mirror });

/** The log's rows as the 汇总 reads them (src/review/recordIds.ts settleRows): the entries that count. */
function counted(s: FakeSheet): { used: string[]; problems: string[] } {
  const box = s.used(true);
  const rows = [];
  for (let r = 2; r <= (box?.r2 ?? 0); r++) {
    const cells = HEADERS.map((_, c) => s.peek(r, c + 1)?.v ?? null);
    rows.push({ row: r, cells: cells.slice(0, 6), id: cells[6] });
  }
  const settled = settleRows(rows, SHEET);
  return { used: settled.used.map((r) => `${String(r.cells[1])}:${String(r.cells[2])}`), problems: settled.problems };
}

test("a recording of three entries into a workbook without a log: the sheet made with its headings, rows verified, protected", async () => {
  const book = new FakeWorkbook();
  const r = await book.run(() => Excel.run((ctx) => appendRecords(ctx, [1, 2, 3].map((i) => item("张三", i)), opts())));
  const s = book.sheet(SHEET);
  expect(HEADERS.map((_, c) => s.peek(1, c + 1)?.v)).toEqual([...HEADERS]);
  expect(r.rows).toEqual([2, 3, 4]);
  expect(r).toMatchObject({ rewritten: 0, attempts: 1 });
  expect(counted(s)).toEqual({ used: ["张三:单位1", "张三:单位2", "张三:单位3"], problems: [] });
  expect(String(s.value("G2"))).toMatch(new RegExp(`^${r.batch}-1/3-[0-9a-z]{12}$`));
  expect(s.protected).toBe(true);
  // read, write (the log's new extent comes back with it), read back its rows, protect again (read, protect)
  expect(r.syncs).toBe(5);
});

test("the unit-sheet cells of each entry go in the same request, before it; protected sheets are protected again", async () => {
  const book = new FakeWorkbook();
  const unit = book.addSheet("兴山区");
  unit.cell(5, 8).v = 1;
  unit.protected = true;
  const items = [1, 2].map((i) => item("张三", i, [{ sheet: "兴山区", address: `H${4 + i}`, value: i, before: i === 1 ? 1 : null }, { sheet: "兴山区", address: `I${4 + i}`, value: `=说明${i}`, before: null }]));
  await book.run(() => Excel.run((ctx) => appendRecords(ctx, items, opts())));
  expect([unit.value("H5"), unit.value("I5"), unit.value("H6"), unit.value("I6")]).toEqual([1, "=说明1", 2, "=说明2"]);
  expect(unit.formula("I5")).toBeUndefined(); // text, never a formula
  expect(unit.protected).toBe(true);
  expect(counted(book.sheet(SHEET)).used).toHaveLength(2);
});

test("an older log (fewer columns) is extended: its headings kept, the new one added, its rows untouched", async () => {
  const book = new FakeWorkbook();
  const s = book.addSheet(SHEET);
  LEGACY.forEach((h, c) => (s.cell(1, c + 1).v = h));
  ["2022-01-01", "王五", "单位9", "county.1.1.9", 1, "旧"].forEach((v, c) => (s.cell(2, c + 1).v = v));
  await book.run(() => Excel.run((ctx) => appendRecords(ctx, [item("张三", 1)], opts())));
  expect(s.value("G1")).toBe("记录编号");
  expect(counted(s).used).toEqual(["王五:单位9", "张三:单位1"]);
});

test("a sheet of that name that is not ours is refused before anything is written", async () => {
  const book = new FakeWorkbook();
  const s = book.addSheet(SHEET);
  s.cell(1, 1).v = "别的表";
  const e = await book.run(() => Excel.run((ctx) => appendRecords(ctx, [item("张三", 1)], opts()))).then(() => undefined, (x: unknown) => x);
  // The caller's own refusal, as it made it (the pane's RecordError, the one-clause form's VerificationError).
  expect(e).toEqual(new Error("不是核定记录"));
  expect(s.used(true)).toEqual({ r1: 1, c1: 1, r2: 1, c2: 1 });
});

test("a unit sheet with a password (Excel on the web tells): refused in the first request, nothing changed", async () => {
  const book = new FakeWorkbook();
  const unit = book.addSheet("兴山区");
  unit.protected = true;
  unit.password = "密码";
  const e = await book.run(() => Excel.run((ctx) => appendRecords(ctx, [item("张三", 1, [{ sheet: "兴山区", address: "H5", value: 1, before: null }])], opts()))).then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(WriteError);
  expect((e as Error).message).toMatch(/“兴山区”工作表设有密码保护/);
  expect(book.find(SHEET)).toBeUndefined();
  expect(unit.value("H5")).toBeNull();
  expect(book.syncs).toBe(1);
});

describe("co-authoring: a second member of the 考核组 records at the same moment", () => {
  test("two copies of the add-in whose requests alternate (both read the same end of the log): every entry of both counts", async () => {
    const book = new FakeWorkbook();
    // The two runs' requests reach the workbook strictly in turn: A, B, A, B … (the worst case for an append
    // at a row computed from what was read: both read the log before either writes).
    const order: string[] = [];
    let turn = 0;
    const who = new Map<FakeContext, number>();
    const waiting: (() => void)[] = [];
    book.beforeSync = async (ctx) => {
      if (!who.has(ctx)) who.set(ctx, who.size);
      const me = who.get(ctx)!;
      while (turn % 2 !== me && who.size > 1 && !finished.has(1 - me)) await new Promise<void>((r) => waiting.push(r));
      order.push(me ? "B" : "A");
    };
    const finished = new Set<number>();
    const release = () => {
      turn++;
      for (const w of waiting.splice(0)) w();
    };
    const wrapped = (name: string, i: number) =>
      Excel.run(async (ctx) => {
        const counting = new Proxy(ctx, { get: (t, p) => (p === "sync" ? async () => { try { return await t.sync(); } finally { release(); } } : Reflect.get(t, p, t)) }) as Excel.RequestContext;
        try {
          return await appendRecords(counting, [1, 2, 3].map((k) => item(name, i * 10 + k)), opts());
        } finally {
          finished.add(i);
          release();
        }
      });
    const [a, b] = await book.run(() => Promise.all([wrapped("张三", 0), wrapped("李四", 1)]));
    expect(order.slice(0, 6)).toEqual(["A", "B", "A", "B", "A", "B"]);
    const { used, problems } = counted(book.sheet(SHEET));
    expect(problems).toEqual([]);
    expect(used.sort()).toEqual(["张三:单位1", "张三:单位2", "张三:单位3", "李四:单位11", "李四:单位12", "李四:单位13"].sort());
    expect(new Set([...a.rows, ...b.rows]).size).toBe(6);
    expect(book.sheet(SHEET).protected).toBe(true);
  });

  test("another writer's rows land over this one's just after its write (an append at a stale end, no insert): they are found missing and appended again; both survive", async () => {
    const book = new FakeWorkbook();
    let syncs = 0;
    let overwritten = false;
    book.beforeSync = () => {
      syncs++;
      const s = book.find(SHEET);
      // After this add-in's write (its second request), before it reads back: the other member's two rows
      // arrive at the rows where this one's first two are — cell by cell, as a coauthor's Range.values would.
      if (!overwritten && s && syncs === 3) {
        overwritten = true;
        ["2022-12-20T10:00:01+08:00", "李四", "单位8", "county.1.1.8", 0, "同意自评"].forEach((v, c) => (s.cell(2, c + 1).v = v));
        ["2022-12-20T10:00:01+08:00", "李四", "单位9", "county.1.1.9", 0, "同意自评"].forEach((v, c) => (s.cell(3, c + 1).v = v));
        s.cell(2, 7).v = null;
        s.cell(3, 7).v = null;
      }
    };
    const r = await book.run(() => Excel.run((ctx) => appendRecords(ctx, [1, 2, 3].map((i) => item("张三", i)), opts())));
    expect(overwritten).toBe(true);
    expect(r.rewritten).toBe(2);
    expect(r.attempts).toBe(2);
    const { used, problems } = counted(book.sheet(SHEET));
    expect(problems).toEqual([]);
    // The other member's rows (no 记录编号: as an older add-in writes) stay where they landed; this one's
    // entry 3 is at its first place, entries 1 and 2 again below.
    expect(used).toEqual(["李四:单位8", "李四:单位9", "张三:单位3", "张三:单位1", "张三:单位2"]);
  });

  test("a writer that keeps overwriting: after the last attempt nothing of the recording counts and the unit-sheet cells are put back", async () => {
    const book = new FakeWorkbook();
    const unit = book.addSheet("兴山区");
    unit.cell(5, 8).v = 0.5;
    book.beforeSync = () => {
      const s = book.find(SHEET);
      // Before every request of this add-in, the other member's rows land over each row this one wrote.
      for (const [r] of s ? [...s.each()].filter(([, c, x]) => c === 2 && x.v === "张三") : []) {
        ["2022-12-20", "李四", `单位${r}`, "x", 0, "覆盖"].forEach((v, c) => (s!.cell(r, c + 1).v = v));
        s!.cell(r, 7).v = null;
      }
    };
    const e = await book.run(() => Excel.run((ctx) => appendRecords(ctx, [item("张三", 1, [{ sheet: "兴山区", address: "H5", value: 2, before: 0.5 }]), item("张三", 2)], opts()))).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as Error).message).toMatch(/核定记录没有写完.*都不会被采用.*已恢复原样/);
    book.beforeSync = undefined;
    expect(counted(book.sheet(SHEET)).used.filter((u) => u.startsWith("张三"))).toEqual([]);
    expect(unit.value("H5")).toBe(0.5);
    expect(ATTEMPTS).toBe(3);
  });
});

describe("nothing half-written: a failure injected at each operation", () => {
  // A recording of 4 entries with their unit-sheet cells on two protected sheets, written in two requests
  // (a small budget). Whatever operation fails, afterwards: the recording counts whole or not at all, and
  // each unit-sheet cell holds the entry's figure exactly when the recording counts, what it held before otherwise.
  const budget = 1_200;
  const build = () => {
    const book = new FakeWorkbook();
    for (const name of ["兴山区", "萝北县"]) {
      const s = book.addSheet(name);
      s.cell(5, 8).v = 9;
      s.protected = true;
    }
    const log = book.addSheet(SHEET);
    HEADERS.forEach((h, c) => (log.cell(1, c + 1).v = h));
    log.protected = true;
    return book;
  };
  const items = [1, 2, 3, 4].map((i) => item("张三", i, [{ sheet: i % 2 ? "兴山区" : "萝北县", address: `H${4 + i}`, value: i, before: i === 1 ? 9 : null }]));
  let total = 0;

  test("without a failure: two write requests", async () => {
    const book = build();
    const r = await book.run(() => Excel.run((ctx) => appendRecords(ctx, items, opts({ budget }))));
    total = book.operations;
    expect(book.requests.length).toBe(r.syncs);
    expect(r.syncs).toBe(7); // read, unprotect, write ×2, read back, protect again ×2
    expect(total).toBeGreaterThan(20);
  });

  test("at every operation", async () => {
    expect(total).toBeGreaterThan(0);
    const outcomes = { whole: 0, none: 0 };
    for (let k = 1; k <= total; k++) {
      const book = build();
      book.failAtOperation = k;
      const e = await book.run(() => Excel.run((ctx) => appendRecords(ctx, items, opts({ budget })))).then(() => undefined, (x: unknown) => x);
      book.failAtOperation = undefined;
      const mine = counted(book.sheet(SHEET)).used;
      const whole = mine.length === 4;
      expect([0, 4]).toContain(mine.length);
      if (e) expect(e).toBeInstanceOf(WriteError);
      else expect(whole).toBe(true);
      for (const [i, it] of items.entries()) {
        const m = it.mirror![0];
        expect([k, i, book.sheet(m.sheet).value(m.address)]).toEqual([k, i, whole ? m.value : m.before]);
      }
      outcomes[whole ? "whole" : "none"]++;
    }
    // Most single failures are retried to a whole recording; the rest leave nothing that counts.
    expect(outcomes.whole).toBeGreaterThan(0);
    console.log(`[append] failure at each of ${total} operations: ${outcomes.whole} recorded whole, ${outcomes.none} not at all`);
  }, 120_000);
});
