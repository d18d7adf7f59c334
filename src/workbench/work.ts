// The office's half of the year in the browser, as the command line does it (src/cli/commands/): the same
// catalog, reader, review, grids and ExcelJS writers, given File objects instead of paths. No DOM here (ui.ts
// shows it) and no network: every byte is read from a File the user picked and handed back as a download.
// The ExcelJS writers are a chunk of their own (writers.ts), loaded when a step first writes a file.
import { zipSync } from "fflate";
import { expectedUnits, getCatalog, parseUnitList, UNIT_KIND_LABEL, workingYear, type UnitKind } from "../core/index";
import type { PlatformData } from "../review/platform";
import { crossCheck, crossCheckLines } from "../review/crossCheck";
import { addPlatformSheets, PlatformFileError, readPlatformBytes } from "../xlsx/platformBytes";
import { DEFAULT_FEEDBACK_TERMS, feedbackFileName, type FeedbackTerms } from "../core/feedback";
import { returnsEntry, templateFileName } from "../core/fileNames";
import { buildFeedback } from "../layout/feedback";
import { buildPlatformLayout } from "../layout/platform";
import { buildTemplateLayout } from "../layout/template";
import type { Variant } from "../layout/template/types";
import { WorkbookReadError, type WorkbookRead } from "../read/index";
import { placementFor } from "../layout/placement";
import { PoolUnavailable, readInWorkers, type PoolReading } from "./pool";
import { Taped } from "./readCodec";
import { fileBytes, readFileOf, type FileReading } from "./readFile";
import type { RecordItem } from "../review/decisions";
import { reviewSheetData, reviewText, type ReviewSheetData } from "../review/reviewSheet";
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

/** A phase's time in the page's performance timeline (bench/workbench.bench.ts prints them; the page shows nothing). */
function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // a browser without User Timing Level 3: no figure, nothing else changes
  }
}

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

/** `template --kind K --units … [--variant portable] --out DIR` (with its 双公示台账, the command line's default), as one zip of one file per unit. */
export async function templatesZip(kind: UnitKind, units: readonly string[], variant: Variant, onProgress?: (done: number, total: number) => Promise<void>): Promise<Download> {
  const year = workingYear();
  const catalog = getCatalog(year, kind);
  const { templateBytes } = await writers();
  const files: Record<string, Uint8Array> = {};
  let done = 0;
  for (const unit of units) {
    files[templateFileName(unit, year, kind)] = await templateBytes(buildTemplateLayout(catalog, { name: unit }, { variant, ledger: true }));
    await onProgress?.(++done, units.length);
  }
  // xlsx files are compressed already: stored, not deflated again.
  return { name: `考核模板-${year}-${UNIT_KIND_LABEL[kind]}${variant === "portable" ? "-通用公式" : ""}.zip`, bytes: zipSync(files, { level: 0 }), type: ZIP };
}

/**
 * A returned file the page holds: its outcome before reading (a name the command line would skip) or its
 * reading. A subfolder of a dropped or picked folder is held too (an empty File of its name), with the
 * reason the command line gives for a subfolder: listed, never read.
 */
interface Held {
  file: File;
  skip?: { severity: "错误" | "提示"; reason: string };
  read?: WorkbookRead | WorkbookReadError | Taped<WorkbookRead>;
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

/** A filled 平台数据 workbook brought back: its 平台数据 sheets as read (figures, unknown names, problems). */
export interface PlatformHeld {
  file: string;
  sheets: PlatformData[];
}

export class Workbench {
  readonly year = workingYear();
  private held: Held[] = [];
  records: AuditFile[] = [];
  platforms: PlatformHeld[] = [];
  /** This year's 市直部门 as the office listed them (the command line's --departments); undefined: the year's list. */
  private departmentList?: readonly string[];
  /** Bumped on every change of what a review depends on (returns, records, 平台数据, 名单): the cached review is then stale. */
  private version = 0;
  private reviewed?: { key: string; review: FilesReview };

  get fileCount(): number {
    return this.held.length;
  }

  /** Returned files held and not read yet (a step cancelled part-way leaves some). */
  get unreadCount(): number {
    return this.held.filter((h) => !h.skip && !h.read).length;
  }

  private changed(): void {
    this.version++;
    this.reviewed = undefined;
  }

  clearReturns(): void {
    this.held = [];
    this.changed();
  }

  /**
   * Adds picked or dropped files (a file of the same name replaces the earlier one, as in a folder), and the
   * subfolders found in a dropped or picked folder — the command line's rule: a folder's own .xlsx files are
   * returns, its subfolders are listed as 错误 and not read.
   */
  addReturns(files: readonly File[], subfolders: readonly string[] = []): void {
    const byName = new Map(this.held.map((h) => [h.file.name, h]));
    for (const file of files) byName.set(file.name, { file, skip: returnsEntry(file.name, "file") });
    for (const name of subfolders) byName.set(name, { file: new File([], name), skip: returnsEntry(name, "directory") });
    this.held = [...byName.values()].sort((a, b) => (a.file.name < b.file.name ? -1 : a.file.name > b.file.name ? 1 : 0));
    this.changed();
  }

