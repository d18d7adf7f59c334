// The atomic-write helper on a file system without hard links (FAT32/exFAT USB drives, some network shares):
// link(2) fails with EPERM there, and a template must still be created — and still never replace a file.
import { promises as fs, existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
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

test("a temporary file left by a killed write is removed by the next write of that file, once its process is gone and it is old", async () => {
  const { spawnSync } = await import("node:child_process");
  const { STALE_TEMP_MS } = await import("../../src/xlsx/atomicWrite");
  const d = mkdtempSync(join(tmpdir(), "credit-stale-"));
  const target = join(d, "汇总.xlsx");
  writeFileSync(target, "旧汇总");
  const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout; // exited
  const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
  const leftover = (pid: string | number, hex: string, age: Date, of = "汇总.xlsx") => {
    const f = join(d, `.${of}.${pid}.${hex}.tmp`);
    writeFileSync(f, "半截");
    utimesSync(f, age, age);
    return f;
  };
  const stale = leftover(dead, "deadbeef", old);
  const fresh = leftover(dead, "0badcafe", new Date()); // may be another machine's write in progress
  const live = leftover(process.ppid, "12345678", old); // its process is running
  const other = leftover(dead, "aaaaaaaa", old, "其他.xlsx"); // another file's
  await writeFileAtomic(target, Buffer.from("新汇总"));
  expect(readFileSync(target, "utf8")).toBe("新汇总");
  expect([stale, fresh, live, other].map((f) => existsSync(f))).toEqual([false, true, true, true]);
});
