// A catalog is data: every registered list is plain JSON that the schema accepts and the loader reads back
// unchanged; a drafted list with a mistake is refused with a Chinese message naming where.
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGS, catalogData, catalogProblems, getCatalog, loadCatalog, CatalogError, type Catalog } from "../../src/core/index";

const schema = JSON.parse(readFileSync(join(__dirname, "../../src/core/catalog/catalog.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const county = () => catalogData(getCatalog(2022, "county"));

test.each(CATALOGS.map((c) => [`${c.year} ${c.kind}`, c] as const))("registered list %s: JSON data, valid by the schema and the loader", (_name, c) => {
  const data = catalogData(c);
  expect(data).toEqual(c); // nothing but JSON (no functions, dates, undefined-only fields)
  expect(validate(data) ? [] : validate.errors).toEqual([]);
  expect(catalogProblems(data)).toEqual([]);
  expect(loadCatalog(data)).toBe(data);
});

type Edit = (c: Catalog & Record<string, unknown>) => void;
const cases: [string, Edit, string, boolean][] = [
  // [what, edit, expected Chinese message, the JSON Schema also rejects it]
  ["year missing", (c) => void delete (c as Partial<Catalog>).year, `"year"（考核年度）应为 2000–2100 的整数年份，收到 （缺少）`, true],
  ["kind wrong", (c) => ((c as { kind: string }).kind = "town"), `"kind"（单位类别）应为 "county"（县区）或 "department"（市直部门），收到 "town"`, true],
  ["total not 100", (c) => (c.total = 90), `"total"（基础分）应为 100，收到 90`, true],
  ["categories not adding to 100", (c) => ((c.categories[5].points = 15), (c.categories[5].indicators[0].points = 15)), "各类别分值合计 105 分，应为 100 分", false],
  ["indicators not adding to the category", (c) => (c.categories[0].indicators[0].points = 6), "类别 county.1：各指标分值合计 26 分，与类别分值 25 分不符", false],
  ["deduction beyond its indicator", (c) => (c.categories[0].indicators[0].clauses[0].deduction = 6), "条款 county.1.1.1：扣 6 分，超过所属指标 county.1.1 的分值 5 分", false],
  ["duplicate id", (c) => (c.categories[0].indicators[0].clauses[1].id = "county.1.1.1"), "编号 county.1.1.1 重复", false],
  ["malformed id", (c) => (c.categories[0].indicators[0].clauses[0].id = "county.1.1-1"), `条款编号应形如 county.1.1.1，收到 "county.1.1-1"`, true],
  ["id outside its indicator", (c) => (c.categories[0].indicators[0].clauses[1].id = "county.1.2.9"), "条款 county.1.2.9：条款编号应以所属指标编号 county.1.1. 开头", false],
  ["category out of order", (c) => (c.categories[1].id = "county.7"), "类别应按顺序编号，第 2 个类别应为 county.2", false],
  ["condition input not declared", (c) => ((c.categories[0].indicators[0].clauses[1].condition as { input: string }).input = "meetings"), `条款 county.1.1.2 的判定条件："input" 用到的输入项 meetings 未在本条款的 "inputs" 中声明`, false],
  ["declared input unused", (c) => c.categories[0].indicators[0].clauses[1].inputs.push({ id: "extra", label: "多余", type: "count" }), "条款 county.1.1.2：输入项 extra 已声明，但判定条件没有用到", false],
  ["input of the wrong type", (c) => (c.categories[0].indicators[0].clauses[1].inputs[0].type = "bool"), `"input" 用到的输入项 meetingsHeld 类型为 bool，应为 count`, false],
  ["a shared input asked two ways", (c) => (c.categories[1].indicators[1].clauses[0].inputs[1].label = "市场主体数"), "输入项 marketEntities 与条款 county.2.1.1中的同名输入项定义不同", false],
  ["a 2022 date in a 2023 list", (c) => (c.year = 2023), "截止日期 2022-05-01 不在 2023 年度内", false],
  ["unknown field (a typo)", (c) => ((c.categories[0].indicators[0] as unknown as Record<string, unknown>).point = 5), `指标 county.1.1：未知字段 "point"`, true],
  ["unknown condition", (c) => ((c.categories[0].indicators[0].clauses[0].condition as { op: string }).op = "none"), `"op" 应为 no、yes、countBelow`, true],
  ["不涉及 rule missing", (c) => void delete (c.categories[0].indicators[0] as Partial<Catalog["categories"][number]["indicators"][number]>).notApplicable, `指标 county.1.1：缺少 "notApplicable"（单位能否选择“不涉及”）`, true],
  ["不涉及 allowed without saying when", (c) => (c.categories[0].indicators[0].notApplicable = { allowed: true } as never), `指标 county.1.1："notApplicable.when" 应写明何时可选“不涉及”（文字），收到 （缺少）`, true],
  ["不涉及 rule not a yes/no", (c) => (c.categories[0].indicators[0].notApplicable = { allowed: "否" } as never), `"notApplicable.allowed"（能否选择“不涉及”）应为 true 或 false，收到 "否"`, true],
  ["bad input id", (c) => (c.categories[5].indicators[0].clauses[0].inputs[0].id = "报送篇数"), `输入项编号应以字母开头、只含字母和数字（如 reportsSent），收到 "报送篇数"`, true],
];

test.each(cases)("refused: %s", (_what, edit, message, bySchema) => {
  const c = county() as Catalog & Record<string, unknown>;
  edit(c);
  const problems = catalogProblems(c);
  expect(problems.join("\n")).toContain(message);
  expect(() => loadCatalog(c, "指标目录文件“2023.json”")).toThrow(CatalogError);
  expect(() => loadCatalog(c, "指标目录文件“2023.json”")).toThrow(/^指标目录文件“2023\.json”有 \d+ 处问题：\n {2}- /);
  if (bySchema) expect(validate(c)).toBe(false);
});

test("not an object at all", () => {
  expect(catalogProblems([1, 2])).toEqual([`指标目录应为一个 JSON 对象（{ "year": …, "kind": …, "categories": […] }）`]);
  expect(catalogProblems(null)).toHaveLength(1);
});
