// `npm run cli -- review 返回/ --out 核定表.xlsx` over 1,000 returned workbooks as a whole process (target
// < 3 s, issue 18), beside `summary` over the same files (its own target) and a bare node start, interleaved,
// medians. Then the 核定表 document alone for the 20,000 rows of those files: its rows, its layout (row
// heights included) and the ExcelJS write, each timed. The files are made once per run (not timed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reviewSheetData } from "../src/review/reviewSheet";
import { buildReviewSheet } from "../src/review/reviewSheetGrid";
import { auditTime } from "../src/review/verification";
import { reviewFiles } from "../src/xlsx/summarizeFiles";
import { sheetDocsToBuffer } from "../src/xlsx/writeSheetDoc";
import { ROOT } from "../test/helpers/paths";
import { corpus } from "./corpus";

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(args: string[], ok: readonly number[] = [0, 1]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  if (r.error) throw r.error;
  if (!ok.includes(r.status ?? -1)) throw new Error(`exit ${r.status}: ${String(r.stderr)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "credit-bench-review-"));
  const returned = join(dir, "返回");
  spawnSync("mkdir", [returned]);
  const { files, units } = await corpus(1000, returned);
  const list = join(dir, "名单.txt");
  writeFileSync(list, units.join("\n"));
  const cli = join(ROOT, "scripts", "cli.cjs");
  const out = join(dir, "核定表.xlsx");
  const summaryOut = join(dir, "汇总.xlsx");
  wall([cli], [2]); // built once if the sources changed, not timed (no command: usage, exit 2)
  const kinds: Record<string, () => number> = {
    "node -e 0 (a bare start)": () => wall(["-e", "0"]),
    "cli review of 1,000 files → 核定表.xlsx (target < 3 s)": () => {
      rmSync(out, { force: true });
      return wall([cli, "review", returned, "--out", out, "--year", "2022", "--departments", list]);
    },
    "cli summary of the same 1,000 files → 汇总.xlsx": () => wall([cli, "summary", returned, "--out", summaryOut, "--year", "2022", "--departments", list]),
  };
  const times = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [k, f] of Object.entries(kinds)) times.get(k)!.push(f());
  const bare = median(times.get("node -e 0 (a bare start)")!);
  for (const [k, xs] of times) console.log(`${k.padEnd(56)} ${median(xs).toFixed(0).padStart(6)} ms  ${(median(xs) / bare).toFixed(1).padStart(6)}× bare node`);
  console.log(`(medians of ${RUNS} interleaved runs)`);

  // The document's own work, in this process.
  const expected = { county: [], department: units };
  const t0 = process.hrtime.bigint();
  const { units: placed } = await reviewFiles(files, { year: 2022, expected });
  const t1 = process.hrtime.bigint();
  const data = reviewSheetData(placed, { year: 2022, expected, generatedAt: auditTime() });
  const t2 = process.hrtime.bigint();
  const doc = buildReviewSheet(data);
  const t3 = process.hrtime.bigint();
  const bytes = await sheetDocsToBuffer([doc]);
  const t4 = process.hrtime.bigint();
  const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(0);
  console.log(
    `in process: read+review ${ms(t0, t1)} ms, rows ${ms(t1, t2)} ms (${data.rows.length} rows), layout ${ms(t2, t3)} ms, ExcelJS write ${ms(t3, t4)} ms (${(bytes.length / 1048576).toFixed(1)} MB)`,
  );
}
