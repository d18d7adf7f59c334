/* 平台数据: the 考核组's own platform figures (平台调阅), one row per member unit — made in the workbook, then read back. */
import { UNIT_KIND_LABEL } from "../../core/index";
import { append, h } from "../dom";
import { messageBox, problemList } from "../ui";
import type { ViewContext } from "./context";

export function platformView(ctx: ViewContext): void {
  const { year, kind } = ctx.state;
  const out = ctx.result();
  const make = ctx.button("生成平台数据表", () => {
    void ctx.run(
      out,
      "正在生成平台数据表",
      () => ctx.actions.makePlatformSheet(year, kind),
      (r) => {
        append(
          out,
          messageBox(
            "ok",
            `已生成工作表“${r.sheet}”：${r.units} 个单位，${r.columns} 列平台调阅数据，另有调阅日期、来源。`,
            "把从信用平台调阅的数据填写或粘贴到浅黄色单元格（可只填部分；空白表示未调阅），然后点“检查平台数据表”。",
          ),
        );
        if (r.skipped.length) append(out, messageBox("info", `此版本的 Excel 不支持部分功能，未写入：${r.skipped.join("、")}。`, "表格仍可填写和读取。"));
      },
      { cancellable: false },
    );
  });
  const check = ctx.button("检查平台数据表", () => {
    void ctx.run(
      out,
      "正在检查平台数据表",
      () => ctx.actions.checkPlatformSheet(year, kind),
      (r) => {
        const errors = r.problems.filter((p) => p.severity === "错误").length;
        const head = `“${r.sheet}”：${r.withFigures.length} 个单位有平台数据${r.blank.length ? `，${r.blank.length} 个单位未填` : ""}。`;
        append(
          out,
          messageBox(
            errors ? "error" : r.problems.length ? "info" : "ok",
            r.problems.length ? `${head}发现 ${r.problems.length} 个问题（其中 ${errors} 个数据或单位名称未采用）。` : head,
            r.problems.length ? "点击问题跳到对应单元格；改正后再检查一次。单位名称须与成员单位名单一致，不一致的行不会被猜测采用。" : "数据可供核定时与单位自报数据比对。",
          ),
        );
        if (r.withFigures.length) append(out, h("p", { className: "hint" }, `有数据：${r.withFigures.join("、")}`));
        if (r.problems.length) append(out, problemList(ctx.actions, r.problems));
      },
      { cancellable: false },
    );
  });
  append(
    ctx.el,
    h(
      "p",
      { className: "hint" },
      `考核组从信用平台调阅的数据（评分标准注明“平台调阅”的各项），${year} 年度${UNIT_KIND_LABEL[kind]}每个单位一行。这是考核组自己的记录，不发给单位；核定时用来与单位自报的数据比对。`,
    ),
    h("div", { className: "actions" }, make, check),
    out,
  );
}
