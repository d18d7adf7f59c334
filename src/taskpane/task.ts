/*
 * One task at a time, shown where the clerk started it: the progress and 取消 appear in the step's own
 * result area, right under its action button, and take the focus; the outcome replaces them there and
 * takes the focus in turn (a screen reader reads it, the pane scrolls to it). While a task runs every other
 * control of the pane — steps, 年度 / 单位类型, the form — is disabled, so nothing can change under it.
 * A cancel keeps what was finished and says which items those were.
 */
import { isAbort } from "../office/abort";
import { describeError, type Progress, type RunOptions } from "./actions";
import { append, clear, h } from "./dom";
import type { PaneState } from "./state";
import { messageBox } from "./ui";

export interface RunSettings {
  /** Show 取消 (default true). */
  cancellable?: boolean;
  /** What the items are called in the cancel message, e.g. "个单位", "个文件". */
  unit?: string;
}

/** "3 / 8：工农区" while the third of eight is in work; "8 / 8" when all are done. */
function progressText(p: Progress): string {
  return p.label && p.done < p.total ? `${p.done + 1} / ${p.total}：${p.label}` : `${p.done} / ${p.total}`;
}

export class TaskRunner {
  constructor(
    private readonly state: PaneState,
    /** The whole pane: everything in it but the running task's own box is locked while it runs. */
    private readonly root: HTMLElement,
  ) {}

  /** A button that starts work (disabled while a task runs, like every control). */
  button(label: string, onClick: () => void, primary = true): HTMLButtonElement {
    const button = h("button", { className: primary ? "primary" : "secondary", attrs: { type: "button" }, onClick }, label);
    if (this.state.running) button.disabled = true;
    return button;
  }

  async run<T>(out: HTMLElement, label: string, work: (options: RunOptions) => Promise<T>, done: (result: T) => void, settings: RunSettings = {}): Promise<void> {
    if (this.state.running) return;
    const cancellable = settings.cancellable ?? true;
    const controller = new AbortController();
    this.state.running = controller;
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
    const box = h("div", { className: "task", attrs: { tabindex: -1, "aria-busy": "true" } }, h("p", { className: "task-title" }, label), progress, text, cancellable ? cancel : null);
    append(out, box);
    const locked = this.lock(box);
    reveal(cancellable ? cancel : box);

    // Items reported in work, by position: those before the last reported position are finished.
    const items: string[] = [];
    let finished = 0;
    let total = 0;
    const onProgress = (p: Progress) => {
      if (p.label) items[p.done] = p.label;
      finished = Math.max(finished, Math.min(p.done, p.total));
      total = p.total;
      progress.max = Math.max(1, p.total);
      progress.value = Math.min(p.done, p.total);
      if (!controller.signal.aborted) text.textContent = progressText(p);
    };
    try {
      const result = await work({ signal: controller.signal, onProgress });
      clear(out);
      done(result);
    } catch (error) {
      clear(out);
      if (isAbort(error)) append(out, cancelledMessage(items.slice(0, finished).filter(Boolean), finished, total, settings.unit ?? "项"));
      else {
        const m = describeError(error, label.replace(/^正在/, ""));
        append(out, messageBox("error", m.message, m.next));
      }
    } finally {
      this.state.running = null;
      for (const el of locked) el.disabled = false;
      const first = out.querySelector<HTMLElement>(".msg, ul, p");
      if (first && out.isConnected) {
        first.tabIndex = -1;
        reveal(first);
      }
    }
  }

  /** Disables every enabled control of the pane outside `keep`; returns them to enable again. */
  private lock(keep: HTMLElement): (HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] {
    const controls = Array.from(this.root.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("button, input, select, textarea"));
    const locked = controls.filter((c) => !c.disabled && !keep.contains(c));
    for (const c of locked) c.disabled = true;
    return locked;
  }
}

function reveal(el: HTMLElement): void {
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "nearest" });
}

function cancelledMessage(doneItems: string[], finished: number, total: number, unit: string): HTMLElement {
  if (total === 0) return messageBox("info", "已取消，没有做任何改动。", "需要时再点一次开始。");
  const list = doneItems.length ? `：${doneItems.join("、")}` : "";
  return messageBox(
    "info",
    `已取消。取消前已完成 ${finished} / ${total} ${unit}${list}。`,
    finished < total ? `其余 ${total - finished} ${unit}没有处理，正在处理的那一项没有写入；需要时只对其余的再做一次。` : "全部已完成。",
  );
}
