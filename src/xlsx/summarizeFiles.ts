// Node: the whole 汇总 from returned files — read each file (one at a time, so memory stays flat), review
// each template sheet, summarise. Used by the command line, the tests and the bench.
import { basename } from "node:path";
import { workingYear, type Catalog, type UnitKind } from "../core/index";
import type { RecordItem } from "../review/decisions";
import { decisionsWithoutUnit } from "../review/reviewSheet";
import { placeUnits, summaryOf, type PlacedUnits, type SummaryData, type SummaryOptions } from "../review/summary";
import type { UnitReview } from "../review/types";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { auditTime, type VerificationRecords } from "../review/verification";
import { placementFor } from "../layout/placement";
import { sameFile } from "./paths";
import { WorkbookReadError } from "../read/index";
import { readWorkbookFile } from "./readWorkbookFile";

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
  onProgress?: (done: number, total: number) => void;
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
}

export interface FilesReview {
  units: PlacedUnits;
  sources: string[];
  unreadable: { source: string; message: string }[];
}

/** Every returned file read and reviewed, then placed by the identity rules (the 汇总's and the 核定表's first step). */
export async function reviewFiles(paths: string[], opts: FilesSummaryOptions): Promise<FilesReview> {
  const year = opts.year ?? workingYear();
  const reviews: UnitReview[] = [];
  const sources: string[] = [];
  const unreadable: FilesSummary["unreadable"] = [];
  // The office's own workbook (the --records file among the inputs) is the only file that may hold several units.
  const officeSources: string[] = [];
  let done = 0;
  // Names where the layout put them: every file's CR_* names held to the cells of its catalog's template.
  const placement = placementFor(opts.catalogs);
  for (const path of paths) {
    const source = basename(path);
    try {
      const wb = await readWorkbookFile(path, { placement });
      const sheets = wb.sheets.filter(isTemplateSheet);
      if (!sheets.length) unreadable.push({ source, message: "不含考核模板工作表（没有 CR_ 定义名称），不是本加载项下发的模板" });
      // The office's own workbook, given as the records file too: its sheets' 核定 cells are checked against
      // its 核定记录. Any other file is a unit's: its 核定 cells are ignored and reported.
      const origin = opts.records && (opts.records.files ?? [opts.records.file]).some((f) => sameFile(path, f)) ? "workbook" : "file";
      if (origin === "workbook") officeSources.push(source);
      for (const s of sheets) {
        reviews.push(reviewUnit(s, { year, expected: opts.expected, catalogs: opts.catalogs, origin, records: opts.records?.records }));
        sources.push(source);
      }
    } catch (e) {
      // One bad file never ends the run: it is listed with its reason and the others are summarised.
      unreadable.push({ source, message: e instanceof WorkbookReadError ? e.message : `读取或检查时出错，未计入汇总（${e instanceof Error ? e.message.slice(0, 80) : String(e)}）` });
    }
    opts.onProgress?.(++done, paths.length);
  }
  return { units: placeUnits(reviews, { expected: opts.expected, sources, officeSources }), sources, unreadable };
}

export async function summarizeFiles(paths: string[], opts: FilesSummaryOptions): Promise<FilesSummary> {
  const year = opts.year ?? workingYear();
  const { units, sources, unreadable } = await reviewFiles(paths, opts);
  const recordProblems = [...(opts.records?.problems ?? []), ...decisionsWithoutUnit([...(opts.records?.records.values() ?? [])], units)];
  const data = summaryOf(units, { year, weight: opts.weight, expected: opts.expected, now: opts.now, sources, unreadable, skipped: opts.skipped, catalogs: opts.catalogs, recordProblems, recordSources: opts.records?.lines ? [...opts.records.lines] : undefined }, auditTime);
  return { data, reviews: units.reviews, placed: units.placed, sources, unreadable };
}
