// 平台数据: the sheet the office fills with its platform figures (src/layout/platform.ts), read back the way the
// office leaves it (src/review/platform.ts), and the clause-by-clause comparison with a unit's self-assessment
// (src/review/platformCheck.ts). Files are made like an office makes them: the command line's sheet, then
// figures typed or pasted with ExcelJS — stray spaces, full-width digits, unit names in variants, rows
// inserted above a merged title, the hidden id row deleted.
import ExcelJS from "exceljs";
import { catalogData, getCatalog, loadCatalog, score, unitsOf, type Catalog } from "../../src/core/index";
import { buildPlatformLayout } from "../../src/layout/platform";
import { PLATFORM_ROWS } from "../../src/layout/platform";
import { readPlatformRows, platformSheetInfo, type PlatformFigures } from "../../src/review/platform";
import { checkAgainstPlatform } from "../../src/review/platformCheck";
import { readSheetRows, sheetNamesOf } from "../../src/read/index";
import { sheetDocsToBuffer } from "../../src/xlsx/writeSheetDoc";
import { PERFECT } from "../fixtures/answers";

const county = getCatalog(2022, "county");
const department = getCatalog(2022, "department");
const COUNTIES = unitsOf(2022).county;

/** The oracle, written without the module under test: inputs of clauses whose evidence names 平台调阅. */
function platformInputIds(catalog: Catalog): string[] {
  const ids: string[] = [];
  for (const cat of catalog.categories) for (const ind of cat.indicators) for (const cl of ind.clauses) if (cl.evidence.includes("平台调阅")) for (const i of cl.inputs) if (!ids.includes(i.id)) ids.push(i.id);
  return ids;
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

async function readBack(buf: Buffer, catalog = county, members: readonly string[] = COUNTIES) {
  const [name] = sheetNamesOf(buf);
  const rows = readSheetRows(buf, name)!.rows;
  return { info: platformSheetInfo(rows, name), data: readPlatformRows(rows, name, catalog, members) };
}

describe("the 平台数据 sheet", () => {
  it("has one column per input of a clause that names 平台调阅, labelled with the catalog's label and unit, one row per member", () => {
    for (const [catalog, units] of [[county, COUNTIES], [department, unitsOf(2022).department]] as const) {
      const l = buildPlatformLayout(catalog, units);
      expect([...l.columns.keys()]).toEqual(platformInputIds(catalog));
      const heading = l.doc.rows[PLATFORM_ROWS.heading];
      expect(heading[l.columns.get("sgsTotal")!]?.v).toBe("本年度“双公示”信息总条数（条）");
      expect(heading[l.dateCol]?.v ?? l.doc.rows[PLATFORM_ROWS.group][l.dateCol]?.v).toBe("调阅日期");
      expect(l.doc.rows[PLATFORM_ROWS.group][l.sourceCol]?.v).toBe("来源");
      const names = l.doc.rows.slice(PLATFORM_ROWS.first).map((r) => r[l.unitCol]?.v);
      expect(names).toEqual([...units]);
      // Inputs the unit only self-reports (材料 kinds) are not there.
      expect(l.columns.has("educationCourses")).toBe(false);
    }
  });

  it("a 2023 list brings its own columns: a clause that now names 平台调阅 adds its inputs", () => {
    const draft = catalogData(county) as unknown as { year: number; source: string; categories: { indicators: { clauses: { id: string; evidence: string[] }[] }[] }[] };
    draft.year = 2023;
    const c611 = draft.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses)).find((c) => c.id === "county.6.1.1")!;
    c611.evidence = ["日常报送工作动态", "平台调阅"];
    const c2023 = loadCatalog(JSON.parse(JSON.stringify(draft).replace(/2022/g, "2023")), "test");
    const l = buildPlatformLayout(c2023, COUNTIES);
    expect(l.columns.has("reportsSent")).toBe(true);
    expect(l.doc.rows[0][0]?.v).toContain("2023 年度");
  });

  it("round trip: a blank sheet reads back as nothing looked up, no problem; it says its year and kind", async () => {
    const buf = await sheetDocsToBuffer([buildPlatformLayout(county, COUNTIES).doc]);
    const { info, data } = await readBack(buf);
    expect(info).toEqual({ year: 2022, kind: "county" });
    expect(data.problems).toEqual([]);
    expect(data.columns).toEqual(platformInputIds(county));
    expect([...data.figures.values()].every((f) => Object.keys(f.values).length === 0)).toBe(true);
  });
});

