/*
 * Security and build properties of the pane users rely on: a strict CSP in both built pages, no inline
 * script, scripts only from the add-in's own origin or Office's CDN, no HTML sinks in the pane's sources,
 * and the generator-office npm scripts. (ADDIN_URL rewriting of the manifest: test/build.test.ts.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { distFile, ROOT } from "../helpers/paths";

const CDN = "https://appsforoffice.microsoft.com";

function csp(html: string): Map<string, string[]> {
  const m = /<meta http-equiv=["']?Content-Security-Policy["']? content="([^"]+)"/.exec(html);
  expect(m).not.toBeNull();
  return new Map(
    m![1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0], d.slice(1)]),
  );
}

describe.each(["taskpane.html", "taskpane-local.html"])("dist/%s", (page) => {
  const html = readFileSync(distFile(page), "utf8");

  it("declares the CSP before any script, scripts strict (no unsafe-inline/eval), only from self and Office's CDN", () => {
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head.indexOf("Content-Security-Policy")).toBeGreaterThan(-1);
    expect(head.indexOf("Content-Security-Policy")).toBeLessThan(head.indexOf("<script"));
    const policy = csp(html);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'", CDN]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    // Inline styles only: Office.js on Excel on the web injects them (OfficeDev/office-js#1687). Scripts stay strict.
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    for (const [directive, sources] of policy) {
      const allowed = directive === "style-src" ? ["'unsafe-inline'"] : [];
      expect({ directive, unsafe: sources.filter((s) => /unsafe|\*/.test(s) && !allowed.includes(s)) }).toEqual({ directive, unsafe: [] });
    }
  });

  it("has no inline script and loads scripts only from self or the CDN", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const [, attrs, body] of scripts) {
      expect(body.trim()).toBe("");
      const src = /src=["']?([^"' >]+)/.exec(attrs)?.[1] ?? "";
      expect(src === `${CDN}/lib/1/hosted/office.js` || /^[\w.-]+\.js$/.test(src)).toBe(true);
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
  });
});

describe("pane sources", () => {
  const dirs = ["src/taskpane", "src/commands"];
  const files = dirs.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith(".ts")).map((f) => join(ROOT, d, f)));

  it("never put text into HTML sinks (innerHTML, outerHTML, insertAdjacentHTML, document.write)", () => {
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect({ f, sinks: text.match(/\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML|document\.write/g) }).toEqual({ f, sinks: null });
    }
  });

  it("make no network calls of their own except reading functions.json next to the page", () => {
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const calls = [...text.matchAll(/\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\s*\(([^)]*)/g)].map((m) => `${m[1]}(${m[2]}`);
      expect({ f, calls: calls.filter((c) => !c.startsWith('fetch("functions.json"')) }).toEqual({ f, calls: [] });
    }
  });
});

describe("npm scripts (as generator-office has them)", () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  it.each([
    ["start", /office-addin-debugging start manifest\.xml/],
    ["stop", /office-addin-debugging stop manifest\.xml/],
    ["build", /webpack --mode production/],
    ["build:dev", /webpack --mode development/],
    ["watch", /--watch/],
    ["validate", /scripts\/validate-manifests\.sh/], // manifest.xml and dist/manifest.xml (README)
    ["lint", /eslint/],
    ["test", /.+/],
  ])("%s", (name, command) => {
    expect(scripts[name]).toMatch(command);
  });
});
