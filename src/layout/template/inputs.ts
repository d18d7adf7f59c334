// The cells a unit types: how an answer is stored (cellValueOf), each input's data validation, and the input
// rows of a clause.
import { isoToSerial, ledgerCountFormula, parseDateText, quoted, type Clause, type InputSpec } from "../../core/index";
import { names } from "../../core/names";
import { addr } from "../address";
import { COL, NUMFMT, percentFormat } from "./grid";
import type { BuildContext, SheetBuilder } from "./sheet";
import type { CellValue, LayoutValidation } from "./types";

/** How a typed answer is stored in the cell: ISO dates become serial numbers (formatted as dates). */
export function cellValueOf(spec: InputSpec | undefined, raw: unknown): CellValue {
  if (raw === undefined || raw === null) return null;
  if (spec?.type === "date" && typeof raw === "string") {
    const iso = parseDateText(raw) ?? (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined);
    if (iso) return isoToSerial(iso);
  }
  if (raw instanceof Date) return isoToSerial(raw.toISOString().slice(0, 10));
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  return String(raw);
}

/** The data validation (and its input prompt) of an input cell, from the input's type and bounds. */
export function validationOf(spec: InputSpec, address: string): LayoutValidation {
  const base = { address, promptTitle: spec.label.slice(0, 32) };
  switch (spec.type) {
    case "bool":
      return { ...base, type: "list", list: ["是", "否"], prompt: `请选择“是”或“否”。${spec.hint ?? ""}`, errorTitle: "请选择是或否", error: `${quoted(spec.label)}只能选择“是”或“否”。` };
    case "count": {
      const max = spec.max ?? 10_000_000;
      return {
        ...base,
        type: "whole",
        min: spec.min ?? 0,
        max,
        prompt: `请填写不小于 ${spec.min ?? 0} 的整数（${spec.unit ?? ""}）。`,
        errorTitle: "应为整数",
        error: `${quoted(spec.label)}应为 ${spec.min ?? 0} 到 ${max} 之间的整数（${spec.unit ?? ""}）。`,
      };
    }
    case "percent":
      return {
        ...base,
        type: "decimal",
        min: (spec.min ?? 0) / 100,
        max: (spec.max ?? 100) / 100,
        prompt: `请填写百分比，如 85%（输入 85% 或 0.85）。${spec.optional ? "已填写上方户数/条数时可不填。" : ""}`,
        errorTitle: "应为百分比",
        error: `${quoted(spec.label)}应为 ${spec.min ?? 0}% 到 ${spec.max ?? 100}% 之间的百分比。`,
      };
    case "date": {
      const lo = spec.minDate ?? "1900-03-01";
      const hi = spec.maxDate ?? "9999-12-31";
      return {
        ...base,
        type: "date",
        min: isoToSerial(lo),
        max: isoToSerial(hi),
        prompt: `请填写日期，如 ${lo.slice(0, 4)}-04-28。`,
        errorTitle: "应为日期",
        error: `${quoted(spec.label)}应为 ${lo} 至 ${hi} 之间的日期。`,
      };
    }
    case "text":
      return { ...base, type: "any", prompt: "请填写文字。", errorTitle: "", error: "" };
  }
}

/** One input row per input (a shared input typed once, linked after); returns each input's cell. */
export function writeInputs(sheet: SheetBuilder, ctx: BuildContext, clause: Clause, clStart: number, firstCell: Map<string, string>): Map<string, string> {
  const cellOf = new Map<string, string>();
  clause.inputs.forEach((spec, i) => {
    const r = clStart + i;
    const a = addr(r, COL.input);
    cellOf.set(spec.id, a);
    sheet.put(r, COL.inputLabel, { value: spec.label, style: "inputLabel", locked: true });
    sheet.put(r, COL.unit, { value: spec.type === "percent" ? "%" : spec.type === "bool" ? "是/否" : spec.type === "date" ? "日期" : (spec.unit ?? ""), style: "unit", locked: true });
    const v = cellValueOf(spec, ctx.answers.values[spec.id]);
    const numFmt = spec.type === "count" ? NUMFMT.count : spec.type === "percent" ? percentFormat(v) : spec.type === "date" ? NUMFMT.date : spec.type === "text" ? NUMFMT.text : undefined;
    const first = firstCell.get(spec.id);
    if (first) {
      // Shared input: typed once; here a locked link so this clause's inputs stay one contiguous range.
      sheet.put(r, COL.input, { formula: `IF(${first}="","",${first})`, cached: v ?? "", style: "linked", locked: true, numFmt });
    } else {
      firstCell.set(spec.id, a);
      const counted = ctx.ledgerCounts.get(spec.id);
      if (spec.publicity && ctx.ledgerSheet && (v === null || v === "" || counted !== undefined)) {
        // Counted from the 双公示台账 ("" while it is empty): a unit without a ledger types over it.
        sheet.put(r, COL.input, { formula: ledgerCountFormula(spec.publicity, ctx.ledgerSheet), cached: counted ?? "", style: "input", locked: false, numFmt });
      } else sheet.put(r, COL.input, { value: v, style: "input", locked: false, numFmt });
      sheet.validations.push(validationOf(spec, a));
      sheet.name(names.input(spec.id), a);
    }
  });
  if (clause.inputs.length === 0) {
    sheet.put(clStart, COL.inputLabel, { value: null, style: "inputLabel", locked: true });
    sheet.put(clStart, COL.input, { value: null, style: "unit", locked: true });
    sheet.put(clStart, COL.unit, { value: null, style: "unit", locked: true });
  }
  return cellOf;
}
