// 附件2：2022 年度社会“信用鹤岗”建设工作考核指标（市直部门）— 鹤信用办发〔2022〕4号.
// Titles, points and clause texts are copied verbatim from the notice. Readings of ambiguous clauses
// are recorded in docs/rules-2022.md.
import type { Catalog } from "../../types";
import { clause, NEVER, count, date, measured, percent, yesNo } from "../../catalog/build";
import { allDone, blacklistShare, creditChecks, done, doubleDisclosureRates, educationCourses, fourKinds, redBlackPushed, policiesImplemented, repairRate, reportsSent, sevenInto, shortfall } from "./measures";

const YEAR = 2022;

const doubleDisclosure = doubleDisclosureRates();

const xinyidai = done("xydSupport", "是否已配合县区开展引导市场主体入驻“信易贷”平台工作", "已配合县区开展“信易贷”工作", "未配合县区开展“信易贷”工作");
const xinyiPlus = done("xinyiPlus", "是否已开展“信易+”场景应用", "已开展“信易+”场景应用", "未开展“信易+”场景应用");
const qrCode = done("qrSupport", "是否已配合县区开展“码上诚信”赋码工作", "已配合县区开展“码上诚信”赋码工作", "未配合县区开展“码上诚信”赋码工作");
const gradedSteps = [
  done("gradedStarted", "是否已启动并实施信用分级分类监管措施", "已启动并实施分级分类监管措施", "未启动并实施分级分类监管措施"),
  done("gradedDocument", "是否已制定本领域信用分级分类监管落实文件", "已制定落实文件", "未制定本领域信用分级分类监管落实文件"),
  done("gradedPublished", "信用评价结果是否已及时推送在信用鹤岗公开公示", "评价结果已及时公示", "信用评价结果未及时推送公示"),
  done("gradedApplied", "评价结果是否已有效应用于部门监管", "评价结果已应用于监管", "评价结果未有效应用于部门监管"),
];

