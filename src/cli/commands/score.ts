import { readFileSync } from "node:fs";
import { clauseNumber, indexOf, isUnitKind, notApplicableRefused, score, workingYear, type Answers, type Catalog, type ScoreResult, type UnitKind } from "../../core/index";
import { formatPoints } from "../../core/format";
import { CliError, flag, type Command } from "../args";
import { catalogFiles, kindOption, runCatalog, yearOption } from "./catalog";

/** An answers file: see examples/answers-county.json. */
export interface AnswersFile {
  year?: number;
  kind?: UnitKind;
  unit?: string;
  notApplicable?: string[];
  values: Record<string, unknown>;
}

/** Reads and checks an answers file; every problem is a Chinese CliError naming what is wrong. */
export function readAnswersFile(path: string, kindFromArgs: UnitKind | undefined, yearFromArgs: number | undefined, drafts: readonly Catalog[] = []) {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CliError(`无法读取答案文件“${path}”：文件不存在或无权限`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    // Node's parser names a character position; the user needs a line number, in Chinese.
    const pos = /position (\d+)/.exec((e as Error).message)?.[1];
    const line = pos === undefined ? undefined : text.slice(0, Number(pos)).split("\n").length;
    throw new CliError(`答案文件“${path}”不是有效的 JSON${line ? `（第 ${line} 行附近有语法错误）` : ""}：请用文本编辑器检查引号、逗号和括号，格式见 examples/answers-county.json`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new CliError(`答案文件“${path}”应为一个 JSON 对象，含 "values"`);
  const file = data as Partial<AnswersFile>;
  if (file.kind !== undefined && !isUnitKind(file.kind)) throw new CliError(`答案文件的 "kind" 应为 county 或 department，收到 ${JSON.stringify(file.kind)}`);
  if (kindFromArgs && file.kind && kindFromArgs !== file.kind) throw new CliError(`--kind ${kindFromArgs} 与答案文件中的 "kind": "${file.kind}" 不一致`);
  const kind = kindFromArgs ?? file.kind ?? (drafts.length === 1 ? drafts[0].kind : undefined);
  if (!kind) throw new CliError("请用 --kind 指定单位类别，或在答案文件中写 \"kind\"");
  if (file.year !== undefined && (typeof file.year !== "number" || !Number.isInteger(file.year))) throw new CliError(`答案文件的 "year" 应为年份数字，收到 ${JSON.stringify(file.year)}`);
  const draft = drafts.find((c) => c.kind === kind);
  const year = file.year ?? yearFromArgs ?? draft?.year ?? workingYear();
  if (draft && draft.year !== year) throw new CliError(`答案文件的年度 ${year} 与指标目录文件的年度 ${draft.year} 不一致`);
  const catalog = runCatalog(year, kind, drafts);
  const ix = indexOf(catalog);
  if (!file.values || typeof file.values !== "object" || Array.isArray(file.values)) throw new CliError(`答案文件缺少 "values" 对象（以输入项编号为键）`);
  const unknown = Object.keys(file.values).filter((k) => !ix.inputById.has(k));
  if (unknown.length) throw new CliError(`答案文件中有未知的输入项：${unknown.join("、")}（可用 npm run cli -- catalog --kind ${kind} 查看输入项编号）`);
  const na = file.notApplicable ?? [];
  if (!Array.isArray(na) || na.some((x) => typeof x !== "string" || !ix.indicators.has(x))) {
    throw new CliError(`"notApplicable" 应为本目录的指标编号列表（如 "${catalog.categories[0].indicators[0].id}"），收到 ${JSON.stringify(file.notApplicable)}`);
  }
  const refused = na.map((id) => ix.indicators.get(id)!.indicator).filter((i) => !i.notApplicable.allowed);
  if (refused.length) throw new CliError(`"notApplicable" 中的指标不能选择“不涉及”：${refused.map((i) => `${i.id}（${notApplicableRefused(i, kind)}）`).join("；")}`);
  const answers: Answers = { values: file.values, notApplicable: na };
  return { catalog, answers, unit: file.unit };
}

export function scoreText(r: ScoreResult, unit?: string): string {
  const out: string[] = [];
  out.push(`${unit ? `${unit}  ` : ""}${r.year} 年度  得分 ${formatPoints(r.score)}（扣 ${formatPoints(r.totalDeduction)} 分）${r.complete ? "" : "  【未完成：有待填或错误数据，得分为暂计】"}`);
  for (const cat of r.categories) out.push(`  ${cat.title}（${cat.points}分）扣 ${formatPoints(cat.deduction)} 分${cat.complete ? "" : "（未完成）"}`);
  out.push("");
  for (const c of r.clauses) out.push(`  ${clauseNumber(c.clauseId).padEnd(6)} [${c.status}] ${c.explanation}`);
  if (r.problems.length) {
    out.push("", `问题 ${r.problems.length} 项：`);
    for (const p of r.problems) out.push(`  ${clauseNumber(p.clauseId).padEnd(6)} ${p.kind}：${p.message}`);
  }
  return out.join("\n") + "\n";
}

export const scoreCommand: Command = {
  summary: "按答案文件计算扣分与得分",
  usage: "score --kind county|department answers.json [--json] [--catalog 指标目录.json]",
  run(args) {
    const path = args.positionals[0];
    if (!path) throw new CliError("请给出答案文件路径，例如：npm run cli -- score --kind county examples/answers-county.json");
    const { catalog, answers, unit } = readAnswersFile(path, kindOption(args, false), args.options.has("year") ? yearOption(args) : undefined, catalogFiles(args));
    const r = score(catalog, answers);
    process.stdout.write(flag(args, "json") ? JSON.stringify({ unit, ...r }, null, 2) + "\n" : scoreText(r, unit));
    return 0;
  },
};
