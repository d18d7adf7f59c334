// The XML scanner every part of a workbook is read with: a forward-only pass over elements that reads
// attributes and text only where asked (most of a sheet is jumped over), decodes the five named entities and
// numeric references but expands no DTD entity (no billion laughs), keeps CDATA, and drops namespace
// prefixes from element and attribute names. Under Node a part may be scanned as its bytes (Latin-1: one
// char per byte), with only the values read turned back into UTF-8 (see scanPart).

/** The five named entities by char codes (no slice, no lookup: a sheet holds thousands of "&quot;"), and numeric ones. */
function decodeEntities(s: string): string {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    let r: string | undefined;
    let len = 0;
    const c1 = s.charCodeAt(amp + 1);
    if (c1 === 113 /* q */) {
      if (s.startsWith("quot;", amp + 1)) {
        r = '"';
        len = 6;
      }
    } else if (c1 === 97 /* a */) {
      if (s.startsWith("apos;", amp + 1)) {
        r = "'";
        len = 6;
      } else if (s.startsWith("amp;", amp + 1)) {
        r = "&";
        len = 5;
      }
    } else if (c1 === 108 /* l */) {
      if (s.startsWith("lt;", amp + 1)) {
        r = "<";
        len = 4;
      }
    } else if (c1 === 103 /* g */) {
      if (s.startsWith("gt;", amp + 1)) {
        r = ">";
        len = 4;
      }
    } else if (c1 === 35 /* # */) {
      const semi = s.indexOf(";", amp + 2);
      if (semi > 0 && semi - amp <= 10) {
        const hex = (s.charCodeAt(amp + 2) | 0x20) === 120; /* x */
        const digits = s.slice(amp + (hex ? 3 : 2), semi);
        const cp = hex ? (/^[0-9A-Fa-f]+$/.test(digits) ? parseInt(digits, 16) : NaN) : /^[0-9]+$/.test(digits) ? parseInt(digits, 10) : NaN;
        if (cp > 0 && cp <= 0x10ffff) {
          r = String.fromCodePoint(cp);
          len = semi + 1 - amp;
        }
      }
    }
    if (r !== undefined) {
      out += s.slice(from, amp) + r;
      from = amp + len;
      amp = s.indexOf("&", from);
    } else amp = s.indexOf("&", amp + 1);
  }
  return from === 0 ? s : out + s.slice(from);
}

const WHITE = /[\t\n\r]/;

/**
 * An attribute value as written → its value (XML 1.0 §3.3.3): a literal tab, newline or carriage return (a
 * CR LF pair counting as one) is a space; the same chars written as references ("&#10;") stay what they are.
 */
function attrValue(v: string): string {
  return decodeEntities(WHITE.test(v) ? v.replace(/\r\n|[\t\n\r]/g, " ") : v);
}

/** Text as written → with XML's line ends (§2.11): CR LF and a lone CR are LF. A "&#13;" is kept. */
const lineEnds = (t: string) => (t.indexOf("\r") < 0 ? t : t.replace(/\r\n?/g, "\n"));

/** ST_Xstring escapes: "_x000D_" is a carriage return, "_x005F_" an underscore. */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Attributes by local name ("r:id" → "id", "xml:space" → "space"), entity-decoded. An element's own
 * (unprefixed) attribute wins over a prefixed one of the same local name: `x:r="A1"` never moves a cell at r.
 */
export function attrs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  let own: Set<string> | undefined;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) {
    const colon = m[1].indexOf(":");
    if (m[1] === "xmlns" || m[1].startsWith("xmlns:")) continue;
    if (colon < 0) (own ??= new Set()).add(m[1]);
    else if (own?.has(m[1].slice(colon + 1))) continue;
    out[colon < 0 ? m[1] : m[1].slice(colon + 1)] = attrValue(m[2] ?? m[3]);
  }
  return out;
}

/** No quoted value is open at `i` of a tag written with double quotes only. */
function outsideQuotes(raw: string, i: number): boolean {
  let open = false;
  for (let k = raw.indexOf('"'); k >= 0 && k < i; k = raw.indexOf('"', k + 1)) open = !open;
  return !open;
}

