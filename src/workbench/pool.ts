// The workbench page's pool of Web Workers (readWorker.ts) reading returned files in parallel: one per core as
// the browser reports them (navigator.hardwareConcurrency), at most MAX_WORKERS, at least one. The page refuses a
// file by its size first (as the command line refuses a file on disk) and hands the others to a worker in
// batches, each batch one Blob of its files that the worker reads at once: a read is a round trip to the
// browser's main process, and one per file cost that process about twice the CPU (measured: 1,000 files, 2.0 s
// of CPU read one by one, 0.8 s in Blobs of 16). The worker answers each file with the reading on a tape
// (readCodec.ts), which the page keeps as it came and decodes when the reading is used. Readings are delivered
// by the file's index, so the caller keeps input order whatever order the workers finish in, and the 汇总 is the
// command line's cell for cell.
//
// 取消 (an AbortSignal) terminates every worker at once, mid-file. A worker that dies on a file (an uncaught
// error, a crash) is replaced and that file gets a Chinese reason naming it; a worker that cannot start at
// all (a page opened from a local folder, a browser refusing workers) makes the pool give up with
// PoolUnavailable when none is left, and the caller reads on the page's thread instead.
import { Taped, TapeReader, type EncodedReading } from "./readCodec";
import { LIMIT_MESSAGE, LIMITS, WorkbookReadError, type WorkbookRead } from "../read/index";
import { mb } from "../read/zip";
import { readingError } from "./readFile";

/** More workers than this gain nothing on an office PC: the page's own thread reviews what they read. */
export const MAX_WORKERS = 4;

/** Files handed to a worker at once, in one Blob, and at most this many bytes of them (a bigger file goes alone). */
const BATCH = 16;
const BATCH_BYTES = 4 * 1048576;
/** Batches handed to one worker ahead of its answers, so it never waits for the page. */
const AHEAD = 2;

/** What a worker posts: once when it has started, then one answer per file. */
export type FromWorker = { ready: true } | { id: number; error: string } | { id: number; read: EncodedReading<WorkbookRead> };

/** A file's reading as the pool delivers it: the reader's Chinese reason, or the reading — on its tape until used. */
export type PoolReading = { error: string; read?: undefined; taped?: undefined } | { read: WorkbookRead; error?: undefined; taped?: undefined } | { taped: Taped<WorkbookRead>; error?: undefined; read?: undefined };
/**
 * What the page posts to a worker: picked Files (handles: the worker reads the bytes), and the same files as one
 * Blob, read at once; `sizes` say where each file ends in it. Should the Blob not read (a file changed or removed
 * since it was picked), each File is read alone for its own reason.
 */
export interface ToWorker {
  ids: number[];
  sizes: number[];
  files: File[];
  blob: Blob;
}

/** The browser would not start a worker (none left that started): read on the page's thread instead. */
export class PoolUnavailable extends Error {
  constructor() {
    super("浏览器未能启动后台读取线程");
  }
}

/** The Chinese reason given to a file whose worker died while reading it. */
export function workerDiedReason(file: string): string {
  return `读取文件“${file}”时后台读取线程意外停止，该文件未计入汇总（文件可能已损坏或过于复杂，或浏览器内存不足）：请在 Excel 中打开该文件，确认无误后“另存为” .xlsx 再选择；仍然如此时请关闭其他网页后重试，或把该文件发给市信用办检查。`;
}

export function poolSize(): number {
  const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores)));
}

export interface PoolRun {
  files: readonly File[];
  /** Called once per file, with its index in `files`; a promise returned is awaited before the next answer is taken. */
  onRead(index: number, reading: PoolReading): void | Promise<void>;
  signal?: AbortSignal;
  size?: number;
  /** Starts one worker (the default: readWorker.ts as webpack builds it). */
  spawn?: () => Worker;
}

const defaultSpawn = () => new Worker(new URL("./readWorker.ts", import.meta.url), { name: "workbench-reader" });

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Indexes handed to this worker and not answered yet, in the order posted. */
  pending: number[];
  /** The last file of each batch handed and not answered yet. */
  batchEnds: Set<number>;
  tape: TapeReader;
}

/**
 * Reads `files` on a pool of workers. Resolves when every file has its reading; rejects with the signal's
 * reason once aborted (the workers terminated), with PoolUnavailable when no started worker is left, or
 * with what onRead threw (the workers terminated).
 */
