/* 核定: the 考核组 records a verified deduction, reason and reviewer for one clause of one unit sheet. */
import { formatPoints, getCatalog, indexOf, numberOf } from "../../core/index";
import { describeError, type UnitSheet } from "../actions";
import { append, clear, field, h } from "../dom";
import { shortId } from "../help";
import { checkFields, markField, messageBox } from "../ui";
import type { ViewContext } from "./context";

/**
 * The 核定扣分 field's problem, or undefined. The figure is read by core's one number reading (numberOf:
 * full-width digits and thousands separators as the readers of returned files take them, "2.5分" or "85%"
 * refused), so the pane takes what the 核定记录's check (checkVerification) takes.
 */
export function deductionProblem(raw: string, max: number | undefined): string | undefined {
  const value = numberOf(raw);
  if (value === undefined) return "请填写核定扣分（数字）。";
  if (max !== undefined && (value < 0 || value > max)) return `核定扣分必须在 0 到 ${formatPoints(max)} 分之间。`;
  return undefined;
}

export function assessView(ctx: ViewContext): void {
  // Not kept across steps: the form starts again at the first unit, and a message about another unit's
  // clause beside it could be misread.
  const out = ctx.result(false);
  const form = h("div", {});
  append(ctx.el, h("p", { className: "hint" }, "考核组逐条核定：选择单位和评分条款，填写核定扣分、理由和核定人。自评扣分保留不变，每次核定都写入“核定记录”工作表。"), form);
  append(form, h("p", { className: "hint" }, "正在读取工作簿中的单位考核表…"));
  ctx.actions
    .listUnitSheets()
    .then((sheets) => {
      if (ctx.state.view !== "assess" || !form.isConnected) return;
      clear(form);
      if (sheets.length === 0) {
        append(form, messageBox("info", "当前工作簿中没有单位考核表。", "请先导入回收表或生成模板，再来核定。"));
        return;
      }
      assessForm(ctx, form, out, sheets);
    })
    .catch((error: unknown) => {
      if (!form.isConnected) return;
      clear(form);
      const m = describeError(error);
      append(form, messageBox("error", m.message, m.next));
    });
}

/** An option's text short enough for a 320 px pane: a select cuts what does not fit mid-character. */
function clauseOption(id: string, deduction: number, text: string): string {
  const head = `${shortId(id)} 扣 ${formatPoints(deduction)} 分：`;
  const words = [...text.replace(/[。；;，,]+$/, "")];
  return words.length <= CLAUSE_OPTION_CHARS ? head + words.join("") : `${head}${words.slice(0, CLAUSE_OPTION_CHARS - 1).join("")}…`;
}
const CLAUSE_OPTION_CHARS = 9;

