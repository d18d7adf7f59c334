// npm run cli -- feedback 返回/… --records 办公室工作簿.xlsx|核定表.xlsx --out 反馈/ [--platform 平台数据.xlsx] [--units 兴山区,萝北县] [--days 10]
//   [--contact 张三] [--phone 0468-1234567] [--office 市信用办] [--date 2022-12-28] [--year 2022] [--departments 名单.txt]
// After 核定: one 结果反馈单 per unit (src/layout/feedback.ts), each its own file in --out, never overwriting one
// that exists. The units' figures are re-scored from their returned files; 核定 comes only from --records (the
// 核定记录 of the office's workbook, or a filled 核定表 — read by `summary --records`'s own recordsFiles, repeatable,
// later files winning for a clause; --platform as for summary, where the 核定表 holds 按平台数据). Exit 0: every file written; 1: a unit's
// file exists already (not overwritten) or a returned file could not be read; 2: unusable arguments.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_FEEDBACK_TERMS, expectedUnits, feedbackDays, feedbackFileName, parseUnitList, recordDate, type FeedbackTerms } from "../../core/index";
import { formatPoints } from "../../core/format";
import { buildFeedback } from "../../layout/feedback";
import { ISSUER } from "../../review/summaryGrid";
import { auditTime } from "../../review/verification";
import { FileWriteError } from "../../xlsx/atomicWrite";
import { summarizeFiles } from "../../xlsx/summarizeFiles";
import { writeSheetDocs } from "../../xlsx/writeFiles";
import { CliError, optionList, optionString, type Command, type ParsedArgs } from "../args";
import { catalogFiles, runYear } from "./catalog";
import { departmentsFile, inputFiles, platformLines, platformOption, recordsFiles } from "./summary";

function termsOf(args: ParsedArgs): FeedbackTerms {
  const days = optionString(args, "days");
  const d = days === undefined ? DEFAULT_FEEDBACK_TERMS.days : feedbackDays(days);
  if (typeof d === "string") throw new CliError(`--days ${d}`);
  return {
    days: d,
    office: optionString(args, "office")?.trim() || DEFAULT_FEEDBACK_TERMS.office,
    contact: optionString(args, "contact")?.trim() ?? DEFAULT_FEEDBACK_TERMS.contact,
    phone: optionString(args, "phone")?.trim() ?? DEFAULT_FEEDBACK_TERMS.phone,
  };
}

/** --out: a folder (made when its parent exists); never a file. */
function outDir(out: string): string {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new CliError(`--out “${out}”是一个文件：反馈单每个单位一个文件，请给出文件夹，例如 --out 反馈/`);
    return out;
  }
  const parent = dirname(resolve(out));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new CliError(`--out “${out}”所在的文件夹“${parent}”不存在，请先建立文件夹或换一个位置`);
  try {
    mkdirSync(out);
  } catch {
    throw new CliError(`无法建立文件夹“${out}”：没有写入权限，请换一个可写的位置`);
  }
  return out;
}

