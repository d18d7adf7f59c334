// npm run cli -- platform: the office's 平台数据 sheet made, never overwritten, and read back with its problems.
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workingYear } from "../../src/core/index";
import { cli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "platform-cli-"));

describe("platform", () => {
  const file = join(dir, "平台数据.xlsx");

  it("--out writes the sheet for the year's member units; an existing file is never overwritten (exit 2, unchanged)", async () => {
    const r = await cli("platform", "--kind", "county", "--out", file);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    expect(r.out).toContain("8 个单位，平台调阅数据 28 列");
    const before = statSync(file).mtimeMs;
    const again = await cli("platform", "--kind", "county", "--out", file);
    expect(again.code).toBe(2);
    expect(again.err).toContain("已存在，未写入");
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("reads back what the office typed: figures by unit, problems with their cells, exit 1 while something must be corrected", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const ws = wb.worksheets[0];
    const col = (heading: string) => {
      let found = 0;
      ws.getRow(4).eachCell((c, n) => {
        if (String(c.value).startsWith(heading)) found = n;
      });
      return found;
    };
    ws.getCell(6, col("已入驻“信易贷”平台的市场主体数")).value = " 1,200 ";
    ws.getCell(6, col("本辖区市场主体总量")).value = "１２０００";
    ws.getCell(6, col("本年度“双公示”信息总条数")).value = "很多";
    ws.getCell(7, 2).value = "鹤岗市向阳区";
    ws.getCell(7, col("本辖区市场主体总量")).value = 9000;
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await cli("platform", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("兴山区：2 项：已入驻“信易贷”平台的市场主体数 1,200 户；本辖区市场主体总量 12,000 户");
    expect(r.out).toMatch(/\[错误\] “平台数据（县区）”工作表 D6：“本年度‘双公示’信息总条数”应为不小于 0 的整数（条），收到 “很多”，未采用/);
    expect(r.out).toContain("B7：“鹤岗市向阳区”不是县区成员单位（与“向阳区”相似，但不相同），未采用");
    const json = JSON.parse((await cli("platform", file, "--json")).out);
    // Made for the working year (the latest registered), as every command defaults to.
    expect(json[0]).toMatchObject({ sheet: "平台数据（县区）", year: workingYear(), kind: "county", units: { 兴山区: { values: { xydEntered: 1200, marketEntities: 12000 } } } });
  });

  it("a file that is not a 平台数据 workbook, or no file: Chinese errors, exit 2", async () => {
    const other = join(dir, "其他.xlsx");
    writeFileSync(other, "not a zip");
    expect(await cli("platform", other)).toMatchObject({ code: 2, err: expect.stringContaining("不是 xlsx 格式的 Excel 工作簿") });
    expect(await cli("platform")).toMatchObject({ code: 2, err: expect.stringContaining("请用 --out 指定") });
    expect(await cli("platform", join(dir, "没有.xlsx"))).toMatchObject({ code: 2, err: expect.stringContaining("找不到") });
  });
});
