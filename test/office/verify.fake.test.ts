// 核定 on the fake Excel: the verified figure and reason land in the unit sheet's CR_VER_/CR_VRS_ cells and
// one row is appended to 核定记录 (never rewriting earlier rows); bad input writes nothing. Protection is told
// apart (a sheet's password, the workbook's structure, anything else), both sheets' protection is known before
// either changes, and a 核定 never leaves a record entry without its cell change — a failure injected at every
// operation of the write shows it.
import { getCatalog, indexOf } from "../../src/core/index";
import { names } from "../../src/core/names";
import { importWorkbooks } from "../../src/office/import";
import { WriteError } from "../../src/office/protection";
import { listUnitSheets, readClause, recordVerification, VerificationError, type RecordVerificationRequest } from "../../src/office/verify";
import { AUDIT_HEADERS, AUDIT_SHEET, parseAuditRows } from "../../src/review/verification";
import { FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { returnedFile } from "../review/helpers";

const CLAUSE = "county.1.1.2";
const points = indexOf(getCatalog(2022, "county")).clauses.get(CLAUSE)!.clause.deduction;
const now = new Date("2022-12-20T07:04:05Z");

/** The office's workbook with 兴山区 imported (0 meetings held: clause county.1.1.2 deducts its points); built once, copied per test. */
let base: FakeWorkbook;
beforeAll(async () => {
  base = new FakeWorkbook();
  const file = { name: "兴山区.xlsx", base64: Buffer.from(await returnedFile("兴山区", "county", { values: { meetingsHeld: 0 } })).toString("base64") };
  await base.run(() => importWorkbooks([file], { supports: () => true, year: 2022 }));
}, 60_000);

const request = (req: Partial<RecordVerificationRequest> = {}): RecordVerificationRequest => ({ sheet: "兴山区", clauseId: CLAUSE, deduction: 0, reason: "已补充会议纪要", reviewer: "张三", now, ...req });
const attempt = (book: FakeWorkbook, req: Partial<RecordVerificationRequest> = {}) => book.run(() => recordVerification(request(req)).then((r) => ({ r, e: undefined }), (e: unknown) => ({ r: undefined, e })));
/** A sheet's protection and every cell's content and format (a formula cell by its formula: its value is computed). */
const state = (s: FakeSheet) => JSON.stringify({ p: s.protected, pw: s.password ?? null, cells: [...s.cells.entries()].map(([k, c]) => [k, c.f ?? c.v, c.fmt]) });
const cell = (book: FakeWorkbook, name: string) => book.named(book.sheet("兴山区"), name)?.v ?? null;
const rows = (log: FakeSheet) => {
  const out: unknown[][] = [];
  for (const [r, c, x] of log.each()) if (x.v !== null) (out[r - 1] ??= [])[c - 1] = x.v;
  return out.filter(Boolean);
};

test("a 核定 writes the unit's 核定 cells and creates 核定记录 with one row: both sheets end protected, no password", async () => {
  const book = base.clone();
  const { r } = await attempt(book);
  expect(r).toMatchObject({ sheet: "兴山区", clauseId: CLAUSE, from: points, to: 0, previous: undefined, auditRow: 2, note: undefined });
  // read the unit sheet; the 核定记录's end and protection; unprotect the unit sheet alone; cells + record; the
  // record read back (src/office/auditLog.ts: appends checked after the write); protect both again (load, protect)
  expect(r!.syncs).toBe(7);
  expect(cell(book, names.verified(CLAUSE))).toBe(0);
  expect(cell(book, names.verifiedReason(CLAUSE))).toBe("已补充会议纪要");
  const log = book.sheet(AUDIT_SHEET);
  expect(rows(log)[0]).toEqual([...AUDIT_HEADERS]);
  expect(rows(log)[1]).toEqual([expect.stringMatching(/^2022-12-2\dT\d\d:\d4:05[+-]\d\d:\d\d$/), "张三", "兴山区", "兴山区", CLAUSE, points, points, undefined, 0, "已补充会议纪要", "核定", expect.stringMatching(/^[0-9a-z]{12}$/), expect.stringMatching(/^[0-9a-z]{8}-1\/1-[0-9a-z]{12}$/)]);
  expect([book.sheet("兴山区").protected, book.sheet("兴山区").password, log.protected, log.password]).toEqual([true, undefined, true, undefined]);
});

test("a second 核定 appends below and never rewrites the earlier row; 'previous' is the earlier 核定", async () => {
  const book = base.clone();
  await attempt(book);
  const row2 = rows(book.sheet(AUDIT_SHEET))[1];
  const { r } = await attempt(book, { deduction: 1, reason: "会议纪要不全，酌情扣 1 分", reviewer: "李四" });
  expect(r).toMatchObject({ from: points, to: 1, previous: 0, auditRow: 3 });
  expect(book.structural).toEqual([`add ${AUDIT_SHEET}`]); // the copy of the office workbook starts with 兴山区 imported
  const log = rows(book.sheet(AUDIT_SHEET));
  expect(log[1]).toEqual(row2);
  // The same figures: the same fingerprint (the basis the 核定 was made on).
  expect(log[2].slice(1)).toEqual(["李四", "兴山区", "兴山区", CLAUSE, points, points, 0, 1, "会议纪要不全，酌情扣 1 分", "核定", row2[11], expect.stringMatching(/-1\/1-/)]);
  expect(cell(book, names.verified(CLAUSE))).toBe(1);
});

test("the same figure as the self-assessment needs no reason", async () => {
  const book = base.clone();
  const { r } = await attempt(book, { deduction: points, reason: "" });
  expect(r!.to).toBe(points);
  expect(cell(book, names.verifiedReason(CLAUSE))).toBeNull();
});

test.each([
  ["above the clause's points", { deduction: points + 1 }, `应在 0 到 ${points} 分之间`],
  ["negative", { deduction: -1 }, "应在 0 到"],
  ["not a number", { deduction: "很多" }, "核定扣分应为数字"],
  ["blank", { deduction: "" }, "核定扣分应为数字"],
  ["different without a reason", { deduction: 0, reason: " " }, "请写明核定说明"],
  ["no reviewer", { reviewer: "" }, "请填写核定人姓名"],
  ["unknown clause", { clauseId: "county.9.9.9" }, "条款编号“county.9.9.9”不在"],
  ["unknown sheet", { sheet: "不存在" }, "找不到工作表“不存在”"],
])("%s → Chinese error, nothing written (1 sync)", async (_n, req, message) => {
  const book = base.clone();
  const before = state(book.sheet("兴山区"));
  const { e } = await attempt(book, req as Partial<RecordVerificationRequest>);
  expect(e).toBeInstanceOf(VerificationError);
  expect((e as Error).message).toContain(message);
  expect(book.syncs).toBe(1);
  expect(book.structural).toEqual([]);
  expect(state(book.sheet("兴山区"))).toBe(before);
});

test("a 核定记录 sheet the add-in did not make is never written to", async () => {
  const book = base.clone();
  const foreign = book.addSheet(AUDIT_SHEET);
  foreign.cell(1, 1).v = "我的笔记";
  const before = [state(foreign), state(book.sheet("兴山区"))];
  const { e } = await attempt(book);
  expect((e as Error).message).toMatch(/不是本加载项的核定记录/);
  expect([state(foreign), state(book.sheet("兴山区"))]).toEqual(before);
});

test("a sheet that is not a template cannot be verified", async () => {
  const book = new FakeWorkbook();
  book.addSheet("兴山区").cell(1, 1).v = "随便";
  const { e } = await attempt(book);
  expect((e as Error).message).toMatch(/不是考核模板/);
  expect(book.sheet("兴山区").value("A1")).toBe("随便");
});

describe("protection told apart", () => {
  async function withRecord() {
    const book = base.clone();
    await attempt(book, { deduction: 1, reason: "第一次" });
    return book;
  }
  test.each([
    ["核定记录 has a password; Excel on the web tells (isPasswordProtected): refused in the read of the log, 2 syncs", AUDIT_SHEET, true, 2],
    ["核定记录 has a password; desktop Excel cannot tell: its unprotect, alone in its batch, is refused; the unit sheet unprotected before it is protected again", AUDIT_SHEET, false, 5],
    ["the unit sheet has a password; desktop: refused at its unprotect, the first of the batch; nothing else ran", "兴山区", false, 5],
  ])("%s", async (_n, locked, web, syncs) => {
    const book = await withRecord();
    book.sheet(locked).password = "密码";
    book.supported = (set) => web || set !== "ExcelApiOnline";
    const before = { unit: state(book.sheet("兴山区")), audit: state(book.sheet(AUDIT_SHEET)) };
    const syncsBefore = book.syncs;
    const { e } = await attempt(book, { deduction: 0, reason: "第二次", reviewer: "李四" });
    expect(e).toBeInstanceOf(WriteError);
    expect(e).toMatchObject({ kind: "sheetPassword", sheets: [locked], message: `“${locked}”工作表设有密码保护，加载项不能解除，未作任何修改；请在“审阅 → 撤消工作表保护”中输入密码解除后再试` });
    expect({ unit: state(book.sheet("兴山区")), audit: state(book.sheet(AUDIT_SHEET)) }).toEqual(before);
    expect(book.syncs - syncsBefore).toBe(syncs);
    expect(cell(book, names.verifiedReason(CLAUSE))).toBe("第一次");
  });

  test("the workbook's structure is protected and 核定记录 would have to be added: refused in the read with its own message", async () => {
    const book = base.clone();
    book.structureProtected = true;
    const before = state(book.sheet("兴山区"));
    const { e } = await attempt(book);
    expect(e).toMatchObject({ kind: "workbookStructure", message: expect.stringMatching(/^工作簿结构受保护/) });
    expect(book.syncs).toBe(2); // the unit sheet, then the log's end with the protection and structure
    expect(state(book.sheet("兴山区"))).toBe(before);
  });

  test("structure protected but 核定记录 already there: the 核定 needs no new sheet and goes through", async () => {
    const book = await withRecord();
    book.structureProtected = true;
    const { r } = await attempt(book, { deduction: 0, reason: "第二次" });
    expect(r).toMatchObject({ to: 0, auditRow: 3 });
  });
});

test("Excel refuses any operation of the write: a record entry never counts without its cell change, and a failure after both only leaves a note", async () => {
  const ok = await (async () => {
    const book = base.clone();
    await attempt(book, { deduction: 1, reason: "第一次" });
    return book;
  })();
  const probe = ok.clone();
  const start = probe.operations;
  await attempt(probe, { deduction: 0, reason: "第二次" });
  const total = probe.operations - start;
  for (let n = 1; n <= total; n++) {
    const book = ok.clone();
    book.operations = 0;
    book.failAtOperation = n;
    const { r, e } = await attempt(book, { deduction: 0, reason: "第二次" });
    // What counts is what the 汇总 reads (parseAuditRows: an entry appended again after a failed request counts once).
    const counted = parseAuditRows(rows(book.sheet(AUDIT_SHEET)));
    expect([n, counted.problems]).toEqual([n, []]);
    const recorded = counted.entries.length === 2;
    const changed = cell(book, names.verified(CLAUSE)) === 0 && cell(book, names.verifiedReason(CLAUSE)) === "第二次";
    // Either both (the 核定 stands) or neither (the first 核定 stands as it was).
    expect([n, recorded, changed]).toEqual([n, recorded, recorded]);
    if (!recorded) {
      expect([n, counted.entries.length, cell(book, names.verified(CLAUSE)), cell(book, names.verifiedReason(CLAUSE))]).toEqual([n, 1, 1, "第一次"]);
      expect([n, e instanceof VerificationError || e instanceof WriteError || (e as { code?: string })?.code === "GeneralException"]).toEqual([n, true]);
    } else {
      // Saved: only re-protecting can have failed; the user is told which sheet is left unprotected.
      expect([n, r?.to]).toEqual([n, 0]);
      if (!book.sheet("兴山区").protected || !book.sheet(AUDIT_SHEET).protected) expect([n, r?.note]).toEqual([n, expect.stringMatching(/未能重新加上保护（数据已保存）/)]);
    }
  }
}, 120_000);

test("the pane's 核定 reads beside the write: the unit sheets (not the 核定记录, not a sheet without the names), and a clause as it stands after a 核定", async () => {
  const book = base.clone();
  await attempt(book, { deduction: 1, reason: "第一次" });
  book.addSheet("说明").cell(1, 1).v = "CR_UNIT";
  const syncs = book.syncs;
  const sheets = await book.run(() => listUnitSheets());
  expect(sheets).toEqual([{ sheet: "兴山区", unit: "兴山区", kind: "county", year: 2022 }]);
  expect(book.syncs - syncs).toBe(2);
  const clause = await book.run(() => readClause("兴山区", CLAUSE));
  // 0 meetings held: 自评 deducts the clause's 2.5; the 核定 recorded above is 1 with its reason.
  expect(clause).toEqual({ deduction: 2.5, status: "扣分", explanation: expect.stringContaining("扣 2.5 分"), verified: 1, verifiedReason: "第一次" });
});
