/*
 * Parts every view uses: a message with its next step, and a list of problems each one click away from
 * its cell. All text goes in through dom.ts (text nodes, never markup).
 */
import { describeError, type CreditActions, type SheetProblem } from "./actions";
import { append, clear, h } from "./dom";

export type MessageKind = "ok" | "error" | "info";

export function messageBox(kind: MessageKind, text: string, next?: string): HTMLElement {
  return h(
    "div",
    { className: `msg msg-${kind}`, attrs: { role: kind === "error" ? "alert" : "status" } },
    h("p", { className: "msg-text" }, text),
    next ? h("p", { className: "msg-next" }, next) : null,
  );
}

export function problemList(actions: CreditActions, problems: SheetProblem[]): HTMLElement {
  const status = h("div", { className: "goto-status" });
  const list = h(
    "ul",
    { className: "problems", attrs: { "aria-label": "问题列表" } },
    ...problems.map((p) => {
      const where = p.address ? `${p.sheet}!${p.address}` : p.sheet;
      return h(
        "li",
        { className: p.severity === "错误" ? "problem problem-error" : "problem problem-tip" },
        h(
          "button",
          {
            className: "problem-link",
            attrs: { type: "button", "aria-label": `转到 ${where}：${p.severity}，${p.message}`, title: `转到 ${where}` },
            onClick: () => {
              clear(status);
              actions.goToCell(p.sheet, p.address).catch((error: unknown) => {
                const m = describeError(error);
                append(status, messageBox("error", m.message, m.next));
              });
            },
          },
          h("span", { className: "cell" }, p.address || "—"),
          h("span", { className: "sev" }, p.severity),
          h("span", { className: "text" }, p.message),
        ),
      );
    }),
  );
  return h("div", {}, list, status);
}
