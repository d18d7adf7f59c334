// 核定 against the strict mock: the verified figure and reason land in the unit sheet's CR_VER_/CR_VRS_
// cells and one row is appended to 核定记录 (never rewriting earlier rows); bad input writes nothing.
import { getCatalog, indexOf } from "../../src/core/index";
import { names } from "../../src/core/names";
import { recordVerification, VerificationError, type RecordVerificationRequest } from "../../src/office/verify";
import { AUDIT_HEADERS, AUDIT_SHEET } from "../../src/review/verification";
import { installExcelRun } from "../helpers/strictMock";
import { namedValue, officeWorkbook, unitSheet, type Sheet } from "../helpers/officeWorkbook";
import { PERFECT } from "../fixtures/answers";

const CLAUSE = "county.1.1.2";
const points = indexOf(getCatalog(2022, "county")).clauses.get(CLAUSE)!.clause.deduction;
const evidence = Object.fromEntries([...indexOf(getCatalog(2022, "county")).clauses.keys()].map((id) => [id, "已附"]));
const now = new Date("2022-12-20T07:04:05Z");

/** 兴山区 held no meeting: clause county.1.1.2 deducts its points. */
const unit = () => unitSheet("兴山区", "county", { values: { ...PERFECT.county, meetingsHeld: 0 }, evidence });

async function record(sheets: Sheet[], req: Partial<RecordVerificationRequest>) {
  const wb = officeWorkbook(sheets);
  const restore = installExcelRun(wb.context);
  try {
    const r = await recordVerification({ sheet: "兴山区", clauseId: CLAUSE, deduction: 0, reason: "已补充会议纪要", reviewer: "张三", now, ...req });
    return { r, wb };
  } finally {
    restore();
  }
}

async function rejected(sheets: Sheet[], req: Partial<RecordVerificationRequest>) {
  const wb = officeWorkbook(sheets);
  const restore = installExcelRun(wb.context);
  try {
    const error = await recordVerification({ sheet: "兴山区", clauseId: CLAUSE, deduction: 0, reason: "理由", reviewer: "张三", now, ...req }).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error: error as VerificationError, wb };
  } finally {
    restore();
  }
}

test("a 核定 writes the unit's 核定 cells and creates 核定记录 with one row: 2 syncs, sheets re-protected", async () => {
  const s = unit();
  const { r, wb } = await record([s], {});
  expect(r).toMatchObject({ sheet: "兴山区", clauseId: CLAUSE, from: points, to: 0, previous: undefined, auditRow: 2, syncs: 2 });
  expect(wb.syncCount()).toBe(2);
  expect(namedValue(s, names.verified(CLAUSE))).toBe(0);
  expect(namedValue(s, names.verifiedReason(CLAUSE))).toBe("已补充会议纪要");
  // unprotect … write … protect, no password
  expect(s.log[0]).toBe("unprotect");
  expect(s.log[s.log.length - 1]).toBe("protect");
  expect(s.log.indexOf("numberFormat " + namedAddress(s, names.verifiedReason(CLAUSE)))).toBeLessThan(s.log.indexOf("values " + namedAddress(s, names.verifiedReason(CLAUSE))));
  const [log] = wb.added;
  expect(log.name).toBe(AUDIT_SHEET);
  expect(log.values[0]).toEqual([...AUDIT_HEADERS]);
  expect(log.values[1]).toEqual([expect.stringMatching(/^2022-12-2\dT\d\d:\d4:05[+-]\d\d:\d\d$/), "张三", "兴山区", "兴山区", CLAUSE, points, points, "", 0, "已补充会议纪要", "核定", expect.stringMatching(/^[0-9a-z]{12}$/)]);
  expect(log.log[log.log.length - 1]).toBe("protect");
  expect(log.log.indexOf(`numberFormat A2:L2`)).toBeLessThan(log.log.indexOf(`values A2:L2`));
});

