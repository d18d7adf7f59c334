// Text from others — a unit's name as typed, a sheet's name, a file's name — as it is compared and as it is
// shown. Names are compared after NFKC normalisation with zero-width, bidi and other invisible or control
// characters removed and spaces trimmed, so "兴山\u200b区" or a full-width lookalike is what it shows; in a
// message or the 汇总 the invisible characters are spelled out, so that a bidi override cannot reorder the
// report. The member check (src/review/identity.ts), the 核定记录 and the CLI's --update all use these.

// Cc control, Cf format (zero-width space/joiners, bidi marks and embeddings/isolates, BOM, soft hyphen…)
// and every other default-ignorable code point (variation selectors, Hangul fillers…): all invisible.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The form names are compared in: NFKC, invisible characters removed, runs of spaces as one, trimmed. */
export function canonicalName(s: string): string {
  return s.normalize("NFKC").replace(INVISIBLE, "").normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** Whether a name carries characters one cannot see (or that reorder text): shown escaped in messages. */
export function hasInvisible(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(s);
}

/** Invisible and control characters spelled out as ⟨U+001B⟩ (an ESC cannot reach a terminal), nothing shortened: for paths. */
export function spelledOut(s: string): string {
  return s.replace(INVISIBLE, (ch) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

/**
 * A name as it can be shown safely in a message or the 汇总: invisible characters spelled out as ⟨U+200B⟩
 * (a bidi override cannot reorder the report), at most 60 characters.
 */
export function visibleName(s: string): string {
  const shown = spelledOut(s);
  const chars = [...shown];
  return chars.length > 60 ? `${chars.slice(0, 60).join("")}…` : shown;
}

/**
 * A label or name quoted in a message as mainland official documents quote: “…”, and quotation marks inside
 * it become the inner pair ‘…’ (“是否已配合县区开展‘码上诚信’赋码工作”). Every message that quotes a label
 * uses this; 「」 is not used.
 */
export function quoted(s: string): string {
  return `“${s.replace(/“/g, "‘").replace(/”/g, "’")}”`;
}
