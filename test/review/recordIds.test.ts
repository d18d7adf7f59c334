// The 核定记录's 记录编号 (src/review/recordIds.ts): a recording counts whole or not at all, an entry found twice
// counts once, a row whose cells are not the ones written is not used — read the same by the pane's 汇总 and the
// command line's `summary --records` (parseAuditRows).
import { batchName, parseRecordId, recordId, settleRows, type LoggedRow } from "../../src/review/recordIds";
import { AUDIT_HEADERS, AUDIT_SHEET, auditRow, parseAuditRows, type AuditEntry } from "../../src/review/verification";

const entry = (unit: string, clauseId: string, to: number, reviewer = "张三"): AuditEntry => ({
  time: "2022-12-20T15:04:05+08:00", reviewer, sheet: unit, unit, clauseId, saved: 2.5, recomputed: 2.5, previous: null, to, reason: to === 2.5 ? "同意自评" : "平台调阅核实", kind: to === 2.5 ? "同意自评" : "改判", basis: "abcdefghjkmn",
});

/** A log's rows as written: header, then each recording's entries with their 记录编号. */
function log(...recordings: { batch: string; entries: AuditEntry[] }[]): unknown[][] {
  const rows: unknown[][] = [[...AUDIT_HEADERS]];
  for (const { batch, entries } of recordings) {
    entries.forEach((e, i) => {
      const cells = auditRow(e).map((v) => (v === null ? "" : v));
      rows.push([...cells, recordId(cells, batch, i + 1, entries.length)]);
    });
  }
  return rows;
}

const B1 = batchName([1, 2, 3, 4, 5, 6, 7, 8]);
const B2 = batchName([9, 10, 11, 12, 13, 14, 15, 16]);

test("a 记录编号 names its recording, its place and checks its cells", () => {
  expect(B1).toMatch(/^[0-9a-z]{8}$/);
  const cells = auditRow(entry("兴山区", "county.1.1.1", 1));
  const id = recordId(cells, B1, 2, 3);
  expect(id).toMatch(new RegExp(`^${B1}-2/3-[0-9a-z]{12}$`));
  expect(parseRecordId(id)).toMatchObject({ batch: B1, index: 2, count: 3 });
  expect(parseRecordId("abc")).toBeUndefined();
  expect(parseRecordId(`${B1}-4/3-abcdefghjkmn`)).toBeUndefined();
  // The same figure through a file's text (2.5 as 2.5000000000000004 after a round trip) checks the same.
  const rows: LoggedRow[] = [{ row: 2, cells: cells.map((v) => (v === 1 ? 1.0000000000000002 : v)), id }];
  expect(settleRows(rows, AUDIT_SHEET).problems.join("")).not.toMatch(/不符/);
});

test("complete recordings count in their order; a recording cut short counts not at all and is listed", () => {
  const whole = { batch: B1, entries: [entry("兴山区", "county.1.1.1", 1), entry("兴山区", "county.1.1.2", 0)] };
  const cut = log({ batch: B2, entries: [entry("萝北县", "county.1.1.1", 2.5), entry("萝北县", "county.1.1.2", 2.5), entry("萝北县", "county.1.2.1", 2.5)] });
  const rows = [...log(whole), ...cut.slice(1, 3)]; // the third entry of B2 never arrived
  const parsed = parseAuditRows(rows);
  expect(parsed.entries.map((e) => `${e.unit} ${e.clauseId}`)).toEqual(["兴山区 county.1.1.1", "兴山区 county.1.1.2"]);
  expect(parsed.problems).toEqual([`“${AUDIT_SHEET}”工作表第 4、5 行是一次没有写完的记录（应有 3 条，只找到 2 条），这些行都未采用；请在核定表中重新点“记录核定”`]);
  // The missing entry appended later (after another member's rows): the recording is whole again.
  const other = log({ batch: batchName([3, 3, 3, 3, 3, 3, 3, 3]), entries: [entry("工农区", "county.1.1.1", 0, "李四")] }).slice(1);
  const healed = parseAuditRows([...rows, ...other, cut[3]]);
  expect(healed.problems).toEqual([]);
  expect(healed.entries.map((e) => e.unit)).toEqual(["兴山区", "兴山区", "萝北县", "萝北县", "工农区", "萝北县"]);
});

test("an entry appended twice (re-written after a co-author's rows) counts once, at its first place", () => {
  const rows = log({ batch: B1, entries: [entry("兴山区", "county.1.1.1", 1), entry("兴山区", "county.1.1.2", 0)] });
  const parsed = parseAuditRows([...rows, rows[1]]);
  expect(parsed.problems).toEqual([]);
  expect(parsed.entries).toHaveLength(2);
});

test("a row whose cells are not the ones written (two writers' cells mixed, or a figure changed by hand) is not used, and its recording is then incomplete", () => {
  const rows = log({ batch: B1, entries: [entry("兴山区", "county.1.1.1", 1), entry("兴山区", "county.1.1.2", 0)] });
  rows[2] = [...rows[2]];
  rows[2][8] = 2; // 核定扣分 changed
  const parsed = parseAuditRows(rows);
  expect(parsed.entries).toEqual([]);
  expect(parsed.problems[0]).toMatch(/第 3 行的内容与其记录编号不符/);
  expect(parsed.problems[1]).toMatch(/第 2 行是一次没有写完的记录（应有 2 条，只找到 1 条）/);
});

test("rows without a 记录编号 (an older log) are used as before, in their order among the others", () => {
  const old = ["2022-12-19T09:00:00+08:00", "王五", "兴山区", "兴山区", "county.1.1.1", 2.5, 2.5, "", 2, "旧记录"];
  const rows = [AUDIT_HEADERS.slice(0, 10), old];
  expect(parseAuditRows(rows).entries.map((e) => [e.reviewer, e.to, e.kind, e.basis])).toEqual([["王五", 2, "核定", ""]]);
  const mixed = [[...AUDIT_HEADERS], old, ...log({ batch: B1, entries: [entry("兴山区", "county.1.1.1", 1)] }).slice(1)];
  expect(parseAuditRows(mixed).entries.map((e) => e.to)).toEqual([2, 1]);
});

test("a row read back sparse (blank cells absent, as a reader gives them) checks like the row as written", () => {
  const rows = log({ batch: B1, entries: [entry("兴山区", "county.1.1.1", 1)] });
  const written = rows[1];
  const sparse: unknown[] = [];
  written.forEach((v, i) => {
    if (v !== "") sparse[i] = v;
  });
  expect(sparse.length).toBe(written.length);
  expect(Object.keys(sparse)).not.toContain("7"); // 原核定扣分, blank the first time
  expect(parseAuditRows([rows[0], sparse])).toMatchObject({ problems: [], entries: [{ unit: "兴山区", previous: null, to: 1 }] });
});
