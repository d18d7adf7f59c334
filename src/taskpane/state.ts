/*
 * The pane's one state, shared by every view: the chosen year and unit kind, the step on screen, and the
 * task running now (one at a time). Views read it; only the shell (app.ts) and the task runner change it.
 */
import { CATALOGS, type UnitKind } from "../core/index";
import type { CreditView } from "../commands/views";

/** Years with a catalog, newest first. */
export function years(): number[] {
  return [...new Set(CATALOGS.map((c) => c.year))].sort((a, b) => b - a);
}

export function kindsOf(year: number): UnitKind[] {
  return CATALOGS.filter((c) => c.year === year).map((c) => c.kind);
}

export class PaneState {
  year = years()[0];
  kind: UnitKind = kindsOf(this.year)[0];
  view: CreditView = "template";
  /** The running task's controller (its signal cancels it), or null when idle. */
  running: AbortController | null = null;
  /** Each step's result area: its last outcome stays when the clerk goes to another step and back. */
  private readonly results = new Map<CreditView, HTMLElement>();

  /** The step's result area (kept), or a fresh one when `keep` is false. */
  resultArea(view: CreditView, keep = true): HTMLElement {
    let area = keep ? this.results.get(view) : undefined;
    if (!area) {
      area = document.createElement("div");
      area.className = "result";
      this.results.set(view, area);
    }
    return area;
  }
}
