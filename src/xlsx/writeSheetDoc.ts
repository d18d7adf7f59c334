// ExcelJS writer of a SheetDoc (src/layout/sheetDoc.ts): the 平台数据 sheet, the template's 双公示台账, the 及时率
// result. Thin: every decision is in the document; this only translates it, with the template writer's
// styles and validations (one <dataValidation> per run of cells, working around ExcelJS's optimiser).
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { a1, type DocCell, type DocValidation, type SheetDoc } from "../layout/sheetDoc";
import { colLetter, colNumber } from "../core/a1";
import { excelStyle } from "./cellStyle";
import { completeWorkbook, directlyWritable, skeletonOf, xmlEncode } from "./sheetDocXml";
import { addValidationRange, fileFormula, newWorkbook, printAreaRange } from "./workbookParts";

/**
 * The document's validations, one <dataValidation> per column run of one rule — what writeTemplate's
 * addValidations makes of the same cells one by one, without a model per cell (20,000 rows of a 核定表): the
 * rectangles of a rule are cut into columns, and touching or overlapping runs of a column joined, so every
 * cell carries its rule once (ExcelJS's optimiser would otherwise extend one run over another: see there).
 */
function addValidationRuns(ws: ExcelJS.Worksheet, validations: readonly DocValidation[]): void {
  const byRule = new Map<string, { rule: Omit<DocValidation, "r1" | "c1" | "r2" | "c2">; runs: Map<number, [number, number][]> }>();
  for (const v of validations) {
    const { r1, c1, r2, c2, ...rule } = v;
    const key = JSON.stringify(rule);
    let g = byRule.get(key);
    if (!g) byRule.set(key, (g = { rule, runs: new Map() }));
    for (let c = c1; c <= c2; c++) {
      const runs = g.runs.get(c) ?? [];
      runs.push([r1, r2]);
      g.runs.set(c, runs);
    }
  }
  for (const { rule, runs } of byRule.values()) {
    for (const [c, list] of runs) {
      list.sort((a, b) => a[0] - b[0]);
      const col = colLetter(c + 1);
      for (let i = 0; i < list.length; ) {
        const from = list[i][0];
        let to = list[i][1];
        let j = i + 1;
        for (; j < list.length && list[j][0] <= to + 1; j++) to = Math.max(to, list[j][1]);
        addValidationRange(ws, to > from ? `${col}${from + 1}:${col}${to + 1}` : `${col}${from + 1}`, { ...rule, address: "" });
        i = j;
      }
    }
  }
}

/** The key of a cell's shared ExcelJS style object (addSheetDoc): one per style-table entry, number format, lock, date or not. */
export function styleKey(doc: SheetDoc, c: DocCell): string {
  const isDate = c.f === undefined && (c.v as unknown) instanceof Date;
  return `${c.s}\u0000${c.numFmt ?? ""}\u0000${c.locked === false ? 0 : doc.protect ? 1 : ""}\u0000${isDate ? 1 : 0}`;
}

/**
 * Rows of a document's filled-down block (SheetDoc.filledDown) written straight into the sheet's XML after
 * ExcelJS has written the rest (spliceOnWrite), by workbook: ExcelJS makes a cell model, a style look-up and
 * some dozen XML fragments per cell, and a 2,000-row 双公示台账 (34,000 cells) took it 2–4 s and most of a
 * template's write; written here, each such row is the block's first row with its row number and values, in a
 * few milliseconds. Only rows exactly like the block's first row in everything but values qualify
 * (plainRows); ExcelJS writes every other row as before.
 */
interface Splice {
  sheetId: number;
  doc: SheetDoc;
  /** 0-based row of the block's first row (the shared formulas' masters). */
  master: number;
  /** 0-based rows written by spliceRows, ascending. */
  rows: number[];
}
const pending = new WeakMap<ExcelJS.Workbook, Splice[]>();

/** A value the splice writes as it is: text, a finite number, a boolean, or blank (an empty text constant is ExcelJS's: a shared string). */
const plainValue = (v: unknown) => v === undefined || v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

/**
 * The rows below the first of the document's filled-down block (every run the same rows) whose cells are,
 * column by column, styled as the first row's, formulas exactly in the filled columns and plain values
 * elsewhere, with no height, hiding or merge of their own.
 */
