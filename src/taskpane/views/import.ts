/* 导入回收表: the .xlsx files units returned, each imported on its own or refused with its reason. */
import type { SheetProblem } from "../actions";
import { append, clear, field, h, uid } from "../dom";
import { markField, messageBox, problemList } from "../ui";
import type { ViewContext } from "./context";

export function importView(ctx: ViewContext): void {
  const out = ctx.result();
  // The browser's own file button speaks the browser's language ("Choose Files"): it is hidden visually
  // (still focusable, and its focus ring is drawn on the Chinese button that stands for it).
  const input = h("input", {
    id: uid("files"),
    className: "file-input",
    attrs: { type: "file", multiple: true, accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
  const pick = h("label", { className: "secondary file-pick", attrs: { for: input.id } }, "选择文件…");
  const picked = h("p", { className: "hint", attrs: { "aria-live": "polite" } }, "尚未选择文件。");
  input.addEventListener("change", () => {
    const n = input.files?.length ?? 0;
    if (n) markField(input);
    picked.textContent = n ? `已选择 ${n} 个文件。` : "尚未选择文件。";
  });
  const fileField = field("回收的考核表文件", input);
  fileField.appendChild(pick);
  const go = ctx.button("导入", () => {
    const files = Array.from(input.files ?? []);
    if (files.length === 0) {
      clear(out);
      markField(input, "还没有选择文件：请点“选择文件…”，选中各单位交回的 .xlsx 考核表（可多选）。");
      input.focus();
      return;
    }
    const notXlsx = files.filter((f) => !/\.xlsx$/i.test(f.name));
    const xlsx = files.filter((f) => /\.xlsx$/i.test(f.name));
    const rejected = notXlsx.map((f) => ({ file: f.name, ok: false, message: "不是 .xlsx 文件，未导入。请单位用 Excel 打开后 文件 → 另存为，类型选“Excel 工作簿 (*.xlsx)”，再重新发送。", problems: [] as SheetProblem[] }));
    const show = (results: typeof rejected) => {
      const ok = results.filter((r) => r.ok).length;
      append(
        out,
        messageBox(ok === results.length ? "ok" : "error", `共 ${results.length} 个文件：导入 ${ok} 个，未导入 ${results.length - ok} 个。`, ok === results.length ? "下一步：核定或生成汇总。" : "未导入的文件没有改动当前工作簿；请按说明处理后重新导入。"),
        h(
          "ul",
          { className: "files", attrs: { "aria-label": "导入结果" } },
          ...results.map((r) => h("li", { className: r.ok ? "file-ok" : "file-bad" }, h("strong", {}, `${r.ok ? "✓" : "✗"} ${r.file}`), h("span", {}, r.message), r.problems.length ? problemList(ctx.actions, r.problems) : null)),
        ),
      );
    };
    if (xlsx.length === 0) {
      clear(out);
      show(rejected);
      return;
    }
    void ctx.run(out, `正在导入 ${xlsx.length} 个文件`, (o) => ctx.actions.importFiles(xlsx, o), (results) => show([...rejected, ...results]), { unit: "个文件" });
  });
  append(
    ctx.el,
    h("p", { className: "hint" }, "选择各单位交回的考核表（.xlsx，可一次选多个）。每个文件单独导入；有问题的文件不改动当前工作簿，并说明原因。"),
    fileField,
    picked,
    h("div", { className: "actions" }, go),
    out,
  );
}
