// npm run cli -- publicity 记录.xlsx|记录.csv… [--json] [--out 及时率.xlsx] [--unit 单位] [--year 2022] [--departments 名单.txt]
// Counts per 数据来源单位 the 双公示 records published within 7 working days of the decision (the official
// calendar: 法定节假日 and 调休 days), lists the late ones and those whose dates cannot be judged, and writes
// 及时率.xlsx — with the 平台数据 sheets the counts fill, so the result can stand as the office's 平台数据.
// Exit 0: every record judged and every unit a member; 1: records or unit names to check (listed);
// 2: unusable arguments or files, nothing written.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { formatCount } from "../../core/format";
import { expectedUnits, findCatalog, formatPercent, publicityInputs, UNIT_KIND_LABEL, UNIT_KIND_SHORT, timelinessText, type UnitKind } from "../../core/index";
import { buildPlatformLayout, type PlatformFill } from "../../layout/platform";
import { buildPublicityDocs } from "../../layout/publicityDoc";
import type { SheetDoc } from "../../layout/sheetDoc";
import { countPublicity, timelyRate, type PublicityCount } from "../../review/publicity";
import type { PublicityRecord } from "../../review/records";
import { fileReason } from "../../review/types";
import { FileWriteError } from "../../xlsx/atomicWrite";
import { sameFile } from "../../xlsx/paths";
import { WorkbookReadError } from "../../read/index";
import { readRecordFile } from "../../xlsx/readRecords";
import { writeSheetDocs } from "../../xlsx/writeFiles";
import { CliError, flag, optionString, type Command } from "../args";
import { runYear } from "./catalog";
import { departmentsFile } from "./summary";

const KINDS: UnitKind[] = ["county", "department"];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const where = (r: PublicityRecord, files: number, file: string) => `${files > 1 ? `${file} ` : ""}${r.sheet ? `“${r.sheet}”` : ""}第 ${r.row} 行`;

export function publicityText(c: PublicityCount, sources: string): string {
  const out = [`“双公示”7 个工作日公示及时率（${sources}：共 ${formatCount(c.records)} 条，按时 ${formatCount(c.onTime)} 条，逾期 ${formatCount(c.late)} 条，有误 ${formatCount(c.invalid)} 条）`];
  for (const u of c.units) {
    const rate = timelyRate(u);
    const who = u.member ? `${u.member}（${UNIT_KIND_SHORT[u.kind!]}）` : `${u.name || "（未填数据来源单位）"}：${u.note}；`;
    out.push(`  ${who}  总 ${formatCount(u.total)} 条，按时 ${formatCount(u.onTime)} 条，逾期 ${u.late.length} 条${u.invalid.length ? `，有误 ${u.invalid.length} 条` : ""}，及时率 ${rate === undefined ? "—" : `${formatPercent(rate, 100)}%`}`);
  }
  return out.join("\n") + "\n";
}

function recordLines(c: PublicityCount, files: number): string {
  const out: string[] = [];
  const late = c.units.flatMap((u) => u.late.map((x) => ({ u, x })));
  const invalid = c.units.flatMap((u) => u.invalid.map((x) => ({ u, x })));
  if (late.length) {
    out.push("", `逾期记录 ${late.length} 条：`);
    for (const { u, x } of late) out.push(`  ${u.member ?? u.name}  ${x.record.subject || "（未填行政相对人）"}  ${timelinessText(x.result)}（${where(x.record, files, x.record.sheet)}）`);
  }
  if (invalid.length) {
    out.push("", `有误记录 ${invalid.length} 条（未计入按时，请核对）：`);
    for (const { u, x } of invalid) out.push(`  ${u.member ?? (u.name || "（未填数据来源单位）")}  ${x.record.subject || "（未填行政相对人）"}  ${where(x.record, files, x.record.sheet)}：${timelinessText(x.result)}`);
  }
  return out.length ? out.join("\n") + "\n" : "";
}

