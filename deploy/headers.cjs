// The HTTP headers the add-in's files need, in one place: the dev server sends them (webpack.config.js), and
// deploy/web.config (IIS) and deploy/nginx-credit.conf (nginx) must say the same (test/deploy.test.ts).
//  - functions.json: Excel (on the web from another origin, e.g. *.officeapps.live.com) fetches it
//    cross-origin, so it needs CORS and a JSON MIME type; without them the CREDIT.* functions never register
//    (OfficeDev/office-js-docs-pr#1920, #2956: "added instructions … how to set up CORS for custom
//    functions"; "there is no list for the endpoints that could call you": hence "*"; office-js#3970).
//    IIS has no .json MIME type by default: web.config maps it.
//  - Every page, script and JSON file keeps its name from build to build (no content hash), so browsers and
//    Office must revalidate each time ("no-cache"): otherwise a new functions.json meets an old functions.js.
//  - Pictures may be cached a day.
"use strict";

const NO_CACHE = "no-cache";

/** Headers for a request path ("/functions.json", "/taskpane.html", "/assets/icon-32.png"). */
function headersFor(path) {
  const p = String(path).split("?")[0].toLowerCase();
  if (p.endsWith(".json")) {
    return {
      "Content-Type": "application/json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, OPTIONS",
      "Cache-Control": NO_CACHE,
    };
  }
  if (/\.(html|js|css|xml)$/.test(p) || p.endsWith("/")) return { "Cache-Control": NO_CACHE };
  if (/\.(png|ico|svg)$/.test(p)) return { "Cache-Control": "public, max-age=86400" };
  return {};
}

/** Connect/Express middleware for the dev server: the same headers, set before the static files answer. */
function headersMiddleware(req, res, next) {
  for (const [name, value] of Object.entries(headersFor(req.url || "/"))) res.setHeader(name, value);
  if (req.method === "OPTIONS" && String(req.url || "").split("?")[0].toLowerCase().endsWith(".json")) {
    res.statusCode = 204;
    res.end();
    return;
  }
  next();
}

module.exports = { headersFor, headersMiddleware };
