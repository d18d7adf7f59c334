// A Web Worker of the workbench page: reads returned workbooks with the one reader (src/read/, its limits
// unchanged), off the page's thread and several at a time (work.ts keeps one per core). It gets File objects
// (structured clones of the user's pick, no copy of the bytes) and answers with the reading — the named cells,
// plain data — or the reader's Chinese reason. Nothing here touches the network.
import { placementFor } from "../layout/placement";
import { readFileOf } from "./readFile";

export interface ReadRequest {
  id: number;
  file: File;
}

const placement = placementFor();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ReadRequest>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = async (e) => {
  const { id, file } = e.data;
  scope.postMessage({ id, ...(await readFileOf(file, placement)) });
};
