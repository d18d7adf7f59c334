// Writes the workbooks pictured in docs/ (run by scripts/render-template.sh, which renders them with
// LibreOffice): blank templates of both kinds, a filled template, and a 汇总 of invented returns.
// Usage: tsx scripts/render-docs.ts OUTDIR
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allClauses, DEFAULT_FEEDBACK_TERMS, getCatalog, unitsOf, type UnitKind } from "../src/core/index";
import { buildFeedback } from "../src/layout/feedback";
import { ISSUER } from "../src/review/summaryGrid";
import { latestRecords, type AuditEntry } from "../src/review/verification";
import { sheetDocsToBuffer } from "../src/xlsx/writeSheetDoc";
import { buildTemplateLayout } from "../src/layout/template";
import { summarizeFiles } from "../src/xlsx/summarizeFiles";
import { summaryFile } from "../src/xlsx/writeSummary";
import { templateToBuffer } from "../src/xlsx/writeTemplate";

async function main(out: string): Promise<void> {
  mkdirSync(join(out, "returned"), { recursive: true });
  const example = (kind: UnitKind) => JSON.parse(readFileSync(join(__dirname, "..", "examples", `answers-${kind}.json`), "utf8")) as { values: Record<string, unknown>; notApplicable?: string[] };
  const save = async (path: string, kind: UnitKind, unit: string, answers?: { values: Record<string, unknown>; notApplicable?: string[] }) =>
    writeFileSync(path, await templateToBuffer(buildTemplateLayout(getCatalog(2022, kind), { name: unit }, { variant: "addin", answers: answers && { ...answers, evidence: evidence(kind), header: { filler: "张明", phone: "0468-3355520", fillDate: "2023-01-10" } } })));
  // Every clause's 已附佐证材料 filled, as a unit that is done would.
  function evidence(kind: UnitKind): Record<string, string> {
    return Object.fromEntries(allClauses(getCatalog(2022, kind)).map((c, i) => [c.id, `附件 ${i + 1}`]));
  }
  await save(join(out, "template-county.xlsx"), "county", "兴山区");
  await save(join(out, "template-department.xlsx"), "department", "市市场监督管理局");
  const county = example("county");
  await save(join(out, "template-filled.xlsx"), "county", "兴山区", county);
  // Returns for the 汇总: every county but one, 40 of the departments, with a few differences.
  const units = unitsOf(2022);
  const files: string[] = [];
  for (const [i, unit] of units.county.slice(0, 7).entries()) {
    const p = join(out, "returned", `${unit}.xlsx`);
    await save(p, "county", unit, { ...county, values: { ...county.values, meetingsHeld: i % 3, commitmentsCollected: 800 + 150 * i } });
    files.push(p);
  }
  const dept = example("department");
  for (const [i, unit] of units.department.slice(0, 40).entries()) {
    const p = join(out, "returned", `${unit}.xlsx`);
    await save(p, "department", unit, { ...dept, values: { ...dept.values, ...(i % 4 === 0 ? { sgsAccurate: 0 } : {}) } });
    files.push(p);
  }
  const { data } = await summarizeFiles(files, { year: 2022, weight: 3, expected: units, now: new Date("2022-12-26T09:30:00+08:00") });
  writeFileSync(join(out, "summary.xlsx"), await summaryFile(data));
  // The first county unit's 结果反馈单, with a 改判 and a 复核 in its 核定记录.
  const entry = (clauseId: string, to: number, reason: string, kind: AuditEntry["kind"], previous: number | null): AuditEntry => ({
    time: "2022-12-28T10:00:00+08:00", reviewer: "王强", sheet: units.county[0], unit: units.county[0], clauseId, saved: null, recomputed: 0, previous, to, reason, kind, basis: "",
  });
  const records = latestRecords([
    entry("county.1.1.2", 2.5, "会议纪要未附，不能证明召开信用工作会议", "改判", null),
    entry("county.3.1.1", 0, "同意自评", "同意自评", null),
    entry("county.1.1.2", 0, "单位补充了 2022 年 6 月信用工作会议纪要，复核不扣分", "复核", 2.5),
  ]);
  const placed = (await summarizeFiles([files[0]], { year: 2022, expected: units, records: { file: "办公室工作簿.xlsx", records, problems: [] } })).placed[0].review;
  writeFileSync(
    join(out, "feedback.xlsx"),
    await sheetDocsToBuffer([buildFeedback({ unit: { ...placed, catalog: placed.catalog! }, terms: { ...DEFAULT_FEEDBACK_TERMS, contact: "李华", phone: "0468-3355521" }, issuer: ISSUER, date: "2022-12-30" })]),
  );
}

void main(process.argv[2]);
