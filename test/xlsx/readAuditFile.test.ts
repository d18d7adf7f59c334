// `summary --records 办公室工作簿.xlsx`: the 考核组's 核定记录 is read by the bounded reader (only that sheet,
// within the returned workbooks' limits). The same records whatever program saved the file last — the
// ExcelJS full load it replaced reads the same rows, LibreOffice's re-save reads the same — and a hostile
// file is refused with the Chinese reason, never a crash. Times and peak memory are not measured here.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { AUDIT_HEADERS, AUDIT_SHEET, parseAuditRows } from "../../src/review/verification";
import { readAuditFile } from "../../src/xlsx/readAuditFile";
import { LIMIT_MESSAGE, readSheetRows, WorkbookReadError } from "../../src/read/index";
import { deflateRepeated, withParts } from "../helpers/hostile";
import { cli } from "../helpers/cli";
import { unzipParts } from "../helpers/xlsxParts";
import { returnedFile } from "../review/helpers";

jest.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), "audit-file-"));
const save = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

/** The office's workbook: a unit sheet and the 核定记录 the add-in appends to, with what a year of use leaves in it. */
async function officeWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await returnedFile("南山区", "county")) as never);
  const log = wb.addWorksheet(AUDIT_SHEET);
  log.addRow([...AUDIT_HEADERS]);
  log.addRow(["2022-12-20T10:00:00+08:00", "张三", "南山区", "南山区", "county.1.1.2", 2.5, 2.5, null, 0, "补交纪要"]);
  log.addRow(["2022-12-20T10:05:00+08:00", "李四", "兴山区", "兴山区", "county.3.1.1", "已改动", "待填", null, 1, { richText: [{ text: "经" }, { font: { bold: true }, text: "核实" }] }]);
  log.addRow([]); // a blank row is skipped
  log.addRow(["2022-12-21T09:00:00+08:00", "张三", "南山区", "南山区", "county.1.1.2", 2.5, 2.5, 0, 2.5, "撤回"]); // the later entry wins
  log.addRow([new Date(Date.UTC(2022, 11, 22, 8)), "王五", "向阳区", "", "county.1.1.1", 0, 0, null, 0, ""]); // no unit: a problem
  log.addRow(["2022-12-23T09:00:00+08:00", "王五", "向阳区", "向阳区", "county.2.1.1", 0, 0, null, " 1.5 ", "说明 "]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows as the ExcelJS full load read them before (the code this reader replaced), for comparison. */
async function rowsByExcelJs(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const rows: unknown[][] = [];
  wb.getWorksheet(AUDIT_SHEET)!.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "richText" in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("") : v));
  });
  return rows;
}

let office: Buffer;
beforeAll(async () => {
  office = await officeWorkbook();
});

test("the records, the latest entry per unit and clause, and the rows it cannot use — as the ExcelJS full load read them", async () => {
  const r = await readAuditFile(save("办公室工作簿.xlsx", office));
  expect(r.entries).toBe(4);
  expect(r.problems).toEqual(["“核定记录”工作表第 6 行缺少单位、条款或有效的核定扣分，这一行未采用"]);
  expect(r.records.get("南山区\u0000county.1.1.2")).toMatchObject({ time: "2022-12-21T09:00:00+08:00", previous: 0, to: 2.5, reason: "撤回" });
  expect(r.records.get("兴山区\u0000county.3.1.1")).toMatchObject({ saved: "已改动", recomputed: "待填", previous: null, to: 1, reason: "经核实" });
  expect(r.records.get("向阳区\u0000county.2.1.1")).toMatchObject({ to: 1.5, reason: "说明" });
  const before = parseAuditRows(await rowsByExcelJs(office));
  const now = parseAuditRows(readSheetRows(office, AUDIT_SHEET)!.rows);
  expect(now).toEqual(before);
});

test("a file without the sheet, or whose sheet is not ours, is refused saying so", async () => {
  await expect(readAuditFile(save("单位.xlsx", await returnedFile("萝北县", "county")))).rejects.toThrow(/没有“核定记录”或“核定表”工作表/);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(AUDIT_SHEET).addRow(["日期", "备注"]);
  await expect(readAuditFile(save("别的表.xlsx", Buffer.from(await wb.xlsx.writeBuffer())))).rejects.toThrow(/第 1 行表头不是本加载项的核定记录/);
});

const soffice = spawnSync("which", ["soffice"], { encoding: "utf8" }).stdout.trim();
if (!soffice) console.log("[skip] LibreOffice (soffice) is not installed: the records re-save test is skipped");
(soffice ? test : test.skip)("the office's workbook re-saved by LibreOffice gives the same records", async () => {
  const src = save("办公室工作簿-lo.xlsx", office);
  const out = join(dir, "lo");
  mkdirSync(out);
  execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src], { timeout: 120_000, stdio: "pipe" });
  const resaved = readFileSync(join(out, "办公室工作簿-lo.xlsx"));
  expect(resaved.equals(office)).toBe(false);
  const a = await readAuditFile(src);
  const b = await readAuditFile(join(out, "办公室工作簿-lo.xlsx"));
  expect({ ...b, file: "" }).toEqual({ ...a, file: "" });
});

