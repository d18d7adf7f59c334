// Contract of the custom functions' metadata: ids are frozen (a saved workbook calls _xldudf_CREDIT_<ID>,
// renaming breaks it; RATE became SHARE before any workbook saved it, as Excel has a built-in RATE), and
// every parameter's name (in Chinese), type, dimensionality and optional flag is what the template
// generator writes. Checked on the metadata generated from the source and on dist/functions.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, ROOT } from "../helpers/paths";
import * as languages from "hyperformula/i18n/languages";
import type { Param as TableParam } from "../../src/functions/args";
import { FUNCTIONS, type FunctionId } from "../../src/functions/core";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
  generateCustomFunctionsMetadata(input: string): Promise<{ errors: string[]; metadataJson: string }>;
};

interface Param {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
  description?: string;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}

/** The frozen contract. Change an id only together with a migration of saved workbooks. */
const CONTRACT: Record<string, string[]> = {
  VERSION: [],
  DEDUCT: ["条款编号:string", "输入项:any[][]", "是否涉及?:any"],
  STATUS: ["条款编号:string", "输入项:any[][]", "是否涉及?:any"],
  EXPLAIN: ["条款编号:string", "输入项:any[][]", "是否涉及?:any"],
  SCORE: ["扣分:any[][]", "条款编号?:any[][]"],
  SHARE: ["部分数:any", "总数:any"],
  WEIGHTED: ["得分:any", "分值:any"],
  POINTS: ["编号:string"],
  RULE: ["编号:string"],
  WORKDAYS: ["开始日期:any", "结束日期:any"],
  ONTIME: ["决定日期:any", "公示日期:any"],
};

const signature = (p: Param) => `${p.name}${p.optional ? "?" : ""}:${p.type}${p.dimensionality === "matrix" ? "[][]" : ""}`;

function checkContract(functions: Fn[]): void {
  expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(CONTRACT).sort());
  for (const f of functions) {
    expect({ id: f.id, name: f.name, params: f.parameters.map(signature) }).toEqual({ id: f.id, name: f.id, params: CONTRACT[f.id] });
    expect(f.parameters.some((p) => p.repeating)).toBe(false);
    // Not volatile, not streaming, no address: recalculated only when an argument changes.
    expect({ id: f.id, options: f.options ?? {} }).toEqual({ id: f.id, options: {} });
    expect(f.result.dimensionality ?? "scalar").toBe("scalar");
    expect(f.description).toMatch(/[\u4e00-\u9fff]/);
    expect(f.description).toContain(`=CREDIT.${f.id}(`);
    // Limits of the custom-functions metadata schema (Microsoft's extensionFunction / extensionFunctionParameter
    // reference): description 1–128 characters, parameter name 1–64 (any characters: only the function id and
    // name are restricted to letters, digits, "." and "_"), parameter description 1–128.
    expect(f.description!.length).toBeLessThanOrEqual(128);
    for (const p of f.parameters) {
      // Named in Chinese: Excel's formula tooltip and 帮助 show these names.
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{1,64}$/);
      expect(p.description).toMatch(/[\u4e00-\u9fff]/);
      expect(p.description!.length).toBeLessThanOrEqual(128);
    }
  }
  // Optional parameters only at the end, as Excel requires.
  for (const f of functions) {
    const firstOptional = f.parameters.findIndex((p) => p.optional);
    if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
  }
}

let generated: Promise<{ errors: string[]; metadataJson: string }> | undefined;
const fromSource = () => (generated ??= generateCustomFunctionsMetadata(join(ROOT, "src", "functions", "functions.ts")));

describe("custom functions metadata", () => {
  it("generated from src/functions/functions.ts: frozen ids and parameters", async () => {
    const r = await fromSource();
    expect(r.errors).toEqual([]);
    checkContract((JSON.parse(r.metadataJson) as { functions: Fn[] }).functions);
  }, 60_000);

  it("the JSDoc wrappers declare exactly the parameters of the FUNCTIONS table (name, order, optional, range)", async () => {
    const fns = (JSON.parse((await fromSource()).metadataJson) as { functions: Fn[] }).functions;
    const ids = Object.keys(FUNCTIONS) as FunctionId[];
    expect(fns.map((f) => f.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const meta = fns.find((f) => f.id === id)!;
      const declared = meta.parameters.map((p) => ({ name: p.name, optional: !!p.optional, range: p.dimensionality === "matrix" }));
      const table = FUNCTIONS[id].params.map((p: TableParam) => ({ name: p.name, optional: !!p.optional, range: p.type === "cells" || p.type === "range" }));
      expect({ id, params: declared }).toEqual({ id, params: table });
    }
  }, 60_000);

  it("dist/functions.json (npm test builds first) is the same contract", () => {
    const file = join(DIST, "functions.json");
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does it)`);
    checkContract((JSON.parse(readFileSync(file, "utf8")) as { functions: Fn[] }).functions);
  });

  it("DEDUCT/STATUS/EXPLAIN result types: DEDUCT and SCORE may return a number or 待填 text (any)", () => {
    const fns = (JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as { functions: Fn[] }).functions;
    const type = (id: string) => fns.find((f) => f.id === id)?.result.type ?? "any";
    expect([type("DEDUCT"), type("SCORE"), type("SHARE"), type("WEIGHTED")]).toEqual(["any", "any", "any", "any"]);
    expect([type("STATUS"), type("EXPLAIN"), type("RULE"), type("POINTS")]).toEqual(["string", "string", "string", "number"]);
  });
});

/**
 * Excel's built-in function names: English from Office.js's Excel.Functions (its methods are the
 * worksheet functions, "beta_Dist" = BETA.DIST), and their translations in the 18 languages HyperFormula
 * ships (de ZINS, fr TAUX, it TASSO … for RATE). Chinese and Japanese Excel use the English names.
 */
function builtInNames(): Set<string> {
  const names = new Set<string>();
  const dts = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8");
  const start = dts.indexOf("class Functions extends OfficeExtension.ClientObject");
  const body = dts.slice(start, dts.indexOf("\n    }\n", start));
  for (const m of body.matchAll(/^ {8}([a-zA-Z][\w]*)\(/gm)) names.add(m[1].replace(/_/g, ".").toUpperCase());
  for (const pack of Object.values(languages as unknown as Record<string, { functions?: Record<string, string> }>)) {
    for (const [en, local] of Object.entries(pack.functions ?? {})) names.add(en.toUpperCase()).add(local.toUpperCase());
  }
  return names;
}

it("no CREDIT.* id or name is the name of a built-in Excel function in any language (Microsoft's naming guidance)", () => {
  const builtIn = builtInNames();
  expect(builtIn.size).toBeGreaterThan(400);
  for (const known of ["RATE", "SUM", "ZINS", "TAUX", "TASSO"]) expect(builtIn.has(known)).toBe(true);
  // The contract's ids are the metadata's ids and names (checkContract above).
  const clashes = Object.keys(CONTRACT).filter((id) => builtIn.has(id));
  expect(clashes).toEqual([]);
});

it("the README's function table names each function's parameters as Excel shows them", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const rows = new Map([...readme.matchAll(/^\| `CREDIT\.([A-Z]+)\(([^)]*)\)` \|/gm)].map((m) => [m[1], m[2]]));
  for (const id of Object.keys(FUNCTIONS) as FunctionId[]) {
    const signature = FUNCTIONS[id].params.map((p: TableParam) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    expect({ id, signature: rows.get(id) }).toEqual({ id, signature });
  }
});
