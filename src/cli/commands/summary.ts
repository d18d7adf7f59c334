// npm run cli -- summary FILES…|DIR --out 汇总.xlsx [--records 办公室工作簿.xlsx] [--json] [--weight N] [--year Y] [--departments 名单.txt]
// Re-scores every returned workbook from its inputs and writes (or updates) the 汇总 workbook. 核定 comes
// only from --records (the 核定记录 of the office's workbook), never from the units' files. Exit 0: no 错误;
// 1: the 汇总 lists 错误 to resolve; 2: unusable arguments (nothing written).
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { checkWeight, DEFAULT_WEIGHT, expectedUnits, parseUnitList, spelledOut, UNIT_KIND_LABEL, weightRule } from "../../core/index";
import { returnsEntry, type EntryKind } from "../../core/fileNames";
import { beijingTime, formatPoints } from "../../core/format";
import type { SummaryData } from "../../review/summary";
import { fileReason } from "../../review/types";
import { isTemplateSheet } from "../../review/unit";
import { FileWriteError, writeFileAtomic } from "../../xlsx/atomicWrite";
import { sameFile } from "../../xlsx/paths";
import { readAuditFile } from "../../xlsx/readAuditFile";
import { latestRecords } from "../../review/verification";
import type { RecordItem } from "../../review/decisions";
import { LIMIT_MESSAGE, readWorkbookData, sheetNamesOf, WorkbookReadError } from "../../read/index";
import type { PlatformData } from "../../review/platform";
import { addPlatformSheets, PlatformFileError, readPlatformBytes } from "../../xlsx/platformBytes";
import { readFileBounded } from "../../xlsx/readWorkbookFile";
import { checkWholeWorkbook } from "../../read/whole";
import { summarizeFiles } from "../../xlsx/summarizeFiles";
import { reportOnlyFile, summaryFile, SummarySheetError } from "../../xlsx/writeSummary";
import { REPORT_ONLY_SUFFIX, SUMMARY_SHEET } from "../../review/summaryGrid";
import { CliError, flag, optionList, optionString, type Command, type ParsedArgs } from "../args";
import { catalogFiles, runCatalog, runYear } from "./catalog";

/** --departments 名单.txt: this run's 市直部门 list (one name a line, core's parseUnitList); none given: the year's. */
/** The 市直部门 list of --departments FILE, read as the list files are (src/core/units.ts); undefined without the option. */
export function departmentsFile(file: string | undefined): string[] | undefined {
  if (!file) return undefined;
  try {
    return parseUnitList(readFileSync(file, "utf8"));
  } catch {
    throw new CliError(`无法读取市直部门名单“${file}”`);
  }
}

/** What the file system says an entry is: a link is what it points at. */
function entryKind(path: string): EntryKind {
  try {
    const s = statSync(path);
    return s.isFile() ? "file" : s.isDirectory() ? "directory" : "special";
  } catch {
    return "broken";
  }
}

/**
 * Positionals: files, or directories whose .xlsx files are taken (not their subfolders). A path that does not
 * exist, or an explicit file that is the output itself (also through a link), is a usage error. Nothing in
 * a directory is skipped in silence: every entry not read is returned with its reason (core's returnsEntry),
 * the output file (the previous 汇总) included.
 */
export function inputFiles(positionals: string[], out?: string): { files: string[]; skipped: { source: string; reason: string; severity: "错误" | "提示" }[] } {
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) throw new CliError(`找不到${missing.map((p) => `“${spelledOut(p)}”`).join("、")}：请检查路径是否写对（可给出返回的考核表文件或所在目录）`);
  const files: string[] = [];
  const skipped: { source: string; reason: string; severity: "错误" | "提示" }[] = [];
  // An --out that does not exist yet is none of the existing entries: not compared with each (two stats and two realpaths a file).
  const outExists = out !== undefined && entryKind(out) !== "broken";
  for (const p of positionals) {
    if (statSync(p).isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch {
        throw new CliError(`无法读取目录“${spelledOut(p)}”：没有权限或目录已损坏，请检查后重试`);
      }
      for (const f of names) {
        const path = join(p, f);
        const skip = returnsEntry(f, entryKind(path));
        if (skip) skipped.push({ source: f, ...skip });
        else if (out && outExists && sameFile(path, out)) skipped.push({ source: f, severity: "提示", reason: "是本次汇总的输出文件（上一次的汇总），不作为返回的考核表读取" });
        else files.push(path);
      }
    } else {
      if (out && sameFile(p, out)) throw new CliError(`--out “${spelledOut(out)}”就是输入的考核表“${spelledOut(p)}”：汇总会写进单位的文件。请给汇总另起一个文件名（如 汇总.xlsx）`);
      files.push(p);
    }
  }
  return { files, skipped };
}

