// The command line as users run it: npm run cli -- catalog|score …
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clauseNumber, getCatalog, score } from "../../src/core/index";
import { cli } from "../helpers/cli";

const root = join(__dirname, "..", "..");

const tmp = mkdtempSync(join(tmpdir(), "credit-cli-"));
function file(name: string, content: string) {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

test("catalog --json has the documented shape and the catalog's figures", async () => {
  const r = await cli("catalog", "--kind", "department", "--json");
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  const c = getCatalog(2022, "department");
  // The whole catalog as data (issue 14): the form --catalog FILE reads back.
  expect(Object.keys(j)).toEqual(["year", "kind", "source", "title", "total", "categories"]);
  expect(j.categories.map((x: { points: number }) => x.points)).toEqual(c.categories.map((x) => x.points));
  const clause = j.categories[1].indicators[5].clauses[1];
  expect(Object.keys(clause)).toEqual(["id", "text", "deduction", "evidence", "inputs", "condition"]);
  expect(clause).toMatchObject({ id: "department.2.6.2", deduction: 2.5, evidence: ["平台调阅"] });
});

test("catalog text lists every clause by the number the form prints (the internal id only in --json)", async () => {
  const r = await cli("catalog", "--kind", "county");
  expect(r.code).toBe(0);
  for (const cat of getCatalog(2022, "county").categories) for (const ind of cat.indicators) for (const cl of ind.clauses) expect(r.out).toContain(`    ${clauseNumber(cl.id)}  扣`);
  expect(r.out).not.toMatch(/county\./);
});

test("score of the example file equals the engine's and explains in Chinese", async () => {
  const r = await cli("score", "--kind", "county", join(root, "examples/answers-county.json"), "--json");
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  const example = JSON.parse(readFileSync(join(root, "examples/answers-county.json"), "utf8"));
  const expected = score(getCatalog(2022, "county"), { values: example.values, notApplicable: example.notApplicable });
  expect(j.score).toBe(expected.score);
  expect(j.clauses).toEqual(expected.clauses);
  const text = await cli("score", "--kind", "county", join(root, "examples/answers-county.json"));
  expect(text.out).toContain(`得分 ${expected.score}`);
  expect(text.out).toContain("入驻信易贷 1,200 户，占市场主体 6.0%，低于 20%，扣 10 分");
});

test.each([
  ["missing file", ["score", "--kind", "county", "/nonexistent/answers.json"], "无法读取答案文件"],
  ["bad JSON", ["score", "--kind", "county", file("bad.json", "{values: 1")], "不是有效的 JSON"],
  ["no values", ["score", "--kind", "county", file("novalues.json", "{}")], "缺少 \"values\""],
  ["unknown input", ["score", "--kind", "county", file("unknown.json", '{"values":{"foo":1}}')], "未知的输入项：foo"],
  ["kind mismatch", ["score", "--kind", "department", file("mismatch.json", '{"kind":"county","values":{}}')], "不一致"],
  ["bad notApplicable", ["score", "--kind", "county", file("na.json", '{"values":{},"notApplicable":["county.9.9"]}')], "notApplicable"],
  ["不涉及 where it cannot apply", ["score", "--kind", "county", file("na2.json", '{"values":{},"notApplicable":["county.6.1"]}')], "不能选择“不涉及”"],
  ["bad kind", ["catalog", "--kind", "city"], "--kind 应为 county"],
  ["no kind", ["catalog"], "请用 --kind"],
  ["unknown year", ["catalog", "--kind", "county", "--year", "2019"], "没有 2019 年度"],
])("%s → Chinese message, exit 2, no stack trace", async (_name, args, message) => {
  const r = await cli(...args);
  expect(r.code).toBe(2);
  expect(r.err).toContain(message);
  expect(r.err).not.toMatch(/\n\s+at /);
});

test("invalid values inside a good file are reported per clause, not a crash", async () => {
  const p = file("invalid.json", JSON.stringify({ kind: "county", values: { meetingsHeld: -1, xydEntered: "很多" } }));
  const r = await cli("score", p);
  expect(r.code).toBe(0);
  expect(r.out).toContain("未完成");
  expect(r.out).toContain("  1.1.2  数据错误：“本年度召开信用工作会议次数”不能为负数");
  expect(r.out).toContain("“很多”");
});
