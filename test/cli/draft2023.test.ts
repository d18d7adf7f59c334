// The office drafts next year's list itself, as a file: catalog --json gives the form, the draft changes a
// threshold, a point split and adds a clause, and template → fill → check → summary all run from it with
// --catalog, while every 2022 output stays exactly as it was. "Next year" is the year after the latest
// registered one (NEXT; the tests register a copy of the latest shipped year, test/helpers/nextYear.ts).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CATALOGS, getCatalog, loadCatalog, score, workingYear, type Catalog, type Clause, type Condition } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { summarizeFiles } from "../../src/xlsx/summarizeFiles";
import { cli } from "../helpers/cli";
import { returnedFile } from "../review/helpers";
import { PERFECT } from "../fixtures/answers";

const tmp = mkdtempSync(join(tmpdir(), "credit-draft-"));
const at = (...p: string[]) => join(tmp, ...p);

const NEXT = workingYear() + 1;

/** What the office does by hand in the JSON file. */
function draft2023(base: Catalog): Catalog {
  const c = structuredClone(base);
  c.year = NEXT;
  c.source = `鹤信用办发〔${NEXT}〕1号`;
  c.title = `${NEXT} 年度“信用鹤岗”建设工作考核指标（县区）`;
  // Every date moves to the new year (the loader refuses a date of another year in the list).
  const json = JSON.stringify(c).replace(new RegExp(`${base.year}-(\\d\\d-\\d\\d)`, "g"), `${NEXT}-$1`);
  const d = JSON.parse(json) as Catalog;
  // (1) A changed threshold: 信易贷 20 % → 30 %.
  const xyd = d.categories[1].indicators[0].clauses[0];
  xyd.text = "引导市场主体入驻“信易贷”平台数量不低于本辖区市场主体总量 30%，未完成扣 10 分。";
  (xyd.condition as Extract<Condition, { op: "rateBelow" }>).value = 30;
  // (2) A changed point split: 诚信教育 5 → 10, 信息报送 10 → 5 (its clause now deducts 5).
  d.categories[4].points = 10;
  d.categories[4].indicators[0].points = 10;
  d.categories[5].points = 5;
  d.categories[5].indicators[0].points = 5;
  d.categories[5].indicators[0].clauses[0].deduction = 5;
  d.categories[5].indicators[0].clauses[0].text = "每年度报送本辖区信用体系建设工作动态、工作信息少于 30 篇，扣 5 分。";
  // (3) One new clause: an education plan.
  const plan: Clause = {
    id: "county.5.1.2",
    text: "未制定年度诚信教育工作计划扣 5 分。",
    deduction: 5,
    evidence: ["工作计划"],
    inputs: [{ id: "eduPlan", label: "是否已制定年度诚信教育工作计划", type: "bool" }],
    condition: { op: "no", input: "eduPlan", yesText: "已制定年度诚信教育工作计划", noText: "未制定年度诚信教育工作计划" },
  };
  d.categories[4].indicators[0].clauses.push(plan);
  return d;
}

const draftFile = at(`${NEXT}-county.json`);
// PERFECT's 信易贷 share is 25 %: enough in 2022, short in the draft, so the draft's baseline has 40 %.
const values2023 = { ...PERFECT.county, xydEntered: 8000, marketEntities: 20000, commitUpdated: `${NEXT}-04-20`, eduPlan: "是" };

/** Outputs of the 2022 lists that must not move. */
async function outputs2022() {
  return {
    catalogCounty: (await cli("catalog", "--kind", "county", "--json", "--year", "2022")).out,
    catalogDepartment: (await cli("catalog", "--kind", "department", "--year", "2022")).out,
    score: (await cli("score", "--kind", "county", join(__dirname, "..", "..", "examples/answers-county.json"), "--json", "--year", "2022")).out,
  };
}

let before2022: Awaited<ReturnType<typeof outputs2022>>;

beforeAll(async () => {
  before2022 = await outputs2022();
  const printed = await cli("catalog", "--kind", "county", "--json");
  expect(printed.code).toBe(0);
  writeFileSync(draftFile, JSON.stringify(draft2023(JSON.parse(printed.out)), null, 2));
}, 60_000);

test("catalog --json prints the catalog exactly as data, which loads back unchanged", async () => {
  const printed = JSON.parse((await cli("catalog", "--kind", "county", "--json", "--year", "2022")).out);
  expect(printed).toEqual(JSON.parse(JSON.stringify(getCatalog(2022, "county"))));
  expect(loadCatalog(printed)).toEqual(printed);
  // The data scores exactly like the registered list.
  const answers = { values: { ...PERFECT.county, xydEntered: 100, meetingsHeld: null } };
  expect(score(printed, answers)).toEqual(score(getCatalog(2022, "county"), answers));
});