function plainRows(doc: SheetDoc): { master: number; rows: number[] } | undefined {
  const runs = doc.filledDown ?? [];
  if (!runs.length || runs.some((d) => d.r1 !== runs[0].r1 || d.r2 !== runs[0].r2)) return undefined;
  const { r1, r2 } = runs[0];
  const filled = new Set(runs.map((d) => d.c));
  const first = doc.rows[r1] ?? [];
  const keys = first.map((c) => (c ? styleKey(doc, c) : undefined));
  const hidden = new Set(doc.hiddenRows);
  const merged = new Set<number>();
  for (const m of doc.merges) for (let r = m.r1; r <= m.r2; r++) merged.add(r);
  const rows: number[] = [];
  for (let r = r1 + 1; r <= r2; r++) {
    if (doc.heights.has(r) || hidden.has(r) || merged.has(r)) continue;
    const row = doc.rows[r] ?? [];
    let ok = row.length <= first.length;
    for (let k = 0; ok && k < row.length; k++) {
      const c = row[k];
      if (!c) continue;
      ok = keys[k] !== undefined && styleKey(doc, c) === keys[k] && (filled.has(k) ? c.f !== undefined && plainValue(c.cached) : c.f === undefined && plainValue(c.v) && c.v !== "");
    }
    for (const k of filled) ok &&= row[k]?.f !== undefined;
    if (ok) rows.push(r);
  }
  return rows.length ? { master: r1, rows } : undefined;
}

/** The XML of a spliced row, pushed onto `out` piece by piece (one join at the end): the master row's style ids and shared-formula indexes, this row's values. */
function rowXml(out: string[], r: number, row: readonly (DocCell | undefined)[], styleIds: readonly (string | undefined)[], shared: readonly (string | undefined)[]): void {
  const n = r + 1;
  out.push(`<row r="${n}">`);
  row.forEach((c, k) => {
    if (!c) return;
    const ref = `<c r="${colLetter(k + 1)}${n}"${styleIds[k] !== undefined ? ` s="${styleIds[k]}"` : ""}`;
    const v = c.f !== undefined ? c.cached : c.v;
    const f = c.f !== undefined ? `<f t="shared" si="${shared[k]}"/>` : "";
    if (v === undefined || v === null) out.push(f ? `${ref} t="str">${f}<v></v></c>` : `${ref}/>`);
    else if (typeof v === "number") out.push(`${ref}>${f}<v>${v}</v></c>`);
    else if (typeof v === "boolean") out.push(`${ref} t="b">${f}<v>${v ? 1 : 0}</v></c>`);
    else if (f) out.push(`${ref} t="str">${f}<v>${xmlEncode(v)}</v></c>`);
    else out.push(`${ref} t="inlineStr"><is><t xml:space="preserve">${xmlEncode(v)}</t></is></c>`);
  });
  out.push("</row>");
}

/** Puts a splice's rows into the sheet XML ExcelJS wrote, in row order, and widens its <dimension>. */
function spliceSheet(xml: string, sp: Splice): string {
  const { doc, master } = sp;
  const masterRow = new RegExp(`<row r="${master + 1}"[^>]*>(.*?)</row>`).exec(xml);
  if (!masterRow) throw new Error(`splice: row ${master + 1} of ${doc.name} not written`);
  const styleIds: (string | undefined)[] = [];
  const shared: (string | undefined)[] = [];
  for (const m of masterRow[1].matchAll(/<c r="([A-Z]+)\d+"( s="(\d+)")?[^>]*?(\/>|>(.*?)<\/c>)/g)) {
    const k = colNumber(m[1]) - 1;
    styleIds[k] = m[3];
    shared[k] = /<f t="shared"[^>]* si="(\d+)"/.exec(m[5] ?? "")?.[1];
  }
  for (const d of doc.filledDown ?? []) if (shared[d.c] === undefined) throw new Error(`splice: ${a1(master, d.c)} of ${doc.name} is not a shared formula`);
  const open = xml.indexOf("<sheetData>");
  const close = xml.indexOf("</sheetData>");
  if (open < 0 || close < 0) throw new Error(`splice: no <sheetData> in ${doc.name}`);
  // ExcelJS's rows and the spliced ones, merged by row number.
  const written = [...xml.slice(open + 11, close).matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>.*?<\/row>)/g)].map((m) => ({ n: Number(m[1]), xml: m[0] }));
  const parts: string[] = [];
  let i = 0;
  for (const r of sp.rows) {
    while (i < written.length && written[i].n < r + 1) parts.push(written[i++].xml);
    if (i < written.length && written[i].n === r + 1) throw new Error(`splice: row ${r + 1} of ${doc.name} written twice`);
    rowXml(parts, r, doc.rows[r] ?? [], styleIds, shared);
  }
  while (i < written.length) parts.push(written[i++].xml);
  const head = xml.slice(0, open + 11).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${a1(Math.max(doc.rows.length - 1, 0), Math.max(doc.width - 1, 0))}"/>`);
  return [head, ...parts, xml.slice(close)].join("");
}


