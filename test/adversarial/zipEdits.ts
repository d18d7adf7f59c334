// Hostile edits of a returned file made at the zip level — what a unit wanting a better rank does with a zip
// tool or Excel's own menus (hide a sheet, move a name, type a formula whose saved result lies) — on the parts
// as text (test/helpers/xlsxParts.ts). Each edit takes the bytes of a returned file and gives new bytes.
import { unzipParts, zipParts, type Parts } from "../helpers/xlsxParts";

const WS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const REL_WS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

const text = (p: Parts, name: string) => p[name] as string;
const xmlEsc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** The defined names of the workbook: name → { ref, local } in file order (ref as written, entities decoded). */
export function definedNames(p: Parts): { name: string; ref: string; local?: string; raw: string }[] {
  const out: { name: string; ref: string; local?: string; raw: string }[] = [];
  for (const m of text(p, "xl/workbook.xml").matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)) {
    const name = /name="([^"]*)"/.exec(m[1])![1];
    const local = /localSheetId="(\d+)"/.exec(m[1])?.[1];
    out.push({ name, ref: m[2].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&"), local, raw: m[0] });
  }
  return out;
}

/** The address a name points at ("F7"). */
export function addressOf(p: Parts, name: string): string {
  const d = definedNames(p).find((n) => n.name === name && n.local === undefined) ?? definedNames(p).find((n) => n.name === name);
  if (!d) throw new Error(`no name ${name}`);
  const m = /!\$?([A-Z]+)\$?(\d+)/.exec(d.ref)!;
  return `${m[1]}${m[2]}`;
}

/** Replaces the content of cell `address` in a sheet part: `cell` is the whole new <c> element's attributes and content. */
export function setCell(sheetXml: string, address: string, content: { t?: string; f?: string; v?: string; is?: string }): string {
  const attrs = (a: string) => a.replace(/\s+t="[^"]*"/, "") + (content.t ? ` t="${content.t}"` : "");
  const inner = `${content.f !== undefined ? `<f>${xmlEsc(content.f)}</f>` : ""}${content.v !== undefined ? `<v>${xmlEsc(content.v)}</v>` : ""}${content.is !== undefined ? `<is><t>${xmlEsc(content.is)}</t></is>` : ""}`;
  const re = new RegExp(`<c r="${address}"([^>]*?)(/>|>[\\s\\S]*?</c>)`);
  if (re.test(sheetXml)) return sheetXml.replace(re, (_all, a: string) => `<c r="${address}"${attrs(a)}>${inner}</c>`);
  // No such cell yet: put it into its row (rows exist for every template cell).
  const row = /\d+$/.exec(address)![0];
  const rowRe = new RegExp(`(<row r="${row}"[^>]*>)`);
  if (!rowRe.test(sheetXml)) throw new Error(`no row ${row}`);
  return sheetXml.replace(rowRe, `$1<c r="${address}"${content.t ? ` t="${content.t}"` : ""}>${inner}</c>`);
}

export function edit(buf: Buffer, f: (p: Parts) => void): Buffer {
  const p = unzipParts(buf);
  f(p);
  return zipParts(p);
}

/** The first sheet's part and its <sheet> element. */
function firstSheet(p: Parts): { part: string; el: string } {
  const wb = text(p, "xl/workbook.xml");
  const el = /<sheet [^>]*\/>/.exec(wb)![0];
  const rid = /r:id="([^"]+)"/.exec(el)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(text(p, "xl/_rels/workbook.xml.rels"))?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(text(p, "xl/_rels/workbook.xml.rels"))![1];
  return { part: `xl/${target.replace(/^\/?xl\//, "")}`, el };
}

/** Adds a sheet whose part is `xml`, after the others, with a state; returns its index in <sheets>. */
export function addSheet(p: Parts, name: string, xml: string, state?: "hidden" | "veryHidden"): number {
  const n = Object.keys(p).filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).length + 1;
  const part = `xl/worksheets/hostile${n}.xml`;
  p[part] = xml;
  p["xl/_rels/workbook.xml.rels"] = text(p, "xl/_rels/workbook.xml.rels").replace("</Relationships>", `<Relationship Id="rIdH${n}" Type="${REL_WS}" Target="worksheets/hostile${n}.xml"/></Relationships>`);
  p["[Content_Types].xml"] = text(p, "[Content_Types].xml").replace("</Types>", `<Override PartName="/${part}" ContentType="${WS_TYPE}"/></Types>`);
  const wb = text(p, "xl/workbook.xml");
  p["xl/workbook.xml"] = wb.replace("</sheets>", `<sheet sheetId="${90 + n}" name="${xmlEsc(name)}"${state ? ` state="${state}"` : ""} r:id="rIdH${n}"/></sheets>`);
  return (p["xl/workbook.xml"] as string).match(/<sheet /g)!.length - 1;
}

