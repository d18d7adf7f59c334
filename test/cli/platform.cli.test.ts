// npm run cli -- platform: the office's 平台数据 sheet made, never overwritten, and read back with its problems.
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workingYear } from "../../src/core/index";
import { cli } from "../helpers/cli";
import { editPlatformFile } from "../helpers/platformFile";
import { returnedFile } from "../review/helpers";

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
    await editPlatformFile(file, ({ ws, col }) => {
      ws.getCell(6, col("已入驻“信易贷”平台的市场主体数")).value = " 1,200 ";
      ws.getCell(6, col("本辖区市场主体总量")).value = "１２０００";
      ws.getCell(6, col("本年度“双公示”信息总条数")).value = "很多";
      ws.getCell(7, 2).value = "鹤岗市向阳区";
      ws.getCell(7, col("本辖区市场主体总量")).value = 9000;
    });
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

describe("platform --check: 平台比对 of the returned files against the platform's figures", () => {
  const sub = mkdtempSync(join(tmpdir(), "platform-check-"));
  const file = join(sub, "平台数据.xlsx");
  const returned = join(sub, "返回");

  beforeAll(async () => {
    expect((await cli("platform", "--kind", "county", "--year", "2022", "--out", file)).code).toBe(0);
    await editPlatformFile(file, ({ put, ws, rowOf }) => {
      // As an office pastes: a name with stray spaces, full-width digits, thousands separators.
      put("兴山区", { "已入驻“信易贷”平台的市场主体数": "1,200", 本辖区市场主体总量: "１２０００" }, "2022-12-20");
      put("向阳区", { "已入驻“信易贷”平台的市场主体数": 5000, 本辖区市场主体总量: 20000 });
      put("工农区", { "已入驻“信易贷”平台的市场主体数": 4800, 本辖区市场主体总量: 20000 });
      put("南山区", { 本辖区市场主体总量: 30000 });
      ws.getCell(rowOf("兴山区"), 2).value = " 兴山区 ";
    });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(returned);
    // Every unit reports 入驻信易贷 5,000 / 20,000 户 (25%).
    for (const unit of ["兴山区", "向阳区", "工农区", "东山区"]) writeFileSync(join(returned, `${unit}.xlsx`), await returnedFile(unit, "county"));
  }, 60_000);

  it("lists per unit and clause where the platform differs, with the 核定 it proposes and a ready 核定说明; exit 1", async () => {
    const r = await cli("platform", file, "--check", returned);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    // 兴山区: the platform's 10% decides 扣分 where the unit's 25% did not.
    expect(r.out).toMatch(/兴山区 条款 2\.1\.1【扣分不同】建议按平台数据核定扣 \d+ 分（自评扣 0 分）/);
    expect(r.out).toContain("核定说明：平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10.0%，低于 20%");
    expect(r.out).toContain("单位自报：入驻信易贷 5,000 户，占市场主体 25.0%");
    // 工农区: 24% and 25% both pass: the figures differ, the deduction does not.
    expect(r.out).toMatch(/工农区 条款 2\.1\.1【数据不同】/);
    expect(r.out).toContain("已入驻“信易贷”平台的市场主体数平台 4,800 户、单位填 5,000 户");
    // 向阳区 agrees with the platform: not listed.
    expect(r.out).not.toMatch(/向阳区 条款/);
    expect(r.out).toContain("平台数据未填（未调阅、未比对）的单位：东山区");
    expect(r.out).toContain("有平台数据但没有返回考核表的单位：南山区");
    const json = JSON.parse((await cli("platform", file, "--check", returned, "--json")).out);
    const xs = json.rows.find((x: { unit: string; finding: string }) => x.unit === "兴山区" && x.finding === "扣分不同");
    expect(xs).toMatchObject({ self: 0, sheet: "兴山区", basis: expect.stringMatching(/\S/) });
    expect(xs.proposed).toBeGreaterThan(0);
    expect(xs.figures).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: "已入驻“信易贷”平台的市场主体数", platform: "1,200 户", self: "5,000 户", differs: true })]),
    );
    // 南山区 gave only the whole: the rate is decided on the unit's part over the platform's whole.
    expect(json.checked.map((c: { unit: string }) => c.unit).sort()).toEqual(["兴山区", "向阳区", "工农区"].sort());
  }, 60_000);

  it("no returned file in --check: Chinese error, exit 2", async () => {
    const empty = mkdtempSync(join(tmpdir(), "platform-empty-"));
    expect(await cli("platform", file, "--check", empty)).toMatchObject({ code: 2, err: expect.stringContaining("没有找到 .xlsx 文件") });
  });
});
