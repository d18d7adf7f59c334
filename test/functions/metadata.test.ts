// Contract of the custom functions' metadata: ids are frozen (a saved workbook calls _xldudf_CREDIT_<ID>,
// renaming breaks it), and every parameter's name, type, dimensionality and optional flag is what the
// template generator writes. Checked on the metadata generated from the source and on dist/functions.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, ROOT } from "../helpers/paths";
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
  DEDUCT: ["clause:string", "inputs:any[][]", "applicability?:any"],
  STATUS: ["clause:string", "inputs:any[][]", "applicability?:any"],
  EXPLAIN: ["clause:string", "inputs:any[][]", "applicability?:any"],
  SCORE: ["deductions:any[][]", "clauses?:any[][]"],
  RATE: ["part:any", "whole:any"],
  WEIGHTED: ["score:any", "weight:any"],
  POINTS: ["id:string"],
  RULE: ["id:string"],
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
  }
  // Optional parameters only at the end, as Excel requires.
  for (const f of functions) {
    const firstOptional = f.parameters.findIndex((p) => p.optional);
    if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
  }
}

describe("custom functions metadata", () => {
  it("generated from src/functions/functions.ts: frozen ids and parameters", async () => {
    const r = await generateCustomFunctionsMetadata(join(ROOT, "src", "functions", "functions.ts"));
    expect(r.errors).toEqual([]);
    checkContract((JSON.parse(r.metadataJson) as { functions: Fn[] }).functions);
  }, 60_000);

  it("dist/functions.json (npm test builds first) is the same contract", () => {
    const file = join(DIST, "functions.json");
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does it)`);
    checkContract((JSON.parse(readFileSync(file, "utf8")) as { functions: Fn[] }).functions);
  });

  it("DEDUCT/STATUS/EXPLAIN result types: DEDUCT and SCORE may return a number or 待填 text (any)", () => {
    const fns = (JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as { functions: Fn[] }).functions;
    const type = (id: string) => fns.find((f) => f.id === id)?.result.type ?? "any";
    expect([type("DEDUCT"), type("SCORE"), type("RATE"), type("WEIGHTED")]).toEqual(["any", "any", "any", "any"]);
    expect([type("STATUS"), type("EXPLAIN"), type("RULE"), type("POINTS")]).toEqual(["string", "string", "string", "number"]);
  });
});
