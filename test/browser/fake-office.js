/* global window */
// Injected with page.addInitScript before the page's own scripts: a fake Office/Excel host that records
// every call in window.__officeCalls. The real office.js request is answered with an empty script by the
// test (page.route), so this fake is what the pane sees. window.__fakeOffice configures it:
//   supported: answer of isSetSupported; sheets: { name: { CR_UNIT, CR_KIND, CR_YEAR, … } }: each name of a
//   sheet is a cell of that sheet (the i-th name at A{i+1}), sheet-scoped unless the sheet is listed in
//   bookScoped (then the workbook holds the names, as in a unit's own file). A name's range reports its
//   address as Excel does ("'兴山区'!A1") and its values. file: the workbook as Excel would save it (base64),
//   given by Office.context.document.getFileAsync in slices of sliceSize (as Excel: one file open at a time,
//   slices asked by index, closeAsync before the next); createWorkbook: false for an Excel before ExcelApi 1.8.
(() => {
  const config = Object.assign({ supported: true, sheets: {}, bookScoped: [] }, window.__fakeOfficeConfig || {});
  const quoted = (sheet) => `'${sheet.replace(/'/g, "''")}'`;
  const nameRange = (sheet, n) => {
    const i = sheet === undefined ? -1 : Object.keys(config.sheets[sheet] || {}).indexOf(n);
    const found = i >= 0;
    return { isNullObject: !found, address: found ? `${quoted(sheet)}!A${i + 1}` : undefined, values: found ? [[config.sheets[sheet][n]]] : undefined, load() {} };
  };
  const namedItem = (sheet, n) => ({
    getRangeOrNullObject() {
      return nameRange(sheet, n);
    },
  });
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
        return namedItem(config.bookScoped.includes(name) ? undefined : name, n);
      },
    },
  });
  const makeContext = () => ({
    workbook: {
      // Workbook-scoped names: those of the bookScoped sheets (a name is the workbook's only once: the first sheet's).
      names: {
        getItemOrNullObject(n) {
          return namedItem(config.bookScoped.find((sheet) => n in (config.sheets[sheet] || {})), n);
        },
      },
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

  const ok = (value) => ({ status: "succeeded", value });
  const failed = (message) => ({ status: "failed", error: { message } });
  let fileOpen = false;
  const document = {
    getFileAsync(type, options, callback) {
      calls.push(["getFileAsync", type, options && options.sliceSize]);
      if (typeof callback !== "function") throw new Error("fake host: getFileAsync without a callback");
      if (type !== "compressed") return callback(failed("fake host: only Office.FileType.Compressed is a workbook"));
      if (fileOpen) return callback(failed("fake host: a file is already open (closeAsync it first)"));
      if (!config.file) return callback(failed("fake host: no file configured"));
      const bytes = Array.from(window.atob(config.file), (c) => c.charCodeAt(0));
      const size = Math.min((options && options.sliceSize) || 4194304, 4194304);
      const sliceCount = Math.ceil(bytes.length / size);
      fileOpen = true;
      let closed = false;
      callback(
        ok({
          size: bytes.length,
          sliceCount,
          getSliceAsync(i, cb) {
            calls.push(["getSliceAsync", i]);
            if (closed || i < 0 || i >= sliceCount) return cb(failed("fake host: no such slice"));
            cb(ok({ index: i, size: Math.min(size, bytes.length - i * size), data: bytes.slice(i * size, (i + 1) * size) }));
          },
          closeAsync(cb) {
            calls.push(["closeAsync"]);
            closed = true;
            fileOpen = false;
            if (cb) cb(ok());
          },
        }),
      );
    },
  };

  window.Office = {
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    HostType: { Excel: "Excel", Word: "Word" },
    PlatformType: { PC: "PC" },
    onReady(callback) {
      const info = { host: config.host === undefined ? "Excel" : config.host, platform: "PC" };
      const p = Promise.resolve(info);
      if (callback) p.then(callback);
      return p;
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      ui: {
        displayDialogAsync(url, options, callback) {
          calls.push(["displayDialogAsync", url, options]);
          if (callback) callback({ status: "succeeded", value: { close() {} } });
        },
      },
      document,
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
        // config.showAsTaskpaneFails: Excel refuses to show the pane (the promise rejects with an Office error).
        return config.showAsTaskpaneFails ? Promise.reject({ code: 5001, message: "An internal error has occurred." }) : Promise.resolve();
      },
    },
  };
  window.CustomFunctions = {
    // Each custom function associated, with the moment (ms since navigation) and whether the page had painted.
    associate(id) {
      calls.push(["customFunction", id, window.performance.now(), window.performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint")]);
    },
    Error: class {},
    ErrorCode: {},
  };
  window.Excel = {
    ...(config.createWorkbook === false
      ? {}
      : {
          createWorkbook(base64) {
            if (typeof base64 !== "string" || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return Promise.reject(new Error("fake host: createWorkbook takes base64"));
            calls.push(["createWorkbook", base64.length]);
            (window.__createdWorkbooks = window.__createdWorkbooks || []).push(base64);
            return Promise.resolve();
          },
        }),
    run(a, b) {
      // Excel.run(batch) or Excel.run(options, batch); the add-in passes { delayForCellEdit: true }.
      const fn = typeof a === "function" ? a : b;
      calls.push(["Excel.run"]);
      return Promise.resolve().then(() => fn(makeContext()));
    },
  };
})();
