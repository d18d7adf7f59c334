// Syntax probe for the old-engine gate (old-engine.js, which reads the flag this file sets). The add-in's
// bundles are ES2020 (tsconfig target); this line uses the same syntax on purpose (optional chaining and
// ??), so an engine that cannot parse the bundles cannot parse this file either, and the flag stays unset.
// test/browser/oldEngine.test.ts checks with an ES parser that both fail below ES2020 and parse at it.
window.creditEngine = { es2020: (window?.document?.documentElement ?? null) !== null };
