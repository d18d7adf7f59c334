// Defined names compare without case in Excel (and LibreOffice may change their case on a re-save): the
// map every reader keeps a sheet's CR_* names in, and every step looks them up in.

/** A Map whose keys compare without case (Excel names), iterating in the spelling first set. */
export class NameMap<V> extends Map<string, V> {
  /** Lower-cased name → the spelling stored. */
  private readonly spelling = new Map<string, string>();
  constructor() {
    super(); // no entries: set() below needs `spelling`, which exists only after super()
  }
  override get(k: string): V | undefined {
    const v = super.get(k);
    if (v !== undefined) return v;
    const s = this.spelling.get(k.toLowerCase());
    return s === undefined ? undefined : super.get(s);
  }
  override has(k: string): boolean {
    return super.has(k) || this.spelling.has(k.toLowerCase());
  }
  override set(k: string, v: V): this {
    const lower = k.toLowerCase();
    const s = this.spelling.get(lower);
    if (s === undefined) this.spelling.set(lower, k);
    return super.set(s ?? k, v);
  }
  override delete(k: string): boolean {
    const lower = k.toLowerCase();
    const s = this.spelling.get(lower);
    if (s === undefined) return false;
    this.spelling.delete(lower);
    return super.delete(s);
  }
  override clear(): void {
    this.spelling.clear();
    super.clear();
  }
  /** set(), unless the name is there already in any case (then false): one lower-casing for both. */
  add(k: string, v: V): boolean {
    const lower = k.toLowerCase();
    if (this.spelling.has(lower)) return false;
    this.spelling.set(lower, k);
    super.set(k, v);
    return true;
  }
  /** The map itself when it is a NameMap, else a NameMap of its entries. */
  static from<V>(m: ReadonlyMap<string, V>): NameMap<V> {
    if (m instanceof NameMap) return m as NameMap<V>;
    const out = new NameMap<V>();
    for (const [k, v] of m) out.set(k, v);
    return out;
  }
  /** A NameMap with the same names (and spellings) and each value mapped: no name is lower-cased again. */
  map<W>(f: (v: V, k: string) => W): NameMap<W> {
    const out = new NameMap<W>();
    for (const [lower, k] of this.spelling) out.spelling.set(lower, k);
    for (const [k, v] of super.entries()) Map.prototype.set.call(out, k, f(v, k)); // in this map's order
    return out;
  }
}