describe("a hostile records file", () => {
  const MiB = 1048576;
  const WS = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const END = "</sheetData></worksheet>";
  const header = `<row r="1">${AUDIT_HEADERS.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`;
  let log: string;
  const files: { name: string; file: () => Buffer; reason: string | RegExp }[] = [];
  beforeAll(() => {
    const parts = unzipParts(office);
    // The 核定记录 is the second sheet ExcelJS writes.
    expect(/<sheet [^>]*name="南山区"[^>]*\/><sheet [^>]*name="核定记录"/.test(String(parts["xl/workbook.xml"]))).toBe(true);
    log = "xl/worksheets/sheet2.xml";
    expect(String(parts[log]).includes("<c r=\"I2\"")).toBe(true);
  });
  const replaced = (data: Uint8Array, declared: number) => withParts(office, { [log]: { data, declared } });
  const bomb = () => deflateRepeated(WS + header, Buffer.alloc(MiB, 0x20), 1024, END);
  const bigString = () => deflateRepeated('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', Buffer.alloc(MiB, 0x61), 300, "</t></si></sst>");
  files.push(
    { name: "核定记录 zip bomb, 1 GiB declared", file: () => ((b) => replaced(b.data, b.size))(bomb()), reason: LIMIT_MESSAGE },
    { name: "核定记录 zip bomb, 1 GiB declared as 40 KB", file: () => replaced(bomb().data, 40_000), reason: LIMIT_MESSAGE },
    { name: "shared string of 300 MB", file: () => ((b) => withParts(office, { "xl/sharedStrings.xml": { data: b.data, declared: b.size } }))(bigString()), reason: LIMIT_MESSAGE },
    { name: "shared string of 300 MB declared as 9 KB", file: () => withParts(office, { "xl/sharedStrings.xml": { data: bigString().data, declared: 9_000 } }), reason: LIMIT_MESSAGE },
    {
      name: "a 40,000-character 核定说明",
      file: () => {
        const xml = `${WS}${header}<row r="2"><c r="E2" t="inlineStr"><is><t>county.1.1.2</t></is></c><c r="J2" t="inlineStr"><is><t>${"长".repeat(40_000)}</t></is></c></row>${END}`;
        return replaced(deflateRawSync(Buffer.from(xml)), Buffer.byteLength(xml));
      },
      reason: LIMIT_MESSAGE,
    },
    {
      name: "10^6 rows",
      file: () => {
        const blocks: Buffer[] = [deflateRawSync(Buffer.from(WS + header), { finishFlush: constants.Z_FULL_FLUSH })];
        let size = Buffer.byteLength(WS + header);
        for (let b = 0; b < 10; b++) {
          let s = "";
          for (let i = b * 100_000 + 2; i <= (b + 1) * 100_000 + 1; i++) s += `<row r="${i}"><c r="I${i}"><v>0</v></c></row>`;
          blocks.push(deflateRawSync(Buffer.from(s), { finishFlush: constants.Z_FULL_FLUSH }));
          size += s.length;
        }
        blocks.push(deflateRawSync(Buffer.from(END)));
        return replaced(Buffer.concat(blocks), size + END.length);
      },
      reason: LIMIT_MESSAGE,
    },
    {
      name: "a figure that is a formula",
      file: () => {
        const xml = (parts: Record<string, string | Uint8Array>) => String(parts[log]);
        const s = xml(unzipParts(office)).replace(/(<c r="I2"[^>]*?)(\/>|>.*?<\/c>)/, '$1><f>IF(TRUE,0,2.5)</f><v>0</v></c>');
        expect(s).toContain("<f>IF(TRUE,0,2.5)</f>");
        return replaced(deflateRawSync(Buffer.from(s)), Buffer.byteLength(s));
      },
      reason: /“核定记录”工作表 I2 是公式（=IF\(TRUE,0,2\.5\)），内容异常：核定记录只由加载项按数值写入/,
    },
  );

  test.each(files.map((f) => [f.name, f] as const))("%s: refused with the Chinese reason", async (_name, f) => {
    const path = save(`${f.name}.xlsx`, f.file());
    const e = await readAuditFile(path).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as Error).message).toMatch(f.reason);
  });

  test("an unreferenced 1 GiB part is never inflated: the records read as usual", async () => {
    const gib = deflateRepeated("", Buffer.alloc(MiB), 1024, "");
    const path = save("带附件.xlsx", withParts(office, {}, [{ name: "xl/media/image9.bin", data: gib.data, method: 8, declared: gib.size }]));
    expect((await readAuditFile(path)).entries).toBe(4);
  });

  test("the command line names the file, gives the reason and writes nothing", async () => {
    const ret = join(dir, "返回");
    mkdirSync(ret);
    writeFileSync(join(ret, "南山区-2022-县区.xlsx"), readFileSync(save("unit.xlsx", office)));
    const records = save("办公室工作簿-坏.xlsx", replaced(bomb().data, 40_000));
    const r = await cli("summary", ret, "--records", records, "--out", join(dir, "汇总.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`无法使用核定记录文件“${records}”：${LIMIT_MESSAGE}`);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(spawnSync("ls", [dir], { encoding: "utf8" }).stdout).not.toContain("汇总.xlsx");
  });
});
