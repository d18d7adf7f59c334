// Renders xlsx files to PDF with headless LibreOffice and reads the printed words back (poppler's
// pdftotext -bbox), so tests can measure what a clerk gets on paper.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const soffice = spawnSync("which", ["soffice"], { encoding: "utf8" }).stdout.trim();

/**
 * LibreOffice measures column widths with the workbook's default font (Calibri): without Carlito, its
 * metric-compatible substitute, it falls back to a wider font and prints every sheet smaller than Excel does.
 */
/**
 * A LibreOffice user profile in `dir`/profile that recalculates every xlsx on load (OOXMLRecalcMode 0; the default
 * is never, which would show the cached values a writer stored): for the tests where LibreOffice computes the
 * template's native formulas. Returns the -env:UserInstallation argument that selects it.
 */
export function recalculatingProfile(dir: string): string {
  const profile = join(dir, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(
    join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`,
  );
  return `-env:UserInstallation=file://${profile}`;
}

export function carlitoMissing(): string | undefined {
  const match = spawnSync("fc-match", ["Calibri"], { encoding: "utf8" }).stdout;
  return /carlito/i.test(match) ? undefined : `Calibri 的替代字体 Carlito 未安装（fc-match Calibri → ${match.trim()}）：请运行 sh scripts/system-packages.sh`;
}

export interface PdfWord {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Converts each named xlsx buffer to PDF in one LibreOffice run; returns the PDF paths by name. */
export function renderPdfs(files: Record<string, Uint8Array>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "print-"));
  const paths = Object.entries(files).map(([name, buf]) => {
    const p = join(dir, `${name}.xlsx`);
    writeFileSync(p, buf);
    return p;
  });
  mkdirSync(join(dir, "out"));
  execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", join(dir, "out"), ...paths], { stdio: "ignore", timeout: 180_000 });
  return Object.fromEntries(Object.keys(files).map((name) => [name, join(dir, "out", `${name}.pdf`)]));
}

export function pdfPages(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** Every printed word with its box (points from the page's top left) and page number (1-based). */
export function pdfWords(pdf: string): PdfWord[] {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const words: PdfWord[] = [];
  let page = 0;
  for (const m of xml.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === "<page ") {
      page++;
      continue;
    }
    words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5]) });
  }
  return words;
}

const IDEOGRAPH = /^[\u4e00-\u9fff]+$/;

/**
 * The printed size of a word made only of Chinese characters: each is one em wide, so the word's width
 * divided by its length is its point size on paper (box heights of horizontal text include the ascent and descent
 * and overstate it by about a fifth).
 */
export function printedSize(w: PdfWord): number | undefined {
  const n = [...w.text].length;
  if (n < 2 || !IDEOGRAPH.test(w.text)) return undefined;
  // Text written vertically (a chart's category labels) is as tall as its characters are many.
  const width = w.xMax - w.xMin;
  const height = w.yMax - w.yMin;
  return (height > width ? height : width) / n;
}

export function readPdfText(pdf: string): string {
  return execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
}