function assessForm(ctx: ViewContext, form: HTMLElement, out: HTMLElement, sheets: UnitSheet[]): void {
  const sheetSelect = h(
    "select",
    { attrs: { name: "sheet" } },
    ...sheets.map((s) => h("option", { attrs: { value: s.sheet } }, s.unit === s.sheet ? s.unit : `${s.unit}（工作表 ${s.sheet}）`)),
  );
  const clauseSelect = h("select", { attrs: { name: "clause" } });
  const clauseText = h("p", { className: "clause-text" });
  const selfText = h("p", { className: "clause-self", attrs: { "aria-live": "polite" } });
  const deduction = h("input", { attrs: { type: "number", name: "deduction", min: 0, step: 0.5, inputmode: "decimal" } });
  const reason = h("textarea", { attrs: { name: "reason", rows: 3 } });
  const reviewer = h("input", { attrs: { type: "text", name: "reviewer", autocomplete: "name" } });
  const current = () => sheets.find((s) => s.sheet === sheetSelect.value) ?? sheets[0];
  const clauseOf = () => {
    const s = current();
    return indexOf(getCatalog(s.year, s.kind)).clauses.get(clauseSelect.value)?.clause;
  };
  /** A new unit or clause: nothing typed for the previous one may stay (核定人 does). */
  const forget = () => {
    deduction.value = "";
    reason.value = "";
    for (const control of [deduction, reason, reviewer]) markField(control);
  };
  const fillClauses = () => {
    const s = current();
    clear(clauseSelect);
    let catalog;
    try {
      catalog = getCatalog(s.year, s.kind);
    } catch (error) {
      append(out, messageBox("error", (error as Error).message, "该工作表的年度或单位类型本加载项不支持，请确认表格来源。"));
      return;
    }
    for (const { clause } of indexOf(catalog).clauses.values()) {
      clauseSelect.appendChild(h("option", { attrs: { value: clause.id } }, clauseOption(clause.id, clause.deduction, clause.text)));
    }
    showClause();
  };
  const showClause = () => {
    const c = clauseOf();
    clauseText.textContent = c ? `${shortId(c.id)} ${c.text}（本条最多扣 ${formatPoints(c.deduction)} 分）` : "";
    selfText.textContent = "";
    if (!c) return;
    deduction.max = String(c.deduction);
    // What the sheet says now, so the reviewer sees what the 核定 stands beside.
    const asked = `${current().sheet}\u0000${c.id}`;
    selfText.dataset.for = asked;
    ctx.actions
      .readClause(current().sheet, c.id)
      .then((st) => {
        if (selfText.dataset.for !== asked) return;
        const self = st.deduction === undefined ? "自评：未计算" : `自评：${typeof st.deduction === "number" ? `扣 ${formatPoints(st.deduction)} 分` : st.deduction}`;
        const why = st.explanation ? `（${st.explanation}）` : st.status ? `（${st.status}）` : "";
        const done = st.verified === undefined ? "" : `；已核定：扣 ${typeof st.verified === "number" ? formatPoints(st.verified) : st.verified} 分${st.verifiedReason ? `（${st.verifiedReason}）` : ""}`;
        selfText.textContent = `${self}${why}${done}`;
      })
      .catch(() => {
        if (selfText.dataset.for === asked) selfText.textContent = "自评：无法读取该工作表的本条单元格。";
      });
  };
  sheetSelect.addEventListener("change", () => {
    forget();
    clear(out);
    fillClauses();
  });
  clauseSelect.addEventListener("change", () => {
    forget();
    clear(out);
    showClause();
  });
  fillClauses();

  const go = ctx.button("记录核定", () => {
    clear(out);
    const c = clauseOf();
    const value = numberOf(deduction.value);
    const valid = checkFields([
      [clauseSelect, c ? undefined : "请选择评分条款。"],
      [deduction, deductionProblem(deduction.value, c?.deduction)],
      [reason, reason.value.trim() ? undefined : "请填写核定理由。"],
      [reviewer, reviewer.value.trim() ? undefined : "请填写核定人。"],
    ]);
    if (!valid || !c) return;
    const s = current();
    const request = { sheet: s.sheet, clauseId: c.id, deduction: value!, reason: reason.value.trim(), reviewer: reviewer.value.trim() };
    void ctx.run(
      out,
      "正在记录核定",
      () => ctx.actions.recordVerification(request),
      (r) => {
        // Recorded: the form moves on to the next clause with 扣分 and 理由 empty, so nothing is filed twice.
        forget();
        const at = clauseSelect.selectedIndex;
        const last = at >= clauseSelect.options.length - 1;
        if (!last) clauseSelect.selectedIndex = at + 1;
        showClause();
        append(
          out,
          messageBox(
            "ok",
            `已记录：${s.unit} ${shortId(c.id)} 核定扣 ${formatPoints(r.to)} 分${r.from === undefined ? "" : `（自评扣 ${formatPoints(r.from)} 分）`}，已写入核定记录。`,
            last ? "这是本单位的最后一条。请选择下一个单位继续核定。" : `已转到下一条 ${shortId(clauseSelect.value)}：核定扣分和理由已清空，核定人保留。`,
          ),
        );
        if (r.note) append(out, messageBox("info", `${r.note}。`, "核定已保存，不影响汇总。"));
      },
      { cancellable: false },
    );
  });
  append(
    form,
    field("单位考核表", sheetSelect),
    field("评分条款", clauseSelect),
    clauseText,
    selfText,
    field("核定扣分（分）", deduction),
    field("核定理由", reason, "写明依据，例如平台调阅结果或佐证材料情况。"),
    field("核定人", reviewer),
    h("div", { className: "actions" }, go),
    out,
  );
}
