/* 平台数据: the 考核组's own platform figures (平台调阅), one row per member unit — made in the workbook, then read back. */
import { formatPoints, UNIT_KIND_LABEL } from "../../core/index";
import { describeError, type CreditActions, type CrossCheckResult } from "../actions";
import { append, clear, field, h } from "../dom";
import { shortId } from "../help";
import { checkFields, messageBox, problemList } from "../ui";
import type { ViewContext } from "./context";

export function platformView(ctx: ViewContext): void {
  const { year, kind } = ctx.state;
  const out = ctx.result();
  const make = ctx.button("生成平台数据表", () => {
    void ctx.run(
      out,
      "正在生成平台数据表",
      () => ctx.actions.makePlatformSheet(year, kind),
      (r) => {
        append(
          out,
          messageBox(
            "ok",
            `已生成工作表“${r.sheet}”：${r.units} 个单位，${r.columns} 列平台调阅数据，另有调阅日期、来源。`,
            "把从信用平台调阅的数据填写或粘贴到浅黄色单元格（可只填部分；空白表示未调阅），然后点“检查平台数据表”。",
          ),
        );
        if (r.skipped.length) append(out, messageBox("info", `此版本的 Excel 不支持部分功能，未写入：${r.skipped.join("、")}。`, "表格仍可填写和读取。"));
      },
      { cancellable: false },
    );
  });
  const check = ctx.button("检查平台数据表", () => {
    void ctx.run(
      out,
      "正在检查平台数据表",
      () => ctx.actions.checkPlatformSheet(year, kind),
      (r) => {
        const errors = r.problems.filter((p) => p.severity === "错误").length;
        const head = `“${r.sheet}”：${r.withFigures.length} 个单位有平台数据${r.blank.length ? `，${r.blank.length} 个单位未填` : ""}。`;
        append(
          out,
          messageBox(
            errors ? "error" : r.problems.length ? "info" : "ok",
            r.problems.length ? `${head}发现 ${r.problems.length} 个问题（其中 ${errors} 个数据或单位名称未采用）。` : head,
            r.problems.length ? "点击问题跳到对应单元格；改正后再检查一次。单位名称须与成员单位名单一致，不一致的行不会被猜测采用。" : "数据可供核定时与单位自报数据比对。",
          ),
        );
        if (r.withFigures.length) append(out, h("p", { className: "hint" }, `有数据：${r.withFigures.join("、")}`));
        if (r.problems.length) append(out, problemList(ctx.actions, r.problems));
      },
      { cancellable: false },
    );
  });
  const compare = ctx.button("与单位数据比对", () => {
    void ctx.run(
      out,
      "正在比对平台数据与单位自报数据",
      () => ctx.actions.crossCheckPlatform(year, kind),
      (r) => append(out, crossCheckView(ctx.actions, r)),
      { cancellable: false },
    );
  });
  append(
    ctx.el,
    h(
      "p",
      { className: "hint" },
      `考核组从信用平台调阅的数据（评分标准注明“平台调阅”的各项），${year} 年度${UNIT_KIND_LABEL[kind]}每个单位一行。这是考核组自己的记录，不发给单位；核定时用来与单位自报的数据比对。`,
    ),
    h("div", { className: "actions" }, make, check, compare),
    out,
  );
}

/**
 * The 平台比对's result: one item per unit and clause where the platform differs, with its ready 核定说明; where
 * the platform decides otherwise, 按平台数据核定 records the proposal in the 核定记录 (kind 按平台数据).
 */
function crossCheckView(actions: CreditActions, r: CrossCheckResult): HTMLElement {
  const box = h("div", {});
  const differ = r.rows.filter((x) => x.finding === "扣分不同").length;
  const head = `已比对 ${r.checked.length} 个单位：与平台数据不一致 ${r.rows.length} 条${r.rows.length ? `（其中扣分不同 ${differ} 条）` : ""}。`;
  append(
    box,
    messageBox(
      r.rows.length ? "info" : "ok",
      head,
      r.rows.length ? "扣分不同的条款可点“按平台数据核定”，按平台数据的扣分和下面的核定说明写入核定记录；条款多时，在“核定”步骤点“生成核定表”，表中这些行选“按平台数据”一次记录。数据不同但扣分相同的，请核实后在“核定”步骤处理。" : r.checked.length ? "单位自报数据与平台调阅数据一致。" : "没有可比对的单位：请先导入单位的回收表，并在平台数据表中填写调阅的数据。",
    ),
  );
  if (r.noFigures.length) append(box, h("p", { className: "hint" }, `平台数据未填（未比对）：${r.noFigures.join("、")}`));
  if (r.notReturned.length) append(box, h("p", { className: "hint" }, `有平台数据但工作簿中没有其考核表：${r.notReturned.join("、")}`));
  if (r.problems.length) append(box, h("p", { className: "hint" }, `平台数据表中有 ${r.problems.length} 个问题，点“检查平台数据表”查看。`));
  if (!r.rows.length) return box;
  const reviewer = h("input", { attrs: { type: "text", name: "reviewer", autocomplete: "name" } });
  append(box, field("核定人", reviewer, "按平台数据核定时写入核定记录。"));
  const list = h("ul", { className: "crosscheck", attrs: { "aria-label": "平台比对结果" } });
  for (const row of r.rows) {
    const status = h("div", { attrs: { "aria-live": "polite" } });
    const self = typeof row.self === "number" ? `自评扣 ${formatPoints(row.self)} 分` : `自评“${row.self}”`;
    const what =
      row.proposed === undefined ? "平台数据不足以判定" : row.finding === "数据不同" ? `扣分相同（${formatPoints(row.proposed)} 分），数据不同` : `平台数据扣 ${formatPoints(row.proposed)} 分，${self}`;
    const item = h("li", { className: "crosscheck-item" }, h("p", {}, h("strong", {}, `${row.unit} ${shortId(row.clauseId)}【${row.finding}】`), ` ${what}`), h("p", { className: "clause-text" }, row.reason));
    if (row.recorded) append(item, h("p", { className: "hint" }, `已核定：扣 ${formatPoints(row.recorded.to)} 分（${row.recorded.kind}）`));
    if (row.finding === "扣分不同" && row.proposed !== undefined && row.recorded?.to !== row.proposed) {
      const accept = h("button", {
        attrs: { type: "button" },
        onClick: () => {
          clear(status);
          if (!checkFields([[reviewer, reviewer.value.trim() ? undefined : "请填写核定人。"]])) return;
          accept.disabled = true;
          actions
            .recordVerification({ sheet: row.sheet, clauseId: row.clauseId, deduction: row.proposed!, reason: row.reason, reviewer: reviewer.value.trim(), kind: "按平台数据", basis: row.basis, platformBasis: row.platformBasis })
            .then((v) => append(status, messageBox("ok", `已按平台数据核定：${row.unit} ${shortId(row.clauseId)} 扣 ${formatPoints(v.to)} 分，已写入核定记录。`)))
            .catch((error: unknown) => {
              accept.disabled = false;
              const m = describeError(error);
              append(status, messageBox("error", m.message, m.next));
            });
        },
      }, "按平台数据核定");
      append(item, h("div", { className: "actions" }, accept));
    }
    append(item, status);
    append(list, item);
  }
  append(box, list);
  return box;
}
