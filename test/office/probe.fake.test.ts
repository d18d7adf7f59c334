// Registration probe on the fake Excel, whose formulas compute in HyperFormula with the CREDIT.* functions
// registered or not (unregistered: #NAME?, as in Excel when functions.json never loaded).
import { probeCustomFunctions, PROBE_FORMULA } from "../../src/office/probe";
import { FakeWorkbook } from "../helpers/fakeExcel";

async function probe(registered: boolean) {
  const book = new FakeWorkbook();
  book.addSheet("汇总");
  book.functionsRegistered = registered;
  return { r: await book.run(() => probeCustomFunctions()), book };
}

test("registered: the probe formula computes; the temporary sheet is gone; 3 syncs", async () => {
  const { r, book } = await probe(true);
  expect(r).toBe("registered");
  expect(book.sheets.map((s) => s.name)).toEqual(["汇总"]);
  expect(book.syncs).toBe(3);
  expect(PROBE_FORMULA).toMatch(/^=CREDIT\./);
});

test("not registered: #NAME? → absent, and nothing is left behind", async () => {
  const { r, book } = await probe(false);
  expect(r).toBe("absent");
  expect(book.sheets.map((s) => s.name)).toEqual(["汇总"]);
});

test("a workbook that refuses a new sheet: unknown (the caller goes on), nothing changed", async () => {
  const book = new FakeWorkbook();
  const restore = book.install();
  const add = book.addSheet.bind(book);
  book.addSheet = () => {
    throw Object.assign(new Error("AccessDenied"), { code: "AccessDenied" });
  };
  try {
    expect(await probeCustomFunctions()).toBe("unknown");
    expect(book.sheets).toEqual([]);
  } finally {
    book.addSheet = add;
    restore();
  }
});

describe("wired before the first write", () => {
  const ALL = () => true;

  test("导入回收表 where CREDIT.* is not registered: the sheet gets the native formulas and a note; scores computed", async () => {
    const { importWorkbooks } = await import("../../src/office/import");
    const { returnedFile } = await import("../review/helpers");
    const { names } = await import("../../src/core/names");
    const book = new FakeWorkbook();
    book.functionsRegistered = false;
    const restore = book.install();
    try {
      const file = { name: "兴山区.xlsx", base64: Buffer.from(await returnedFile("兴山区", "county", { values: { meetingsHeld: 0 } })).toString("base64") };
      const r = await importWorkbooks([file], {
        supports: ALL,
        year: 2022,
        variant: async () => ((await probeCustomFunctions()) === "absent" ? { variant: "portable", note: "未注册" } : { variant: "addin" }),
      });
      expect(r.imported).toEqual([expect.objectContaining({ sheet: "兴山区", note: "未注册" })]);
      const s = book.sheet("兴山区");
      expect([...s.cells.values()].some((c) => c.f?.includes("CREDIT."))).toBe(false);
      expect(book.named(s, names.deduction("county.1.1.2"))?.v).toBe(2.5);
      expect(book.sheets.map((x) => x.name)).toEqual(["兴山区"]); // the probe sheet is gone
    } finally {
      restore();
    }
  }, 60_000);

  test("生成模板 where the probe says absent: nothing is written; an existing sheet is skipped without probing", async () => {
    const { addUnitTemplate, TemplateWriteError } = await import("../../src/office/templateWriter");
    const { getCatalog } = await import("../../src/core/index");
    const book = new FakeWorkbook();
    book.functionsRegistered = false;
    book.addSheet("萝北县");
    const restore = book.install();
    let probes = 0;
    const beforeWrite = async () => {
      probes++;
      if ((await probeCustomFunctions()) === "absent") throw new Error("未注册");
    };
    try {
      await expect(Excel.run((ctx) => addUnitTemplate(ctx, getCatalog(2022, "county"), "兴山区", "addin", ALL, beforeWrite))).rejects.toThrow("未注册");
      await expect(Excel.run((ctx) => addUnitTemplate(ctx, getCatalog(2022, "county"), "萝北县", "addin", ALL, beforeWrite))).rejects.toBeInstanceOf(TemplateWriteError);
      expect(probes).toBe(1);
      expect(book.sheets.map((x) => x.name)).toEqual(["萝北县"]);
    } finally {
      restore();
    }
  }, 60_000);
});
