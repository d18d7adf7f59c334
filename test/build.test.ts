import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, distFile, ROOT, VALIDATE_SH } from "./helpers/paths";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifestUrls, normalizeAddinUrl, DEV_URL } = require("../scripts/manifest-url.cjs") as {
  rewriteManifestUrls(xml: string, url: string | undefined): string;
  normalizeAddinUrl(url: string): string;
  DEV_URL: string;
};

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string }[];
  result?: { type?: string; dimensionality?: string };
}

const CJK = /[\u4e00-\u9fff]/;

describe("dist/functions.json (generated from src/functions by CustomFunctionsMetadataPlugin)", () => {
  const functions = (JSON.parse(readFileSync(distFile("functions.json"), "utf8")) as { functions: FunctionMetadata[] })
    .functions;

  it("lists the custom functions, with unique upper-case ids", () => {
    expect(functions.length).toBeGreaterThan(0);
    const ids = functions.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      expect(f.name).toBe(f.id);
    }
    expect(ids).toContain("VERSION");
  });

  it("documents every function and parameter in Chinese (metadata cannot be localized)", () => {
    for (const f of functions) {
      expect({ id: f.id, description: f.description ?? "" }).toEqual({ id: f.id, description: expect.stringMatching(CJK) });
      for (const p of f.parameters) {
        expect({ fn: f.id, param: p.name, description: p.description ?? "" }).toEqual({
          fn: f.id,
          param: p.name,
          description: expect.stringMatching(CJK),
        });
      }
    }
  });

  it("bundles functions.js with a CustomFunctions.associate call per function", () => {
    const js = readFileSync(distFile("functions.js"), "utf8");
    for (const f of functions) expect(js).toContain(`CustomFunctions.associate("${f.id}"`);
  });
});

