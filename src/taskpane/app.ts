/*
 * The task pane: one screen per step of the workflow (生成模板 → 提交前检查 → 导入回收表 → 核定 → 生成汇总,
 * and 帮助). Plain DOM; every text goes through textContent (dom.ts). All workbook work goes through
 * CreditActions (actions.ts), one task at a time, with progress and a 取消 button for long work.
 */
import { CATALOGS, formatPoints, getCatalog, indexOf, UNIT_KIND_LABEL, type UnitKind } from "../core/index";
import { VIEWS, type CreditView } from "../commands/views";
import {
  describeError,
  NOT_READY,
  type ActionName,
  type CreditActions,
  type Progress,
  type RunOptions,
  type SheetProblem,
  type UnitSheet,
} from "./actions";
import { append, clear, field, h, uid } from "./dom";
import { functionsSection, helpView, loadFunctionMetadata, shortId } from "./help";

export const VIEW_LABEL: Record<CreditView, string> = {
  template: "生成模板",
  check: "提交前检查",
  import: "导入回收表",
  assess: "核定",
  summary: "生成汇总",
  help: "帮助",
};

/** The action behind each step, for the "此功能尚未完成" note. */
const VIEW_ACTION: Partial<Record<CreditView, ActionName>> = {
  template: "generateTemplates",
  check: "checkActiveSheet",
  import: "importFiles",
  assess: "recordVerification",
  summary: "buildSummary",
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

type MessageKind = "ok" | "error" | "info";

export function messageBox(kind: MessageKind, text: string, next?: string): HTMLElement {
  return h(
    "div",
    { className: `msg msg-${kind}`, attrs: { role: kind === "error" ? "alert" : "status" } },
    h("p", { className: "msg-text" }, text),
    next ? h("p", { className: "msg-next" }, next) : null,
  );
}

function years(): number[] {
  return [...new Set(CATALOGS.map((c) => c.year))].sort((a, b) => b - a);
}

function kindsOf(year: number): UnitKind[] {
  return CATALOGS.filter((c) => c.year === year).map((c) => c.kind);
}

export class App {
  private year = years()[0];
  private kind: UnitKind = kindsOf(this.year)[0];
  private view: CreditView = "template";
  private readonly actions: CreditActions;
  private readonly root: HTMLElement;
  private readonly unsupported?: Unsupported;
  private readonly nav = new Map<CreditView, HTMLButtonElement>();
  private readonly viewEl: HTMLElement;
  private readonly contextEl: HTMLElement;
  private readonly taskEl: HTMLElement;
  private readonly actionButtons = new Set<HTMLButtonElement>();
  private running: AbortController | null = null;
  private functionsMeta: ReturnType<typeof loadFunctionMetadata> | undefined;

  constructor(options: AppOptions) {
    this.actions = options.actions;
    this.root = options.root;
    this.unsupported = options.unsupported;
    clear(this.root);

    if (this.unsupported) {
      append(
        this.root,
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
    append(this.root, this.contextEl);

    if (!this.unsupported) {
      const nav = h("nav", { className: "steps", attrs: { "aria-label": "考核工作步骤" } });
      for (const view of VIEWS) {
        const button = h(
          "button",
          { className: "step", attrs: { type: "button", "data-view": view }, onClick: () => this.show(view) },
          VIEW_LABEL[view],
        );
        this.nav.set(view, button);
        nav.appendChild(button);
      }
      append(this.root, nav);
    }

    this.taskEl = h("div", { className: "task", attrs: { hidden: true } });
    this.viewEl = h("section", { className: "view", attrs: { "aria-live": "off" } });
    append(this.root, this.taskEl, this.viewEl);
    this.show(this.unsupported ? "help" : (options.view ?? "template"));
  }

  get currentView(): CreditView {
    return this.view;
  }

  show(view: CreditView): void {
    if (this.unsupported && view !== "help") view = "help";
    this.view = view;
    // 年度 / 单位类型 only matter where the catalog is chosen; other steps read them from the sheets.
    this.contextEl.hidden = view !== "template" && view !== "help";
    for (const [v, button] of this.nav) {
      if (v === view) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    }
    this.render();
  }

  // ── shared parts ────────────────────────────────────────────────────────────

  private contextBar(): HTMLElement {
    const yearSelect = h("select", { attrs: { name: "year" } }, ...years().map((y) => h("option", { attrs: { value: y } }, `${y} 年度`)));
    yearSelect.value = String(this.year);
    const kindSelect = h("select", { attrs: { name: "kind" } });
    const fillKinds = () => {
      clear(kindSelect);
      for (const k of kindsOf(this.year)) kindSelect.appendChild(h("option", { attrs: { value: k } }, UNIT_KIND_LABEL[k]));
      if (!kindsOf(this.year).includes(this.kind)) this.kind = kindsOf(this.year)[0];
      kindSelect.value = this.kind;
    };
    fillKinds();
    yearSelect.addEventListener("change", () => {
      this.year = Number(yearSelect.value);
      fillKinds();
      this.render();
    });
    kindSelect.addEventListener("change", () => {
      this.kind = kindSelect.value as UnitKind;
      this.render();
    });
    return h("div", { className: "context" }, field("考核年度", yearSelect), field("单位类型", kindSelect));
  }

  private actionButton(label: string, onClick: () => void, primary = true): HTMLButtonElement {
    const button = h("button", { className: primary ? "primary" : "secondary", attrs: { type: "button" }, onClick }, label);
    if (this.running) button.disabled = true;
    this.actionButtons.add(button);
    return button;
  }

  private notReadyNote(view: CreditView): HTMLElement | null {
    const action = VIEW_ACTION[view];
    if (!action || this.actions.available[action]) return null;
    return h("p", { className: "note" }, `${NOT_READY}：这一步的 Excel 操作还在开发中，点击按钮会说明原因。`);
  }

  /**
   * Runs one task: disables the action buttons, shows progress (determinate once the action reports it)
   * and a 取消 button that aborts the task's signal. The outcome or error is written into `out`.
   */
  private async runTask<T>(
    out: HTMLElement,
    label: string,
    work: (options: RunOptions) => Promise<T>,
    done: (result: T) => void,
    cancellable = true,
  ): Promise<void> {
    if (this.running) return;
    const controller = new AbortController();
    this.running = controller;
    for (const b of this.actionButtons) b.disabled = true;
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
      this.running = null;
      this.taskEl.hidden = true;
      clear(this.taskEl);
      for (const b of this.actionButtons) if (b.isConnected) b.disabled = false;
    }
  }

  private problemList(problems: SheetProblem[]): HTMLElement {
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
                this.actions.goToCell(p.sheet, p.address).catch((error: unknown) => {
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

  // ── views ───────────────────────────────────────────────────────────────────

  private render(): void {
    this.actionButtons.clear();
    clear(this.viewEl);
    const heading = h("h2", { id: uid("view") }, VIEW_LABEL[this.view]);
    this.viewEl.setAttribute("aria-labelledby", heading.id);
    this.viewEl.dataset.view = this.view;
    append(this.viewEl, heading, this.notReadyNote(this.view));
    switch (this.view) {
      case "template":
        this.templateView();
        break;
      case "check":
        this.checkView();
        break;
      case "import":
        this.importView();
        break;
      case "assess":
        this.assessView();
        break;
      case "summary":
        this.summaryView();
        break;
      case "help":
        this.helpView();
        break;
    }
  }

  private templateView(): void {
    const { year, kind } = this;
    const out = h("div", { className: "result" });
    const body = h("div", {});
    append(
      this.viewEl,
      h("p", { className: "hint" }, `为 ${year} 年度${UNIT_KIND_LABEL[kind]}的每个成员单位生成一个考核表工作表，发给单位填写。已有同名工作表时，单位填写的内容不会丢失。`),
      body,
      out,
    );
    append(body, h("p", { className: "hint" }, "正在读取单位名单…"));
    this.actions
      .listUnits(kind, year)
      .catch(() => [] as string[])
      .then((units) => {
        if (this.view !== "template" || this.kind !== kind || this.year !== year || !body.isConnected) return;
        clear(body);
        const group = uid("scope");
        const all = h("input", { attrs: { type: "radio", name: group, value: "all", checked: true } });
        const chosen = h("input", { attrs: { type: "radio", name: group, value: "chosen" } });
        const boxes = units.map((u) => h("input", { attrs: { type: "checkbox", value: u, name: "unit" } }));
        const unitList = h(
          "fieldset",
          { className: "units", attrs: { hidden: true } },
          h("legend", {}, "选择单位"),
          ...boxes.map((box, i) => h("label", { className: "check" }, box, units[i])),
        );
        const typed = h("textarea", { attrs: { rows: 5, name: "units", placeholder: "例如：\n市发展和改革委员会\n市市场监督管理局" } });
        const scope = h(
          "fieldset",
          { className: "scope" },
          h("legend", {}, "生成范围"),
          h("label", { className: "check" }, all, `全部单位（${units.length} 个）`),
          h("label", { className: "check" }, chosen, "选定的单位"),
        );
        const formulas = uid("variant");
        const addin = h("input", { attrs: { type: "radio", name: formulas, value: "addin", checked: true } });
        const portable = h("input", { attrs: { type: "radio", name: formulas, value: "portable" } });
        const variant = h(
          "fieldset",
          { className: "variant" },
          h("legend", {}, "公式"),
          h("label", { className: "check" }, addin, "加载项函数（扣分说明最详细；单位须安装本加载项）"),
          h("label", { className: "check" }, portable, "通用公式（单位用 WPS 或未装加载项的 Excel 填写时选用）"),
        );
        const sync = () => {
          unitList.hidden = !chosen.checked;
        };
        all.addEventListener("change", sync);
        chosen.addEventListener("change", sync);
        if (units.length) append(body, scope, unitList);
        else append(body, field(`${UNIT_KIND_LABEL[kind]}名单（每行一个单位）`, typed, "默认名单尚未提供，请输入要生成模板的单位名称。"));
        append(body, variant);

        const go = this.actionButton("生成模板", () => {
          const list = units.length
            ? all.checked
              ? units
              : boxes.filter((b) => b.checked).map((b) => b.value)
            : [...new Set(typed.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean))];
          if (list.length === 0) {
            clear(out);
            append(out, messageBox("error", "还没有选择任何单位。", units.length ? "请勾选至少一个单位，或选择“全部单位”。" : "请在名单中每行输入一个单位名称。"));
            return;
          }
          void this.runTask(
            out,
            `正在生成 ${list.length} 个模板`,
            (o) => this.actions.generateTemplates({ year, kind, units: list, variant: portable.checked ? "portable" : "addin" }, o),
            (r) => {
              append(out, messageBox(r.sheets.length ? "ok" : "info", `已生成 ${r.sheets.length} 个模板${r.sheets.length ? `：${r.sheets.join("、")}` : ""}。`, r.sheets.length ? "请检查后把各单位的工作表另存为文件发给单位。" : "下面列出了每个单位未生成的原因。"));
              const notes = r.notes ?? [];
              if (notes.length) {
                const features = [...new Set(notes.map((n) => n.note))];
                append(out, messageBox("info", `此版本的 Excel 不支持部分功能，模板中未写入：${features.join("、")}。`, "模板仍可填写和计分；需要这些功能时请使用 Microsoft 365 或 Excel 网页版重新生成。"));
              }
              if (r.skipped.length) {
                append(out, h("ul", { className: "skipped", attrs: { "aria-label": "未生成的单位" } }, ...r.skipped.map((s) => h("li", {}, `${s.unit}：${s.reason}`))));
              }
            },
          );
        });
        append(body, h("div", { className: "actions" }, go));
      });
  }

  private checkView(): void {
    const out = h("div", { className: "result" });
    const go = this.actionButton("检查当前工作表", () => {
      void this.runTask(
        out,
        "正在检查",
        () => this.actions.checkActiveSheet(),
        (r) => {
          const who = r.unit ? `“${r.sheet}”（${r.unit}）` : `“${r.sheet}”`;
          const errors = r.problems.filter((p) => p.severity === "错误").length;
          if (r.problems.length === 0) append(out, messageBox("ok", `工作表${who}没有发现问题。`, "可以保存并提交给市信用办。"));
          else {
            append(
              out,
              messageBox(
                errors ? "error" : "info",
                `工作表${who}发现 ${r.problems.length} 个问题（其中 ${errors} 个必须改正）。`,
                "点击下面的问题会跳到对应单元格；改正后再检查一次。",
              ),
              this.problemList(r.problems),
            );
          }
        },
        false,
      );
    });
    append(
      this.viewEl,
      h("p", { className: "hint" }, "检查当前打开的考核表是否填写完整、格式正确、佐证材料是否注明。检查不会修改任何内容。"),
      h("div", { className: "actions" }, go),
      out,
    );
  }

  private importView(): void {
    const out = h("div", { className: "result" });
    const input = h("input", {
      attrs: { type: "file", multiple: true, accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    const picked = h("p", { className: "hint", attrs: { "aria-live": "polite" } }, "尚未选择文件。");
    input.addEventListener("change", () => {
      const n = input.files?.length ?? 0;
      picked.textContent = n ? `已选择 ${n} 个文件。` : "尚未选择文件。";
    });
    const go = this.actionButton("导入", () => {
      const files = Array.from(input.files ?? []);
      if (files.length === 0) {
        clear(out);
        append(out, messageBox("error", "还没有选择文件。", "请点“选择文件”，选中各单位交回的 .xlsx 考核表（可多选）。"));
        return;
      }
      const notXlsx = files.filter((f) => !/\.xlsx$/i.test(f.name));
      const xlsx = files.filter((f) => /\.xlsx$/i.test(f.name));
      const rejected = notXlsx.map((f) => ({ file: f.name, ok: false, message: "不是 .xlsx 文件，未导入。请让单位用 Excel 另存为 .xlsx 后重新发送。", problems: [] as SheetProblem[] }));
      const show = (results: typeof rejected) => {
        const ok = results.filter((r) => r.ok).length;
        append(
          out,
          messageBox(ok === results.length ? "ok" : "error", `共 ${results.length} 个文件：导入 ${ok} 个，未导入 ${results.length - ok} 个。`, ok === results.length ? "下一步：核定或生成汇总。" : "未导入的文件没有改动当前工作簿；请按说明处理后重新导入。"),
          h(
            "ul",
            { className: "files", attrs: { "aria-label": "导入结果" } },
            ...results.map((r) => h("li", { className: r.ok ? "file-ok" : "file-bad" }, h("strong", {}, `${r.ok ? "✓" : "✗"} ${r.file}`), h("span", {}, r.message), r.problems.length ? this.problemList(r.problems) : null)),
          ),
        );
      };
      if (xlsx.length === 0) {
        clear(out);
        show(rejected);
        return;
      }
      void this.runTask(out, `正在导入 ${xlsx.length} 个文件`, (o) => this.actions.importFiles(xlsx, o), (results) => show([...rejected, ...results]));
    });
    append(
      this.viewEl,
      h("p", { className: "hint" }, "选择各单位交回的考核表（.xlsx，可一次选多个）。每个文件单独导入；有问题的文件不改动当前工作簿，并说明原因。"),
      field("回收的考核表文件", input),
      picked,
      h("div", { className: "actions" }, go),
      out,
    );
  }

  private assessView(): void {
    const out = h("div", { className: "result" });
    const form = h("div", {});
    append(this.viewEl, h("p", { className: "hint" }, "考核组逐条核定：选择单位和评分条款，填写核定扣分、理由和核定人。自评扣分保留不变，核定记入审计表。"), form, out);
    append(form, h("p", { className: "hint" }, "正在读取工作簿中的单位考核表…"));
    this.actions
      .listUnitSheets()
      .then((sheets) => {
        if (this.view !== "assess" || !form.isConnected) return;
        clear(form);
        if (sheets.length === 0) {
          append(form, messageBox("info", "当前工作簿中没有单位考核表。", "请先导入回收表或生成模板，再来核定。"));
          return;
        }
        this.assessForm(form, out, sheets);
      })
      .catch((error: unknown) => {
        if (!form.isConnected) return;
        clear(form);
        const m = describeError(error);
        append(form, messageBox("error", m.message, m.next));
      });
  }

  private assessForm(form: HTMLElement, out: HTMLElement, sheets: UnitSheet[]): void {
    const sheetSelect = h("select", { attrs: { name: "sheet" } }, ...sheets.map((s) => h("option", { attrs: { value: s.sheet } }, `${s.unit}（${s.sheet}）`)));
    const clauseSelect = h("select", { attrs: { name: "clause" } });
    const clauseText = h("p", { className: "clause-text" });
    const selfText = h("p", { className: "clause-self", attrs: { "aria-live": "polite" } });
    const deduction = h("input", { attrs: { type: "number", name: "deduction", min: 0, step: 0.5, inputmode: "decimal" } });
    const reason = h("textarea", { attrs: { name: "reason", rows: 3 } });
    const reviewer = h("input", { attrs: { type: "text", name: "reviewer", autocomplete: "name" } });
    const current = () => sheets.find((s) => s.sheet === sheetSelect.value) ?? sheets[0];
    const clauseOf = () => {
      const s = current();
      return indexOf(getCatalog(s.year, s.kind)).clauses.get(clauseSelect.value)?.clause;
    };
    const fillClauses = () => {
      const s = current();
      clear(clauseSelect);
      let catalog;
      try {
        catalog = getCatalog(s.year, s.kind);
      } catch (error) {
        append(out, messageBox("error", (error as Error).message, "该工作表的年度或单位类型本加载项不支持，请确认表格来源。"));
        return;
      }
      for (const { clause } of indexOf(catalog).clauses.values()) {
        clauseSelect.appendChild(h("option", { attrs: { value: clause.id } }, `${shortId(clause.id)}（扣 ${formatPoints(clause.deduction)} 分）${clause.text.slice(0, 18)}…`));
      }
      showClause();
    };
    const showClause = () => {
      const c = clauseOf();
      clauseText.textContent = c ? `${shortId(c.id)} ${c.text}（本条最多扣 ${formatPoints(c.deduction)} 分）` : "";
      selfText.textContent = "";
      if (!c) return;
      deduction.max = String(c.deduction);
      // What the sheet says now, so the reviewer sees what the 核定 stands beside.
      const asked = `${current().sheet}\u0000${c.id}`;
      selfText.dataset.for = asked;
      this.actions
        .readClause(current().sheet, c.id)
        .then((st) => {
          if (selfText.dataset.for !== asked) return;
          const self = st.deduction === undefined ? "自评：未计算" : `自评：${typeof st.deduction === "number" ? `扣 ${formatPoints(st.deduction)} 分` : st.deduction}`;
          const why = st.explanation ? `（${st.explanation}）` : st.status ? `（${st.status}）` : "";
          const done = st.verified === undefined ? "" : `；已核定：扣 ${typeof st.verified === "number" ? formatPoints(st.verified) : st.verified} 分${st.verifiedReason ? `（${st.verifiedReason}）` : ""}`;
          selfText.textContent = `${self}${why}${done}`;
        })
        .catch(() => {
          if (selfText.dataset.for === asked) selfText.textContent = "自评：无法读取该工作表的本条单元格。";
        });
    };
    sheetSelect.addEventListener("change", fillClauses);
    clauseSelect.addEventListener("change", showClause);
    fillClauses();

    const go = this.actionButton("记录核定", () => {
      const c = clauseOf();
      const raw = deduction.value.trim();
      const value = Number(raw);
      const problems: string[] = [];
      if (!c) problems.push("请选择评分条款。");
      if (raw === "" || !Number.isFinite(value)) problems.push("“核定扣分”未填写或不是数字。");
      else if (c && (value < 0 || value > c.deduction)) problems.push(`“核定扣分”必须在 0 到 ${formatPoints(c.deduction)} 分之间。`);
      if (!reason.value.trim()) problems.push("请填写“核定理由”。");
      if (!reviewer.value.trim()) problems.push("请填写“核定人”。");
      if (problems.length || !c) {
        clear(out);
        append(out, messageBox("error", problems.join(""), "改正后再点“记录核定”。"));
        return;
      }
      const s = current();
      void this.runTask(
        out,
        "正在记录核定",
        () => this.actions.recordVerification({ sheet: s.sheet, clauseId: c.id, deduction: value, reason: reason.value.trim(), reviewer: reviewer.value.trim() }),
        (r) => {
          append(
            out,
            messageBox("ok", `已记录：${s.unit} ${shortId(c.id)} 核定扣 ${formatPoints(r.to)} 分${r.from === undefined ? "" : `（自评扣 ${formatPoints(r.from)} 分）`}。`, "已写入审计表。可以继续核定下一条。"),
          );
          showClause();
        },
        false,
      );
    });
    append(
      form,
      field("单位考核表", sheetSelect),
      field("评分条款", clauseSelect),
      clauseText,
      selfText,
      field("核定扣分（分）", deduction),
      field("核定理由", reason, "写明依据，例如平台调阅结果或佐证材料情况。"),
      field("核定人", reviewer),
      h("div", { className: "actions" }, go),
    );
  }

  private summaryView(): void {
    const out = h("div", { className: "result" });
    const weight = h("input", { attrs: { type: "number", name: "weight", min: 0.1, max: 100, step: 0.1, value: 100, inputmode: "decimal" } });
    const go = this.actionButton("生成汇总", () => {
      const percent = Number(weight.value);
      if (weight.value.trim() === "" || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
        clear(out);
        append(out, messageBox("error", "“计入比例”必须是大于 0、不超过 100 的数。", "请按市委考评办确定的比例填写，例如 5 表示得分的 5% 计入。"));
        return;
      }
      void this.runTask(
        out,
        "正在生成汇总",
        (o) => this.actions.buildSummary({ weight: percent / 100 }, o),
        (r) =>
          append(
            out,
            messageBox(
              r.withProblems ? "info" : "ok",
              `汇总表“${r.sheet}”已更新：${r.units} 个单位${r.withProblems ? `，其中 ${r.withProblems} 个单位有待处理的问题` : ""}。`,
              "汇总表只含数值，可以直接另存发送给市委考评办。",
            ),
          ),
      );
    });
    append(
      this.viewEl,
      h("p", { className: "hint" }, "按县区、市直部门分别排名，汇总各单位自评与核定得分。再次生成会原位更新，旁边手工填写的内容保留。"),
      field("计入比例（%）", weight, "按比例计入：单位得分 × 比例 计入年度绩效考核；比例由市委考评办确定。"),
      h("div", { className: "actions" }, go),
      out,
    );
  }

  private helpView(): void {
    const slot = h("section", { className: "card" }, h("h3", {}, "计分函数（=CREDIT.…）"), h("p", { className: "hint" }, "正在读取函数说明…"));
    append(this.viewEl, helpView(this.year, this.kind, slot));
    this.functionsMeta ??= loadFunctionMetadata();
    void this.functionsMeta.then((meta) => {
      if (slot.isConnected) slot.replaceWith(functionsSection(meta));
    });
  }
}
