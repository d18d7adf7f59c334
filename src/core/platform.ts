// 平台数据 (平台调阅): which of a catalog's inputs the 考核组 looks up on the credit platform itself — the inputs
// of every clause that names 平台调阅 among its evidence, so a later year's catalog brings its own — and the
// words the 平台数据 sheet is laid out with (src/layout/platform.ts) and read back by (src/review/platform.ts).
import { UNIT_KIND_SHORT, type Catalog, type InputSpec, type UnitKind } from "./types";

/** The evidence kind that means the office looks the figure up itself. */
export const PLATFORM_EVIDENCE = "平台调阅";

export const platformSheetName = (kind: UnitKind): string => `平台数据（${UNIT_KIND_SHORT[kind]}）`;

/** The marker in the sheet's hidden id row: which year and kind the columns belong to ("2022:county"). */
export const PLATFORM_MARK = "平台数据";
export const UNIT_HEADING = "单位";
export const DATE_HEADING = "调阅日期";
export const SOURCE_HEADING = "来源";

/** One indicator's platform inputs, in catalog order; an input shared by two indicators is in the first. */
export interface PlatformGroup {
  indicatorId: string;
  title: string;
  clauseIds: string[];
  inputs: InputSpec[];
}

/** The inputs of every clause that lists 平台调阅 as evidence, grouped by indicator, each input once. */
export function platformGroups(catalog: Catalog): PlatformGroup[] {
  const seen = new Set<string>();
  const groups: PlatformGroup[] = [];
  for (const category of catalog.categories) {
    for (const indicator of category.indicators) {
      const group: PlatformGroup = { indicatorId: indicator.id, title: indicator.title, clauseIds: [], inputs: [] };
      for (const clause of indicator.clauses) {
        if (!clause.evidence.includes(PLATFORM_EVIDENCE)) continue;
        group.clauseIds.push(clause.id);
        for (const input of clause.inputs) {
          if (seen.has(input.id)) continue;
          seen.add(input.id);
          group.inputs.push(input);
        }
      }
      if (group.inputs.length) groups.push(group);
    }
  }
  return groups;
}

/** The column heading of an input: its label and the unit it is given in. */
export function platformHeading(spec: InputSpec): string {
  const unit = spec.type === "percent" ? "%" : spec.type === "bool" ? "是/否" : spec.type === "date" ? "日期" : spec.unit;
  return unit ? `${spec.label}（${unit}）` : spec.label;
}

