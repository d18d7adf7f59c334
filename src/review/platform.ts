// Reading the 平台数据 sheet back (src/layout/platform.ts lays it out): rows of values, as the bounded xlsx
// reader or Office.js gives them, → each member unit's platform figures. The office may have pasted into it:
// columns are found by their headings (the hidden id row, else the input's label with or without its unit,
// spaces, full-width forms and punctuation ignored), a heading may sit in a merged two-row block, and the
// table may have moved down or right. Unit names go through the identity rules (canonical names, as
// src/review/identity.ts compares them): a name that is not exactly a member is listed — with the members
// it resembles — and never guessed. Figures get the template's coercion and Chinese reasons
// (src/core/coerce.ts). Pure: no files, no Office.
import { canonicalName, coerce, quoted, isBlank, recordDate, UNIT_KIND_LABEL, UNIT_KIND_SHORT, visibleName, type Catalog, type EngineValue, type InputSpec, type UnitKind } from "../core/index";
import { colLetter } from "../core/a1";
import { DATE_HEADING, PLATFORM_MARK, platformGroups, platformHeading, SOURCE_HEADING, UNIT_HEADING } from "../core/platform";
import { resembling } from "./identity";
import { where } from "./types";

export interface PlatformFigures {
  /** The member unit, spelled as on the member list. */
  member: string;
  /** Input id → the figure, coerced as the template's input (percent in points, dates ISO). */
  values: Record<string, EngineValue>;
  /** Input id → the cell it came from ("D7"). */
  cells: Record<string, string>;
  /** 调阅日期 (ISO), when given. */
  date?: string;
  source?: string;
  /** The row(s) the unit's figures came from (1-based). */
  rows: number[];
}

export interface PlatformProblem {
  address: string;
  message: string;
  /** 错误: a figure or a row not used; 提示: advice. */
  severity: "错误" | "提示";
}

export interface PlatformData {
  sheet: string;
  catalog: Catalog;
  /** By member unit. */
  figures: Map<string, PlatformFigures>;
  /** Input ids the sheet has a column for, in column order. */
  columns: string[];
  /** Names that are not exactly one member unit: listed, their rows not used. */
  unknown: { name: string; address: string; reason: string }[];
  problems: PlatformProblem[];
}

/** The year and kind the sheet says it is for: its hidden id row, else its title, else its name (平台数据（县区）). */
export function platformSheetInfo(rows: readonly (readonly unknown[] | undefined)[], sheetName = ""): { year?: number; kind?: UnitKind } {
  for (let r = 0; r < Math.min(rows.length, 40); r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (row[c] !== PLATFORM_MARK) continue;
      const m = /^(\d{4}):(county|department)$/.exec(String(row[c + 1] ?? ""));
      if (m) return { year: Number(m[1]), kind: m[2] as UnitKind };
    }
  }
  const kindIn = (v: string) => (Object.keys(UNIT_KIND_LABEL) as UnitKind[]).find((k) => v.includes(UNIT_KIND_LABEL[k]) || v.includes(`（${UNIT_KIND_SHORT[k]}）`));
  for (let r = 0; r < Math.min(rows.length, 8); r++) {
    for (const v of rows[r] ?? []) {
      if (typeof v !== "string" || !v.includes("平台")) continue;
      const kind = kindIn(v);
      if (!kind) continue;
      const year = /(\d{4})\s*年度/.exec(v);
      return { year: year ? Number(year[1]) : undefined, kind };
    }
  }
  return sheetName.includes("平台") ? { kind: kindIn(sheetName) } : {};
}

/** What headings are compared as: canonical, then without spaces, punctuation and symbols. */
const key = (s: unknown): string => (typeof s === "string" ? canonicalName(s).replace(/[\s\p{P}\p{S}]/gu, "").toLowerCase() : "");

const a1 = (r: number, c: number) => `${colLetter(c + 1)}${r + 1}`;

const text = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "string" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

const UNIT_KEYS = new Set([UNIT_HEADING, "单位名称", "成员单位", "县区", "市直部门"].map(key));

interface Header {
  unitCol: number;
  /** Last row of the heading block (0-based): data start below it. */
  lastRow: number;
  columns: Map<string, number>;
  dateCol?: number;
  sourceCol?: number;
}

function findHeader(rows: readonly (readonly unknown[] | undefined)[], inputs: readonly InputSpec[]): Header | undefined {
  const limit = Math.min(rows.length, 40);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    const unitCol = row.findIndex((v) => UNIT_KEYS.has(key(v)));
    if (unitCol < 0) continue;
    // The heading block: this row and the next two (a merged group row above the labels, the id row below).
    const block = [r, r + 1, r + 2].filter((i) => i < rows.length);
    const byKey = new Map<string, string>();
    for (const spec of inputs) {
      byKey.set(spec.id.toLowerCase(), spec.id);
      byKey.set(key(platformHeading(spec)), spec.id);
      if (!byKey.has(key(spec.label))) byKey.set(key(spec.label), spec.id);
    }
    const columns = new Map<string, number>();
    let dateCol: number | undefined;
    let sourceCol: number | undefined;
    let lastRow = r;
    const width = Math.max(...block.map((i) => rows[i]?.length ?? 0));
    for (let c = 0; c < width; c++) {
      if (c === unitCol) continue;
      for (const i of block) {
        const v = rows[i]?.[c];
        const k = typeof v === "string" ? (byKey.get(v.trim().toLowerCase()) ?? byKey.get(key(v))) : undefined;
        if (k && !columns.has(k) && ![...columns.values()].includes(c)) {
          columns.set(k, c);
          lastRow = Math.max(lastRow, i);
          break;
        }
        const h = key(v);
        if (dateCol === undefined && (h === key(DATE_HEADING) || h === "date" || h === "调阅时间")) {
          dateCol = c;
          lastRow = Math.max(lastRow, i);
          break;
        }
        if (sourceCol === undefined && (h === key(SOURCE_HEADING) || h === "source" || h === "数据来源")) {
          sourceCol = c;
          lastRow = Math.max(lastRow, i);
          break;
        }
      }
    }
    if (columns.size === 0) continue;
    // The hidden id row sits right under the labels: data start after it even when no id was needed.
    if (rows[lastRow + 1]?.some((v) => v === PLATFORM_MARK)) lastRow++;
    return { unitCol, lastRow, columns, dateCol, sourceCol };
  }
  return undefined;
}

