// The template layout as data: what buildTemplateLayout returns and the two writers (src/xlsx/writeTemplate.ts,
// src/office/templateWriter.ts) consume, and what it is built from (variant, a unit's answers).
import type { Catalog } from "../../core/index";
import type { LayoutValidation, SheetDoc } from "../sheetDoc";

export type { LayoutValidation } from "../sheetDoc";
import type { CellStyle, StyleKey } from "../styles";

export type Variant = "addin" | "portable";

export type CellValue = string | number | boolean | null;
/** An Excel error as a cached result (CREDIT.DEDUCT gives #VALUE! on unusable data). */
export interface CellErrorValue {
  error: "#VALUE!";
}

export interface LayoutCell {
  /** "F12" */
  address: string;
  row: number;
  col: number;
  /** A constant (inputs: what the unit typed, or null). */
  value?: CellValue;
  /** A formula without the leading "=". */
  formula?: string;
  /** The formula's result computed by the engine, so programs that do not recalculate show it. */
  cached?: CellValue | CellErrorValue;
  style: StyleKey;
  locked: boolean;
  numFmt?: string;
}


export interface TemplateLayout {
  year: number;
  kind: Catalog["kind"];
  unit: string;
  variant: Variant;
  layoutVersion: number;
  sheetName: string;
  /** Row-major, one entry per written cell. */
  cells: LayoutCell[];
  merges: string[];
  validations: LayoutValidation[];
  /** Defined names → sheet-relative address ("F12" or "J6:J40"). */
  names: { name: string; address: string }[];
  /** Column widths in characters, index 0 = column A. */
  widths: number[];
  hiddenColumns: number[];
  rowHeights: Record<number, number>;
  /** Rows frozen at the top. */
  frozenRows: number;
  print: {
    paper: "A4";
    orientation: "landscape";
    /** One page wide, as many tall as it takes (the file format's fitToHeight 0 = automatic: the xlsx writer). */
    fitToWidth: 1;
    fitToHeight: 0;
    /** The same as a print scale (per cent), for Office.js, whose page layout documents no "automatic" height. */
    scale: number;
    titleRows: string;
    header: string;
    footer: string;
    area: string;
    /** Manual page breaks: the last row of each page but the last (a break follows the row). */
    rowBreaks: number[];
  };
  protection: { password?: string };
  /** The 双公示台账 written beside the sheet (BuildOptions.ledger), one SheetDoc for both writers. */
  ledger?: SheetDoc;
  styles: Record<StyleKey, CellStyle>;
  lastRow: number;
  lastCol: number;
}

/** What a unit has typed into a template (read back from the CR_* names). */
export interface TemplateAnswers {
  values: Record<string, unknown>;
  notApplicable?: Iterable<string>;
  /** 已附佐证材料 by clause id. */
  evidence?: Record<string, unknown>;
  /** 备注 by clause id. */
  remarks?: Record<string, unknown>;
  header?: { filler?: unknown; phone?: unknown; fillDate?: unknown };
  /** 核定扣分 / 核定说明 by clause id, when the 考核组 has filled them in a copy. */
  verified?: Record<string, unknown>;
  verifiedReason?: Record<string, unknown>;
  /** The 双公示台账's typed records (a regenerated template keeps them), one per ledger row from the first. */
  ledger?: LedgerRecord[];
}

/** A ledger row's typed cells: 行政相对人名称, 决定书文号, 决定日期, 公示或上报日期, 备注. */
export interface LedgerRecord {
  subject?: unknown;
  docNo?: unknown;
  decision?: unknown;
  published?: unknown;
  remark?: unknown;
}

export interface BuildOptions {
  variant: Variant;
  /** Answers to fill in (regeneration); a fresh template is blank. */
  answers?: TemplateAnswers;
  /**
   * The template comes with its 双公示台账 (src/layout/ledger.ts, written beside it by the same writer): the
   * 双公示 count inputs a unit has not typed hold the layout's count formula over the ledger. Without it (a
   * regenerated or imported sheet) they are plain inputs.
   */
  ledger?: boolean;
}
