// The office's half of the year in the browser, as the command line does it (src/cli/commands/): the same
// catalog, reader, review, grids and ExcelJS writers, given File objects instead of paths. No DOM here (ui.ts
// shows it) and no network: every byte is read from a File the user picked and handed back as a download.
// The ExcelJS writers are a chunk of their own (writers.ts), loaded when a step first writes a file.
import { zipSync } from "fflate";
import { expectedUnits, getCatalog, parseUnitList, UNIT_KIND_LABEL, workingYear, type UnitKind } from "../core/index";
import { DEFAULT_FEEDBACK_TERMS, feedbackFileName, type FeedbackTerms } from "../core/feedback";
import { returnsEntry, templateFileName } from "../core/fileNames";
import { buildFeedback } from "../layout/feedback";
import { buildPlatformLayout } from "../layout/platform";
import { buildTemplateLayout } from "../layout/template";
import type { Variant } from "../layout/template/types";
import { WorkbookReadError, type WorkbookRead } from "../read/index";
import { placementFor } from "../layout/placement";
import { fileBytes, readFileOf, type FileReading } from "./readFile";
import type { RecordItem } from "../review/decisions";
import { reviewSheetData } from "../review/reviewSheet";
import { buildReviewSheet } from "../review/reviewSheetGrid";
import { REPORT_ONLY_SUFFIX, ISSUER } from "../review/summaryGrid";
import type { SummaryData } from "../review/summary";
import { auditTime, latestRecords } from "../review/verification";
import { readAuditBytes, type AuditFile } from "../xlsx/auditBytes";
import { reviewSources, summaryOfReview, type FilesReview, type FilesSummaryOptions, type ReturnSource } from "../xlsx/reviewReturns";

/** A file offered for download. */
export interface Download {
  name: string;
  bytes: Uint8Array;
  type: string;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ZIP = "application/zip";

/** The ExcelJS writers, loaded once when first needed (a chunk of its own: the page paints without it). */
const writers = () => import(/* webpackChunkName: "workbench-writers" */ "./writers");

/** Thrown when the user cancels a long step. */
export class Cancelled extends Error {
  constructor() {
    super("已取消");
  }
}

/** Unit names typed one a line (as the 市直部门 list file); a name with a character a file name cannot hold is refused. */
export function unitNames(text: string): { units: string[]; bad: string[] } {
  const units = parseUnitList(text);
  return { units, bad: units.filter((u) => /[\\/:*?"<>|]/.test(u)) };
}

export const defaultUnits = (kind: UnitKind, year = workingYear()): readonly string[] => expectedUnits(year)[kind];

/** `template --kind K --units … [--variant portable] --out DIR`, as one zip of one file per unit. */
export async function templatesZip(kind: UnitKind, units: readonly string[], variant: Variant, onProgress?: (done: number, total: number) => Promise<void>): Promise<Download> {
  const year = workingYear();
  const catalog = getCatalog(year, kind);
  const { templateBytes } = await writers();
  const files: Record<string, Uint8Array> = {};
  let done = 0;
  for (const unit of units) {
    files[templateFileName(unit, year, kind)] = await templateBytes(buildTemplateLayout(catalog, { name: unit }, { variant }));
    await onProgress?.(++done, units.length);
  }
  // xlsx files are compressed already: stored, not deflated again.
  return { name: `考核模板-${year}-${UNIT_KIND_LABEL[kind]}${variant === "portable" ? "-通用公式" : ""}.zip`, bytes: zipSync(files, { level: 0 }), type: ZIP };
}

/** A returned file the page holds: its outcome before reading (a name the command line would skip) or its reading. */
interface Held {
  file: File;
  skip?: { severity: "错误" | "提示"; reason: string };
  read?: WorkbookRead | WorkbookReadError;
}

/** The 核定 the office brought back: 核定记录 workbooks and filled 核定表, in the order given (later ones win). */
export interface RecordsHeld {
  files: AuditFile[];
}

/** One outcome line per file, as the command line's summary lists it. */
export interface FileOutcome {
  file: string;
  state: "已读取" | "未读取" | "未认定" | "已跳过";
  /** Units read from it, with their self score and open problems. */
  units: { unit: string; kind?: UnitKind; score?: number; errors: number; hints: number }[];
  reasons: string[];
}

/** A worker could not be started or died: the caller reads on the page's thread instead. */
class WorkerFailed extends Error {}

/** Workers reading files (readWorker.ts), each given the next file as it answers. */
class WorkerPool {
  private readonly size = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

  async readAll(todo: Held[], took: (h: Held, r: FileReading) => void, progress: (h: Held) => Promise<void>): Promise<void> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < this.size; i++) workers.push(new Worker(new URL("./readWorker.ts", import.meta.url), { name: "workbench-reader" }));
    } catch {
      for (const w of workers) w.terminate();
      throw new WorkerFailed();
    }
    let next = 0;
    let failed: unknown;
    try {
      await Promise.all(
        workers.map(async (w) => {
          while (failed === undefined && next < todo.length) {
            const h = todo[next++];
            const r = await new Promise<FileReading>((resolve, reject) => {
              w.onmessage = (e: MessageEvent<FileReading & { id: number }>) => resolve(e.data);
              w.onerror = (e) => {
                e.preventDefault();
                reject(new WorkerFailed());
              };
              w.postMessage({ id: next, file: h.file });
            });
            took(h, r);
            try {
              await progress(h);
            } catch (e) {
              failed = e;
            }
          }
        }),
      );
    } catch (e) {
      failed ??= e;
    } finally {
      for (const w of workers) w.terminate();
    }
    if (failed !== undefined) throw failed;
  }
}

export class Workbench {
  readonly year = workingYear();
  private held: Held[] = [];
  records: AuditFile[] = [];
  private reviewed?: { key: string; review: FilesReview };

