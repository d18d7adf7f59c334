// 核定 and sheet protection on the fake Excel (protect() on a protected sheet fails, unprotect needs the
// password, a failed operation stops its batch): both sheets' protection is known before either changes,
// and a 核定 that cannot unprotect one of them leaves both sheets exactly as they were.
import { names } from "../../src/core/names";
import { importWorkbooks } from "../../src/office/import";
import { listUnitSheets, readClause, recordVerification, VerificationError } from "../../src/office/verify";
import { AUDIT_SHEET } from "../../src/review/verification";
import { FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { returnedFile } from "../review/helpers";

const CLAUSE = "county.1.1.2";

async function office(): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  await book.run(async () => {
    const file = { name: "兴山区.xlsx", base64: Buffer.from(await returnedFile("兴山区", "county", { values: { meetingsHeld: 0 } })).toString("base64") };
    await importWorkbooks([file], { supports: () => true, year: 2022 });
    await recordVerification({ sheet: "兴山区", clauseId: CLAUSE, deduction: 1, reason: "第一次", reviewer: "张三" });
  });
  return book;
}

const state = (s: FakeSheet) => JSON.stringify({ p: s.protected, pw: s.password ?? null, cells: [...s.cells.entries()].map(([k, c]) => [k, c.v, c.f ?? null]) });

async function attempt(book: FakeWorkbook) {
  return book.run(() =>
    recordVerification({ sheet: "兴山区", clauseId: CLAUSE, deduction: 0, reason: "第二次", reviewer: "李四" }).then(
      () => undefined,
      (e: unknown) => e,
    ),
  );
}

test.each([
  ["核定记录 has a password; Excel on the web tells (isPasswordProtected): refused in the read, 1 sync", AUDIT_SHEET, true, 1],
  ["核定记录 has a password; desktop Excel cannot tell: its unprotect fails first in the batch, nothing ran (a check afterwards finds both protected)", AUDIT_SHEET, false, 3],
  ["the unit sheet has a password; desktop: 核定记录 was unprotected before the failure and is protected again", "兴山区", false, 4],
])("%s", async (_n, locked, web, syncs) => {
  const book = await office();
  book.sheet(locked).password = "密码";
  book.supported = (set) => web || set !== "ExcelApiOnline";
  const before = { unit: state(book.sheet("兴山区")), audit: state(book.sheet(AUDIT_SHEET)) };
  const syncsBefore = book.syncs;
  const e = await attempt(book);
  expect(e).toBeInstanceOf(VerificationError);
  expect((e as Error).message).toMatch(/设有密码保护.*两张表都没有改动/);
  expect({ unit: state(book.sheet("兴山区")), audit: state(book.sheet(AUDIT_SHEET)) }).toEqual(before);
  expect(book.syncs - syncsBefore).toBe(syncs);
  expect(book.named(book.sheet("兴山区"), names.verifiedReason(CLAUSE))?.v).toBe("第一次");
}, 60_000);

test("without passwords the second 核定 goes through and both sheets end protected", async () => {
  const book = await office();
  expect(await attempt(book)).toBeUndefined();
  expect([book.sheet("兴山区").protected, book.sheet(AUDIT_SHEET).protected]).toEqual([true, true]);
  expect(book.sheet(AUDIT_SHEET).value("J3")).toBe("第二次");
}, 60_000);

test("the pane's 核定 reads beside the write: the unit sheets (not the 核定记录, not a sheet without the names), and a clause as it stands after a 核定", async () => {
  const book = await office();
  book.addSheet("说明").cell(1, 1).v = "CR_UNIT";
  const syncs = book.syncs;
  const sheets = await book.run(() => listUnitSheets());
  expect(sheets).toEqual([{ sheet: "兴山区", unit: "兴山区", kind: "county", year: 2022 }]);
  expect(book.syncs - syncs).toBe(2);
  const clause = await book.run(() => readClause("兴山区", CLAUSE));
  // 0 meetings held: 自评 deducts the clause's 2.5; the 核定 recorded above is 1 with its reason.
  expect(clause).toEqual({ deduction: 2.5, status: "扣分", explanation: expect.stringContaining("扣 2.5 分"), verified: 1, verifiedReason: "第一次" });
}, 60_000);
