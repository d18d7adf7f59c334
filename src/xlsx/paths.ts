// Node only: whether two paths are the same file, through symbolic links and relative spellings.
import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";

/** The real path when the file exists, else the absolute path of its real folder plus its name. */
export function realPath(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    const abs = resolve(p);
    const slash = abs.lastIndexOf("/") >= abs.lastIndexOf("\\") ? abs.lastIndexOf("/") : abs.lastIndexOf("\\");
    if (slash <= 0) return abs;
    try {
      return resolve(realpathSync.native(abs.slice(0, slash)), abs.slice(slash + 1));
    } catch {
      return abs;
    }
  }
}

export function sameFile(a: string, b: string): boolean {
  // Both exist: the same file whatever the path (symbolic or hard link, another spelling of the folder).
  try {
    const s = statSync(a);
    const t = statSync(b);
    if (s.ino !== 0 || t.ino !== 0) return s.dev === t.dev && s.ino === t.ino;
  } catch {
    /* one of them does not exist yet: compare where they would be */
  }
  const x = realPath(a);
  const y = realPath(b);
  // Windows and macOS file systems are case-insensitive by default.
  return process.platform === "win32" || process.platform === "darwin" ? x.toLowerCase() === y.toLowerCase() : x === y;
}
