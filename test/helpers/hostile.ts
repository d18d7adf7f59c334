// Hostile workbooks for the reader's bounds (test/xlsx/reader.bounds.test.ts and bench/reader.bench.ts):
// zip bombs, parts whose declared size lies, a huge string, a million rows, an unreferenced 1 GiB part.
// Big contents are made as deflate streams of repeated flushed segments, so a 1 GiB part costs ~1 MB and
// milliseconds to make, and nothing is ever held inflated by the maker.
import { constants, deflateRawSync } from "node:zlib";
import { unzipParts, type Parts } from "./xlsxParts";

export interface RawEntry {
  name: string;
  /** Deflated (method 8) or stored (method 0) bytes, as they go into the file. */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the directory declares: may lie. */
  declared: number;
}

/** A zip written by hand, so that declared sizes can be anything (CRCs are not checked by the reader). */
export function rawZip(entries: RawEntry[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const big = e.declared > 0xfffffffe || e.data.length > 0xfffffffe;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(big ? 45 : 20, 4);
    h.writeUInt16LE(0x800, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(big ? 0xffffffff : e.data.length, 18);
    h.writeUInt32LE(big ? 0xffffffff : e.declared, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, Buffer.from(e.data));
    const extra = big ? Buffer.alloc(20) : Buffer.alloc(0);
    if (big) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(e.declared), 4);
      extra.writeBigUInt64LE(BigInt(e.data.length), 12);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(45, 4);
    c.writeUInt16LE(big ? 45 : 20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(big ? 0xffffffff : e.data.length, 20);
    c.writeUInt32LE(big ? 0xffffffff : e.declared, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(offset, 42);
    central.push(c, name, extra);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** A deflate stream of head + body × times + tail, made of independently flushed segments. */
export function deflateRepeated(head: string, body: string | Buffer, times: number, tail: string): { data: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const b = typeof body === "string" ? Buffer.from(body) : body;
  const h = deflateRawSync(Buffer.from(head), flush);
  const seg = deflateRawSync(b, flush);
  const t = deflateRawSync(Buffer.from(tail));
  const parts: Buffer[] = [h];
  for (let i = 0; i < times; i++) parts.push(seg);
  parts.push(t);
  return { data: Buffer.concat(parts), size: Buffer.byteLength(head) + b.length * times + Buffer.byteLength(tail) };
}

const deflate = (s: string | Uint8Array) => deflateRawSync(typeof s === "string" ? Buffer.from(s) : s);

/** A real returned workbook's entries, with some parts replaced by raw entries. */
export function withParts(template: Buffer, replace: Record<string, { data: Uint8Array; declared: number }>, extra: RawEntry[] = []): Buffer {
  const parts: Parts = unzipParts(template);
  const entries: RawEntry[] = [];
  for (const [name, v] of Object.entries(parts)) {
    const r = replace[name];
    if (r) entries.push({ name, data: r.data, method: 8, declared: r.declared });
    else {
      const bytes = typeof v === "string" ? Buffer.from(v) : v;
      entries.push({ name, data: deflate(bytes), method: 8, declared: bytes.length });
    }
  }
  return rawZip([...entries, ...extra]);
}

const MiB = 1048576;
const SHEET = "xl/worksheets/sheet1.xml";
const SST = "xl/sharedStrings.xml";
const WS_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

export interface Hostile {
  name: string;
  file: Buffer;
  /** What the reader must do: refuse it, or read it (an unreferenced part is never inflated). */
  expect: "refused" | "read";
}

/** Rows r = from…to of a sheet, one numeric cell each. */
function rows(from: number, to: number): string {
  let s = "";
  for (let i = from; i <= to; i++) s += `<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`;
  return s;
}

const SST_HEAD = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>';
const SST_TAIL = "</t></si></sst>";
const WS_TAIL = "</sheetData></worksheet>";

/** The hostile set, each built around a real template (`template`: a returned workbook's bytes). */
export function hostileFiles(template: Buffer): Hostile[] {
  /** A case: the template with `part` replaced by a deflate stream whose size the directory declares as `declared`. */
  const replacing = (name: string, part: string, stream: { data: Buffer; size: number }, declared: number, expect: Hostile["expect"]): Hostile => ({
    name,
    file: withParts(template, { [part]: { data: stream.data, declared } }),
    expect,
  });
  /** A case: the template plus a part nothing refers to. */
  const adding = (name: string, part: string, stream: { data: Buffer; size: number }, declared: number): Hostile => ({
    name,
    file: withParts(template, {}, [{ name: part, data: stream.data, method: 8, declared }]),
    expect: "read",
  });
  const zeros = Buffer.alloc(MiB);
  const gib = deflateRepeated("", zeros, 1024, "");
  const spaces = Buffer.alloc(MiB, 0x20);
  const sheetBomb = deflateRepeated(WS_HEAD, spaces, 1024, WS_TAIL);
  const a = Buffer.alloc(MiB, 0x61);
  const bigString = deflateRepeated(SST_HEAD, a, 300, SST_TAIL);
  // The template's own shared strings, each made one char longer than a cell may hold (Excel's 32,767):
  // the part stays within limits (~5 MB), and the strings the named cells use are over the string limit.
  // (The reader decodes only the strings named cells use, so one long string nobody uses is read past.)
  const sstXml = String(unzipParts(template)[SST]);
  const overLong = "a".repeat(32_768);
  const longStrings = sstXml.replace(/<si>[\s\S]*?<\/si>/g, `<si><t>${overLong}</t></si>`);
  const unusedString = deflateRepeated(sstXml.replace(/<\/sst>\s*$/, "<si><t>"), a, 6, SST_TAIL);
  // 10^6 rows: ~40 MB of XML, deflated in 10 blocks of 100,000 rows (rows differ, so built per block).
  const millionParts: Buffer[] = [deflateRawSync(Buffer.from(WS_HEAD), { finishFlush: constants.Z_FULL_FLUSH })];
  let millionSize = Buffer.byteLength(WS_HEAD);
  for (let b = 0; b < 10; b++) {
    const s = rows(b * 100_000 + 1, (b + 1) * 100_000);
    millionParts.push(deflateRawSync(Buffer.from(s), { finishFlush: constants.Z_FULL_FLUSH }));
    millionSize += s.length;
  }
  millionParts.push(deflateRawSync(Buffer.from(WS_TAIL)));
  millionSize += WS_TAIL.length;
  const million = { data: Buffer.concat(millionParts), size: millionSize };
  const many = WS_HEAD + rows(1, 100_000) + WS_TAIL; // 100,000 cells, ~4 MB: within the limits, read in full
  return [
    adding("unreferenced 1 GiB part", "xl/media/image1.bin", gib, gib.size),
    adding("unreferenced 1 GiB part declared 1 KB", "xl/media/image1.bin", gib, 1024),
    replacing("sheet zip bomb, 1 GiB declared", SHEET, sheetBomb, sheetBomb.size, "refused"),
    replacing("sheet zip bomb, 1 GiB declared as 70 KB", SHEET, sheetBomb, 70_000, "refused"),
    replacing("shared string of 300 MB", SST, bigString, bigString.size, "refused"),
    replacing("shared string of 300 MB declared as 9 KB", SST, bigString, 9_000, "refused"),
    replacing("shared string of 6 MB that no named cell uses", SST, unusedString, unusedString.size, "read"),
    replacing("shared strings over 32,767 chars (part within limits)", SST, { data: deflate(longStrings), size: Buffer.byteLength(longStrings) }, Buffer.byteLength(longStrings), "refused"),
    replacing("sheet of 10^6 rows", SHEET, million, million.size, "refused"),
    replacing("sheet of 100,000 rows", SHEET, { data: deflate(many), size: many.length }, many.length, "read"),
    {
      name: "directory of 60,000 entries",
      file: rawZip(Array.from({ length: 60_000 }, (_, i) => ({ name: `x/${i}.xml`, data: new Uint8Array(0), method: 0 as const, declared: 0 }))),
      expect: "refused",
    },
  ];
}