  /** The member units this run expects: the year's, with the office's own 市直部门 list where it gave one (--departments). */
  expected(): Record<UnitKind, readonly string[]> {
    return expectedUnits(this.year, this.departmentList ? [...this.departmentList] : undefined);
  }

  get departments(): readonly string[] {
    return this.expected().department;
  }

  /** `--departments 名单`: the 市直部门 expected this year, one name a line; the year's list when it is the same. */
  setDepartments(list: readonly string[]): void {
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const next = same(list, expectedUnits(this.year).department) ? undefined : [...list];
    if (same(next ?? [], this.departmentList ?? []) && !next === !this.departmentList) return;
    this.departmentList = next;
    // The 平台数据 sheets were read against the members: their unit names are checked against the new list.
    this.platforms = this.platforms.map((p) => {
      const again = readPlatformBytes(p.file, this.platformBytes.get(p.file)!, this.platformContext());
      return { file: p.file, sheets: again.filter((x) => p.sheets.some((y) => y.sheet === x.sheet)) };
    });
    this.changed();
  }

  /**
   * Reads every file not read yet (the reader's limits unchanged) on a pool of workers (pool.ts), so the page
   * stays responsive; where the browser gives no worker (a page opened from a local folder: file:// pages may
   * not start one) on the page's thread, yielding between files. onProgress may throw Cancelled; `signal`
   * (取消) stops the workers at once.
   */
  async readAll(onProgress: (done: number, total: number, name: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
    const start = performance.now();
    try {
      await this.readTodo(onProgress, signal);
    } finally {
      measure("工作台：读取文件", start);
    }
  }

  private async readTodo(onProgress: (done: number, total: number, name: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
    const todo = this.held.filter((h) => !h.skip && !h.read);
    let done = 0;
    const took = (h: Held, r: FileReading | PoolReading) => {
      h.read = r.read ?? ("taped" in r ? r.taped : undefined) ?? new WorkbookReadError(r.error!);
    };
    if (this.workers) {
      try {
        await readInWorkers({
          files: todo.map((h) => h.file),
          signal,
          onRead: (i, r) => {
            took(todo[i], r);
            return onProgress(++done, todo.length, todo[i].file.name);
          },
        });
        return;
      } catch (e) {
        if (!(e instanceof PoolUnavailable)) throw e;
        this.workers = false; // the browser refused the workers: read the rest here
      }
    }
    const placement = placementFor();
    for (const h of todo.filter((x) => !x.read)) {
      if (signal?.aborted) throw signal.reason;
      took(h, await readFileOf(h.file, placement));
      await onProgress(++done, todo.length, h.file.name);
    }
  }

  /** Whether to read on workers: not where the page was opened from a local folder (file:// pages may not start one). */
  private workers = typeof Worker === "function" && location.protocol !== "file:";

  /** The records as the command line's --records gives them (src/cli/commands/summary.ts recordsFiles). */
  recordsOption(): FilesSummaryOptions["records"] {
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
    this.changed();
    return f;
  }

  clearRecords(): void {
    this.records = [];
    this.changed();
  }

  /**
   * Brings back a filled 平台数据 workbook (`--platform 平台数据.xlsx`), read as the command line reads one
   * (src/xlsx/platformBytes.ts): its 平台数据 sheets, unit names through the identity rules against this run's
   * members. A sheet for a year and kind already held from another file replaces it (a corrected file); two
   * such sheets in one file are refused. Throws PlatformFileError or WorkbookReadError (Chinese).
   */
  async addPlatform(file: File): Promise<PlatformHeld> {
    let bytes: Uint8Array;
    try {
      bytes = await fileBytes(file);
    } catch (e) {
      if (e instanceof WorkbookReadError) throw new PlatformFileError(`文件“${file.name}”${e.message.replace(/^文件/, "")}`);
      throw e;
    }
    const sheets = addPlatformSheets([], file.name, readPlatformBytes(file.name, bytes, this.platformContext()), "平台数据文件中有");
    const sameSheet = (a: PlatformData, b: PlatformData) => a.catalog.kind === b.catalog.kind && a.catalog.year === b.catalog.year;
    const kept = this.platforms
      .filter((p) => p.file !== file.name)
      .map((p) => ({ ...p, sheets: p.sheets.filter((x) => !sheets.some((y) => sameSheet(x, y))) }))
      .filter((p) => p.sheets.length);
    this.platforms = [...kept, { file: file.name, sheets }];
    this.platformBytes.set(file.name, bytes);
    this.changed();
    return { file: file.name, sheets };
  }

  clearPlatform(): void {
    this.platforms = [];
    this.platformBytes.clear();
    this.changed();
  }

  /** Each 平台数据 file's bytes, kept to read its sheets again when the member list changes. */
  private readonly platformBytes = new Map<string, Uint8Array>();

  private platformContext() {
    return { year: () => this.year, catalog: getCatalog, members: (year: number, kind: UnitKind) => (year === this.year ? this.expected() : expectedUnits(year))[kind] };
  }

  /** The 平台数据 sheets held (`--platform`); undefined when none. */
  platformOption(): PlatformData[] | undefined {
    const all = this.platforms.flatMap((p) => p.sheets);
    return all.length ? all : undefined;
  }

  private options(weight?: number): FilesSummaryOptions {
    const skipped = this.held.filter((h) => h.skip).map((h) => ({ source: h.file.name, ...h.skip! }));
    return { year: this.year, weight, expected: this.expected(), records: this.recordsOption(), skipped, platform: this.platformOption() };
  }

  /** The files read, reviewed and placed by the identity rules: reviewFiles of the command line. */
  async review(opts = this.options(), sources?: (h: Held) => boolean): Promise<FilesReview> {
    const key = `${this.version}|${this.held.filter((h) => h.read).length}|${sources ? "some" : "all"}`;
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
          // A worker's reading is held on its tape and decoded for each review (not kept as objects: see readCodec.ts).
          return h.read instanceof Taped ? h.read.decode() : h.read;
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
    const start = performance.now();
    const r = await this.review(opts);
    const { data } = summaryOfReview(r, opts);
    measure("工作台：检查与计分", start);
    // The files are read: the next step writes one (核定表, 汇总). ExcelJS's chunk (about 1 MB) is fetched and
    // compiled now, while the clerk reads the list, not after the click (it took 0.6–1 s of the 汇总's time).
    void writers().catch(() => undefined);
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

  /**
   * `review 返回/ --out 核定表.xlsx [--records …] [--platform …] [--departments …]`. Made after a filled 核定表
   * was brought back, it is that 核定表 made anew (the command line's `review --out` over it): what the 考核组
   * typed stays on its rows while the unit's figures are the same, and goes to 未匹配的核定 otherwise, so the
   * new table carries every earlier decision (the last 核定表 brought back is the one carried). Its rows that
   * could not be carried (a formula, a decision without its key) stop the making, as the command line refuses.
   */
  async reviewSheet(): Promise<{ download: Download; data: ReviewSheetData; kept: number; text: string }> {
    const carried = [...this.records].reverse().find((r) => r.sheet);
    if (carried?.sheet?.problems.length) {
      throw new Error(`带回的核定表“${carried.file}”中有填写的核定无法带到新表，为免丢失未生成：${carried.sheet.problems.join("；")}。请改正后再带回`);
    }
    const opts = this.options();
    const { units, unreadable } = await this.review(opts);
    const data = reviewSheetData(units, { year: this.year, expected: opts.expected, generatedAt: auditTime(), previous: carried?.sheet?.entries, platform: !!opts.platform });
    for (const u of unreadable) data.notes.push(`文件“${u.source}”未读取：${u.message}`);
    const kept = data.rows.filter((r) => r.decision).length;
    const { sheetDocsBytes } = await writers();
    const bytes = await sheetDocsBytes([buildReviewSheet(data)]);
    return { download: { name: `核定表-${this.year}.xlsx`, bytes, type: XLSX }, data, kept, text: reviewText(data, kept) };
  }

  /**
   * 平台比对 (`platform 平台数据.xlsx --check 返回/`): each returned unit's clauses that have platform figures,
   * decided on them by the same engine; the rows that differ, with the proposal and its ready reason.
   */
  async crossCheck(): Promise<{ lines: string[]; rows: number; checked: number; noFigures: string[]; notReturned: string[] }> {
    const platform = this.platformOption();
    if (!platform) return { lines: [], rows: 0, checked: 0, noFigures: [], notReturned: [] };
    const opts = this.options();
    const { reviews } = summaryOfReview(await this.review(opts), opts);
    const x = crossCheck(reviews, platform);
    return { lines: crossCheckLines(x), rows: x.rows.length, checked: x.checked.length, noFigures: x.noFigures, notReturned: x.notReturned };
  }

  /** `platform --kind K --out 平台数据.xlsx`. */
  async platformSheet(kind: UnitKind): Promise<Download> {
    const layout = buildPlatformLayout(getCatalog(this.year, kind), this.expected()[kind]);
    const { sheetDocsBytes } = await writers();
    return { name: `平台数据-${this.year}-${UNIT_KIND_LABEL[kind]}.xlsx`, bytes: await sheetDocsBytes([layout.doc]), type: XLSX };
  }

  /** `summary 返回/ --out 汇总.xlsx [--records …] [--weight N]`: the 汇总 and the report-only file beside it. */
  async summary(weight: number): Promise<{ data: SummaryData; full: Download; report: Download }> {
    const opts = this.options(weight);
    const { data } = summaryOfReview(await this.review(opts), opts);
    let start = performance.now();
    const { summaryFile, reportOnlyFile } = await writers();
    measure("工作台：加载写出程序", start);
    const name = `汇总-${this.year}`;
    start = performance.now();
    const full = await summaryFile(data);
    const report = await reportOnlyFile(data);
    measure("工作台：写出汇总", start);
    return { data, full: { name: `${name}.xlsx`, bytes: full, type: XLSX }, report: { name: `${name}${REPORT_ONLY_SUFFIX}.xlsx`, bytes: report, type: XLSX } };
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
