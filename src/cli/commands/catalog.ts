import { readFileSync } from "node:fs";
import { CATALOGS, CatalogError, clauseNumber, catalogData, findCatalog, getCatalog, isUnitKind, loadCatalog, UNIT_KIND_LABEL, workingYear, type Catalog, type UnitKind } from "../../core/index";
import { formatPoints } from "../../core/format";
import { CliError, flag, optionList, optionString, type Command, type ParsedArgs } from "../args";

export function kindOption(args: ParsedArgs, required = true): UnitKind | undefined {
  const kind = optionString(args, "kind");
  if (kind === undefined) {
    if (required) throw new CliError("请用 --kind county（县区）或 --kind department（市直部门）指定单位类别");
    return undefined;
  }
  if (!isUnitKind(kind)) throw new CliError(`--kind 应为 county（县区）或 department（市直部门），收到“${kind}”`);
  return kind;
}

export function yearOption(args: ParsedArgs, fallback = workingYear()): number {
  const y = optionString(args, "year");
  if (y === undefined) return fallback;
  if (!/^\d{4}$/.test(y)) throw new CliError(`--year 应为四位年份，收到“${y}”`);
  return Number(y);
}

export function catalogOrFail(year: number, kind: UnitKind): Catalog {
  try {
    return getCatalog(year, kind);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** The catalog exactly as data: the JSON form that --catalog FILE reads back (schema: src/core/catalog/catalog.schema.json). */
export function catalogJson(c: Catalog): Catalog {
  return catalogData(c);
}

/** Reads and checks a catalog drafted as a JSON file; every problem is a Chinese CliError naming the file. */
export function readCatalogFile(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CliError(`无法读取指标目录文件“${path}”：文件不存在或无权限`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new CliError(`指标目录文件“${path}”不是有效的 JSON：${(e as Error).message}`);
  }
  try {
    return loadCatalog(data, `指标目录文件“${path}”`);
  } catch (e) {
    if (e instanceof CatalogError) throw new CliError(e.message);
    throw e;
  }
}

/** --catalog FILE (may be given once per kind): catalogs for this run, used instead of the registered ones. */
export function catalogFiles(args: ParsedArgs): Catalog[] {
  const list = optionList(args, "catalog").map(readCatalogFile);
  for (let i = 0; i < list.length; i++) {
    const twin = list.findIndex((c, j) => j < i && c.kind === list[i].kind);
    if (twin >= 0) throw new CliError(`--catalog 给出了两个${UNIT_KIND_LABEL[list[i].kind]}指标目录，每类单位只能给一个`);
  }
  return list;
}

/**
 * The year a command works on: --year, else the year of the --catalog files, else the working year (the
 * latest registered year). A --year that differs from a --catalog file's year is an error.
 */
export function runYear(args: ParsedArgs, drafts: readonly Catalog[]): number {
  const years = [...new Set(drafts.map((c) => c.year))];
  if (years.length > 1) throw new CliError(`--catalog 给出的指标目录年度不同（${years.join("、")}），一次只能处理一个年度`);
  const year = yearOption(args, years[0] ?? workingYear());
  if (years.length && years[0] !== year) throw new CliError(`--year ${year} 与指标目录文件的年度 ${years[0]} 不一致`);
  return year;
}

/** The catalog of a kind for this run: the --catalog file of that kind, else the registered one of the year. */
export function runCatalog(year: number, kind: UnitKind, drafts: readonly Catalog[]): Catalog {
  return findCatalog(year, kind, drafts) ?? catalogOrFail(year, kind);
}

/** When a drafted catalog is not registered in the add-in, its CREDIT.* formulas cannot be computed in Excel. */
export function draftNote(c: Catalog): string | undefined {
  if (CATALOGS.includes(c) || findCatalog(c.year, c.kind)) return undefined;
  return `注意：${c.year} 年度${UNIT_KIND_LABEL[c.kind]}指标目录来自文件，尚未登记到加载项（src/core/years/），用加载项函数的模板在 Excel 中会显示 #N/A；发给单位前请先登记并重新构建，或用 --variant portable（通用公式）。`;
}

/** The one --catalog file of the kind asked (--kind), or the only one given. */
export function pickDraft(drafts: readonly Catalog[], kind: UnitKind | undefined): Catalog {
  if (kind) {
    const c = drafts.find((x) => x.kind === kind);
    if (!c) throw new CliError(`--catalog 中没有${UNIT_KIND_LABEL[kind]}（--kind ${kind}）的指标目录`);
    return c;
  }
  if (drafts.length > 1) throw new CliError("给出了两个指标目录文件，请用 --kind 选择其一");
  return drafts[0];
}

export function catalogText(c: Catalog): string {
  const out = [`${c.title}（${c.source}）  共 ${c.total} 分`];
  for (const cat of c.categories) {
    out.push(`\n${cat.numeral}、${cat.title}（${cat.points}分）`);
    for (const ind of cat.indicators) {
      out.push(`  ${clauseNumber(ind.id)}  ${ind.title}  ${ind.points}分  ${ind.notApplicable.allowed ? `可选“不涉及”：${ind.notApplicable.when}` : "不能选“不涉及”"}`);
      for (const cl of ind.clauses) {
        out.push(`    ${clauseNumber(cl.id)}  扣${formatPoints(cl.deduction)}分  ${cl.text}  （${cl.evidence.join("、")}）`);
        for (const i of cl.inputs) out.push(`        · ${i.id}：${i.label}${i.unit ? `（${i.unit}）` : ""}`);
      }
    }
  }
  return out.join("\n") + "\n";
}

export const catalogCommand: Command = {
  summary: "打印考核指标目录",
  usage: "catalog --kind county|department [--year 2022] [--json]；或 catalog --catalog 草稿.json（检查并打印一个指标目录文件）",
  run(args) {
    const drafts = catalogFiles(args);
    const kind = kindOption(args, drafts.length === 0);
    const c = drafts.length ? pickDraft(drafts, kind) : catalogOrFail(yearOption(args), kind!);
    process.stdout.write(flag(args, "json") ? JSON.stringify(catalogJson(c), null, 2) + "\n" : catalogText(c));
    return 0;
  },
};
