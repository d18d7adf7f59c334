// Files returned on the previous layout (version 1, before the 序号 column) stay readable: test/fixtures/layout-v1
// holds two returned files written by version 1's template writer (兴山区: 80 分 with a 15% 入驻占比 typed,
// one meeting and 30 of 50 repairs; 市财政局: 100 分, 2.2 不涉及). Each is read where version 1 put its names,
// scored as before, and carried forward to the current layout by regeneration (template --update, 导入回收表).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { getCatalog, readFilled } from "../../src/core/index";
import { LAYOUT_VERSION, names } from "../../src/core/names";
import { layoutPlacement, placementFor } from "../../src/layout/placement";
import { regenerate } from "../../src/layout/regenerate";
import { readWorkbookData } from "../../src/read/index";
import { reviewUnit } from "../../src/review/unit";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { ROOT } from "../helpers/paths";
import { returnedFile } from "../review/helpers";

const V1 = join(ROOT, "test", "fixtures", "layout-v1");
const county = readFileSync(join(V1, "兴山区-2022-县区.xlsx"));
const department = readFileSync(join(V1, "市财政局-2022-市直部门.xlsx"));

async function sheetOfFile(data: Buffer, placed = true) {
  const read = await readWorkbookData(data, placed ? { placement: placementFor() } : {});
  return read.sheets[0];
}

async function renamed(data: Buffer, edit: (model: { name: string; ranges: string[] }[], wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  const model = wb.definedNames.model as { name: string; ranges: string[] }[]; // a copy: assigned back below
  edit(model, wb);
  wb.definedNames.model = model as never;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("the current layout is version 2 and a version-1 file's names are exactly where version 1's placement says", async () => {
  expect(LAYOUT_VERSION).toBe(2);
  for (const [data, kind] of [[county, "county"], [department, "department"]] as const) {
    const cells = await sheetOfFile(data, false);
    expect(readFilled(cells).layoutVersion).toBe(1);
    const inFile = new Map([...cells.names].map(([name, c]) => [name.toLowerCase(), c.address]));
    const v1 = layoutPlacement(getCatalog(2022, kind), 1);
    expect(inFile).toEqual(v1.names);
    // …and not where the current layout puts them: the 序号 column moved every name right of C.
    const v2 = layoutPlacement(getCatalog(2022, kind));
    expect(v2.names.get(names.input("policiesImplemented").toLowerCase())).not.toBe(v1.names.get(names.input("policiesImplemented").toLowerCase()));
    expect(v2.unitName).toBe("B2");
    expect(v1.unitName).toBe("B2");
  }
});

test("a version-1 file is read where version 1 put its names: no moved name, no 版式 problem, the score it had", async () => {
  const c = reviewUnit(await sheetOfFile(county));
  expect(c.problems).toEqual([]);
  expect(c.selfScore).toBe(80);
  expect(c.answers?.values).toMatchObject({ meetingsHeld: 1, xydPct: 0.15, repairDone: 30, repairEligible: 50 });
  const d = reviewUnit(await sheetOfFile(department));
  expect(d.problems).toEqual([]);
  expect(d.selfScore).toBe(100);
  expect(d.answers?.notApplicable).toEqual(["department.2.2"]);
});

test("a version-1 file is judged against version 1's placement: a name moved to where version 2 puts it is moved", async () => {
  const input = names.input("meetingsHeld");
  const v1At = layoutPlacement(getCatalog(2022, "county"), 1).names.get(input.toLowerCase())!;
  const v2At = layoutPlacement(getCatalog(2022, "county")).names.get(input.toLowerCase())!;
  const moved = await renamed(county, (model, wb) => {
    const n = model.find((x) => x.name === input)!;
    n.ranges = [n.ranges[0].replace(v1At.replace(/\d+$/, ""), v2At.replace(/\d+$/, ""))];
    wb.worksheets[0].getCell(v2At).value = 3; // what a unit wanting a better score would put there
  });
  const r = reviewUnit(await sheetOfFile(moved));
  expect(r.problems.map((p) => [p.address, p.kind])).toEqual([[v1At, "篡改"]]);
  expect(r.answers?.values.meetingsHeld).toBe(1); // the prescribed (version 1) cell counts
});

test("a current file relabelled as version 1 is judged against version 1: every moved name is reported", async () => {
  const data = await returnedFile("兴山区", "county");
  const relabelled = await renamed(data, (model, wb) => {
    const n = model.find((x) => x.name === names.layoutVersion)!;
    const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(n.ranges[0])!;
    wb.worksheets[0].getCell(`${m[1]}${m[2]}`).value = 1;
  });
  const r = reviewUnit(await sheetOfFile(relabelled));
  expect(r.problems.filter((p) => p.kind === "篡改").length).toBeGreaterThan(50);
  // An unknown version is refused, naming the versions this program reads.
  const unknown = await renamed(data, (model, wb) => {
    const n = model.find((x) => x.name === names.layoutVersion)!;
    const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(n.ranges[0])!;
    wb.worksheets[0].getCell(`${m[1]}${m[2]}`).value = 3;
  });
  const u = reviewUnit(await sheetOfFile(unknown));
  expect(u.scorable).toBe(false);
  expect(u.problems.map((p) => p.message)).toContainEqual(expect.stringContaining("模板版式版本为 3，本加载项读取的是第 1 版、第 2 版"));
});

test("regeneration carries a version-1 file forward: every typed value in the current layout, scored the same", async () => {
  for (const data of [county, department]) {
    const before = readFilled(await sheetOfFile(data));
    const r = regenerate(before, before.catalog!, { variant: "addin" });
    if (!r.ok) throw new Error(r.reason);
    expect(r.layout!.layoutVersion).toBe(LAYOUT_VERSION);
    const after = await sheetOfFile(await templateToBuffer(r.layout!));
    const again = readFilled(after);
    expect(again.layoutVersion).toBe(LAYOUT_VERSION);
    // Dates typed as text in the old file are written as dates: the same day.
    const days = (a: object) => JSON.parse(JSON.stringify(a, (_k, v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v)));
    expect(days(again.answers)).toEqual(days(before.answers));
    expect(reviewUnit(after).selfScore).toBe(reviewUnit(await sheetOfFile(data)).selfScore);
    expect(reviewUnit(after).problems.filter((p) => p.severity === "错误")).toEqual([]);
  }
});
