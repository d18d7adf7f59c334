// The zip container of an xlsx, read the bounded way: the central directory first (no part is touched
// before its entry has been checked), then only the parts asked for. A part's declared size is checked
// before inflating and the inflated bytes are counted while inflating, because the declared size is
// whatever the file says: a part that grows past its limit is abandoned at once, never fully inflated.
//
// Inflating: in the browser (the task pane) fflate, a small dependency-free inflater; under Node (command
// line, tests, bench) Node's own zlib when the runtime offers it without an import
// (process.getBuiltinModule, Node ≥ 20.16), about twice as fast, with the same bound (maxOutputLength
// stops inflating as soon as the output passes it). Both are tested on the same files.
import { Inflate, inflateSync } from "fflate";

interface NodeZlib {
  inflateRawSync(data: Uint8Array, opts: { maxOutputLength: number }): Uint8Array;
}
const nodeZlib = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;

/** Which inflater inflateEntry uses: "native" (Node's zlib, when present) or "fflate". For tests and the bench. */
export let inflaterKind: "native" | "fflate" = nodeZlib ? "native" : "fflate";
export function useInflater(which: "native" | "fflate"): void {
  inflaterKind = which === "native" && nodeZlib ? "native" : "fflate";
}

/** Raised for anything the reader refuses; `tooBig` marks a file over the limits (zip bomb, huge part). */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly tooBig = false,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  /** Part name as stored, without a leading "/" and with "/" separators. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** As declared by the central directory: never trusted alone. */
  size: number;
  localOffset: number;
}

/** Upper bound on the entries of a workbook's directory (an xlsx from Excel has a dozen or two). */
const MAX_ENTRIES = 20_000;
/** Compressed bytes handed to the inflater at once: bounds one step's output to ~1,032 × this. */
const STEP = 16 * 1024;
/** Compressed size up to which a part is inflated in one call (see inflateEntry). */
const ONE_SHOT = 64 * 1024;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

const utf8 = new TextDecoder("utf-8");
const latin = new TextDecoder("latin1");

/** The entries of a zip, from its central directory (zip64 records understood). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const n = bytes.length;
  if (n < 22) throw new ZipError("文件已损坏或不是有效的 xlsx 工作簿（文件过短）");
  // End of central directory: the last signature within the final 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("文件已损坏或不是有效的 xlsx 工作簿（找不到 zip 目录，文件可能不完整）");
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // zip64 end of central directory locator just before the EOCD.
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw new ZipError("文件已损坏或不是有效的 xlsx 工作簿（zip64 目录缺失）");
    const rec = u64(bytes, loc + 8);
    if (rec + 56 > n || u32(bytes, rec) !== 0x06064b50) throw new ZipError("文件已损坏或不是有效的 xlsx 工作簿（zip64 目录损坏）");
    count = u64(bytes, rec + 32);
    cdSize = u64(bytes, rec + 40);
    cdOffset = u64(bytes, rec + 48);
  }
  if (count > MAX_ENTRIES) throw new ZipError(`zip 目录有 ${count} 项`, true);
  if (cdOffset + cdSize > n) throw new ZipError("文件已损坏或不是有效的 xlsx 工作簿（zip 目录超出文件末尾，文件可能不完整）");
  const out = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) throw new ZipError("文件已损坏或不是有效的 xlsx 工作簿（zip 目录损坏）");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const raw = flags & 0x800 ? utf8.decode(nameBytes) : latin.decode(nameBytes);
    // zip64 extended information: the 0xffffffff fields, in this order.
    let e = p + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      e += 4 + len;
    }
    const name = raw.replace(/\\/g, "/").replace(/^\/+/, "");
    // Part names are case-insensitive in a package (ECMA-376 Part 2, 8.1.1.2).
    out.set(name.toLowerCase(), { name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * The entry's bytes as stored (compressed), when its local header is sound and they lie within the file;
 * undefined otherwise (inflateEntry then says what is wrong). For recognising a part met before (package.ts).
 */
export function storedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  if (entry.flags & 1) return undefined;
  const lo = entry.localOffset;
  if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) return undefined;
  const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
  const end = start + entry.compressedSize;
  return end > bytes.length ? undefined : bytes.subarray(start, end);
}

/**
 * The inflated bytes of one entry, refused (ZipError with tooBig) as soon as the declared size or the
 * bytes actually produced pass `limit`.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  if (entry.flags & 1) throw new ZipError("文件已加密（设置了打开密码），请取消密码后另存为 .xlsx 再发送");
  if (entry.size > limit) throw new ZipError(`${entry.name} 声明解压后 ${mb(entry.size)}，超过 ${mb(limit)}`, true);
  const lo = entry.localOffset;
  if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 的数据位置不对）`);
  const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 超出文件末尾，文件可能不完整）`);
  if (entry.method === 0) {
    if (entry.compressedSize > limit) throw new ZipError(`${entry.name} 超过 ${mb(limit)}`, true);
    return bytes.subarray(start, end);
  }
  if (entry.method !== 8) throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 使用了不支持的压缩方式 ${entry.method}）`);
  if (inflaterKind === "native" && nodeZlib) {
    try {
      return nodeZlib.inflateRawSync(bytes.subarray(start, end), { maxOutputLength: limit });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipError(`${entry.name} 解压后超过 ${mb(limit)}（文件声明 ${mb(entry.size)}）`, true);
      throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 无法解压）`);
    }
  }
  if (entry.compressedSize <= ONE_SHOT) {
    // Small input: its output is at most ~1,032 × 64 KiB whatever it declares, so inflating it in one call
    // into a buffer one byte larger than declared is bounded in time; a full buffer means the declared
    // size was false, and the part is refused.
    let out: Uint8Array;
    try {
      out = inflateSync(bytes.subarray(start, end), { out: new Uint8Array(entry.size + 1) });
    } catch {
      throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 无法解压）`);
    }
    if (out.length > entry.size) throw new ZipError(`${entry.name} 解压后比声明的 ${mb(entry.size)} 大（文件内容异常）`, true);
    return out;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new ZipError(`${entry.name} 解压后超过 ${mb(limit)}（文件声明 ${mb(entry.size)}）`, true);
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let o = start; o < end; o += STEP) inflater.push(bytes.subarray(o, Math.min(end, o + STEP)), o + STEP >= end);
    if (start === end) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 无法解压）`);
  }
  if (!done) throw new ZipError(`文件已损坏或不是有效的 xlsx 工作簿（${entry.name} 数据不完整）`);
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function mb(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(n >= 10 * 1048576 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
