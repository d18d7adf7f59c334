// The templates as a clerk prints them: rendered by LibreOffice to A4 PDF and measured on the page.
// Smallest printed text, one title, no bracket left alone on a line in the sheet's own labels, the
// category named on every page it continues on, and the signature line — for both kinds of unit, the
// add-in and the portable variant, blank and filled.
import { clausesWithReadings, getCatalog, readingOf, type UnitKind } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { COL, LAST_VISIBLE } from "../../src/layout/template/grid";
import { colLetter } from "../../src/core/a1";
import { LINE_START_FORBIDDEN } from "../../src/layout/typeset";
import type { TemplateLayout } from "../../src/layout/template/types";
import { templateToBuffer } from "../../src/xlsx/writeTemplate";
import { PERFECT } from "../fixtures/answers";
import { carlitoMissing, pdfPages, pdfWords, printedSize, renderPdfs, soffice, type PdfWord } from "../helpers/pdf";
import { readFileSync, statSync } from "node:fs";
import { summarize, type SummaryData } from "../../src/review/summary";
import { CONTINUED, MISSING_LABEL } from "../../src/review/summaryGrid";
import { reportOnlyFile, summaryFile } from "../../src/xlsx/writeSummary";
import { join } from "node:path";

const MIN_PRINTED_PT = 7.5;
const CLOSING = /^[）」』”，。、；：]+$/;

if (!soffice) console.log("[skip] LibreOffice (soffice) is not installed: the print test is skipped");

/** The sheet's own labels: header row, header block, category and indicator labels, totals, signature. */
function structuralTexts(layout: TemplateLayout): string[] {
  return layout.cells
    .filter((c) => typeof c.value === "string" && (["th", "headLabel", "category", "indicator", "totalLabel", "sign", "title"] as string[]).includes(c.style))
    .map((c) => String(c.value).replace(/\n/g, ""));
}

/**
 * A bracket alone: a printed word of closing punctuation only whose text, joined to the word printed
 * before it (the end of the line above, in the same cell), is part of one of the sheet's labels.
 */
function orphans(words: PdfWord[], labels: string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    if (!CLOSING.test(w.text) || i === 0) return;
    const joined = words[i - 1].text + w.text;
    if (labels.some((l) => l.includes(joined))) out.push(`第 ${w.page} 页：“${words[i - 1].text}” / “${w.text}”`);
  });
  return out;
}

const CJK_ONE = /^[\u3400-\u9fff]$/;
/** The sheet's own texts the layout breaks into lines (src/layout/template/index.ts TYPESET). */
const TYPESET_STYLES = ["note", "th", "category", "indicator", "clause", "inputLabel", "evidence"];

/**
 * Chinese typesetting as printed, in the sheet's own texts: a line (a word with nothing printed just left of
 * it on its baseline) that starts with closing punctuation, or one character of a word alone on its line —
 * where the word printed before it and this one continue one of those texts (so a unit of measure "户" or
 * "%" alone in its cell is not a fault). Formula results (扣分说明) wrap as Excel or LibreOffice wraps them.
 */
function typesettingFaults(words: PdfWord[], layout: TemplateLayout): string[] {
  const texts = layout.cells.filter((c) => TYPESET_STYLES.includes(c.style) && typeof c.value === "string").map((c) => String(c.value).replace(/[ \n]/g, ""));
  const gap = (w: PdfWord, v: PdfWord, side: -1 | 1) => (side < 0 ? w.xMin - v.xMax : v.xMin - w.xMax);
  const beside = (w: PdfWord, side: -1 | 1) => words.some((v) => v !== w && v.page === w.page && Math.abs(v.yMin - w.yMin) < 1.5 && gap(w, v, side) > -1 && gap(w, v, side) < 4);
  const out: string[] = [];
  words.forEach((w, i) => {
    // The word printed before it ends the line above in the same cell (same page, higher, overlapping it).
    const prev = words[i - 1];
    const above = i > 0 && prev.page === w.page && prev.yMin < w.yMin - 1 && prev.xMax > w.xMin && prev.xMin < w.xMax + 40;
    if (!above || beside(w, -1) || !texts.some((t) => t.includes(prev.text + w.text))) return;
    if (LINE_START_FORBIDDEN.has(w.text[0])) out.push(`第 ${w.page} 页：一行以“${w.text[0]}”开头（“${words[i - 1].text}” / “${w.text}”）`);
    else if (CJK_ONE.test(w.text) && !beside(w, 1)) out.push(`第 ${w.page} 页：“${words[i - 1].text}” / “${w.text}” 一个字单独成行`);
  });
  return out;
}

