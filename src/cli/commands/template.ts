// npm run cli -- template --kind county|department [--units 兴山区,萝北县] [--variant portable] [--year 2022] --out DIR
// Writes one template workbook per unit.
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { canonicalName, readFilled, UNIT_KIND_LABEL, unitsOf, visibleName, type Catalog, type Filled, type UnitKind } from "../../core/index";
import { regenerate } from "../../layout/regenerate";
import { templateFileName } from "../../core/fileNames";
import { buildTemplateLayout } from "../../layout/template";
import type { TemplateLayout, Variant } from "../../layout/template/types";
import { isTemplateSheet } from "../../review/unit";
import { FileWriteError, writeErrorReason } from "../../xlsx/atomicWrite";
import { WorkbookReadError } from "../../read/index";
import { readWorkbookFile } from "../../xlsx/readWorkbookFile";
import { placementFor } from "../../layout/placement";
import { writeTemplateFile } from "../../xlsx/writeFiles";
import { CliError, flag, optionString, type Command } from "../args";
import { catalogFiles, draftNote, kindOption, pickDraft, runCatalog, runYear } from "./catalog";

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
    throw new CliError(`无法写入输出目录“${raw}”：${writeErrorReason((e as NodeJS.ErrnoException).code)}`);
  }
  return dir;
}

/** An existing template file's template sheet, parsed for `catalog`, or the Chinese reason it cannot be regenerated. */
async function filledOf(file: string, catalog: Catalog): Promise<Filled | string> {
  let read;
  try {
    // The names held to the layout's cells: what is kept is what the unit sees in the prescribed cells.
    read = await readWorkbookFile(file, { placement: placementFor([catalog]) });
  } catch (e) {
    if (e instanceof WorkbookReadError) return e.message;
    throw e;
  }
  const sheets = read.sheets.filter(isTemplateSheet);
  if (sheets.length !== 1) return sheets.length ? `含有 ${sheets.length} 个考核表工作表` : "不是本加载项生成的考核模板（没有 CR_ 定义名称）";
  return readFilled(sheets[0], [catalog]);
}

export const templateCommand: Command = {
  summary: "按考核指标为每个单位生成填报模板（xlsx）；已有的文件不覆盖（--update 按新版式重新生成并保留已填内容）",
  usage: "template --kind county|department [--units 兴山区,萝北县] [--variant portable] [--no-ledger] [--update] [--catalog 指标目录.json] --out 目录",
  async run(args) {
    const drafts = catalogFiles(args);
    const kind = drafts.length ? pickDraft(drafts, kindOption(args, false)).kind : kindOption(args)!;
    const year = runYear(args, drafts);
    const catalog = runCatalog(year, kind, drafts);
    const v = optionString(args, "variant") ?? "addin";
    if (v !== "addin" && v !== "portable") throw new CliError(`--variant 应为 addin（使用加载项函数）或 portable（通用公式），收到“${v}”`);
    const update = flag(args, "update");
    // The 双公示台账 beside each template (src/layout/ledger.ts): by default; --no-ledger for the short form (the
    // two counts then plain inputs). An updated file that has one keeps it (its records are the unit's).
    if (flag(args, "ledger") && flag(args, "no-ledger")) throw new CliError("--ledger 与 --no-ledger 只能选一个（默认附带双公示台账）");
    if (args.options.has("ledger") && !flag(args, "ledger")) throw new CliError("--ledger 不需要值（默认已附带双公示台账；不要台账请用 --no-ledger）");
    if (args.options.has("no-ledger") && !flag(args, "no-ledger")) throw new CliError("--no-ledger 不需要值");
    const ledger = !flag(args, "no-ledger");
    const units = unitsOption(optionString(args, "units"), kind, year);
    const dir = outDirOption(optionString(args, "out"));
    const note = v === "addin" ? draftNote(catalog) : undefined;
    if (note) process.stderr.write(`${note}\n`);
    // Everything is decided before the first write: an existing file is never overwritten, and with
    // --update every typed value must find its place in the new layout, or nothing at all is written.
    const plan: { unit: string; file: string; layout: TemplateLayout; update: boolean; dropped: string[]; refusedNa?: string[] }[] = [];
    const existing: string[] = [];
    const refused: string[] = [];
    for (const unit of units) {
      const file = join(dir, templateFileName(unit, year, kind));
      if (!existsSync(file)) {
        plan.push({ unit, file, layout: buildTemplateLayout(catalog, { name: unit }, { variant: v as Variant, ledger }), update: false, dropped: [] });
        continue;
      }
      existing.push(file);
      if (!update) continue;
      if (statSync(file).isDirectory()) {
        refused.push(`“${file}”是文件夹`);
        continue;
      }
      const filled = await filledOf(file, catalog);
      if (typeof filled === "string") {
        refused.push(`“${file}”${filled}`);
        continue;
      }
      const typedUnit = filled.unitName;
      if (canonicalName(typedUnit) !== canonicalName(unit)) {
        refused.push(`“${file}”中的单位名称为 ${typedUnit ? `“${visibleName(typedUnit)}”` : "空"}，与“${unit}”不一致`);
        continue;
      }
      const r = regenerate(filled, catalog, { variant: v as Variant, unit, ledger: ledger || filled.cells.ledger !== undefined });
      if (!r.ok) refused.push(`“${file}”：${r.reason}`);
      else plan.push({ unit, file, layout: r.layout!, update: true, dropped: r.droppedVerification, refusedNa: r.refusedNotApplicable });
    }
    if (existing.length && !update) {
      throw new CliError(
        `以下模板文件已存在，为免覆盖单位已填写的内容，未生成任何文件：\n  ${existing.join("\n  ")}\n` +
          `请换一个输出目录；或加 --update 按新版式重新生成这些文件（保留其中已填写的内容）。`,
      );
    }
    if (refused.length) throw new CliError(`以下文件无法重新生成，未写入任何文件：\n  ${refused.join("\n  ")}`);
    for (const p of plan) {
      try {
        // A new file is created only if still absent; an updated one replaces the old through a rename.
        await writeTemplateFile(p.layout, p.file, { exclusive: !p.update });
      } catch (e) {
        if (e instanceof FileWriteError) throw new CliError(e.message);
        throw e;
      }
      process.stdout.write(`${p.update ? "已重新生成（保留已填内容）" : "已生成"} ${p.file}\n`);
      if (p.dropped.length) process.stdout.write(`  其中的核定栏（${p.dropped.join("、")}）由考核组在核定记录中填写，未保留\n`);
      if (p.refusedNa?.length) process.stdout.write(`  其中指标 ${p.refusedNa.join("、")} 选择的“不涉及”不适用（各单位都须完成），已按“涉及”重新生成\n`);
    }
    process.stdout.write(`共 ${plan.length} 个模板。\n`);
    return 0;
  },
};
