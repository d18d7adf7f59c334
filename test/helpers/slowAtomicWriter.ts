// Child process for the interrupted-write tests: writes TARGET through the project's atomic-write helper,
// slowly (chunks with pauses), printing "chunk N" after each chunk so the parent can kill it mid-write.
import { writeFileAtomic } from "../../src/xlsx/atomicWrite";

const [target, chunks = "40", pauseMs = "15"] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function* source(): AsyncIterable<Uint8Array> {
  for (let i = 0; i < Number(chunks); i++) {
    yield new Uint8Array(64 * 1024).fill(65 + (i % 26));
    process.stdout.write(`chunk ${i}\n`);
    await sleep(Number(pauseMs));
  }
}

writeFileAtomic(target, source).then(
  () => process.stdout.write("done\n"),
  (e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  },
);
