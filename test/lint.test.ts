// The layers of src/ hold by rule, not by convention: eslint.config.mjs refuses an import that climbs into a
// part a folder may not use, a package in src/core (and any but fflate in src/read), an import() across
// layers or by a computed path, and the Office.js globals (or their types) outside the Office.js code.
// Each case is linted as if it were a file of that folder, with the project's own config.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ROOT } from "./helpers/paths";

const cases: [file: string, code: string, rule: string | null][] = [
  // core imports nothing of ours and no package
  ["src/core/zz.ts", `import { namedValues } from "../read/resolve";\nexport const x = namedValues;\n`, "no-restricted-imports"],
  ["src/core/years/2099/zz.ts", `import { reviewUnit } from "../../../review/unit";\nexport const x = reviewUnit;\n`, "no-restricted-imports"],
  ["src/core/zz.ts", `import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n`, "no-restricted-imports"],
  ["src/core/zz.ts", `import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n`, "no-restricted-imports"],
  ["src/core/years/2099/zz.ts", `import { clause } from "../../catalog/build";\nexport const x = clause;\n`, null],
  // read: under both writers, only core and fflate (it runs in the pane too)
  ["src/read/zz.ts", `import { regenerate } from "../layout/regenerate";\nexport const x = regenerate;\n`, "no-restricted-imports"],
  ["src/read/zz.ts", `import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n`, "no-restricted-imports"],
  ["src/read/zz.ts", `import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n`, "no-restricted-imports"],
  ["src/read/zz.ts", `import { inflateSync } from "fflate";\nimport { names } from "../core/names";\nexport const x = [inflateSync, names];\n`, null],
  ["src/office/zz.ts", `import { readWorkbookBytes } from "../read/index";\nexport const x = readWorkbookBytes;\n`, null],
  ["src/xlsx/zz.ts", `import { readWorkbookBytes } from "../read/index";\nexport const x = readWorkbookBytes;\n`, null],
  ["src/layout/zz.ts", `import { parseRef } from "../read/resolve";\nexport const x = parseRef;\n`, "no-restricted-imports"],
  ["src/review/zz.ts", `import { readWorkbookBytes } from "../read/index";\nexport const x = readWorkbookBytes;\n`, "no-restricted-imports"],
  // import(): never across layers (not even where a static import is allowed), never of a package, never a computed path
  ["src/office/zz.ts", `export const f = () => import("../xlsx/readWorkbookFile");\n`, "no-restricted-syntax"],
  ["src/office/zz.ts", `export const f = () => import("../read/index");\n`, "no-restricted-syntax"],
  ["src/cli/commands/zz.ts", `export const f = () => import("../../office/import");\n`, "no-restricted-syntax"],
  ["src/review/zz.ts", `export const f = () => import("exceljs");\n`, "no-restricted-syntax"],
  ["src/office/zz.ts", `export const f = (p: string) => import(p);\n`, "no-restricted-syntax"],
  ["src/taskpane/zz.ts", "export const f = (v: string) => import(`./views/${v}`);\n", "no-restricted-syntax"],
  ["src/taskpane/zz.ts", `export const f = () => import("./start");\n`, null],
  // layout: only core; review: core and layout (the 核定表 is a SheetDoc)
  ["src/layout/zz.ts", `import { reviewUnit } from "../review/unit";\nexport const x = reviewUnit;\n`, "no-restricted-imports"],
  ["src/review/zz.ts", `import { weighted } from "../functions/core";\nexport const x = weighted;\n`, "no-restricted-imports"],
  ["src/review/zz.ts", `import { namedValues } from "../read/resolve";\nexport const x = namedValues;\n`, "no-restricted-imports"],
  ["src/review/zz.ts", `import { names } from "../core/names";\nexport const x = names;\n`, null],
  ["src/review/zz.ts", `import { DocBuilder } from "../layout/sheetDoc";\nexport const x = DocBuilder;\n`, null],
  ["src/review/zz.ts", `import { addSheetDoc } from "../xlsx/writeSheetDoc";\nexport const x = addSheetDoc;\n`, "no-restricted-imports"],
  // functions: only core
  ["src/functions/zz.ts", `import { summarize } from "../review/summary";\nexport const x = summarize;\n`, "no-restricted-imports"],
  // office, xlsx, cli: below the pane
  ["src/office/zz.ts", `import { App } from "../taskpane/app";\nexport const x = App;\n`, "no-restricted-imports"],
  ["src/xlsx/zz.ts", `import { buildSummary } from "../office/summary";\nexport const x = buildSummary;\n`, "no-restricted-imports"],
  ["src/cli/commands/zz.ts", `import { VIEWS } from "../../commands/views";\nexport const x = VIEWS;\n`, "no-restricted-imports"],
  ["src/cli/zz.ts", `import { catalogCommand } from "./commands/catalog";\nexport const x = catalogCommand;\n`, null],
  ["src/taskpane/zz.ts", `import { buildSummary } from "../office/summary";\nexport const x = buildSummary;\n`, null],
  // workbench (the 考核工作台 page): the pure parts and xlsx/'s Node-free writers, never Office.js code; nothing imports it
  ["src/workbench/zz.ts", `import { summaryFile } from "../xlsx/writeSummary";\nexport const x = summaryFile;\n`, null],
  ["src/workbench/zz.ts", `import { reviewUnit } from "../review/unit";\nexport const x = reviewUnit;\n`, null],
  ["src/workbench/zz.ts", `import { buildSummary } from "../office/summary";\nexport const x = buildSummary;\n`, "no-restricted-imports"],
  ["src/workbench/zz.ts", `import { App } from "../taskpane/app";\nexport const x = App;\n`, "no-restricted-imports"],
  ["src/workbench/zz.ts", `export const f = () => Excel.run;\n`, "no-restricted-globals"],
  ["src/xlsx/zz.ts", `import { Workbench } from "../workbench/work";\nexport const x = Workbench;\n`, "no-restricted-imports"],
  ["src/workbench/zz.ts", `export const f = () => import("../xlsx/writeSummary");\n`, "no-restricted-syntax"],
  // Office.js globals and types only in office, taskpane, commands and the custom-function wrappers
  ["src/review/zz.ts", `export const f = () => Excel.run;\n`, "no-restricted-globals"],
  ["src/layout/zz.ts", `export const f = () => Office.context;\n`, "no-restricted-globals"],
  ["src/functions/core.ts", `export const f = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue);\n`, "no-restricted-globals"],
  ["src/review/zz.ts", `export const f = (c: Excel.RequestContext) => c;\n`, "no-restricted-syntax"],
  ["src/office/zz.ts", `export const f = (c: Excel.RequestContext) => Office.context ?? c;\n`, null],
  ["src/functions/functions.ts", `export const f = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue);\n`, null],
];

