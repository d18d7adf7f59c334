// npm run cli -- platform --kind county|department --out 平台数据.xlsx [--year 2022] [--departments 名单.txt] [--catalog 目录.json]
//   makes the 平台数据 sheet (src/layout/platform.ts) for the office to type or paste its platform figures into;
// npm run cli -- platform 平台数据.xlsx [--json] [--departments 名单.txt]
//   reads it back (src/review/platform.ts): each unit's figures, the rows not used and why. Exit 0: nothing
//   to correct; 1: figures or names to correct (listed); 2: unusable arguments, nothing written.
// npm run cli -- platform 平台数据.xlsx --check 返回/ [--json]
//   平台比对 (src/review/crossCheck.ts): every returned unit's figures against the platform's, clause by clause,
//   each difference with the 核定 it proposes (按平台数据) and a ready 核定说明. Exit 1 when a difference or a
//   problem is listed.
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatCount } from "../../core/format";
import { expectedUnits, indexOf, UNIT_KIND_LABEL } from "../../core/index";
import { platformGroups } from "../../core/platform";
import { buildPlatformLayout } from "../../layout/platform";
import { crossCheck, crossCheckLines } from "../../review/crossCheck";
import type { PlatformData } from "../../review/platform";
import { FileWriteError } from "../../xlsx/atomicWrite";
import { sameFile } from "../../xlsx/paths";
import { summarizeFiles } from "../../xlsx/summarizeFiles";
import { writeSheetDocs } from "../../xlsx/writeFiles";
import { CliError, flag, optionList, optionString, type Command, type ParsedArgs } from "../args";
import { catalogFiles, kindOption, pickDraft, runCatalog, runYear } from "./catalog";
import { departmentsFile, inputFiles, readPlatformFile } from "./summary";

