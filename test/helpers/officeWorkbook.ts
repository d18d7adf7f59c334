// A strict office-addin-mock workbook for import and 核定: existing sheets (unit sheets built from the
// template layout, with their values, formulas, sheet-scoped CR_* names and protection), sheets added by
// the code under test, and every range write recorded. Reads need load() + sync(); syncs are counted.
import { OfficeMockObject } from "office-addin-mock";
import { getCatalog, type UnitKind } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import type { TemplateAnswers } from "../../src/layout/template/types";
import { createStrictContext } from "./strictMock";

function collection(items: unknown[], extra: Record<string, unknown> = {}) {
  return {
    items,
    ...extra,
    load(this: OfficeMockObject) {
      return OfficeMockObject.prototype.load.call(this, "items");
    },
  };
}

export interface Sheet {
  name: string;
  /** Used range from A1, row-major (values as Excel reports them: "" for blank). */
  values: unknown[][];
  formulas: unknown[][];
  /** Sheet-scoped names → "'Sheet'!$F$12". */
  names: { name: string; value: string }[];
  protected: boolean;
  /** Calls in order: "unprotect", "protect", "set A1:B2 values", … */
  log: string[];
  deleted: boolean;
}

const colLetters = (n: number) => {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const colNum = (l: string) => [...l].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);

/** A unit sheet as Excel would hold it after a recalc: values = the layout's cached results. */
export function unitSheet(unit: string, kind: UnitKind, answers: TemplateAnswers): Sheet {
  const layout = buildTemplateLayout(getCatalog(2022, kind), { name: unit }, { variant: "addin", answers });
  const values: unknown[][] = Array.from({ length: layout.lastRow }, () => Array(layout.lastCol).fill(""));
  const formulas: unknown[][] = Array.from({ length: layout.lastRow }, () => Array(layout.lastCol).fill(""));
  for (const c of layout.cells) {
    const v = c.formula !== undefined ? c.cached : c.value;
    values[c.row - 1][c.col - 1] = v === null || v === undefined ? "" : typeof v === "object" ? v.error : v;
    formulas[c.row - 1][c.col - 1] = c.formula !== undefined ? `=${c.formula}` : values[c.row - 1][c.col - 1];
  }
  const names = layout.names.map((n) => ({ name: n.name, value: `='${unit}'!${n.address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}` }));
  return { name: unit, values, formulas, names, protected: true, log: [], deleted: false };
}

/** Writes a value into the sheet's grid at an A1 address (what a later read returns). */
function put(sheet: Sheet, address: string, v: unknown[][]): void {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) return;
  const r0 = Number(m[2]) - 1;
  const c0 = colNum(m[1]) - 1;
  v.forEach((row, r) =>
    row.forEach((x, c) => {
      while (sheet.values.length <= r0 + r) sheet.values.push([]);
      sheet.values[r0 + r][c0 + c] = x;
      while (sheet.formulas.length <= r0 + r) sheet.formulas.push([]);
      sheet.formulas[r0 + r][c0 + c] = x;
    }),
  );
}

function sheetData(s: Sheet) {
  const width = Math.max(1, ...s.values.map((r) => r.length));
  return {
    name: s.name,
    isNullObject: false,
    names: collection(s.names, {
      add: (name: string, range: { mockAddress: string }) => {
        s.names.push({ name, value: `='${s.name}'!${range.mockAddress}` });
        s.log.push(`name ${name}`);
      },
    }),
    used: {
      address: `'${s.name}'!A1:${colLetters(width)}${Math.max(1, s.values.length)}`,
      values: s.values,
      formulas: s.formulas,
      isNullObject: s.values.length === 0,
      rowIndex: 0,
      rowCount: s.values.length,
      load(this: OfficeMockObject, p: string) {
        return OfficeMockObject.prototype.load.call(this, `${p},isNullObject`);
      },
    },
    getUsedRangeOrNullObject(this: { used: unknown }) {
      return this.used;
    },
    getUsedRange(this: { used: unknown }) {
      return this.used;
    },
    getRange(address: string) {
      const r = new OfficeMockObject({
        format: { protection: {}, fill: {}, font: {} },
        dataValidation: {},
        merge: () => s.log.push(`merge ${address}`),
        setCellProperties: () => s.log.push(`props ${address}`),
      });
      (r as unknown as { mockAddress: string }).mockAddress = address;
      // Record assignments of values/formulas/numberFormat as they happen.
      return new Proxy(r, {
        set(t, p, v) {
          if (p === "values" || p === "formulas") {
            s.log.push(`${String(p)} ${address}`);
            put(s, address, v as unknown[][]);
          } else if (p === "numberFormat") s.log.push(`numberFormat ${address}`);
          return Reflect.set(t, p, v);
        },
      });
    },
    protection: {
      protected: s.protected,
      protect: (...args: unknown[]) => {
        s.protected = true;
        s.log.push(`protect${args.length > 1 && args[1] !== undefined ? " with password" : ""}`);
      },
      unprotect: () => {
        s.protected = false;
        s.log.push("unprotect");
      },
    },
    freezePanes: { freezeRows: () => undefined },
    pageLayout: { setPrintTitleRows: () => undefined, setPrintArea: () => undefined, headersFooters: { defaultForAllPages: {} } },
    horizontalPageBreaks: { add: () => undefined },
    activate: () => s.log.push("activate"),
    delete: () => {
      s.deleted = true;
    },
  };
}