/** A tag written other than plainly (name="value" after one space): single quotes, tabs, newlines, spaces around "=". */
const UNPLAIN = /['\t\n\r]|\s=|=\s/;

/**
 * One attribute of a start tag, by its exact name, unprefixed only (`x:r` is another namespace's attribute, no
 * cell address): the fast path for the attributes read on every cell. A tag not written plainly is parsed whole.
 */
export function attr(raw: string, name: string): string | undefined {
  const i = raw.indexOf(` ${name}="`);
  // Found where an attribute starts: no single quote that could hide ` name="` in a value ('…'), and an even
  // number of double quotes before it (` x=" r="` is a value ending " r=" closed by its quote).
  if (i >= 0 && raw.indexOf("'") < 0 && outsideQuotes(raw, i)) {
    const start = i + name.length + 3;
    const end = raw.indexOf('"', start);
    const v = raw.slice(start, end < 0 ? raw.length : end);
    return v.indexOf("&") < 0 && !WHITE.test(v) ? v : attrValue(v);
  }
  // Not there, or written plainly and not found (a ` name="` inside a value leaves the tag plain: parsed whole).
  if (raw.indexOf(name) < 0 || (i < 0 && !UNPLAIN.test(raw))) return undefined;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) if (m[1] === name) return attrValue(m[2] ?? m[3]);
  return undefined;
}

/** XML booleans: "1"/"true" are true; "0"/"false" false; anything else → `fallback`. */
export function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return fallback;
}

export const OPEN = 1;
export const CLOSE = 2;
export const EOF = 0;

/** From a "<" to the ">" that ends its tag, quoted attribute values (which may hold ">") taken whole. */
const TAG_END = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

/** Where markup that is no element ("<![CDATA[", "<!--", "<?") at `lt` in `s` ends; -1 when `lt` starts an element or end tag. */
function markupEnd(s: string, lt: number): number {
  if (s.charCodeAt(lt + 1) === 33 /* ! */) {
    if (s.startsWith("<![CDATA[", lt)) return after(s, s.indexOf("]]>", lt + 9), 3);
    if (s.startsWith("<!--", lt)) return after(s, s.indexOf("-->", lt + 4), 3);
  } else if (s.charCodeAt(lt + 1) === 63 /* ? */) return after(s, s.indexOf("?>", lt + 2), 2);
  return -1;
}

const after = (s: string, i: number, len: number) => (i < 0 ? s.length : i + len);

/** A forward-only scanner over elements; text between tags is read on demand. */
export class Scanner {
  pos = 0;
  /** Local name of the last element (prefix removed). */
  name = "";
  /** The name as written, prefix included ("x:c"). */
  qname = "";
  private rawStart = 0;
  private rawEnd = 0;
  selfClosing = false;
  /**
   * `s` may be the part's bytes as Latin-1 (one char per byte, see scanPart): tags and attribute names are
   * ASCII, so positions and searches are the same; text and attribute values are turned back into UTF-8
   * where they are read (str, decode).
   */
  constructor(
    readonly s: string,
    readonly bytes = false,
  ) {}

  /** A piece of `s` as the text it encodes. */
  str(piece: string): string {
    return this.bytes ? fromLatin1Bytes(piece) : piece;
  }

