// The workbench page's pool of Web Workers (readWorker.ts) reading returned files in parallel: one per core as
// the browser reports them (navigator.hardwareConcurrency), at most MAX_WORKERS, at least one. The page reads
// each File's bytes (refused by its size first, as the command line refuses a file on disk) and transfers the
// ArrayBuffer to a worker — not copied; a File posted to a worker cost the page's thread more than its bytes —
// and the worker answers with the reading on a tape (readCodec.ts), cheap for the page to take back. Readings
// are delivered by the file's index, so the caller keeps input order whatever order the workers finish in,
// and the 汇总 is the command line's cell for cell.
//
// 取消 (an AbortSignal) terminates every worker at once, mid-file. A worker that dies on a file (an uncaught
// error, a crash) is replaced and that file gets a Chinese reason naming it; a worker that cannot start at
// all (a page opened from a local folder, a browser refusing workers) makes the pool give up with
// PoolUnavailable when none is left, and the caller reads on the page's thread instead.
import { TapeReader, type EncodedReading } from "./readCodec";
import { fileBytes, readingError, type FileReading } from "./readFile";

/** More workers than this gain nothing on an office PC: the page's own thread reviews what they read. */
export const MAX_WORKERS = 4;

/** Files handed to one worker ahead of its answers, so it never waits for the page between two files. */
const AHEAD = 2;

/** What a worker posts: once when it has started, then one answer per file. */
export type FromWorker = { ready: true } | { id: number; reading: EncodedReading<FileReading> };
/** What the page posts to a worker: a file's bytes, transferred. */
export interface ToWorker {
  id: number;
  bytes: ArrayBuffer;
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
  onRead(index: number, reading: FileReading): void | Promise<void>;
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
  /** The posts to this worker, in the order handed (a file's bytes come when the browser has read them). */
  posting: Promise<void>;
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

    const deliver = (index: number, reading: FileReading) => {
      chain = chain
        .then(async () => {
          if (over) return;
          await run.onRead(index, reading);
          if (++delivered === files.length) finish();
        })
        .catch(finish);
    };

    const hand = (s: Slot, id: number) => {
      s.pending.push(id);
      const bytes = fileBytes(files[id]);
      s.posting = s.posting.then(async () => {
        let b: Uint8Array;
        try {
          b = await bytes;
        } catch (e) {
          // Refused by its size, or unreadable: its reason, without troubling a worker.
          s.pending = s.pending.filter((i) => i !== id);
          if (!over) deliver(id, readingError(e));
          return feed(s);
        }
        if (over || !live.has(s)) return;
        const buffer = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : (b.slice().buffer as ArrayBuffer);
        s.worker.postMessage({ id, bytes: buffer } satisfies ToWorker, [buffer]);
      });
    };

    const feed = (s: Slot) => {
      if (over || !live.has(s)) return;
      while (s.pending.length < AHEAD && (requeue.length || next < files.length)) hand(s, requeue.length ? requeue.shift()! : next++);
    };

    const start = (): boolean => {
      let worker: Worker;
      try {
        worker = spawn();
      } catch {
        return false;
      }
      const s: Slot = { worker, ready: false, pending: [], posting: Promise.resolve(), tape: new TapeReader() };
      live.add(s);
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        if (over) return;
        const m = e.data;
        if ("ready" in m) {
          s.ready = true;
          return;
        }
        s.pending = s.pending.filter((i) => i !== m.id);
        let reading: FileReading;
        try {
          reading = s.tape.decode(m.reading);
        } catch (err) {
          reading = readingError(err);
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
        for (const other of live) feed(other);
      };
      worker.onerror = died;
      worker.onmessageerror = died;
      feed(s);
      return true;
    };

    for (let i = 0; i < size; i++) start();
    if (!live.size) finish(new PoolUnavailable());
  });
}
