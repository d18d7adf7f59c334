/* global window */
// Injected with page.addInitScript before the page's own scripts: a fake Office/Excel host that records
// every call in window.__officeCalls. The real office.js request is answered with an empty script by the
// test (page.route), so this fake is what the pane sees. window.__fakeOffice configures it:
//   supported: answer of isSetSupported; sheets: { name: { CR_UNIT, CR_KIND, CR_YEAR } } (sheet-scoped names).
(() => {
  const config = Object.assign({ supported: true, sheets: {} }, window.__fakeOfficeConfig || {});
  const calls = [];
  const handlers = {};
  window.__officeCalls = calls;
  window.__ribbonHandlers = handlers;

  const makeRange = (sheet, address) => ({
    select() {
      calls.push(["select", sheet, address]);
    },
    load() {},
  });
  const makeSheet = (name) => ({
    name,
    activate() {
      calls.push(["activate", name]);
    },
    getRange(address) {
      calls.push(["getRange", name, address]);
      return makeRange(name, address);
    },
    load() {},
    names: {
      getItemOrNullObject(n) {
        const v = (config.sheets[name] || {})[n];
        return {
          getRangeOrNullObject() {
            return { isNullObject: v === undefined, values: [[v]], load() {} };
          },
        };
      },
    },
  });
  const makeContext = () => ({
    workbook: {
      worksheets: {
        items: Object.keys(config.sheets).map(makeSheet),
        load() {},
        getItem(name) {
          calls.push(["getItem", name]);
          return makeSheet(name);
        },
        getItemOrNullObject(name) {
          calls.push(["getItemOrNullObject", name]);
          return Object.assign(makeSheet(name), { isNullObject: !(name in config.sheets) });
        },
        add(name) {
          calls.push(["add", name]);
          throw new Error("fake host: writing a whole template is not simulated");
        },
      },
    },
    sync() {
      calls.push(["sync"]);
      return Promise.resolve();
    },
  });

  window.Office = {
    HostType: { Excel: "Excel", Word: "Word" },
    PlatformType: { PC: "PC" },
    onReady(callback) {
      const info = { host: config.host === undefined ? "Excel" : config.host, platform: "PC" };
      const p = Promise.resolve(info);
      if (callback) p.then(callback);
      return p;
    },
    context: {
      requirements: {
        isSetSupported(name, version) {
          calls.push(["isSetSupported", name, version]);
          return config.supported;
        },
      },
    },
    actions: {
      associate(name, handler) {
        calls.push(["associate", name]);
        handlers[name] = handler;
      },
    },
    addin: {
      showAsTaskpane() {
        calls.push(["showAsTaskpane"]);
        return Promise.resolve();
      },
    },
  };
  window.CustomFunctions = {
    associate() {},
    Error: class {},
    ErrorCode: {},
  };
  window.Excel = {
    run(a, b) {
      // Excel.run(batch) or Excel.run(options, batch); the add-in passes { delayForCellEdit: true }.
      const fn = typeof a === "function" ? a : b;
      calls.push(["Excel.run"]);
      return Promise.resolve().then(() => fn(makeContext()));
    },
  };
})();