  get fileCount(): number {
    return this.held.length;
  }

  clearReturns(): void {
    this.held = [];
    this.reviewed = undefined;
  }

  /** Adds picked or dropped files (a file of the same name replaces the earlier one, as in a folder). */
  addReturns(files: readonly File[]): void {
    const byName = new Map(this.held.map((h) => [h.file.name, h]));
    for (const file of files) byName.set(file.name, { file, skip: returnsEntry(file.name, "file") });
    this.held = [...byName.values()].sort((a, b) => (a.file.name < b.file.name ? -1 : a.file.name > b.file.name ? 1 : 0));
    this.reviewed = undefined;
  }

  /**
   * Reads every file not read yet (the reader's limits unchanged), on workers — one per core, up to four — so
   * the page stays responsive; where the browser gives no worker (a page opened from a local folder: file://
   * pages may not start one) on the page's thread, yielding between files. onProgress may throw Cancelled.
   */
  async readAll(onProgress: (done: number, total: number, name: string) => Promise<void>): Promise<void> {
    const todo = this.held.filter((h) => !h.skip && !h.read);
    let done = 0;
    const took = (h: Held, r: FileReading) => {
      h.read = r.read ?? new WorkbookReadError(r.error!);
    };
    const pool = this.workers();
    if (pool) {
      try {
        await pool.readAll(todo, took, (h) => onProgress(++done, todo.length, h.file.name));
        return;
      } catch (e) {
        if (!(e instanceof WorkerFailed)) throw e;
        this.pool = null; // the browser refused the worker: read the rest here
      }
    }
    const placement = placementFor();
    for (const h of todo.filter((x) => !x.read)) {
      took(h, await readFileOf(h.file, placement));
      await onProgress(++done, todo.length, h.file.name);
    }
  }

  private pool?: WorkerPool | null;

  private workers(): WorkerPool | null {
    if (this.pool === undefined) this.pool = typeof Worker === "function" && location.protocol !== "file:" ? new WorkerPool() : null;
    return this.pool;
  }

  /** The records as the command line's --records gives them (src/cli/commands/summary.ts recordsFiles). */
  private recordsOption(): FilesSummaryOptions["records"] {
    if (!this.records.length) return undefined;
    const items: RecordItem[] = this.records.flatMap((f) => f.items);
    return {
      file: this.records[0].file,
      files: this.records.map((f) => f.file),
      records: latestRecords(items),
      problems: this.records.flatMap((f) => f.problems),
      lines: this.records.map((f) => `“${f.file}”的${f.kind}（${f.entries} 条${f.kind === "核定表" ? "核定" : ""}${f.problems.length ? `，${f.problems.length} 行未采用` : ""}）`),
    };
  }

  /** Brings back a 核定记录 workbook or a filled 核定表; throws WorkbookReadError (Chinese) when it cannot be used. */
  async addRecords(file: File): Promise<AuditFile> {
    const f = readAuditBytes(file.name, file.name, await fileBytes(file));
    this.records = [...this.records.filter((r) => r.file !== file.name), f];
    this.reviewed = undefined;
    return f;
  }

  clearRecords(): void {
    this.records = [];
    this.reviewed = undefined;
  }

  private options(weight?: number): FilesSummaryOptions {
    const skipped = this.held.filter((h) => h.skip).map((h) => ({ source: h.file.name, ...h.skip! }));
    return { year: this.year, weight, expected: expectedUnits(this.year), records: this.recordsOption(), skipped };
  }

  /** The files read, reviewed and placed by the identity rules: reviewFiles of the command line. */
  async review(opts = this.options(), sources?: (h: Held) => boolean): Promise<FilesReview> {
    const key = `${this.held.length}|${this.records.map((r) => r.file).join("|")}|${sources ? "some" : "all"}`;
    if (this.reviewed?.key === key && !sources) return this.reviewed.review;
    const inputs: ReturnSource[] = this.held
      .filter((h) => !h.skip && (!sources || sources(h)))
      .map((h) => ({
        source: h.file.name,
        // The office's own workbook given as a records file too (the command line's sameFile): by name here.
        office: this.records.some((r) => r.file === h.file.name),
        read: () => {
          if (h.read instanceof WorkbookReadError) throw h.read;
          if (!h.read) throw new WorkbookReadError("尚未读取");
          return h.read;
        },
      }));
    const review = await reviewSources(inputs, opts);
    if (!sources) this.reviewed = { key, review };
    return review;
  }

