/* 提交前检查 of the sheet the user is on: problems listed, each one click away from its cell. */
import { append, h } from "../dom";
import { messageBox, problemList } from "../ui";
import type { ViewContext } from "./context";

export function checkView(ctx: ViewContext): void {
  const out = ctx.result();
  const go = ctx.button("检查当前工作表", () => {
    void ctx.run(
      out,
      "正在检查",
      () => ctx.actions.checkActiveSheet(),
      (r) => {
        const who = r.unit ? `“${r.sheet}”（${r.unit}）` : `“${r.sheet}”`;
        const errors = r.problems.filter((p) => p.severity === "错误").length;
        if (r.problems.length === 0) append(out, messageBox("ok", `工作表${who}没有发现问题。`, "可以保存并提交给市信用办。"));
        else {
          append(
            out,
            messageBox(
              errors ? "error" : "info",
              `工作表${who}发现 ${r.problems.length} 个问题（其中 ${errors} 个必须改正）。`,
              "点击下面的问题会跳到对应单元格；改正后再检查一次。",
            ),
            problemList(ctx.actions, r.problems),
          );
        }
      },
      { cancellable: false },
    );
  });
  append(
    ctx.el,
    h("p", { className: "hint" }, "检查当前打开的考核表是否填写完整、格式正确、佐证材料是否注明。检查不会修改任何内容。"),
    h("div", { className: "actions" }, go),
    out,
  );
}
