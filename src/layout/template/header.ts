// The steps above the table (title, the unit's header block, the note, the table's heading row) and the
// hidden meta column the readers check.
import { isoToSerial, UNIT_KIND_LABEL } from "../../core/index";
import { LAYOUT_VERSION, names } from "../../core/names";
import { addr } from "../address";
import { COL, HEADER_ROW, HEADERS, LAST_VISIBLE, NUMFMT } from "./grid";
import { cellValueOf } from "./inputs";
import type { BuildContext, CellContent, SheetBuilder } from "./sheet";
import type { CellValue } from "./types";

export function writeTitle(sheet: SheetBuilder, ctx: BuildContext): void {
  sheet.block(1, 1, 1, { value: sheetTitle(ctx), style: "title", locked: true }, LAST_VISIBLE);
  sheet.rowHeights[1] = 30;
}

/** One title for the sheet and its printed page header: the notice's 附件 title, as a 自评表. */
export function sheetTitle(ctx: BuildContext): string {
  return ctx.catalog.title.replace("考核指标", "考核自评表");
}

/** Label and value spans of the header block, across the table's full width: A|B–E, F|G–J, K–L|M–Q. */
const HEADER_SPANS: [number, number, number, number][] = [
  [COL.category, COL.category, COL.indicator, COL.clause],
  [COL.inputLabel, COL.inputLabel, COL.input, COL.evidenceInput],
  [COL.deduction, COL.status, COL.explanation, LAST_VISIBLE],
];

/** The visible cell showing the unit's name (row 2, first value span): where the office and the unit look for it. */
export const UNIT_NAME_CELL = { row: 2, col: HEADER_SPANS[0][2] } as const;

function writeHeaderRow(sheet: SheetBuilder, row: number, items: [string, CellContent, string?][]): void {
  items.forEach(([label, value, nm], i) => {
    const [l1, l2, v1, v2] = HEADER_SPANS[i];
    sheet.block(row, l1, row, { value: label, style: "headLabel", locked: true }, l2);
    sheet.block(row, v1, row, value, v2);
    if (nm) sheet.name(nm, addr(row, v1));
  });
}

export function writeHeaderBlock(sheet: SheetBuilder, ctx: BuildContext): void {
  const { catalog, year } = ctx;
  const header = ctx.answers.header ?? {};
  writeHeaderRow(sheet, UNIT_NAME_CELL.row, [
    ["单位名称", { value: ctx.unit.name, style: "headValue", locked: true }],
    ["单位类别", { value: UNIT_KIND_LABEL[catalog.kind], style: "headValue", locked: true }],
    ["考核年度", { value: year, style: "headValue", locked: true }],
  ]);
  const fillDate = cellValueOf({ id: "fillDate", label: "填报日期", type: "date" }, header.fillDate);
  writeHeaderRow(sheet, 3, [
    ["填报人", { value: cellValueOf(undefined, header.filler), style: "headInput", locked: false, numFmt: NUMFMT.text }, names.filler],
    ["联系电话", { value: cellValueOf(undefined, header.phone), style: "headInput", locked: false, numFmt: NUMFMT.text }, names.phone],
    ["填报日期", { value: fillDate, style: "headInput", locked: false, numFmt: NUMFMT.date }, names.fillDate],
  ]);
  sheet.validations.push({
    address: addr(3, HEADER_SPANS[2][2]),
    type: "date",
    min: isoToSerial(`${year}-01-01`),
    max: isoToSerial(`${year + 1}-12-31`),
    promptTitle: "填报日期",
    prompt: `请填写日期，如 ${year + 1}-01-10。`,
    errorTitle: "应为日期",
    error: `“填报日期”应为 ${year}-01-01 至 ${year + 1}-12-31 之间的日期。`,
  });
  sheet.validations.push({ address: addr(3, HEADER_SPANS[0][2]), type: "any", promptTitle: "填报人", prompt: "请填写填报人姓名。", errorTitle: "", error: "" });
  sheet.validations.push({ address: addr(3, HEADER_SPANS[1][2]), type: "any", promptTitle: "联系电话", prompt: "请填写联系电话（手机或座机）。", errorTitle: "", error: "" });
}

/**
 * 填表说明, printed above the table and written for the unit: what to fill, how, and how to return the form.
 * How the sheet works inside (locking, formulas, names) is not the unit's business and is not printed.
 */
export function writeNote(sheet: SheetBuilder, ctx: BuildContext): void {
  const note = [
    "填表说明：1. 只填写浅黄色单元格。“是否涉及”只在可能不涉及的指标上可选（选“不涉及”须在备注中说明理由，由考核组确认；不涉及的指标不扣分），其余指标固定为“涉及”；再按“填报项目”逐项填写：" +
      `数量填整数，比率填百分比（如 85%；已填户数或条数的可不填比率），日期如 ${ctx.year}-04-28；在“已附佐证材料”中写明所附材料。`,
    "2. 自评扣分、状态和扣分说明由表格自动算出，“待填”表示还缺少数据；灰色单元格显示本表上方已填的同一数据，不必重填。" +
      "“考核组核定扣分”“考核组核定说明”两栏由考核组填写。“序号”栏的编号（如 2.2.1）与通知附件一致，检查结果中的“条款”即指此编号。",
    "3. 填好后，打印本表，由单位负责人签字并加盖单位公章，连同佐证材料报送市信用办；同时将本 Excel 文件发回市信用办（不要改动文件名和表格结构）。",
  ].join("\n");
  sheet.block(4, 1, 4, { value: note, style: "note", locked: true }, LAST_VISIBLE);
  sheet.rowHeights[4] = 30;
}

export function writeTableHeader(sheet: SheetBuilder): void {
  for (const [c, t] of HEADERS) sheet.put(HEADER_ROW, c, { value: t, style: "th", locked: true });
  sheet.rowHeights[HEADER_ROW] = 44;
}

/** Hidden column S: year, kind, unit and layout version, for the readers. */
export function writeMeta(sheet: SheetBuilder, ctx: BuildContext): void {
  const meta: [string, CellValue][] = [
    [names.year, ctx.year],
    [names.kind, ctx.catalog.kind],
    [names.unit, ctx.unit.name],
    [names.layoutVersion, LAYOUT_VERSION],
  ];
  meta.forEach(([n, v], i) => {
    sheet.put(i + 1, COL.meta, { value: v, style: "meta", locked: true });
    sheet.name(n, addr(i + 1, COL.meta));
  });
}
