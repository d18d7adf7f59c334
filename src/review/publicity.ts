// 双公示 timeliness per unit: every record of an export judged by core's 7 日公示 rule on the official calendar,
// grouped by its 数据来源单位, the unit named through the identity rules (canonical names; a name that is not
// exactly a member unit is reported with the members it resembles, never taken for one). Per unit: 总条数,
// 按时条数, the late records and the records whose dates cannot be judged (有误: never counted as on time).
// The counts are the inputs 本年度“双公示”信息总条数 and 其中7个工作日内按时公示的条数 of the catalogs, so the
// result can stand as the office's 平台数据. Pure.
import { canonicalName, timeliness, type Timeliness, type UnitKind } from "../core/index";
import { resembling } from "./identity";
import type { PublicityRecord } from "./records";

export interface JudgedRecord {
  record: PublicityRecord;
  result: Timeliness;
}

export interface UnitPublicity {
  /** The name as the export first writes it; "" for records without a 数据来源单位. */
  name: string;
  /** Other spellings of the same name in the export (spaces, full-width forms…). */
  spellings: string[];
  /** The member unit, when the name is exactly one. */
  member?: string;
  kind?: UnitKind;
  /** Why the name is not taken for a member unit (resembles …). */
  note?: string;
  total: number;
  onTime: number;
  late: JudgedRecord[];
  /** Records whose timeliness cannot be judged (a date missing, unreadable, out of order or not in the calendar). */
  invalid: JudgedRecord[];
}

export interface PublicityCount {
  units: UnitPublicity[];
  records: number;
  onTime: number;
  late: number;
  invalid: number;
}

const KINDS: UnitKind[] = ["county", "department"];

/** 及时率 in percent points (按时 ÷ 总条数 × 100, binary noise removed), undefined without records. */
export function timelyRate(u: Pick<UnitPublicity, "onTime" | "total">): number | undefined {
  return u.total ? Number(((u.onTime * 100) / u.total).toFixed(10)) : undefined;
}

/**
 * Judges every record and counts per unit. `unit` names all records' unit when the export has no
 * 数据来源单位 column (a unit's own ledger).
 */
export function countPublicity(records: readonly PublicityRecord[], expected: Partial<Record<UnitKind, readonly string[]>>, unit?: string): PublicityCount {
  const members = new Map<string, { member: string; kind: UnitKind }>();
  for (const kind of KINDS) for (const m of expected[kind] ?? []) if (canonicalName(m) && !members.has(canonicalName(m))) members.set(canonicalName(m), { member: m, kind });
  const all = KINDS.flatMap((k) => [...(expected[k] ?? [])]);
  const groups = new Map<string, UnitPublicity>();
  const count: PublicityCount = { units: [], records: records.length, onTime: 0, late: 0, invalid: 0 };
  for (const record of records) {
    const name = record.unit || unit || "";
    const key = canonicalName(name);
    let g = groups.get(key);
    if (!g) {
      g = { name, spellings: [], total: 0, onTime: 0, late: [], invalid: [] };
      const m = members.get(key);
      if (m) Object.assign(g, m);
      else if (key) {
        const like = all.filter((x) => resembling(name, [x]) !== undefined);
        g.note = `不是成员单位${like.length ? `（与${like.map((x) => `“${x}”`).join("、")}相似，但不相同）` : ""}`;
      } else g.note = "未填数据来源单位";
      groups.set(key, g);
    } else if (name !== g.name && !g.spellings.includes(name)) g.spellings.push(name);
    const result = timeliness(record.decision, record.published);
    g.total++;
    if (result.state === "按时") {
      g.onTime++;
      count.onTime++;
    } else if (result.state === "逾期") {
      g.late.push({ record, result });
      count.late++;
    } else {
      g.invalid.push({ record, result });
      count.invalid++;
    }
  }
  // Member units in the order of their lists, then the other names by number of records.
  const order = new Map(all.map((m, i) => [m, i]));
  count.units = [...groups.values()].sort((a, b) => {
    const x = a.member !== undefined ? order.get(a.member)! : Infinity;
    const y = b.member !== undefined ? order.get(b.member)! : Infinity;
    return x - y || b.total - a.total || a.name.localeCompare(b.name, "zh");
  });
  return count;
}
