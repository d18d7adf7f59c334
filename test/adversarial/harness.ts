// The adversarial suite's harness: everything a hostile case needs, in this process, so that a case costs what
// its own files and checks cost and adding one is a table row. A family of cases lives in a test file of this
// folder that ends with tallyTest([...families]): the tally of that file must show 0 accepted, 0 crashed and
// 0 lost data (and every family must have run).
//
//   record(family, label, { accepted, crashed, lost })   one case's outcome (asserted at once, counted)
//   save(name, bytes)                                     a file in a folder of its own under tmp
//   summary(files, records?)                              the 汇总 of files, in-process (an Error if it threw)
//   cli(...args)                                          the command line, in-process (test/helpers/cli.ts)
//   returned(unit, kind, fill)                            a returned file (review/helpers returnedFile),
//                                                         made once per fill when the fill has no edit
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { unitsOf, type UnitKind } from "../../src/core/index";
import type { SummaryData } from "../../src/review/summary";
import { summarizeFiles } from "../../src/xlsx/summarizeFiles";
import { returnedFile, type Fill } from "../review/helpers";

export { cli, cliProcess, spawnCli } from "../helpers/cli";
export { cellOf, returnedFile, type Fill } from "../review/helpers";

export const tmp = mkdtempSync(join(tmpdir(), "credit-hostile-"));
export const DEPTS = ["市发展和改革委员会", "市教育局", "市公安局", "市公安局交通警察支队"];
export const expected = { county: unitsOf(2022).county, department: DEPTS };

// ---- the tally ----
export interface Outcome {
  /** The hostile intent succeeded (a better rank, a forged 核定 used, a file overwritten…). */
  accepted: boolean;
  /** An exception, or a non-Chinese / internal-error exit, where a Chinese message was due. */
  crashed: boolean;
  /** Bytes the office or a unit held changed. */
  lost: boolean;
}
const tally = { cases: 0, accepted: 0, crashed: 0, lost: 0, families: new Map<string, number>() };

export function record(family: string, label: string, o: Outcome): void {
  tally.cases++;
  tally.families.set(family, (tally.families.get(family) ?? 0) + 1);
  if (o.accepted) tally.accepted++;
  if (o.crashed) tally.crashed++;
  if (o.lost) tally.lost++;
  expect({ family, label, ...o }).toEqual({ family, label, accepted: false, crashed: false, lost: false });
}

/**
 * The file's last test: every family named ran, nothing was accepted, crashed or lost, and the file holds at
 * least `minCases` cases (so that it cannot shrink unnoticed). Prints the tally.
 */
export function tallyTest(families: string[], minCases: number): void {
  afterAll(() => {
    const ran = [...tally.families].map(([f, k]) => `${f} ${k}`).join(", ");
    console.log(`[adversarial] ${tally.cases} hostile cases (${ran}): ${tally.accepted} accepted, ${tally.crashed} crashed, ${tally.lost} lost data`);
  });
  test("the tally: every family ran, 0 accepted, 0 crashed, 0 lost data", () => {
    expect([...tally.families.keys()].sort()).toEqual([...families].sort());
    expect({ accepted: tally.accepted, crashed: tally.crashed, lost: tally.lost }).toEqual({ accepted: 0, crashed: 0, lost: 0 });
    expect(tally.cases).toBeGreaterThanOrEqual(minCases);
  });
}

// ---- files ----
let n = 0;
/** Writes a file named `name` into a new folder of its own under tmp (or under `dir`). */
export async function save(name: string, data: Buffer | Promise<Buffer>, dir = tmp): Promise<string> {
  const d = join(dir, `c${++n}`);
  mkdirSync(d, { recursive: true });
  const p = join(d, name);
  writeFileSync(p, await data);
  return p;
}

const made = new Map<string, Promise<Buffer>>();
/**
 * returnedFile, made once per (unit, kind, fill) for a fill without an edit or a template of its own — the
 * same bytes every time, so a case that needs the honest file of a unit does not make it again.
 */
export function returned(unit: string, kind: UnitKind, fill: Omit<Fill, "edit" | "template" | "catalog"> = {}): Promise<Buffer> {
  const key = JSON.stringify([unit, kind, fill.values ?? null, fill.notApplicable ?? null, fill.evidence ?? true]);
  let p = made.get(key);
  if (!p) made.set(key, (p = returnedFile(unit, kind, fill)));
  return p;
}

/** Renames the template sheet and every defined name pointing at it (what Excel does on a rename). */
export function renameSheet(wb: ExcelJS.Workbook, to: string): void {
  wb.worksheets[0].name = to;
  const model = wb.definedNames.model as { name: string; ranges: string[] }[];
  wb.definedNames.model = model.map((m) => ({ ...m, ranges: m.ranges.map((r) => r.replace(/^'?(.*?)'?!/, `'${to.replace(/'/g, "''")}'!`)) })) as never;
}

// ---- the 汇总 and the command line ----
export async function summary(files: string[], records?: Parameters<typeof summarizeFiles>[1]["records"]): Promise<SummaryData | Error> {
  try {
    return (await summarizeFiles(files, { year: 2022, expected, records })).data;
  } catch (e) {
    return e as Error;
  }
}

export const rowsOf = (d: SummaryData) => [...d.tables.county.rows, ...d.tables.department.rows];
export const ranked = (d: SummaryData) => rowsOf(d).filter((r) => r.rank !== undefined);

/** A CLI result a user can live with: no stack trace, no internal error, Chinese message, a defined exit code. */
export const cliCrashed = (r: { code: number | null; err: string }) =>
  r.code === null || r.code === 3 || /\bat .*\.ts:\d+|Error:|ENOENT|EACCES|EISDIR|undefined/.test(r.err) || (r.err !== "" && !/[\u4e00-\u9fff]/.test(r.err));
