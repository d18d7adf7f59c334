// The atomic-write helper on a file system without hard links (FAT32/exFAT USB drives, some network shares):
// link(2) fails with EPERM there, and a template must still be created — and still never replace a file.
import { promises as fs, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileWriteError, writeFileAtomic } from "../../src/xlsx/atomicWrite";

const dir = mkdtempSync(join(tmpdir(), "credit-atomic-"));

afterEach(() => jest.restoreAllMocks());

test("exclusive write where link(2) is not supported: created by rename, no temporary file left", async () => {
  const link = jest.spyOn(fs, "link").mockRejectedValue(Object.assign(new Error("operation not permitted"), { code: "EPERM" }));
  const target = join(dir, "兴山区-2022-县区.xlsx");
  await writeFileAtomic(target, Buffer.from("新模板"), { exclusive: true });
  expect(link).toHaveBeenCalled();
  expect(readFileSync(target, "utf8")).toBe("新模板");
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

test("…and an existing file is still refused (EEXIST), its bytes untouched", async () => {
  jest.spyOn(fs, "link").mockRejectedValue(Object.assign(new Error("operation not supported"), { code: "ENOTSUP" }));
  const target = join(dir, "已填.xlsx");
  writeFileSync(target, "单位已填写的内容");
  const e = await writeFileAtomic(target, Buffer.from("空模板"), { exclusive: true }).then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(FileWriteError);
  expect((e as FileWriteError).code).toBe("EEXIST");
  expect((e as Error).message).toMatch(/文件已存在，为免覆盖未写入。原有文件未改动。$/);
  expect(readFileSync(target, "utf8")).toBe("单位已填写的内容");
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  expect(existsSync(target)).toBe(true);
});
