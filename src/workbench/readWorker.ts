// A Web Worker of the workbench page (pool.ts starts them): reads returned workbooks with the one reader
// (src/read/, its limits unchanged), off the page's thread and several at a time. It is given files in batches
// (pool.ts: the Files and one Blob of them, whose bytes it reads) and answers each file with the reading — the
// named cells, plain data, written on a tape (readCodec.ts) — or the reader's Chinese reason. Nothing here
// touches the network.
import { placementFor } from "../layout/placement";
import type { FromWorker, ToWorker } from "./pool";
import { TapeWriter } from "./readCodec";
import { fileBytes, readBytesOf, readingError, type FileReading } from "./readFile";

const placement = placementFor();
const tape = new TapeWriter();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker, transfer?: Transferable[]): void };

// One file at a time, in the order handed (the pool blames a death on the oldest file it handed and has not had
// back). Files come in batches, one Blob each (pool.ts): the next batch's bytes are asked for while this one is
// read (a read is a round trip to the browser's main process), and no more are held.
interface Batch extends ToWorker {
  bytes?: Promise<Uint8Array | undefined>;
}
const waiting: Batch[] = [];
let busy = false;
const bytesOf = (b: Batch) =>
  (b.bytes ??= b.blob.arrayBuffer().then(
    (buffer) => new Uint8Array(buffer),
    () => undefined, // a file changed or gone since it was picked: each is read alone for its reason
  ));
async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  while (waiting.length) {
    const b = waiting.shift()!;
    const all = bytesOf(b);
    if (waiting.length) void bytesOf(waiting[0]);
    const total = b.sizes.reduce((n, x) => n + x, 0);
    let at = 0;
    for (let i = 0; i < b.ids.length; i++) {
      const whole = await all;
      let reading: FileReading;
      try {
        const bytes = whole && whole.length === total ? whole.subarray(at, at + b.sizes[i]) : await fileBytes(b.files[i]);
        reading = await readBytesOf(bytes, placement);
      } catch (e) {
        reading = readingError(e);
      }
      at += b.sizes[i];
      try {
        if (reading.read) {
          const read = tape.encode(reading.read);
          // The tape's numbers are handed over, not copied.
          scope.postMessage({ id: b.ids[i], read }, "tape" in read ? [read.tape.buffer] : []);
        } else scope.postMessage({ id: b.ids[i], error: reading.error! });
      } catch (e) {
        scope.postMessage({ id: b.ids[i], error: readingError(e).error });
      }
    }
  }
  busy = false;
}
scope.onmessage = (e) => {
  waiting.push(e.data);
  void pump();
};
// Started: the pool tells a worker that could not start (file://, a refused script) from one that died on a file.
scope.postMessage({ ready: true });