  next(): number {
    const s = this.s;
    for (;;) {
      const lt = s.indexOf("<", this.pos);
      if (lt < 0) return EOF;
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        if (s.startsWith("<!--", lt)) this.pos = this.after(s.indexOf("-->", lt + 4), 3);
        else if (s.startsWith("<![CDATA[", lt)) this.pos = this.after(s.indexOf("]]>", lt + 9), 3);
        else {
          // <!DOCTYPE …>: skipped with its internal subset; entities are never expanded (no billion laughs).
          const bracket = s.indexOf("[", lt);
          const gt = s.indexOf(">", lt);
          this.pos = bracket >= 0 && bracket < gt ? this.after(s.indexOf("]>", bracket), 2) : this.after(gt, 1);
        }
        continue;
      }
      if (c === 63 /* ? */) {
        this.pos = this.after(s.indexOf("?>", lt + 2), 2);
        continue;
      }
      // The tag ends at the first ">" outside a quoted attribute value: XML allows ">" (and "/>") in one.
      TAG_END.lastIndex = lt;
      if (!TAG_END.test(s)) return EOF;
      const gt = TAG_END.lastIndex - 1;
      const close = c === 47; /* / */
      let i = lt + (close ? 2 : 1);
      const start = i;
      for (; i < gt; i++) {
        const ch = s.charCodeAt(i);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) break;
      }
      let name = s.slice(start, i);
      this.qname = name;
      const colon = name.indexOf(":");
      if (colon >= 0) name = name.slice(colon + 1);
      this.name = name;
      this.selfClosing = s.charCodeAt(gt - 1) === 47;
      this.rawStart = i;
      this.rawEnd = close ? i : this.selfClosing ? gt - 1 : gt;
      this.pos = gt + 1;
      return close ? CLOSE : OPEN;
    }
  }

  /** The attributes text of the last start tag. */
  get raw(): string {
    // Kept until the next tag: a cell's r, s and t are each read from it.
    if (this.rawOf !== this.rawStart) {
      this.rawText = this.str(this.s.slice(this.rawStart, this.rawEnd));
      this.rawOf = this.rawStart;
    }
    return this.rawText;
  }
  private rawOf = -1;
  private rawText = "";

  /** One attribute of the last start tag (searched within the tag only: a search past it would be quadratic). */
  attr(name: string): string | undefined {
    return attr(this.raw, name);
  }

  private after(i: number, len: number): number {
    return after(this.s, i, len);
  }

  /** Text up to the closing tag of the element just opened (CDATA kept, entities decoded). */
  text(): string {
    return this.decode(this.textRaw());
  }

  /** The text of the element just opened as written (entities and CDATA sections undecoded); see decode(). */
  textRaw(): string {
    if (this.selfClosing) return "";
    const s = this.s;
    const from = this.pos;
    for (;;) {
      const lt = s.indexOf("<", this.pos);
      if (lt < 0) {
        this.pos = s.length;
        return s.slice(from);
      }
      // CDATA is text; a comment or processing instruction inside text is not, and does not end it.
      const past = markupEnd(s, lt);
      if (past >= 0) {
        this.pos = past;
        continue;
      }
      this.pos = lt;
      return s.slice(from, lt);
    }
  }

  /** Text as textRaw() returned it → the text: UTF-8 restored, entities decoded outside CDATA sections. */
  decode(raw: string): string {
    if (!this.bytes || raw.length < DECODED.minLength || raw.length > DECODED.maxLength) return this.decodeNow(raw);
    const known = DECODED.map.get(raw);
    if (known !== undefined) return known;
    const text = this.decodeNow(raw);
    if (DECODED.chars > DECODED.maxChars) {
      DECODED.map.clear();
      DECODED.chars = 0;
    }
    // The key is copied: `raw` is a slice of the whole part, which it would otherwise keep alive.
    DECODED.map.set(NodeBuffer!.from(raw, "latin1").toString("latin1"), text);
    DECODED.chars += raw.length + text.length;
    return text;
  }

  private decodeNow(raw: string): string {
    let lt = raw.indexOf("<");
    // Named entities stand for ASCII, so on bytes they are decoded first, on the cheaper one-byte string;
    // a numeric one ("&#20013;") may stand for any char and is decoded after the UTF-8 is restored.
    if (lt < 0) return this.bytes && raw.indexOf("&#") < 0 ? fromLatin1Bytes(decodeEntities(lineEnds(raw))) : decodeEntities(lineEnds(this.str(raw)));
    // textRaw() keeps only CDATA sections, comments and processing instructions: CDATA is text as written, the others are dropped.
    let out = "";
    let from = 0;
    while (lt >= 0) {
      out += decodeEntities(lineEnds(this.str(raw.slice(from, lt))));
      const past = markupEnd(raw, lt);
      if (raw.startsWith("<![CDATA[", lt)) out += lineEnds(this.str(raw.slice(lt + 9, past === raw.length && !raw.endsWith("]]>") ? raw.length : past - 3)));
      from = past < 0 ? raw.length : past;
      lt = raw.indexOf("<", from);
    }
    return out + decodeEntities(lineEnds(this.str(raw.slice(from))));
  }

  /** The next "<!" and "<?" at or after where last searched: found again only once passed (one linear pass a part). */
  private bangAt = -2;
  private piAt = -2;

  /**
   * Just past the end tag of `qname` ("</c>", "</x:c >") that next stands as markup from `from` on; -1 when
   * there is none. One written inside a CDATA section, comment or processing instruction (where XML allows
   * "</c>") is text and passed over. Lets the scanner jump over an element it does not read and land where
   * Excel would. `from` only moves forward over a part.
   */
  pastEndTag(qname: string, from: number): number {
    const s = this.s;
    const open = `</${qname}`;
    for (;;) {
      const end = s.indexOf(open, from);
      if (end < 0) return -1;
      if (this.bangAt !== -1 && this.bangAt < from) this.bangAt = s.indexOf("<!", from);
      if (this.piAt !== -1 && this.piAt < from) this.piAt = s.indexOf("<?", from);
      const bang = this.bangAt >= 0 && this.bangAt < end ? this.bangAt : -1;
      const pi = this.piAt >= 0 && this.piAt < end ? this.piAt : -1;
      if (bang >= 0 || pi >= 0) {
        const at = bang < 0 ? pi : pi < 0 ? bang : Math.min(bang, pi);
        const past = markupEnd(s, at);
        from = past < 0 ? at + 2 : past;
        continue;
      }
      // "</c" must end the name: ">" or white space before it ("</c >"); "</col>" is another element.
      let k = end + open.length;
      while (k < s.length && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9 || s.charCodeAt(k) === 10 || s.charCodeAt(k) === 13)) k++;
      if (s.charCodeAt(k) === 62 /* > */) return k + 1;
      from = end + open.length;
    }
  }

  /** Skips to the end of the element just opened (nested ones included). */
  skip(): void {
    if (this.selfClosing) return;
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t === EOF) return;
      if (t === OPEN && !this.selfClosing) depth++;
      else if (t === CLOSE && --depth === 0) return;
    }
  }
}

