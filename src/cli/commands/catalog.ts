import { getCatalog, isUnitKind, workingYear, type Catalog, type UnitKind } from "../../core/index";
import { formatPoints } from "../../core/format";
import { CliError, flag, optionString, type Command, type ParsedArgs } from "../args";

export function kindOption(args: ParsedArgs, required = true): UnitKind | undefined {
  const kind = optionString(args, "kind");
  if (kind === undefined) {
    if (required) throw new CliError("请用 --kind county（县、区）或 --kind department（市直部门）指定单位类别");
    return undefined;
  }
  if (!isUnitKind(kind)) throw new CliError(`--kind 应为 county（县、区）或 department（市直部门），收到“${kind}”`);
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

/** The catalog as the JSON the issue specifies: {year, kind, total, categories:[…]}. */
export function catalogJson(c: Catalog) {
  return {
    year: c.year,
    kind: c.kind,
    total: c.total,
    categories: c.categories.map((cat) => ({
      id: cat.id,
      title: cat.title,
      points: cat.points,
      indicators: cat.indicators.map((ind) => ({
        id: ind.id,
        title: ind.title,
        points: ind.points,
        clauses: ind.clauses.map((cl) => ({
          id: cl.id,
          text: cl.text,
          deduction: cl.deduction,
          evidence: cl.evidence,
          inputs: cl.inputs,
        })),
      })),
    })),
  };
}

export function catalogText(c: Catalog): string {
  const out = [`${c.title}（${c.source}）  共 ${c.total} 分`];
  for (const cat of c.categories) {
    out.push(`\n${cat.numeral}、${cat.title}（${cat.points}分）  [${cat.id}]`);
    for (const ind of cat.indicators) {
      out.push(`  ${ind.id}  ${ind.title}  ${ind.points}分`);
      for (const cl of ind.clauses) {
        out.push(`    ${cl.id}  扣${formatPoints(cl.deduction)}分  ${cl.text}  （${cl.evidence.join("、")}）`);
        for (const i of cl.inputs) out.push(`        · ${i.id}：${i.label}${i.unit ? `（${i.unit}）` : ""}`);
      }
    }
  }
  return out.join("\n") + "\n";
}

export const catalogCommand: Command = {
  summary: "打印考核指标目录",
  usage: "catalog --kind county|department [--year 2022] [--json]",
  run(args) {
    const c = catalogOrFail(yearOption(args), kindOption(args)!);
    process.stdout.write(flag(args, "json") ? JSON.stringify(catalogJson(c), null, 2) + "\n" : catalogText(c));
    return 0;
  },
};
