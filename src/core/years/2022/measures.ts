// Measures that both 2022 lists use: each is the inputs a unit reports plus the condition on them.
// Written once here so that a 县区 and a 市直部门 are judged by the same rule where the notice says the same.
import type { Condition, InputSpec } from "../../types";
import { count, percent, rate, yesNo } from "../../catalog/build";

export interface Measure {
  inputs: InputSpec[];
  condition: Condition;
}

/** A 是/否 question; 否 means the work was not done and the clause deducts. */
export function done(id: string, label: string, yesText: string, noText: string): Measure {
  return { inputs: [yesNo(id, label)], condition: { op: "no", input: id, yesText, noText } };
}

/** A count that must reach a minimum ("少于 30 篇" deducts). */
export function atLeast(id: string, label: string, unit: string, value: number, subject: string, max?: number): Measure {
  return { inputs: [count(id, label, unit, max)], condition: { op: "countBelow", input: id, value, label: subject, unit } };
}

/** Part of what was produced was not recorded/pushed/reported ("应录未录"); nothing produced deducts nothing. */
export function shortfall(m: {
  produced: [id: string, label: string];
  done: [id: string, label: string];
  unit: string;
  producedLabel: string;
  doneLabel: string;
  gapLabel: string;
  noneText: string;
}): Measure {
  return {
    inputs: [count(m.produced[0], m.produced[1], m.unit), count(m.done[0], m.done[1], m.unit)],
    condition: {
      op: "shortfall",
      produced: m.produced[0],
      done: m.done[0],
      producedLabel: m.producedLabel,
      doneLabel: m.doneLabel,
      gapLabel: m.gapLabel,
      unit: m.unit,
      noneText: m.noneText,
    },
  };
}

/** Any of several steps not done deducts once (e.g. 试点 not run, or run without 经验材料). */
export function allDone(...steps: Measure[]): Measure {
  return { inputs: steps.flatMap((m) => m.inputs), condition: { op: "any", of: steps.map((m) => m.condition) } };
}

/** 鹤岗市信用体系建设文件和制度的落实. */
export const policiesImplemented = (): Measure =>
  done("policiesImplemented", "是否已完成对鹤岗市信用体系建设文件和制度的落实", "已完成对鹤岗市信用体系建设文件和制度的落实", "未完成对鹤岗市信用体系建设文件和制度的落实");

/** 诚信“七进”: fewer than 2 of the 7 kinds of place is not “形式多样” (docs/rules-2022.md). */
export const sevenInto = (): Measure => atLeast("sevenIntoKinds", "已开展宣传活动的“七进”场所类别数（0–7）", "类", 2, "开展诚信“七进”宣传活动", 7);

/** “逢办必查、逢批必查” credit checks. */
export const creditChecks = (): Measure => done("creditChecks", "是否已开展“逢办必查、逢批必查”信用核查", "已开展信用核查", "未开展信用核查");

/** 信用信息报送: pieces reported in the year, at least `value` (the lists differ in the count and the wording). */
export const reportsSent = (label: string, value: number, subject: string): Measure => atLeast("reportsSent", label, "篇", value, subject);

/** 诚信教育课程: at least one course. */
export const educationCourses = (): Measure => atLeast("educationCourses", "本年度开展诚信教育课程次数", "次", 1, "开展诚信教育课程");

/** 行政强制等四类信用信息 应录未录; `scope` is 本辖区 or 本部门. */
export const fourKinds = (scope: string, noneText: string): Measure =>
  shortfall({
    produced: ["fourKindsProduced", `${scope}产生的行政强制等四类信用信息条数`],
    done: ["fourKindsRecorded", "其中已录入平台的条数"],
    unit: "条",
    producedLabel: "产生行政强制等四类信用信息",
    doneLabel: "已录入",
    gapLabel: "应录未录",
    noneText,
  });

/** “红黑名单” not pushed in time; `scope` is 本辖区 or 本部门. */
export const redBlackPushed = (scope: string, doneLabel: string): Measure =>
  shortfall({
    produced: ["redBlackProduced", `${scope}产生的“红黑名单”条数`],
    done: ["redBlackPushed", `其中${doneLabel}的条数`],
    unit: "条",
    producedLabel: "产生“红黑名单”",
    doneLabel: "已及时推送公示",
    gapLabel: "未及时推送公示",
    noneText: "本年度未产生“红黑名单”，无需推送",
  });

/** 信用修复率低于 80%: repaired ÷ eligible applications (docs/rules-2022.md); none eligible deducts nothing. */
export function repairRate(zeroWholeText: string): Measure {
  const r = rate(
    {
      part: "repairDone",
      whole: "repairEligible",
      percent: "repairPct",
      partLabel: "完成信用修复",
      wholeLabel: "符合条件的修复申请",
      unit: "件",
      zeroWhole: "noDeduction",
      zeroWholeText,
    },
    { part: "已完成信用修复的件数", whole: "符合修复条件的申请件数", percent: "信用修复率（未填件数时直接填写）" },
  );
  return { inputs: r.inputs, condition: { op: "rateBelow", rate: r.ref, value: 80 } };
}

/** 列入失信联合惩戒对象名单的企业占比超过 1%; `scope` is "" (本辖区) or "本领域". */
export function blacklistShare(scope: string, firmsTotalLabel: string): Measure {
  const r = rate(
    {
      part: "blacklistedFirms",
      whole: "firmsTotal",
      percent: "blacklistedPct",
      partLabel: `${scope}列入失信联合惩戒对象名单的企业`,
      wholeLabel: `${scope}企业`,
      unit: "户",
    },
    { part: `${scope}列入失信联合惩戒对象名单的企业数`, whole: firmsTotalLabel, percent: "失信企业占比（未填户数时直接填写）" },
  );
  return { inputs: r.inputs, condition: { op: "rateAbove", rate: r.ref, value: 1 } };
}

/** “双公示”准确率、及时率低于 100%: either rate below deducts once. */
export function doubleDisclosureRates(): Measure {
  const common = {
    whole: "sgsTotal",
    wholeLabel: "“双公示”信息",
    unit: "条",
    zeroWhole: "noDeduction" as const,
    zeroWholeText: "本年度未产生“双公示”信息",
  };
  return {
    inputs: [
      { ...count("sgsTotal", "本年度“双公示”信息总条数", "条"), publicity: "total" },
      count("sgsAccurate", "其中准确的条数", "条"),
      { ...count("sgsTimely", "其中7个工作日内按时公示的条数", "条"), publicity: "onTime" },
      percent("sgsAccuracyPct", "准确率（未填条数时直接填写）"),
      percent("sgsTimelyPct", "及时率（未填条数时直接填写）"),
    ],
    condition: {
      op: "any",
      of: [
        { op: "rateBelow", value: 100, rate: { ...common, part: "sgsAccurate", percent: "sgsAccuracyPct", partLabel: "“双公示”准确" } },
        { op: "rateBelow", value: 100, rate: { ...common, part: "sgsTimely", percent: "sgsTimelyPct", partLabel: "“双公示”按时公示" } },
      ],
    },
  };
}
