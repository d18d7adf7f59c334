// Registration probe on the fake Excel, whose formulas compute in HyperFormula with the CREDIT.* functions
// registered or not (unregistered: #NAME?, as in Excel when functions.json never loaded). The probe runs in
// the sheet about to be written — no temporary sheet, no Worksheet.delete (which Excel keeps no Undo for).
import { getCatalog } from "../../src/core/index";
import { names } from "../../src/core/names";
import { importWorkbooks, PORTABLE_NOTE } from "../../src/office/import";
import { probeInSheet, PROBE_FORMULA } from "../../src/office/probe";
import { addUnitTemplate, TemplateWriteError, type BeforeWrite } from "../../src/office/templateWriter";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { returnedFile } from "../review/helpers";

const ALL = () => true;
const county = getCatalog(2022, "county");

test.each([
  [true, "registered"],
  [false, "absent"],
])("registered %s: the probe formula in the new sheet's A1 answers %s; the template overwrites it; no sheet deleted, none added but the template", async (registered, answer) => {
  const book = new FakeWorkbook();
  book.addSheet("汇总");
  book.functionsRegistered = registered;
  let seen: string | undefined;
  const probe: BeforeWrite = async (context, ws) => void (seen = await probeInSheet(context, ws));
  await book.run(() => Excel.run((ctx) => addUnitTemplate(ctx, county, "兴山区", "portable", ALL, probe)));
  expect(seen).toBe(answer);
  expect(PROBE_FORMULA).toMatch(/^=CREDIT\./);
  expect(book.structural).toEqual(["add 兴山区"]);
  expect(book.sheet("兴山区").formula("A1")).toBeUndefined(); // the title, not the probe
  expect(book.syncs).toBe(3); // read, add + probe, write
});

test("导入回收表 where CREDIT.* is not registered: the first sheet probes, every sheet gets the native formulas and a note; scores computed", async () => {
  const book = new FakeWorkbook();
  book.functionsRegistered = false;
  const file = async (unit: string) => ({ name: `${unit}.xlsx`, base64: Buffer.from(await returnedFile(unit, "county", { values: { meetingsHeld: 0 } })).toString("base64") });
  const r = await book.run(async () => importWorkbooks([await file("兴山区"), await file("向阳区")], { supports: ALL, year: 2022 }));
  expect(r.imported).toEqual([expect.objectContaining({ sheet: "兴山区", note: PORTABLE_NOTE }), expect.objectContaining({ sheet: "向阳区", note: PORTABLE_NOTE })]);
  for (const unit of ["兴山区", "向阳区"]) {
    const s = book.sheet(unit);
    expect([...s.cells.values()].some((c) => c.f?.includes("CREDIT."))).toBe(false);
    expect(book.named(s, names.deduction("county.1.1.2"))?.v).toBe(2.5);
  }
  expect(book.structural).toEqual(["add 兴山区", "add 向阳区"]);
}, 60_000);

test("导入回收表 where CREDIT.* is registered: the sheets keep the add-in's formulas, no note", async () => {
  const book = new FakeWorkbook();
  const file = { name: "兴山区.xlsx", base64: Buffer.from(await returnedFile("兴山区", "county")).toString("base64") };
  const r = await book.run(() => importWorkbooks([file], { supports: ALL, year: 2022 }));
  expect(r.imported).toEqual([expect.objectContaining({ sheet: "兴山区", note: undefined })]);
  expect([...book.sheet("兴山区").cells.values()].some((c) => c.f?.includes("CREDIT."))).toBe(true);
}, 60_000);

test("生成模板 where the probe says absent: the refusal removes the new sheet; an existing sheet is skipped without probing", async () => {
  const book = new FakeWorkbook();
  book.functionsRegistered = false;
  book.addSheet("萝北县");
  let probes = 0;
  const refuse: BeforeWrite = async (context, ws) => {
    probes++;
    if ((await probeInSheet(context, ws)) === "absent") throw new Error("未注册");
  };
  await book.run(async () => {
    await expect(Excel.run((ctx) => addUnitTemplate(ctx, county, "兴山区", "addin", ALL, refuse))).rejects.toThrow("未注册");
    await expect(Excel.run((ctx) => addUnitTemplate(ctx, county, "萝北县", "addin", ALL, refuse))).rejects.toBeInstanceOf(TemplateWriteError);
  });
  expect(probes).toBe(1);
  expect(book.sheets.map((x) => x.name)).toEqual(["萝北县"]);
}, 60_000);

test("生成模板 (the pane's action) where CREDIT.* is not registered: the templates are written in their IFERROR form, score the same, and the user is told", async () => {
  const { createOfficeActions } = await import("../../src/taskpane/officeActions");
  const { NOT_REGISTERED } = await import("../../src/office/probe");
  const run = async (registered: boolean) => {
    const book = new FakeWorkbook();
    book.addSheet("说明");
    book.functionsRegistered = registered;
    // The short form (no 双公示台账): the fake Excel computes each sheet alone, so the ledger's COUNTIF across
    // sheets would be #REF! there (in Excel it is 0 on an empty ledger) and the two forms would differ on clause
    // 1.3.2 for the fake's sake. The ledger's native formulas are computed in LibreOffice (test/xlsx/libreoffice.test).
    const r = await book.run(() => createOfficeActions().generateTemplates({ year: 2022, kind: "county", units: ["兴山区", "向阳区"], variant: "addin", ledger: false }));
    return { book, r };
  };
  const absent = await run(false);
  expect(absent.r.sheets).toEqual(["兴山区", "向阳区"]);
  expect(absent.r.unregistered).toEqual({ message: NOT_REGISTERED.message, hint: NOT_REGISTERED.hint });
  const registered = await run(true);
  expect(registered.r.unregistered).toBeUndefined();
  for (const unit of ["兴山区", "向阳区"]) {
    const s = absent.book.sheet(unit);
    const credit = [...s.cells.values()].filter((c) => c.f?.includes("CREDIT."));
    // Never a bare CREDIT.* formula: every one inside IFERROR with the native fallback.
    expect(credit.length).toBeGreaterThan(0);
    expect(credit.filter((c) => !/^=IFERROR\(CREDIT\./.test(c.f!))).toEqual([]);
    // The same formulas as where the functions are registered, and they compute (the fallback) to the same score.
    const r = registered.book.sheet(unit);
    expect(credit.map((c) => c.f)).toEqual([...r.cells.values()].filter((c) => c.f?.includes("CREDIT.")).map((c) => c.f));
    for (const name of [names.score, names.totalDeduction, names.status("county.1.1.2"), names.deduction("county.1.1.2")]) {
      const v = absent.book.named(s, name)?.v;
      expect({ name, v }).toEqual({ name, v: registered.book.named(r, name)?.v });
      expect({ name, error: /^#/.test(String(v)) }).toEqual({ name, error: false });
    }
  }
}, 60_000);
