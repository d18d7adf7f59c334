/*
 * One unit's file out of the office's workbook: Excel saves a whole workbook, never one sheet, so the pane
 * takes the workbook's own .xlsx (Office.context.document.getFileAsync, see unitFiles.ts) and keeps one
 * sheet of it. Pure (bytes in, bytes out; fflate only), so it is tested on files ExcelJS, Excel and
 * LibreOffice write.
 *
 * What is kept: the sheet as Excel saved it (cells with their cached values, formulas, merges, validation,
 * protection, print settings), its own names (localSheetId renumbered to 0), the styles and theme. What goes:
 * every other sheet and whatever only they used (drawings, comments, tables…), the other sheets' names, the
 * calculation chain (Excel rebuilds it) and docProps/app.xml (it lists every sheet's name). The shared
 * strings are rebuilt from the kept sheet: a unit's file never carries text typed in another unit's sheet
 * (the office's workbook may hold returned sheets).
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { ledgerSheetName } from "../core/ledger";

export class OneSheetError extends Error {}

const ATTR = (name: string) => new RegExp(`\\s${name}="([^"]*)"`);

function attr(tag: string, name: string): string | undefined {
  return ATTR(name).exec(tag)?.[1];
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml" (relationship targets are relative to the source's folder, or absolute from the package root). */
function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

function relsOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Rel {
  tag: string;
  id: string;
  target: string;
  external: boolean;
}

function readRels(files: Record<string, Uint8Array>, source: string): Rel[] {
  const data = files[relsOf(source)];
  if (!data) return [];
  return [...strFromU8(data).matchAll(/<Relationship\b[^>]*\/?>/g)].map((m) => ({
    tag: m[0],
    id: attr(m[0], "Id") ?? "",
    target: resolveTarget(source, unescapeXml(attr(m[0], "Target") ?? "")),
    external: attr(m[0], "TargetMode") === "External",
  }));
}

/** The names of the sheets a defined name's formula refers to ('兴山区'!$A$1, 兴山区!A1). */
function sheetsReferred(formula: string): string[] {
  return [...formula.matchAll(/(?:'((?:[^']|'')+)'|([^\s'!:,()=+\-*/&^<>]+))!/g)].map((m) => (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]));
}

/**
 * The workbook `xlsx` with only the sheet named `sheetName` — and its 双公示台账 (core/ledger.ts), when the
 * workbook has one: the sheet's two 双公示 counts refer to it. Throws OneSheetError (Chinese) when the file is
 * not a workbook or has no such sheet.
 */