describe("reading back what the office typed and pasted", () => {
  /** The command line's sheet with cells set by heading and unit, like a clerk does. */
  async function officeFile(edit: (ws: ExcelJS.Worksheet, at: (unit: string, input: string) => ExcelJS.Cell, rowOf: (unit: string) => number) => void): Promise<Buffer> {
    const l = buildPlatformLayout(county, COUNTIES);
    const wb = await load(await sheetDocsToBuffer([l.doc]));
    const ws = wb.worksheets[0];
    const rowOf = (unit: string) => PLATFORM_ROWS.first + COUNTIES.indexOf(unit) + 1;
    const colOf = (input: string) => (input === "date" ? l.dateCol : input === "source" ? l.sourceCol : l.columns.get(input)!) + 1;
    edit(ws, (unit, input) => ws.getCell(rowOf(unit), colOf(input)), rowOf);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it("stray spaces, thousands separators, full-width digits and percents as text or fractions are read as the template reads them", async () => {
    const buf = await officeFile((_, at) => {
      at("兴山区", "xydEntered").value = " 1,200 ";
      at("兴山区", "marketEntities").value = "１２０００";
      at("兴山区", "sgsTimelyPct").value = 0.98;
      at("兴山区", "sgsAccuracyPct").value = "１００％";
      at("兴山区", "sgsBulletin").value = " 是";
      at("兴山区", "commitUpdated").value = "2022年4月28日";
      at("兴山区", "date").value = "2022/12/20";
      at("兴山区", "source").value = " 市信用信息共享平台 ";
      at("南山区", "repairPct").value = "85%";
      at("南山区", "date").value = new Date(Date.UTC(2022, 11, 21));
    });
    const { data } = await readBack(buf);
    expect(data.problems).toEqual([]);
    expect(data.figures.get("兴山区")).toMatchObject({
      values: { xydEntered: 1200, marketEntities: 12000, sgsTimelyPct: 98, sgsAccuracyPct: 100, sgsBulletin: true, commitUpdated: "2022-04-28" },
      date: "2022-12-20",
      source: "市信用信息共享平台",
    });
    expect(data.figures.get("南山区")).toMatchObject({ values: { repairPct: 85 }, date: "2022-12-21" });
    expect(data.figures.get("兴山区")!.cells.xydEntered).toMatch(/^[A-Z]+6$/);
  });

  it("bad figures get the template's Chinese reasons with the cell, and are not used", async () => {
    const buf = await officeFile((_, at) => {
      at("向阳区", "sgsTotal").value = "十二";
      at("向阳区", "xydPct").value = 1.5;
      at("向阳区", "govDebtors").value = -1;
      at("向阳区", "qrCoded").value = 3.5;
      at("向阳区", "date").value = "年底";
    });
    const { data } = await readBack(buf);
    const msgs = data.problems.map((p) => p.message);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^“平台数据（县区）”工作表 [A-Z]+7：“本年度‘双公示’信息总条数”应为不小于 0 的整数（条），收到 “十二”，未采用$/),
        expect.stringMatching(/“入驻占比（未填户数时直接填写）”应在 0% 到 100% 之间，收到 150%/),
        expect.stringMatching(/“被列入失信被执行人的辖区政府部门数”不能为负数，收到 -1，未采用/),
        expect.stringMatching(/“‘码上诚信’已赋码的市场主体数”应为整数（户），收到 3.5，未采用/),
        expect.stringMatching(/“调阅日期”应为日期（如 2022-03-05），收到 “年底”/),
      ]),
    );
    expect(data.figures.get("向阳区")!.values).toEqual({});
    expect(data.problems.every((p) => p.severity === "错误")).toBe(true);
  });

  it("unit names in variants: invisible and full-width characters are read as the member; other names are listed, never guessed", async () => {
    const buf = await officeFile((ws, at, rowOf) => {
      ws.getCell(rowOf("向阳区"), 2).value = "向阳区\u200b　";
      at("向阳区", "govDebtors").value = 0;
      ws.getCell(rowOf("工农区"), 2).value = "鹤岗市工农区";
      at("工农区", "govDebtors").value = 1;
      ws.getCell(rowOf("南山区"), 2).value = "山区";
      at("南山区", "govDebtors").value = 2;
      ws.getCell(rowOf("兴安区"), 2).value = "兴 安区";
      at("兴安区", "govDebtors").value = 0;
    });
    const { data } = await readBack(buf);
    expect(data.figures.get("向阳区")!.values).toEqual({ govDebtors: 0 });
    expect(data.problems).toContainEqual(expect.objectContaining({ severity: "提示", message: expect.stringContaining("单位名称写作“向阳区⟨U+200B⟩") }));
    expect(data.figures.has("工农区")).toBe(false);
    expect(data.figures.has("南山区")).toBe(false);
    expect(data.figures.has("兴安区")).toBe(false);
    const reasons = data.unknown.map((u) => u.reason);
    expect(reasons).toContain("“鹤岗市工农区”不是县区成员单位（与“工农区”相似，但不相同），未采用；请改为成员单位名单中的名称");
    expect(reasons).toContain("“山区”有歧义，可能是“兴山区”、“南山区”、“东山区”，未采用；请改为成员单位名单中的全称");
    expect(reasons).toContain("“兴 安区”不是县区成员单位（与“兴安区”相似，但不相同），未采用；请改为成员单位名单中的名称");
  });

  it("a unit on two rows: consistent figures are merged, a figure that disagrees is used from neither", async () => {
    const buf = await officeFile((ws, at, rowOf) => {
      at("兴山区", "xydEntered").value = 1200;
      at("兴山区", "marketEntities").value = 12000;
      const extra = rowOf("绥滨县") + 1;
      ws.getCell(extra, 2).value = "兴山区";
      const xyd = at("兴山区", "xydEntered").col;
      ws.getCell(extra, xyd).value = 1300;
      ws.getCell(extra, xyd + 1).value = 12000;
      ws.getCell(extra, xyd + 2).value = 0.1;
    });
    const { data } = await readBack(buf);
    const f = data.figures.get("兴山区")!;
    expect(f.values).toEqual({ marketEntities: 12000, xydPct: 10 });
    expect(f.rows).toEqual([6, 14]);
    expect(data.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/“兴山区”的“已入驻‘信易贷’平台的市场主体数”在 [A-Z]+6 为 1200，此处为 1300，两处不一致，都未采用/));
  });

  it("figures without a unit name are reported, not assigned to anyone", async () => {
    const buf = await officeFile((ws, _at, rowOf) => {
      ws.getCell(rowOf("绥滨县") + 2, 5).value = 99;
    });
    const { data } = await readBack(buf);
    expect(data.problems).toContainEqual(expect.objectContaining({ severity: "错误", message: expect.stringContaining("这一行有数据，但没有填单位名称，未采用") }));
  });

  it("rows inserted above under a merged title, the hidden id row deleted, headings retyped with line breaks: columns are still found by their labels", async () => {
    const buf = await officeFile((_, at) => {
      at("东山区", "redBlackProduced").value = 40;
      at("东山区", "redBlackPushed").value = 38;
      at("东山区", "date").value = "2022-12-19";
    });
    // What Excel does to the sheet when the clerk inserts two rows above it, titles them, deletes the hidden
    // row and retypes a heading: the same values, moved — rebuilt here cell by cell (ExcelJS's spliceRows
    // leaves merges behind).
    const src = (await load(buf)).worksheets[0];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("平台数据（县区）");
    ws.getCell("A1").value = "附件 1";
    ws.mergeCells("A1:H1");
    ws.getCell("A2").value = "考核组 平台调阅记录";
    let to = 3;
    src.eachRow({ includeEmpty: true }, (row, r) => {
      if (r === PLATFORM_ROWS.ids + 1) return;
      row.eachCell((cell, c) => {
        let v = cell.value;
        if (r === PLATFORM_ROWS.heading + 1 && typeof v === "string" && v.includes("红黑名单")) v = ` ${v.replace("条数", "条\n数")} `;
        if (r === PLATFORM_ROWS.group + 1 && c > 2) v = null; // the merged group row retyped as one label
        ws.getCell(to, c).value = v;
      });
      to++;
    });
    ws.getCell(PLATFORM_ROWS.group + 3, 3).value = "平台调阅数据";
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const { data, info } = await readBack(edited);
    expect(info).toEqual({ year: 2022, kind: "county" });
    expect(data.problems.filter((p) => p.severity === "错误")).toEqual([]);
    expect(data.columns).toEqual(platformInputIds(county));
    expect(data.figures.get("东山区")).toMatchObject({ values: { redBlackProduced: 40, redBlackPushed: 38 }, date: "2022-12-19" });
    expect(data.figures.get("东山区")!.cells.redBlackProduced).toMatch(/^[A-Z]+12$/); // row 11, two rows inserted above, one deleted
  });

  it("a sheet without the table: one Chinese problem saying what is expected", () => {
    const data = readPlatformRows([["随便什么"], [1, 2, 3]], "Sheet1", county, COUNTIES);
    expect(data.problems).toEqual([{ address: "", severity: "错误", message: expect.stringContaining("找不到表头：应有“单位”列") }]);
  });
});

