// 附件1：2022年度“信用鹤岗”建设工作考核指标（县、区）— 鹤信用办发〔2022〕4号.
// Titles, points and clause texts are copied verbatim from the notice (typos included: they are the
// official wording). Readings of ambiguous clauses are recorded in docs/rules-2022.md.
import type { Catalog } from "../../types";
import { clause, NEVER, count, date, measured, rate } from "../../catalog/build";
import { allDone, atLeast, blacklistShare, creditChecks, done, doubleDisclosureRates, educationCourses, fourKinds, redBlackPushed, policiesImplemented, repairRate, reportsSent, sevenInto } from "./measures";

const YEAR = 2022;

const doubleDisclosure = doubleDisclosureRates();

const xinyidai = rate(
  { part: "xydEntered", whole: "marketEntities", percent: "xydPct", partLabel: "入驻信易贷", wholeLabel: "市场主体", unit: "户" },
  { part: "已入驻“信易贷”平台的市场主体数", whole: "本辖区市场主体总量", percent: "入驻占比（未填户数时直接填写）" },
);

const qrCode = rate(
  { part: "qrCoded", whole: "marketEntities", percent: "qrPct", partLabel: "“码上诚信”赋码", wholeLabel: "市场主体", unit: "户" },
  { part: "“码上诚信”已赋码的市场主体数", whole: "本辖区市场主体总量", percent: "赋码占比（未填户数时直接填写）" },
);

const commitmentCoverage = rate(
  {
    part: "commitCovered",
    whole: "commitStaff",
    percent: "commitPct",
    partLabel: "已更新信用承诺",
    wholeLabel: "应承诺部门和公职人员",
    unit: "人",
  },
  { part: "已更新信用承诺的部门和公职人员数", whole: "应承诺的部门和公职人员总数", percent: "承诺覆盖面（未填人数时直接填写）" },
);

