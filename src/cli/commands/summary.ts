// npm run cli -- summary FILES…|DIR --out 汇总.xlsx [--json] [--weight N] [--year Y] [--departments 名单.txt]
// Re-scores every returned workbook from its inputs and writes (or updates in place) the 汇总 workbook.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { unitsOf, type UnitKind } from "../../core/index";
import { formatPoints } from "../../core/format";
import { checkWeight, DEFAULT_WEIGHT, type SummaryData } from "../../review/summary";
import { summarizeFiles } from "../../xlsx/summarizeFiles";
import { summaryWorkbook, SummarySheetError } from "../../xlsx/writeSummary";
import { CliError, flag, optionString, type Command } from "../args";
import { catalogFiles, runYear } from "./catalog";
import { defaultUnits, parseUnitListInline } from "./template";

export function expectedUnits(year: number, departmentsFile?: string): Record<UnitKind, readonly string[]> {
  let department: string[];
  if (departmentsFile) {
    try {
      department = parseUnitListInline(readFileSync(departmentsFile, "utf8"));
    } catch {
      throw new CliError(`无法读取市直部门名单“${departmentsFile}”`);
    }
  } else {
    try {
      department = defaultUnits("department", year);
    } catch {
      department = []; // no list: 市直部门 are listed as they return, nobody is reported 未返回
    }
  }
  return { county: [...unitsOf(year).county], department };
}

/** Positionals: files, or directories whose .xlsx files are taken (the output file itself excluded). */
export function inputFiles(positionals: string[], out?: string): string[] {
  const outAbs = out ? resolve(out) : undefined;
  const files: string[] = [];
  for (const p of positionals) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.xlsx$/i.test(f) && !f.startsWith("~$")) files.push(join(p, f));
    } else files.push(p);
  }
  return files.filter((f) => resolve(f) !== outAbs);
}

export function summaryText(d: SummaryData): string {
  const out: string[] = [`${d.year} 年度“信用鹤岗”考核汇总（${d.generatedAt}，${d.ruleVersion}，按比例计入 ×${formatPoints(d.weight)}÷100）`];
  for (const t of [d.tables.county, d.tables.department]) {
    out.push("", `${t.kind === "county" ? "县（区）" : "市直部门"}：已返回 ${t.returned}/${t.expected}`);
    for (const r of t.rows) {
      const score = r.score === undefined ? "—" : `${formatPoints(r.score)}${r.provisional ? "（暂）" : ""}`;
      out.push(`  ${String(r.rank ?? "—").padStart(3)}  ${r.unit}  得分 ${score}  扣 ${r.totalDeduction === undefined ? "—" : formatPoints(r.totalDeduction)}  ${r.status}${r.openProblems ? `（${r.openProblems} 个问题）` : ""}`);
    }
  }
  if (d.problems.length) {
    out.push("", `问题 ${d.problems.length} 项：`);
    for (const p of d.problems) out.push(`  [${p.severity}] ${p.message}`);
  }
  return out.join("\n") + "\n";
}

export const summaryCommand: Command = {
  summary: "汇总各单位返回的考核表：重新计分、排名、核定、问题清单，写入汇总 xlsx",
  usage: "summary 文件或目录… --out 汇总.xlsx [--json] [--weight 分值，默认 100] [--year 2022] [--departments 名单.txt] [--catalog 指标目录.json]",
  async run(args) {
    const out = optionString(args, "out");
    const json = flag(args, "json");
    if (!out && !json) throw new CliError("请用 --out 指定汇总文件，例如：--out 汇总.xlsx（或用 --json 只输出结果）");
    const files = inputFiles(args.positionals, out);
    if (!files.length) throw new CliError("请给出返回的考核表文件（或所在目录），例如：npm run cli -- summary 返回/ --out 汇总.xlsx");
    let weight: number;
    try {
      weight = checkWeight(optionString(args, "weight") ?? DEFAULT_WEIGHT);
    } catch (e) {
      throw new CliError(`--weight ${(e as Error).message}`);
    }
    const drafts = catalogFiles(args);
    const year = runYear(args, drafts);
    const expected = expectedUnits(year, optionString(args, "departments"));
    const { data } = await summarizeFiles(files, { year, weight, expected, catalogs: drafts });
    if (out) {
      const existing = existsSync(out) ? readFileSync(out) : undefined;
      let wb;
      try {
        wb = await summaryWorkbook(data, existing);
      } catch (e) {
        if (e instanceof SummarySheetError) throw new CliError(e.message);
        throw new CliError(`无法打开已有的汇总文件“${out}”：${(e as Error).message}`);
      }
      try {
        await wb.xlsx.writeFile(out);
      } catch (e) {
        throw new CliError(`无法写入“${out}”：${(e as NodeJS.ErrnoException).code === "EBUSY" ? "文件正被 Excel 打开，请先关闭" : (e as Error).message}`);
      }
    }
    process.stdout.write(json ? JSON.stringify(data, null, 2) + "\n" : summaryText(data) + (out ? `\n已写入 ${out}\n` : ""));
    return 0;
  },
};
