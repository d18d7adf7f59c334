/*
 * The pane's Content-Security-Policy against Microsoft's real office.js in Chromium: the built page (with the
 * CSP meta tag as shipped) loads office.js and reaches Office.onReady with no `securitypolicyviolation`.
 * Office.js on Excel on the web injects inline styles (OfficeDev/office-js#1687: "Refused to apply inline
 * style because it violates … style-src 'self'"), so the page must accept a <style> element and a style
 * attribute added at run time; an inline script must still be refused (the recorder's own check).
 */
import { browserSession, OFFICE_TELEMETRY, openPage } from "./harness";

const session = browserSession();

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** The violations that matter: Office.js's telemetry frame is refused on purpose (see OFFICE_TELEMETRY in harness). */
const unexpected = (vs: Violation[]) => vs.filter((v) => !(v.directive === "frame-src" && v.blocked.startsWith(OFFICE_TELEMETRY)));

it("real office.js loads under the CSP: no violation; inline styles (as Office.js injects them) pass; inline script is refused", async () => {
  const { page } = await openPage(session, {
    before: (p) =>
      p.addInitScript(() => {
        const w = window as unknown as { __violations: unknown[] };
        w.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => {
          w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
        });
      }),
  });
  try {
    const loaded = await page.evaluate(() => Array.from(document.scripts).map((s) => s.src.split("/").pop()));
    expect(loaded).toContain("office.js");
    expect(unexpected(await page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations))).toEqual([]);

    // What Office.js does on Excel on the web: a <style> element and a style attribute, added at run time.
    await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = ".office-injected { color: rgb(1, 2, 3); }";
      document.head.appendChild(style);
      const div = document.createElement("div");
      div.className = "office-injected";
      div.setAttribute("style", "background-color: rgb(4, 5, 6)");
      div.id = "office-injected";
      document.body.appendChild(div);
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.body.appendChild(script);
    });
    await page.waitForTimeout(200); // violation events are dispatched asynchronously
    const styles = await page.evaluate(() => {
      const cs = getComputedStyle(document.getElementById("office-injected")!);
      return [cs.color, cs.backgroundColor, (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false];
    });
    expect(styles).toEqual(["rgb(1, 2, 3)", "rgb(4, 5, 6)", false]);
    const violations = await page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
    expect(unexpected(violations).map((v) => [v.directive, v.blocked])).toEqual([["script-src-elem", "inline"]]);
  } finally {
    await page.close();
  }
}, 60_000);
