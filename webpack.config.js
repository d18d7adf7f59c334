// Build of the 信用鹤岗考核 Excel add-in, after generator-office's Excel shared-runtime template.
//   npm run build                                  → dist/ for https://localhost:3000/
//   ADDIN_URL=https://intranet.example/credit/ npm run build → dist/ whose manifest.xml points there
// dist/taskpane.html loads office.js from Microsoft's CDN (what Office uses);
// dist/taskpane-local.html loads dist/office.js (copied from @microsoft/office-js) for offline browser tests.
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
// webpack's own minimizer plugin (its dependency, resolved from webpack so no second copy is needed).
const MinimizerPlugin = require(require.resolve("minimizer-webpack-plugin", { paths: [path.dirname(require.resolve("webpack/package.json"))] }));
const { DEV_URL, rewriteManifestUrls } = require("./scripts/manifest-url.cjs");
const { headersMiddleware } = require("./deploy/headers.cjs");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "office.js";

async function getHttpsOptions() {
  // office-addin-dev-certs needs sudo to install its CA; on machines where it cannot, serve http.
  try {
    const devCerts = require("office-addin-dev-certs");
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 15000));
    const options = await Promise.race([devCerts.getHttpsServerOptions(), timeout]);
    return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (error) {
    console.warn(`[webpack] 无法获取开发证书，开发服务器改用 http / no dev certificate, serving http: ${error && error.message}`);
    return { type: "http" };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const addinUrl = dev ? undefined : process.env.ADDIN_URL;
  const transformManifest = (content) => rewriteManifestUrls(content.toString(), addinUrl);
  const pages = [
    { filename: "taskpane.html", officeJs: OFFICE_JS_CDN },
    { filename: "taskpane-local.html", officeJs: OFFICE_JS_LOCAL },
  ];

  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
      functions: "./src/functions/functions.ts",
      // The 考核工作台 (src/workbench/): the office's steps in a browser without the add-in, its own page.
      workbench: "./src/workbench/workbench.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // npm test builds with --env transpileOnly: its own tsc run (test/typecheck.test.ts) checks every
            // file's types, and ts-loader's emit is the same without its check (isolatedModules; dist/ compared
            // byte for byte). `npm run build` keeps the check.
            options: { configFile: path.resolve(__dirname, "tsconfig.json"), onlyCompileBundledFiles: true, transpileOnly: Boolean(env && env.transpileOnly) },
          },
        },
      ],
    },
    performance: { hints: false },
    // The 考核工作台's chunks (all named workbench*) are split off on their own: never shared with the pane's, so
    // the pane loads exactly what it loaded before and the page opened from a folder finds its few files by name.
    // (webpack's default splits async chunks only: kept, less the workbench's.)
    optimization: {
      splitChunks: { chunks: (chunk) => !chunk.canBeInitial() && !(chunk.name || "").startsWith("workbench") },
      // Minified by swc (@swc/core, which the tests already use), not webpack's default Terser with two compress
      // passes: measured on this machine, the build's CPU fell from 48 s to 12 s (Terser alone took about 36 s, most
      // of it on the workbench's ExcelJS chunk) and the bundles are about 1 % smaller. The ecma level comes from
      // webpack's target as before (ES2020: test/browser/oldEngine.test.ts parses every bundle).
      minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify })],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      // Shared runtime: the task pane page is also the page of the ribbon commands and custom functions.
      // functions.js is not a <script> of the page: taskpane.js adds it after the first paint (src/taskpane/taskpane.ts).
      ...pages.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: page.filename,
            template: "./src/taskpane/taskpane.html",
            chunks: ["taskpane", "commands"],
            officeJs: page.officeJs,
          }),
      ),
      // The 考核工作台: a page of its own, nothing of Office.js (README 考核工作台).
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        template: "./src/workbench/workbench.html",
        chunks: ["workbench"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // The old-engine gate: plain scripts, not bundled (old-engine.js is ES5 and must stay so; see the file).
          { from: "src/taskpane/engine-probe.js", to: "engine-probe.js", info: { minimized: true } },
          { from: "src/taskpane/old-engine.js", to: "old-engine.js", info: { minimized: true } },
          // The workbench's feature gate (ES5, as old-engine.js) and its style sheet.
          { from: "src/workbench/workbench-gate.js", to: "workbench-gate.js", info: { minimized: true } },
          { from: "src/workbench/workbench.css", to: "workbench.css" },
          // What a ribbon button shows (in an Office dialog) when it could not open the pane (src/commands/commands.ts).
          { from: "src/commands/open-failed.html", to: "open-failed.html" },
          { from: "manifest*.xml", to: "[name][ext]", transform: transformManifest },
          // Server configuration for the two servers a city office runs (README 部署): IIS reads web.config
          // from the site folder; the nginx snippet is copied into the server block by hand.
          { from: "deploy/web.config", to: "web.config" },
          { from: "deploy/nginx-credit.conf", to: "nginx-credit.conf" },
          // office.js for taskpane-local.html, plus the table it loads next to itself before Office.onReady
          // resolves. Already minified: {minimized: true} keeps Terser from re-minifying them.
          ...["office.js", "o15apptofilemappingtable.js"].map((file) => ({
            from: require.resolve(`@microsoft/office-js/dist/${file}`),
            to: file,
            info: { minimized: true },
          })),
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      // The headers IIS (web.config) and nginx (nginx-credit.conf) send: CORS + JSON for functions.json, caching.
      setupMiddlewares: (middlewares) => {
        middlewares.unshift({ name: "credit-headers", middleware: headersMiddleware });
        return middlewares;
      },
      server: serving ? await getHttpsOptions() : "http",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};

module.exports.DEV_URL = DEV_URL;
