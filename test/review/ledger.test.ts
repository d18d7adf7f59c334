// A returned template with its 双公示台账, read from the file and reviewed: the 双公示 counts are the ledger's rows
// counted by core's rule, never the saved results; the layout's own count formula is accepted, any other formula
// is not; and the hostile files a unit wanting a better 及时率 would send are each reported in Chinese with the cell.
import { getCatalog, indexOf, isoToSerial, LEDGER_COL, LEDGER_FIRST_ROW, publicityInputs, readFilled } from "../../src/core/index";
import { names } from "../../src/core/names";
import { placementFor } from "../../src/layout/placement";
import { regenerate } from "../../src/layout/regenerate";
import { buildTemplateLayout } from "../../src/layout/template";
import type { LedgerRecord, TemplateLayout } from "../../src/layout/template/types";
import { readWorkbookBytes } from "../../src/read/index";
import { reviewUnit } from "../../src/review/unit";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { PERFECT } from "../fixtures/answers";

const catalog = getCatalog(2022, "county");
const { total, onTime } = publicityInputs(catalog);
const s = isoToSerial;
// 甲 on time across 春节 (1月29日、30日 worked), 乙 one working day late, 丙 on time across 国庆, 丁 as text.
const RECORDS: LedgerRecord[] = [
  { subject: "甲", docNo: "许1", decision: s("2022-01-28"), published: s("2022-02-11") },
  { subject: "乙", docNo: "许2", decision: s("2022-01-28"), published: s("2022-02-14") },
  { subject: "丙", docNo: "罚1", decision: s("2022-09-29"), published: s("2022-10-13") },
  { subject: "丁", docNo: "罚2", decision: "2022年4月29日", published: "2022/5/12 16:30" },
];
const values = () => {
  const v: Record<string, unknown> = { ...PERFECT.county };
  delete v[total!.id];
  delete v[onTime!.id];
  v.sgsAccurate = 4;
  return v;
};

const evidence = Object.fromEntries([...indexOf(catalog).clauses.keys()].map((id) => [id, "已附"]));

function layoutWith(records: LedgerRecord[], edit?: (l: TemplateLayout) => void): TemplateLayout {
  const layout = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", ledger: true, answers: { values: values(), evidence, ledger: records } });
  edit?.(layout);
  return layout;
}

async function review(layout: TemplateLayout) {
  const read = readWorkbookBytes(await templateToBuffer(layout), undefined, { placement: placementFor() });
  const cells = read.sheets.find((x) => x.sheet === "兴山区")!;
  return { cells, review: reviewUnit(cells) };
}

const inputCell = (layout: TemplateLayout, id: string) => layout.cells.find((c) => c.address === layout.names.find((n) => n.name === names.input(id))!.address)!;
const mine = (r: Awaited<ReturnType<typeof review>>["review"]) => r.problems.filter((p) => p.message.includes("台账"));

test("an honest ledger: the counts are its records counted by the calendar, nothing reported", async () => {
  const { review: r } = await review(layoutWith(RECORDS));
  expect(mine(r)).toEqual([]);
  expect([r.answers!.values[total!.id], r.answers!.values[onTime!.id]]).toEqual([4, 3]);
  expect(r.problems.filter((p) => p.severity === "错误")).toEqual([]);
});

test("saved counts that lie are not used: an 错误 on the input cell, the ledger's count instead", async () => {
  const layout = layoutWith(RECORDS, (l) => {
    inputCell(l, onTime!.id).cached = 4; // 及时率 100 %
  });
  const { review: r } = await review(layout);
  expect(r.answers!.values[onTime!.id]).toBe(3);
  const p = r.problems.find((x) => x.address === inputCell(layout, onTime!.id).address)!;
  expect(p.severity).toBe("错误");
  expect(p.message).toContain("文件中保存的“其中7个工作日内按时公示的条数”（条款 1.3.2）为 4");
  expect(p.message).toContain("重新计算为 3（以重新计算的为准）");
});

test("a ledger whose saved 是否按时 lie: the count is core's, the rows are named", async () => {
  const layout = layoutWith(RECORDS, (l) => {
    const row = l.ledger!.rows[LEDGER_FIRST_ROW]; // 乙, late by a day
    row[LEDGER_COL.status - 1]!.cached = "按时";
    inputCell(l, onTime!.id).cached = 4;
  });
  const { review: r } = await review(layout);
  expect(r.answers!.values[onTime!.id]).toBe(3);
  const p = r.problems.find((x) => x.address === inputCell(layout, onTime!.id).address)!;
  expect(p.message).toContain(`“是否按时”与规则不符的行：F${LEDGER_FIRST_ROW + 1}（保存为“按时”，应为“逾期”）`);
});

test("a count input holding another formula is an 错误 and reads as blank", async () => {
  const layout = layoutWith(RECORDS, (l) => {
    const c = inputCell(l, onTime!.id);
    c.formula = `COUNTIF('兴山区双公示台账'!$F$4:$F$2003,"?*")`;
    c.cached = 4;
  });
  const { review: r } = await review(layout);
  expect(r.answers!.values[onTime!.id]).toBeUndefined();
  const p = r.problems.find((x) => x.address === inputCell(layout, onTime!.id).address)!;
  expect([p.severity, p.message]).toEqual(["错误", expect.stringContaining("填写的是公式")]);
});