const cases: { name: string; kind: UnitKind; unit: string; layout: TemplateLayout }[] = [];
for (const kind of ["county", "department"] as UnitKind[]) {
  const catalog = getCatalog(2022, kind);
  const unit = kind === "county" ? "兴山区" : "市市场监督管理局";
  cases.push({ name: `${kind}-addin-blank`, kind, unit, layout: buildTemplateLayout(catalog, { name: unit }, { variant: "addin" }) });
  cases.push({ name: `${kind}-portable-filled`, kind, unit, layout: buildTemplateLayout(catalog, { name: unit }, { variant: "portable", answers: { values: PERFECT[kind], header: { filler: "张三", phone: "13800000000", fillDate: "2023-01-10" } } }) });
}

/** A summary of invented figures: 8 counties, 42 departments (one not returned), weight 3. */
function summaryOneMissing(): SummaryData {
  const county = getCatalog(2022, "county");
  const dept = getCatalog(2022, "department");
  const departments = Array.from({ length: 42 }, (_, i) => `市第${i + 1}测试局`);
  const data = summarize([], { year: 2022, weight: 3, expected: { county: ["兴山区"], department: [] } }, () => "2022-12-20T10:00:00+08:00");
  const row = (unit: string, score: number, rank: number) => ({ unit, rank, status: "已核定" as const, openProblems: 0, categories: [100 - score, 0, 0, 0, 0, 0], totalDeduction: 100 - score, score, selfScore: score, verifiedScore: score, weighted: Math.round(score * 3) / 100 });
  data.tables.county = { kind: "county", categoryTitles: county.categories.map((c) => ({ title: c.title, points: c.points })), expected: 8, returned: 8, rows: ["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"].map((u, i) => row(u, 100 - i * 2.5, i + 1)) };
  data.tables.department = { kind: "department", categoryTitles: dept.categories.map((c) => ({ title: c.title, points: c.points })), expected: 42, returned: 41, rows: [...departments.slice(0, 41).map((u, i) => row(u, 100 - (i % 9) * 2.5, 1)), { unit: departments[41], status: "未返回" as const, openProblems: 0 }] };
  data.missing = { county: [], department: [departments[41]] };
  return data;
}

const COUNTIES = ["兴山区", "向阳区", "工农区", "南山区", "兴安区", "东山区", "萝北县", "绥滨县"];
const DEPARTMENTS = Array.from({ length: 42 }, (_, i) => `市第${i + 1}测试局`);

/** 2 counties and 38 departments not returned, and enough open problems for the 工作记录's list to go over several pages. */
function summaryManyMissing(): SummaryData {
  const county = getCatalog(2022, "county");
  const dept = getCatalog(2022, "department");
  const counties = COUNTIES;
  const departments = DEPARTMENTS;
  const data = summarize([], { year: 2022, weight: 3, expected: { county: counties, department: departments } }, () => "2022-12-20T10:00:00+08:00");
  const row = (unit: string, score: number, rank: number) => ({ unit, rank, status: "已核定" as const, openProblems: 0, categories: [100 - score, 0, 0, 0, 0, 0], totalDeduction: 100 - score, score, selfScore: score, verifiedScore: score, weighted: Math.round(score * 3) / 100 });
  const notReturned = (unit: string) => ({ unit, status: "未返回" as const, openProblems: 0 });
  data.tables.county = { kind: "county", categoryTitles: county.categories.map((c) => ({ title: c.title, points: c.points })), expected: 8, returned: 6, rows: [...counties.slice(0, 6).map((u, i) => row(u, 100 - i * 2.5, i + 1)), ...counties.slice(6).map(notReturned)] };
  data.tables.department = { kind: "department", categoryTitles: dept.categories.map((c) => ({ title: c.title, points: c.points })), expected: 42, returned: 4, rows: [...departments.slice(0, 4).map((u, i) => row(u, 100 - i * 2.5, i + 1)), ...departments.slice(4).map(notReturned)] };
  data.missing = { county: counties.slice(6), department: departments.slice(4) };
  data.problems = Array.from({ length: 60 }, (_, i) => ({ unit: departments[i % 4], source: `${departments[i % 4]}.xlsx`, sheet: departments[i % 4], address: `F${10 + i}`, severity: "提示" as const, kind: "缺佐证" as const, message: `第 ${i + 1} 条：佐证材料未附，请补充后重新报送，并在备注中写明材料名称与页码` }));
  return data;
}

