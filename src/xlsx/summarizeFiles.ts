// Node: the whole 汇总 from returned files — read each file (one at a time, so memory stays flat), review
// each template sheet, summarise (src/xlsx/reviewReturns.ts, which the workbench page runs on File objects).
// Used by the command line, the tests and the bench.
import { basename } from "node:path";
import { reviewSources, summaryOfReview, type FilesReview, type FilesSummary, type FilesSummaryOptions, type ReturnSource } from "./reviewReturns";
import { sameFile } from "./paths";
import { readWorkbookFile } from "./readWorkbookFile";

export type { FilesReview, FilesSummary, FilesSummaryOptions } from "./reviewReturns";

/** Files on disk as returns: the --records file among them is the office's own workbook. */
function fileSources(paths: string[], opts: FilesSummaryOptions): ReturnSource[] {
  return paths.map((path) => ({
    source: basename(path),
    office: Boolean(opts.records && (opts.records.files ?? [opts.records.file]).some((f) => sameFile(path, f))),
    read: (placement) => readWorkbookFile(path, { placement }),
  }));
}

/** Every returned file read and reviewed, then placed by the identity rules (the 汇总's and the 核定表's first step). */
export async function reviewFiles(paths: string[], opts: FilesSummaryOptions): Promise<FilesReview> {
  return reviewSources(fileSources(paths, opts), opts);
}

export async function summarizeFiles(paths: string[], opts: FilesSummaryOptions): Promise<FilesSummary> {
  return summaryOfReview(await reviewFiles(paths, opts), opts);
}
