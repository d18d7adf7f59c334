// The hand-written XML scanner (src/read/xml.ts) against saxes, a well-kept XML parser, on generated XML:
// the same reader with its XML layer swapped (test/helpers/saxesParts.ts) must read every generated workbook
// alike — sheets, names, values, formulas, locks, number formats, protection, whole-sheet rows. The
// workbooks are well-formed XML written every way the standard allows and real writers vary: attributes
// quoted with " or ', spaces and newlines around "=", any order, decoys holding ' r="A1"' or ">" in
// their values; text as named entities, decimal and hex references, CDATA sections or mixed; namespace
// prefixes on elements and attributes; comments and processing instructions between elements and inside
// text; empty elements self-closed or not. The scanner stays only because the library costs several times
// its time (npm run bench -- reader); this is what keeps it honest.
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { readSheetRows, readWorkbookBytes } from "../../src/read/index";
import { attr, attrs } from "../../src/read/xml";
import { SAXES_PARTS } from "../helpers/saxesParts";
import { zipParts, type Parts } from "../helpers/xlsxParts";

const json = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v] : v));

// ---------------------------------------------------------------- how XML is written

/** A writer's choices, drawn once per part: how each attribute, text and element is put into XML. */
interface Style {
  /** Per call, a number in [0, 1) (from fast-check's seeded stream). */
  r: () => number;
  prefix: string;
}

const pick = <T>(st: Style, xs: readonly T[]): T => xs[Math.floor(st.r() * xs.length)];

/** One char as a numeric reference, decimal or hex. */
const charRef = (st: Style, ch: string) => (st.r() < 0.5 ? `&#${ch.codePointAt(0)};` : `&#x${ch.codePointAt(0)!.toString(16)};`);

/** Text content: each piece escaped with named entities, numeric references or a CDATA section; comments between pieces. */
function text(st: Style, s: string): string {
  let out = "";
  let i = 0;
  const chars = [...s];
  while (i < chars.length) {
    const n = 1 + Math.floor(st.r() * 6);
    const piece = chars.slice(i, i + n).join("");
    i += n;
    const how = st.r();
    if (how < 0.2 && !piece.includes("]]>") && !piece.endsWith("]") && !out.endsWith("]")) out += `<![CDATA[${piece}]]>`;
    else {
      for (const ch of piece) {
        const e = st.r();
        if (ch === "<") out += e < 0.5 ? "&lt;" : charRef(st, ch);
        else if (ch === "&") out += e < 0.5 ? "&amp;" : charRef(st, ch);
        else if (ch === ">") out += e < 0.3 ? "&gt;" : e < 0.5 ? charRef(st, ch) : out.endsWith("]]") ? "&gt;" : ">";
        else if (ch === '"' && e < 0.3) out += "&quot;";
        else if (ch === "'" && e < 0.3) out += "&apos;";
        else if (e < 0.08) out += charRef(st, ch);
        else out += ch;
      }
    }
    if (st.r() < 0.06) out += pick(st, MARKUP);
  }
  return out;
}

/** Comments and processing instructions inside text: none is text, and none may end an element (XML allows "</c>" in them). */
const MARKUP = ["<!-- 注释 -->", "<!---->", '<!-- </c><c r="A1"><v>9</v></c> -->', "<?pi 处理指令?>", "<?x </si><si><t>是</t></si> ?>", "<!-- sheetProtection -->"];

/** An attribute value between `q` quotes. */
function attrValue(st: Style, s: string, q: string): string {
  let out = "";
  for (const ch of s) {
    const e = st.r();
    if (ch === "<") out += e < 0.5 ? "&lt;" : charRef(st, ch);
    else if (ch === "&") out += e < 0.5 ? "&amp;" : charRef(st, ch);
    else if (ch === q) out += q === '"' ? (e < 0.5 ? "&quot;" : "&#34;") : e < 0.5 ? "&apos;" : "&#39;";
    else if (ch === '"' && e < 0.3) out += "&quot;";
    else if ((ch === "\n" || ch === "\t" || ch === "\r") && e < 0.5) out += charRef(st, ch); // written literally, they are read as spaces
    else if (e < 0.05) out += charRef(st, ch);
    else out += ch;
  }
  return out;
}

