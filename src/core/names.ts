// Defined names of a template sheet: the contract between the template writers and the readers
// (import, 提交前检查, 汇总). Readers address cells by these names, never by coordinates.
// Excel names allow letters, digits, "_" and "."; ours use "_" only so no name can look like a cell.

/**
 * Bump when the sheet layout changes in a way readers must know about. Version 2 added the 序号 column (D);
 * files returned on an earlier version are read against that version's placement (src/layout/placement.ts).
 */
export const LAYOUT_VERSION = 2;
/** The layout versions a returned file may be on: read, checked and carried forward to the current one. */
export const READABLE_LAYOUT_VERSIONS: readonly number[] = [1, 2];

const safe = (id: string) => id.replace(/[^A-Za-z0-9]/g, "_");

export const names = {
  /** An input cell the unit fills: CR_IN_xydEntered */
  input: (inputId: string) => `CR_IN_${safe(inputId)}`,
  /** The indicator's 是否涉及 cell (涉及 / 不涉及): CR_NA_county_2_1 */
  notApplicable: (indicatorId: string) => `CR_NA_${safe(indicatorId)}`,
  /** 已附佐证材料 (text) for a clause: CR_EV_county_2_1_1 */
  evidence: (clauseId: string) => `CR_EV_${safe(clauseId)}`,
  /** The clause's self-assessed deduction (formula): CR_DED_county_2_1_1 */
  deduction: (clauseId: string) => `CR_DED_${safe(clauseId)}`,
  status: (clauseId: string) => `CR_ST_${safe(clauseId)}`,
  explanation: (clauseId: string) => `CR_EX_${safe(clauseId)}`,
  /** 核定扣分 and 核定说明, filled by the 考核组 only. */
  verified: (clauseId: string) => `CR_VER_${safe(clauseId)}`,
  verifiedReason: (clauseId: string) => `CR_VRS_${safe(clauseId)}`,
  /** 备注 the unit may write for a clause: CR_RM_county_2_1_1 */
  remark: (clauseId: string) => `CR_RM_${safe(clauseId)}`,
  indicatorDeduction: (indicatorId: string) => `CR_IND_${safe(indicatorId)}`,
  categoryDeduction: (categoryId: string) => `CR_CAT_${safe(categoryId)}`,
  totalDeduction: "CR_TOTAL_DEDUCTION",
  score: "CR_SCORE",
  /** Header block. */
  unit: "CR_UNIT",
  kind: "CR_KIND",
  year: "CR_YEAR",
  layoutVersion: "CR_LAYOUT",
  filler: "CR_FILLER",
  phone: "CR_PHONE",
  fillDate: "CR_FILL_DATE",
} as const;
