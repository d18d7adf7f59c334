/*
 * 帮助: how to use the pane, the chosen year's rules, and — folded, read only when opened — the CREDIT.*
 * functions for clerks who write their own formulas (read once per pane).
 */
import { append, h } from "../dom";
import { functionsSection, helpView as helpContent, loadFunctionMetadata } from "../help";
import type { ViewContext } from "./context";

let functionsMeta: ReturnType<typeof loadFunctionMetadata> | undefined;

export function helpView(ctx: ViewContext): void {
  const body = h("div", {}, h("p", { className: "hint" }, "正在读取函数说明…"));
  const folded = h(
    "details",
    { className: "card functions-card" },
    h("summary", {}, "计分函数（自己在单元格中写公式时参考）"),
    h("p", { className: "hint" }, "考核模板已写好全部公式，填表和汇总用不到这里的内容。"),
    body,
  ) as HTMLDetailsElement;
  folded.addEventListener("toggle", () => {
    if (!folded.open) return;
    functionsMeta ??= loadFunctionMetadata();
    void functionsMeta.then((meta) => {
      if (body.isConnected) body.replaceWith(functionsSection(meta));
    });
  });
  append(ctx.el, helpContent(ctx.state.year, ctx.state.kind, folded));
}