/** --out must be a new file: the office's 平台数据 is its record and is never overwritten. */
function checkNewFile(out: string): void {
  if (existsSync(out)) {
    throw new CliError(
      statSync(out).isDirectory()
        ? `--out “${out}”是一个文件夹，请给出文件名，例如 --out 平台数据.xlsx`
        : `--out “${out}”已存在，未写入：其中可能已有调阅的数据。请另起一个文件名，或确认不再需要后先移走该文件`,
    );
  }
  const dir = dirname(resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--out “${out}”所在的文件夹“${dir}”不存在，请先建立文件夹或换一个位置`);
}

async function writeSheet(args: ParsedArgs, out: string): Promise<void> {
  const drafts = catalogFiles(args);
  const kind = drafts.length ? pickDraft(drafts, kindOption(args, false)).kind : kindOption(args)!;
  const year = runYear(args, drafts);
  const catalog = runCatalog(year, kind, drafts);
  const units = expectedUnits(year, departmentsFile(optionString(args, "departments")))[kind];
  if (!units.length) throw new CliError(`${year} 年度没有${UNIT_KIND_LABEL[kind]}名单，请用 --departments 名单.txt 给出市直部门名单（每行一个）`);
  checkNewFile(out);
  const layout = buildPlatformLayout(catalog, units);
  try {
    await writeSheetDocs(out, [layout.doc], { exclusive: true });
  } catch (e) {
    if (e instanceof FileWriteError) throw new CliError(e.message);
    throw e;
  }
  const groups = platformGroups(catalog);
  process.stdout.write(
    `已写入 ${out}：${year} 年度${UNIT_KIND_LABEL[kind]} ${units.length} 个单位，平台调阅数据 ${layout.columns.size} 列（${groups.map((g) => g.title).join("、")}），另有调阅日期、来源。\n` +
      "请把从信用平台调阅的数据填写或粘贴到浅黄色单元格（空白表示未调阅），保存后用 npm run cli -- platform 文件名 检查。\n",
  );
}

function figureText(d: PlatformData, values: Record<string, unknown>): string {
  const ix = indexOf(d.catalog);
  return Object.entries(values)
    .map(([id, v]) => {
      const spec = ix.inputById.get(id)!;
      const shown = typeof v === "boolean" ? (v ? "是" : "否") : spec.type === "percent" ? `${v}%` : spec.type === "count" ? `${formatCount(v as number)} ${spec.unit ?? ""}`.trim() : String(v);
      return `${spec.label} ${shown}`;
    })
    .join("；");
}

export function platformText(file: string, all: PlatformData[]): string {
  const out: string[] = [];
  for (const d of all) {
    out.push(`文件“${file}”工作表“${d.sheet}”（${d.catalog.year} 年度${UNIT_KIND_LABEL[d.catalog.kind]}）：${d.columns.length} 列平台数据，${[...d.figures.values()].filter((f) => Object.keys(f.values).length).length} 个单位有数据`);
    const blank: string[] = [];
    for (const f of d.figures.values()) {
      const n = Object.keys(f.values).length;
      if (!n) {
        blank.push(f.member);
        continue;
      }
      out.push(`  ${f.member}${f.date ? `（调阅 ${f.date}${f.source ? `，${f.source}` : ""}）` : f.source ? `（${f.source}）` : ""}：${n} 项：${figureText(d, f.values)}`);
    }
    if (blank.length) out.push(`  未填数据（未调阅）：${blank.join("、")}`);
    if (d.unknown.length) {
      out.push(`  未采用的单位名称 ${d.unknown.length} 个：`);
      for (const u of d.unknown) out.push(`    ${u.address}：${u.reason}`);
    }
    if (d.problems.length) {
      out.push(`  问题 ${d.problems.length} 项：`);
      for (const p of d.problems) out.push(`    [${p.severity}] ${p.message}`);
    }
  }
  return out.join("\n") + "\n";
}

/** 平台比对: the returned files of `--check` against the platform's figures. */
async function runCrossCheck(args: ParsedArgs, file: string, all: PlatformData[], returned: string): Promise<number> {
  const files = inputFiles(optionList(args, "check")).files.filter((f) => !sameFile(f, file));
  if (!files.length) throw new CliError(`在“${returned}”中没有找到 .xlsx 文件，请给出单位返回的考核表文件或所在目录，例如 --check 返回/`);
  const year = all[0].catalog.year;
  const expected = expectedUnits(year, departmentsFile(optionString(args, "departments")));
  const { reviews, unreadable } = await summarizeFiles(files, { year, expected, catalogs: catalogFiles(args) });
  const x = crossCheck(reviews, all);
  if (flag(args, "json")) {
    process.stdout.write(JSON.stringify({ ...x, unreadable, platformProblems: all.flatMap((d) => d.problems) }, null, 2) + "\n");
  } else {
    const out: string[] = [`平台比对：平台数据“${file}”，单位返回的考核表 ${files.length} 个文件`];
    out.push(`  已比对 ${x.checked.length} 个单位（${x.checked.reduce((n, c) => n + c.clauses, 0)} 条有平台数据的条款），与平台不一致 ${x.rows.length} 条：`);
    if (x.rows.length) out.push(...crossCheckLines(x));
    else if (x.checked.length) out.push("  单位自报数据与平台调阅数据一致。");
    if (x.noFigures.length) out.push(`  平台数据未填（未调阅、未比对）的单位：${x.noFigures.join("、")}`);
    if (x.notReturned.length) out.push(`  有平台数据但没有返回考核表的单位：${x.notReturned.join("、")}`);
    for (const u of unreadable) out.push(`  文件“${u.source}”未比对：${u.message}`);
    const problems = all.flatMap((d) => d.problems.filter((p) => p.severity === "错误"));
    if (problems.length) out.push(`  平台数据表中有 ${problems.length} 个数据或单位名称未采用（npm run cli -- platform ${file} 查看）`);
    if (x.rows.length) out.push("", `批量核定：npm run cli -- review 返回/ --platform ${file} --out 核定表.xlsx 生成核定表，扣分不同的行在“核定”列选“按平台数据”（按平台扣分和上面的核定说明记录）；或在加载项的“平台数据”步骤点“与单位数据比对”逐条核定。`);
    process.stdout.write(out.join("\n") + "\n");
  }
  return x.rows.length || unreadable.length || all.some((d) => d.problems.some((p) => p.severity === "错误")) ? 1 : 0;
}

export const platformCommand: Command = {
  summary: "平台数据：生成考核组填写平台调阅数据的表格（--out），或检查填好的表格",
  usage: "platform --kind county|department --out 平台数据.xlsx [--year 2022] [--departments 名单.txt]；或 platform 平台数据.xlsx [--json]；或 platform 平台数据.xlsx --check 返回/ [--json]（与单位自报数据比对）",
  async run(args) {
    const out = optionString(args, "out");
    if (out !== undefined) {
      if (args.positionals.length) throw new CliError("生成平台数据表时不用给出文件；检查填好的表格时不用 --out：npm run cli -- platform 平台数据.xlsx");
      await writeSheet(args, out);
      return 0;
    }
    if (args.positionals.length !== 1) {
      throw new CliError("请用 --out 指定要生成的平台数据表（如 --kind county --out 平台数据.xlsx），或给出一个填好的平台数据表检查（如 npm run cli -- platform 平台数据.xlsx）");
    }
    const file = args.positionals[0];
    if (!existsSync(file)) throw new CliError(`找不到“${file}”：请检查路径是否写对`);
    const all = readPlatformFile(file, args);
    const returned = optionString(args, "check");
    if (returned !== undefined) return runCrossCheck(args, file, all, returned);
    const data = all.map((d) => ({
      sheet: d.sheet,
      year: d.catalog.year,
      kind: d.catalog.kind,
      columns: d.columns,
      units: Object.fromEntries([...d.figures].map(([m, f]) => [m, { values: f.values, cells: f.cells, date: f.date, source: f.source, rows: f.rows }])),
      unknown: d.unknown,
      problems: d.problems,
    }));
    process.stdout.write(flag(args, "json") ? JSON.stringify(data, null, 2) + "\n" : platformText(file, all));
    return all.some((d) => d.problems.some((p) => p.severity === "错误")) ? 1 : 0;
  },
};
