/*
 * 核定: the 考核组 decides in the 核定表 (one row per unit × clause) and records every filled row at once; 同意自评 of
 * every row that needs no attention is one click; each unit's way to 已核定 is listed. The one-clause form stays,
 * folded, for a quick correction (the same append to the 核定记录).
 */
import { clauseShortText, formatPoints, getCatalog, indexOf, numberOf } from "../../core/index";
import { REVIEW_SHEET } from "../../review/reviewSheet";
import { describeError, type BulkRecordResult, type ReviewRowIssue, type UnitProgressView, type UnitSheet } from "../actions";
import { append, clear, field, h } from "../dom";
import { shortId } from "../help";
import { checkFields, markField, messageBox, problemList } from "../ui";
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
  const bulk = h("div", { className: "bulk" });
  const single = h("div", {});
  const details = h("details", { className: "single" }, h("summary", {}, "逐条核定（更正某一条）"), h("p", { className: "hint" }, "选择单位和评分条款，填写核定扣分、理由和核定人，只记录这一条。自评扣分保留不变，同样写入“核定记录”工作表。"), single);
  append(
    ctx.el,
    h("p", { className: "hint" }, "考核组在“核定表”中核定：每个单位的每条条款一行，需要关注的行排在前面。在“核定”列选“同意自评”或“改判”（改判须填核定扣分和核定说明），填好后点“记录核定”，所有填好的行一次记入“核定记录”。"),
    bulk,
    details,
  );
  bulkPart(ctx, bulk);
  append(single, h("p", { className: "hint" }, "正在读取工作簿中的单位考核表…"));
  ctx.actions
    .listUnitSheets()
    .then((sheets) => {
      if (ctx.state.view !== "assess" || !single.isConnected) return;
      clear(single);
      if (sheets.length === 0) {
        append(single, messageBox("info", "当前工作簿中没有单位考核表。", "请先导入回收表或生成模板，再来核定。"));
        return;
      }
      assessForm(ctx, single, out, sheets);
    })
    .catch((error: unknown) => {
      if (!single.isConnected) return;
      clear(single);
      const m = describeError(error);
      append(single, messageBox("error", m.message, m.next));
    });
}

/** "兴山区　待核定：需关注 2 条，还有 5 条未核定" — one line per unit, the ones with something to do first. */
function unitLine(u: UnitProgressView): HTMLElement {
  const left = u.clauses - u.verified;
  const parts = [
    u.stale ? `需重新核定 ${u.stale} 条` : "",
    u.attention ? `需关注 ${u.attention} 条` : "",
    u.status !== "已核定" && left ? `未核定 ${left} 条` : "",
  ].filter(Boolean);
  return h(
    "li",
    { className: `unit unit-${u.status === "已核定" ? "done" : u.status === "有问题" || u.stale ? "problem" : "open"}` },
    h("span", { className: "unit-name" }, u.unit),
    h("span", { className: "unit-status" }, u.status),
    parts.length ? h("span", { className: "unit-left" }, parts.join("，")) : null,
  );
}

const ORDER: Record<UnitProgressView["status"], number> = { 有问题: 0, 待核定: 1, 已核定: 2 };

/** Each unit's way to 已核定: counts, then the units with something left (the 已核定 ones folded). */
function progressBlock(units: UnitProgressView[]): HTMLElement {
  const count = (s: UnitProgressView["status"]) => units.filter((u) => u.status === s).length;
  const stale = units.reduce((t, u) => t + u.stale, 0);
  const open = units.filter((u) => u.status !== "已核定" || u.stale).sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.stale - a.stale);
  const done = units.filter((u) => u.status === "已核定" && !u.stale);
  return h(
    "div",
    { className: "progress-block", attrs: { "aria-live": "polite" } },
    h("p", { className: "progress-counts" }, `共 ${units.length} 个单位：已核定 ${count("已核定")}，待核定 ${count("待核定")}，有问题 ${count("有问题")}${stale ? `；需重新核定 ${stale} 条` : ""}。`),
    open.length ? h("ul", { className: "units", attrs: { "aria-label": "尚未核定完的单位" } }, ...open.map(unitLine)) : units.length ? h("p", { className: "hint" }, "所有单位都已核定，可以生成汇总。") : null,
    done.length && open.length ? h("details", {}, h("summary", {}, `已核定的 ${done.length} 个单位`), h("ul", { className: "units" }, ...done.map(unitLine))) : null,
  );
}

