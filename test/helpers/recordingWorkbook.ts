// A strict office-addin-mock workbook that records what a writer does: every range it touched (with the
// values, formulas and formats it assigned), merges, names, protection, page layout. Reads still need
// load() + sync() (see strictMock.ts) and syncs are counted. Objects a test reads (existing sheets, their
// used range and names) live in the mock's tree so that context.sync() reaches them.
import { OfficeMockObject } from "office-addin-mock";
import { createStrictContext } from "./strictMock";

export interface RecordedSheet {
  name: string;
  ranges: OfficeMockObject[];
  merges: string[];
  names: { name: string; address: string }[];
  cellProperties: unknown[][] | undefined;
  protectedWith: unknown[] | undefined;
  frozenRows: number | undefined;
  printTitleRows: string | undefined;
  printArea: string | undefined;
  pageBreaks: string[];
  activated: boolean;
  deleted: boolean;
  raw: OfficeMockObject | undefined;
}

/** office-addin-mock cannot navigate "items/name" in a collection: load the items themselves. */
function collection(items: unknown[]) {
  return {
    items,
    load(this: OfficeMockObject) {
      return OfficeMockObject.prototype.load.call(this, "items");
    },
  };
}

export interface ExistingSheet {
  name: string;
  /** Cell values of the used range from A1 (row-major). */
  values: unknown[][];
  /** Sheet-scoped names: name → "='Sheet'!$F$12". */
  names: Record<string, string>;
  /** Top-left cell of the used range ("A1" unless the top rows or left columns are empty). */
  at?: string;
}

const blankRecord = (name: string): RecordedSheet => ({
  name,
  ranges: [],
  merges: [],
  names: [],
  cellProperties: undefined,
  protectedWith: undefined,
  frozenRows: undefined,
  printTitleRows: undefined,
  printArea: undefined,
  pageBreaks: [],
  activated: false,
  deleted: false,
  raw: undefined,
});

function worksheetData(rec: RecordedSheet, old?: ExistingSheet) {
  return {
    name: rec.name,
    isNullObject: false,
    getRange(address: string) {
      // Only written, never read: properties appear when the writer assigns them.
      const r = new OfficeMockObject({
        format: { protection: {}, fill: {} },
        dataValidation: {},
        merge: () => rec.merges.push(address),
        setCellProperties: (p: unknown[][]) => {
          rec.cellProperties = p;
        },
      });
      (r as unknown as { mockAddress: string }).mockAddress = address;
      rec.ranges.push(r);
      return r;
    },
    // The used range starts at A1 (the title cell) on a template as written; `at` when a unit emptied the top rows.
    usedRange: { address: `'${rec.name.replace(/'/g, "''")}'!${old?.at ?? "A1"}`, values: old?.values ?? [] },
    getUsedRange(this: OfficeMockObject) {
      return this.usedRange;
    },
    names: old
      ? collection(Object.entries(old.names).map(([name, value]) => ({ name, value })))
      : {
          add: (name: string, range: { mockAddress: string }) => {
            rec.names.push({ name, address: range.mockAddress });
          },
        },
    protection: {
      protect: (...args: unknown[]) => {
        rec.protectedWith = args;
      },
    },
    freezePanes: {
      freezeRows: (n: number) => {
        rec.frozenRows = n;
      },
    },
    pageLayout: {
      setPrintTitleRows: (r: string) => {
        rec.printTitleRows = r;
      },
      setPrintArea: (a: string) => {
        rec.printArea = a;
      },
      headersFooters: { defaultForAllPages: {} },
    },
    horizontalPageBreaks: {
      add: (cell: string) => {
        rec.pageBreaks.push(cell);
      },
    },
    activate: () => {
      rec.activated = true;
    },
    delete: () => {
      rec.deleted = true;
    },
  };
}

export function recordingWorkbook(existing: ExistingSheet[] = [], workbookNames: Record<string, string> = {}) {
  const added: RecordedSheet[] = [];
  const oldRecs = existing.map((s) => blankRecord(s.name));
  const data: Record<string, unknown> = {
    getItemOrNullObject(this: OfficeMockObject, name: string) {
      const i = existing.findIndex((s) => s.name === name);
      return i < 0 ? this.missing : this[`old${i}`];
    },
    add(name: string) {
      const rec = blankRecord(name);
      added.push(rec);
      rec.raw = new OfficeMockObject(worksheetData(rec));
      return rec.raw;
    },
    missing: { isNullObject: true, names: collection([]), usedRange: { address: "missing!A1", values: [] }, getUsedRange(this: OfficeMockObject) { return this.usedRange; } },
  };
  existing.forEach((s, i) => {
    data[`old${i}`] = worksheetData(oldRecs[i], s);
  });
  const mock = createStrictContext({ workbook: { names: collection(Object.entries(workbookNames).map(([name, value]) => ({ name, value }))), worksheets: data } });
  return { ...mock, added, oldRecords: oldRecs };
}

/** Assigned values of a property over the ranges of a recorded sheet. */
export function assigned(rec: RecordedSheet, path: string): { address: string; value: unknown }[] {
  const out: { address: string; value: unknown }[] = [];
  for (const r of rec.ranges) {
    let v: unknown = r;
    for (const p of path.split(".")) v = v === undefined || v === null ? undefined : (v as Record<string, unknown>)[p];
    if (v !== undefined && !(v instanceof OfficeMockObject)) out.push({ address: (r as unknown as { mockAddress: string }).mockAddress, value: v });
  }
  return out;
}
