// The reader is bounded whatever a file holds: zip bombs (declared sizes true or false), a huge string,
// a million rows, a huge directory are refused with the Chinese reason; an unreferenced 1 GiB part is
// never inflated, so the file reads normally. Times and peak memory are measured by `npm run bench`
// (bench/reader.bench.ts), never here.
import { mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIMIT_MESSAGE, readWorkbookBytes, WorkbookReadError } from "../../src/read/index";
import { LIMITS } from "../../src/read/limits";
import { readWorkbookFile } from "../../src/xlsx/readWorkbookFile";
import { summarizeFiles } from "../../src/xlsx/summarizeFiles";
import { useInflater } from "../../src/read/zip";
import { hostileFiles, type Hostile } from "../helpers/hostile";
import { returnedFile } from "../review/helpers";

let hostile: Hostile[];
let template: Buffer;
beforeAll(async () => {
  template = await returnedFile("兴山区", "county");
  hostile = hostileFiles(template);
}, 120_000);

afterEach(() => useInflater("native"));

// These cases are about sizes, not time: on a loaded two-core machine reading the 100,000-row sheet can
// pass the 4 s time bound and be refused for the wrong reason. The time bound keeps its value in the product.
const ms = LIMITS.ms;
beforeAll(() => {
  LIMITS.ms = 600_000;
});
afterAll(() => {
  LIMITS.ms = ms;
});

// Node's zlib under Node, fflate in the browser: both inflaters are held to the same outcomes.
test.each(["native", "fflate"] as const)("%s inflater: each hostile file is refused with the Chinese reason, or read when the bad part is never needed", (kind) => {
  useInflater(kind);
  const outcomes = hostile.map((h) => {
    try {
      const r = readWorkbookBytes(h.file);
      return [h.name, "read", r.sheets[0]?.names.size ?? 0];
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      expect((e as Error).message).toContain(LIMIT_MESSAGE);
      return [h.name, "refused", 0];
    }
  });
  expect(outcomes.map(([n, o]) => [n, o])).toEqual(hostile.map((h) => [h.name, h.expect]));
  // the template beside the unreferenced part is read in full
  expect(outcomes[0][2]).toBe(readWorkbookBytes(template).sheets[0].names.size);
}, 60_000);

test("both inflaters read a returned workbook alike", () => {
  useInflater("fflate");
  const a = readWorkbookBytes(template);
  useInflater("native");
  const b = readWorkbookBytes(template);
  expect(a).toEqual(b);
  expect(a.sheets[0].names.size).toBeGreaterThan(200);
});

test("a file over the size limit is refused from its size on disk, without reading it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "reader-big-"));
  const path = join(dir, "巨大.xlsx");
  const fd = openSync(path, "w");
  ftruncateSync(fd, 3 * 1024 ** 3); // sparse: 3 GiB on paper
  closeSync(fd);
  await expect(readWorkbookFile(path)).rejects.toThrow(LIMIT_MESSAGE);
  await expect(readWorkbookFile(join(dir, "不存在.xlsx"))).rejects.toThrow("文件不存在或无法读取");
});

test("one bad file never ends a summary run: the hostile files are listed, the good one is summarised", async () => {
  const dir = mkdtempSync(join(tmpdir(), "reader-summary-"));
  const paths = hostile.map((h, i) => {
    const p = join(dir, `${String(i).padStart(2, "0")}-${h.name.replace(/[^\w\u4e00-\u9fff]+/g, "_")}.xlsx`);
    writeFileSync(p, h.file);
    return p;
  });
  const good = join(dir, "兴山区.xlsx");
  writeFileSync(good, template);
  const r = await summarizeFiles([...paths, good], { year: 2022, expected: { county: ["兴山区"], department: [] } });
  const refused = hostile.filter((h) => h.expect === "refused").length;
  expect(r.unreadable).toHaveLength(refused);
  for (const u of r.unreadable) expect(u.message).toContain(LIMIT_MESSAGE);
  // In the 汇总 the reason follows the file's name: "文件“x.xlsx”过大或内容异常，请另存为 .xlsx 后重发（…）".
  expect(r.data.problems.filter((p) => /^文件“[^”]+”/.test(p.message) && p.message.includes(LIMIT_MESSAGE.replace(/^文件/, "")))).toHaveLength(refused);
  // the good file is reviewed and in the table (the hostile ones that read are the same unit: duplicates or set apart)
  const sources = r.data.tables.county.rows.filter((x) => x.unit === "兴山区").map((x) => x.source);
  expect(sources).toContain("兴山区.xlsx");
}, 60_000);
