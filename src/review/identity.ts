// Which member unit a returned sheet is. The unit is the one the template was made for: its name (CR_UNIT),
// its sheet name and its file name must agree, and the name must be a member unit of that year and kind.
// Names are compared in core's canonical form (src/core/text.ts: NFKC, invisible characters removed,
// spaces trimmed), so "兴山\u200b区" or a full-width lookalike is recognised as what it shows. A sheet whose identity is not established is never ranked: it is listed apart with its file.
// Pure: used by the command line, the 汇总 (files and Office workbook), 提交前检查 and 导入回收表.
import { canonicalName, hasInvisible, UNIT_KIND_LABEL, visibleName, type UnitKind } from "../core/index";
import { sheetNameOf } from "../core/fileNames";
import { where, type ReviewProblem } from "./types";

/** What is left to compare when judging resemblance: no spaces, punctuation or symbols, lower case. */
function skeleton(s: string): string {
  return canonicalName(s).replace(/[\s\p{P}\p{S}]/gu, "").toLowerCase();
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** The member unit a non-member name looks like (one character off, spacing/punctuation, part of it). */
export function resembling(name: string, members: readonly string[]): string | undefined {
  const s = skeleton(name);
  if (!s) return undefined;
  let best: { m: string; d: number } | undefined;
  for (const m of members) {
    const t = skeleton(m);
    if (!t) continue;
    let d = editDistance(s, t);
    if (d > 0 && Math.min(s.length, t.length) >= 2 && (s.includes(t) || t.includes(s))) d = Math.min(d, 1);
    const allowed = Math.max(1, Math.floor(Math.min([...s].length, [...t].length) / 4));
    if (d <= allowed && (!best || d < best.d)) best = { m, d };
  }
  return best?.m;
}

export interface IdentityContext {
  /** Member units by kind for the year being summarised. */
  expected: Partial<Record<UnitKind, readonly string[]>>;
  /** The file the sheet came from (its base name), when there is one. */
  source?: string;
}

/** What identify needs of a reviewed sheet. */
export interface IdentitySubject {
  sheet: string;
  /** CR_UNIT as typed, "" when blank or missing. */
  typedUnit: string;
  /** Address of the CR_UNIT cell, "" when missing. */
  unitAddress: string;
  kind?: UnitKind;
  /** Problems already reported for the sheet (a 单位 error there is not repeated). */
  problems: readonly ReviewProblem[];
}

export interface Identity {
  /** The member unit, spelled as on the member list; undefined when not established. */
  member?: string;
  kind?: UnitKind;
  /** Why the sheet is listed apart (never ranked); undefined when its identity holds. */
  apart?: string;
  /** 错误 (identity) and 提示 (invisible characters) to add to the sheet's problems. */
  problems: ReviewProblem[];
}

const KINDS: UnitKind[] = ["county", "department"];

/** Each member list's canonical names, computed once per list: a lookup is then O(1), not a walk of the list. */
const byCanonical = new WeakMap<readonly string[], Map<string, string>>();

function findMember(name: string, list: readonly string[] | undefined): string | undefined {
  const c = canonicalName(name);
  if (!c || !list) return undefined;
  let map = byCanonical.get(list);
  if (!map) {
    map = new Map();
    for (const m of list) {
      const k = canonicalName(m);
      if (k && !map.has(k)) map.set(k, m);
    }
    byCanonical.set(list, map);
  }
  return map.get(c);
}

/** All members of both kinds with their canonical names, once per member lists object. */
const canonicalMembers = new WeakMap<IdentityContext["expected"], { m: string; c: string }[]>();

/** The member units a file name names (longest matches only: 市公安局交警支队 is not also 市公安局). */
export function unitsNamedIn(fileName: string, expected: IdentityContext["expected"]): string[] {
  // Asked three times a file (identify, then placeUnits twice), each a pass over every member: answered once a name.
  let known = namedIn.get(expected);
  if (!known || known.size > 100_000) namedIn.set(expected, (known = new Map()));
  let found = known.get(fileName);
  if (!found) known.set(fileName, (found = membersIn(fileName, expected)));
  return [...found];
}
const namedIn = new WeakMap<IdentityContext["expected"], Map<string, readonly string[]>>();

function membersIn(fileName: string, expected: IdentityContext["expected"]): string[] {
  const base = canonicalName(fileName.replace(/\.[A-Za-z0-9]{1,5}$/, ""));
  let all = canonicalMembers.get(expected);
  if (!all) {
    all = [...new Set(KINDS.flatMap((k) => [...(expected[k] ?? [])]))].map((m) => ({ m, c: canonicalName(m) })).filter((x) => x.c.length > 0);
    canonicalMembers.set(expected, all);
  }
  const inName = all.filter((x) => base.includes(x.c));
  return inName.filter((x) => !inName.some((o) => o !== x && o.c.includes(x.c))).map((x) => x.m);
}

/** The sheet name without the " (2)" that 导入回收表 appends when a unit's sheet already exists. */
function sheetBase(sheet: string): string {
  return canonicalName(sheet).replace(/\s*\(\d+\)$/, "");
}

export function identify(s: IdentitySubject, ctx: IdentityContext): Identity {
  const problems: ReviewProblem[] = [];
  const err = (address: string, text: string) => problems.push({ sheet: s.sheet, address, severity: "错误", kind: "单位", message: `${where(s.sheet, address)}：${text}` });
  const shown = visibleName(s.typedUnit);
  const file = ctx.source ? `（文件“${visibleName(ctx.source)}”）` : "";
  if (!canonicalName(s.typedUnit)) {
    // reviewUnit already reports the blank or missing name.
    return { kind: s.kind, apart: "单位名称为空，无法确认是哪个单位", problems };
  }
  const kind = s.kind ?? KINDS.find((k) => findMember(s.typedUnit, ctx.expected[k]));
  if (!kind) {
    const like = resembling(s.typedUnit, KINDS.flatMap((k) => [...(ctx.expected[k] ?? [])]));
    const reason = `单位名称“${shown}”不是成员单位${like ? `（与“${like}”相似）` : ""}`;
    err(s.unitAddress, `${reason}${file}，不参加排名；请核对是哪个单位的表格`);
    return { apart: reason, problems };
  }
  const member = findMember(s.typedUnit, ctx.expected[kind]);
  if (!member) {
    const other: UnitKind = kind === "county" ? "department" : "county";
    if (findMember(s.typedUnit, ctx.expected[other])) {
      const reason = `“${shown}”属于${UNIT_KIND_LABEL[other]}，但表格是${UNIT_KIND_LABEL[kind]}的考核模板`;
      if (!s.problems.some((p) => p.kind === "单位" && p.severity === "错误")) err(s.unitAddress, `${reason}${file}，请使用${UNIT_KIND_LABEL[other]}模板`);
      return { kind, apart: reason, problems };
    }
    const list = ctx.expected[kind] ?? [];
    const like = resembling(s.typedUnit, list);
    const reason = list.length
      ? `单位名称“${shown}”不在${UNIT_KIND_LABEL[kind]}名单中${like ? `（与“${like}”相似，但不相同）` : ""}`
      : `没有${UNIT_KIND_LABEL[kind]}名单，无法确认“${shown}”是成员单位`;
    err(s.unitAddress, `${reason}${file}，不参加排名；${list.length ? "请核对单位名称，或更新成员单位名单" : "请提供成员单位名单（命令行 --departments 名单.txt）"}`);
    return { kind, apart: reason, problems };
  }
  if (hasInvisible(s.typedUnit) || s.typedUnit.trim() !== member) {
    problems.push({
      sheet: s.sheet, address: s.unitAddress, severity: "提示", kind: "单位",
      message: `${where(s.sheet, s.unitAddress)}：单位名称写作“${shown}”（含不可见字符、全角字符或多余空格，与下发的模板不同），按“${member}”核对`,
    });
  }
  const reasons: string[] = [];
  if (sheetBase(s.sheet) !== canonicalName(sheetNameOf(member))) {
    reasons.push(`工作表名“${visibleName(s.sheet)}”与单位名称“${member}”不一致`);
  }
  if (ctx.source) {
    const named = unitsNamedIn(ctx.source, ctx.expected);
    if (named.length && (named.length > 1 || named[0] !== member)) {
      reasons.push(`文件名“${visibleName(ctx.source)}”是${named.map((n) => `“${n}”`).join("、")}的，与单位名称“${member}”不一致`);
    }
  }
  if (reasons.length) {
    const reason = reasons.join("；");
    err(s.unitAddress, `${reason}，暂不参加排名；请确认这是哪个单位的表格（改正文件名或请单位用本单位的模板重新填报）`);
    return { member, kind, apart: reason, problems };
  }
  return { member, kind, problems };
}
