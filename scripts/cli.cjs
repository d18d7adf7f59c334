// `npm run cli -- …`: runs the command line (src/cli/main.ts) as ONE JavaScript file built by esbuild, so a
// command starts like any Node program instead of compiling TypeScript first (tsx: ~1.7 s before any work).
//
// The file is built here, on demand, whenever it is missing or any source it was built from changed (size or
// time of each file in src/ it bundles, package.json, tsconfig.json, this script, node_modules/.package-lock.json
// which npm rewrites on every install). Not in a postinstall/prepare script: `npm ci --ignore-scripts` (or
// ignore-scripts=true in .npmrc, common on managed Windows PCs) would skip it, and a `git pull` would leave it
// stale; built on demand, the README's commands stay as they are and always run the sources of the checkout.
// The first command after a change pays the build (about a second); the rest start at once.
//
// esbuild needs no install script (npm installs the @esbuild/<platform> package that holds the binary; the
// JS API finds it there). Where the binary may not run — antivirus or a policy against unsigned programs on a
// managed Windows PC (evanw/esbuild#2521, #3537) — the sources run through TypeScript's own transpiler, which is
// plain JavaScript: slower to start, same behaviour.
//
// Where the file goes: node_modules/.cache/credit-cli/, else the system's temporary folder, else memory.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { createHash } = require("node:crypto");

const ROOT = path.join(__dirname, "..");
const ENTRY = path.join(ROOT, "src", "cli", "main.ts");
/** Inputs that change the build besides the bundled sources (paths relative to ROOT). */
const ALSO = ["package.json", "tsconfig.json", "scripts/cli.cjs", "node_modules/.package-lock.json"];
const OPTIONS = {
  entryPoints: [ENTRY],
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Packages bundled too: one file parses faster than ExcelJS's hundreds of modules (measured: start-up and a
  // check about 0.6× of the same bundle with packages left in node_modules).
  sourcemap: "linked",
  metafile: true,
  logLevel: "silent",
};

function cacheDirs() {
  const key = createHash("sha1").update(ROOT).digest("hex").slice(0, 12);
  return [path.join(ROOT, "node_modules", ".cache", "credit-cli"), path.join(os.tmpdir(), `credit-cli-${key}`)];
}

/** [mtime, size] of each input, or null when one is missing (node_modules/.package-lock.json after another installer). */
function stamps(files) {
  const out = {};
  for (const f of files) {
    try {
      const s = fs.statSync(path.join(ROOT, f));
      out[f] = [s.mtimeMs, s.size];
    } catch {
      out[f] = null;
    }
  }
  return out;
}

/** The built file in `dir` if every input it was built from is unchanged. */
function fresh(dir) {
  const file = path.join(dir, "cli.cjs");
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(path.join(dir, "inputs.json"), "utf8"));
  } catch {
    return undefined;
  }
  const now = stamps(Object.keys(recorded));
  for (const [f, s] of Object.entries(recorded)) if (JSON.stringify(now[f]) !== JSON.stringify(s)) return undefined;
  return fs.existsSync(file) ? file : undefined;
}

class BuildError extends Error {}

/** Builds into `dir` (temporary names, then renames: a command running meanwhile reads a whole file). */
function build(esbuild, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, "build-"));
  try {
    const outfile = path.join(work, "cli.cjs");
    const started = Date.now();
    const result = buildOrThrow(() => esbuild.buildSync({ ...OPTIONS, outfile }));
    const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/")), ...ALSO];
    const recorded = stamps(inputs);
    fs.renameSync(`${outfile}.map`, path.join(dir, "cli.cjs.map"));
    fs.renameSync(outfile, path.join(dir, "cli.cjs"));
    // A source saved during the build may not be in it: then record nothing, and the next command builds again.
    if (Object.values(recorded).every((s) => !s || s[0] < started)) {
      fs.writeFileSync(path.join(work, "inputs.json"), JSON.stringify(recorded));
      fs.renameSync(path.join(work, "inputs.json"), path.join(dir, "inputs.json"));
    }
    return path.join(dir, "cli.cjs");
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** esbuild's result; a BuildError for errors in the sources, any other error when esbuild itself cannot run. */
function buildOrThrow(run) {
  try {
    return run();
  } catch (e) {
    if (e && Array.isArray(e.errors) && e.errors.some((m) => m.location)) {
      const where = e.errors.map((m) => `${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ""}${m.text}`);
      throw new BuildError(`命令行无法构建，源文件有错误：\n${where.join("\n")}`);
    }
    throw e;
  }
}

/** Loads built code held in memory (no folder was writable) as if it were a file beside the sources. */
function runFromMemory(code) {
  const Module = require("node:module");
  const m = new Module(ENTRY, module);
  m.filename = path.join(ROOT, "src", "cli", "main.cjs");
  m.paths = Module._nodeModulePaths(path.dirname(m.filename));
  m._compile(code, m.filename);
}

/** Without esbuild: each .ts file transpiled by TypeScript (pure JavaScript) as Node loads it. */
function runFromSource() {
  const ts = require("typescript");
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, inlineSourceMap: true };
  require.extensions[".ts"] = (m, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), { fileName: filename, compilerOptions });
    m._compile(outputText, filename);
  };
  require(ENTRY);
}

/** Runs the command line in this process: `node scripts/cli.cjs check x.xlsx` = `npm run cli -- check x.xlsx`. */
function main() {
  if (process.env.CREDIT_DEBUG) process.setSourceMapsEnabled(true); // stack traces name src/*.ts lines
  if (process.env.CREDIT_CLI_FROM_SOURCE) return runFromSource(); // what runs where esbuild cannot (tested so)
  const dirs = cacheDirs();
  for (const dir of dirs) {
    const file = fresh(dir);
    if (file) return require(file);
  }
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    esbuild = undefined;
  }
  if (!esbuild) return runFromSource();
  for (const dir of dirs) {
    let file;
    try {
      file = build(esbuild, dir);
    } catch (e) {
      if (e instanceof BuildError) throw e;
      if (e && (e.code === "EACCES" || e.code === "EPERM" || e.code === "EROFS") && e.path && path.resolve(e.path).startsWith(path.resolve(dir))) continue; // folder not writable
      return runFromSource(); // esbuild could not run
    }
    return require(file);
  }
  let result;
  try {
    result = buildOrThrow(() => esbuild.buildSync({ ...OPTIONS, sourcemap: false, write: false, outfile: path.join(ROOT, "src", "cli", "main.cjs") }));
  } catch (e) {
    if (e instanceof BuildError) throw e;
    return runFromSource();
  }
  return runFromMemory(result.outputFiles[0].text);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${e instanceof BuildError ? e.message : `命令行无法启动：${e && e.message ? e.message : e}`}\n`);
    process.exitCode = 3;
  }
}

module.exports = { cacheDirs, fresh };
