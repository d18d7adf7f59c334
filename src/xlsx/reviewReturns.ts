// The 汇总's and the 核定表's first step, free of Node: returned workbooks, however they were read (files on
// disk for the command line, File objects in the workbench page), reviewed one by one and placed by the
// identity rules; then summarised. src/xlsx/summarizeFiles.ts gives it paths, src/workbench/ gives it Files:
// one code for both, so the page's 汇总 is the command line's.
import { workingYear, type Catalog, type UnitKind } from "../core/index";
import type { RecordItem } from "../review/decisions";
import { decisionsWithoutUnit } from "../review/reviewSheet";
import { placeUnits, summaryOf, type PlacedUnits, type SummaryData, type SummaryOptions } from "../review/summary";
import type { UnitReview } from "../review/types";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import type { PlatformData } from "../review/platform";
import { auditTime, type VerificationRecords } from "../review/verification";
import { placementFor } from "../layout/placement";
import { WorkbookReadError, type Placement, type WorkbookRead } from "../read/index";

export interface FilesSummary {
  data: SummaryData;
  /** The reviews as the 汇总 counts them (placeUnits: identity problems added, units named as listed). */
  reviews: UnitReview[];
  /** The reviews of established units, by kind (PlacedUnits.placed: a unit with two sheets is `duplicate`). */
  placed: PlacedUnits["placed"];
  sources: string[];
  unreadable: { source: string; message: string }[];
}

export interface FilesSummaryOptions {
  year?: number;
  weight?: number;
  expected: Record<UnitKind, readonly string[]>;
  now?: Date;
  /** After each file; a promise returned is awaited (the page yields to the browser and may cancel by throwing). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Catalogs for this run (drafts read from files), used before the registered ones. */
  catalogs?: readonly Catalog[];
  /**
   * The 考核组's 核定, read from files the office holds (readAuditFile: 核定记录 entries, 核定表 decisions).
   * Units' files are untrusted: their 核定 cells are never used, only these records are. `files`: every
   * records file when there are several (`file` is the first).
   */
  records?: { file: string; files?: readonly string[]; records: VerificationRecords<RecordItem>; problems: string[]; lines?: readonly string[] };
  /** Entries of the returns folders not read, with their reasons (src/cli/commands/summary.ts inputFiles). */
  skipped?: SummaryOptions["skipped"];
  /** The office's 平台数据 (--platform): each clause decided on it too, 按平台数据 核定 made against it (src/review/unit.ts). */
  platform?: readonly PlatformData[];
}

export interface FilesReview {
  units: PlacedUnits;
  sources: string[];
  unreadable: { source: string; message: string }[];
}

/** One returned workbook: its name as listed, whether it is the office's own (the records file), and its reading. */
export interface ReturnSource {
  source: string;
  /** The office's own workbook (given as the records file too): the only file that may hold several units. */
  office: boolean;
  /** Reads it with the layout's placement; throws WorkbookReadError (Chinese) when it cannot be used. */
  read(placement: Placement): WorkbookRead | Promise<WorkbookRead>;
}

/** Every returned workbook read and reviewed, then placed by the identity rules. */
export async function reviewSources(inputs: readonly ReturnSource[], opts: FilesSummaryOptions): Promise<FilesReview> {
  const year = opts.year ?? workingYear();
  const reviews: UnitReview[] = [];
  const sources: string[] = [];
  const unreadable: FilesSummary["unreadable"] = [];
  const officeSources: string[] = [];
  let done = 0;
  // Names where the layout put them: every file's CR_* names held to the cells of its catalog's template.
  const placement = placementFor(opts.catalogs);
  for (const input of inputs) {
    const { source } = input;
    try {
      const wb = await input.read(placement);
      const sheets = wb.sheets.filter(isTemplateSheet);
      if (!sheets.length) unreadable.push({ source, message: "不含考核模板工作表（没有 CR_ 定义名称），不是本加载项下发的模板" });
      // The office's own workbook, given as the records file too: its sheets' 核定 cells are checked against
      // its 核定记录. Any other file is a unit's: its 核定 cells are ignored and reported.
      const origin = opts.records && input.office ? "workbook" : "file";
      if (origin === "workbook") officeSources.push(source);
      for (const s of sheets) {
        reviews.push(reviewUnit(s, { year, expected: opts.expected, catalogs: opts.catalogs, origin, records: opts.records?.records, platform: opts.platform }));
        sources.push(source);
      }
    } catch (e) {
      // One bad file never ends the run: it is listed with its reason and the others are summarised.
      unreadable.push({ source, message: e instanceof WorkbookReadError ? e.message : `读取或检查时出错，未计入汇总（${e instanceof Error ? e.message.slice(0, 80) : String(e)}）` });
    }
    await opts.onProgress?.(++done, inputs.length);
  }
  return { units: placeUnits(reviews, { expected: opts.expected, sources, officeSources }), sources, unreadable };
}

/** The 汇总's data from reviewed returns (the records' own problems and decisions without a unit listed). */
export function summaryOfReview(review: FilesReview, opts: FilesSummaryOptions): FilesSummary {
  const year = opts.year ?? workingYear();
  const { units, sources, unreadable } = review;
  const recordProblems = [...(opts.records?.problems ?? []), ...decisionsWithoutUnit([...(opts.records?.records.values() ?? [])], units)];
  const data = summaryOf(units, { year, weight: opts.weight, expected: opts.expected, now: opts.now, sources, unreadable, skipped: opts.skipped, catalogs: opts.catalogs, recordProblems, recordSources: opts.records?.lines ? [...opts.records.lines] : undefined }, auditTime);
  return { data, reviews: units.reviews, placed: units.placed, sources, unreadable };
}
