import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The project root: the nearest folder above with package.json (this file may run bundled elsewhere, e.g. by the bench runner). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return resolve(from, "..", "..");
  }
}

export const ROOT = findRoot(__dirname);
export const DIST = join(ROOT, "dist");
export const SHARED = resolve(ROOT, "..", "shared");
export const VALIDATE_SH = join(SHARED, "manifest-xsd", "validate.sh");

/** Path of a built file; throws with a hint when the build has not run (npm test builds first). */
export function distFile(name: string): string {
  const file = join(DIST, name);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run build\` first (npm test does it for you)`);
  }
  return file;
}