test("the draft checks out: catalog --catalog prints it; a broken draft is refused in Chinese, naming what is wrong", async () => {
  const ok = await cli("catalog", "--catalog", draftFile);
  expect([ok.code, ok.err]).toEqual([0, ""]);
  expect(ok.out).toContain("5.1.2  扣5分  未制定年度诚信教育工作计划扣 5 分。");
  expect(ok.out).toContain("五、诚信教育（10分）");

  const broken = JSON.parse(readFileSync(draftFile, "utf8")) as Catalog;
  broken.categories[5].indicators[0].clauses[0].deduction = 10; // more than the 5-point indicator
  broken.categories[4].indicators[0].clauses[1].id = "county.5.1.1"; // duplicate id
  (broken.categories[4].indicators[0].clauses[1].condition as { input: string }).input = "eduPlann"; // typo
  const bad = at("broken.json");
  writeFileSync(bad, JSON.stringify(broken));
  const r = await cli("template", "--catalog", bad, "--out", at("never"));
  expect(r.code).toBe(2);
  expect(r.err).toContain(`指标目录文件“${bad}”有`);
  expect(r.err).toContain("条款 county.6.1.1：扣 10 分，超过所属指标 county.6.1 的分值 5 分");
  expect(r.err).toContain("编号 county.5.1.1 重复");
  expect(r.err).toContain("用到的输入项 eduPlann 未在本条款的 \"inputs\" 中声明");
  expect(r.err).not.toMatch(/at |Error:|undefined/);
  expect(() => readdirSync(at("never"))).toThrow();

  const notJson = at("not.json");
  writeFileSync(notJson, `{ year: ${NEXT}`);
  expect((await cli("summary", at("nothing"), "--json", "--catalog", notJson)).err).toContain(`指标目录文件“${notJson}”不是有效的 JSON`);
});

test("template → fill → check → summary run from the next year's draft", async () => {
  const made = await cli("template", "--catalog", draftFile, "--units", "兴山区,南山区,向阳区", "--out", at("模板"));
  expect(made.code).toBe(0);
  expect(made.err).toContain("尚未登记到加载项"); // the add-in variant's formulas need the list registered
  expect(readdirSync(at("模板")).sort()).toEqual([`兴山区-${NEXT}-县区.xlsx`, `南山区-${NEXT}-县区.xlsx`, `向阳区-${NEXT}-县区.xlsx`].sort());

  const catalog = loadCatalog(JSON.parse(readFileSync(draftFile, "utf8")));
  mkdirSync(at("返回"));
  const fill = async (unit: string, values: Record<string, unknown>) =>
    writeFileSync(at("返回", `${unit}.xlsx`), await returnedFile(unit, "county", { catalog, template: readFileSync(at("模板", `${unit}-${NEXT}-县区.xlsx`)), values: { ...values2023, ...values } }));
  await fill("兴山区", {});
  await fill("南山区", { xydEntered: 5000, marketEntities: 20000 }); // 25 %: enough in 2022, short of the draft's 30 %
  await fill("向阳区", { eduPlan: "否", reportsSent: 12 }); // the new clause, and 信息报送 now deducts 5

  const c1 = await cli("check", at("返回", "南山区.xlsx"), "--catalog", draftFile, "--json");
  expect(c1.code).toBe(0);
  const [r1] = JSON.parse(c1.out);
  expect(r1).toMatchObject({ year: NEXT, unit: "南山区", score: 90, complete: true, problems: [] });
  // Without the draft the add-in knows no list of that year and says so.
  const c2 = await cli("check", at("返回", "南山区.xlsx"));
  expect(c2.code).toBe(1);
  expect(c2.out).toMatch(new RegExp(`${NEXT} 年度`));

  const s = await cli("summary", at("返回"), "--catalog", draftFile, "--json");
  expect([s.code, s.err]).toEqual([0, ""]);
  const data = JSON.parse(s.out);
  expect(data.year).toBe(NEXT);
  expect(data.ruleVersion).toContain(`鹤信用办发〔${NEXT}〕1号`);
  expect(data.tables.county.categoryTitles.map((t: { points: number }) => t.points)).toEqual([25, 40, 10, 10, 10, 5]);
  const rows = Object.fromEntries(data.tables.county.rows.map((r: { unit: string }) => [r.unit, r]));
  expect(rows["兴山区"]).toMatchObject({ rank: 1, score: 100 });
  expect(rows["南山区"]).toMatchObject({ rank: 2, score: 90, categories: [0, 10, 0, 0, 0, 0] });
  expect(rows["向阳区"]).toMatchObject({ rank: 2, score: 90, categories: [0, 0, 0, 0, 5, 5] });
  expect(data.missing.county).toEqual(["工农区", "兴安区", "东山区", "萝北县", "绥滨县"]);

  // The same in-process: the 汇总 of the draft equals the CLI's.
  const files = readdirSync(at("返回")).map((f) => at("返回", f));
  const direct = await summarizeFiles(files, { year: NEXT, expected: { county: ["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"], department: [] }, catalogs: [catalog] });
  expect(direct.data.tables.county.rows.map((r) => [r.unit, r.score])).toEqual(data.tables.county.rows.map((r: { unit: string; score?: number }) => [r.unit, r.score ?? undefined]));
}, 120_000);

test("every 2022 output stays as it was, also with the draft registered in the add-in", async () => {
  expect(await outputs2022()).toEqual(before2022);
  const unit = "兴山区";
  const layout = () => buildTemplateLayout(getCatalog(2022, "county"), { name: unit }, { variant: "addin", answers: { values: PERFECT.county } });
  let run = 0;
  const summary = async () => {
    mkdirSync(at(`run${++run}`));
    const p = at(`run${run}`, `${unit}.xlsx`);
    writeFileSync(p, await returnedFile(unit, "county", { values: { meetingsHeld: 0 } }));
    return (await summarizeFiles([p], { year: 2022, expected: { county: [unit], department: [] }, now: new Date(0) })).data;
  };
  const before = { layout: layout(), summary: await summary() };
  (CATALOGS as Catalog[]).push(loadCatalog(JSON.parse(readFileSync(draftFile, "utf8"))));
  try {
    expect({ layout: layout(), summary: await summary() }).toEqual(before);
  } finally {
    (CATALOGS as Catalog[]).pop();
  }
}, 60_000);