/**
 * Members this name resembles (one character off, spacing, part of it), for the message only: the one whose
 * name differs only in spaces or punctuation when there is one, else every member it resembles.
 */
function lookalikes(name: string, members: readonly string[]): string[] {
  const same = members.filter((m) => key(m) === key(name));
  return same.length ? same : members.filter((m) => resembling(name, [m]) !== undefined);
}

/**
 * The platform figures a 平台数据 sheet holds for the catalog's member units (`members`: that kind's list).
 * Rows (0-based arrays of values) as a reader gives them; `sheet` names the sheet in messages.
 */
export function readPlatformRows(rows: readonly (readonly unknown[] | undefined)[], sheet: string, catalog: Catalog, members: readonly string[]): PlatformData {
  const inputs = platformGroups(catalog).flatMap((g) => g.inputs);
  const data: PlatformData = { sheet, catalog, figures: new Map(), columns: [], unknown: [], problems: [] };
  const problem = (address: string, message: string, severity: PlatformProblem["severity"] = "错误") => data.problems.push({ address, message: `${where(sheet, address)}：${message}`, severity });
  const header = findHeader(rows, inputs);
  if (!header) {
    problem("", `找不到表头：应有“${UNIT_HEADING}”列和至少一列平台数据（如“${platformHeading(inputs[0])}”），请使用“平台数据”命令生成的表格，把数据粘贴到其中`);
    return data;
  }
  data.columns = [...header.columns.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  const specOf = new Map(inputs.map((s) => [s.id, s]));
  const byCanonical = new Map<string, string>();
  for (const m of members) if (canonicalName(m)) byCanonical.set(canonicalName(m), m);
  const missing = inputs.filter((s) => !header.columns.has(s.id));
  if (missing.length) problem("", `没有以下列（这些数据按未调阅处理）：${missing.map((s) => quoted(s.label)).join("、")}`, "提示");

  for (let r = header.lastRow + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const rawName = text(row[header.unitCol]);
    const figureCols = [...header.columns.values(), header.dateCol, header.sourceCol].filter((c): c is number => c !== undefined);
    const hasFigures = [...header.columns.values()].some((c) => !isBlank(row[c]));
    const nameAddress = a1(r, header.unitCol);
    if (!canonicalName(rawName)) {
      if (figureCols.some((c) => !isBlank(row[c]))) problem(nameAddress, "这一行有数据，但没有填单位名称，未采用");
      continue;
    }
    const member = byCanonical.get(canonicalName(rawName));
    const shown = visibleName(rawName.trim());
    if (!member) {
      const like = lookalikes(rawName, members);
      const reason =
        like.length > 1
          ? `“${shown}”有歧义，可能是${like.map((m) => `“${m}”`).join("、")}，未采用；请改为成员单位名单中的全称`
          : `“${shown}”不是${UNIT_KIND_LABEL[catalog.kind]}成员单位${like.length ? `（与“${like[0]}”相似，但不相同）` : ""}，未采用；请改为成员单位名单中的名称`;
      data.unknown.push({ name: rawName, address: nameAddress, reason });
      if (hasFigures) problem(nameAddress, reason);
      continue;
    }
    if (rawName.trim() !== member) problem(nameAddress, `单位名称写作“${shown}”，按“${member}”读取`, "提示");
    let f = data.figures.get(member);
    const first = !f;
    if (!f) data.figures.set(member, (f = { member, values: {}, cells: {}, rows: [] }));
    f.rows.push(r + 1);
    if (!first) problem(nameAddress, `“${member}”在第 ${f.rows.slice(0, -1).join("、")} 行已出现，两行的数据合并读取（同一数据不一致的不采用）`, "提示");
    for (const [id, c] of header.columns) {
      const raw = row[c];
      const spec = specOf.get(id)!;
      const cv = coerce(spec, raw);
      const address = a1(r, c);
      if (cv.state === "missing") continue;
      if (cv.state === "error") {
        problem(address, `${quoted(spec.label)}${cv.reason}，未采用`);
        continue;
      }
      const before = f.values[id];
      if (before !== undefined && before !== cv.value) {
        problem(address, `“${member}”的${quoted(spec.label)}在 ${f.cells[id]} 为 ${String(before)}，此处为 ${String(cv.value)}，两处不一致，都未采用`);
        delete f.values[id];
        f.cells[id] = `${f.cells[id]}、${address}`;
        continue;
      }
      if (f.cells[id]?.includes("、")) continue; // already found inconsistent
      f.values[id] = cv.value;
      f.cells[id] = address;
    }
    if (header.dateCol !== undefined) {
      const d = recordDate(row[header.dateCol]);
      if (d.state === "ok") f.date ??= d.iso;
      else if (d.state === "error") problem(a1(r, header.dateCol), `${quoted(DATE_HEADING)}${d.reason}`);
    }
    if (header.sourceCol !== undefined && !isBlank(row[header.sourceCol])) f.source ??= text(row[header.sourceCol]).trim();
  }
  return data;
}