export const feedbackCommand: Command = {
  summary: "核定后为每个单位生成结果反馈单（逐条自评扣分、核定扣分、核定说明，得分，复核办法），每个单位一个文件，已有的不覆盖",
  usage:
    "feedback 文件或目录… --records 办公室工作簿.xlsx 或 已填核定表.xlsx（可重复） --out 反馈/ [--platform 平台数据.xlsx] [--units 兴山区,萝北县] [--days 复核申请期限（工作日），默认 10] [--contact 联系人] [--phone 联系电话] [--office 受理单位，默认 市信用办] [--date 2022-12-28] [--year 2022] [--departments 名单.txt]",
  async run(args) {
    const out = optionString(args, "out");
    if (!out) throw new CliError("请用 --out 指定存放反馈单的文件夹，例如：--out 反馈/");
    if (!args.positionals.length) throw new CliError("请给出单位返回的考核表文件（或所在目录），例如：npm run cli -- feedback 返回/ --records 办公室工作簿.xlsx --out 反馈/");
    const recordsPaths = optionList(args, "records");
    if (!recordsPaths.length) throw new CliError("反馈单在核定之后制作：请用 --records 给出记有核定的文件（在加载项中核定后保存的办公室工作簿，或填好的核定表）");
    for (const p of recordsPaths) if (!existsSync(p)) throw new CliError(`找不到核定记录文件“${p}”：请检查路径是否写对`);
    const terms = termsOf(args);
    const dateText = optionString(args, "date");
    const read = dateText === undefined ? undefined : recordDate(dateText);
    if (read && read.state !== "ok") throw new CliError(`--date 应为日期，如 2022-12-28，收到“${dateText}”`);
    const date = read?.state === "ok" ? read.iso : auditTime().slice(0, 10);
    const drafts = catalogFiles(args);
    const year = runYear(args, drafts);
    const expected = expectedUnits(year, departmentsFile(optionString(args, "departments")));
    const files = inputFiles(args.positionals).files;
    if (!files.length) throw new CliError(`在${args.positionals.map((p) => `“${p}”`).join("、")}中没有找到 .xlsx 文件，请给出返回的考核表文件或所在目录`);
    const records = (await recordsFiles(recordsPaths))!;
    const platform = platformOption(args);
    const unitsOption = optionString(args, "units");
    const only = unitsOption === undefined ? undefined : new Set(parseUnitList(unitsOption.replace(/[,，、]/g, "\n")));
    const dir = outDir(out);
    const { placed, unreadable } = await summarizeFiles(files.filter((f) => !recordsPaths.some((p) => resolve(f) === resolve(p))), { year, expected, catalogs: drafts, records, platform });
    const lines: string[] = [`核定依据：${records.lines.join("；")}`, ...(platform ? platformLines(platform) : [])];
    let refused = 0;
    const done = new Set<string>();
    for (const p of placed) {
      const r = p.review;
      if (p.duplicate || !r.catalog || (only && !only.has(r.unit))) continue;
      done.add(r.unit);
      const file = join(dir, feedbackFileName(r.unit, r.catalog.year));
      const doc = buildFeedback({ unit: { ...r, catalog: r.catalog }, terms, issuer: ISSUER, date });
      const score = r.final ? `${r.fullyVerified ? "核定得分" : "暂定得分"} ${formatPoints(r.final.score)}` : "无法计分";
      const state = r.fullyVerified ? `已核定 ${r.verifiedCount}/${r.clauses.length} 条` : `已核定 ${r.verifiedCount}/${r.clauses.length} 条，其余按自评（暂定）`;
      if (existsSync(file)) {
        refused++;
        lines.push(`  ${r.unit}：未写入，“${file}”已存在（不覆盖；如需重新生成，请先移走旧文件）`);
        continue;
      }
      try {
        await writeSheetDocs(file, [doc], { exclusive: true });
      } catch (e) {
        if (e instanceof FileWriteError) {
          refused++;
          lines.push(`  ${r.unit}：未写入，${e.message}`);
          continue;
        }
        throw e;
      }
      lines.push(`  ${r.unit}：${score}（${state}）→ ${file}`);
    }
    const missing = only ? [...only].filter((u) => !done.has(u)) : [];
    if (missing.length) lines.push(`  --units 中的 ${missing.join("、")} 没有可用的考核表（未返回、单位名称未认定或有两份），未生成`);
    for (const u of unreadable) lines.push(`  文件“${u.source}”未计入：${u.message}`);
    for (const p of records.problems) lines.push(`  [核定记录] ${p}`);
    lines.push(`复核办法：${terms.days} 个工作日内向${terms.office}提出${terms.contact ? `，联系人 ${terms.contact}` : ""}${terms.phone ? `，电话 ${terms.phone}` : ""}（可用 --days、--office、--contact、--phone 设定）`);
    process.stdout.write(lines.join("\n") + "\n");
    return refused || unreadable.length || missing.length ? 1 : 0;
  },
};