export const publicityCommand: Command = {
  summary: "“双公示”及时率：按法定节假日和调休计算 7 个工作日，统计各单位按时公示条数，列出逾期和有误的记录",
  usage: "publicity 记录.xlsx|记录.csv… [--json] [--out 及时率.xlsx] [--unit 单位（记录中没有数据来源单位列时）] [--year 2022] [--departments 名单.txt]",
  async run(args) {
    const files = args.positionals;
    if (!files.length) throw new CliError("请给出“双公示”记录导出文件（.xlsx 或 .csv），例如：npm run cli -- publicity 记录.xlsx --out 及时率.xlsx");
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) throw new CliError(`找不到${missing.map((f) => `“${f}”`).join("、")}：请检查路径是否写对`);
    const out = optionString(args, "out");
    if (out !== undefined) {
      const self = files.find((f) => sameFile(f, out));
      if (self) throw new CliError(`--out “${out}”就是输入的记录文件：请给结果另起一个文件名（如 及时率.xlsx）`);
      if (existsSync(out)) throw new CliError(statSync(out).isDirectory() ? `--out “${out}”是一个文件夹，请给出文件名，例如 --out 及时率.xlsx` : `--out “${out}”已存在，未写入；请另起一个文件名，或确认不再需要后先移走该文件`);
      const dir = dirname(resolve(out));
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--out “${out}”所在的文件夹“${dir}”不存在，请先建立文件夹或换一个位置`);
    }
    const year = runYear(args, []);
    const expected = expectedUnits(year, departmentsFile(optionString(args, "departments")));
    const unit = optionString(args, "unit");
    const records: PublicityRecord[] = [];
    const notes: string[] = [];
    for (const f of files) {
      try {
        const r = readRecordFile(f);
        if (!r.tables.some((t) => t.columns.columns.unit) && !unit) {
          throw new CliError(`文件“${f}”中没有“数据来源单位”列（或“来源单位”“报送单位”等）：请用 --unit 单位名称 说明这些记录是哪个单位的`);
        }
        if (r.skipped.length && r.skipped.some(Boolean)) notes.push(`文件“${f}”中以下工作表没有“双公示”记录的表头，未读取：${r.skipped.map((s) => `“${s}”`).join("、")}`);
        const base = files.length > 1 ? basename(f) : "";
        records.push(...r.records.map((x) => (base ? { ...x, sheet: x.sheet ? `${base} ${x.sheet}` : base } : x)));
      } catch (e) {
        if (e instanceof WorkbookReadError) throw new CliError(fileReason(f, e.message));
        throw e;
      }
    }
    const count = countPublicity(records, expected, unit);
    const sources = files.map((f) => basename(f)).join("、");
    if (out !== undefined) {
      const docs: SheetDoc[] = buildPublicityDocs({ units: count.units, source: sources, date: today() });
      for (const kind of KINDS) {
        const catalog = findCatalog(year, kind);
        const inputs = catalog && publicityInputs(catalog);
        const counted = count.units.filter((u) => u.kind === kind);
        if (!catalog || !inputs?.total || !inputs.onTime || !counted.length) continue;
        const fill = new Map<string, PlatformFill>(counted.map((u) => [u.member!, { values: { [inputs.total!.id]: u.total, [inputs.onTime!.id]: u.onTime }, date: today(), source: `双公示记录（${sources}）` }]));
        docs.push(buildPlatformLayout(catalog, expected[kind], fill).doc);
      }
      try {
        await writeSheetDocs(out, docs, { exclusive: true });
      } catch (e) {
        if (e instanceof FileWriteError) throw new CliError(e.message);
        throw e;
      }
    }
    if (flag(args, "json")) {
      const json = {
        sources: files.map((f) => basename(f)),
        records: count.records,
        onTime: count.onTime,
        late: count.late,
        invalid: count.invalid,
        units: count.units.map((u) => ({
          name: u.name,
          member: u.member,
          kind: u.kind,
          note: u.note,
          total: u.total,
          onTime: u.onTime,
          rate: timelyRate(u),
          late: u.late.map((x) => ({ ...x.record, ...x.result })),
          invalid: u.invalid.map((x) => ({ ...x.record, reason: x.result.state === "有误" ? x.result.reason : "" })),
        })),
      };
      process.stdout.write(JSON.stringify(json, null, 2) + "\n");
    } else {
      process.stdout.write(publicityText(count, sources) + recordLines(count, files.length) + notes.map((n) => `\n${n}\n`).join("") + (out ? `\n已写入 ${out}（${KINDS.filter((k) => count.units.some((u) => u.kind === k)).map((k) => `含“平台数据（${UNIT_KIND_SHORT[k]}）”工作表，可作为${UNIT_KIND_LABEL[k]}的平台数据`).join("；") || "没有成员单位的记录，未生成平台数据工作表"}）\n` : ""));
    }
    return count.invalid || count.units.some((u) => !u.member) ? 1 : 0;
  },
};
