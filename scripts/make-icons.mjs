// Generates the add-in icons (assets/icon-16/32/64/80.png) without any download:
// a red rounded square (the colour of the credit office's documents) with a white check mark.
// Usage: npx tsx scripts/make-icons.mjs   (the PNGs are committed; run again only to change the design)
// Written through the project's one atomic-write helper (temporary file + rename), like every file we write.
import { deflateSync } from "node:zlib";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/xlsx/atomicWrite.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const r = size * 0.18; // corner radius
  const stroke = Math.max(1.2, size * 0.1);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5, py = y + 0.5;
      // rounded-square coverage
      const cx = Math.min(Math.max(px, r), size - r), cy = Math.min(Math.max(py, r), size - r);
      const inside = Math.hypot(px - cx, py - cy) <= r;
      const i = (y * size + x) * 4;
      if (!inside) continue;
      // check mark: two segments, in unit coordinates
      const u = size;
      const d = Math.min(
        distToSegment(px, py, 0.24 * u, 0.52 * u, 0.43 * u, 0.7 * u),
        distToSegment(px, py, 0.43 * u, 0.7 * u, 0.77 * u, 0.3 * u),
      );
      const white = d <= stroke / 2;
      rgba[i] = white ? 255 : 0xc8;
      rgba[i + 1] = white ? 255 : 0x1e;
      rgba[i + 2] = white ? 255 : 0x1e;
      rgba[i + 3] = 255;
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(join(root, "assets"), { recursive: true });
for (const size of [16, 32, 64, 80]) {
  const file = join(root, "assets", `icon-${size}.png`);
  await writeFileAtomic(file, icon(size));
  console.log(`wrote ${file}`);
}
