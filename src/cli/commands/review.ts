// npm run cli -- review 文件或目录… --out 核定表.xlsx [--records 核定记录或核定表.xlsx…] [--platform 平台数据.xlsx…] [--departments 名单.txt] [--catalog 目录.json] [--year Y]
// Makes (or re-makes) the 核定表: one row per returned unit × clause, for the 考核组 to decide in Excel, WPS or
// LibreOffice without the add-in (src/review/reviewSheet.ts, laid out by reviewSheetGrid.ts). Re-made over an
// existing 核定表, the decisions typed in it stay on their rows by key while the unit's figures are the same,
// and go to its 未匹配 section otherwise: nothing typed is lost. Filled, it is applied by
// `summary … --records 核定表.xlsx`. With --platform (the office's 平台数据, issue 19) each clause shows the platform's
// figures and the deduction they give; where it differs from the self-assessment the row needs attention and
// 按平台数据 records the platform's deduction with the ready reason. Exit 0: written; 1: written, but some files or sheets have no rows
// (listed); 2: unusable arguments, nothing written.
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { expectedUnits } from "../../core/index";
import { readReviewSheet, REVIEW_SHEET, reviewSheetData, reviewText, type ReviewSheetEntry } from "../../review/reviewSheet";
import { buildReviewSheet } from "../../review/reviewSheetGrid";
import { fileReason } from "../../review/types";
import { auditTime } from "../../review/verification";
import { readSheetRows, sheetNamesOf, WorkbookReadError } from "../../read/index";
import { FileWriteError } from "../../xlsx/atomicWrite";
import { readFileBounded } from "../../xlsx/readWorkbookFile";
import { reviewFiles } from "../../xlsx/summarizeFiles";
import { writeSheetDocs } from "../../xlsx/writeFiles";
import { CliError, optionList, optionString, type Command } from "../args";
import { catalogFiles, runYear } from "./catalog";
import { departmentsFile, inputFiles, platformLines, platformOption, recordsFiles } from "./summary";

/**
 * The existing --out, read back so that its typed decisions are kept. Only a 核定表 is replaced (through a
 * temporary file and a rename); anything else, or a 核定表 with rows that could not be carried over (a
 * formula, a decision without its key), is refused before anything is written.
 */
function previousSheet(out: string): ReviewSheetEntry[] | undefined {
  if (existsSync(out) && statSync(out).isDirectory()) throw new CliError(`--out “${out}”是一个文件夹，请给出核定表文件名，例如 --out ${join(out, "核定表.xlsx")}`);
  const dir = dirname(resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--out “${out}”所在的文件夹“${dir}”不存在，请先建立文件夹或换一个位置`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new CliError(`无法在文件夹“${dir}”中写入核定表：没有写入权限，请换一个可写的位置`);
  }
  if (!existsSync(out)) return undefined;
  let sheet;
  try {
    const bytes = readFileBounded(out);
    if (sheetNamesOf(bytes).length !== 1) throw new CliError(`--out “${out}”已存在且不是只含“${REVIEW_SHEET}”的核定表，为免覆盖未写入；请另起一个文件名`);
    sheet = readSheetRows(bytes, REVIEW_SHEET);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${fileReason(out, e instanceof WorkbookReadError ? e.message : "无法读取", "已有的文件")}；为免覆盖未写入，请换一个文件名`);
  }
  if (!sheet) throw new CliError(`--out “${out}”已存在且不是核定表（没有“${REVIEW_SHEET}”工作表），为免覆盖未写入；请另起一个文件名`);
  const read = readReviewSheet(sheet.rows, new Map(sheet.formulas.map((f) => [f.address, f.formula])));
  if (read.foreign) throw new CliError(`--out “${out}”：${read.problems[0]}；为免覆盖未写入，请另起一个文件名`);
  if (read.problems.length) {
    throw new CliError(`已有的核定表“${out}”中有填写的核定无法带到新表，为免丢失未写入：\n${read.problems.map((p) => `  ${p}`).join("\n")}\n请改正后再运行`);
  }
  return read.entries;
}

export const reviewCommand: Command = {
  summary: "生成核定表：每个单位每个条款一行，考核组可在 Excel、WPS 或 LibreOffice 中批量核定，再用 summary --records 采用",
  usage: "review 文件或目录… --out 核定表.xlsx [--records 核定记录或已填核定表.xlsx（可重复）] [--platform 平台数据.xlsx（可重复）] [--year 2022] [--departments 名单.txt] [--catalog 指标目录.json]",
  async run(args) {
    const out = optionString(args, "out");
    if (!out) throw new CliError("请用 --out 指定核定表文件，例如：--out 核定表.xlsx");
    if (!args.positionals.length) throw new CliError("请给出返回的考核表文件（或所在目录），例如：npm run cli -- review 返回/ --out 核定表.xlsx");
    const drafts = catalogFiles(args);
    const year = runYear(args, drafts);
    const expected = expectedUnits(year, departmentsFile(optionString(args, "departments")));
    const files = inputFiles(args.positionals, out).files;
    if (!files.length) throw new CliError(`在${args.positionals.map((p) => `“${p}”`).join("、")}中没有找到 .xlsx 文件，请给出返回的考核表文件或所在目录`);
    const records = await recordsFiles(optionList(args, "records"), out);
    const platform = platformOption(args, out);
    const previous = previousSheet(out);
    const { units, unreadable } = await reviewFiles(files, { year, expected, catalogs: drafts, records, platform });
    const data = reviewSheetData(units, { year, expected, generatedAt: auditTime(), previous, platform: !!platform });
    for (const u of unreadable) data.notes.push(`文件“${u.source}”未读取：${u.message}`);
    const kept = data.rows.filter((r) => r.decision).length;
    try {
      await writeSheetDocs(out, [buildReviewSheet(data)]);
    } catch (e) {
      if (e instanceof FileWriteError) throw new CliError(e.message);
      throw e;
    }
    const head = [...(records ? [`核定依据：${records.lines.join("；")}`] : []), ...(platform ? platformLines(platform) : [])];
    process.stdout.write(head.map((l) => `${l}\n`).join("") + reviewText(data, kept) + `\n已写入 ${out}\n`);
    return data.notes.length ? 1 : 0;
  },
};