export function readInWorkers(run: PoolRun): Promise<void> {
  const { files, signal } = run;
  const spawn = run.spawn ?? defaultSpawn;
  const size = Math.min(run.size ?? poolSize(), Math.max(files.length, 1));
  return new Promise<void>((resolve, reject) => {
    const live = new Set<Slot>();
    /** Files a worker that never started was handed: given to the others before any new file. */
    const requeue: number[] = [];
    let next = 0;
    let delivered = 0;
    let over = false;
    // Answers are handed to onRead one at a time, in the order they came (onRead may await the page).
    let chain: Promise<void> = Promise.resolve();

    const finish = (error?: unknown) => {
      if (over) return;
      over = true;
      for (const s of live) s.worker.terminate();
      live.clear();
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => finish(signal!.reason ?? new Error("已取消"));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort);
    if (!files.length) return finish();

    const deliver = (index: number, reading: PoolReading) => {
      chain = chain
        .then(async () => {
          if (over) return;
          await run.onRead(index, reading);
          if (++delivered === files.length) finish();
        })
        .catch(finish);
    };

    /** The next file to hand, or undefined when none is left. */
    const take = () => (requeue.length ? requeue.shift() : next < files.length ? next++ : undefined);
    const left = () => requeue.length + files.length - next;

    /**
     * Hands `s` its next files as one Blob (one read in the browser for several files: per-file reads cost the
     * browser's main process about twice the CPU and the time). A file over the size limit is answered here
     * with its reason, never read; the others' sizes say where each ends in the Blob.
     */
    const hand = (s: Slot) => {
      const ids: number[] = [];
      const sizes: number[] = [];
      let bytes = 0;
      // Up to BATCH files or BATCH_BYTES, and never so many that another worker would wait while this one holds files.
      const most = Math.max(1, Math.min(BATCH, Math.ceil(left() / (2 * live.size))));
      while (ids.length < most && bytes < BATCH_BYTES) {
        const id = take();
        if (id === undefined) break;
        const size = files[id].size;
        if (size > LIMITS.file) {
          deliver(id, readingError(new WorkbookReadError(`${LIMIT_MESSAGE}（文件 ${mb(size)}，超过 ${mb(LIMITS.file)}）`)));
          continue;
        }
        ids.push(id);
        sizes.push(size);
        bytes += size;
      }
      if (!ids.length) return;
      s.pending.push(...ids);
      s.batchEnds.add(ids[ids.length - 1]);
      const batch = ids.map((id) => files[id]);
      s.worker.postMessage({ ids, sizes, files: batch, blob: new Blob(batch) } satisfies ToWorker);
    };

    const feed = (s: Slot) => {
      if (over || !live.has(s)) return;
      // Two batches ahead: the worker reads one while it has the next one's bytes asked for.
      while (s.batchEnds.size < AHEAD && left()) hand(s);
    };

    const start = (): boolean => {
      let worker: Worker;
      try {
        worker = spawn();
      } catch {
        return false;
      }
      const s: Slot = { worker, ready: false, pending: [], batchEnds: new Set(), tape: new TapeReader() };
      live.add(s);
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        if (over) return;
        const m = e.data;
        if ("ready" in m) {
          s.ready = true;
          return;
        }
        s.pending = s.pending.filter((i) => i !== m.id);
        s.batchEnds.delete(m.id);
        let reading: PoolReading;
        if ("error" in m) reading = { error: m.error };
        else {
          try {
            const r = s.tape.receive(m.read);
            reading = r instanceof Taped ? { taped: r } : { read: r };
          } catch (err) {
            reading = readingError(err);
          }
        }
        feed(s);
        deliver(m.id, reading);
      };
      const died = (e: Event) => {
        e.preventDefault();
        if (over || !live.has(s)) return;
        worker.terminate();
        live.delete(s);
        if (!s.ready) {
          // Never started (file://, a refused or missing script): what it was handed goes to the others.
          requeue.unshift(...s.pending);
          if (!live.size) return finish(new PoolUnavailable());
          for (const other of live) feed(other);
          return;
        }
        // It died on the file it was reading (the oldest it was handed); the others it held go to a new worker.
        const [dead, ...rest] = s.pending;
        if (dead !== undefined) deliver(dead, { error: workerDiedReason(files[dead].name) });
        requeue.unshift(...rest);
        start();
        if (!live.size) return finish(new PoolUnavailable());
        // (the new worker is among them)
        for (const other of live) feed(other);
      };
      worker.onerror = died;
      worker.onmessageerror = died;
      return true;
    };

    for (let i = 0; i < size; i++) start();
    if (!live.size) return finish(new PoolUnavailable());
    // Fed once all are started, so the first batches are shared among them.
    for (const s of live) feed(s);
  });
}