// ESLint's flat config is an ES module: lint in a child Node process through the ESLint API.
const script = `
const { ESLint } = require("eslint");
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const [file, code] of cases) {
    const [r] = await eslint.lintText(code, { filePath: file });
    out.push([...new Set(r.messages.map((m) => m.ruleId))]);
  }
  process.stdout.write(JSON.stringify(out));
})();`;

test("a file that breaks a layer fails the lint; the same import where it is allowed passes", () => {
  const run = spawnSync(process.execPath, ["-e", script, JSON.stringify(cases.map(([f, c]) => [f, c]))], { cwd: ROOT, encoding: "utf8" });
  expect(run.stderr).toBe("");
  const rules: string[][] = JSON.parse(run.stdout);
  expect(cases.map(([file, code], i) => [file, code.split("\n")[0], rules[i]])).toEqual(cases.map(([file, code, rule]) => [file, code.split("\n")[0], rule ? [rule] : []]));
}, 120_000);

// No two modules of src/ import each other, directly or round a longer loop (types count: a module that
// needs the other's types to be read is tied to it). src/core/text.ts took the text rules out of the only
// circle there was (review/identity.ts ↔ review/types.ts).
test("no import cycle among the modules of src/", () => {
  const files = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => join(ROOT, "src", f));
  const resolveImport = (from: string, spec: string): string | undefined => {
    const base = resolve(dirname(from), spec);
    return [`${base}.ts`, join(base, "index.ts")].find((f) => existsSync(f));
  };
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|\bimport\(\s*"(\.[^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]);
    edges.set(f, specs.map((s) => resolveImport(f, s)).filter((x): x is string => !!x));
  }
  expect(edges.get(join(ROOT, "src/review/identity.ts"))).toContain(join(ROOT, "src/review/types.ts")); // the scan sees imports
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of edges.get(f) ?? []) {
      if (state.get(g) === "open") cycles.push([...stack.slice(stack.indexOf(g)), g].map((x) => relative(ROOT, x)).join(" → "));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});
