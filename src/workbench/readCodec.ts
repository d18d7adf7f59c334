// How a worker's reading crosses to the page (pool.ts). Structured clone of a reading (a few hundred cell objects
// and their strings — the formulas' texts, ~150 KB a file) cost the page's thread more than reviewing the file,
// and the page's thread is the one every file passes through. So a worker writes the reading as a flat "tape"
// of 32-bit numbers (an Int32Array, transferred: not copied, nothing to parse), and each string once per worker: a string it has sent before (the template's formulas,
// names and addresses, the same in every file) is sent as its number in a table both sides keep; the strings
// new to the table come beside the tape. The page adds those to its table when the tape arrives and keeps the
// tape as it came (numbers only: nothing for the garbage collector to walk, where a thousand readings held as
// objects cost the page's collector more than decoding them), and decodes it when the reading is used — in any
// order, as often as needed. Decoding rebuilds the very same values: plain objects (keys in order, a key
// whose value is undefined kept), arrays (holes kept), Map, NameMap (a sheet's names, compared without case:
// a structured clone made it a plain Map, whose lookups are not), Set, Date, numbers (NaN, ±Infinity, -0 kept), and
// an object met twice as one object. Anything else (a class instance, a typed array) is not on the tape: the
// reading then crosses as a structured clone, as before — slower, never different.

import { NameMap } from "../core/nameMap";

/** What a worker posts for one file: the tape, or the reading itself when it could not be taped. */
export type EncodedReading<T = unknown> = { tape: Int32Array<ArrayBuffer>; strings: string[] } | { clone: T };

const enum Tag {
  Undefined,
  Null,
  False,
  True,
  Int,
  Double,
  NaN,
  Infinity,
  MinusInfinity,
  MinusZero,
  String,
  Date,
  Array,
  Hole,
  Map,
  Set,
  Object,
  Seen,
  NameMap,
}

class NotTaped extends Error {}

/** A number's two 32-bit halves (a double that is not a 32-bit integer goes on the tape as these). */
const f64 = new Float64Array(1);
const halves = new Int32Array(f64.buffer);

/** The worker's side: one per worker, its string table kept from file to file. */
export class TapeWriter {
  private readonly strings = new Map<string, number>();
  private out = new Int32Array(1 << 14);
  private n = 0;

  encode<T>(value: T): EncodedReading<T> {
    const added: string[] = [];
    this.n = 0;
    try {
      this.value(value, added, new Map());
      return { tape: this.out.slice(0, this.n), strings: added };
    } catch (e) {
      if (!(e instanceof NotTaped)) throw e;
      // The strings of a failed tape were never sent: forget them, or the page's table would lack them.
      for (const s of added) this.strings.delete(s);
      return { clone: value };
    }
  }

  private push(a: number, b?: number): void {
    if (this.n + 2 > this.out.length) {
      const grown = new Int32Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.n++] = a;
    if (b !== undefined) this.out[this.n++] = b;
  }

  private string(s: string, added: string[]): void {
    const known = this.strings.get(s);
    if (known !== undefined) {
      this.push(Tag.String, known);
      return;
    }
    this.push(Tag.String, this.strings.size);
    this.strings.set(s, this.strings.size);
    added.push(s);
  }

  private number(v: number): void {
    if (Number.isNaN(v)) this.push(Tag.NaN);
    else if (Object.is(v, -0)) this.push(Tag.MinusZero);
    else if ((v | 0) === v) this.push(Tag.Int, v);
    else if (v === Infinity) this.push(Tag.Infinity);
    else if (v === -Infinity) this.push(Tag.MinusInfinity);
    else {
      f64[0] = v;
      this.push(Tag.Double, halves[0]);
      this.push(halves[1]);
    }
  }

