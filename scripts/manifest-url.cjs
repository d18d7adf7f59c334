// Rewrites the development address in manifest.xml to the deployment address (env ADDIN_URL).
// Used by webpack.config.js (production build) and unit-tested in test/build.test.ts.
"use strict";

const DEV_URL = "https://localhost:3000/";

/**
 * Normalises a deployment address: absolute https URL (http only for localhost/127.0.0.1),
 * no query/fragment, always ending with "/".
 * @param {string} raw
 * @returns {string}
 */
function normalizeAddinUrl(raw) {
  const text = String(raw ?? "").trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_URL 不是有效的网址 / ADDIN_URL is not an absolute URL: "${text}"`);
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new Error(`ADDIN_URL 必须是 https 地址（Office 只加载 https 加载项）/ ADDIN_URL must use https: "${text}"`);
  }
  if (url.search || url.hash) {
    throw new Error(`ADDIN_URL 不能带 ? 或 # / ADDIN_URL must not have a query or fragment: "${text}"`);
  }
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

function escapeXmlAttr(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Replaces every occurrence of the dev address (https://localhost:3000/ and the bare origin
 * https://localhost:3000 used by <AppDomain>) with the deployment address.
 * @param {string} xml manifest text
 * @param {string | undefined} addinUrl deployment address; empty/undefined leaves the manifest unchanged
 * @returns {string}
 */
function rewriteManifestUrls(xml, addinUrl) {
  if (addinUrl === undefined || String(addinUrl).trim() === "") return xml;
  const target = normalizeAddinUrl(addinUrl);
  const origin = new URL(target).origin;
  return xml
    .split(DEV_URL)
    .join(escapeXmlAttr(target))
    .split(DEV_URL.slice(0, -1))
    .join(escapeXmlAttr(origin));
}

module.exports = { DEV_URL, normalizeAddinUrl, rewriteManifestUrls };