// ---------------------------------------------------------------- text encoding

const utf8 = new TextDecoder("utf-8");
interface NodeBufferish {
  toString(enc: string): string;
}
const NodeBuffer = (globalThis as { Buffer?: { from(a: ArrayBufferLike | string, o?: number | string, l?: number): NodeBufferish } }).Buffer;

/**
 * A part's bytes as a Scanner. Under Node the bytes are taken as Latin-1 — a copy, not a decode, and ~5× faster
 * than UTF-8 on a sheet whose validation prompts are Chinese — and only the values read are decoded
 * (Scanner.str). The browser has no Latin-1 decoder (TextDecoder's "latin1" is windows-1252, which changes
 * 0x80–0x9F), so it decodes UTF-8 once; the pane reads a handful of files.
 */
export function scanPart(d: Uint8Array, asBytes: boolean): Scanner {
  if (!NodeBuffer) return new Scanner(utf8.decode(d), false);
  const b = NodeBuffer.from(d.buffer, d.byteOffset, d.byteLength);
  return asBytes ? new Scanner(b.toString("latin1"), true) : new Scanner(b.toString("utf8"), false);
}

const HIGH = /[\x80-\xff]/;

/**
 * Texts already decoded, by their bytes as written. Every return of a year's template carries the same
 * formulas in the same cells (~35 KB per sheet: thousands of "&quot;", Chinese words), and decoding them was a
 * third of a read; a 汇总 of many returns decodes each once. Bounded (cleared when full); only texts of a
 * formula's length are kept.
 */
const DECODED = { map: new Map<string, string>(), chars: 0, maxChars: 4 * 1048576, minLength: 24, maxLength: 8192 };

/** Latin-1 chars standing for UTF-8 bytes → the text (ASCII, the usual case, is returned as is). */
function fromLatin1Bytes(piece: string): string {
  return HIGH.test(piece) ? NodeBuffer!.from(piece, "latin1").toString("utf8") : piece;
}
