import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, VALIDATE_SH } from "./helpers/paths";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS module shared with webpack.config.js
const { rewriteManifestUrls } = require("../scripts/manifest-url.cjs") as { rewriteManifestUrls(xml: string, url?: string): string };

const MANIFEST = join(ROOT, "manifest.xml");
const xml = readFileSync(MANIFEST, "utf8");

function all(re: RegExp, text = xml): string[][] {
  return [...text.matchAll(re)].map((m) => m.slice(1));
}

/** id → DefaultValue of every <bt:Image|Url|String id=…> resource. */
const resources = new Map(all(/<bt:(?:Image|Url|String)\s+id="([^"]+)"\s+DefaultValue="([^"]*)"/g).map(([id, v]) => [id, v]));
const usedResids = all(/\bresid="([^"]+)"/g).map(([r]) => r);

describe("manifest.xml", () => {
  it("passes Microsoft's XSD offline (../shared/manifest-xsd/validate.sh)", () => {
    const run = spawnSync("sh", [VALIDATE_SH, MANIFEST], { encoding: "utf8" });
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.trim() }).toEqual({
      status: 0,
      output: expect.stringContaining("validates"),
    });
  });

  it("is a zh-CN task pane add-in for Excel named 信用鹤岗考核", () => {
    expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
    expect(xml).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
    expect(xml).toMatch(/<DisplayName DefaultValue="信用鹤岗考核"\s*\/>/);
    expect(all(/<Host Name="([^"]+)"/g).map(([h]) => h)).toEqual(["Workbook"]);
  });

  it("requires only SharedRuntime 1.1 and CustomFunctionsRuntime 1.2", () => {
    const sets = Object.fromEntries(all(/<Set Name="([^"]+)" MinVersion="([^"]+)"/g));
    expect(sets).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.2" });
  });

  it("uses one long-lived shared runtime that is also the custom functions page and function file", () => {
    const runtimes = all(/<Runtime\s+resid="([^"]+)"\s+lifetime="([^"]+)"/g);
    expect(runtimes).toHaveLength(1);
    const [runtimeResid, lifetime] = runtimes[0];
    expect(lifetime).toBe("long");
    const page = xml.match(/<Page>\s*<SourceLocation resid="([^"]+)"/);
    expect(page?.[1]).toBe(runtimeResid);
    expect(xml.match(/<FunctionFile resid="([^"]+)"/)?.[1]).toBe(runtimeResid);
    expect(resources.get(runtimeResid)).toBe("https://localhost:3000/taskpane.html");
    expect(xml.match(/<DefaultSettings>\s*<SourceLocation DefaultValue="([^"]+)"/)?.[1]).toBe(
      resources.get(runtimeResid),
    );
  });

  it("declares custom functions in namespace CREDIT with functions.json metadata", () => {
    const ns = xml.match(/<Namespace resid="([^"]+)"/)?.[1];
    expect(ns).toBe("Functions.Namespace");
    expect(resources.get(ns as string)).toBe("CREDIT");
    const metadata = xml.match(/<Metadata>\s*<SourceLocation resid="([^"]+)"/)?.[1];
    expect(resources.get(metadata as string)).toMatch(/\/functions\.json$/);
    const script = xml.match(/<Script>\s*<SourceLocation resid="([^"]+)"/)?.[1];
    expect(resources.get(script as string)).toMatch(/\/functions\.js$/);
  });

  it("the first button, 打开任务窗格, is a ShowTaskpane control on the shared runtime's own page (Office opens it, no code of ours)", () => {
    const controls = all(/<Control xsi:type="Button" id="([^"]+)">([\s\S]*?)<\/Control>/g);
    const [id, body] = controls[0];
    expect(id).toBe("CreditTaskpaneButton");
    expect(resources.get(body.match(/<Label resid="([^"]+)"/)![1])).toBe("打开任务窗格");
    expect(body).toMatch(/<Action xsi:type="ShowTaskpane">/);
    const runtime = xml.match(/<Runtime\s+resid="([^"]+)"/)![1];
    // The same resid as <Runtime>: otherwise the pane would be a second runtime ("Configure your Office Add-in
    // to use a shared runtime"); a TaskpaneId, since a pane without one counts as another pane.
    expect(body.match(/<SourceLocation resid="([^"]+)"/)?.[1]).toBe(runtime);
    expect(body).toMatch(/<TaskpaneId>CreditTaskpane<\/TaskpaneId>/);
    // Every other button is a deep link (ExecuteFunction), and no other ShowTaskpane opens another pane.
    expect(controls.slice(1).map(([, b]) => /<Action xsi:type="ExecuteFunction">/.test(b))).toEqual(controls.slice(1).map(() => true));
  });

  it("has the 信用考核 ribbon tab with the Chinese buttons, the six deep links each bound to a command", () => {
    expect(xml).toMatch(/<CustomTab id="CreditTab">/);
    const tabLabel = xml.match(/<\/Group>\s*<Label resid="([^"]+)"/)?.[1];
    expect(resources.get(tabLabel as string)).toBe("信用考核");
    const buttons = all(/<Control xsi:type="Button" id="[^"]+">\s*<Label resid="([^"]+)"/g).map(([r]) =>
      resources.get(r),
    );
    expect(buttons).toEqual(["打开任务窗格", "生成模板", "提交前检查", "导入回收表", "核定", "生成汇总", "帮助"]);
    const actions = all(/<FunctionName>([^<]+)<\/FunctionName>/g).map(([f]) => f);
    expect(actions).toHaveLength(6);
    const commands = readFileSync(join(ROOT, "src", "commands", "commands.ts"), "utf8");
    for (const action of actions) expect(commands).toContain(`"${action}"`);
  });

  it("defines every resid it uses, each at most 32 characters", () => {
    expect(usedResids.length).toBeGreaterThan(10);
    const undefinedResids = usedResids.filter((r) => !resources.has(r));
    expect(undefinedResids).toEqual([]);
    const tooLong = [...new Set([...usedResids, ...resources.keys()])].filter((r) => r.length > 32);
    expect(tooLong).toEqual([]);
  });

  it("points every URL at the dev address that the production build rewrites", () => {
    const urls = all(/(https?:\/\/[^"<\s]+)/g)
      .map(([u]) => u)
      .filter((u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000(\/|$)/);
  });
});

describe("npm run validate (scripts/validate-manifests.sh): the source and the built manifest that is deployed", () => {
  const run = (root: string) => spawnSync("sh", [join(ROOT, "scripts", "validate-manifests.sh")], { encoding: "utf8", env: { ...process.env, CREDIT_ROOT: root } });
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "credit-validate-"));
    writeFileSync(join(root, "manifest.xml"), xml);
    mkdirSync(join(root, "dist"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("fails, saying to build first, when there is no dist/manifest.xml", () => {
    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("dist/manifest.xml 不存在");
  });

  it("fails when the built manifest is not valid, though the source is", () => {
    writeFileSync(join(root, "dist", "manifest.xml"), xml.replace(/<Id>[^<]*<\/Id>/, ""));
    const r = run(root);
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain(join(root, "dist", "manifest.xml"));
  });

  it("passes a built manifest rewritten for the intranet; one still on the dev address passes with a note", () => {
    writeFileSync(join(root, "dist", "manifest.xml"), rewriteManifestUrls(xml, "https://intranet.example/credit/"));
    const deployed = run(root);
    expect({ status: deployed.status, note: deployed.stderr.includes("开发地址") }).toEqual({ status: 0, note: false });
    writeFileSync(join(root, "dist", "manifest.xml"), xml);
    const dev = run(root);
    expect({ status: dev.status, note: dev.stderr.includes("仍指向开发地址") }).toEqual({ status: 0, note: true });
  });
});