/**
 * Every PDF of this file — the four templates, the two 汇总 and the report alone — from one LibreOffice run:
 * starting LibreOffice costs about 5 CPU-s whatever it converts, and three runs (one per describe and test)
 * cost three times that for the same pages.
 */
let pdfs: Record<string, string> = {};
beforeAll(async () => {
  if (!soffice) return;
  const missing = carlitoMissing();
  if (missing) throw new Error(missing);
  const files: Record<string, Uint8Array> = {};
  for (const c of cases) files[c.name] = await templateToBuffer(c.layout);
  files["summary-one-missing"] = await summaryFile(summaryOneMissing());
  const many = summaryManyMissing();
  files["summary-many-missing"] = await summaryFile(many);
  files["report-many-missing"] = await reportOnlyFile(many);
  // template.test's check that a template converts at all (a 市直部门's portable form, blank), in the same run.
  files["department-portable-市审计局"] = await templateToBuffer(buildTemplateLayout(getCatalog(2022, "department"), { name: "市审计局" }, { variant: "portable" }));
  pdfs = renderPdfs(files);
}, 240_000);

describe("templates printed on A4", () => {

  (soffice ? test.each(cases.map((c) => [c.name, c] as const)) : test.skip.each(cases.map((c) => [c.name, c] as const)))("%s", (_name, c) => {
    const pdf = pdfs[c.name];
    const words = pdfWords(pdf);
    const pages = pdfPages(pdf);
    // Smallest printed text, measured from the width of Chinese words (one em per character).
    const sizes = words.map(printedSize).filter((x): x is number => x !== undefined);
    const smallest = Math.min(...sizes);
    console.log(`[print] ${c.name}: ${pages} pages, smallest printed text ${smallest.toFixed(2)} pt`);
    expect(smallest).toBeGreaterThanOrEqual(MIN_PRINTED_PT);
    expect(pages).toBe(c.layout.print.rowBreaks.length + 1);

    // One title: the sheet's title, and the same title after the unit's name in every page header.
    const title = c.layout.cells.find((x) => x.style === "title")!.value as string;
    expect(c.layout.print.header).toBe(`${c.unit}\u3000${title}`);
    const text = (page: number) => words.filter((w) => w.page === page).map((w) => w.text).join("");
    for (let p = 1; p <= pages; p++) expect(text(p)).toContain(title.replace(/ /g, ""));

    expect(orphans(words, structuralTexts(c.layout))).toEqual([]);
    // Every typed figure and date shows itself: a value wider than its column prints as “###” (a date in 填报数据
    // did, at width 10).
    expect(words.filter((w) => /^#{2,}$/.test(w.text)).map((w) => `第 ${w.page} 页 x=${Math.round(w.xMin)}`)).toEqual([]);
    expect(typesettingFaults(words, c.layout)).toEqual([]);

    // A category that continues on the next page is named there, marked （续）.
    c.layout.print.rowBreaks.forEach((b, i) => {
      const label = c.layout.cells.find((x) => x.row === b + 1 && x.col === COL.category);
      if (!label?.value || label.style !== "category") return; // (a page may also start with the 小计 rows)
      // Column A of that page: words left of the 指标明细 heading, in print order.
      const page = words.filter((w) => w.page === i + 2);
      const edge = page.find((w) => w.text === "指标明细")!.xMin;
      const columnA = page.filter((w) => w.xMax < edge).map((w) => w.text).join("");
      expect(columnA).toContain(String(label.value).replace(/\n/g, ""));
    });
    expect(text(pages)).toContain("单位负责人（签字）");
    expect(text(pages)).toContain("单位（盖章）");
  });
});

test("every page breaks between indicators; a category split by a break is labelled （续） on the next page", () => {
  for (const c of cases) {
    const starts = new Set(c.layout.cells.filter((x) => x.col === COL.indicator && x.value).map((x) => x.row));
    const bodyEnd = Math.max(...starts);
    for (const b of c.layout.print.rowBreaks) if (b + 1 <= bodyEnd) expect(starts.has(b + 1)).toBe(true);
    const continued = c.layout.cells.filter((x) => x.col === COL.category && typeof x.value === "string" && x.value.endsWith("（续）"));
    for (const x of continued) expect(c.layout.print.rowBreaks).toContain(x.row - 1);
  }
  expect(cases.some((c) => c.layout.cells.some((x) => x.col === COL.category && String(x.value).endsWith("（续）")))).toBe(true);
});

test("header block, 小计, 合计 and 得分 rows span the table's full width (A–P)", () => {
  for (const c of cases) {
    const rowsOf = (style: string) => [...new Set(c.layout.cells.filter((x) => x.style === style).map((x) => x.row))];
    for (const r of [...rowsOf("headLabel"), ...rowsOf("totalLabel")]) {
      const merged = c.layout.merges.filter((m) => m.endsWith(`${colLetter(LAST_VISIBLE)}${r}`));
      expect({ row: r, merged: merged.length }).toEqual({ row: r, merged: 1 });
    }
  }
});

test("each ambiguous clause shows the applied reading beside the notice's text; the readings are those of docs/rules-2022.md", () => {
  const doc = readFileSync(join(__dirname, "..", "..", "docs", "rules-2022.md"), "utf8");
  const table = doc.split("\n").filter((l) => l.startsWith("| county") || l.startsWith("| department"));
  const ids = new Set(["county", "department"].flatMap((k) => getCatalog(2022, k as UnitKind).categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((x) => x.id)))));
  for (const id of clausesWithReadings(2022)) {
    expect(ids.has(id)).toBe(true);
    const [kind, ...num] = id.split(".");
    expect(table.some((l) => l.split("|")[1].includes(kind) && l.split("|")[1].includes(num.join(".")))).toBe(true);
  }
  for (const c of cases) {
    for (const cell of c.layout.cells.filter((x) => x.style === "clause" && x.value)) {
      const id = (c.layout.cells.find((x) => x.row === cell.row && x.col === COL.clauseId)!.value as string).split(":")[1];
      const reading = readingOf(2022, id);
      // (The layout breaks it into lines: compared without them.)
      const flat = (s: string) => s.replace(/\s+/g, "");
      if (reading) expect(flat(String(cell.value))).toContain(flat(`【本表采用的解读】${reading}`));
      else expect(cell.value).not.toContain("本表采用的解读");
    }
  }
});