export interface MockWorkbook {
  context: Excel.RequestContext;
  syncCount(): number;
  resetSyncCount(): void;
  sheets: Sheet[];
  added: Sheet[];
  sheet(name: string): Sheet;
}

/**
 * A workbook of the given sheets; worksheets.add() appends a new empty sheet to `added`. `insert` stands
 * for Excel's insertWorksheetsFromBase64: the sheet it returns is what Excel would have inserted.
 */
export function officeWorkbook(existing: Sheet[] = [], insert?: (base64: string, options: unknown) => Sheet): MockWorkbook {
  const added: Sheet[] = [];
  const all = () => [...existing, ...added].filter((s) => !s.deleted);
  const byName: Record<string, unknown> = {};
  existing.forEach((s) => (byName[s.name] = sheetData(s)));
  const data = {
    workbook: {
      names: collection([]),
      insertWorksheetsFromBase64(this: { worksheets: { byName: OfficeMockObject } }, base64: string, options: unknown) {
        if (!insert) throw Object.assign(new Error("ApiNotFound"), { code: "ApiNotFound" });
        const s = insert(base64, options);
        added.push(s);
        // Registered in the mock tree so that context.sync() reaches what the code loads on it.
        // addMock/populate are private in the typings but the documented way to grow a mock tree.
        const byName = this.worksheets.byName as unknown as { addMock(n: string): void } & Record<string, { populate(d: unknown): void }>;
        // Excel returns "an array of IDs corresponding to each newly inserted worksheet" (Excel.Workbook
        // reference), never names: the sheet is reachable by its ID (and by its name, as in Excel).
        const id = `{${String(added.length).padStart(8, "0")}-0001-0000-0000-000000000000}`;
        for (const key of [id, s.name]) {
          byName.addMock(key);
          byName[key].populate(sheetData(s));
        }
        return { value: [id] };
      },
      worksheets: {
        items: existing.map((s) => ({ name: s.name })),
        byName,
        missing: {
          isNullObject: true,
          names: collection([]),
          protection: { protected: false },
          used: { isNullObject: true, address: "", values: [], formulas: [], rowIndex: 0, rowCount: 0 },
          getUsedRangeOrNullObject(this: { used: unknown }) {
            return this.used;
          },
        },
        load(this: OfficeMockObject) {
          return OfficeMockObject.prototype.load.call(this, "items");
        },
        getItem(this: { byName: Record<string, unknown> }, name: string) {
          const s = this.byName[name];
          if (!s) throw Object.assign(new Error(`ItemNotFound ${name}`), { code: "ItemNotFound" });
          return s;
        },
        getItemOrNullObject(this: { byName: Record<string, unknown>; missing: unknown }, name: string) {
          return all().some((s) => s.name === name) ? this.byName[name] : this.missing;
        },
        add(this: OfficeMockObject, name: string) {
          if (all().some((s) => s.name.toLowerCase() === name.toLowerCase())) throw Object.assign(new Error("ItemAlreadyExists"), { code: "ItemAlreadyExists" });
          const s: Sheet = { name, values: [], formulas: [], names: [], protected: false, log: [], deleted: false };
          added.push(s);
          const raw = new OfficeMockObject(sheetData(s));
          (this as unknown as { byName: Record<string, unknown> }).byName[name] = raw;
          return raw;
        },
      },
    },
  };
  const mock = createStrictContext(data);
  return {
    context: mock.context,
    syncCount: mock.syncCount,
    resetSyncCount: mock.resetSyncCount,
    sheets: existing,
    added,
    sheet: (name) => [...existing, ...added].find((s) => s.name === name)!,
  };
}

/** The value a named cell of a mock sheet holds now. */
export function namedValue(s: Sheet, name: string): unknown {
  const n = s.names.find((x) => x.name === name);
  if (!n) throw new Error(`no name ${name} on ${s.name}`);
  const m = /!\$?([A-Z]+)\$?(\d+)/.exec(n.value)!;
  return s.values[Number(m[2]) - 1]?.[colNum(m[1]) - 1];
}
