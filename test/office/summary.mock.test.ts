// Office.js paths against the strict mock: unloaded reads throw, syncs are counted.
import { OfficeMockObject } from "office-addin-mock";
import { unitsOf, getCatalog } from "../../src/core/index";
import { colNumber } from "../../src/core/a1";
import { buildTemplateLayout } from "../../src/layout/template";
import { buildSummary } from "../../src/office/summary";
import { checkActiveSheet } from "../../src/office/check";
import { createStrictContext, installExcelRun } from "../helpers/strictMock";
import { AUDIT_HEADERS, AUDIT_SHEET } from "../../src/review/verification";
import { PERFECT } from "../fixtures/answers";

/** Office collections load "items/name"; the mock only knows scalars, so load the whole items array. */
function collectionLoad(this: OfficeMockObject) {
  return OfficeMockObject.prototype.load.call(this, "items");
}

interface Written {
  values: Map<string, unknown[][]>;
}

function recorder(written: Written) {
  return (address: string) => {
    const range = {
      set values(v: unknown[][]) {
        written.values.set(address, v);
      },
      format: { fill: {}, font: {}, borders: { getItem: () => ({}) } },
      merge() {},
      unmerge() {},
      clear() {},
    };
    return range;
  };
}

function sheetData(unit: string, values: Record<string, unknown>, written: Written) {
  const layout = buildTemplateLayout(getCatalog(2022, "county"), { name: unit }, { variant: "addin", answers: { values, evidence: Object.fromEntries(getCatalog(2022, "county").categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((x) => [x.id, "已附"])))) } });
  const grid: unknown[][] = Array.from({ length: layout.lastRow }, () => Array(layout.lastCol).fill(""));
  const formulas: unknown[][] = Array.from({ length: layout.lastRow }, () => Array(layout.lastCol).fill(""));
  for (const c of layout.cells) {
    const v = c.formula !== undefined ? c.cached : c.value;
    grid[c.row - 1][c.col - 1] = v ?? "";
    formulas[c.row - 1][c.col - 1] = c.formula !== undefined ? `=${c.formula}` : (v ?? "");
  }
  return {
    name: unit,
    names: { items: layout.names.map((n) => ({ name: n.name, value: `'${unit}'!${n.address.replace(/^([A-Z]+)(\d+)$/, (_m, c: string, r: string) => `$${c}$${r}`)}` })), load: collectionLoad },
    protection: { protected: true },
    // Real Office.js: isNullObject is readable after any sync; the mock treats it as a loadable scalar.
    used: { load(this: OfficeMockObject, p: string) { return OfficeMockObject.prototype.load.call(this, `${p},isNullObject`); }, address: `'${unit}'!A1:${layout.cells[layout.cells.length - 1].address.replace(/\d+/, "")}${layout.lastRow}`, values: grid, formulas, isNullObject: false },
    getUsedRangeOrNullObject(this: { used: unknown }) {
      return this.used;
    },
    getRange: recorder(written),
    pageLayout: {},
  };
}

function workbook(units: string[], written: Written, active?: string) {
  const byName: Record<string, unknown> = {};
  units.forEach((u, i) => (byName[u] = sheetData(u, { ...PERFECT.county, meetingsHeld: i % 3 }, written)));
  const summarySheet = { name: "汇总", getRange: recorder(written), pageLayout: {}, activate() {} };
  return {
    workbook: {
      names: { items: [], load: collectionLoad },
      worksheets: {
        items: units.map((name) => ({ name })),
        load: collectionLoad,
        byName,
        active: byName[active ?? units[0]],
        summary: summarySheet,
        getItem(this: { byName: Record<string, unknown> }, name: string) {
          const s = this.byName[name];
          if (!s) throw new Error(`ItemNotFound ${name}`);
          return s;
        },
        getActiveWorksheet(this: { active: unknown }) {
          return this.active;
        },
        add(this: { summary: unknown }) {
          return this.summary;
        },
      },
    },
  };
}

async function run(units: string[]) {
  const written: Written = { values: new Map() };
  const mock = createStrictContext(workbook(units, written));
  const restore = installExcelRun(mock.context);
  try {
    const r = await buildSummary({ weight: 100, year: 2022 });
    return { r, syncs: mock.syncCount(), written };
  } finally {
    restore();
  }
}

test("汇总 in the open workbook: ≤ 4 syncs, the same for 2 and 20 units", async () => {
  const two = await run(["兴山区", "向阳区"]);
  const many = Array.from({ length: 20 }, (_, i) => (i < 8 ? unitsOf(2022).county[i] : `测试县${i}`));
  const twenty = await run(many);
  console.log(`[sync] 汇总: ${two.syncs} syncs for 2 units, ${twenty.syncs} for 20`);
  // sheet list; names + used-range sizes; cells (in chunks under the 5 MB payload, one here); the write
  expect(two.syncs).toBeLessThanOrEqual(4);
  expect(twenty.syncs).toBe(two.syncs);
  expect(twenty.r.units).toBe(20);
  // the table written is the review's: 兴山区 (0 meetings → 97.5) after 向阳区 (100)
  // The report's grid (the first block written from A1): rank, unit, six categories, 扣分合计, 自评, 核定, 考核得分.
  const table = two.written.values.get([...two.written.values.keys()].find((k) => k.startsWith("A1:"))!);
  expect(table).toBeDefined();
  const head = table!.find((row) => row[0] === "排名")!;
  const score = head.indexOf("考核得分");
  expect(score).toBe(11);
  const rows = table!.filter((row) => row[1] === "兴山区" || row[1] === "向阳区");
  expect(rows[0].slice(0, 2)).toEqual([1, "向阳区"]);
  expect(rows[0][score]).toBe(100);
  expect(rows[1].slice(0, 2)).toEqual([2, "兴山区"]);
  expect(rows[1][score]).toBe(97.5);
  expect(table!.flat().some((v) => typeof v === "string" && v.startsWith("="))).toBe(false);
});