/** Rows not recorded, each one click from its 核定 cell in the 核定表. */
function issueList(ctx: ViewContext, issues: ReviewRowIssue[]): HTMLElement {
  return problemList(
    ctx.actions,
    issues.map((i) => ({ sheet: REVIEW_SHEET, address: i.address ?? "", message: i.message, severity: /需重新核定/.test(i.message) ? "提示" : "错误" })),
  );
}

function bulkPart(ctx: ViewContext, el: HTMLElement): void {
  const reviewer = h("input", { attrs: { type: "text", name: "default-reviewer", autocomplete: "name" } });
  const status = h("div", {});
  const out = h("div", { className: "result", attrs: { "aria-live": "polite" } });
  const showProgress = (units: UnitProgressView[]) => {
    clear(status);
    append(status, progressBlock(units));
  };
  const refresh = () =>
    ctx.actions
      .reviewProgress()
      .then((p) => {
        if (!status.isConnected) return;
        showProgress(p.units);
        make.textContent = p.hasSheet ? "更新核定表" : "生成核定表";
        if (!p.hasSheet) append(status, messageBox("info", "工作簿中还没有“核定表”。", "请先点“生成核定表”，在表中填写核定后再点“记录核定”。"));
        for (const m of p.recordProblems) append(status, messageBox("error", m));
      })
      .catch((error: unknown) => {
        if (!status.isConnected) return;
        clear(status);
        const m = describeError(error);
        append(status, messageBox("error", m.message, m.next));
      });
  const report = (r: BulkRecordResult, what: string) => {
    showProgress(r.units);
    const kind = r.issues.some((i) => !/需重新核定/.test(i.message)) ? "error" : r.recorded ? "ok" : "info";
    const head = `${what}：已记录 ${r.recorded} 条${r.already ? `（另有 ${r.already} 条此前已记录，未重复记录）` : ""}${r.issues.length ? `；${r.issues.length} 行未记录${r.stale ? `（其中 ${r.stale} 行需重新核定）` : ""}` : ""}。`;
    const next = r.issues.length
      ? "点下面的行转到核定表中该行，改正后再点“记录核定”；需重新核定的行，单位的数据已改变，请按新数据重新填写核定。"
      : r.recorded
        ? "核定已写入“核定记录”工作表；单位表的核定栏已同步。点“更新核定表”可在表中看到已记录的核定。"
        : "没有需要记录的行。";
    append(out, messageBox(kind, head, next));
    if (r.note) append(out, messageBox("info", r.note));
    if (r.issues.length) append(out, issueList(ctx, r.issues));
  };
  const make = ctx.button(
    "生成核定表",
    () => {
      clear(out);
      void ctx.run(
        out,
        "正在生成核定表",
        () => ctx.actions.makeReviewSheet(),
        (r) => {
          const kept = r.kept || r.unmatched ? `原核定表中填写的核定已保留（${r.kept} 行在原处${r.unmatched ? `；${r.unmatched} 条因单位数据改变或单位不在本次之中，保留在表末“未匹配的核定”中，不会被记录` : ""}）。` : "";
          const platform = r.platform
            ? `已对照工作簿中的平台数据：${r.platform.rows} 个条款有平台调阅数据，其中 ${r.platform.differ} 个平台扣分与自评不同（需关注，可选“按平台数据”）。`
            : "";
          append(
            out,
            messageBox(
              "ok",
              `${r.refreshed ? "已更新" : "已生成"}“${REVIEW_SHEET}”：${r.rows} 行（每个单位每条条款一行），需关注 ${r.attention} 行排在前面。${platform}${kept}`,
              `在表中“核定”列选“同意自评”或“改判”（改判须填核定扣分和核定说明；只填这两栏也按改判记录）${r.platform ? "，平台扣分不同的行可选“按平台数据”（按平台扣分和平台调阅的说明记录）" : ""}，可排序、筛选、向下填充；填好后点“记录核定”。`,
            ),
          );
          if (r.skipped.length) append(out, messageBox("info", `此版本的 Excel 不支持部分功能，未写入：${r.skipped.join("、")}。`, "表格仍可填写和记录。"));
          void refresh();
        },
        { cancellable: false },
      );
    },
    false,
  );
  const record = ctx.button("记录核定", () => {
    clear(out);
    void ctx.run(out, "正在记录核定", () => ctx.actions.recordReviewSheet({ defaultReviewer: reviewer.value.trim() }), (r) => report(r, "记录核定"), { cancellable: false });
  });
  const confirm = ctx.button(
    "同意全部无需关注的条款",
    () => {
      clear(out);
      if (!checkFields([[reviewer, reviewer.value.trim() ? undefined : "请填写核定人：这些条款将以此人的名义同意自评。"]])) return;
      void ctx.run(out, "正在同意自评", () => ctx.actions.confirmUnattended({ reviewer: reviewer.value.trim() }), (r) => report(r, "同意自评"), { cancellable: false });
    },
    false,
  );
  append(
    el,
    h("div", { className: "actions" }, make),
    field("核定人", reviewer, "核定表中“核定人”一栏空着的行，按此人记录。"),
    h("div", { className: "actions" }, record, confirm),
    h("p", { className: "hint" }, "“同意全部无需关注的条款”：对核定表“需关注”一栏为空、尚未核定的所有条款记录“同意自评”；不涉及、缺佐证、数据有误等需关注的行不在其中，须在表中逐行核定。"),
    out,
    status,
  );
  append(status, h("p", { className: "hint" }, "正在读取各单位的核定进度…"));
  void refresh();
}

