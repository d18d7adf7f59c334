// A Web Worker of the workbench page (pool.ts starts them): reads returned workbooks with the one reader
// (src/read/, its limits unchanged), off the page's thread and several at a time. It is given each file's
// bytes (an ArrayBuffer transferred by the page, not copied) and answers with the reading — the named cells,
// plain data, written on a tape (readCodec.ts) — or the reader's Chinese reason. Nothing here touches the network.
import { placementFor } from "../layout/placement";
import type { FromWorker, ToWorker } from "./pool";
import { TapeWriter } from "./readCodec";
import { readBytesOf, readingError } from "./readFile";

const placement = placementFor();
const tape = new TapeWriter();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker): void };

// One file at a time, in the order handed (the pool blames a death on the oldest file it handed and has not had back).
let queue = Promise.resolve();
scope.onmessage = (e) => {
  const { id, bytes } = e.data;
  queue = queue.then(async () => {
    const reading = await readBytesOf(new Uint8Array(bytes), placement);
    try {
      scope.postMessage({ id, reading: tape.encode(reading) });
    } catch (e) {
      scope.postMessage({ id, reading: { clone: readingError(e) } });
    }
  });
};
// Started: the pool tells a worker that could not start (file://, a refused script) from one that died on a file.
scope.postMessage({ ready: true });