/** Decoy attributes a writer might add: values that look like the attributes read. */
const DECOYS = [` r="A1"`, ` s="9"`, `t="s"`, ">", "/>", "<c r='B2'>", "sheetProtection", "&", `x="1" r="Z9"`, " r=", " s=", " t=", "a r="];

function attributes(st: Style, list: [string, string][]): string {
  const all = [...list];
  if (st.r() < 0.3) all.splice(Math.floor(st.r() * (all.length + 1)), 0, [st.r() < 0.5 ? "x14ac:dyDescent" : "decoy", pick(st, DECOYS)]);
  if (st.r() < 0.4) all.sort(() => st.r() - 0.5);
  return all
    .map(([k, v]) => {
      const q = st.r() < 0.7 ? '"' : "'";
      const sp = pick(st, [" ", " ", " ", "\n  ", "\t", "  ", "\r\n"]);
      const eq = pick(st, ["=", "=", "=", " = ", "= ", " ="]);
      return `${sp}${k}${eq}${q}${attrValue(st, v, q)}${q}`;
    })
    .join("");
}

/** An element with the part's prefix; `content` undefined → empty (self-closed or not). */
function el(st: Style, name: string, attrs: [string, string][], content?: string): string {
  const q = st.prefix ? `${st.prefix}:${name}` : name;
  const a = attributes(st, attrs);
  const space = st.r() < 0.1 ? " " : "";
  const between = st.r() < 0.05 ? "<!--x-->" : st.r() < 0.05 ? "\n" : "";
  if (content === undefined || content === "") return st.r() < 0.6 && content === undefined ? `${between}<${q}${a}${space}/>` : `${between}<${q}${a}${space}></${q}>`;
  return `${between}<${q}${a}${space}>${content}</${q}${st.r() < 0.1 ? " " : ""}>`;
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac";
const RELS_ROOT = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships" xmlns:x14ac="${NS_X14AC}">`;

function root(st: Style, name: string, content: string, extra: [string, string][] = []): string {
  const decl = st.r() < 0.8 ? `<?xml version="1.0" encoding="UTF-8"${st.r() < 0.5 ? ' standalone="yes"' : ""}?>${st.r() < 0.3 ? "\n" : ""}` : "";
  const ns: [string, string][] = [[st.prefix ? `xmlns:${st.prefix}` : "xmlns", NS_MAIN], ["xmlns:r", NS_REL], ["xmlns:x14ac", NS_X14AC], ...extra];
  return decl + el(st, name, ns, content);
}

// ---------------------------------------------------------------- what is written

const TEXTS = ['</c><c r="A1"><v>9</v></c>', "</si><si><t>是</t></si>", "</t></is>", "sheetProtection", "兴山区", "否", "是", "A&B", "<甲>", 'say "hi"', "it's", "]]>", "a]]b", "_x000D_换行", "R&amp;D", "  空格  ", "1 < 2 > 0", "&lt;", "x\ny", "中&文'\"<>", "𠀀", "=1+2"];
const SHEETS = ["兴山区", "O'Brien 表", "A&B", "<表>", "Sheet 1", "市教育局"];

interface GenCell {
  col: number;
  kind: "n" | "s" | "inline" | "rich" | "str" | "b" | "e" | "date" | "shared" | "empty";
  text: string;
  num: number;
  style: number;
}

const cellArb = fc.record({
  col: fc.integer({ min: 1, max: 30 }),
  kind: fc.constantFrom<GenCell["kind"]>("n", "s", "inline", "rich", "str", "b", "e", "date", "shared", "empty"),
  text: fc.oneof(fc.constantFrom(...TEXTS), fc.string({ unit: fc.constantFrom("a", "中", "<", ">", "&", '"', "'", " ", "]", "_", "x", "1", "\n", "\r", "\t") })),
  num: fc.oneof(fc.integer({ min: -5, max: 50_000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  style: fc.integer({ min: 0, max: 4 }),
});

const workbookArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  prefix: fc.constantFrom("", "", "x", "main"),
  date1904: fc.boolean(),
  sheets: fc.uniqueArray(fc.constantFrom(...SHEETS), { minLength: 1, maxLength: 3 }),
  rows: fc.array(fc.array(cellArb, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
  names: fc.array(fc.record({ sheet: fc.nat(), row: fc.integer({ min: 1, max: 13 }), col: fc.integer({ min: 1, max: 31 }), local: fc.boolean(), abs: fc.nat(3), quote: fc.boolean() }), { minLength: 1, maxLength: 25 }),
  protectedSheet: fc.constantFrom("1", "true", "0", "false", undefined),
});

function colName(c: number): string {
  let s = "";
  for (; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A random stream for the writer's choices, from the case's seed (reproducible with fast-check's seed). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

type Generated = typeof workbookArb extends fc.Arbitrary<infer T> ? T : never;

function build(w: Generated): Parts {
  const r = stream(w.seed);
  const st = (): Style => ({ r, prefix: w.prefix });
  const sst: string[] = [];
  const sheetXml = () => {
    const s = st();
    let rowsXml = "";
    let sharedMaster = -1;
    w.rows.forEach((cells, ri) => {
      const rowNo = ri + 1;
      const seen = new Set<number>();
      const ordered = cells.filter((c) => !seen.has(c.col) && seen.add(c.col)).sort((a, b) => a.col - b.col);
      let cx = "";
      for (const c of ordered) {
        const ref = `${colName(c.col)}${rowNo}`;
        const a: [string, string][] = s.r() < 0.9 ? [["r", ref]] : [["r", ref.toLowerCase()]];
        if (c.style) a.push(["s", String(c.style)]);
        const v = (x: string) => el(s, "v", s.r() < 0.1 ? [["xml:space", "preserve"]] : [], text(s, x));
        switch (c.kind) {
          case "n":
            cx += el(s, "c", a, v(String(c.num)));
            break;
          case "s":
            sst.push(c.text);
            cx += el(s, "c", [...a, ["t", "s"]], v(String(sst.length - 1)));
            break;
          case "inline":
            cx += el(s, "c", [...a, ["t", "inlineStr"]], el(s, "is", [], el(s, "t", [["xml:space", "preserve"]], text(s, c.text))));
            break;
          case "rich": {
            const chars = [...c.text];
            const half = Math.floor(chars.length / 2);
            const runs = el(s, "r", [], el(s, "rPr", [], el(s, "b", [])) + el(s, "t", [], text(s, chars.slice(0, half).join("")))) + el(s, "r", [], el(s, "t", [], text(s, chars.slice(half).join("")))) + el(s, "rPh", [["sb", "0"], ["eb", "1"]], el(s, "t", [], text(s, "フリ")));
            if (s.r() < 0.5) cx += el(s, "c", [...a, ["t", "inlineStr"]], el(s, "is", [], runs));
            else {
              sst.push(`\u0000${runs}`); // a shared string written with runs (marked: see strings below)
              cx += el(s, "c", [...a, ["t", "s"]], v(String(sst.length - 1)));
            }
            break;
          }
          case "str":
            cx += el(s, "c", [...a, ["t", "str"]], el(s, "f", [], text(s, `IF(A1="${c.text.replace(/"/g, '""')}",1,0)`)) + v(c.text));
            break;
          case "b":
            cx += el(s, "c", [...a, ["t", "b"]], v(c.num % 2 ? "1" : "0"));
            break;
          case "e":
            cx += el(s, "c", [...a, ["t", "e"]], v(pick(s, ["#N/A", "#REF!", "#VALUE!", "#NAME?"])));
            break;
          case "date":
            cx += el(s, "c", [...a, ["t", "d"]], v(pick(s, ["2022-05-01", "2022-05-01T00:00:00", "2022-04-30T16:00:00Z"])));
            break;
          case "shared":
            if (sharedMaster < 0) {
              sharedMaster = rowNo;
              cx += el(s, "c", a, el(s, "f", [["t", "shared"], ["ref", `${colName(c.col)}${rowNo}:${colName(c.col)}${rowNo + 20}`], ["si", "0"]], text(s, `A${rowNo}*2+$B$1+"A9"`)) + v("3"));
            } else cx += el(s, "c", a, el(s, "f", [["t", "shared"], ["si", "0"]]) + v("4"));
            break;
          case "empty":
            cx += el(s, "c", a);
            break;
        }
      }
      const ra: [string, string][] = s.r() < 0.85 ? [["r", String(rowNo)]] : [];
      if (s.r() < 0.1) ra.push(["s", "3"], ["customFormat", "1"]);
      rowsXml += el(s, "row", ra, cx || undefined);
    });
    const cols = s.r() < 0.5 ? el(s, "cols", [], el(s, "col", [["min", "2"], ["max", "4"], ["style", "4"], ["width", "9"]])) : "";
    const after =
      (s.r() < 0.5 ? el(s, "mergeCells", [["count", "1"]], el(s, "mergeCell", [["ref", "A1:B1"]])) : "") +
      (w.protectedSheet !== undefined ? el(s, "sheetProtection", [["sheet", w.protectedSheet], ["objects", "1"]]) : "") +
      (s.r() < 0.5 ? el(s, "dataValidations", [["count", "1"]], el(s, "dataValidation", [["type", "list"], ["sqref", "C3"], ["prompt", "请选择 sheetProtection <c r='A1'>"]], el(s, "formula1", [], text(s, '"是,否"')))) : "");
    return root(s, "worksheet", cols + el(s, "sheetData", [], rowsXml || undefined) + after);
  };
  const sheets = w.sheets.map(() => sheetXml());
  const s = st();
  const names = w.names
    .map((n) => {
      const sheet = w.sheets[n.sheet % w.sheets.length];
      const c = colName(n.col);
      const cell = [`$${c}$${n.row}`, `${c}${n.row}`, `$${c}${n.row}`, `${c}$${n.row}`][n.abs];
      const quoted = n.quote || /[^A-Za-z0-9_\u4e00-\u9fff]/.test(sheet) ? `'${sheet.replace(/'/g, "''")}'` : sheet;
      const attrs: [string, string][] = [["name", `CR_${c}${n.row}`]];
      if (n.local) attrs.push(["localSheetId", String(n.sheet % w.sheets.length)]);
      return el(s, "definedName", attrs, text(s, `${quoted}!${cell}`));
    })
    .join("");
  const book = root(
    s,
    "workbook",
    el(s, "workbookPr", w.date1904 ? [["date1904", s.r() < 0.5 ? "1" : "true"]] : []) +
      el(s, "sheets", [], w.sheets.map((name, i) => el(s, "sheet", [["name", name], ["sheetId", String(i + 1)], ["r:id", `rId${i + 1}`]])).join("")) +
      el(s, "definedNames", [], names),
  );
  const styles = root(
    s,
    "styleSheet",
    el(s, "numFmts", [["count", "1"]], el(s, "numFmt", [["numFmtId", "164"], ["formatCode", 'yyyy"年"m"月"d"日"']])) +
      el(s, "cellXfs", [["count", "5"]], [el(s, "xf", [["numFmtId", "0"]]), el(s, "xf", [["numFmtId", "14"]]), el(s, "xf", [["numFmtId", "164"]], el(s, "protection", [["locked", pick(s, ["0", "false", "1"])]])), el(s, "xf", [["numFmtId", "10"]]), el(s, "xf", [["numFmtId", "49"]], el(s, "protection", [["locked", "false"]]))].join("")),
  );
  const strings = root(s, "sst", sst.map((t) => el(s, "si", [], t.startsWith("\u0000") ? t.slice(1) : el(s, "t", [], text(s, t)))).join(""));
  const rels = `${RELS_ROOT}${el({ r, prefix: "" }, "Relationship", [["Id", "rId1"], ["Type", `${NS_REL}/officeDocument`], ["Target", "xl/workbook.xml"]])}</Relationships>`;
  const bookRels =
    RELS_ROOT +
    w.sheets.map((_, i) => el({ r, prefix: "" }, "Relationship", [["Id", `rId${i + 1}`], ["Type", `${NS_REL}/worksheet`], ["Target", `worksheets/sheet${i + 1}.xml`]])).join("") +
    el({ r, prefix: "" }, "Relationship", [["Id", "rIdS"], ["Type", `${NS_REL}/styles`], ["Target", "/xl/styles.xml"]]) +
    el({ r, prefix: "" }, "Relationship", [["Id", "rIdT"], ["Type", `${NS_REL}/sharedStrings`], ["Target", "sharedStrings.xml"]]) +
    `</Relationships>`;
  const parts: Parts = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    "_rels/.rels": rels,
    "xl/_rels/workbook.xml.rels": bookRels,
    "xl/workbook.xml": book,
    "xl/styles.xml": styles,
    "xl/sharedStrings.xml": strings,
  };
  sheets.forEach((x, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = x));
  return parts;
}

/** Every part is well-formed XML (saxes says so), or the case proves nothing. */
function wellFormed(parts: Parts): void {
  for (const [name, x] of Object.entries(parts)) {
    if (typeof x !== "string") continue;
    const p = new SaxesParser({ xmlns: true });
    p.on("error", (e) => {
      throw new Error(`${name} is not well-formed: ${e.message}`);
    });
    p.write(x).close();
  }
}

test("the scanner reads every generated workbook as saxes does: names, values, formulas, locks, formats, protection, whole sheets", () => {
  fc.assert(
    fc.property(workbookArb, (w) => {
      const parts = build(w as never);
      wellFormed(parts);
      const file = zipParts(parts);
      const mine = readWorkbookBytes(file);
      expect(json(mine)).toBe(json(readWorkbookBytes(file, SAXES_PARTS)));
      // and a whole-sheet read (the 核定记录's path): every cell, not only the named ones
      for (const sheet of w.sheets) expect(json(readSheetRows(file, sheet))).toBe(json(readSheetRows(file, sheet, SAXES_PARTS)));
    }),
    { numRuns: 400, seed: 2023 },
  );
});

// ---------------------------------------------------------------- one start tag

const attrNameArb = fc.constantFrom("r", "s", "t", "name", "id", "r:id", "x:r", "x:t", "localSheetId", "xml:space", "customFormat", "ref", "si");
const attrValueArb = fc.oneof(fc.constantFrom(...DECOYS, "A1", "", "兴山区!$A$1", "O'Brien", 'a"b', "1"), fc.string({ unit: fc.constantFrom("a", "r", "=", '"', "'", " ", "<", ">", "&", "中", "/", "\n", "\r", "\t") }));

test("one start tag: every attribute the scanner reads (attrs, and the per-cell fast path attr) is the one saxes reads", () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(attrNameArb, attrValueArb), { selector: ([k]) => k, maxLength: 6 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (list, seed) => {
      const st: Style = { r: stream(seed), prefix: "" };
      const tag = `<c${attributes(st, list)}${st.r() < 0.5 ? "/" : ""}>`;
      const closed = tag.endsWith("/>") ? tag : `${tag}</c>`;
      let theirs: Record<string, string> = {};
      const p = new SaxesParser({ xmlns: false, fragment: true });
      p.on("error", (e) => {
        throw new Error(`${closed}: ${e.message}`);
      });
      p.on("opentag", (t) => (theirs = t.attributes as Record<string, string>));
      p.write(closed).close();
      // The scanner's view of the tag: what lies between the name and ">" or "/>".
      const raw = tag.slice(2, tag.endsWith("/>") ? -2 : -1);
      // By local name ("r:id" is the sheet's id); an unprefixed attribute is the element's own and wins over a
      // prefixed one of another namespace ("x:r" never moves a cell).
      const expected: Record<string, string> = {};
      for (const [k, v] of Object.entries(theirs)) if (k.includes(":") && !k.startsWith("xmlns")) expected[k.slice(k.indexOf(":") + 1)] = v;
      for (const [k, v] of Object.entries(theirs)) if (!k.includes(":")) expected[k] = v;
      expect([closed, attrs(raw)]).toEqual([closed, expected]);
      for (const k of Object.keys(expected)) expect([closed, k, attr(raw, k)]).toEqual([closed, k, theirs[k]]);
    }),
    { numRuns: 5000, seed: 2024 },
  );
});
