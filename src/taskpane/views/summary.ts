/* 生成汇总: both ranked tables, with the share the 市委考评办 carries into the overall assessment. */
import { checkWeight, DEFAULT_FEEDBACK_TERMS, DEFAULT_WEIGHT, feedbackDays, formatPoints, MAX_FEEDBACK_DAYS, MAX_WEIGHT, weightProblem } from "../../core/index";
import { append, clear, field, h } from "../dom";
import { markField, messageBox } from "../ui";
import { downloadLink, openInExcelButton, XLSX_TYPE } from "./template";
import type { ViewContext } from "./context";

export function summaryView(ctx: ViewContext): void {
  const out = ctx.result();
  const weight = h("input", { attrs: { type: "number", name: "weight", min: 0.1, max: MAX_WEIGHT, step: 0.1, value: DEFAULT_WEIGHT, inputmode: "decimal" } });
  const go = ctx.button("生成汇总", () => {
    const problem = weightProblem(weight.value);
    markField(weight, problem && `${problem}。请填写市委考评办确定的本项分值，例如 5；填 100 则得分原样计入。`);
    if (problem) {
      clear(out);
      weight.focus();
      return;
    }
    void ctx.run(
      out,
      "正在生成汇总",
      (o) => ctx.actions.buildSummary({ weight: checkWeight(weight.value) }, o),
      (r) =>
        append(
          out,
          messageBox(
            r.withProblems ? "info" : "ok",
            `汇总表“${r.sheet}”已更新：${r.units} 个单位${r.withProblems ? `，其中 ${r.withProblems} 个单位有待处理的问题` : ""}。`,
            r.withProblems
              ? "问题列在“工作记录”工作表的“四、待解决问题”中（单位、工作表、单元格）。请逐条处理（核定，或请单位更正后重新导入），再生成一次汇总。"
              : "汇总表只含数值。报送时用下面的“分出报送用汇总表”得到只含汇总表的文件（不含工作记录，页码只计汇总表本身）。",
          ),
        ),
    );
  });
  append(
    ctx.el,
    h("p", { className: "hint" }, "按县区、市直部门分别排名，汇总各单位自评与核定得分。再次生成会原位更新，旁边手工填写的内容保留。"),
    field("按比例计入的分值", weight, "本项分值由市委考评办确定。计入年度绩效考核的分数 = 单位得分 ÷ 100 × 本项分值，例如本项分值 5、得分 92，计入 4.60；填 100 则得分原样计入。"),
    h("div", { className: "actions" }, go),
    out,
  );
  reportSection(ctx);
  feedbackSection(ctx);
}

/**
 * 报送用汇总表 (issue 18 item 4): the 汇总 sheet alone as a file — cut out of the workbook as Excel saves it, the
 * way the unit files are (Office.context.document.getFileAsync, src/office/unitFiles.ts) — to download, or to
 * open in Excel and save. Its page numbers count only its own pages; the 工作记录 and 核定记录 stay in the office.
 */
function reportSection(ctx: ViewContext): void {
  const out = h("div", { className: "result" });
  const status = h("div", { className: "goto-status" });
  const go = ctx.button("分出报送用汇总表", () => {
    void ctx.run(
      out,
      "正在分出报送用汇总表",
      () => ctx.actions.reportFile(),
      (f) => {
        const canOpen = ctx.actions.canOpenFiles();
        const open = canOpen ? openInExcelButton(ctx, f, status) : null;
        append(
          out,
          messageBox("ok", `已分出报送用汇总表“${f.fileName}”。`, canOpen ? "点文件名下载（在本机的“下载”文件夹）；Mac 版 Excel 不能从窗格下载，请点“在 Excel 中打开”，再按 ⌘S 以该文件名保存。" : "点文件名下载，文件在本机的“下载”文件夹。"),
          h("p", { className: "actions report-file" }, downloadLink(f.fileName, f.bytes, XLSX_TYPE, f.fileName, "button-link"), open),
          status,
        );
      },
      { cancellable: false },
    );
  });
  append(
    ctx.el,
    h("h3", {}, "报送用汇总表"),
    h("p", { className: "hint" }, "生成汇总后，把“汇总”工作表单独分成一个文件报送市委考评办：不含工作记录和核定记录，打印页码只计汇总表本身。汇总为草稿（有单位未核定）时，文件中的标题同样注明草稿。"),
    h("div", { className: "actions" }, go),
    out,
  );
}

/** 结果反馈单: after 核定, one sheet per unit to send it — clause by clause, the score, the 复核 terms. */
function feedbackSection(ctx: ViewContext): void {
  // Its own result area (the step's kept one belongs to 生成汇总): not kept when the clerk leaves the step.
  const out = h("div", { className: "result" });
  const days = h("input", { attrs: { type: "number", name: "days", min: 1, max: MAX_FEEDBACK_DAYS, step: 1, value: DEFAULT_FEEDBACK_TERMS.days, inputmode: "numeric" } });
  const contact = h("input", { attrs: { type: "text", name: "contact", autocomplete: "name" } });
  const phone = h("input", { attrs: { type: "tel", name: "phone", autocomplete: "tel" } });
  const go = ctx.button("生成反馈单", () => {
    const d = feedbackDays(days.value);
    markField(days, typeof d === "string" ? `${d}。` : undefined);
    if (typeof d === "string") {
      clear(out);
      days.focus();
      return;
    }
    void ctx.run(
      out,
      "正在生成反馈单",
      () => ctx.actions.makeFeedback({ year: ctx.state.year, days: d, contact: contact.value, phone: phone.value }),
      (r) => {
        const provisional = r.written.filter((w) => !w.fullyVerified).length;
        append(
          out,
          messageBox(
            r.skipped.length ? "info" : "ok",
            `已生成 ${r.written.length} 张反馈单${r.written.length ? `（${r.written.map((w) => `${w.unit}${w.score === undefined ? "" : ` ${formatPoints(w.score)} 分`}`).join("、")}）` : ""}${provisional ? `，其中 ${provisional} 个单位尚有条款未核定，反馈单标明为暂定结果` : ""}。`,
            "每张反馈单是一个工作表（“反馈单-单位名”）：打印或右键工作表标签 → 移动或复制 → （新工作簿）另存后发给单位。",
          ),
        );
        for (const s of r.skipped) append(out, messageBox("info", `${s.unit}：${s.reason}`));
        if (r.notes.length) append(out, messageBox("info", `此版本的 Excel 不支持部分功能，未写入：${r.notes.join("、")}。`));
      },
      { cancellable: false },
    );
  });
  append(
    ctx.el,
    h("h3", {}, "结果反馈单"),
    h("p", { className: "hint" }, "核定后，为每个单位生成一张反馈单：逐条列出自评扣分、核定扣分和核定说明（复核的注明【复核】），合计和得分，以及申请复核的办法。已有的反馈单不覆盖。"),
    field("申请复核期限（工作日）", days),
    field("联系人", contact),
    field("联系电话", phone),
    h("div", { className: "actions" }, go),
    out,
  );
}