/**
 * Makes the workbook's writeBuffer write the splice's rows into their sheet too, whoever calls it: ExcelJS
 * writes its parts stored (not compressed), the sheets are spliced, and the parts compressed once (fflate, at
 * the level asked for, else 6). A workbook without a splice keeps ExcelJS's own writeBuffer.
 */
function spliceOnWrite(wb: ExcelJS.Workbook, sp: Splice): void {
  const splices = pending.get(wb);
  if (splices) {
    splices.push(sp);
    return;
  }
  pending.set(wb, [sp]);
  const xlsx = wb.xlsx;
  const write = xlsx.writeBuffer.bind(xlsx);
  xlsx.writeBuffer = async (options?: Partial<ExcelJS.XlsxWriteOptions>) => {
    const files = unzipSync(new Uint8Array(await write({ ...options, zip: { compression: "STORE" } })));
    for (const one of pending.get(wb) ?? []) {
      const path = `xl/worksheets/sheet${one.sheetId}.xml`;
      if (!files[path]) throw new Error(`splice: ${path} not written`);
      files[path] = strToU8(spliceSheet(strFromU8(files[path]), one));
    }
    const level = ((options?.zip as { compressionOptions?: { level?: number } } | undefined)?.compressionOptions?.level ?? 6) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
    const out: Zippable = {};
    for (const [name, data] of Object.entries(files)) out[name] = [data, { level }];
    return zipSync(out) as unknown as ExcelJS.Buffer;
  };
}