describe("checkAgainstPlatform: the platform's figures decided by the same engine, with a ready reason", () => {
  const answers = (values: Record<string, unknown> = {}, notApplicable: string[] = []) => ({ values: { ...PERFECT.county, ...values }, notApplicable });
  const figures = (values: PlatformFigures["values"], date?: string): PlatformFigures => ({ member: "兴山区", values, cells: {}, rows: [6], date });

  it("信易贷: the unit reports 25 %, the platform 1,200 of 12,000 (10 %) → propose 扣 10 分 with the reason", () => {
    const unit = answers({ xydEntered: null, marketEntities: null, xydPct: 0.25 });
    const r = checkAgainstPlatform(county, figures({ xydEntered: 1200, marketEntities: 12000 }, "2022-12-20"), unit);
    const c = r.find((x) => x.clauseId === "county.2.1.1")!;
    expect(c).toMatchObject({ differs: true, proposed: 10, platform: { status: "扣分", deduction: 10 }, self: { status: "不扣分", deduction: 0 } });
    expect(c.reason).toBe("平台调阅（2022-12-20）：入驻信易贷 1,200 户，占市场主体 10.0%，低于 20%，扣 10 分；单位自报：入驻信易贷占市场主体 25.0%，不低于 20%，不扣分");
    // The shared 市场主体总量 decides 码上诚信 too: the unit's 9,000 赋码 of the platform's 12,000 is 75 %, where
    // the unit, without its own total, was 待填.
    expect(r.find((x) => x.clauseId === "county.2.2.1")).toMatchObject({ inputs: ["marketEntities"], differs: true, proposed: 0, platform: { status: "不扣分" }, self: { status: "待填" } });
    expect(r.find((x) => x.clauseId === "county.2.2.1")!.reason).toBe(
      "平台调阅（2022-12-20）（「“码上诚信”已赋码的市场主体数」未调阅，按单位自报）：“码上诚信”赋码 9,000 户，占市场主体 75.0%，不低于 40%，不扣分；单位未填完（待填）",
    );
  });

  it("a rate the platform gives as a percent is decided on it, not on the unit's counts", () => {
    const r = checkAgainstPlatform(county, figures({ sgsTimelyPct: 98 }), answers());
    expect(r.find((x) => x.clauseId === "county.1.3.2")).toMatchObject({
      differs: true,
      proposed: 5,
      // The accuracy half of the clause is decided on the unit's own count, and the reason says so.
      reason: expect.stringMatching(/^平台调阅（「其中准确的条数」未调阅，按单位自报）：“双公示”按时公示占“双公示”信息 98\.0%，低于 100%，扣 5 分；单位自报：/),
    });
    // The platform's percent is in points (98), the same figure the template reads from "98%".
    expect(score(county, { values: { ...PERFECT.county, sgsTimely: null, sgsTotal: null, sgsTimelyPct: "98%" } }).clauses.find((c) => c.clauseId === "county.1.3.2")!.deduction).toBe(5);
  });

  it("figures that agree: no difference to propose; only clauses with platform figures are listed", () => {
    const r = checkAgainstPlatform(county, figures({ repairDone: 45, repairEligible: 50 }, "2022-12-20"), answers());
    expect(r.map((x) => x.clauseId)).toEqual(["county.4.1.1"]);
    expect(r[0]).toMatchObject({ differs: false, proposed: 0, platform: { status: "不扣分" } });
  });

  it("an indicator the unit marked 不涉及 is decided on the platform's figures, and the reason says so", () => {
    const dept = (notApplicable: string[]) => ({ values: { ...PERFECT.department }, notApplicable });
    const r = checkAgainstPlatform(department, { ...figures({ fourKindsProduced: 10, fourKindsRecorded: 8 }), member: "市教育局" }, dept(["department.1.5"]));
    expect(r.find((x) => x.clauseId === "department.1.5.1")).toMatchObject({ differs: true, proposed: 5, self: { status: "不涉及" }, reason: expect.stringMatching(/^平台调阅：.*应录未录 2 条.*；单位选择本指标“不涉及”$/) });
    // Where the list allows no 不涉及 (a 县区's 2.5), the claim is none: scored as 涉及, and not said to be one.
    const c = checkAgainstPlatform(county, figures({ govDebtors: 1 }), answers({}, ["county.2.5"])).find((x) => x.clauseId === "county.2.5.2")!;
    expect(c).toMatchObject({ differs: true, proposed: 2.5, self: { status: "不扣分" } });
    expect(c.reason).not.toContain("不涉及");
  });

  it("platform figures that cannot decide a clause alone: nothing proposed, the reason says what is missing", () => {
    const r = checkAgainstPlatform(county, figures({ sgsTotal: 400 }), answers({ sgsTotal: null, sgsAccurate: null, sgsTimely: null }));
    const c = r.find((x) => x.clauseId === "county.1.3.2")!;
    expect(c).toMatchObject({ differs: false, platform: { status: "待填" }, reason: expect.stringMatching(/^平台调阅的数据不足以判定：待填/) });
    expect(c.proposed).toBeUndefined();
  });
});
