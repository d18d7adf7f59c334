// ESLint 9 flat config: @eslint/js + typescript-eslint recommended. `npm run lint` = tsc --noEmit + eslint.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import * as espree from "espree"; // ESLint's own parser (a dependency of eslint)

const OURS = ["core", "read", "layout", "review", "functions", "office", "xlsx", "cli", "taskpane", "commands", "workbench"];
const except = (...allowed) => OURS.filter((d) => !allowed.includes(d));
/** What each folder of src/ may NOT import (relative imports that climb out of it into these folders). */
const LAYERS = [
  { files: ["src/core/**/*.ts"], forbidden: except("core"), packages: false },
  // The reader of workbooks (xlsx files and Office.js values alike) and the one resolver of CR_* names: under
  // both writers, pure (fflate only: it runs in the task pane too), asking core alone for the rules.
  { files: ["src/read/**/*.ts"], forbidden: except("core", "read"), packages: "reader" },
  { files: ["src/layout/**/*.ts"], forbidden: except("core", "layout") },
  // review may lay out its own documents (the 核定表) as layout's SheetDoc, rendered by both writers.
  { files: ["src/review/**/*.ts"], forbidden: except("core", "layout", "review") },
  { files: ["src/functions/**/*.ts"], forbidden: except("core", "functions") },
  { files: ["src/office/**/*.ts"], forbidden: ["xlsx", "cli", "functions", "taskpane", "commands", "workbench"] },
  { files: ["src/xlsx/**/*.ts"], forbidden: ["office", "cli", "functions", "taskpane", "commands", "workbench"] },
  { files: ["src/cli/**/*.ts"], forbidden: ["office", "functions", "taskpane", "commands", "workbench"] },
  // The 考核工作台 page: the pure parts and the Node-free ExcelJS writers and readers of xlsx/ (the page's
  // bundle would not build with a Node module in it), never Office.js code.
  { files: ["src/workbench/**/*.ts"], forbidden: ["office", "cli", "functions", "taskpane", "commands"] },
  { files: ["src/commands/**/*.ts"], forbidden: except("core", "commands") },
];

/**
 * import() is held to more than a static import: no-restricted-imports does not see it at all, and a chunk
 * loaded by a computed path is one neither the lint nor webpack can follow. So in src/ an import() takes a
 * literal path within its own part (the pane's first-paint split: taskpane.ts → ./start); anything from
 * another part, or a package, is imported statically, where the layer rules above apply.
 */
const DYNAMIC_IMPORTS = [
  { selector: "ImportExpression[source.type!='Literal']", message: "import() takes a literal path (the lint and webpack must see what it loads)" },
  {
    selector: `ImportExpression[source.value=/^(\\.\\.\\/)+(${OURS.join("|")})(\\/|$)|^[^.]/]`,
    message: "No import() across layers or of a package: import it statically, where the layer rules apply (see eslint.config.mjs)",
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "bench/.*.cjs", "node_modules/**", ".test-output/**", "coverage/**", "dist-tsc/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts"],
    languageOptions: { globals: { ...globals.browser, Office: "readonly", Excel: "readonly", CustomFunctions: "readonly" } },
  },
  // Layers (issue 14): each part of src/ imports only the parts below it. test/lint.test.ts keeps these honest.
  ...LAYERS.map(({ files, forbidden, packages }) => ({
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: `^(\\.\\./)+(${forbidden.join("|")})(/|$)`, message: `${files[0].replace("/**/*.ts", "")} may not import ${forbidden.join(", ")} (layers: see eslint.config.mjs)` },
            ...(packages !== false ? [] : [{ regex: "^[^.]", message: "src/core is pure TypeScript: no packages, no Node or browser modules" }]),
            ...(packages !== "reader" ? [] : [{ regex: "^(?!\\.|fflate$)", message: "src/read runs in Node and in the task pane: fflate is its only package (no ExcelJS, no Node modules)" }]),
          ],
        },
      ],
    },
  })),
  { files: ["src/**/*.ts"], rules: { "no-restricted-syntax": ["error", ...DYNAMIC_IMPORTS] } },
  // The Office, Excel and CustomFunctions globals only where Office.js code lives: the workbook layer, the pane,
  // the ribbon commands and the custom-function wrappers. Everything else is plain TypeScript testable in Node.
  {
    files: ["src/**/*.ts"],
    ignores: ["src/office/**", "src/taskpane/**", "src/commands/**", "src/functions/functions.ts"],
    rules: {
      "no-restricted-globals": ["error", ...["Office", "Excel", "CustomFunctions"].map((name) => ({ name, message: `${name} is only for src/office, src/taskpane, src/commands and src/functions/functions.ts` }))],
      // …and their types (Excel.RequestContext) too: a type from office-js makes the module Office.js code.
      "no-restricted-syntax": [
        "error",
        ...DYNAMIC_IMPORTS, // this rule's options replace the ones above for these files: keep both
        {
          selector: "TSQualifiedName > Identifier.left[name=/^(Office|Excel|CustomFunctions)$/]",
          message: "Office.js types are only for src/office, src/taskpane, src/commands and src/functions/functions.ts",
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ["**/*.cjs", "webpack.config.js", "jest.config.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Chinese text uses the ideographic space (U+3000) in strings on purpose.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  // The old-engine gate runs where the bundles cannot (Internet Explorer 11): ES5 and a classic script, so
  // the lint's parser refuses anything newer (test/browser/oldEngine.test.ts parses it as ES5 too).
  {
    files: ["src/taskpane/old-engine.js", "src/workbench/workbench-gate.js"],
    // espree, ESLint's own parser, holds to ecmaVersion (typescript-eslint's parser would accept any syntax).
    languageOptions: { parser: espree, ecmaVersion: 5, sourceType: "script", globals: globals.browser },
    // ES5 has no `catch {}` without a binding: unused catch bindings are allowed here.
    rules: { "no-var": "off", "prefer-const": "off", "@typescript-eslint/no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  // Its syntax probe is ES2020 on purpose (the bundles' syntax).
  {
    files: ["src/taskpane/engine-probe.js"],
    languageOptions: { parser: espree, ecmaVersion: 2020, sourceType: "script", globals: globals.browser },
  },
);