test("提交前检查 of the active sheet: problems with cell addresses, two syncs", async () => {
  const written: Written = { values: new Map() };
  const data = workbook(["兴山区"], written);
  const sheet = (data.workbook.worksheets.byName as Record<string, ReturnType<typeof sheetData>>)["兴山区"];
  // blank one input the way Office reports an empty cell
  const name = sheet.names.items.find((n) => n.name === "CR_IN_meetingsHeld")!;
  const m = /\$([A-Z]+)\$(\d+)/.exec(name.value)!;
  sheet.used.values[Number(m[2]) - 1][colNumber(m[1]) - 1] = "";
  const mock = createStrictContext(data);
  const restore = installExcelRun(mock.context);
  try {
    const r = await checkActiveSheet({ year: 2022 });
    expect(r.unit).toBe("兴山区");
    expect(r.problems).toContainEqual(expect.objectContaining({ address: `${m[1]}${m[2]}`, severity: "错误", message: expect.stringMatching(/“兴山区”工作表 [A-Z]+\d+：「本年度召开信用工作会议次数」未填写/) }));
    expect(mock.syncCount()).toBe(2);
  } finally {
    restore();
  }
});

// The office's workbook: a 核定 counts only when it matches the latest 核定记录 entry (README 可信与安全).
describe("汇总 takes 核定 from the 核定记录", () => {
  function withAudit(rows: unknown[][], verified: unknown, reason: unknown) {
    const written: Written = { values: new Map() };
    const data = workbook(["兴山区", "向阳区"], written);
    const ws = data.workbook.worksheets as unknown as { items: { name: string }[]; byName: Record<string, ReturnType<typeof sheetData>> };
    const sheet = ws.byName["兴山区"];
    const put = (name: string, v: unknown) => {
      const m = /\$([A-Z]+)\$(\d+)/.exec(sheet.names.items.find((n) => n.name === name)!.value)!;
      sheet.used.values[Number(m[2]) - 1][colNumber(m[1]) - 1] = v;
      sheet.used.formulas[Number(m[2]) - 1][colNumber(m[1]) - 1] = v;
    };
    put("CR_VER_county_1_1_2", verified);
    put("CR_VRS_county_1_1_2", reason);
    const values = [[...AUDIT_HEADERS], ...rows];
    const audit = {
      ...sheetData("向阳区", {}, written),
      name: AUDIT_SHEET,
      names: { items: [], load: collectionLoad },
      used: { load(this: OfficeMockObject, p: string) { return OfficeMockObject.prototype.load.call(this, `${p},isNullObject`); }, address: `'${AUDIT_SHEET}'!A1:J${values.length}`, values, formulas: values, isNullObject: false },
    };
    ws.items.push({ name: AUDIT_SHEET });
    ws.byName[AUDIT_SHEET] = audit as never;
    return data;
  }
  async function summaryOf(data: ReturnType<typeof workbook>) {
    const mock = createStrictContext(data);
    const restore = installExcelRun(mock.context);
    try {
      return (await buildSummary({ weight: 100, year: 2022 })).data;
    } finally {
      restore();
    }
  }
  const entry = (to: number, reason: string) => ["2022-12-20T10:00:00+08:00", "张三", "兴山区", "兴山区", "county.1.1.2", 2.5, 2.5, "", to, reason];

  test("a 核定 cell matching the latest entry counts", async () => {
    const d = await summaryOf(withAudit([entry(1, "部分补交"), entry(0, "核实已召开")], 0, "核实已召开"));
    expect(d.tables.county.rows.find((r) => r.unit === "兴山区")).toMatchObject({ selfScore: 97.5, verifiedScore: 100, score: 100 });
    expect(d.problems.filter((p) => p.kind === "核定")).toEqual([]);
  });

  test.each([
    ["no entry at all", [] as unknown[][], 0, "核实已召开", 97.5],
    ["the cell differs from the latest entry", [entry(0, "核实已召开"), entry(2.5, "维持自评")], 0, "核实已召开", 97.5],
  ])("%s: flagged as changed without a record, the cell not used", async (_n, rows, verified, reason, score) => {
    const d = await summaryOf(withAudit(rows, verified, reason));
    expect(d.tables.county.rows.find((r) => r.unit === "兴山区")).toMatchObject({ score, status: "有问题" });
    expect(d.problems).toContainEqual(expect.objectContaining({ severity: "错误", kind: "核定", message: expect.stringMatching(/^“兴山区”工作表 [A-Z]+\d+：条款 county\.1\.1\.2 的核定栏.*核定记录/) }));
  });
});
