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

/** ST_Xstring escapes: "_x000D_" is a carriage return, "_x005F_" an underscore. */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes by local name ("r:id" → "id", "xml:space" → "space"), entity-decoded. */
export function attrs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) {
    const colon = m[1].indexOf(":");
    const key = colon < 0 ? m[1] : m[1].slice(colon + 1);
    if (m[1] === "xmlns" || m[1].startsWith("xmlns:")) continue;
    out[key] = decodeEntities(m[2] ?? m[3]);
  }
  return out;
}

/**
 * One attribute of a start tag, by its exact (unprefixed) name: the fast path for the attributes read on
 * every cell; tags written with single quotes or spaces around "=" go through attrs().
 */
function attr(raw: string, name: string): string | undefined {
  const i = raw.indexOf(` ${name}="`);
  // A single quote anywhere may hide ` name="` inside another attribute's value ('…'): parse the tag whole.
  if (i < 0 || raw.indexOf("'") >= 0) {
    if (raw.indexOf(name) < 0) return undefined; // not even the name: the common case of an absent attribute
    if (raw.indexOf("'") < 0 && !/\s=|=\s/.test(raw) && raw.indexOf(`\n${name}=`) < 0 && raw.indexOf(`\t${name}=`) < 0) return undefined;
    return attrs(raw)[name];
  }
  const start = i + name.length + 3;
  const end = raw.indexOf('"', start);
  const v = raw.slice(start, end < 0 ? raw.length : end);
  return v.indexOf("&") < 0 ? v : decodeEntities(v);
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
      const gt = s.indexOf(">", lt);
      if (gt < 0) return EOF;
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
    return i < 0 ? this.s.length : i + len;
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
      if (s.startsWith("<![CDATA[", lt)) {
        const end = s.indexOf("]]>", lt + 9);
        this.pos = end < 0 ? s.length : end + 3;
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
    let cdata = raw.indexOf("<![CDATA[");
    // Named entities stand for ASCII, so on bytes they are decoded first, on the cheaper one-byte string;
    // a numeric one ("&#20013;") may stand for any char and is decoded after the UTF-8 is restored.
    if (cdata < 0) return this.bytes && raw.indexOf("&#") < 0 ? fromLatin1Bytes(decodeEntities(raw)) : decodeEntities(this.str(raw));
    let out = "";
    let from = 0;
    while (cdata >= 0) {
      out += decodeEntities(this.str(raw.slice(from, cdata)));
      const end = raw.indexOf("]]>", cdata + 9);
      out += this.str(raw.slice(cdata + 9, end < 0 ? raw.length : end));
      from = end < 0 ? raw.length : end + 3;
      cdata = raw.indexOf("<![CDATA[", from);
    }
    return out + decodeEntities(this.str(raw.slice(from)));
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
