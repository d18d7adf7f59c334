/*
 * Browser test harness: a tiny static server for dist/ on 127.0.0.1 and Debian's headless Chromium driven by
 * playwright-core (never `npx playwright install`). Used by the pane tests and bench/pane.bench.ts.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { DIST } from "../helpers/paths";

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
