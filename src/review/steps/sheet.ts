// Step 1 of a review: the sheet's identity fields — unit name, template layout version, year, kind — and
// whether the sheet can be scored at all. Without a catalog for its year and kind, or with a wrong layout
// version, nothing else is read (a sheet of another layout would put answers in the wrong cells).
import { canonicalName, UNIT_KIND_LABEL, type Catalog, type Filled, type UnitKind } from "../../core/index";
import { names, READABLE_LAYOUT_VERSIONS } from "../../core/names";
import { problemAt, show, type ReviewProblem } from "../types";

export interface SheetIdentityOptions {
  /** The assessment year being summarised; a sheet of another year is a problem. Default: the sheet's own. */
  year?: number;
  /** Known member units by kind, to catch a 县区 filling the 市直部门 form and vice versa. */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
}

export interface SheetIdentity {
  /** The catalog the sheet is scored against; undefined when it cannot be scored (see problems). */
  catalog?: Catalog;
  problems: ReviewProblem[];
}

export function checkSheetIdentity(filled: Filled, opts: SheetIdentityOptions = {}): SheetIdentity {
  const sheet = filled.cells.sheet;
  const problems: ReviewProblem[] = [];
  const add = (p: Parameters<typeof problemAt>[1]) => problems.push(problemAt(sheet, p));
  const { unitCell, unitName, layoutCell, yearCell, year, kindCell, kind } = filled;
  // Only what is visible counts: a hidden copy of the template could carry other answers than the sheet the
  // office looks at (README 可信与安全). Blocking: nothing of a hidden sheet is scored.
  const hidden = filled.cells.hidden;
  if (hidden) add({ address: "", severity: "错误", kind: "版式", text: hiddenText(hidden) });
  if (!unitCell) add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.unit}（单位名称），无法确认是哪个单位的表格` });
  else if (!unitName) add({ address: unitCell.address, severity: "错误", kind: "单位", text: "单位名称为空" });

  if (!layoutCell) {
    add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.layoutVersion}（模板版式版本），不是本加载项生成的考核模板或已被改动` });
  } else if (filled.layoutVersion === undefined || !READABLE_LAYOUT_VERSIONS.includes(filled.layoutVersion)) {
    // An earlier version this program still reads (the previous year's sending-out) is read where that version put its names (core/placement.ts).
    const readable = READABLE_LAYOUT_VERSIONS.map((v) => `第 ${v} 版`).join("、");
    add({ address: layoutCell.address, severity: "错误", kind: "版式", text: `模板版式版本为 ${show(layoutCell.value)}，本加载项读取的是${readable}，请使用本年度下发的模板重新填报` });
  }
  if (!yearCell) add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.year}（考核年度）` });
  else if (year === undefined) add({ address: yearCell.address, severity: "错误", kind: "版式", text: `考核年度应为年份，收到 ${show(yearCell.value)}` });
  else if (opts.year !== undefined && year !== opts.year) {
    add({ address: yearCell.address, severity: "错误", kind: "版式", text: `这是 ${year} 年度的表格，本次汇总的是 ${opts.year} 年度，请单位使用 ${opts.year} 年度模板重新填报` });
  }
  if (!kindCell) add({ address: "", severity: "错误", kind: "版式", text: `缺少定义名称 ${names.kind}（单位类别）` });
  else if (!kind) add({ address: kindCell.address, severity: "错误", kind: "版式", text: `单位类别应为“县区”或“市直部门”，收到 ${show(kindCell.value)}` });
  if (kindCell && kind && unitName) {
    // A member of the other kind on this kind's form (its own list does not name it).
    const other: UnitKind = kind === "county" ? "department" : "county";
    const on = (k: UnitKind) => opts.expected?.[k]?.some((m) => canonicalName(m) === canonicalName(unitName)) ?? false;
    if (on(other) && !on(kind)) {
      add({ address: kindCell.address, severity: "错误", kind: "单位", text: `“${unitName}”属于${UNIT_KIND_LABEL[other]}，但表格是${UNIT_KIND_LABEL[kind]}的考核模板，请使用${UNIT_KIND_LABEL[other]}模板` });
    }
  }
  const catalog = filled.catalog;
  if (yearCell && year !== undefined && kind && !catalog) add({ address: yearCell.address, severity: "错误", kind: "版式", text: `没有 ${year} 年度${UNIT_KIND_LABEL[kind]}的考核指标，无法计分` });
  const blocking = problems.some((p) => p.kind === "版式" && p.severity === "错误");
  return { catalog: blocking ? undefined : catalog, problems };
}

/** Why a hidden template sheet is not scored, and what to do. */
export function hiddenText(hidden: "hidden" | "veryHidden"): string {
  const how = hidden === "veryHidden" ? "被深度隐藏（veryHidden：Excel 的“取消隐藏”中也看不到）" : "被隐藏";
  return `考核表工作表${how}，只有可见的工作表才计分，本表不计分；请单位删除隐藏的考核表、只保留本单位可见的一份后重新报送`;
}
