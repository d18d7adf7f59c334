/* 生成模板: one template sheet per member unit of the chosen year and kind, then one file per unit. */
import { parseUnitList, UNIT_KIND_LABEL, type UnitKind } from "../../core/index";
import { sheetNameOf } from "../../core/fileNames";
import { describeError, type FileToSave, type UnitFile } from "../actions";
import { append, clear, field, h, uid } from "../dom";
import { markField, messageBox } from "../ui";
import type { ViewContext } from "./context";

/** Excel saves a whole workbook, never one sheet: the steps by hand, where the pane cannot make the files. */
export const SAVE_SHEET_BY_HAND = [
  "右键单击该单位的工作表标签，选“移动或复制”。",
  "“工作簿”选“(新工作簿)”，勾选“建立副本”，点“确定”。",
  "在新打开的工作簿中点 文件 → 另存为，文件名用单位名称，类型选“Excel 工作簿 (*.xlsx)”。",
];

function byHand(): HTMLElement {
  return h("details", { className: "by-hand" }, h("summary", {}, "手工逐个另存的步骤"), h("ol", {}, ...SAVE_SHEET_BY_HAND.map((s) => h("li", {}, s))));
}

/** A download link for bytes made in the pane (nothing leaves the computer). */
export function downloadLink(name: string, bytes: Uint8Array, type: string, label: string, className?: string): HTMLAnchorElement {
  const link = h("a", { className, attrs: { download: name, href: URL.createObjectURL(new Blob([bytes as BlobPart], { type })) } }, label);
  return link as HTMLAnchorElement;
}

