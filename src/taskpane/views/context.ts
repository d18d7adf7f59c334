/* What a view gets from the shell: the shared state, the workbook actions, its section and the task runner. */
import type { CreditActions, RunOptions } from "../actions";
import type { PaneState } from "../state";
import type { RunSettings } from "../task";

export interface ViewContext {
  readonly state: PaneState;
  readonly actions: CreditActions;
  /** The view's section, its heading already in place. */
  readonly el: HTMLElement;
  /** A button that starts work: disabled while a task runs. */
  button(label: string, onClick: () => void, primary?: boolean): HTMLButtonElement;
  /** The step's result area, to place right under its action button; kept across steps unless keep is false. */
  result(keep?: boolean): HTMLElement;
  /** Runs one task: progress and 取消 in `out` (the result area), then the outcome there. */
  run<T>(out: HTMLElement, label: string, work: (options: RunOptions) => Promise<T>, done: (result: T) => void, settings?: RunSettings): Promise<void>;
}
