// The 双公示台账 step of a review (core/ledger.ts): a 双公示 count input holding the layout's count formula is
// counted from the ledger's rows by core's rule — its saved result is never used — and a saved result that
// differs is an 错误 on the input cell (a count that lies, or a ledger whose saved 是否按时 lie). A formula in a
// typed ledger cell is an 错误 on that cell (read as empty); a record the rule cannot judge (a date missing,
// unreadable, out of order, or outside the calendar the ledger carries) is a 提示 on its cell: it counts in
// 总条数 and never as on time. A count the unit typed over the formula stands, and a ledger that says
// otherwise is mentioned (提示).
import { clauseNumber, indexOf, LEDGER_COL, LEDGER_HEAD_ROW, type Catalog, type Filled, type LedgerRowJudged } from "../../core/index";
import { colLetter } from "../../core/a1";
import { problemAt, show, type ReviewProblem } from "../types";

/** Problems listed one by one before the rest is summed up. */
const LISTED = 20;

export function checkLedger(filled: Filled, catalog: Catalog): ReviewProblem[] {
  const ledger = filled.ledger;
  if (!ledger) return [];
  const ix = indexOf(catalog);
  const clauseOf = (id: string) => ix.clauses.size && [...ix.clauses.values()].find((c) => c.clause.inputs.some((i) => i.id === id))?.clause.id;
  const label = (id: string) => ix.inputs.find((i) => i.id === id)?.label ?? id;
  const sheet = filled.cells.sheet;
  const out: ReviewProblem[] = [];
  const count = ledger.count;
  for (const { id, which, cell } of ledger.inputs) {
    const clauseId = clauseOf(id) || undefined;
    const what = `“${label(id)}”${clauseId ? `（条款 ${clauseNumber(clauseId)}）` : ""}`;
    if (!count) {
      out.push(
        problemAt(sheet, {
          address: cell.address,
          severity: "错误",
          kind: "数据错误",
          clauseId,
          text: `${what}按“${ledger.sheet}”工作表计数，但文件中没有该工作表（可能已删除或改名），保存的结果（${show(cell.value)}）不采用，按未填写处理；请恢复台账工作表，或直接填写数值`,
        }),
      );
      continue;
    }
    const expected = count.total === 0 ? "" : which === "total" ? count.total : count.onTime;
    const saved = cell.value === null || cell.value === undefined ? "" : cell.value;
    if (saved !== expected) {
      const late = rowsDiffering(filled, count.rows);
      out.push(
        problemAt(sheet, {
          address: cell.address,
          severity: "错误",
          kind: "篡改",
          clauseId,
          text:
            `文件中保存的${what}为 ${saved === "" ? "空" : show(saved)}，按“${ledger.sheet}”工作表的记录以工作日历重新计算为 ${expected === "" ? "空（台账无记录）" : expected}（以重新计算的为准）；` +
            `台账或保存的结果可能被改动，或文件保存前未重新计算${late.length ? `。“是否按时”与规则不符的行：${late.join("、")}` : ""}`,
        }),
      );
    }
  }
  for (const f of ledger.formulaCells.slice(0, LISTED)) {
    out.push(
      problemAt(ledger.sheet, {
        address: f.address,
        severity: "错误",
        kind: "数据错误",
        text: `台账中填写的是公式（=${f.formula.slice(0, 60)}${f.formula.length > 60 ? "…" : ""}），不是日期或文字；公式及其保存的结果均不采用，按未填写处理，请直接填写`,
      }),
    );
  }
  if (ledger.formulaCells.length > LISTED) {
    out.push(problemAt(ledger.sheet, { address: "", severity: "错误", kind: "数据错误", text: `台账中另有 ${ledger.formulaCells.length - LISTED} 个单元格填写的是公式，均按未填写处理，请直接填写` }));
  }
  if (count) {
    const wrong = count.rows.filter((r) => r.status === "有误");
    for (const r of wrong.slice(0, LISTED)) {
      out.push(problemAt(ledger.sheet, { address: `${colLetter(r.column ?? LEDGER_COL.decision)}${r.row}`, severity: "提示", kind: "数据错误", text: `台账第 ${r.row} 行：${r.reason}；该条计入总条数，不计为按时公示` }));
    }
    if (wrong.length > LISTED) out.push(problemAt(ledger.sheet, { address: "", severity: "提示", kind: "数据错误", text: `台账中另有 ${wrong.length - LISTED} 条记录无法判断是否按时，计入总条数，不计为按时公示` }));
  }
  return out;
}

/** Rows whose saved 是否按时 is not what core's rule gives ("F12"), the first few. */
function rowsDiffering(filled: Filled, judged: readonly LedgerRowJudged[]): string[] {
  const rows = filled.cells.ledger?.rows ?? [];
  const byRow = new Map(judged.map((j) => [j.row, j.status as string]));
  const out: string[] = [];
  const last = Math.max(rows.length, ...judged.map((j) => j.row));
  const F = LEDGER_COL.status;
  for (let r = 1; r <= last && out.length < 5; r++) {
    if (r <= LEDGER_HEAD_ROW) continue;
    const saved = rows[r - 1]?.[F - 1];
    const want = byRow.get(r) ?? "";
    const got = saved === null || saved === undefined ? "" : String(saved);
    if (got !== want) out.push(`${colLetter(F)}${r}（保存为${got ? `“${got}”` : "空"}，应为${want ? `“${want}”` : "空"}）`);
  }
  return out;
}
