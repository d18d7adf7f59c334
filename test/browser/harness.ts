/*
 * Browser test harness: a tiny static server for dist/ on 127.0.0.1 and Debian's headless Chromium driven by
 * playwright-core (never `npx playwright install`). Used by the pane tests and bench/pane.bench.ts.
 * A test file calls browserSession() once (server and browser for its tests) and openPage() for each page:
 * the built pane loaded, Office.onReady reached, and everything that went wrong on the way recorded. With a
 * PagePool the file's tests load their panes into pages emptied after each test instead of new ones.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type ConsoleMessage, type Page, type Request, type Response } from "playwright-core";
import { DIST, distFile } from "../helpers/paths";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

export interface StaticServer {
  base: string;
  close(): Promise<void>;
}

export async function serveDist(dir = DIST): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const file = join(dir, normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Office.js, some seconds after it loads, frames its telemetry service. The pane's CSP (`frame-src 'self'
 * https://appsforoffice.microsoft.com`) refuses that frame on purpose: the pane works without it and the office's
 * workbook data never needs a third host. Chromium logs the refusal as a console error; whether it happens inside a
 * test depends only on how long the test keeps the page open (under load it does), so tests accept exactly this
 * refusal — and still fail on any other CSP report, and on any request that leaves the origin.
 */
export const OFFICE_TELEMETRY = "https://telemetryservice.firstpartyapps.oaspapps.com";

/** True for Chromium's console report of the CSP refusing Office.js's telemetry frame (and nothing else). */
export function isRefusedOfficeTelemetryFrame(consoleText: string): boolean {
  return consoleText.startsWith(`Framing '${OFFICE_TELEMETRY}/`) && consoleText.includes("frame-src") && consoleText.includes("has been blocked");
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y --no-install-recommends chromium fonts-wqy-microhei`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The static server and Chromium one test file's pages share. */
export interface BrowserSession {
  readonly server: StaticServer;
  readonly browser: Browser;
}

/** Serves dist/ (the build must have run) and launches Chromium before the file's tests; closes both after them. */
export function browserSession(): BrowserSession {
  const session = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    distFile("taskpane-local.html");
    session.server = await serveDist();
    session.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/**
 * Pages a test file's tests load the pane into one after the other. A new page is a new renderer process: loading
 * the pane into a new page cost about 2.9 CPU-s of Chromium, into a page that held the pane before about 1.1
 * (measured side by side on this machine, eight loads each, under load). After each test, every page the test
 * took is emptied and goes back to the pool: the test's init scripts and listeners removed (whenReleased), its
 * routes removed, the origin's sessionStorage cleared, about:blank loaded. The next test's pane is a new document
 * (window, DOM, scripts, timers) as in a new page; a page that cannot be emptied is closed, never reused.
 * A test that opens two pages at once gets two: a page is only reused once its test is over.
 */
export class PagePool {
  private readonly idle: Page[] = [];
  private readonly busy = new Map<Page, (() => unknown)[]>();

  constructor(private readonly session: BrowserSession) {
    afterEach(() => this.release());
    afterAll(async () => {
      for (const page of this.idle.splice(0)) await page.close().catch(() => undefined);
    });
  }

  /** A page for this test: an emptied one from an earlier test, else a new one. */
  async take(viewport?: { width: number; height: number }): Promise<Page> {
    let page = this.idle.pop();
    if (page && viewport) await page.setViewportSize(viewport);
    // A page reused without a viewport would keep the earlier test's: Chromium's default, as a new page has.
    else if (page) await page.setViewportSize({ width: 1280, height: 720 });
    page ??= await this.session.browser.newPage(viewport ? { viewport } : undefined);
    this.busy.set(page, []);
    return page;
  }

  /** Runs `undo` when the test that took `page` is over (an init script's or a listener's removal). */
  whenReleased(page: Page, undo: () => unknown): void {
    this.busy.get(page)?.push(undo);
  }

  private async release(): Promise<void> {
    const pages = [...this.busy];
    this.busy.clear();
    for (const [page, undo] of pages) {
      try {
        for (const u of undo.reverse()) await u();
        await page.unrouteAll({ behavior: "ignoreErrors" });
        // A page still busy (a test that timed out in the middle of a script) is closed, not waited for.
        await Promise.race([
          page.evaluate(() => {
            try {
              window.sessionStorage.clear();
            } catch {
              // a document without storage (about:blank, a crashed or stopped page): nothing to clear
            }
          }),
          new Promise((_, reject) => setTimeout(() => reject(new Error("the page did not answer")), 5_000).unref()),
        ]);
        await page.goto("about:blank", { timeout: 5_000 });
        this.idle.push(page);
      } catch {
        await page.close().catch(() => undefined);
      }
    }
  }
}

export interface OpenedPage {
  page: Page;
  /**
   * Console errors and warnings, page errors, failed or non-2xx requests, requests leaving 127.0.0.1 — all but
   * the CSP's refusal of Office.js's telemetry frame (isRefusedOfficeTelemetryFrame), which is on purpose.
   */
  problems: string[];
}

export interface OpenPageOptions {
  /** The page's size (default: Chromium's). */
  viewport?: { width: number; height: number };
  /** Routes and init scripts to set up before the page loads. */
  before?: (page: Page) => Promise<unknown>;
  /** Query string of taskpane-local.html ("?view=check"). */
  query?: string;
  /** What body[data-office-ready] must become (false: office.js could not load). Default true. */
  officeReady?: boolean;
  /** Take the page from this pool (an emptied page of an earlier test) instead of opening a new one. */
  pool?: PagePool;
}

/** Opens the built pane (dist/taskpane-local.html) and waits for Office.onReady, recording what goes wrong. */
export async function openPage(session: BrowserSession, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const { server, browser } = session;
  const { pool } = options;
  const page = pool ? await pool.take(options.viewport) : await browser.newPage(options.viewport ? { viewport: options.viewport } : undefined);
  const problems: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if ((m.type() === "error" || m.type() === "warning") && !isRefusedOfficeTelemetryFrame(m.text())) problems.push(`console.${m.type()}: ${m.text()}`);
  };
  const onPageError = (e: Error) => problems.push(`pageerror: ${e.message}`);
  const onRequestFailed = (r: Request) => problems.push(`failed: ${r.url()}`);
  const onRequest = (r: Request) => {
    if (!r.url().startsWith(server.base) && !r.url().startsWith("data:")) problems.push(`left the origin: ${r.url()}`);
  };
  const onResponse = (r: Response) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("requestfailed", onRequestFailed);
  page.on("request", onRequest);
  page.on("response", onResponse);
  pool?.whenReleased(page, () => {
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
    page.off("requestfailed", onRequestFailed);
    page.off("request", onRequest);
    page.off("response", onResponse);
  });
  await options.before?.(page);
  await page.goto(`${server.base}/taskpane-local.html${options.query ?? ""}`);
  await page.waitForSelector(`body[data-office-ready=${options.officeReady === false ? "false" : "true"}]`, { state: "attached", timeout: 20_000 });
  return { page, problems };
}