describe("the 汇总 printed on A4", () => {
  (soffice ? test : test.skip)(
    "report: headings on every page, 市直部门 on a new page, both charts drawn by LibreOffice, the sign-off block; 工作记录 after it",
    async () => {
      const pdf = pdfs["summary-one-missing"];
      const words = pdfWords(pdf);
      const pages = pdfPages(pdf);
      const text = (p: number) => words.filter((w) => w.page === p).map((w) => w.text).join("");
      const reportPages = [...Array(pages).keys()].map((i) => i + 1).filter((p) => !text(p).includes("考核工作记录") && !text(p).includes("工作记录第"));
      const smallest = Math.min(...words.filter((w) => reportPages.includes(w.page)).map(printedSize).filter((x): x is number => x !== undefined));
      console.log(`[print] 汇总: ${pages} pages (report ${reportPages.length}), smallest printed text on the report ${smallest.toFixed(2)} pt`);
      expect(text(1)).toContain("2022年度“信用鹤岗”建设工作考核结果汇总表");
      expect(text(1)).toContain("县区考核得分"); // chart title, drawn by LibreOffice from the chart part
      // Every report page starts with the column headings (print titles).
      for (const p of reportPages) expect([p, text(p).includes("排名") && text(p).includes("考核得分")]).toEqual([p, true]);
      // Table 二 starts on a new page; its chart is drawn whole on one page.
      const second = reportPages.find((p) => text(p).includes("二、市直部门"))!;
      expect(second).toBeGreaterThan(1);
      expect(text(second - 1)).not.toContain("二、市直部门");
      expect(reportPages.some((p) => text(p).includes("市直部门考核得分"))).toBe(true);
      expect(text(reportPages[reportPages.length - 1])).toContain("审核人");
      expect(smallest).toBeGreaterThanOrEqual(MIN_PRINTED_PT);
      expect(pagesWithoutRows(words, reportPages)).toEqual([]);
    },
    240_000,
  );

  (soffice ? test : test.skip)(
    "38 departments not returned: one 未报送单位 line, every page with rows of a table; the 工作记录's headings repeated where a section goes on; the report alone prints the same",
    async () => {
      const departments = DEPARTMENTS;
      const pdf = { summary: pdfs["summary-many-missing"], report: pdfs["report-many-missing"] };
      const words = pdfWords(pdf.summary);
      const pages = pdfPages(pdf.summary);
      const text = (p: number) => words.filter((w) => w.page === p).map((w) => w.text).join("");
      const all = [...Array(pages).keys()].map((i) => i + 1);
      const logFirst = all.find((p) => text(p).includes("考核工作记录"))!;
      const reportPages = all.filter((p) => p < logFirst);
      const logPages = all.filter((p) => p >= logFirst);
      const report = reportPages.map(text).join("");
      console.log(`[print] 汇总 with 38 departments not returned: report ${reportPages.length} pages, 工作记录 ${logPages.length}; the report alone ${pdfPages(pdf.report)} pages`);
      // The units that did not return: one line each table, their names not rows of it.
      expect(report).toContain(`${MISSING_LABEL}（38个）：${departments.slice(4).join("、")}`);
      expect(report).toContain(`${MISSING_LABEL}（2个）：萝北县、绥滨县`);
      expect(reportPages.length).toBeLessThanOrEqual(2);
      // The list breaks between names: no printed line starts inside one (“15测试局”, “局、”).
      const broken = reportPages.flatMap((p) => printedLines(words, p)).filter((l) => /^(\d+测试局|测试局|试局|局)/.test(l));
      expect(broken).toEqual([]);
      expect(pagesWithoutRows(words, reportPages)).toEqual([]);
      // The 工作记录: a page it goes on to starts with a section heading — a new one, or the one continued
      // marked （续） with, for a table, its column headings under it.
      expect(logPages.length).toBeGreaterThan(2);
      for (const p of logPages.slice(1)) {
        const lines = printedLines(words, p);
        expect([p, lines[0]]).toEqual([p, expect.stringMatching(/^[一二三四五六]、/)]);
        if (lines[0].endsWith(CONTINUED) && /^[四五]、/.test(lines[0])) expect([p, lines[1]]).toEqual([p, expect.stringMatching(/^单位/)]);
      }
      expect(logPages.filter((p) => printedLines(words, p)[0].endsWith(CONTINUED)).length).toBeGreaterThan(0);
      // The report alone: the same pages, each with rows.
      const alone = pdfWords(pdf.report);
      expect(pdfPages(pdf.report)).toBe(reportPages.length);
      expect(pagesWithoutRows(alone, [...Array(pdfPages(pdf.report)).keys()].map((i) => i + 1))).toEqual([]);
    },
    240_000,
  );
});

