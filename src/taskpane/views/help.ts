/* 帮助: how to use the pane, the chosen year's rules, the CREDIT.* functions (read once per pane). */
import { append, h } from "../dom";
import { functionsSection, helpView as helpContent, loadFunctionMetadata } from "../help";
import type { ViewContext } from "./context";

let functionsMeta: ReturnType<typeof loadFunctionMetadata> | undefined;

export function helpView(ctx: ViewContext): void {
  const slot = h("section", { className: "card" }, h("h3", {}, "计分函数（=CREDIT.…）"), h("p", { className: "hint" }, "正在读取函数说明…"));
  append(ctx.el, helpContent(ctx.state.year, ctx.state.kind, slot));
  functionsMeta ??= loadFunctionMetadata();
  void functionsMeta.then((meta) => {
    if (slot.isConnected) slot.replaceWith(functionsSection(meta));
  });
}
