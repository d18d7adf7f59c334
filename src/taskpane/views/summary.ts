/* 生成汇总: both ranked tables, with the share the 市委考评办 carries into the overall assessment. */
import { append, clear, field, h } from "../dom";
import { messageBox } from "../ui";
import type { ViewContext } from "./context";

export function summaryView(ctx: ViewContext): void {
  const out = h("div", { className: "result" });
  const weight = h("input", { attrs: { type: "number", name: "weight", min: 0.1, max: 100, step: 0.1, value: 100, inputmode: "decimal" } });
  const go = ctx.button("生成汇总", () => {
    const percent = Number(weight.value);
    if (weight.value.trim() === "" || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
      clear(out);
      append(out, messageBox("error", "“计入比例”必须是大于 0、不超过 100 的数。", "请按市委考评办确定的比例填写，例如 5 表示得分的 5% 计入。"));
      return;
    }
    void ctx.run(
      out,
      "正在生成汇总",
      (o) => ctx.actions.buildSummary({ weight: percent / 100 }, o),
      (r) =>
        append(
          out,
          messageBox(
            r.withProblems ? "info" : "ok",
            `汇总表“${r.sheet}”已更新：${r.units} 个单位${r.withProblems ? `，其中 ${r.withProblems} 个单位有待处理的问题` : ""}。`,
            "汇总表只含数值，可以直接另存发送给市委考评办。",
          ),
        ),
    );
  });
  append(
    ctx.el,
    h("p", { className: "hint" }, "按县区、市直部门分别排名，汇总各单位自评与核定得分。再次生成会原位更新，旁边手工填写的内容保留。"),
    field("计入比例（%）", weight, "按比例计入：单位得分 × 比例 计入年度绩效考核；比例由市委考评办确定。"),
    h("div", { className: "actions" }, go),
    out,
  );
}
