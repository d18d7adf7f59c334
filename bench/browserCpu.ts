// CPU time of the browser this process started, read from /proc (Linux; elsewhere nothing): every Chromium
// process below this one by its --type (browser, renderer, gpu-process, utility), and the renderer's threads
// by name — its main thread (named after the program), the V8/Blink thread pool (ThreadPoolForeg: garbage
// collection, compilation, raster) — with the threads that ended (the page's workers, once terminated) as the
// renderer's total less its live threads. Used by bench/workbench.bench.ts to say where a step's time goes.
import { existsSync, readdirSync, readFileSync } from "node:fs";

const TICKS_PER_S = 100; // USER_HZ on Linux

function stat(path: string): { ppid: number; comm: string; ms: number } | undefined {
  try {
    const s = readFileSync(path, "utf8");
    const close = s.lastIndexOf(")");
    const f = s.slice(close + 2).split(" ");
    return { ppid: Number(f[1]), comm: s.slice(s.indexOf("(") + 1, close), ms: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S };
  } catch {
    return undefined; // gone meanwhile
  }
}

export type CpuSample = Map<string, number>;

/** CPU ms so far, by "[type]" of process and "type/thread" of the renderers' threads; empty without /proc. */
export function browserCpu(): CpuSample {
  const out: CpuSample = new Map();
  if (!existsSync("/proc/self/stat")) return out;
  const parent = new Map<number, number>();
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    const s = stat(`/proc/${p}/stat`);
    if (s) parent.set(Number(p), s.ppid);
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) if (!mine.has(pid) && mine.has(ppid)) grew = mine.add(pid) !== undefined;
  }
  const add = (k: string, v: number) => out.set(k, (out.get(k) ?? 0) + v);
  for (const pid of mine) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    const s = stat(`/proc/${pid}/stat`);
    if (!s || !/chrom/i.test(cmd)) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? "browser";
    add(`[${type}]`, s.ms);
    if (type !== "renderer") continue;
    let live = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const ts = stat(`/proc/${pid}/task/${t}/stat`);
      if (!ts) continue;
      const name = ts.comm === s.comm ? "main thread" : /^ThreadPool/.test(ts.comm) ? "thread pool (GC, compiling)" : ts.comm;
      add(`renderer: ${name}`, ts.ms);
      live += ts.ms;
    }
    add("renderer: ended threads (workers)", s.ms - live);
  }
  return out;
}

/** What was spent between two samples: the total over processes, and the larger parts, "name 1.2 s". */
export function cpuBetween(a: CpuSample, b: CpuSample): { total: number; parts: string } {
  const rows = [...b].map(([k, v]) => [k, v - (a.get(k) ?? 0)] as const).filter(([, v]) => v >= 50);
  const total = rows.filter(([k]) => k.startsWith("[")).reduce((n, [, v]) => n + v, 0);
  const shown = rows.filter(([k]) => k !== "[renderer]").sort((x, y) => y[1] - x[1]);
  return { total, parts: shown.map(([k, v]) => `${k.replace(/^\[(.*)\]$/, "$1 process")} ${(v / 1000).toFixed(1)} s`).join(", ") };
}
