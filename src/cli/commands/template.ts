// npm run cli -- template --kind county|department [--units 兴山区,萝北县] [--variant portable] [--year 2022] --out DIR
// Writes one template workbook per unit.
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UNIT_KIND_LABEL, unitsOf, type UnitKind } from "../../core/index";
import { buildTemplateLayout, templateFileName, type Variant } from "../../layout/template";
import { writeTemplateFile } from "../../xlsx/writeTemplate";
import { CliError, optionString, type Command } from "../args";
import { catalogFiles, draftNote, kindOption, pickDraft, runCatalog, runYear } from "./catalog";

/** A --departments file: one name per line, # starts a comment. */
export function parseUnitListInline(text: string): string[] {
  return [...new Set(text.replace(/^\uFEFF/, "").split(/\r?\n/).map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean))];
}

/** The year's member units of a kind (src/core/years/<year>/). */
export function defaultUnits(kind: UnitKind, year: number): string[] {
  const list = [...unitsOf(year)[kind]];
  if (!list.length) throw new CliError(`${year} 年度没有${UNIT_KIND_LABEL[kind]}名单，请用 --units 指定单位`);
  return list;
}

function unitsOption(raw: string | undefined, kind: UnitKind, year: number): string[] {
  if (raw === undefined) return defaultUnits(kind, year);
  const list = [...new Set(raw.split(/[,，、]/).map((s) => s.trim()).filter(Boolean))];
  if (!list.length) throw new CliError("--units 中没有单位名称，例如：--units 兴山区,萝北县");
  const bad = list.filter((u) => /[\\/:*?"<>|]/.test(u));
  if (bad.length) throw new CliError(`单位名称不能含有 \\ / : * ? " < > | 字符：${bad.join("、")}`);
  return list;
}

function outDirOption(raw: string | undefined): string {
  if (!raw) throw new CliError("请用 --out 指定输出目录，例如：--out 模板");
  const dir = resolve(raw);
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--out “${raw}”不是目录`);
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`无法写入输出目录“${raw}”：${(e as NodeJS.ErrnoException).code === "EACCES" ? "没有写权限" : (e as Error).message}`);
  }
  return dir;
}

export const templateCommand: Command = {
  summary: "按考核指标为每个单位生成填报模板（xlsx）",
  usage: "template --kind county|department [--units 兴山区,萝北县] [--variant portable] [--catalog 指标目录.json] --out 目录",
  async run(args) {
    const drafts = catalogFiles(args);
    const kind = drafts.length ? pickDraft(drafts, kindOption(args, false)).kind : kindOption(args)!;
    const year = runYear(args, drafts);
    const catalog = runCatalog(year, kind, drafts);
    const v = optionString(args, "variant") ?? "addin";
    if (v !== "addin" && v !== "portable") throw new CliError(`--variant 应为 addin（使用加载项函数）或 portable（通用公式），收到“${v}”`);
    const units = unitsOption(optionString(args, "units"), kind, year);
    const dir = outDirOption(optionString(args, "out"));
    const note = v === "addin" ? draftNote(catalog) : undefined;
    if (note) process.stderr.write(`${note}\n`);
    for (const unit of units) {
      const layout = buildTemplateLayout(catalog, { name: unit }, { variant: v as Variant });
      const file = join(dir, templateFileName(unit, year, kind));
      try {
        await writeTemplateFile(layout, file);
      } catch (e) {
        throw new CliError(`无法写入“${file}”：${(e as Error).message}`);
      }
      process.stdout.write(`已生成 ${file}\n`);
    }
    process.stdout.write(`共 ${units.length} 个模板。\n`);
    return 0;
  },
};
