/*
 * Deployable as documented: the build ships server configuration for IIS (web.config) and nginx
 * (nginx-credit.conf) that sends what Excel needs — a JSON MIME type and CORS for functions.json (Excel on
 * the web fetches it cross-origin: office-js-docs-pr#1920) and revalidation of files whose names never change
 * — and the dev server sends the same headers (deploy/headers.cjs is the one list all three follow).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { distFile, ROOT } from "./helpers/paths";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { headersFor, headersMiddleware } = require("../deploy/headers.cjs") as {
  headersFor(path: string): Record<string, string>;
  headersMiddleware(req: unknown, res: unknown, next: () => void): void;
};

const PATHS = ["/functions.json", "/taskpane.html", "/functions.js", "/taskpane.css", "/manifest.xml", "/assets/icon-32.png"];

describe("deploy/headers.cjs (the one list)", () => {
  it("functions.json: JSON MIME type, CORS for any origin, revalidated", () => {
    expect(headersFor("/credit/functions.json")).toEqual({
      "Content-Type": "application/json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, OPTIONS",
      "Cache-Control": "no-cache",
    });
    expect(headersFor("/taskpane.html?view=check")).toEqual({ "Cache-Control": "no-cache" });
    expect(headersFor("/functions.js")).toEqual({ "Cache-Control": "no-cache" });
    expect(headersFor("/assets/icon-32.png")).toEqual({ "Cache-Control": "public, max-age=86400" });
  });
});

describe("the build ships the server configuration", () => {
  it.each(["web.config", "nginx-credit.conf"])("dist/%s is deploy/%s", (name) => {
    expect(readFileSync(distFile(name), "utf8")).toBe(readFileSync(join(ROOT, "deploy", name), "utf8"));
  });

  const webConfig = readFileSync(join(ROOT, "deploy", "web.config"), "utf8");

  it("web.config is well-formed XML", () => {
    const lint = spawnSync("xmllint", ["--noout", "-"], { input: webConfig, encoding: "utf8" });
    if (lint.error) return; // xmllint missing: the structural checks below still run
    expect(lint.stderr).toBe("");
    expect(lint.status).toBe(0);
  });

  it("web.config (IIS): .json mapped to application/json, CORS on functions.json, no-cache, pictures a day", () => {
    expect(webConfig).toMatch(/<remove fileExtension="\.json" \/>\s*<mimeMap fileExtension="\.json" mimeType="application\/json; charset=utf-8" \/>/);
    const location = (path: string) => new RegExp(`<location path="${path}">([\\s\\S]*?)</location>`).exec(webConfig)?.[1] ?? "";
    const headersIn = (xml: string) => Object.fromEntries([...xml.matchAll(/<add name="([^"]+)" value="([^"]+)" \/>/g)].map((m) => [m[1], m[2]]));
    const global = headersIn(webConfig.replace(/<location[\s\S]*?<\/location>/g, ""));
    const headers = (path: string) => {
      const loc = path === "/functions.json" ? location("functions.json") : path.startsWith("/assets/") ? location("assets") : "";
      const h: Record<string, string> = { ...global, ...headersIn(loc) };
      if (path.endsWith(".json")) h["Content-Type"] = "application/json; charset=utf-8"; // the mimeMap
      return h;
    };
    for (const p of PATHS) expect({ p, h: headers(p) }).toEqual({ p, h: headersFor(p) });
  });

  it("nginx-credit.conf: the same headers per location, JSON type, OPTIONS answered", () => {
    const conf = readFileSync(join(ROOT, "deploy", "nginx-credit.conf"), "utf8").replace(/#.*$/gm, "");
    expect(conf).toMatch(/types \{[^}]*application\/json json;[^}]*\}/);
    expect(conf).toMatch(/text\/html html;/); // a types block replaces the defaults: html must stay html
    const block = (re: RegExp) => {
      const start = conf.search(re);
      let depth = 0;
      for (let i = conf.indexOf("{", start); i < conf.length; i++) {
        if (conf[i] === "{") depth++;
        if (conf[i] === "}" && --depth === 0) return conf.slice(start, i + 1);
      }
      return "";
    };
    const adds = (text: string) => Object.fromEntries([...text.matchAll(/add_header ([\w-]+) "([^"]+)" always;/g)].map((m) => [m[1], m[2]]));
    const json = block(/location ~\* \\\.json\$/);
    const pictures = block(/location ~\* \\\.\(png/);
    const outer = adds(block(/location \/credit\//).replace(json, "").replace(pictures, ""));
    // nginx: add_header in a nested location replaces the outer ones (not merged).
    const headers = (p: string) => {
      if (p.endsWith(".json")) return { ...adds(json), "Content-Type": "application/json; charset=utf-8" };
      if (p.endsWith(".png")) return adds(pictures);
      return outer;
    };
    expect(json).toMatch(/if \(\$request_method = OPTIONS\) \{ return 204; \}/);
    expect(conf).toMatch(/charset_types [^;]*application\/json/);
    for (const p of PATHS) expect({ p, h: headers(p) }).toEqual({ p, h: headersFor(p) });
  });
});

describe("the dev server sends the same headers", () => {
  it("webpack.config.js puts the headers middleware first", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../webpack.config.js") as (env: unknown, o: { mode: string }) => Promise<{ devServer: { setupMiddlewares(m: unknown[]): { middleware: unknown }[] } }>;
    const cfg = await config({}, { mode: "development" });
    expect(cfg.devServer.setupMiddlewares([])[0].middleware).toBe(headersMiddleware);
  });

  it("over HTTP: functions.json with CORS and JSON type, OPTIONS preflight 204", async () => {
    const server = createServer((req, res) => headersMiddleware(req, res, () => res.end(req.url)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const p of PATHS) {
        const res = await fetch(`${base}${p}`, { headers: { Origin: "https://excel.officeapps.live.com" } });
        const got = Object.fromEntries(Object.keys(headersFor(p)).map((h) => [h, res.headers.get(h)]));
        expect({ p, got }).toEqual({ p, got: headersFor(p) });
      }
      const pre = await fetch(`${base}/functions.json`, { method: "OPTIONS" });
      expect([pre.status, pre.headers.get("access-control-allow-origin")]).toEqual([204, "*"]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