export function oneSheetWorkbook(xlsx: Uint8Array, sheetName: string): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(xlsx);
  } catch {
    throw new OneSheetError("Excel 给出的工作簿无法读取");
  }
  const rootRels = readRels(files, "");
  const book = rootRels.find((r) => /officeDocument$/.test(attr(r.tag, "Type") ?? ""))?.target ?? "xl/workbook.xml";
  if (!files[book]) throw new OneSheetError("Excel 给出的文件不是工作簿");
  let wb = strFromU8(files[book]);
  const sheets = [...wb.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => ({ tag: m[0], name: unescapeXml(attr(m[0], "name") ?? ""), rid: attr(m[0], "r:id") ?? "" }));
  const index = sheets.findIndex((s) => s.name === sheetName);
  if (index < 0) throw new OneSheetError(`工作簿中没有工作表“${sheetName}”`);
  const ledgerIndex = sheets.findIndex((s) => s.name.toLowerCase() === ledgerSheetName(sheetName).toLowerCase());
  // The kept sheets in workbook order (the unit's sheet first when the ledger follows it, as written).
  const keptIndexes = [index, ...(ledgerIndex >= 0 ? [ledgerIndex] : [])].sort((a, b) => a - b);
  const keptSet = new Set(keptIndexes);
  const others = new Set(sheets.filter((_, i) => !keptSet.has(i)).map((s) => s.name));

  // workbook.xml: the kept sheets, visible, the unit's active; their names only.
  wb = wb.replace(/<sheets>[\s\S]*?<\/sheets>/, `<sheets>${keptIndexes.map((i) => sheets[i].tag.replace(/\sstate="[^"]*"/, "")).join("")}</sheets>`);
  wb = wb.replace(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g, (whole, attrs: string, body: string) => {
    const local = attr(attrs, "localSheetId");
    if (local !== undefined) return keptSet.has(Number(local)) ? whole.replace(/\slocalSheetId="[^"]*"/, ` localSheetId="${keptIndexes.indexOf(Number(local))}"`) : "";
    return sheetsReferred(unescapeXml(body)).some((s) => others.has(s)) ? "" : whole;
  });
  wb = wb.replace(/<definedNames>\s*<\/definedNames>/, "");
  wb = wb.replace(/<workbookView\b[^>]*\/?>/g, (tag) => tag.replace(/\s(activeTab|firstSheet)="[^"]*"/g, ""));
  files[book] = strToU8(wb);

  // The workbook's relationships: the kept sheet's and those that are not sheets; no calculation chain.
  const bookRels = readRels(files, book);
  const dropped = new Set(sheets.filter((_, i) => !keptSet.has(i)).map((s) => s.rid));
  const keepRel = (r: Rel) => !dropped.has(r.id) && !/calcChain$/.test(attr(r.tag, "Type") ?? "");
  files[relsOf(book)] = strToU8(
    strFromU8(files[relsOf(book)]).replace(/<Relationship\b[^>]*\/?>/g, (tag) => (keepRel(bookRels.find((r) => r.tag === tag)!) ? tag : "")),
  );
  // docProps/app.xml lists every sheet's name: it goes (Excel writes a new one on save).
  files[relsOf("")] = strToU8(strFromU8(files[relsOf("")]).replace(/<Relationship\b[^>]*\/?>/g, (tag) => (/extended-properties$/.test(attr(tag, "Type") ?? "") ? "" : tag)));

  // Shared strings: only those the kept sheets use, renumbered.
  const sheetParts = keptIndexes.map((i) => {
    const part = bookRels.find((r) => r.id === sheets[i].rid)?.target;
    if (!part || !files[part]) throw new OneSheetError(`工作表“${sheets[i].name}”的内容不在文件中`);
    return part;
  });
  const sstPart = bookRels.find((r) => /sharedStrings$/.test(attr(r.tag, "Type") ?? ""))?.target;
  if (sstPart && files[sstPart]) {
    const sst = strFromU8(files[sstPart]);
    const items = [...sst.matchAll(/<si>[\s\S]*?<\/si>|<si\/>/g)].map((m) => m[0]);
    const renumber = new Map<number, number>();
    for (const sheetPart of sheetParts) {
    const sheetXml = strFromU8(files[sheetPart]).replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, _end: string, inner: string | undefined) => {
      if (attr(attrs, "t") !== "s" || inner === undefined) return whole;
      return whole.replace(/<v>(\d+)<\/v>/, (_v, n: string) => {
        const old = Number(n);
        if (!renumber.has(old)) renumber.set(old, renumber.size);
        return `<v>${renumber.get(old)}</v>`;
      });
    });
    files[sheetPart] = strToU8(sheetXml);
    }
    const used = [...renumber.entries()].sort((a, b) => a[1] - b[1]).map(([old]) => items[old] ?? "<si><t></t></si>");
    const head = /^[\s\S]*?<sst\b[^>]*>/.exec(sst)?.[0] ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
    const newHead = head.replace(/\s(count|uniqueCount)="[^"]*"/g, "").replace(/<sst\b/, `<sst count="${used.length}" uniqueCount="${used.length}"`);
    files[sstPart] = strToU8(`${newHead}${used.join("")}</sst>`);
  }

  // Every part no relationship reaches any more (other sheets, their drawings and comments, the calculation
  // chain, app.xml) goes, with its content type.
  const reached = new Set<string>();
  const walk = (part: string) => {
    for (const r of readRels(files, part)) {
      if (r.external || reached.has(r.target) || !files[r.target]) continue;
      reached.add(r.target);
      walk(r.target);
    }
  };
  walk("");
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (name === "[Content_Types].xml" || name.endsWith("/")) continue;
    const isRels = /(^|\/)_rels\/[^/]*\.rels$/.test(name);
    const owner = isRels ? name.replace(/(^|\/)_rels\/([^/]*)\.rels$/, "$1$2") : name;
    if (isRels ? owner === "" || reached.has(owner) : reached.has(name)) out[name] = data;
  }
  const types = strFromU8(files["[Content_Types].xml"] ?? new Uint8Array()).replace(/<Override\b[^>]*\/?>/g, (tag) => {
    const part = unescapeXml(attr(tag, "PartName") ?? "").replace(/^\//, "");
    return out[part] ? tag : "";
  });
  out["[Content_Types].xml"] = strToU8(types);
  return zipSync(out, { level: 6 });
}

/** Several files in one .zip (names in UTF-8, flagged as such: Windows' 解压 and 360压缩/WinRAR read them). Already-compressed .xlsx are stored. */
export function zipOf(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  const z: Zippable = {};
  for (const f of files) z[f.name] = [f.bytes, { level: 0 }];
  return zipSync(z);
}