test("the layout's formula is recognised however Excel, WPS or LibreOffice spell it", async () => {
  const layout = layoutWith(RECORDS, (l) => {
    const c = inputCell(l, total!.id);
    c.formula = c.formula!.replace(/'兴山区双公示台账'/g, "兴山区双公示台账").replace(/\$/g, "").replace(/COUNTIF/g, "countif").replace(/,/g, ", ");
  });
  const { review: r } = await review(layout);
  expect(mine(r)).toEqual([]);
  expect(r.answers!.values[total!.id]).toBe(4);
});

test("a formula in a ledger date cell is an 错误 on that cell; the record reads as undated (有误, never on time)", async () => {
  const layout = layoutWith(RECORDS, (l) => {
    const row = l.ledger!.rows[LEDGER_FIRST_ROW]; // 乙
    row[LEDGER_COL.published - 1] = { f: "DATE(2022,2,11)", cached: s("2022-02-11"), s: "date", locked: false };
  });
  const { review: r } = await review(layout);
  const p = r.problems.find((x) => x.sheet === "兴山区双公示台账" && x.address === `D${LEDGER_FIRST_ROW + 1}` && x.severity === "错误")!;
  expect(p.message).toContain("台账中填写的是公式（=DATE(2022,2,11)）");
  expect(r.answers!.values[onTime!.id]).toBe(3);
  expect(r.problems.some((x) => x.address === `D${LEDGER_FIRST_ROW + 1}` && x.severity === "提示" && x.message.includes("未填公示或上报日期"))).toBe(true);
});

test("dates in a year the ledger's calendar does not cover are 有误 with the cell, counted and never on time", async () => {
  const layout = layoutWith([...RECORDS, { subject: "戊", decision: "2019-03-01", published: "2019-03-04" }, { subject: "己", decision: "2022-12-28", published: "2024-01-02" }]);
  const { review: r } = await review(layout);
  expect([r.answers!.values[total!.id], r.answers!.values[onTime!.id]]).toEqual([6, 3]);
  const hints = r.problems.filter((p) => p.sheet === "兴山区双公示台账" && p.severity === "提示").map((p) => p.message);
  expect(hints).toEqual([
    `“兴山区双公示台账”工作表 C${LEDGER_FIRST_ROW + 4}：台账第 ${LEDGER_FIRST_ROW + 4} 行：决定日期 2019年3月1日 不在本台账的工作日历范围（2021—2023 年）内，无法按工作日计算；该条计入总条数，不计为按时公示`,
    `“兴山区双公示台账”工作表 D${LEDGER_FIRST_ROW + 5}：台账第 ${LEDGER_FIRST_ROW + 5} 行：公示或上报日期 2024年1月2日 不在本台账的工作日历范围（2021—2023 年）内，无法按工作日计算；该条计入总条数，不计为按时公示`,
  ]);
  expect(r.problems.filter((p) => p.severity === "错误")).toEqual([]);
});

test("a ledger sheet deleted under its counts: 错误, the counts read as blank", async () => {
  const layout = layoutWith(RECORDS, (l) => {
    l.ledger = undefined;
  });
  const { review: r } = await review(layout);
  expect(r.answers!.values[total!.id]).toBeUndefined();
  const p = r.problems.find((x) => x.address === inputCell(layout, total!.id).address && x.message.includes("没有该工作表"))!;
  expect(p.severity).toBe("错误");
});

test("counts typed over the formulas stand; a template made before the ledger (no ledger sheet) reads as before", async () => {
  const typed = layoutWith(RECORDS, (l) => {
    for (const id of [total!.id, onTime!.id]) {
      const c = inputCell(l, id);
      delete c.formula;
      c.value = 10;
      delete c.cached;
    }
  });
  const a = await review(typed);
  expect([a.review.answers!.values[total!.id], a.review.answers!.values[onTime!.id]]).toEqual([10, 10]);
  expect(mine(a.review)).toEqual([]);
  const old = buildTemplateLayout(catalog, { name: "兴山区" }, { variant: "addin", answers: { values: { ...values(), [total!.id]: 8, [onTime!.id]: 7 }, evidence } });
  // (4 of 8 accurate: a deduction, no error)
  expect(old.ledger).toBeUndefined();
  const b = await review(old);
  expect([b.review.answers!.values[total!.id], b.review.answers!.values[onTime!.id]]).toEqual([8, 7]);
  expect(b.review.problems.filter((p) => p.severity === "错误")).toEqual([]);
});

test("template --update keeps the ledger's records and its counts follow the new ledger; an import writes the numbers", async () => {
  const { cells } = await review(layoutWith(RECORDS));
  const filled = readFilled(cells, [catalog]);
  const again = regenerate(filled, catalog, { variant: "addin", unit: "兴山区", ledger: true });
  if (!again.ok) throw new Error(again.reason);
  expect(again.layout!.ledger!.rows.slice(LEDGER_FIRST_ROW - 1, LEDGER_FIRST_ROW + 4).map((r) => r[LEDGER_COL.subject - 1]?.v ?? null)).toEqual(["甲", "乙", "丙", "丁", null]);
  expect(inputCell(again.layout!, onTime!.id)).toMatchObject({ formula: expect.stringContaining("双公示台账"), cached: 3 });
  const imported = regenerate(filled, catalog, { variant: "addin", unit: "兴山区" });
  if (!imported.ok) throw new Error(imported.reason);
  expect(imported.layout!.ledger).toBeUndefined();
  expect(inputCell(imported.layout!, onTime!.id)).toMatchObject({ value: 3 });
});
