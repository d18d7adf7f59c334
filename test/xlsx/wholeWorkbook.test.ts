// An existing 汇总 given as --out is loaded whole by ExcelJS to be updated (notes and other sheets kept):
// every part is first inflated within the reader's limits, so a hostile or broken file at --out is refused
// with the Chinese reason instead of costing seconds and gigabytes (a 1 MB file with a 1 GiB part took
// ExcelJS 14 s and 3.3 GB). Times are not measured here.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { LIMIT_MESSAGE, WorkbookReadError } from "../../src/read/index";
import { checkWholeWorkbook } from "../../src/read/whole";
import { cli } from "../helpers/cli";
import { deflateRepeated, withParts } from "../helpers/hostile";
import { returnedFile } from "../review/helpers";

const MiB = 1048576;
let summary: Buffer;
let returned: Buffer;
beforeAll(async () => {
  returned = await returnedFile("兴山区", "county");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("汇总").getCell("A1").value = "2022 年度“信用鹤岗”考核汇总";
  summary = Buffer.from(await wb.xlsx.writeBuffer());
});

const refusal = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    return (e as Error).message;
  }
  return "read";
};

test("a workbook within the limits passes; a part over them, declared or found while inflating, is refused", async () => {
  expect(refusal(() => checkWholeWorkbook(summary))).toBe("read");
  expect(refusal(() => checkWholeWorkbook(returned))).toBe("read");
  const gib = deflateRepeated("", Buffer.alloc(MiB), 1024, "");
  for (const declared of [gib.size, 1024]) {
    const file = withParts(summary, {}, [{ name: "xl/media/image9.bin", data: gib.data, method: 8, declared }]);
    expect(refusal(() => checkWholeWorkbook(file))).toContain(LIMIT_MESSAGE);
  }
  // many parts each within the part limit, together over the total
  const six = deflateRepeated("", Buffer.alloc(MiB), 6, "");
  const many = withParts(summary, {}, Array.from({ length: 6 }, (_, i) => ({ name: `xl/media/image${i}.bin`, data: six.data, method: 8 as const, declared: six.size })));
  expect(refusal(() => checkWholeWorkbook(many))).toContain(LIMIT_MESSAGE);
  expect(refusal(() => checkWholeWorkbook(Buffer.from("%PDF-1.4")))).toBe("是 PDF 文件，不是 Excel 工作簿");
});

test("summary --out on such a file: refused with the reason and the file named, nothing written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "whole-"));
  const ret = join(dir, "返回");
  mkdirSync(ret);
  writeFileSync(join(ret, "兴山区-2022-县区.xlsx"), returned);
  const gib = deflateRepeated("", Buffer.alloc(MiB), 1024, "");
  const out = join(dir, "汇总.xlsx");
  const hostile = withParts(summary, {}, [{ name: "xl/media/image9.bin", data: gib.data, method: 8, declared: 1024 }]);
  writeFileSync(out, hostile);
  const r = await cli("summary", ret, "--out", out);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`已有的文件“${out}”过大或内容异常，请另存为 .xlsx 后重发`);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(readFileSync(out).equals(hostile)).toBe(true);
}, 60_000);
