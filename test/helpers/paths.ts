import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");
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
