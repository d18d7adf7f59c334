/*
 * The task pane's shell: 年度 / 单位类型, the steps of the workflow (生成模板 → 提交前检查 → 导入回收表 → 平台数据 →
 * 核定 → 生成汇总, and 帮助), and the view on screen. Each step is its own module in views/, over one PaneState;
 * all workbook work goes through CreditActions (actions.ts), one task at a time (task.ts).
 */
import { UNIT_KIND_LABEL, type UnitKind } from "../core/index";
import { VIEWS, type CreditView } from "../commands/views";
import type { CreditActions } from "./actions";
import { append, clear, field, h, uid } from "./dom";
import { kindsOf, PaneState, years } from "./state";
import { TaskRunner } from "./task";
import { assessView } from "./views/assess";
import { checkView } from "./views/check";
import type { ViewContext } from "./views/context";
import { helpView } from "./views/help";
import { importView } from "./views/import";
import { platformView } from "./views/platform";
import { summaryView } from "./views/summary";
import { templateView } from "./views/template";

const VIEW_LABEL: Record<CreditView, string> = {
  template: "生成模板",
  check: "提交前检查",
  import: "导入回收表",
  platform: "平台数据",
  assess: "核定",
  summary: "生成汇总",
  help: "帮助",
};

const RENDER: Record<CreditView, (ctx: ViewContext) => void> = {
  template: templateView,
  check: checkView,
  import: importView,
  platform: platformView,
  assess: assessView,
  summary: summaryView,
  help: helpView,
};

export interface Unsupported {
  title: string;
  message: string;
  next: string;
}

export interface AppOptions {
  root: HTMLElement;
  actions: CreditActions;
  view?: CreditView;
  /** Set when the pane cannot work with the workbook here (outside Excel, old Excel): only 帮助 is shown. */
  unsupported?: Unsupported;
}

export class App {
  private readonly state = new PaneState();
  private readonly actions: CreditActions;
  private readonly unsupported?: Unsupported;
  private readonly nav = new Map<CreditView, HTMLButtonElement>();
  private readonly viewEl: HTMLElement;
  private readonly contextEl: HTMLElement;
  private readonly tasks: TaskRunner;

  constructor(options: AppOptions) {
    this.actions = options.actions;
    this.unsupported = options.unsupported;
    const root = options.root;
    clear(root);

    if (this.unsupported) {
      append(
        root,
        h(
          "div",
          { className: "msg msg-error unsupported", attrs: { role: "alert" } },
          h("p", { className: "msg-title" }, this.unsupported.title),
          h("p", { className: "msg-text" }, this.unsupported.message),
          h("p", { className: "msg-next" }, this.unsupported.next),
        ),
      );
    }

    this.contextEl = this.contextBar();
    append(root, this.contextEl);

    if (!this.unsupported) {
      const nav = h("nav", { className: "steps", attrs: { "aria-label": "考核工作步骤" } });
      for (const view of VIEWS) {
        const button = h("button", { className: "step", attrs: { type: "button", "data-view": view }, onClick: () => this.show(view) }, VIEW_LABEL[view]);
        this.nav.set(view, button);
        nav.appendChild(button);
      }
      append(root, nav);
    }

    this.tasks = new TaskRunner(this.state, root);
    this.viewEl = h("section", { className: "view", attrs: { "aria-live": "off" } });
    append(root, this.viewEl);
    this.show(this.unsupported ? "help" : (options.view ?? "template"));
  }

  get currentView(): CreditView {
    return this.state.view;
  }

  show(view: CreditView): void {
    if (this.unsupported && view !== "help") view = "help";
    // A task runs (a ribbon button was clicked meanwhile): stay with it; its result is shown in its step.
    if (this.state.running && view !== this.state.view) return;
    this.state.view = view;
    // 年度 / 单位类型 only matter where the catalog is chosen; other steps read them from the sheets.
    this.contextEl.hidden = view !== "template" && view !== "platform" && view !== "help";
    for (const [v, button] of this.nav) {
      if (v === view) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    }
    this.render();
  }

  private contextBar(): HTMLElement {
    const state = this.state;
    const yearSelect = h("select", { attrs: { name: "year" } }, ...years().map((y) => h("option", { attrs: { value: y } }, `${y} 年度`)));
    yearSelect.value = String(state.year);
    const kindSelect = h("select", { attrs: { name: "kind" } });
    const fillKinds = () => {
      clear(kindSelect);
      for (const k of kindsOf(state.year)) kindSelect.appendChild(h("option", { attrs: { value: k } }, UNIT_KIND_LABEL[k]));
      if (!kindsOf(state.year).includes(state.kind)) state.kind = kindsOf(state.year)[0];
      kindSelect.value = state.kind;
    };
    fillKinds();
    yearSelect.addEventListener("change", () => {
      state.year = Number(yearSelect.value);
      fillKinds();
      this.render();
    });
    kindSelect.addEventListener("change", () => {
      state.kind = kindSelect.value as UnitKind;
      this.render();
    });
    return h("div", { className: "context" }, field("考核年度", yearSelect), field("单位类型", kindSelect));
  }

  private render(): void {
    const view = this.state.view;
    clear(this.viewEl);
    const heading = h("h2", { id: uid("view") }, VIEW_LABEL[view]);
    this.viewEl.setAttribute("aria-labelledby", heading.id);
    this.viewEl.dataset.view = view;
    append(this.viewEl, heading);
    const tasks = this.tasks;
    RENDER[view]({
      state: this.state,
      actions: this.actions,
      el: this.viewEl,
      button: (label, onClick, primary) => tasks.button(label, onClick, primary),
      result: (keep) => this.state.resultArea(view, keep),
      run: (out, label, work, done, settings) => tasks.run(out, label, work, done, settings),
    });
  }
}
