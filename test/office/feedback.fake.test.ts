// 结果反馈单 in the open workbook (src/office/feedback.ts) on the stateful fake Excel: one sheet per unit sheet,
// the command line's document cell for cell, 核定 and 复核 from the 核定记录 only, never over an existing sheet.
import { DEFAULT_FEEDBACK_TERMS, getCatalog } from "../../src/core/index";
import { buildFeedback, feedbackSheetName } from "../../src/layout/feedback";
import { addFeedbackSheets } from "../../src/office/feedback";
import { buildSummary } from "../../src/office/summary";
import { importWorkbooks } from "../../src/office/import";
import { runExcel } from "../../src/office/run";
import { recordVerification } from "../../src/office/verify";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { returnedFile } from "../review/helpers";

const county = getCatalog(2022, "county");
const points = (id: string) => county.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses)).find((c) => c.id === id)!.deduction;
const terms = { ...DEFAULT_FEEDBACK_TERMS, days: 7, contact: "李四", phone: "0468-1234567" };

describe("反馈单 in the workbook", () => {
  const book = new FakeWorkbook();

  beforeAll(async () => {
    const files = await Promise.all(["兴山区", "向阳区"].map(async (unit) => ({ name: `${unit}.xlsx`, base64: (await returnedFile(unit, "county")).toString("base64") })));
    expect((await book.run(() => importWorkbooks(files, { supports: () => true, year: 2022 }))).rejected).toEqual([]);
    await book.run(() => recordVerification({ sheet: "兴山区", clauseId: "county.1.1.2", deduction: points("county.1.1.2"), reason: "未见落实文件", reviewer: "张三" }));
    // The unit asked for 复核; the 考核组 decided again.
    await book.run(() => recordVerification({ sheet: "兴山区", clauseId: "county.1.1.2", deduction: 0, reason: "单位补充了落实文件，复核不扣分", reviewer: "张三", kind: "复核" }));
  }, 60_000);

  it("a 复核 needs its reason", async () => {
    await expect(book.run(() => recordVerification({ sheet: "兴山区", clauseId: "county.1.1.1", deduction: 0, reason: "", reviewer: "张三", kind: "复核" }))).rejects.toThrow(/复核须写明复核理由/);
  });

  it("one sheet per unit, the command line's document; 复核 marked; a second run writes nothing over them", async () => {
    const before = book.syncs;
    const r = await book.run(() => runExcel((context) => addFeedbackSheets(context, { year: 2022, terms, date: "2022-12-30", supports: () => true })));
    // The snapshot (names, sizes, one chunk of cells) and one write.
    expect(book.syncs - before).toBe(4);
    expect(r.written.map((w) => [w.unit, w.sheet, w.score, w.fullyVerified])).toEqual([
      ["兴山区", "反馈单-兴山区", 100, false],
      ["向阳区", "反馈单-向阳区", 100, false],
    ]);
    const sheet = book.sheet(feedbackSheetName("兴山区"));
    const rows = Array.from({ length: 60 }, (_, r) => Array.from({ length: 6 }, (__, c) => sheet.peek(r + 1, c + 1)?.v ?? ""));
    const line = rows.find((x) => String(x[1]).startsWith("1.1.2 "))!;
    expect(line.slice(2)).toEqual([points("county.1.1.2"), 0, 0, "【复核】单位补充了落实文件，复核不扣分"]);
    // The same document the command line writes, value for value (the unit's review is the same either way).
    const doc = buildFeedback({
      unit: { unit: "兴山区", catalog: county, clauses: [], verifiedCount: 0, fullyVerified: false },
      terms,
      issuer: "x",
      date: "2022-12-30",
    });
    expect(sheet.peek(1, 1)?.v).toBe(doc.rows[0][0]?.v);
    expect(rows.some((x) => String(x[0]).includes("请于收到本反馈单之日起 7 个工作日内"))).toBe(true);
    expect(sheet.protected).toBe(true);
    const again = await book.run(() => runExcel((context) => addFeedbackSheets(context, { year: 2022, terms, supports: () => true })));
    expect(again.written).toEqual([]);
    expect(again.skipped.map((s) => s.unit)).toEqual(["兴山区", "向阳区"]);
    expect(again.skipped[0].reason).toContain("已存在，未覆盖");
  }, 60_000);
});

test("the 汇总 says whose score changed after 复核, and its 工作记录 lists each 复核 with what it replaced", async () => {
  const book = new FakeWorkbook();
  const files = await Promise.all(["兴山区", "向阳区"].map(async (unit) => ({ name: `${unit}.xlsx`, base64: (await returnedFile(unit, "county")).toString("base64") })));
  await book.run(() => importWorkbooks(files, { supports: () => true, year: 2022 }));
  await book.run(() => recordVerification({ sheet: "兴山区", clauseId: "county.1.1.2", deduction: points("county.1.1.2"), reason: "未见落实文件", reviewer: "张三" }));
  await book.run(() => recordVerification({ sheet: "兴山区", clauseId: "county.1.1.2", deduction: 0, reason: "单位补充了落实文件，复核不扣分", reviewer: "王五", kind: "复核" }));
  // 向阳区: a 复核 that confirms the 核定 — listed, its score unchanged.
  await book.run(() => recordVerification({ sheet: "向阳区", clauseId: "county.1.1.1", deduction: 0, reason: "同意自评", reviewer: "张三" }));
  await book.run(() => recordVerification({ sheet: "向阳区", clauseId: "county.1.1.1", deduction: 0, reason: "单位申请复核，维持原核定", reviewer: "王五", kind: "复核" }));
  const r = await book.run(() => buildSummary({ year: 2022, supports: () => true }));
  const row = r.data.tables.county.rows.find((x) => x.unit === "兴山区")!;
  const before = 100 - points("county.1.1.2");
  expect(row.recheck).toMatchObject({ scoreBefore: before, scoreAfter: 100, clauses: [{ clauseId: "county.1.1.2", before: points("county.1.1.2"), after: 0, reviewer: "王五" }] });
  const cells = (name: string) => {
    const s = book.sheet(name);
    return [...s.each()].map(([, , c]) => String(c.v ?? ""));
  };
  // 兴山区 has one clause 核定 of its 19: its 备注 says how many remain, then the 复核.
  expect(cells("汇总")).toContain(`待核定（18 条未核定）；复核后由 ${before} 分调整为 100 分`);
  expect(cells("工作记录")).toContain(`六、复核（2 条，2 个单位；得分因复核变动的 1 个：兴山区 ${before} → 100）`);
  expect(cells("工作记录")).toEqual(expect.arrayContaining(["单位申请复核，维持原核定", "单位补充了落实文件，复核不扣分"]));
}, 60_000);