/** An option's text short enough for a 320 px pane: a select cuts what does not fit mid-character. */
function clauseOption(id: string, deduction: number, text: string): string {
  const head = `${shortId(id)} 扣 ${formatPoints(deduction)} 分：`;
  const words = [...text.replace(/[。；;，,]+$/, "")];
  return words.length <= CLAUSE_OPTION_CHARS ? head + words.join("") : `${head}${words.slice(0, CLAUSE_OPTION_CHARS - 1).join("")}…`;
}
const CLAUSE_OPTION_CHARS = 9;

/**
 * The sheet's 自评扣分 cell of the clause is empty: its formula has not been calculated (manual calculation, or
 * the sheet was just written) or the cell was cleared. Said with the way out, never a bare “未计算”.
 */
export const NOT_COMPUTED =
  "自评：未计算——该单位表中本条的“自评扣分”单元格是空的（表格尚未重新计算，或单元格被清除）。请按 F9 重新计算" +
  "（或在“公式”选项卡把“计算选项”设为“自动”）；仍为空时，用“导入回收表”重新导入该单位发回的文件。";

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
  // 复核: a unit asked about its result and the 考核组 decides again (recorded as kind 复核, marked on its 反馈单).
  const recheck = h("input", { attrs: { type: "checkbox", name: "recheck" } });
  const current = () => sheets.find((s) => s.sheet === sheetSelect.value) ?? sheets[0];
  const clauseOf = () => {
    const s = current();
    return indexOf(getCatalog(s.year, s.kind)).clauses.get(clauseSelect.value)?.clause;
  };
  /** A new unit or clause: nothing typed for the previous one may stay (核定人 does). */
  const forget = () => {
    deduction.value = "";
    reason.value = "";
    recheck.checked = false;
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
      // The notice's text with its quotation marks balanced (2.2.1 opens with a stray ”): core's short text.
      clauseSelect.appendChild(h("option", { attrs: { value: clause.id } }, clauseOption(clause.id, clause.deduction, clauseShortText(clause, catalog))));
    }
    showClause();
  };
  const showClause = () => {
    const c = clauseOf();
    clauseText.textContent = c ? `${shortId(c.id)} ${clauseShortText(c, getCatalog(current().year, current().kind))}（本条最多扣 ${formatPoints(c.deduction)} 分）` : "";
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
        const self = st.deduction === undefined ? NOT_COMPUTED : `自评：${typeof st.deduction === "number" ? `扣 ${formatPoints(st.deduction)} 分` : st.deduction}`;
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

  const go = ctx.button("记录这一条", () => {
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
    const request = { sheet: s.sheet, clauseId: c.id, deduction: value!, reason: reason.value.trim(), reviewer: reviewer.value.trim(), ...(recheck.checked ? { kind: "复核" as const } : {}) };
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
            `已记录：${s.unit} ${shortId(c.id)} ${request.kind === "复核" ? "复核" : "核定"}扣 ${formatPoints(r.to)} 分${r.from === undefined ? "" : `（自评扣 ${formatPoints(r.from)} 分）`}，已写入核定记录。`,
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
    h("label", { className: "check" }, recheck, " 复核（单位对核定结果提出异议后重新核定）"),
    h("div", { className: "actions" }, go),
    out,
  );
}