function namedAddress(s: Sheet, name: string): string {
  return /!\$?([A-Z]+)\$?(\d+)/.exec(s.names.find((n) => n.name === name)!.value)!.slice(1).join("");
}

test("a second 核定 appends below and never rewrites the earlier row; 'from' includes the previous 核定", async () => {
  const s = unit();
  const first = await record([s], {});
  const log = first.wb.added[0];
  const row2 = [...log.values[1]];
  log.log.length = 0;
  const second = await record([s, log], { deduction: 1, reason: "会议纪要不全，酌情扣 1 分", reviewer: "李四" });
  expect(second.r).toMatchObject({ from: points, to: 1, previous: 0, auditRow: 3, syncs: 2 });
  expect(second.wb.added).toEqual([]); // the existing 核定记录 is used
  expect(log.values[1]).toEqual(row2);
  // The same figures: the same fingerprint (the basis the 核定 was made on).
  expect(log.values[2].slice(1)).toEqual(["李四", "兴山区", "兴山区", CLAUSE, points, points, 0, 1, "会议纪要不全，酌情扣 1 分", "核定", row2[11]]);
  // only row 3 was written: unprotect, format, values, protect
  expect(log.log).toEqual(["unprotect", "numberFormat A3:L3", "values A3:L3", "protect"]);
  expect(namedValue(s, names.verified(CLAUSE))).toBe(1);
});

test("the same figure as the self-assessment needs no reason", async () => {
  const s = unit();
  const { r } = await record([s], { deduction: points, reason: "" });
  expect(r.to).toBe(points);
  expect(namedValue(s, names.verifiedReason(CLAUSE))).toBe("");
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
  const s = unit();
  const before = JSON.stringify(s.values);
  const { error, wb } = await rejected([s], req as Partial<RecordVerificationRequest>);
  expect(error).toBeInstanceOf(VerificationError);
  expect(error.message).toContain(message);
  expect(wb.syncCount()).toBe(1);
  expect(wb.added).toEqual([]);
  expect(s.log).toEqual([]);
  expect(JSON.stringify(s.values)).toBe(before);
});

test("a 核定记录 sheet the add-in did not make is never written to", async () => {
  const s = unit();
  const foreign: Sheet = { name: AUDIT_SHEET, values: [["我的笔记"]], formulas: [["我的笔记"]], names: [], protected: false, log: [], deleted: false };
  const { error } = await rejected([s, foreign], {});
  expect(error.message).toMatch(/不是本加载项的核定记录/);
  expect(foreign.log).toEqual([]);
  expect(s.log).toEqual([]);
});

test("a 核定记录 of the earlier layout (no 类型, 依据指纹) is ours: its header is completed, its rows kept, the new row has both", async () => {
  const s = unit();
  const legacy = [...AUDIT_HEADERS.slice(0, 10)];
  const old = ["2022-12-19T09:00:00+08:00", "王五", "兴山区", "兴山区", CLAUSE, points, points, "", 2.5, "无会议记录"];
  const log: Sheet = { name: AUDIT_SHEET, values: [legacy, old], formulas: [legacy, old], names: [], protected: true, log: [], deleted: false };
  const { r } = await record([s, log], {});
  expect(r).toMatchObject({ auditRow: 3, syncs: 2 });
  expect(log.values[0]).toEqual([...AUDIT_HEADERS]);
  expect(log.values[1].slice(0, 10)).toEqual(old);
  expect(log.values[2].slice(10)).toEqual(["核定", expect.stringMatching(/^[0-9a-z]{12}$/)]);
});

test("a sheet that is not a template cannot be verified", async () => {
  const other: Sheet = { name: "兴山区", values: [["随便"]], formulas: [["随便"]], names: [], protected: false, log: [], deleted: false };
  const { error } = await rejected([other], {});
  expect(error.message).toMatch(/不是考核模板/);
  expect(other.log).toEqual([]);
});