/** 在 Excel 中打开: the file made in the pane opened as a new workbook; a failure is shown in `status`. */
export function openInExcelButton(ctx: ViewContext, f: FileToSave, status: HTMLElement): HTMLElement {
  return h(
    "button",
    {
      className: "secondary small",
      attrs: { type: "button", "aria-label": `在 Excel 中打开 ${f.fileName}` },
      onClick: () => {
        clear(status);
        ctx.actions.openFile(f).catch((error: unknown) => {
          const m = describeError(error, "打开");
          append(status, messageBox("error", m.message, m.next));
        });
      },
    },
    "在 Excel 中打开",
  );
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The files, each a download; the whole set as one .zip; and 在 Excel 中打开 where Excel can open a file for the pane. */
function unitFilesBox(ctx: ViewContext, files: UnitFile[], zip: Uint8Array, zipName: string): HTMLElement {
  const status = h("div", { className: "goto-status" });
  const canOpen = ctx.actions.canOpenFiles();
  return h(
    "div",
    { className: "unit-files" },
    messageBox("ok", `已分出 ${files.length} 个单位文件。`, canOpen ? "点“全部下载”得到一个压缩包，解压后每个单位一个文件；也可以逐个下载，或在 Excel 中打开后另存。" : "点“全部下载”得到一个压缩包，解压后每个单位一个文件；也可以逐个下载。"),
    h("p", { className: "actions" }, downloadLink(zipName, zip, "application/zip", `全部下载（${zipName}）`, "button-link")),
    h(
      "ul",
      { className: "files", attrs: { "aria-label": "单位文件" } },
      ...files.map((f) =>
        h(
          "li",
          {},
          downloadLink(f.fileName, f.bytes, XLSX_TYPE, f.fileName),
          canOpen ? openInExcelButton(ctx, f, status) : null,
        ),
      ),
    ),
    status,
    h(
      "p",
      { className: "hint" },
      canOpen
        ? "下载的文件在本机的“下载”文件夹。Mac 版 Excel 不能从窗格下载：请点“在 Excel 中打开”，再按 ⌘S 以上面的文件名保存。"
        : "下载的文件在本机的“下载”文件夹。",
    ),
  );
}

/** After generating: one file per unit, made from this workbook on request. */
function sendEachUnit(ctx: ViewContext, year: number, kind: UnitKind, units: string[]): HTMLElement {
  const out = h("div", {});
  // Made while the generating task is finishing: a plain button (ctx.button would start disabled); the next
  // task locks it like every control.
  const go = h("button", { className: "primary", attrs: { type: "button" }, onClick: () => {
    void ctx.run(
      out,
      `正在分出 ${units.length} 个单位文件`,
      (o) => ctx.actions.unitFiles({ year, kind, units }, o),
      (r) => append(out, unitFilesBox(ctx, r.files, r.zip.bytes, r.zip.fileName)),
      { unit: "个单位" },
    );
  } }, "分出单位文件");
  return h(
    "section",
    { className: "card send-units" },
    h("h3", {}, "每个单位一个文件"),
    h("p", { className: "hint" }, "Excel 只能保存整个工作簿。点“分出单位文件”，每个单位的工作表各成一个 .xlsx 文件（如“" + `${units[0] ?? "单位"}-${year}-${UNIT_KIND_LABEL[kind]}.xlsx` + "”），用邮件发给该单位。"),
    h("div", { className: "actions" }, go),
    out,
    byHand(),
  );
}

export function templateView(ctx: ViewContext): void {
  const { year, kind } = ctx.state;
  const out = ctx.result();
  const body = h("div", {});
  append(
    ctx.el,
    h("p", { className: "hint" }, `为 ${year} 年度${UNIT_KIND_LABEL[kind]}的每个成员单位生成一个考核表工作表，发给单位填写。已有同名工作表时，单位填写的内容不会丢失。`),
    body,
    out,
  );
  append(body, h("p", { className: "hint" }, "正在读取单位名单…"));
  ctx.actions
    .listUnits(kind, year)
    .catch(() => [] as string[])
    .then((units) => {
      if (ctx.state.view !== "template" || ctx.state.kind !== kind || ctx.state.year !== year || !body.isConnected) return;
      clear(body);
      const group = uid("scope");
      const all = h("input", { attrs: { type: "radio", name: group, value: "all", checked: true } });
      const chosen = h("input", { attrs: { type: "radio", name: group, value: "chosen" } });
      const boxes = units.map((u) => h("input", { attrs: { type: "checkbox", value: u, name: "unit" } }));
      const labels = boxes.map((box, i) => h("label", { className: "check" }, box, units[i]));
      const search = h("input", { attrs: { type: "search", name: "unit-search", placeholder: "输入名称中的字查找", autocomplete: "off" } });
      const count = h("p", { className: "hint", attrs: { "aria-live": "polite" } });
      const shown = () => boxes.filter((_, i) => !labels[i].hidden);
      const counted = () => {
        const n = boxes.filter((b) => b.checked).length;
        const visible = shown().length;
        count.textContent = `已选 ${n} 个${visible < boxes.length ? `；显示 ${visible} / ${boxes.length} 个` : ""}`;
      };
      search.addEventListener("input", () => {
        const q = search.value.replace(/\s+/g, "");
        labels.forEach((label, i) => (label.hidden = q !== "" && !units[i].includes(q)));
        counted();
      });
      const selectAll = h("button", { className: "secondary small", attrs: { type: "button" }, onClick: () => { for (const b of shown()) b.checked = true; counted(); } }, "全选");
      const selectNone = h("button", { className: "secondary small", attrs: { type: "button" }, onClick: () => { for (const b of boxes) b.checked = false; counted(); } }, "全不选");
      for (const b of boxes) b.addEventListener("change", counted);
      counted();
      const unitList = h(
        "fieldset",
        { className: "units", attrs: { hidden: true } },
        h("legend", {}, "选择单位"),
        units.length > 8 ? field("查找单位", search) : null,
        h("div", { className: "pick-tools" }, selectAll, selectNone, count),
        h("div", { className: "unit-boxes" }, ...labels),
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
        h("legend", {}, "模板的公式"),
        h("p", { className: "hint" }, "两种模板在没装本加载项的 Excel 和 WPS 中都能填写，并自动算出扣分和得分，结果相同。"),
        h("label", { className: "check" }, addin, "标准（推荐）：装有本加载项的电脑上，扣分说明更详细"),
        h("label", { className: "check" }, portable, "只用 Excel 自带公式：文件中不含本加载项的函数"),
      );
      const ledger = h("input", { attrs: { type: "checkbox", name: "ledger", checked: true } });
      const ledgerBox = h(
        "fieldset",
        { className: "ledger" },
        h("legend", {}, "双公示台账"),
        h("label", { className: "check" }, ledger, "附带“双公示台账”工作表（推荐）"),
        h("p", { className: "hint" }, "单位把“双公示”记录粘贴到台账中，考核表的两个“双公示”条数自动算出（按法定节假日和调休计算 7 个工作日）。不勾选时，两格由单位直接填写。需要 Excel 2021、Excel 网页版或 Microsoft 365，较早的版本生成时不附带台账。"),
      );
      const sync = () => {
        unitList.hidden = !chosen.checked;
      };
      all.addEventListener("change", sync);
      chosen.addEventListener("change", sync);
      if (units.length) append(body, scope, unitList);
      else append(body, field(`${UNIT_KIND_LABEL[kind]}名单（每行一个单位）`, typed, "默认名单尚未提供，请输入要生成模板的单位名称。"));
      append(body, variant, ledgerBox);

      const go = ctx.button("生成模板", () => {
        const list = units.length
          ? all.checked
            ? units
            : boxes.filter((b) => b.checked).map((b) => b.value)
          : parseUnitList(typed.value); // the list files' one reading: one name a line, # lines and blanks skipped
        const where = units.length ? unitList : typed;
        if (list.length === 0) {
          clear(out);
          markField(where, units.length ? "还没有勾选任何单位：请勾选至少一个单位，或选择“全部单位”。" : "还没有输入单位：请每行输入一个单位名称。");
          where.focus();
          return;
        }
        markField(where);
        void ctx.run(
          out,
          `正在生成 ${list.length} 个模板`,
          (o) => ctx.actions.generateTemplates({ year, kind, units: list, variant: portable.checked ? "portable" : "addin", ledger: ledger.checked }, o),
          (r) => {
            append(
              out,
              messageBox(
                r.sheets.length ? "ok" : "info",
                `已生成 ${r.sheets.length} 个模板（${UNIT_KIND_LABEL[kind]}）${r.sheets.length ? `：${r.sheets.join("、")}` : ""}。`,
                r.sheets.length ? "下一步：把每个单位的工作表存成单独的文件，发给该单位（见下方）。" : "下面列出了每个单位未生成的原因。",
              ),
            );
            if (r.unregistered) append(out, messageBox("info", r.unregistered.message, r.unregistered.hint));
            const notes = r.notes ?? [];
            if (notes.length) {
              const features = [...new Set(notes.map((n) => n.note))];
              append(out, messageBox("info", `此版本的 Excel 不支持部分功能，模板中未写入：${features.join("、")}。`, "模板仍可填写和计分；需要这些功能时请使用 Microsoft 365 或 Excel 网页版重新生成。"));
            }
            if (r.skipped.length) {
              append(out, h("ul", { className: "skipped", attrs: { "aria-label": "未生成的单位" } }, ...r.skipped.map((s) => h("li", {}, `${s.unit}：${s.reason}`))));
            }
            const made = list.filter((u) => r.sheets.includes(sheetNameOf(u)));
            if (made.length) append(out, sendEachUnit(ctx, year, kind, made));
          },
          { unit: "个单位" },
        );
      });
      append(body, h("div", { className: "actions" }, go));
    });
}
