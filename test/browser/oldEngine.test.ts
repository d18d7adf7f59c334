/*
 * The old-engine gate (src/taskpane/old-engine.js, engine-probe.js): where Excel shows the pane in Internet
 * Explorer 11 (an add-in with <Runtimes> when WebView2 cannot be used — the Runtimes element's reference), the
 * ES2020 bundles do not parse, so the gate must be ES5 and must tell the user what to do.
 * - Parsed with acorn (ESLint's parser's base): the gate as ES5 script; the probe and the built bundles both
 *   refused below ES2020 and accepted at it — the probe fails exactly where the bundles do.
 * - In Chromium: a normal load says "modern" and changes nothing; an engine emulated as old (the probe and the
 *   bundles answered with text that does not parse, as IE11 meets them; or a built-in the bundles call
 *   removed) shows the Chinese message under the page's CSP, hides the pane, and binds the six ribbon
 *   buttons to open the pane (so they show the message instead of nothing).
 * Run as Chromium cannot be IE11: what IE11 itself does with the gate is only known from it being ES5.
 */
import { parse } from "acorn";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { distFile, ROOT } from "../helpers/paths";
import { browserSession, openPage } from "./harness";

const session = browserSession();
const GATE = readFileSync(join(ROOT, "src", "taskpane", "old-engine.js"), "utf8");
const PROBE = readFileSync(join(ROOT, "src", "taskpane", "engine-probe.js"), "utf8");
const FAKE_OFFICE = readFileSync(join(__dirname, "fake-office.js"), "utf8");
const BUNDLES = ["taskpane.js", "commands.js", "functions.js"];

const parses = (source: string, ecmaVersion: 5 | 2019 | 2020) => {
  try {
    parse(source, { ecmaVersion, sourceType: "script" });
    return true;
  } catch {
    return false;
  }
};