(soffice ? test : test.skip)("LibreOffice converts a generated template to a PDF with at least one page", () => {
  const pdf = pdfs["department-portable-市审计局"];
  expect(statSync(pdf).size).toBeGreaterThan(10_000);
  const text = readFileSync(pdf, "latin1");
  expect(Number(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(text)?.[1] ?? /\/Count\s+(\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
});

/** Printed lines of a page, top to bottom (words on one baseline joined), without its header and footer. */
function printedLines(words: PdfWord[], page: number): string[] {
  const on = words.filter((w) => w.page === page && w.yMin > 40 && w.yMax < 560).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  const lines: { y: number; text: string }[] = [];
  for (const w of on) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - w.yMin) < 2) last.text += w.text;
    else lines.push({ y: w.yMin, text: w.text });
  }
  return lines.map((l) => l.text);
}

/**
 * Report pages that carry no row of a table under the repeated headings: a page of headings and a chart, or
 * of headings and the sign-off. A table row prints its 按比例计入 (two decimals, weight 3); the 未报送单位 line counts.
 */
function pagesWithoutRows(words: PdfWord[], pages: number[]): number[] {
  return pages.filter((p) => !words.some((w) => w.page === p && (/^\d{1,3}\.\d\d$/.test(w.text) || w.text.startsWith("未报送单位"))));
}