/** Adds the document as a new sheet of the workbook. */
export async function addSheetDoc(wb: ExcelJS.Workbook, doc: SheetDoc): Promise<ExcelJS.Worksheet> {
  const p = doc.print;
  const ws = wb.addWorksheet(doc.name, {
    views: doc.freeze ? [{ state: "frozen", xSplit: doc.freeze.cols, ySplit: doc.freeze.rows, topLeftCell: a1(doc.freeze.rows, doc.freeze.cols) }] : undefined,
    properties: doc.tabColor ? { tabColor: { argb: `FF${doc.tabColor}` } } : undefined,
    pageSetup: {
      paperSize: 9,
      orientation: p.orientation,
      ...(p.fit ? { fitToPage: true, fitToWidth: p.fit.width, fitToHeight: p.fit.height } : { fitToPage: false, scale: p.scale ?? 100 }),
      printTitlesRow: p.titleRows ? `${p.titleRows[0] + 1}:${p.titleRows[1] + 1}` : undefined,
      printTitlesColumn: p.titleCols ? `${a1(0, p.titleCols[0]).replace(/\d+$/, "")}:${a1(0, p.titleCols[1]).replace(/\d+$/, "")}` : undefined,
      printArea: printAreaRange(`A1:${a1(p.lastRow, p.lastCol ?? doc.width - 1)}`),
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: p.header ? `&C${p.header.replace(/&/g, "&&")}` : undefined, oddFooter: p.footer ? `&C${p.footer}` : undefined },
  });
  doc.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of doc.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  for (const r of doc.hiddenRows) ws.getRow(r + 1).hidden = true;
  for (const [r, h] of doc.heights) ws.getRow(r + 1).height = h;
  // One ExcelJS style object per (style-table entry, number format, lock, date or not), shared by every cell that
  // has it: ExcelJS's style manager renders a style to XML to find its id unless it has seen the very object
  // (xlsx/xform/style/styles-xform.js addStyleModel, a WeakMap) — per-cell objects cost a render each. Only a
  // date cell gets another id for the same object (ExcelJS gives an unformatted date a date format).
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (c: DocCell): Partial<ExcelJS.Style> => {
    const key = styleKey(doc, c);
    let style = shared.get(key);
    if (!style) {
      const { font, fill, alignment, border } = excelStyle(doc.styles[c.s] ?? {});
      style = { font, alignment };
      if (fill) style.fill = fill;
      if (border) style.border = border;
      if (c.numFmt) style.numFmt = c.numFmt;
      if (c.locked === false || doc.protect) style.protection = { locked: c.locked !== false };
      shared.set(key, Object.freeze(style));
    }
    return style;
  };
  // Columns of one formula filled down (SheetDoc.filledDown): stored as one shared formula each, below; the
  // plain rows of the block are written by the splice (spliceOnWrite), the others here.
  const filled = new Set<string>();
  for (const d of doc.filledDown ?? []) for (let r = d.r1; r <= d.r2; r++) filled.add(`${r}:${d.c}`);
  const plain = plainRows(doc);
  const spliced = new Set(plain?.rows);
  doc.rows.forEach((row, r) => {
    if (spliced.has(r)) return;
    const wsRow = ws.getRow(r + 1);
    row.forEach((c, k) => {
      if (!c) return;
      const cell = wsRow.getCell(k + 1);
      if (c.f !== undefined && filled.has(`${r}:${k}`)) {
        // written below as one shared formula
      } else if (c.f !== undefined) cell.value = { formula: fileFormula(c.f), result: (c.cached ?? "") as ExcelJS.CellFormulaValue["result"] } as ExcelJS.CellFormulaValue;
      else if (c.v !== undefined && c.v !== null) cell.value = c.v;
      cell.style = styleOf(c);
    });
  });
  const result = (r: number, c: number): string | number => {
    const v = doc.rows[r]?.[c]?.cached;
    return typeof v === "number" || typeof v === "string" ? v : "";
  };
  for (const d of doc.filledDown ?? []) {
    const master = doc.rows[d.r1]?.[d.c]?.f;
    if (master === undefined) continue;
    if (!plain) {
      ws.fillFormula(`${a1(d.r1, d.c)}:${a1(d.r2, d.c)}`, fileFormula(master), (row: number) => result(row - 1, d.c));
      continue;
    }
    // The master names the whole block (ref); the rows ExcelJS writes refer to it, the spliced ones likewise.
    const at = a1(d.r1, d.c);
    ws.getCell(at).value = { formula: fileFormula(master), shareType: "shared", ref: `${at}:${a1(d.r2, d.c)}`, result: result(d.r1, d.c) } as ExcelJS.CellFormulaValue;
    for (let r = d.r1 + 1; r <= d.r2; r++) if (!spliced.has(r)) ws.getCell(a1(r, d.c)).value = { sharedFormula: at, result: result(r, d.c) } as ExcelJS.CellSharedFormulaValue;
  }
  if (plain) spliceOnWrite(wb, { sheetId: ws.id, doc, master: plain.master, rows: plain.rows });
  for (const m of doc.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  addValidationRuns(ws, doc.validations);
  if (doc.autoFilter) {
    const f = doc.autoFilter;
    ws.autoFilter = { from: { row: f.r1 + 1, column: f.c1 + 1 }, to: { row: f.r2 + 1, column: f.c2 + 1 } };
  }
  if (doc.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return ws;
}

/**
 * A workbook of the given documents, as bytes, free of Node (the command line writes them: src/xlsx/writeFiles.ts).
 * Documents of constants (the 核定表, 平台数据…) have their cells written directly (sheetDocXml.ts: ExcelJS's own
 * XML, a tenth of its time); others through ExcelJS alone (sheetDocsBytesExcelJS).
 */
export async function sheetDocsBytes(docs: readonly SheetDoc[]): Promise<Uint8Array> {
  if (!docs.length || !docs.every(directlyWritable)) return sheetDocsBytesExcelJS(docs);
  const { skeletons, firstOfKey } = skeletonOf(docs, styleKey);
  const wb = newWorkbook();
  for (const d of skeletons) await addSheetDoc(wb, d);
  const skeleton = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } }));
  return completeWorkbook(skeleton, docs, styleKey, firstOfKey);
}

/** The same workbook written by ExcelJS alone: for documents with formulas or dates, and the tests' reference. */
export async function sheetDocsBytesExcelJS(docs: readonly SheetDoc[]): Promise<Uint8Array> {
  const wb = newWorkbook();
  for (const d of docs) await addSheetDoc(wb, d);
  // Deflate's fastest level: a 20,000-row 核定表 compresses in a third of the default's time, 1.5 MB instead of
  // 1.1 MB; the parts inside are the same bytes.
  return new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } }));
}

/** The same as a Node Buffer. */
export async function sheetDocsToBuffer(docs: readonly SheetDoc[]): Promise<Buffer> {
  const bytes = await sheetDocsBytes(docs);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