describe("syntax", () => {
  it("the gate is an ES5 script; the probe and every bundle fail below ES2020 and parse at it", () => {
    expect(parses(GATE, 5)).toBe(true);
    const probeAndBundles = [["engine-probe.js", PROBE], ...BUNDLES.map((b) => [b, readFileSync(distFile(b), "utf8")])];
    expect(probeAndBundles.map(([name, src]) => ({ name, es5: parses(src, 5), es2019: parses(src, 2019), es2020: parses(src, 2020) }))).toEqual(
      probeAndBundles.map(([name]) => ({ name, es5: false, es2019: false, es2020: true })),
    );
  });

  it("dist pages run the probe, then the gate, before office.js and the (deferred) bundles (functions.js added by taskpane.js); both files are built unchanged", () => {
    for (const page of ["taskpane.html", "taskpane-local.html"]) {
      const html = readFileSync(distFile(page), "utf8");
      const tags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      const src = (t: string) => /src=["']?([^"'\s>]+)/.exec(t)?.[1] ?? "";
      const classic = tags.filter((t) => !/\bdefer\b|\basync\b|type=["']?module/.test(t)).map(src);
      // Classic scripts run in document order while parsing; deferred ones only after it (HTML, "defer").
      expect(classic.map((s) => s.replace(/^.*\//, ""))).toEqual(["engine-probe.js", "old-engine.js", "office.js"]);
      // functions.js is added by taskpane.js (src/taskpane/taskpane.ts): where the gate stops the bundles, it never loads.
      expect(tags.filter((t) => /\bdefer\b/.test(t)).map(src).sort()).toEqual(BUNDLES.filter((b) => b !== "functions.js").sort());
    }
    expect(readFileSync(distFile("old-engine.js"), "utf8")).toBe(GATE);
    expect(readFileSync(distFile("engine-probe.js"), "utf8")).toBe(PROBE);
  });

  it("the gate binds exactly the ribbon's ExecuteFunction names (manifest.xml)", () => {
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
    const list = /var RIBBON_ACTIONS = \[([^\]]*)\]/.exec(GATE)![1];
    expect([...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([...names].sort());
  });
});

interface Violation {
  directive: string;
  blocked: string;
}

/** Records CSP violations from before the page's first script. */
const recordViolations = (p: Page) =>
  p.addInitScript(() => {
    const w = window as unknown as { __violations: unknown[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });

/** The pane as an engine that cannot parse ES2020 meets it: the probe and the three bundles do not parse. */
async function openOld(options: { removeBuiltin?: boolean } = {}) {
  const { page, problems } = await openPage(session, {
    viewport: { width: 320, height: 640 },
    officeReady: false,
    before: async (p) => {
      await recordViolations(p);
      await p.route("**/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: "/* office.js replaced by test/browser/fake-office.js */" }));
      await p.addInitScript(FAKE_OFFICE);
      if (options.removeBuiltin) {
        // The probe and bundles parse; a built-in the bundles call is missing (as in an engine between).
        await p.addInitScript(() => delete (String.prototype as { matchAll?: unknown }).matchAll);
      } else {
        const unparsable = (route: { fulfill(r: { contentType: string; body: string }): Promise<void> }) =>
          route.fulfill({ contentType: "text/javascript", body: "window.x = a?.b ?? @;" });
        await p.route("**/engine-probe.js", unparsable);
        for (const b of BUNDLES) await p.route(`**/${b}`, unparsable);
      }
    },
  });
  return { page, problems };
}

const TEXT = /旧版网页引擎[\s\S]*WebView2[\s\S]*Microsoft 365[\s\S]*Excel 网页版[\s\S]*WPS/;

describe("in Chromium", () => {
  it("a modern engine: data-engine=modern, the pane starts as before, no message", async () => {
    const { page, problems } = await openPage(session, { viewport: { width: 320, height: 640 }, query: "?view=help" });
    try {
      expect(await page.getAttribute("html", "data-engine")).toBe("modern");
      expect(await page.textContent("#credit-status")).not.toMatch(/旧版网页引擎/);
      expect(await page.isVisible("#credit-main")).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("an engine that cannot parse the bundles: the Chinese message, the pane hidden, the ribbon opens the pane, CSP clean", async () => {
    const { page, problems } = await openOld();
    try {
      expect(await page.getAttribute("html", "data-engine")).toBe("old");
      expect(await page.textContent("#credit-status")).toMatch(TEXT);
      expect(await page.isVisible("#credit-main")).toBe(false);
      // The only errors are the unparsable files themselves (what IE11 reports as well).
      expect(problems.filter((p) => !/SyntaxError|Unexpected token|Invalid or unexpected token/.test(p))).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations)).toEqual([]);
      const calls = () => page.evaluate(() => (window as unknown as { __officeCalls: unknown[][] }).__officeCalls);
      expect((await calls()).filter((c) => c[0] === "associate").map((c) => c[1])).toEqual([
        "credit.template",
        "credit.check",
        "credit.import",
        "credit.assess",
        "credit.summary",
        "credit.help",
      ]);
      const completed = await page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const h = (window as unknown as { __ribbonHandlers: Record<string, (e: { completed(): void }) => void> }).__ribbonHandlers;
            h["credit.assess"]({ completed: () => resolve(true) });
          }),
      );
      expect(completed).toBe(true);
      expect((await calls()).filter((c) => c[0] === "showAsTaskpane")).toHaveLength(1);
      // At the pane's 320 px: nothing wider than the pane.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      mkdirSync(join(ROOT, ".test-output"), { recursive: true });
      await page.screenshot({ path: join(ROOT, ".test-output", "old-engine-320.png"), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);

  it("bundles that parse but miss a built-in they call: the message stays, the pane does not start over it", async () => {
    const { page } = await openOld({ removeBuiltin: true });
    try {
      expect(await page.getAttribute("html", "data-engine")).toBe("old");
      await page.waitForTimeout(500); // the pane would start ~200 ms after load (taskpane.ts afterFirstPaint)
      expect(await page.textContent("#credit-status")).toMatch(TEXT);
      expect(await page.isVisible("#credit-main")).toBe(false);
      expect(await page.$("nav.steps")).toBeNull();
    } finally {
      await page.close();
    }
  }, 60_000);
});
