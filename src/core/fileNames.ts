// Names a template gets outside its cells: the sheet name and the file name of a unit's workbook. In core:
// the template writers name sheets and files by them, and the review recognises a unit's sheet by them.
import { canonicalName } from "./text";
import { UNIT_KIND_LABEL, type Catalog } from "./types";

/** Excel forbids : \ / ? * [ ] in sheet names and limits them to 31 characters. */
export function sheetNameOf(unit: string): string {
  return unit.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "单位";
}

/** "兴山区-2022-县区.xlsx" */
export function templateFileName(unit: string, year: number, kind: Catalog["kind"]): string {
  return `${unit.replace(/[\\/:*?"<>|]/g, "_")}-${year}-${UNIT_KIND_LABEL[kind]}.xlsx`;
}

/** What a folder entry is, as the file system says (a link is what it points at; "broken": a link to nothing). */
export type EntryKind = "file" | "directory" | "special" | "broken";

/** Why an entry of a returns folder is not read; 错误 where a unit's return may be in it. */
export interface SkippedEntry {
  reason: string;
  severity: "错误" | "提示";
}

const OTHER_SHEETS: Record<string, string> = {
  xls: "旧版 .xls 格式", xlsm: "含宏的 .xlsm 格式", xlsb: ".xlsb（二进制）格式", xltx: ".xltx 模板格式", xltm: ".xltm 模板格式", xlt: ".xlt 模板格式",
  et: "WPS 表格 .et 格式", ett: "WPS 表格模板 .ett 格式", ods: "OpenDocument .ods 格式", csv: ".csv 文本格式", numbers: "Numbers 格式",
};
const SYSTEM = new Set([".ds_store", "thumbs.db", "desktop.ini"]);

/**
 * Whether an entry of a returns folder is read as a returned workbook (undefined), or why not. Nothing is
 * skipped in silence: the 汇总 lists every entry not read with this reason (README 可信与安全). A name is judged
 * as it reads (canonicalName): "兴山区.xlsx " (a trailing space) or a name with an invisible character is read.
 */
export function returnsEntry(name: string, kind: EntryKind): SkippedEntry | undefined {
  if (kind === "directory") return { severity: "错误", reason: "是子文件夹，其中的文件未读取；请把返回的考核表直接放在所给的文件夹中，或把子文件夹也写在命令行上" };
  if (kind === "special") return { severity: "错误", reason: "是特殊文件（管道、设备或套接字），不是 Excel 工作簿，未打开" };
  if (kind === "broken") return { severity: "错误", reason: "是指向不存在文件的链接，无法读取" };
  const shown = canonicalName(name);
  const lower = shown.toLowerCase();
  if (lower.startsWith("~$")) return { severity: "提示", reason: "是 Excel 或 WPS 打开文件时生成的临时文件，已跳过" };
  if (SYSTEM.has(lower) || lower.startsWith("._")) return { severity: "提示", reason: "是操作系统生成的文件，已跳过" };
  const ext = /\.([a-z0-9]{1,8})$/.exec(lower)?.[1];
  if (ext === "xlsx") return undefined;
  if (ext && OTHER_SHEETS[ext]) return { severity: "错误", reason: `是${OTHER_SHEETS[ext]}，本工具只读取 .xlsx：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后放回文件夹` };
  return { severity: "提示", reason: ext ? `不是 Excel 工作簿（.${ext}），未读取` : "不是 Excel 工作簿（没有 .xlsx 扩展名），未读取" };
}
