// Node only: the one way this project writes a file (汇总, templates, anything else). Nothing the office
// or a unit holds may be lost, so a file is never written in place: the bytes go to a temporary file in the
// same folder (same file system, so the rename is atomic), are flushed to disk (fsync), and only then
// renamed over the target. A failure or a kill at any moment leaves the previous file byte-identical; on a
// failure the temporary file is removed. `exclusive` never replaces an existing file at all (link(2) fails
// with EEXIST atomically when the target appeared meanwhile).
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The bytes to write, or a source yielding them chunk by chunk (streamed into the temporary file). */
export type WriteSource = Uint8Array | string | (() => AsyncIterable<Uint8Array>);

export interface AtomicWriteOptions {
  /** Refuse (EEXIST) instead of replacing an existing file. */
  exclusive?: boolean;
}

/** A write that failed; `code` is the system error code (ENOENT, EACCES, EEXIST…), `message` is Chinese. */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "FileWriteError";
  }
}

/** What a system error means for the user, in Chinese, with what to do. */
export function writeErrorReason(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return "所在文件夹不存在，请先建立文件夹或换一个保存位置";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "没有写入权限（文件夹只读或无权限），请换一个可写的保存位置";
    case "EBUSY":
    case "ETXTBSY":
      return "文件正被其他程序（如 Excel、WPS）打开，请先关闭后再运行";
    case "ENOSPC":
    case "EDQUOT":
      return "磁盘空间不足，请清理磁盘后再运行";
    case "EEXIST":
      return "文件已存在，为免覆盖未写入";
    case "EISDIR":
      return "这是一个文件夹，不是文件，请给出文件名（如 汇总.xlsx）";
    case "ENAMETOOLONG":
      return "文件名太长，请换一个较短的文件名";
    case undefined:
      return "生成文件内容时出错，请重试；仍不行请把命令和文件交给维护人员";
    default:
      return `写入失败（系统错误 ${code}），请检查保存位置后重试`;
  }
}

/** link(2) refused because the file system has no hard links (not because the target exists). */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);

const codeOf = (e: unknown): string | undefined => (typeof e === "object" && e !== null ? ((e as { code?: unknown }).code as string | undefined) : undefined);

/** Writes `data` to `path` through a temporary file and a rename; the previous file is never touched until then. */
export async function writeFileAtomic(path: string, data: WriteSource, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let handle: fs.FileHandle | undefined;
  let created = false;
  try {
    // Keep the permissions of the file being replaced (a 汇总 shared read-only stays so).
    let mode = 0o666;
    if (!opts.exclusive) {
      try {
        mode = (await fs.stat(path)).mode & 0o7777;
      } catch {
        /* no previous file */
      }
    }
    handle = await fs.open(tmp, "wx", mode);
    created = true;
    if (typeof data === "function") {
      for await (const chunk of data()) await handle.write(chunk);
    } else {
      await handle.writeFile(data);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (opts.exclusive) {
      try {
        await fs.link(tmp, path);
        await fs.unlink(tmp);
      } catch (e) {
        if (!NO_LINKS.has(codeOf(e) ?? "")) throw e;
        // No hard links here (FAT32/exFAT USB drives, some network shares): check, then rename. The window
        // between the two is the only difference from link(2); a file that exists is still never replaced.
        if (await fs.stat(path).then(() => true, () => false)) throw Object.assign(new Error("exists"), { code: "EEXIST" });
        await fs.rename(tmp, path);
      }
    } else {
      await fs.rename(tmp, path);
    }
    created = false;
    await syncDir(dir);
    await removeStaleTemps(dir, basename(path));
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await fs.unlink(tmp).catch(() => undefined);
    const code = codeOf(e);
    throw new FileWriteError(path, code, `无法写入“${path}”：${writeErrorReason(code)}。原有文件未改动。`);
  }
}

/** Left untouched this long, a temporary file belongs to no write in progress (a write takes seconds). */
export const STALE_TEMP_MS = 10 * 60_000;

/**
 * A write killed outright (SIGKILL, power cut) cannot remove its temporary file: the target is intact, but a
 * hidden ".汇总.xlsx.<pid>.<hex>.tmp" stays beside it. The next successful write of the same file removes
 * such leftovers — only when their process is gone and they have not changed for STALE_TEMP_MS (on a shared
 * folder the pid may be another machine's). Best effort: a leftover that cannot be removed is left.
 */
async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const prefix = `.${base}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    const tmp = join(dir, name);
    try {
      if (Date.now() - (await fs.stat(tmp)).mtimeMs >= STALE_TEMP_MS) await fs.unlink(tmp);
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === "EPERM"; // alive, another user's
  }
}

/** The rename itself is durable only once the folder is flushed; not every file system allows it. */
async function syncDir(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, "r");
    await h.sync();
  } catch {
    /* Windows and some network shares cannot fsync a folder: the rename is still atomic there */
  } finally {
    await h?.close().catch(() => undefined);
  }
}