  private value(v: unknown, added: string[], seen: Map<object, number>): void {
    switch (typeof v) {
      case "undefined":
        this.push(Tag.Undefined);
        return;
      case "boolean":
        this.push(v ? Tag.True : Tag.False);
        return;
      case "number":
        this.number(v);
        return;
      case "string":
        this.string(v, added);
        return;
      case "object":
        break;
      default:
        throw new NotTaped();
    }
    if (v === null) {
      this.push(Tag.Null);
      return;
    }
    const at = seen.get(v);
    if (at !== undefined) {
      this.push(Tag.Seen, at);
      return;
    }
    seen.set(v, seen.size);
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype || Object.keys(v).length > v.length) throw new NotTaped();
      this.push(Tag.Array, v.length);
      for (let i = 0; i < v.length; i++) {
        if (i in v) this.value(v[i], added, seen);
        else this.push(Tag.Hole);
      }
    } else if (v instanceof Map) {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Map.prototype && proto !== NameMap.prototype) throw new NotTaped();
      this.push(proto === NameMap.prototype ? Tag.NameMap : Tag.Map, v.size);
      for (const [k, x] of v) {
        this.value(k, added, seen);
        this.value(x, added, seen);
      }
    } else if (v instanceof Set) {
      if (Object.getPrototypeOf(v) !== Set.prototype) throw new NotTaped();
      this.push(Tag.Set, v.size);
      for (const x of v) this.value(x, added, seen);
    } else if (v instanceof Date) {
      if (Object.getPrototypeOf(v) !== Date.prototype) throw new NotTaped();
      this.push(Tag.Date);
      this.number(v.getTime());
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new NotTaped();
      const keys = Object.keys(v);
      this.push(Tag.Object, keys.length);
      for (const k of keys) {
        this.string(k, added);
        this.value((v as Record<string, unknown>)[k], added, seen);
      }
    }
  }
}

/** A value that came on a tape, decoded each time it is asked for (the page keeps only the tape). */
export class Taped<T> {
  constructor(
    private readonly reader: TapeReader,
    private readonly tape: Int32Array,
  ) {}

  decode(): T {
    return this.reader.decodeTape(this.tape) as T;
  }
}

/** The page's side: one per worker, its string table in step with that worker's TapeWriter. */
export class TapeReader {
  private readonly strings: string[] = [];

  /** Takes what a worker sent, in the order sent: its new strings join the table; the tape is decoded later. */
  receive<T>(e: EncodedReading<T>): T | Taped<T> {
    if ("clone" in e) return e.clone;
    for (const s of e.strings) this.strings.push(s);
    return new Taped<T>(this, e.tape);
  }

  /** Takes what a worker sent and decodes it at once. */
  decode<T>(e: EncodedReading<T>): T {
    const r = this.receive(e);
    return r instanceof Taped ? r.decode() : r;
  }

  decodeTape(tape: Int32Array): unknown {
    const seen: object[] = [];
    let i = 0;
    const strings = this.strings;
    const value = (): unknown => {
      const tag = tape[i++] as Tag;
      switch (tag) {
        case Tag.Undefined:
          return undefined;
        case Tag.Null:
          return null;
        case Tag.False:
          return false;
        case Tag.True:
          return true;
        case Tag.Int:
          return tape[i++];
        case Tag.Double:
          halves[0] = tape[i++];
          halves[1] = tape[i++];
          return f64[0];
        case Tag.NaN:
          return NaN;
        case Tag.Infinity:
          return Infinity;
        case Tag.MinusInfinity:
          return -Infinity;
        case Tag.MinusZero:
          return -0;
        case Tag.String:
          return strings[tape[i++] as number];
        case Tag.Seen:
          return seen[tape[i++] as number];
        case Tag.Date: {
          const d = new Date(value() as number);
          seen.push(d);
          return d;
        }
        case Tag.Array: {
          const n = tape[i++] as number;
          const a: unknown[] = new Array(n);
          seen.push(a);
          for (let k = 0; k < n; k++) {
            if (tape[i] === Tag.Hole) i++;
            else a[k] = value();
          }
          return a;
        }
        case Tag.Map:
        case Tag.NameMap: {
          const n = tape[i++] as number;
          const m = tag === Tag.Map ? new Map<unknown, unknown>() : new NameMap<unknown>();
          seen.push(m);
          for (let k = 0; k < n; k++) {
            const key = value();
            (m as Map<unknown, unknown>).set(key, value());
          }
          return m;
        }
        case Tag.Set: {
          const n = tape[i++] as number;
          const s = new Set<unknown>();
          seen.push(s);
          for (let k = 0; k < n; k++) s.add(value());
          return s;
        }
        case Tag.Object: {
          const n = tape[i++] as number;
          const o: Record<string, unknown> = {};
          seen.push(o);
          for (let k = 0; k < n; k++) {
            const key = value() as string;
            if (key === "__proto__") Object.defineProperty(o, key, { value: value(), enumerable: true, writable: true, configurable: true });
            else o[key] = value();
          }
          return o;
        }
        default:
          throw new Error(`tape: unknown tag ${String(tag)}`);
      }
    };
    return value();
  }
}
