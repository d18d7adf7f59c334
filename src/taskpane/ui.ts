/*
 * Parts every view uses: a message with its next step, and a list of problems each one click away from
 * its cell. All text goes in through dom.ts (text nodes, never markup).
 */
import { describeError, type CreditActions, type SheetProblem } from "./actions";
import { append, clear, h, uid } from "./dom";

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

/**
 * Marks a form control invalid: aria-invalid and the reason right under the control (inside its .field),
 * referenced by aria-describedby so a screen reader reads it with the field. Without a message: clears it.
 */
export function markField(control: HTMLElement, message?: string): void {
  const holder = control.closest(".field") ?? control.parentElement;
  const errorId = `${control.id || (control.id = uid("f"))}-error`;
  let error = holder?.querySelector<HTMLElement>(`#${CSS.escape(errorId)}`) ?? null;
  const described = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id && id !== errorId);
  if (!message) {
    control.removeAttribute("aria-invalid");
    error?.remove();
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
    return;
  }
  if (!error) {
    error = h("p", { className: "field-error", id: errorId });
    control.insertAdjacentElement("afterend", error);
  }
  error.textContent = message;
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", [errorId, ...described].join(" "));
}

/**
 * Checks a form: each entry is a control and its problem (undefined when fine). Marks every control,
 * focuses the first invalid one and returns whether all are valid.
 */
export function checkFields(entries: [HTMLElement, string | undefined][]): boolean {
  let first: HTMLElement | undefined;
  for (const [control, problem] of entries) {
    markField(control, problem);
    if (problem && !first) first = control;
  }
  first?.focus();
  return !first;
}