/** --out must be a file we may create or replace: not a folder, in an existing writable folder, not a unit's file. */
/** The existing --out file refused for its size or content, in the reader's words (undefined for any other failure). */
function tooBig(out: string, e: unknown): CliError | undefined {
  if (!(e instanceof WorkbookReadError && e.message.startsWith(LIMIT_MESSAGE))) return undefined;
  return new CliError(`${fileReason(out, e.message, "已有的文件")}；为免覆盖未写入，请换一个文件名`);
}

async function checkOut(out: string): Promise<Buffer | undefined> {
  if (existsSync(out) && statSync(out).isDirectory()) throw new CliError(`--out “${out}”是一个文件夹，请给出汇总文件名，例如 --out ${join(out, "汇总.xlsx")}`);
  const dir = dirname(resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--out “${out}”所在的文件夹“${dir}”不存在，请先建立文件夹或换一个位置`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new CliError(`无法在文件夹“${dir}”中写入汇总：没有写入权限，请换一个可写的位置`);
  }
  if (!existsSync(out)) return undefined;
  let existing: Buffer;
  try {
    existing = readFileBounded(out);
  } catch (e) {
    throw tooBig(out, e) ?? new CliError(`已有的文件“${out}”无法读取（没有权限或正被其他程序占用），为免覆盖未写入；请关闭它或换一个文件名`);
  }
  let read;
  try {
    // It is loaded whole to be updated (ExcelJS inflates every part): bounded first, like a returned file.
    checkWholeWorkbook(existing);
    read = await readWorkbookData(existing);
  } catch (e) {
    throw tooBig(out, e) ?? new CliError(`已有的文件“${out}”不是可读取的汇总工作簿，为免覆盖未写入；请换一个文件名，或确认后先移走该文件`);
  }
  if (read.sheets.some(isTemplateSheet)) {
    throw new CliError(`--out “${out}”是单位的考核表（含考核模板工作表），不能把汇总写进去；请给汇总另起一个文件名（如 汇总.xlsx）`);
  }
  return existing;
}

/** What the --records files hold, together: later files win for a clause (a 核定表 given after the 核定记录 overrides it). */
export interface RecordsFiles {
  file: string;
  files: string[];
  records: ReturnType<typeof latestRecords<RecordItem>>;
  problems: string[];
  /** One line per file for the output: what it is and how many entries or decisions it holds. */
  lines: string[];
}

/** --records FILE (repeatable): 核定记录 workbooks or filled 核定表, read with the same bounds and refusals. */
export async function recordsFiles(paths: readonly string[], out?: string): Promise<RecordsFiles | undefined> {
  if (!paths.length) return undefined;
  const items: RecordItem[] = [];
  const problems: string[] = [];
  const lines: string[] = [];
  for (const path of paths) {
    if (out && sameFile(path, out)) throw new CliError(`--records 与 --out 是同一个文件“${out}”：核定记录文件只读取，请给输出另起一个文件名`);
    try {
      const f = await readAuditFile(path);
      items.push(...f.items);
      problems.push(...f.problems);
      lines.push(`“${basename(path)}”的${f.kind}（${f.entries} 条${f.kind === "核定表" ? "核定" : ""}${f.problems.length ? `，${f.problems.length} 行未采用` : ""}）`);
    } catch (e) {
      if (e instanceof WorkbookReadError) throw new CliError(`无法使用核定记录文件“${path}”：${e.message.replace(/^中/, "其中")}`);
      throw e;
    }
  }
  return { file: paths[0], files: [...paths], records: latestRecords(items), problems, lines };
}

/** Every 平台数据 sheet of a workbook, read back (src/xlsx/platformBytes.ts, as the workbench page reads one). */
export function readPlatformFile(file: string, args: ParsedArgs): PlatformData[] {
  let bytes: Buffer;
  try {
    bytes = readFileBounded(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CliError(fileReason(file, e.message));
    throw e;
  }
  const drafts = catalogFiles(args);
  try {
    return readPlatformBytes(file, bytes, {
      year: () => runYear(args, drafts),
      catalog: (year, kind) => runCatalog(year, kind, drafts),
      members: (year, kind) => expectedUnits(year, departmentsFile(optionString(args, "departments")))[kind],
    });
  } catch (e) {
    if (e instanceof PlatformFileError) throw new CliError(e.message);
    throw e;
  }
}

/**
 * --platform 平台数据.xlsx (repeatable: one file per kind, or one with both sheets) of `review`, `summary` and
 * `feedback`: the office's platform figures, read as `platform` reads them. Undefined without the option. Two
 * sheets for the same year and kind are refused (which one the 核定 was made on could not be told).
 */
export function platformOption(args: ParsedArgs, out?: string): PlatformData[] | undefined {
  const paths = optionList(args, "platform");
  if (!paths.length) return undefined;
  let all: PlatformData[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new CliError(`找不到平台数据文件“${path}”：请检查路径是否写对`);
    if (out && sameFile(path, out)) throw new CliError(`--platform 与 --out 是同一个文件“${out}”：平台数据只读取，请给输出另起一个文件名`);
    try {
      all = addPlatformSheets(all, path, readPlatformFile(path, args));
    } catch (e) {
      if (e instanceof PlatformFileError) throw new CliError(e.message);
      throw e;
    }
  }
  return all;
}

/** One line per 平台数据 sheet for the command's output: which figures the run used. */
export function platformLines(all: readonly PlatformData[]): string[] {
  return all.map((d) => {
    const withFigures = [...d.figures.values()].filter((f) => Object.keys(f.values).length).length;
    const unused = d.problems.filter((p) => p.severity === "错误").length;
    return `平台数据：工作表“${d.sheet}”（${d.catalog.year} 年度${UNIT_KIND_LABEL[d.catalog.kind]}），${withFigures} 个单位有调阅数据${unused ? `，${unused} 个数据或单位名称未采用（npm run cli -- platform 文件名 查看）` : ""}`;
  });
}

/** 汇总.xlsx → 汇总-报送.xlsx: the report alone, written beside the 汇总 on every run. */
export function reportOnlyPath(out: string): string {
  const m = /\.xlsx$/i.exec(out);
  return m ? `${out.slice(0, m.index)}${REPORT_ONLY_SUFFIX}${m[0]}` : `${out}${REPORT_ONLY_SUFFIX}.xlsx`;
}

/** The report-only file is ours and re-made each run; a file of that name holding anything else is never replaced. */
function checkReportOnly(path: string): void {
  if (!existsSync(path)) return;
  let sheets: string[] = [];
  try {
    sheets = statSync(path).isDirectory() ? [] : sheetNamesOf(readFileBounded(path));
  } catch {
    sheets = [];
  }
  if (sheets.length !== 1 || sheets[0] !== SUMMARY_SHEET) {
    throw new CliError(`报送用汇总表“${path}”已存在，但不是本程序写的（应只含“${SUMMARY_SHEET}”工作表），为免覆盖未写入；请移走该文件或给 --out 另起一个文件名`);
  }
}

export function summaryText(d: SummaryData): string {
  const out: string[] = [`${d.year} 年度“信用鹤岗”考核汇总`, `汇总时间：${beijingTime(d.generatedAt)}　计分规则：${d.ruleVersion}`, `按比例计入：${weightRule(d.weight)}`];
  for (const t of [d.tables.county, d.tables.department]) {
    out.push("", `${UNIT_KIND_LABEL[t.kind]}：已返回 ${t.returned}/${t.expected}`);
    for (const r of t.rows) {
      const score = r.score === undefined ? "—" : `${formatPoints(r.score)}${r.provisional ? "（暂）" : ""}`;
      out.push(`  ${String(r.rank ?? "—").padStart(3)}  ${r.unit}  得分 ${score}  扣 ${r.totalDeduction === undefined ? "—" : formatPoints(r.totalDeduction)}  ${r.status}${r.openProblems ? `（${r.openProblems} 个问题）` : ""}`);
    }
  }
  const apart = d.apart ?? [];
  if (apart.length) {
    out.push("", `未认定的表格（不参加排名）${apart.length} 份：`);
    for (const a of apart) out.push(`  ${a.source ? `文件“${a.source}”` : ""}工作表“${a.sheet}”：${a.reason}`);
  }
  if (d.notes?.length) {
    out.push("", "说明：");
    for (const n of d.notes) out.push(`  ${n}`);
  }
  if (d.problems.length) {
    out.push("", `问题 ${d.problems.length} 项：`);
    for (const p of d.problems) out.push(`  [${p.severity}] ${p.message}`);
  }
  return out.join("\n") + "\n";
}

export const summaryCommand: Command = {
  summary: "汇总各单位返回的考核表：重新计分、排名、核定、问题清单，写入汇总 xlsx",
  usage: "summary 文件或目录… --out 汇总.xlsx [--records 办公室工作簿.xlsx 或 核定表.xlsx（可重复）] [--platform 平台数据.xlsx（核定表中有“按平台数据”时）] [--json] [--weight 分值，默认 100] [--year 2022] [--departments 名单.txt] [--catalog 指标目录.json]",
  async run(args) {
    const out = optionString(args, "out");
    const json = flag(args, "json");
    if (!out && !json) throw new CliError("请用 --out 指定汇总文件，例如：--out 汇总.xlsx（或用 --json 只输出结果）");
    if (!args.positionals.length) throw new CliError("请给出返回的考核表文件（或所在目录），例如：npm run cli -- summary 返回/ --out 汇总.xlsx");
    let weight: number;
    try {
      weight = checkWeight(optionString(args, "weight") ?? DEFAULT_WEIGHT);
    } catch (e) {
      throw new CliError(`--weight ${(e as Error).message}`);
    }
    const drafts = catalogFiles(args);
    const year = runYear(args, drafts);
    const expected = expectedUnits(year, departmentsFile(optionString(args, "departments")));
    const { files, skipped } = inputFiles(args.positionals, out);
    if (!files.length) throw new CliError(`在${args.positionals.map((p) => `“${p}”`).join("、")}中没有找到 .xlsx 文件，请给出返回的考核表文件或所在目录`);
    const records = await recordsFiles(optionList(args, "records"), out);
    const platform = platformOption(args, out);
    const existing = out ? await checkOut(out) : undefined;
    const { data } = await summarizeFiles(files, { year, weight, expected, catalogs: drafts, records, skipped, platform });
    if (out) {
      let bytes: Uint8Array;
      try {
        bytes = await summaryFile(data, existing);
      } catch (e) {
        if (e instanceof SummarySheetError) throw new CliError(`汇总文件“${out}”：${e.message}`);
        throw new CliError(`已有的汇总文件“${out}”无法更新（文件可能已损坏），为免覆盖未写入；请换一个文件名`);
      }
      const report = reportOnlyPath(out);
      checkReportOnly(report);
      try {
        // Through a temporary file and a rename: a failure or a kill leaves the previous 汇总 as it was.
        await writeFileAtomic(out, Buffer.from(bytes));
        await writeFileAtomic(report, Buffer.from(await reportOnlyFile(data)));
      } catch (e) {
        if (e instanceof FileWriteError) throw new CliError(e.message);
        throw e;
      }
    }
    const recordsLine = (records ? `核定依据：${records.lines.join("；")}\n` : "") + (platform ? platformLines(platform).map((l) => `${l}\n`).join("") : "");
    const written = out ? `\n已写入 ${out}\n报送用（只含汇总表，不含工作记录）：${reportOnlyPath(out)}\n` : "";
    process.stdout.write(json ? JSON.stringify(data, null, 2) + "\n" : recordsLine + summaryText(data) + written);
    // Like check: 1 when the 汇总 lists any 错误 the office must resolve.
    return data.problems.some((p) => p.severity === "错误") ? 1 : 0;
  },
};
