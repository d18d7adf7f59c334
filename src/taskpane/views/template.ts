/* 生成模板: one template sheet per member unit of the chosen year and kind. */
import { parseUnitList, UNIT_KIND_LABEL } from "../../core/index";
import { append, clear, field, h, uid } from "../dom";
import { markField, messageBox } from "../ui";
import type { ViewContext } from "./context";

/** Excel saves a whole workbook, never one sheet: how to make one file per unit. */
const SEND_EACH_SHEET =
  "下一步：每个单位的工作表要存成单独的文件发给该单位（Excel 不能只把一个工作表另存为文件）：右键单击该单位的工作表标签 → 移动或复制 → 工作簿选“(新工作簿)”，勾选“建立副本” → 确定；再在新工作簿中 文件 → 另存为，类型选“Excel 工作簿 (*.xlsx)”，以单位名称命名。";

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
          (o) => ctx.actions.generateTemplates({ year, kind, units: list, variant: portable.checked ? "portable" : "addin" }, o),
          (r) => {
            append(
              out,
              messageBox(
                r.sheets.length ? "ok" : "info",
                `已生成 ${r.sheets.length} 个模板（${UNIT_KIND_LABEL[kind]}）${r.sheets.length ? `：${r.sheets.join("、")}` : ""}。`,
                r.sheets.length ? SEND_EACH_SHEET : "下面列出了每个单位未生成的原因。",
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
          },
          { unit: "个单位" },
        );
      });
      append(body, h("div", { className: "actions" }, go));
    });
}
