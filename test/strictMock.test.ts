import { OfficeMockObject } from "office-addin-mock";
import { createStrictContext, installExcelRun, NotLoadedError, MOCK_NOT_LOADED } from "./helpers/strictMock";

function workbookData() {
  return {
    workbook: {
      name: "2022年度考核.xlsx",
      worksheets: {
        getItem(this: { sheet: unknown }, name: string) {
          if (name !== "汇总") throw new Error(`no sheet ${name}`);
          return this.sheet;
        },
        sheet: {
          name: "汇总",
          range: { values: [[100, 95.5]], address: "汇总!A1:B1" },
          getRange(this: { range: unknown }) {
            return this.range;
          },
        },
      },
    },
  };
}

describe("office-addin-mock (raw)", () => {
  it("does NOT throw on an unloaded read — why the strict wrapper exists", () => {
    const raw = new OfficeMockObject(workbookData());
    expect(raw.workbook.name).toBe(MOCK_NOT_LOADED);
  });
});

describe("createStrictContext", () => {
  it("throws on a read without load + sync", () => {
    const { context } = createStrictContext(workbookData());
    expect(() => context.workbook.name).toThrow(NotLoadedError);
    expect(() => context.workbook.name).toThrow(/context\.workbook\.name.*load/);
  });

  it("throws after load() until context.sync()", async () => {
    const { context } = createStrictContext(workbookData());
    context.workbook.load("name");
    expect(() => context.workbook.name).toThrow(/before context\.sync/);
    await context.sync();
    expect(context.workbook.name).toBe("2022年度考核.xlsx");
  });

  it("wraps objects returned by mock methods and load() strictly", async () => {
    const { context, syncCount } = createStrictContext(workbookData());
    const sheet = context.workbook.worksheets.getItem("汇总");
    const range = sheet.getRange("A1:B1").load("values, address");
    expect(() => sheet.name).toThrow(NotLoadedError);
    expect(() => range.values).toThrow(NotLoadedError);
    await context.sync();
    expect(range.values).toEqual([[100, 95.5]]);
    expect(range.address).toBe("汇总!A1:B1");
    expect(() => sheet.name).toThrow(NotLoadedError); // only what was loaded
    expect(syncCount()).toBe(1);
  });

  it("counts context.sync() calls and passes a value through", async () => {
    const mock = createStrictContext(workbookData());
    await mock.context.sync();
    await expect(mock.context.sync("x" as never)).resolves.toBe("x");
    expect(mock.syncCount()).toBe(2);
    mock.resetSyncCount();
    expect(mock.syncCount()).toBe(0);
  });

  it("serves Excel.run through installExcelRun", async () => {
    const mock = createStrictContext(workbookData());
    const restore = installExcelRun(mock.context);
    try {
      const name = await Excel.run(async (ctx) => {
        ctx.workbook.load("name");
        await ctx.sync();
        return ctx.workbook.name;
      });
      expect(name).toBe("2022年度考核.xlsx");
      expect(mock.syncCount()).toBe(1);
    } finally {
      restore();
    }
  });
});
