/* What a view gets from the shell: the shared state, the workbook actions, its section and the task runner. */
import type { CreditActions, RunOptions } from "../actions";
import type { PaneState } from "../state";

export interface ViewContext {
  readonly state: PaneState;
  readonly actions: CreditActions;
  /** The view's section, its heading already in place. */
  readonly el: HTMLElement;
  /** A button that starts work: disabled while a task runs. */
  button(label: string, onClick: () => void, primary?: boolean): HTMLButtonElement;
  /** Runs one task with progress and 取消; the outcome or error goes into `out`. */
  run<T>(out: HTMLElement, label: string, work: (options: RunOptions) => Promise<T>, done: (result: T) => void, cancellable?: boolean): Promise<void>;
}
