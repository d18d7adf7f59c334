// The run's shared fixtures (test/helpers/fixtureCache.ts): a recipe's key tells apart what JSON would not, and
// a fixture is made once and handed out as copies.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recipeKey, sharedFixture } from "./helpers/fixtureCache";

test("recipe keys: undefined, NaN, -0 and Dates are not JSON's null or text; key order does not matter", () => {
  const keys = [
    { values: {} },
    { values: { a: undefined } },
    { values: { a: null } },
    { values: { a: NaN } },
    { values: { a: 0 } },
    { values: { a: -0 } },
    { values: { a: new Date("2022-05-12T00:00:00Z") } },
    { values: { a: "2022-05-12T00:00:00.000Z" } },
    { values: { a: [1] } },
    { values: { a: "1" } },
  ].map(recipeKey);
  expect(new Set(keys).size).toBe(keys.length);
  expect(recipeKey({ a: 1, b: { c: 2, d: 3 } })).toBe(recipeKey({ b: { d: 3, c: 2 }, a: 1 }));
  expect(() => recipeKey({ edit: () => 1 })).toThrow(/cannot be keyed/);
  expect(() => recipeKey({ map: new Map() })).toThrow(/cannot be keyed/);
});

test("a fixture is made once per run and read back by every later call, each caller with a copy of its own", async () => {
  const saved = process.env.CREDIT_TEST_FIXTURES;
  const dir = mkdtempSync(join(tmpdir(), "credit-fixtures-test-"));
  process.env.CREDIT_TEST_FIXTURES = dir;
  try {
    let made = 0;
    const make = async () => Buffer.from(`made ${++made}`);
    const [a, b] = await Promise.all([sharedFixture("t", { n: 1 }, make), sharedFixture("t", { n: 1 }, make)]);
    a[0] = 0;
    expect([made, b.toString(), (await sharedFixture("t", { n: 1 }, make)).toString()]).toEqual([1, "made 1", "made 1"]);
    expect((await sharedFixture("t", { n: 2 }, make)).toString()).toBe("made 2");
    expect(readdirSync(dir).filter((f) => !f.endsWith(".part")).length).toBe(2);
    delete process.env.CREDIT_TEST_FIXTURES;
    expect((await sharedFixture("t", { n: 1 }, make)).toString()).toBe("made 3"); // outside a run: made each time
  } finally {
    if (saved === undefined) delete process.env.CREDIT_TEST_FIXTURES;
    else process.env.CREDIT_TEST_FIXTURES = saved;
  }
});