export type HideMode =
  /** The names go with the template to a hidden sheet; the visible sheet, renamed, shows the real (worse) answers. */
  | "names on the hidden copy"
  /** The visible template keeps its workbook names; a hidden copy carries sheet-scoped copies of them with better answers. */
  | "scoped names on a hidden copy"
  /** The template itself hidden, a blank visible sheet in front. */
  | "template hidden";

/**
 * A file whose hidden sheet carries better answers than the visible one. `worse` is the unit's real file
 * (what the office sees), `better` the same template with better answers (same shared strings: both made
 * from one template, differing in number cells only).
 */
export function hiddenTemplate(better: Buffer, worse: Buffer, state: "hidden" | "veryHidden", mode: HideMode): Buffer {
  const w = unzipParts(worse);
  const b = unzipParts(better);
  return edit(worse, (p) => {
    const { part, el } = firstSheet(p);
    const sheet = /name="([^"]*)"/.exec(el)![1];
    const betterXml = text(b, firstSheet(b).part);
    if (mode === "template hidden") {
      p["xl/workbook.xml"] = text(p, "xl/workbook.xml").replace(el, el.replace(/\s*state="[^"]*"/, "").replace("<sheet ", `<sheet state="${state}" `));
      p[part] = betterXml;
      addSheet(p, "说明", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>请见考核表</t></is></c></row></sheetData></worksheet>`);
      return;
    }
    if (mode === "names on the hidden copy") {
      // The visible sheet is renamed (its workbook names now point at the hidden copy, which takes the name).
      p["xl/workbook.xml"] = text(p, "xl/workbook.xml").replace(el, el.replace(/name="[^"]*"/, 'name="自评表"'));
      addSheet(p, sheet, betterXml, state);
      p[part] = text(w, firstSheet(w).part);
      return;
    }
    // Sheet-scoped copies of every CR_* name on a hidden copy of the sheet.
    const hiddenName = `${sheet.replace(/&amp;/g, "&")}（备份）`;
    const ix = addSheet(p, hiddenName, betterXml, state);
    const scoped = definedNames(p)
      .filter((d) => d.local === undefined && d.name.startsWith("CR_"))
      .map((d) => `<definedName name="${d.name}" localSheetId="${ix}">${xmlEsc(`'${hiddenName}'!${d.ref.replace(/^.*!/, "")}`).replace(/'/g, "&apos;")}</definedName>`)
      .join("");
    p["xl/workbook.xml"] = text(p, "xl/workbook.xml").replace("</definedNames>", `${scoped}</definedNames>`);
  });
}

export type MoveMode =
  /** The workbook-scoped name itself points elsewhere (Excel: 名称管理器 → 引用位置). */
  | "moved"
  /** The workbook name stays; a sheet-scoped name of the same name, which wins, points elsewhere. */
  | "scoped copy elsewhere"
  /** A second workbook-scoped definition before the first (a zip edit): the first one wins in readers. */
  | "defined twice";

/**
 * The name `name` made to point at `to` on the first sheet, which gets `value` (what the unit would like read):
 * a number, or text as an inline string. The prescribed cell keeps what the unit really typed.
 */
export function moveName(buf: Buffer, name: string, to: string, mode: MoveMode, value: unknown): Buffer {
  return edit(buf, (p) => {
    const { part } = firstSheet(p);
    p[part] = setCell(text(p, part), to, typeof value === "number" ? { v: String(value) } : { t: "inlineStr", is: String(value) });
    const d = definedNames(p).find((n) => n.name === name && n.local === undefined)!;
    const ref = d.ref.replace(/!.*$/, `!$${/^[A-Z]+/.exec(to)![0]}$${/\d+$/.exec(to)![0]}`);
    const el = (local?: number) => `<definedName name="${name}"${local === undefined ? "" : ` localSheetId="${local}"`}>${xmlEsc(ref).replace(/'/g, "&apos;")}</definedName>`;
    const wb = text(p, "xl/workbook.xml");
    if (mode === "moved") p["xl/workbook.xml"] = wb.replace(d.raw, el());
    else if (mode === "defined twice") p["xl/workbook.xml"] = wb.replace(d.raw, el() + d.raw);
    else p["xl/workbook.xml"] = wb.replace("</definedNames>", `${el(0)}</definedNames>`);
  });
}

/** Puts a formula with a saved result into the cell `name` points at (number or text result). */
export function formulaIn(buf: Buffer, name: string, formula: string, saved: unknown): Buffer {
  return edit(buf, (p) => {
    const { part } = firstSheet(p);
    const at = addressOf(p, name);
    p[part] = setCell(text(p, part), at, typeof saved === "number" ? { f: formula, v: String(saved) } : { t: "str", f: formula, v: String(saved) });
  });
}
