// Chinese line breaking for the fixed texts of a printed sheet (titles, clause texts, labels), done by the
// layout itself: Excel and LibreOffice wrap a cell wherever a character no longer fits, which leaves one
// character of a word alone on a line (建/设) and starts lines with closing punctuation ("”工作", "）", a
// lone "。"). The layout breaks each text into lines that fit its column (the writers write them with "\n"),
// following the usual rules of Chinese typesetting (GB/T 15834 标点符号用法, 4.1 and 5.1.5):
// - no line starts with closing punctuation (，。、；：？！）”’》…%) and none ends with opening (（“‘《);
// - figures and Latin words (2022-04-28, 85%, CREDIT) are never split;
// - a word is never split: lines end between words (Intl.Segmenter's Chinese word boundaries, which every
//   browser Excel's pane runs in and Node have; without it, between any two characters), so that no
//   character of a word stands alone on a line (建/设).
// Lines are measured as the printed page measures them: a Chinese character one em, a figure or Latin letter
// about 0.6 em, in a column `width` characters wide (ECMA-376 §18.3.1.13: width × 7 + 5 pixels).

const CLOSING = new Set([..."，。、；：？！）”’》」』〕】…%％·,.;:?!)]"]);
const OPENING = new Set([..."（“‘《「『〔【([",]);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Width of one token in ems. */
function ems(t: string): number {
  let w = 0;
  // Chinese quotation marks, dashes and ellipses (U+2000–U+206F) print one em wide in Chinese fonts, as do
  // CJK characters and full-width forms.
  for (const ch of t) w += ch.charCodeAt(0) >= 0x2000 ? 1 : ch === " " ? 0.3 : 0.6;
  return w;
}

/** Intl.Segmenter (ES2022; the project's TypeScript lib is older): Chrome 87, Edge, Safari 14.1, Node 16. */
type Segmenter = { segment(s: string): Iterable<{ segment: string }> };
const SegmenterOf = (Intl as unknown as { Segmenter?: new (locale: string, o: { granularity: "word" }) => Segmenter }).Segmenter;
const segmenter = SegmenterOf ? new SegmenterOf("zh", { granularity: "word" }) : undefined;
const FIGURE = /^[A-Za-z0-9.%:/\-+×÷]+$/;

/** The pieces a line never splits: words, and runs of figures and Latin letters (2022-04-28, 39.995%). */
function tokens(line: string): string[] {
  const pieces = segmenter ? [...segmenter.segment(line)].map((s) => s.segment) : [...line];
  const out: string[] = [];
  let singles = 0; // Chinese characters the segmenter left alone, just before p
  for (const p of pieces) {
    const prev = out[out.length - 1];
    const single = p.length === 1 && CJK.test(p);
    if (prev !== undefined && FIGURE.test(prev) && FIGURE.test(p)) out[out.length - 1] = prev + p;
    // A word the segmenter does not know comes as single characters (入|驻, 信|易|贷): kept together, up to 4.
    else if (single && singles > 0 && singles < 4) out[out.length - 1] = prev + p;
    else out.push(p);
    singles = single ? (singles > 0 && singles < 4 ? singles + 1 : 1) : 0;
  }
  return out;
}

/** How many ems of text fit on one line of a column `width` characters wide at `size` points. */
export function lineEms(width: number, size: number): number {
  // Less 3 % and the cell's margins (2 px each side, and one more): LibreOffice's print fits a little less on
  // a wide line than the nominal width (measured on the 填表说明 across the page).
  const px = (width * 7 + 5) * 0.97 - 5;
  return px / ((size * 4) / 3);
}

/**
 * Texts already broken, by width, size and text: the same fixed texts (clause texts, labels, notes) are broken
 * again for every unit's template, and breaking them was half of a template's layout (a county template's
 * layout: 16 ms of CPU, 8 ms with the texts found here). typeset is a function of its arguments alone, so a text
 * found here is the one it would break again. Bounded: emptied when full (a year's texts are a few hundred).
 */
const broken = new Map<string, string>();

/** `text` with line breaks so that each line fits `width` characters at `size` points (existing breaks kept). */
export function typeset(text: string, width: number, size: number): string {
  const key = `${width} ${size} ${text}`;
  const known = broken.get(key);
  if (known !== undefined) return known;
  const room = lineEms(width, size);
  const out = text
    .split("\n")
    .map((para) => breakParagraph(tokens(para), room).join("\n"))
    .join("\n");
  if (broken.size >= 4096) broken.clear();
  broken.set(key, out);
  return out;
}

function breakParagraph(all: string[], room: number): string[] {
  const width = (from: number, to: number) => all.slice(from, to).reduce((w, t) => w + ems(t), 0);
  if (width(0, all.length) <= room) return [all.join("")];
  // The line may end before token i: the next line does not start with closing punctuation, this one does
  // not end with opening punctuation.
  const ok = (i: number) => !CLOSING.has(all[i].trim()[0] ?? "") && !OPENING.has([...all[i - 1]].pop()!);
  const starts: number[] = [];
  let at = 0;
  while (at < all.length) {
    while (all[at] === " ") at++;
    if (at >= all.length) break;
    starts.push(at);
    let w = 0;
    let end = at;
    while (end < all.length && w + ems(all[end]) <= room) w += ems(all[end++]);
    if (end >= all.length) break;
    if (end === at) {
      at++; // one word wider than the column stands alone
      continue;
    }
    let cut = end;
    while (cut > at + 1 && !ok(cut)) cut--;
    if (!ok(cut)) cut = end; // nowhere better: keep the widest line
    at = cut;
  }
  // A text never ends with one Chinese character alone ("分。"): the last line starts one word earlier.
  const k = starts.length - 1;
  const lastText = all.slice(starts[k]).join("");
  if (k > 0 && [...lastText].filter((c) => CJK.test(c)).length === 1) {
    let s = starts[k] - 1;
    while (s > starts[k - 1] && all[s] === " ") s--;
    if (s > starts[k - 1] + 1 && ok(s) && width(s, all.length) <= room) starts[k] = s;
  }
  return starts.map((from, i) => all.slice(from, starts[i + 1] ?? all.length).join("").trim());
}

/** Closing punctuation a printed line must not start with (the test of the rendered PDF asks it too). */
export const LINE_START_FORBIDDEN = CLOSING;
