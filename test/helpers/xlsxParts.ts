// Hand-built xlsx files for reader tests: a workbook's parts as XML text, zipped with fflate — to write the
// forms Excel, WPS and LibreOffice write that ExcelJS never produces, and hostile files.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export type Parts = Record<string, string | Uint8Array>;

/** A workbook's parts as text (binary parts kept as bytes). */
export function unzipParts(buf: Uint8Array): Parts {
  const out: Parts = {};
  for (const [name, data] of Object.entries(unzipSync(buf))) out[name] = /\.(xml|rels)$/.test(name) ? strFromU8(data) : data;
  return out;
}

/**
 * Zips parts (deflated; `stored` names are stored). Deflate at level 1, fflate's fastest: the same format a reader
 * inflates as Excel's, a little larger — a template holds the 双公示台账's 2,000 rows, and the adversarial
 * files re-zip it for every edit (level 6 took about 3 of integrity.test's CPU seconds).
 */
export function zipParts(parts: Parts, stored: string[] = []): Buffer {
  const z: Zippable = {};
  for (const [name, v] of Object.entries(parts)) z[name] = [typeof v === "string" ? strToU8(v) : v, { level: stored.includes(name) ? 0 : 1 }];
  return Buffer.from(zipSync(z));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface MiniSheet {
  name: string;
  /** The <sheetData> content and anything after it (sheetProtection…). */
  xml: string;
  /** <sheet state="…">: hidden, veryHidden (or visible written out). */
  state?: string;
}

/**
 * A minimal workbook: sheets, defined names (raw <definedName> elements), shared strings (raw <si>
 * contents), cellXfs (raw <xf> elements), numFmts, workbookPr attributes.
 */
export function miniWorkbook(o: { sheets: MiniSheet[]; names: string; sst?: string[]; xfs?: string[]; numFmts?: string; workbookPr?: string; prefix?: string }): Parts {
  const p = o.prefix ?? "";
  const el = (x: string) => (p ? x.replace(/<(\/?)([a-zA-Z])/g, `<$1${p}:$2`) : x);
  const ns = p ? NS.replace('xmlns="', `xmlns:${p}="`) : NS;
  const parts: Parts = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      o.sheets.map((_, i) => `<Relationship Id="rIdS${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      `<Relationship Id="rIdSt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>` +
      `<Relationship Id="rIdSs" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/workbook.xml": el(
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><workbookPr ${o.workbookPr ?? ""}/><sheets>` +
        o.sheets.map((s, i) => `<sheet name="${s.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rIdS${i + 1}"/>`).join("") +
        `</sheets><definedNames>${o.names}</definedNames></workbook>`,
    ),
    "xl/styles.xml": el(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}>${o.numFmts ? `<numFmts>${o.numFmts}</numFmts>` : ""}` +
        `<cellStyleXfs count="1"><xf numFmtId="0"><protection locked="0"/></xf></cellStyleXfs>` +
        `<cellXfs>${(o.xfs ?? ['<xf numFmtId="0"/>']).join("")}</cellXfs></styleSheet>`,
    ),
    "xl/sharedStrings.xml": el(`<?xml version="1.0" encoding="UTF-8"?><sst ${ns}>${(o.sst ?? []).map((s) => `<si>${s}</si>`).join("")}</sst>`),
  };
  o.sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = el(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}>${s.xml}</worksheet>`);
  });
  return parts;
}
