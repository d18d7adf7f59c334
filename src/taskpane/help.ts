/*
 * 帮助: how to use the pane, the rules of the chosen year and kind straight from the catalog (no rule is
 * written here), and the CREDIT.* functions from the functions.json the build generated from their JSDoc.
 */
import { clauseNumber, formatPoints, getCatalog, readingOf, UNIT_KIND_LABEL, type Catalog, type UnitKind } from "../core/index";
import { h, type Child } from "./dom";

/** "county.2.1.1" → "2.1.1": the number the form prints (core's clauseNumber; the 核定 view imports it from here). */
export const shortId = clauseNumber;

const STEPS: [string, string][] = [
  ["生成模板", "市信用办为每个成员单位生成一张考核表，再点“分出单位文件”，每个单位一个文件，用邮件发给各单位填写。"],
  ["提交前检查", "成员单位填完后，在自己的考核表上检查：缺填、格式不对、超出范围的单元格会列出来，点一下就跳到该单元格。"],
  ["导入回收表", "市信用办把各单位交回的 .xlsx 文件一次选中导入；有问题的文件不会改动当前工作簿，并说明原因。"],
  ["平台数据", "考核组把从信用平台调阅的数据（评分标准注明“平台调阅”的各项）填进“平台数据”表，检查后用于核定时与单位自报数据比对。"],
  ["核定", "考核组点“生成核定表”（每个单位每条条款一行，需关注的行在前），在表中选“同意自评”或“改判”（改判填核定扣分和核定说明），点“记录核定”一次记入“核定记录”工作表；无需关注的条款可一次同意自评。自评与核定并列保留，单位数据改变后原核定须重新核定。"],
  ["生成汇总", "按县区、市直部门分别排名，按比例计入年度绩效考核；“汇总”工作表报送市委考评办，“工作记录”工作表列出待解决的问题，留市信用办。"],
];

const STATUSES: [string, string][] = [
  ["扣分", "达到评分标准中的扣分条件，扣除该条款的分值。"],
  ["不扣分", "填报数据说明该项工作已达标。"],
  ["不涉及", "本单位没有该项工作（只在可能不涉及的指标上，于“是否涉及”中选择“不涉及”并在备注中说明），不扣分；须经考核组确认，确认前该单位为“待核定”。"],
  ["待填", "判断所需的数据还没有填写；填完之前得分不是最终得分。"],
  ["数据错误", "填写的内容无法识别或超出范围，请按提示改正。"],
];

function rulesSection(catalog: Catalog): HTMLElement {
  const categories = catalog.categories.map((category) =>
    h(
      "details",
      { className: "rule-category" },
      h("summary", {}, `${category.numeral}、${category.title}（${formatPoints(category.points)} 分）`),
      ...category.indicators.map((indicator) =>
        h(
          "section",
          { className: "rule-indicator" },
          h("h4", {}, `${shortId(indicator.id)} ${indicator.title}（${formatPoints(indicator.points)} 分）`),
          indicator.preamble ? h("p", { className: "hint" }, indicator.preamble) : null,
          h(
            "ul",
            {},
            ...indicator.clauses.map((clause) =>
              h(
                "li",
                {},
                h("span", { className: "badge" }, `${shortId(clause.id)} 扣 ${formatPoints(clause.deduction)} 分`),
                " ",
                clause.text,
                readingOf(catalog.year, clause.id) ? h("span", { className: "reading" }, `【本表采用的解读】${readingOf(catalog.year, clause.id)}`) : null,
                clause.evidence.length ? h("span", { className: "hint" }, `（佐证：${clause.evidence.join("、")}）`) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return h(
    "section",
    { className: "card" },
    h("h3", {}, `${catalog.year} 年度考核指标（${UNIT_KIND_LABEL[catalog.kind]}，满分 ${formatPoints(catalog.total)} 分）`),
    h("p", { className: "hint" }, catalog.title),
    ...categories,
  );
}

interface FunctionMeta {
  id: string;
  description?: string;
  parameters?: { name: string; description?: string; optional?: boolean; repeating?: boolean }[];
}

export function functionsSection(functions: FunctionMeta[] | undefined): HTMLElement {
  let body: Child;
  if (!functions) {
    body = h("p", { className: "hint" }, "函数说明暂时无法读取；在单元格中输入 =CREDIT. 时 Excel 会列出全部函数和说明。");
  } else {
    body = h(
      "dl",
      { className: "functions" },
      ...functions.flatMap((f) => [
        h("dt", {}, `=CREDIT.${f.id}(${(f.parameters ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name) + (p.repeating ? ", …" : "")).join(", ")})`),
        h(
          "dd",
          {},
          f.description ?? "",
          (f.parameters ?? []).length
            ? h("ul", {}, ...(f.parameters ?? []).map((p) => h("li", {}, h("code", {}, p.name), `：${p.description ?? ""}`)))
            : null,
        ),
      ]),
    );
  }
  return h("div", { className: "functions-list" }, body);
}

/** Reads the functions.json shipped next to the page (same origin; the CSP allows only 'self'). */
export async function loadFunctionMetadata(): Promise<FunctionMeta[] | undefined> {
  try {
    const response = await fetch("functions.json", { credentials: "same-origin" });
    if (!response.ok) return undefined;
    const data = (await response.json()) as { functions?: FunctionMeta[] };
    return Array.isArray(data.functions) ? data.functions : undefined;
  } catch {
    return undefined;
  }
}

export function helpView(year: number, kind: UnitKind, functionsSlot: HTMLElement): HTMLElement {
  return h(
    "div",
    {},
    h(
      "section",
      { className: "card" },
      h("h3", {}, "使用步骤"),
      h("ol", {}, ...STEPS.map(([title, text]) => h("li", {}, h("strong", {}, title), "：", text))),
    ),
    h(
      "section",
      { className: "card" },
      h("h3", {}, "每条评分标准的状态"),
      h("dl", {}, ...STATUSES.flatMap(([term, text]) => [h("dt", {}, term), h("dd", {}, text)])),
    ),
    rulesSection(getCatalog(year, kind)),
    functionsSlot,
  );
}
