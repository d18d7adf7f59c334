// The bounded reader (src/read/) against the same reader with its XML parsed by saxes (the library ExcelJS
// ships; test/helpers/saxesParts.ts) and against an ExcelJS full load, side by side in one run: the same 1,000
// returned workbooks, read from memory in alternating blocks (so load on a shared machine hits all alike),
// ms/file and the ratios (saxes: the hand-written scanner stays only while a library costs over ~1.5× its
// time; ExcelJS: target ≥ 5×); that they give equal reads and reviews on all of them; then
// peak RSS per reader over the 1,000 files and, for each hostile file, time and peak RSS of a fresh process
// (target: ≤ 5 s and ≤ 512 MB each, refused ones in < 1 s).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reviewUnit } from "../src/review/unit";
import type { SheetCells } from "../src/review/types";
import { readWorkbookBytes } from "../src/read/index";
import { readWorkbookData as readWithExcelJs } from "../test/helpers/excelJsReader";
import { hostileFiles } from "../test/helpers/hostile";
import { SAXES_PARTS } from "../test/helpers/saxesParts";
import { corpus } from "./corpus";

const N = 1000;
const BLOCK = 50;

function review(cells: SheetCells): string {
  const r = reviewUnit(cells, { year: 2022 });
  return JSON.stringify([r.unit, r.status, r.selfScore, r.openProblems, r.problems]);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "credit-bench-reader-"));
  try {
    const { files } = await corpus(N, dir);
    const bufs = files.map((f) => readFileSync(f));
    // warm-up of both code paths
    for (const b of bufs.slice(0, 30)) {
      readWorkbookBytes(b);
      await readWithExcelJs(b);
    }
    for (const b of bufs.slice(0, 30)) readWorkbookBytes(b, SAXES_PARTS);
    let mine = 0;
    let sax = 0;
    let theirs = 0;
    for (let i = 0; i < N; i += BLOCK) {
      const block = bufs.slice(i, i + BLOCK);
      const t0 = process.hrtime.bigint();
      for (const b of block) readWorkbookBytes(b);
      const t1 = process.hrtime.bigint();
      for (const b of block) readWorkbookBytes(b, SAXES_PARTS);
      const t2 = process.hrtime.bigint();
      for (const b of block) await readWithExcelJs(b);
      const t3 = process.hrtime.bigint();
      mine += Number(t1 - t0) / 1e6;
      sax += Number(t2 - t1) / 1e6;
      theirs += Number(t3 - t2) / 1e6;
    }
    console.log(`read ${N} returned workbooks (from memory, alternating blocks of ${BLOCK}):`);
    console.log(`  bounded reader (hand-written XML scanner)  ${(mine / N).toFixed(2).padStart(6)} ms/file`);
    console.log(`  the same reader, XML parsed by saxes       ${(sax / N).toFixed(2).padStart(6)} ms/file  ${(sax / mine).toFixed(2)}× the scanner's time (a library replaces the scanner unless > 1.5×)`);
    console.log(`  ExcelJS full load                          ${(theirs / N).toFixed(2).padStart(6)} ms/file  ${(theirs / mine).toFixed(1)}× (target ≥ 5×)`);
    let equal = 0;
    let equalSax = 0;
    const json = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
    for (const b of bufs) {
      const r = readWorkbookBytes(b);
      if (review(r.sheets[0]) === review((await readWithExcelJs(b)).sheets[0])) equal++;
      if (json(r) === json(readWorkbookBytes(b, SAXES_PARTS))) equalSax++;
    }
    console.log(`  equal reviews (scanner, ExcelJS)  ${equal}/${N}; equal reads (scanner, saxes)  ${equalSax}/${N}`);

    // Fresh processes: peak RSS for the whole 1,000 with each reader, and for each hostile file.
    const child = join(__dirname, ".reader-child.cjs");
    await build({ entryPoints: [join(__dirname, "reader-child.ts")], bundle: true, platform: "node", target: "node20", format: "cjs", outfile: child, packages: "external", logLevel: "warning" });
    const list = join(dir, "files.txt");
    writeFileSync(list, files.join("\n"));
    const measure = (mode: string, paths: string[]) => {
      const r = spawnSync(process.execPath, [child, mode, ...paths], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (r.status !== 0) return { ms: NaN, maxRssMB: NaN, outcome: `child failed: ${r.stderr.split("\n").find((l) => l.trim()) ?? r.signal}` };
      return JSON.parse(r.stdout) as { ms: number; maxRssMB: number; outcome: string };
    };
    const base = measure("bounded", []);
    const a = measure("bounded", files);
    const b = measure("exceljs", files);
    console.log(`peak RSS of a fresh process reading the ${N} files one after another (node alone: ${base.maxRssMB.toFixed(0)} MB):`);
    console.log(`  bounded reader   ${a.maxRssMB.toFixed(0).padStart(4)} MB in ${(a.ms / 1000).toFixed(2)} s`);
    console.log(`  ExcelJS          ${b.maxRssMB.toFixed(0).padStart(4)} MB in ${(b.ms / 1000).toFixed(2)} s`);

    console.log("hostile files, each in a fresh process (limit: ≤ 5 s, ≤ 512 MB; refused in < 1 s):");
    for (const h of hostileFiles(bufs[0])) {
      const p = join(dir, "hostile.xlsx");
      writeFileSync(p, h.file);
      const m = measure("bounded", [p]);
      const ok = m.ms <= 5000 && m.maxRssMB <= 512 && (m.outcome === "read" || m.ms < 1000) && (h.expect === "read") === (m.outcome === "read");
      console.log(
        `  ${h.name.padEnd(44)} ${(h.file.length / 1048576).toFixed(1).padStart(5)} MB file: ${m.ms.toFixed(0).padStart(5)} ms, peak ${m.maxRssMB.toFixed(0).padStart(4)} MB, ` +
          `${m.outcome === "read" ? "read" : "refused"}${ok ? "" : "  ← OVER LIMIT OR UNEXPECTED"}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