  /**
   * Each file's outcome with its reasons — the command line's: the problems its summary lists for the file
   * (skipped entries, unreadable files, each sheet's problems), and the sheets it lists apart.
   */
  async outcomes(): Promise<FileOutcome[]> {
    const opts = this.options();
    const r = await this.review(opts);
    const { data } = summaryOfReview(r, opts);
    const out = new Map<string, FileOutcome>(this.held.map((h) => [h.file.name, { file: h.file.name, state: "已读取", units: [], reasons: [] }]));
    const at = (file = "") => out.get(file) ?? out.set(file, { file, state: "已读取", units: [], reasons: [] }).get(file)!;
    for (const h of this.held) if (h.skip) at(h.file.name).state = h.skip.severity === "错误" ? "未读取" : "已跳过";
    for (const u of r.unreadable) at(u.source).state = "未读取";
    for (const a of r.units.apart) {
      const o = at(a.source);
      if (o.state === "已读取") o.state = "未认定";
      o.reasons.push(`工作表“${a.sheet}”不参加排名：${a.reason}`);
    }
    for (const p of r.units.placed) {
      const errors = p.review.problems.filter((x) => x.severity === "错误" && !x.closed).length;
      at(p.source).units.push({ unit: p.review.unit, kind: p.kind, score: p.review.selfScore, errors, hints: p.review.problems.length - errors });
    }
    for (const p of data.problems) if (p.source !== undefined) at(p.source).reasons.push(`[${p.severity}] ${p.message}`);
    return [...out.values()];
  }

  /** `review 返回/ --out 核定表.xlsx [--records …]`. */
  async reviewSheet(): Promise<{ download: Download; rows: number; attention: number; notes: string[] }> {
    const { units, unreadable } = await this.review();
    const data = reviewSheetData(units, { year: this.year, expected: expectedUnits(this.year), generatedAt: auditTime() });
    for (const u of unreadable) data.notes.push(`文件“${u.source}”未读取：${u.message}`);
    const { sheetDocsBytes } = await writers();
    const bytes = await sheetDocsBytes([buildReviewSheet(data)]);
    return { download: { name: `核定表-${this.year}.xlsx`, bytes, type: XLSX }, rows: data.rows.length, attention: data.rows.filter((x) => x.attention.length).length, notes: data.notes };
  }

  /** `platform --kind K --out 平台数据.xlsx`. */
  async platformSheet(kind: UnitKind): Promise<Download> {
    const layout = buildPlatformLayout(getCatalog(this.year, kind), expectedUnits(this.year)[kind]);
    const { sheetDocsBytes } = await writers();
    return { name: `平台数据-${this.year}-${UNIT_KIND_LABEL[kind]}.xlsx`, bytes: await sheetDocsBytes([layout.doc]), type: XLSX };
  }

  /** `summary 返回/ --out 汇总.xlsx [--records …] [--weight N]`: the 汇总 and the report-only file beside it. */
  async summary(weight: number): Promise<{ data: SummaryData; full: Download; report: Download }> {
    const opts = this.options(weight);
    const { data } = summaryOfReview(await this.review(opts), opts);
    const { summaryFile, reportOnlyFile } = await writers();
    const name = `汇总-${this.year}`;
    return {
      data,
      full: { name: `${name}.xlsx`, bytes: await summaryFile(data), type: XLSX },
      report: { name: `${name}${REPORT_ONLY_SUFFIX}.xlsx`, bytes: await reportOnlyFile(data), type: XLSX },
    };
  }

  /** `feedback 返回/ --records 办公室工作簿.xlsx --out 反馈/`: one file per unit, together as a zip. */
  async feedback(terms: Partial<FeedbackTerms>, date: string): Promise<{ download: Download; lines: string[] }> {
    if (!this.records.length) throw new Error("反馈单在核定之后制作：请先在“核定表”一步带回填好的核定表或核定记录");
    const full: FeedbackTerms = { ...DEFAULT_FEEDBACK_TERMS, ...terms };
    // The records files themselves are not returns (the command line leaves the --records file out).
    const opts = this.options();
    const { placed, unreadable } = summaryOfReview(await this.review(opts, (h) => !this.records.some((r) => r.file === h.file.name)), opts);
    const { sheetDocsBytes } = await writers();
    const files: Record<string, Uint8Array> = {};
    const lines: string[] = [];
    for (const p of placed) {
      const r = p.review;
      if (p.duplicate || !r.catalog) continue;
      const doc = buildFeedback({ unit: { ...r, catalog: r.catalog }, terms: full, issuer: ISSUER, date });
      files[feedbackFileName(r.unit, r.catalog.year)] = await sheetDocsBytes([doc]);
      lines.push(`${r.unit}：${r.fullyVerified ? "已核定" : `已核定 ${r.verifiedCount}/${r.clauses.length} 条，其余按自评（暂定）`}`);
    }
    for (const u of unreadable) lines.push(`文件“${u.source}”未计入：${u.message}`);
    return { download: { name: `${this.year}年度考核结果反馈单.zip`, bytes: zipSync(files, { level: 0 }), type: ZIP }, lines };
  }
}
