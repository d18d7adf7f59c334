// npm run cli -- check FILE [--json] [--year Y]: 提交前检查 — a unit's problems in Chinese before it sends
// the file. Exit 0: no errors; 1: errors to fix; 2: the file cannot be read.
import { existsSync, statSync } from "node:fs";
import { expectedUnits, spelledOut } from "../../core/index";
import { formatPoints } from "../../core/format";
import { basename } from "node:path";
import { identify } from "../../review/identity";
import { isTemplateSheet, reviewUnit } from "../../review/unit";
import { WorkbookReadError } from "../../read/index";
import { readWorkbookFile } from "../../xlsx/readWorkbookFile";
import { placementFor } from "../../layout/placement";
import { CliError, flag, type Command } from "../args";
import { catalogFiles, runYear } from "./catalog";

export const checkCommand: Command = {
  summary: "提交前检查：列出考核表中待填、错误、缺佐证和被改动之处",
  usage: "check 文件.xlsx [--json] [--year 2022] [--catalog 指标目录.json]",
  async run(args) {
    const path = args.positionals[0];
    if (!path) throw new CliError("请给出要检查的考核表，例如：npm run cli -- check 兴山区-2022-县区.xlsx");
    const drafts = catalogFiles(args);
    const year = runYear(args, drafts);
    const shown = spelledOut(path);
    if (!existsSync(path)) throw new CliError(`找不到“${shown}”：请检查路径是否写对`);
    if (statSync(path).isDirectory()) throw new CliError(`“${shown}”是文件夹，请给出一个考核表文件，例如 ${shown.replace(/[\\/]$/, "")}/兴山区-2022-县区.xlsx`);
    let wb;
    try {
      wb = await readWorkbookFile(path, { placement: placementFor(drafts) });
    } catch (e) {
      if (e instanceof WorkbookReadError) throw new CliError(`无法读取“${shown}”：${e.message}`);
      throw e;
    }
    const sheets = wb.sheets.filter(isTemplateSheet);
    if (!sheets.length) throw new CliError(`“${shown}”中没有考核模板工作表（没有 CR_ 定义名称），不是本加载项下发的模板`);
    const expected = expectedUnits(year);
    const reviews = sheets.map((s) => {
      const r = reviewUnit(s, { year, expected, catalogs: drafts });
      // The same identity rule as the 汇总: name, sheet name and file name agree on one member unit.
      // A unit's file speaks for its unit only: the file name is compared on every sheet (as in placeUnits).
      for (const p of identify(r, { expected, source: basename(path) }).problems) r.problems.push(p);
      return r;
    });
    const errors = reviews.reduce((n, r) => n + r.problems.filter((p) => p.severity === "错误").length, 0);
    if (flag(args, "json")) {
      process.stdout.write(JSON.stringify(reviews.map((r) => ({ sheet: r.sheet, unit: r.unit, kind: r.kind, year: r.year, score: r.selfScore, complete: r.self?.complete ?? false, problems: r.problems })), null, 2) + "\n");
    } else {
      const out: string[] = [];
      for (const r of reviews) {
        const n = r.problems.filter((p) => p.severity === "错误").length;
        out.push(`${r.unit}（工作表“${r.sheet}”）${r.selfScore === undefined ? "无法计分" : `自评得分 ${formatPoints(r.selfScore)}${r.self?.complete ? "" : "（暂计）"}`}：${n ? `${n} 个问题须改正` : "未发现须改正的问题"}`);
        for (const p of r.problems) out.push(`  [${p.severity}] ${p.message}`);
      }
      process.stdout.write(out.join("\n") + "\n");
    }
    return errors ? 1 : 0;
  },
};