describe("dist pages (shared runtime)", () => {
  it("the pane's own chunks hold the reader of returned files (imported statically) and no ExcelJS, JSZip or saxes", () => {
    // The 考核工作台's chunks (workbench*.js: its own page, ExcelJS in the chunk it loads to write files) are not the pane's.
    const chunks = readdirSync(DIST).filter((f) => f.endsWith(".js") && f !== "office.js" && f !== "o15apptofilemappingtable.js" && !f.startsWith("workbench"));
    const text = new Map(chunks.map((f) => [f, readFileSync(distFile(f), "utf8")]));
    expect(chunks.filter((f) => /exceljs|WorkbookWriter|jszip|saxes/i.test(text.get(f)!))).toEqual([]);
    // 导入回收表's reader is in the pane chunk itself (src/office/import.ts imports src/read/ statically).
    expect(text.get("pane.js")).toContain("文件过大或内容异常");
    expect(chunks.filter((f) => f !== "pane.js" && text.get(f)!.includes("文件过大或内容异常"))).toEqual([]);
  });

  it("taskpane.html loads office.js from the CDN, taskpane-local.html from dist/office.js", () => {
    const cdn = readFileSync(distFile("taskpane.html"), "utf8");
    const local = readFileSync(distFile("taskpane-local.html"), "utf8");
    expect(cdn).toMatch(/<script src=["']?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js["']?>/);
    expect(local).toMatch(/<script src=["']?office\.js["']?>/);
    for (const page of [cdn, local]) {
      expect(page).toContain("<title>信用鹤岗考核</title>");
      for (const chunk of ["taskpane.js", "commands.js"]) expect(page).toContain(chunk);
      // functions.js is added by taskpane.js after the first paint (src/taskpane/taskpane.ts), not by the page.
      expect(page).not.toContain("functions.js");
    }
    expect(readFileSync(distFile("taskpane.js"), "utf8")).toContain('"functions.js"');
    expect(existsSync(distFile("office.js"))).toBe(true);
    expect(existsSync(distFile("o15apptofilemappingtable.js"))).toBe(true);
  });

  it("ships the manifest and the icons it references", () => {
    const manifest = readFileSync(distFile("manifest.xml"), "utf8");
    for (const [, icon] of manifest.matchAll(/\/(assets\/icon-\d+\.png)"/g)) expect(existsSync(distFile(icon))).toBe(true);
  });
});

describe("ADDIN_URL rewriting (scripts/manifest-url.cjs)", () => {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");

  it("leaves the manifest unchanged without ADDIN_URL", () => {
    expect(rewriteManifestUrls(manifest, undefined)).toBe(manifest);
    expect(rewriteManifestUrls(manifest, "  ")).toBe(manifest);
  });

  it("rewrites every dev URL and the AppDomain; the result still validates", () => {
    const out = rewriteManifestUrls(manifest, "https://intranet.example/credit");
    expect(out).not.toContain("localhost");
    expect(out).toContain('DefaultValue="https://intranet.example/credit/taskpane.html"');
    expect(out).toContain('DefaultValue="https://intranet.example/credit/functions.json"');
    expect(out).toContain("<AppDomain>https://intranet.example</AppDomain>");
    expect(out.split("https://intranet.example/credit/").length).toBe(manifest.split(DEV_URL).length);
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    try {
      const file = join(dir, "manifest.xml");
      writeFileSync(file, out);
      expect(spawnSync("sh", [VALIDATE_SH, file], { encoding: "utf8" }).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("normalizes and rejects bad addresses", () => {
    expect(normalizeAddinUrl("https://a.example")).toBe("https://a.example/");
    expect(normalizeAddinUrl(" https://a.example:8443/x/y ")).toBe("https://a.example:8443/x/y/");
    expect(normalizeAddinUrl("http://127.0.0.1:3000/")).toBe("http://127.0.0.1:3000/");
    expect(() => normalizeAddinUrl("http://intranet.example/credit/")).toThrow(/https/);
    expect(() => normalizeAddinUrl("intranet.example/credit")).toThrow(/URL/);
    expect(() => normalizeAddinUrl("https://a.example/?x=1")).toThrow(/query/);
  });

  // What the production build does with ADDIN_URL, read from webpack.config.js itself (no second build: the
  // one of npm test is enough): the manifest's copy pattern transforms it, and dist/manifest.xml is exactly
  // that transform of manifest.xml under the build's own environment.
  type Pattern = { from: string; transform?: (content: Buffer, path: string) => string | Buffer };
  async function manifestPattern(addinUrl: string | undefined, mode: string): Promise<Pattern> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../webpack.config.js") as (env: unknown, o: { mode: string }) => Promise<{ plugins: { patterns?: Pattern[] }[] }>;
    const saved = process.env.ADDIN_URL;
    if (addinUrl === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = addinUrl;
    try {
      const cfg = await config({}, { mode });
      const patterns = cfg.plugins.flatMap((p) => p.patterns ?? []);
      const found = patterns.filter((p) => p.from === "manifest*.xml");
      expect(found).toHaveLength(1);
      return found[0];
    } finally {
      if (saved === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = saved;
    }
  }

  it("is applied by the production build (ADDIN_URL=… webpack --mode production)", async () => {
    const pattern = await manifestPattern("https://intranet.example/credit/", "production");
    const built = String(await pattern.transform!(Buffer.from(manifest), join(ROOT, "manifest.xml")));
    expect(built).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(built).toContain('DefaultValue="https://intranet.example/credit/taskpane.html"');
    expect(built).not.toContain("localhost");
    // A development build keeps the development address whatever ADDIN_URL says.
    const dev = await manifestPattern("https://intranet.example/credit/", "development");
    expect(String(await dev.transform!(Buffer.from(manifest), join(ROOT, "manifest.xml")))).toBe(manifest);
  });

  it("dist/manifest.xml is that transform of manifest.xml (the pattern above is what the build ran)", async () => {
    const pattern = await manifestPattern(process.env.ADDIN_URL, "production");
    expect(readFileSync(distFile("manifest.xml"), "utf8")).toBe(String(await pattern.transform!(Buffer.from(manifest), join(ROOT, "manifest.xml"))));
  });
});