export const department2022: Catalog = {
  year: YEAR,
  kind: "department",
  source: "鹤信用办发〔2022〕4号",
  title: "2022 年度社会“信用鹤岗”建设工作考核指标（市直部门）",
  total: 100,
  categories: [
    {
      id: "department.1",
      numeral: "一",
      title: "信用制度和基础建设",
      points: 30,
      indicators: [
        {
          id: "department.1.1",
          title: "信用制度落实情况",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("department.1.1.1", "未完成对鹤岗市信用体系建设文件和制度的落实，扣5分。", 5, "（落实文件、取得成效）", policiesImplemented()),
          ],
        },
        {
          id: "department.1.2",
          title: "信用信息公示情况",
          points: 10,
          notApplicable: { allowed: true, when: "本部门没有行政许可、行政处罚职权，不产生“双公示”信息" },
          preamble: "推动严格执行“双公示”7日公示制度应录尽录",
          clauses: [
            measured("department.1.2.1", "未开展本部门“双公示”自检自查工作，扣5分", 5, "（原始台账，自查承诺书，平台调阅）", done("sgsSelfCheck", "是否已开展本部门“双公示”自检自查工作", "已开展本部门“双公示”自检自查", "未开展本部门“双公示”自检自查")),
            clause(
              "department.1.2.2",
              "准确率、及时率低于100%扣5分。",
              5,
              "（原始台账，自查承诺书，平台调阅）",
              doubleDisclosure.inputs,
              doubleDisclosure.condition,
            ),
          ],
        },
        {
          id: "department.1.3",
          title: "信用数据归集情况",
          points: 5,
          notApplicable: { allowed: true, when: "《黑龙江省信用信息目录》中没有本部门应归集报送的数据" },
          clauses: [
            measured("department.1.3.1", "按照《黑龙江省信用信息目录》归集报送信用数据，未按目录要求，归集报送本部门年度更新信用数据扣5分。", 5, "（平台调阅）", done("catalogData", "是否已按《黑龙江省信用信息目录》要求归集报送本部门年度更新信用数据", "已按目录要求归集报送年度更新信用数据", "未按目录要求归集报送本部门年度更新信用数据")),
          ],
        },
        {
          id: "department.1.4",
          title: "统一社会信用代码情况",
          points: 5,
          notApplicable: { allowed: true, when: "本部门不承担本领域统一社会信用代码重错码的纠正工作" },
          clauses: [
            clause(
              "department.1.4.1",
              "本领域存在重错码信息，应纠正未纠正，导致本地重错率高于城市平均水平，扣5分。",
              5,
              "（国家代码中心反馈数据）",
              [
                count("codeErrorsOpen", "应纠正未纠正的重错码条数", "条"),
                percent("codeErrorRate", "本领域重错率（以国家代码中心反馈数据为准）", false),
                percent("cityCodeErrorRate", "城市平均重错率（以国家代码中心反馈数据为准）", false),
              ],
              {
                op: "aboveReference",
                uncorrected: "codeErrorsOpen",
                uncorrectedLabel: "应纠正未纠正的重错码",
                unit: "条",
                input: "codeErrorRate",
                reference: "cityCodeErrorRate",
                label: "本领域重错率",
                referenceLabel: "城市平均水平",
              },
            ),
          ],
        },
        {
          id: "department.1.5",
          title: "行政强制等四类信用信息归集工作",
          points: 5,
          notApplicable: { allowed: true, when: "本部门没有行政强制等四类行政行为的职权，不产生这四类信用信息" },
          clauses: [
            measured("department.1.5.1", "本部门产生行政强制等四类信用信息，应录未录扣5分。", 5, "（平台调阅）", fourKinds("本部门", "本年度本部门未产生行政强制等四类信用信息，无应录未录")),
          ],
        },
      ],
    },
    {
      id: "department.2",
      numeral: "二",
      title: "优化营商环境",
      points: 30,
      indicators: [
        {
          id: "department.2.1",
          title: "配合县区开展“信易贷”工作",
          points: 5,
          notApplicable: { allowed: true, when: "本部门不是行业管理部门，没有配合县区引导市场主体入驻“信易贷”的职能" },
          clauses: [
            measured(
              "department.2.1.1",
              "充分发挥行管部门职能，配合县区积极引导市场主体入驻“信易贷”平台，未开展扣5分。",
              5,
              "（落实文件、信息报道、工作动态）",
              xinyidai,
            ),
          ],
        },
        {
          id: "department.2.2",
          title: "开展信用便民惠企服务",
          points: 5,
          notApplicable: { allowed: true, when: "本部门职能中没有可开展“信易+”场景应用的服务事项" },
          clauses: [
            measured("department.2.2.1", "结合部门职能，开展“信易+”场景应用，未开展扣5分。", 5, "（出台文件、工作信息）", xinyiPlus),
          ],
        },
        {
          id: "department.2.3",
          title: "持续开展诚信“七进”活动",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("department.2.3.1", "结合部门职能，开展形式多样的诚信“进机关、进大厅、进企业、进市场、进学校、进社区、进村屯”宣传活动，未开展扣5分。", 5, "（图片、工作信息、工作动态）", sevenInto()),
          ],
        },
        {
          id: "department.2.4",
          title: "配合县区开展“码上诚信”工作",
          points: 5,
          notApplicable: { allowed: true, when: "本部门不是行业管理部门，没有配合县区开展“码上诚信”赋码的职能" },
          clauses: [
            measured(
              "department.2.4.1",
              "充分发挥行管部门职能，配合县区积极开展码上诚信”赋码工作，未开展扣5分。",
              5,
              "（落实文件、信息报道、工作动态）",
              qrCode,
            ),
          ],
        },
        {
          id: "department.2.5",
          title: "加强政务诚信建设",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            clause(
              "department.2.5.1",
              "每年度5月1日前，结合部门职能更新本部门和公职人员诚信履职的信用承诺，未报送扣5分。",
              5,
              "（平台调阅）",
              [yesNo("commitSubmitted", "是否已更新并报送本部门和公职人员诚信履职的信用承诺"), date("commitSubmittedOn", "信用承诺报送日期", YEAR)],
              {
                op: "any",
                of: [
                  { op: "no", input: "commitSubmitted", yesText: "已报送信用承诺", noText: "未报送信用承诺" },
                  { op: "dateAfter", input: "commitSubmittedOn", deadline: `${YEAR}-05-01`, label: "信用承诺报送" },
                ],
              },
            ),
          ],
        },
        {
          id: "department.2.6",
          title: "杜绝本领域重大失信事件",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("department.2.6.1", "本领域被列入失信联合惩戒对象名单的企业占比超过1%，扣2.5分", 2.5, "（平台调阅）", blacklistShare("本领域", "本领域企业总数")),
            clause(
              "department.2.6.2",
              "本部门被列入失信被执行人，扣2.5分。",
              2.5,
              "（平台调阅）",
              [yesNo("deptIsDebtor", "本部门是否被列入失信被执行人")],
              { op: "yes", input: "deptIsDebtor", yesText: "本部门被列入失信被执行人", noText: "本部门未被列入失信被执行人" },
            ),
          ],
        },
      ],
    },
    {
      id: "department.3",
      numeral: "三",
      title: "信用监管",
      points: 20,
      indicators: [
        {
          id: "department.3.1",
          title: "全面推行信用承诺",
          points: 10,
          notApplicable: { allowed: true, when: "本部门没有行政审批等产生信用承诺的事项" },
          clauses: [
            measured(
              "department.3.1.1",
              "归集本领域产生的行政审批、市场主体主动承诺、行业自律等各类信用承诺，产生承诺未及时通过鹤岗市信用信息共享平台报送扣10分。",
              10,
              "（平台调阅）",
              shortfall({
                produced: ["commitmentsProduced", "本领域产生的各类信用承诺份数"],
                done: ["commitmentsReported", "其中已及时通过市信用信息共享平台报送的份数"],
                unit: "份",
                producedLabel: "产生信用承诺",
                doneLabel: "已及时报送",
                gapLabel: "未及时报送",
                noneText: "本年度本领域未产生信用承诺，无需报送",
              }),
            ),
          ],
        },
        {
          id: "department.3.2",
          title: "信用联合奖惩",
          points: 5,
          notApplicable: { allowed: true, when: "本部门不认定“红黑名单”，也不办理需“逢办必查、逢批必查”的事项" },
          clauses: [
            measured("department.3.2.1", "本部门产生“红黑名单”未及时推送，未公开公示的扣2.5分", 2.5, "（日常报送、平台调阅）", redBlackPushed("本部门", "已及时推送并公开公示")),
            measured("department.3.2.2", "依据奖惩措施清单，依托鹤岗市信用信息共享平台对行政相对人信息实行“逢办必查、逢批必查”，未开展信用核查的扣2.5分。", 2.5, "（日常报送、平台调阅）", creditChecks()),
          ],
        },
        {
          id: "department.3.3",
          title: "信用分级分类监管",
          points: 5,
          notApplicable: { allowed: true, when: "本部门不属于鹤岗市重点领域分级分类工作涉及单位" },
          clauses: [
            measured(
              "department.3.3.1",
              "鹤岗市重点领域分级分类工作涉及单位未启动并实施信用分级分类监管措施，对列入重点领域单位未制定本领域信用分级分类监管落实文件，产生信用评价结果未及时推送在信用鹤岗公开公示，评价结果未有效应用部门监管的，扣5分。",
              5,
              "（出台文件、评价结果、工作动态）",
              allDone(...gradedSteps),
            ),
          ],
        },
      ],
    },
    {
      id: "department.4",
      numeral: "四",
      title: "权益保护",
      points: 5,
      indicators: [
        {
          id: "department.4.1",
          title: "信用修复情况",
          points: 5,
          notApplicable: { allowed: true, when: "本领域没有信用修复职责（不受理信用修复申请）" },
          clauses: [
            measured("department.4.1.1", "本领域信用修复率低于80%扣5分。", 5, "（平台调阅）", repairRate("本年度本领域无符合条件的信用修复申请")),
          ],
        },
      ],
    },
    {
      id: "department.5",
      numeral: "五",
      title: "诚信教育",
      points: 5,
      indicators: [
        {
          id: "department.5.1",
          title: "开展诚信教育情况",
          points: 5,
          notApplicable: NEVER,
          clauses: [
            measured("department.5.1.1", "未开展诚信教育课程扣5分。", 5, "（课程计划、工作信息、图片）", educationCourses()),
          ],
        },
      ],
    },
    {
      id: "department.6",
      numeral: "六",
      title: "信息报送",
      points: 10,
      indicators: [
        {
          id: "department.6.1",
          title: "信用信息报送情况",
          points: 10,
          notApplicable: NEVER,
          clauses: [
            measured(
              "department.6.1.1",
              "充分展示部门信用体系建设风采，结合本部门工作职能与信用工作充分融合，每年度向市信用办报送信用信息不得少于10篇，未完成扣10分。",
              10,
              "（日常报送工作动态）",
              reportsSent("本年度向市信用办报送的信用信息篇数", 10, "向市信用办报送信用信息"),
            ),
          ],
        },
      ],
    },
  ],
};