export const county2022: Catalog = {
  year: YEAR,
  kind: "county",
  source: "鹤信用办发〔2022〕4号",
  title: "2022 年度“信用鹤岗”建设工作考核指标（县区）",
  total: 100,
  categories: [
    {
      id: "county.1",
      numeral: "一",
      title: "信用制度和基础建设",
      points: 25,
      indicators: [
        {
          id: "county.1.1",
          title: "建立辖区内信用议事机构，推进本辖区信用体系建设工作，召开信用体系相关工作会议",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.1.1.1", "未及时调整辖区信用领导小组组成人员扣 2.5 分。", 2.5, "（制定文件）", done("leadGroupAdjusted", "是否已及时调整辖区信用领导小组组成人员", "已及时调整辖区信用领导小组组成人员", "未及时调整辖区信用领导小组组成人员")),
            measured("county.1.1.2", "未召开信用工作会议扣 2.5 分。", 2.5, "（信息、图片）", atLeast("meetingsHeld", "本年度召开信用工作会议次数", "次", 1, "召开信用工作会议")),
          ],
        },
        {
          id: "county.1.2",
          title: "信用制度落实情况",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.1.2.1", "未完成对鹤岗市信用体系建设文件和制度的落实，扣 5 分。", 5, "（落实文件、取得成效、工作汇报）", policiesImplemented()),
          ],
        },
        {
          id: "county.1.3",
          title: "加强“双公示”工作",
          points: 10,
          notApplicable: NEVER,
          preamble: "严格执行“双公示”7 日公示制度，推动本辖区“双公示”信息应录尽录。",
          clauses: [
            measured("county.1.3.1", "未开展本辖区“双公示”情况通报，扣 5 分", 5, "（平台调阅、文件、图片）", done("sgsBulletin", "是否已开展本辖区“双公示”情况通报", "已开展本辖区“双公示”情况通报", "未开展本辖区“双公示”情况通报")),
            clause(
              "county.1.3.2",
              "准确率、及时率低于 100%扣 5 分。",
              5,
              "（平台调阅、文件、图片）",
              doubleDisclosure.inputs,
              doubleDisclosure.condition,
            ),
          ],
        },
        {
          id: "county.1.4",
          title: "推动行政强制等四类信用信息归集工作",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.1.4.1", "本行政辖区内产生行政强制等四类信用信息，应录未录扣 5 分。", 5, "（平台调阅）", fourKinds("本辖区", "本年度未产生行政强制等四类信用信息，无应录未录")),
          ],
        },
      ],
    },
    {
      id: "county.2",
      numeral: "二",
      title: "优化营商环境",
      points: 40,
      indicators: [
        {
          id: "county.2.1",
          title: "积极引导辖区内市场主体入驻国家“信易贷”平台",
          points: 10,
          notApplicable: NEVER,
          clauses: [
            clause(
              "county.2.1.1",
              "引导市场主体入驻“信易贷”平台数量不低于本辖区市场主体总量 20%，未完成扣 10 分。",
              10,
              "（平台调阅）",
              xinyidai.inputs,
              { op: "rateBelow", rate: xinyidai.ref, value: 20 },
            ),
          ],
        },
        {
          id: "county.2.2",
          title: "开展“码上诚信”工作情况",
          points: 10,
          notApplicable: NEVER,
          clauses: [
            clause(
              "county.2.2.1",
              "码上诚信”赋码数量不低于本行政区域内市场总量 40%，未完成扣 10 分。",
              10,
              "（平台调阅）",
              qrCode.inputs,
              { op: "rateBelow", rate: qrCode.ref, value: 40 },
            ),
          ],
        },
        {
          id: "county.2.3",
          title: "持续开展诚信“七进”活动",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.2.3.1", "未开展形式多样的诚信“进机关、进大厅、进企业、进市场、进学校、进社区、进村屯”宣传活动扣 5 分。", 5, "（图片、工作信息、工作动态）", sevenInto()),
          ],
        },
        {
          id: "county.2.4",
          title: "加强政务诚信建设",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            clause(
              "county.2.4.1",
              "每年度 5 月 1 日前，结合部门职能更新本部门 and 公职人员诚信履职的信用承诺，承诺覆盖面未达到 100%扣 5 分。",
              5,
              "（平台调阅）",
              [date("commitUpdated", "信用承诺更新完成日期", YEAR), ...commitmentCoverage.inputs],
              {
                op: "any",
                of: [
                  { op: "dateAfter", input: "commitUpdated", deadline: `${YEAR}-05-01`, label: "信用承诺更新" },
                  { op: "rateBelow", rate: commitmentCoverage.ref, value: 100 },
                ],
              },
            ),
          ],
        },
        {
          id: "county.2.5",
          title: "重大失信事件情况",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.2.5.1", "本辖区被列入失信联合惩戒对象名单的企业占比超过 1%，扣 2.5 分", 2.5, "（平台调阅）", blacklistShare("", "本辖区企业总数")),
            clause(
              "county.2.5.2",
              "辖区政府部门被列入失信被执行人，扣 2.5 分。",
              2.5,
              "（平台调阅）",
              [count("govDebtors", "被列入失信被执行人的辖区政府部门数", "个")],
              {
                op: "countAbove",
                input: "govDebtors",
                value: 0,
                label: "辖区政府部门被列入失信被执行人",
                unit: "个",
                noneText: "辖区政府部门未被列入失信被执行人",
              },
            ),
          ],
        },
        {
          id: "county.2.6",
          title: "开展信用创新试点工作",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured(
              "county.2.6.1",
              "未开展“诚信园区、诚信商场、诚信农场、诚信商圈”等信用试点工作，未形成经验材料并推广的，扣 5 分。",
              5,
              "（经验材料）",
              allDone(
                done("pilotDone", "是否已开展“诚信园区、诚信商场、诚信农场、诚信商圈”等信用试点工作", "已开展信用试点工作", "未开展信用试点工作"),
                done("pilotPromoted", "是否已形成经验材料并推广", "已形成经验材料并推广", "未形成经验材料并推广"),
              ),
            ),
          ],
        },
      ],
    },
    {
      id: "county.3",
      numeral: "三",
      title: "信用监管",
      points: 10,
      indicators: [
        {
          id: "county.3.1",
          title: "全面推行信用承诺",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured(
              "county.3.1.1",
              "归集本行辖区产生的行政审批、主动承诺、行业自律等各类信用承诺，数量不低于 1000 份扣 5 分。",
              5,
              "（平台调阅）",
              atLeast("commitmentsCollected", "本年度归集的各类信用承诺份数", "份", 1000, "归集各类信用承诺"),
            ),
          ],
        },
        {
          id: "county.3.2",
          title: "信用联合奖惩",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.3.2.1", "本辖区产生“红黑名单”未及时推送进行公示扣 2.5 分", 2.5, "（日常报送、平台调阅）", redBlackPushed("本辖区", "已及时推送公示")),
            measured("county.3.2.2", "依据奖惩措施清单，依托鹤岗市信用信息共享平台对行政相对人信息实行“逢办必查、逢批必查”，未开展信用核查查的扣 2.5 分。", 2.5, "（日常报送、平台调阅）", creditChecks()),
          ],
        },
      ],
    },
    {
      id: "county.4",
      numeral: "四",
      title: "权益保护",
      points: 10,
      indicators: [
        {
          id: "county.4.1",
          title: "信用修复工作",
          points: 10,
          notApplicable: NEVER,
          clauses: [
            measured("county.4.1.1", "本辖区信用修复率低于 80%扣 10 分", 10, "（平台调阅）", repairRate("本年度无符合条件的信用修复申请")),
          ],
        },
      ],
    },
    {
      id: "county.5",
      numeral: "五",
      title: "诚信教育",
      points: 5,
      indicators: [
        {
          id: "county.5.1",
          title: "开展诚信教育情况",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("county.5.1.1", "本辖区未开展诚信教育课程扣 5 分。", 5, "（课程计划、信息、图片）", educationCourses()),
          ],
        },
      ],
    },
    {
      id: "county.6",
      numeral: "六",
      title: "信息报送",
      points: 10,
      indicators: [
        {
          id: "county.6.1",
          title: "信用信息报送情况",
          points: 10,
          notApplicable: NEVER,
          clauses: [
            measured(
              "county.6.1.1",
              "每年度报送本辖区信用体系建设工作动态、工作信息少于 30 篇，扣 10 分。",
              10,
              "（日常报送工作动态）",
              reportsSent("本年度报送的工作动态、工作信息篇数", 30, "报送工作动态、工作信息"),
            ),
          ],
        },
      ],
    },
  ],
};
