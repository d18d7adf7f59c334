/*
 * One task at a time: while it runs the action buttons are disabled, progress is shown (determinate once
 * the action reports it) with a 取消 button that aborts the task's signal; the outcome or error is written
 * into the view's result area.
 */
import { describeError, type Progress, type RunOptions } from "./actions";
import { append, clear, h } from "./dom";
import type { PaneState } from "./state";
import { messageBox } from "./ui";

export class TaskRunner {
  private readonly buttons = new Set<HTMLButtonElement>();

  constructor(
    private readonly state: PaneState,
    /** Where progress and 取消 are shown. */
    private readonly taskEl: HTMLElement,
  ) {}

  /** Forget the buttons of a view that is no longer shown. */
  reset(): void {
    this.buttons.clear();
  }

  /** A button that starts work: disabled while any task runs. */
  button(label: string, onClick: () => void, primary = true): HTMLButtonElement {
    const button = h("button", { className: primary ? "primary" : "secondary", attrs: { type: "button" }, onClick }, label);
    if (this.state.running) button.disabled = true;
    this.buttons.add(button);
    return button;
  }

  async run<T>(
    out: HTMLElement,
    label: string,
    work: (options: RunOptions) => Promise<T>,
    done: (result: T) => void,
    cancellable = true,
  ): Promise<void> {
    if (this.state.running) return;
    const controller = new AbortController();
    this.state.running = controller;
    for (const b of this.buttons) b.disabled = true;
    clear(out);
    const progress = h("progress", { attrs: { "aria-label": `${label}进度` } });
    const text = h("span", { className: "task-text", attrs: { role: "status" } }, `${label}…`);
    const cancel = h(
      "button",
      {
        className: "secondary",
        attrs: { type: "button" },
        onClick: () => {
          controller.abort();
          cancel.disabled = true;
          text.textContent = "正在取消（当前这一项完成或撤回后停止）…";
        },
      },
      "取消",
    );
    clear(this.taskEl);
    append(this.taskEl, h("p", { className: "task-title" }, label), progress, text, cancellable ? cancel : null);
    this.taskEl.hidden = false;
    const onProgress = (p: Progress) => {
      progress.max = Math.max(1, p.total);
      progress.value = Math.min(p.done, p.total);
      if (!controller.signal.aborted) text.textContent = `${p.done} / ${p.total}${p.label ? `：${p.label}` : ""}`;
    };
    try {
      const result = await work({ signal: controller.signal, onProgress });
      done(result);
    } catch (error) {
      const m = describeError(error);
      clear(out);
      append(out, messageBox(m.message === "已取消。" ? "info" : "error", m.message, m.next));
    } finally {
      this.state.running = null;
      this.taskEl.hidden = true;
      clear(this.taskEl);
      for (const b of this.buttons) if (b.isConnected) b.disabled = false;
    }
  }
}
