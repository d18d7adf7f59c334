// Native bar charts added to an xlsx package after ExcelJS has written it (ExcelJS writes no charts): one
// drawing part for the sheet with one two-cell anchor per chart, one DrawingML chart part per chart
// (ECMA-376 Part 1, §21.2 charts and §20.5 spreadsheet drawing), with the values cached in the chart so
// programs that do not recalculate still draw it. Excel, WPS and LibreOffice read these parts.
import JSZip from "jszip";
import { colLetter } from "../core/a1";
import type { ChartSpec } from "../review/summaryGrid";
import { xmlEncode } from "./sheetDocXml";

const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
};

// Our writers' XML text rule (sheetDocXml.xmlEncode, ExcelJS's): control characters dropped — a unit name pasted
// from another program with a \x01 in it must not make the chart part, and the whole 汇总, unreadable. The
// apostrophe stays as it is (element text and double-quoted attributes need no &apos;), so the parts are
// byte for byte what they were for every name without such characters.
const esc = (s: string) => xmlEncode(s).replace(/&apos;/g, "'");
const sheetRef = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const absRange = (sheet: string, col: number, r1: number, r2: number) => `${sheetRef(sheet)}!$${colLetter(col + 1)}$${r1 + 1}:$${colLetter(col + 1)}$${r2 + 1}`;

/**
 * A column chart, rank 1 on the left, value axis 0–100, each column labelled with its score; unit names
 * under the columns written vertically (one Chinese character above the other) when there are more than
 * 12, so 42 names fit across an A4 page and none is dropped for overlap; up to 12 they read across.
 */
export function chartXml(spec: ChartSpec): string {
  const n = spec.points.length;
  const cats = spec.points.map((p, i) => `<c:pt idx="${i}"><c:v>${esc(p.label)}</c:v></c:pt>`).join("");
  const vals = spec.points.map((p, i) => (p.value === null ? "" : `<c:pt idx="${i}"><c:v>${p.value}</c:v></c:pt>`)).join("");
  const size = n > 20 ? 900 : 1000;
  const font = `<a:latin typeface="宋体"/><a:ea typeface="宋体"/>`;
  const txPr = (bodyPr: string, sz: number) => `<c:txPr>${bodyPr}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}">${font}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
  // Many columns: the score is written inside the top of each column, turned, in white.
  const txPrColored = (bodyPr: string, sz: number, color: string) =>
    `<c:txPr>${bodyPr}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${font}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
  const title = `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1">${font}</a:rPr><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}">` +
    `<c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${title}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>考核得分</c:v></c:tx>` +
    `<c:spPr><a:solidFill><a:srgbClr val="2F5597"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
    `<c:dLbls><c:numFmt formatCode="General" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${n > 20 ? txPrColored(`<a:bodyPr rot="-5400000" vert="horz"/>`, size, "FFFFFF") : txPr("<a:bodyPr/>", size)}<c:dLblPos val="${n > 20 ? "inEnd" : "outEnd"}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    `<c:cat><c:strRef><c:f>${esc(absRange(spec.sheet, spec.categories.col, spec.categories.r1, spec.categories.r2))}</c:f><c:strCache><c:ptCount val="${n}"/>${cats}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(absRange(spec.sheet, spec.values.col, spec.values.r1, spec.values.r2))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${vals}</c:numCache></c:numRef></c:val>` +
    `</c:ser><c:gapWidth val="50"/><c:axId val="500010"/><c:axId val="500020"/></c:barChart>` +
    `<c:catAx><c:axId val="500010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr(n > 12 ? `<a:bodyPr vert="eaVert"/>` : "<a:bodyPr/>", size)}<c:crossAx val="500020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500020"/><c:scaling><c:orientation val="minMax"/><c:max val="100"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr("<a:bodyPr/>", 1000)}<c:crossAx val="500010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="10"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>` +
    `</c:chartSpace>`
  );
}

function drawingXml(charts: ChartSpec[]): string {
  const anchors = charts
    .map(
      (c, i) =>
        `<xdr:twoCellAnchor editAs="oneCell">` +
        `<xdr:from><xdr:col>${c.from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${c.to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(c.name)}" descr="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rIdChart${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}">${anchors}</xdr:wsDr>`;
}

/** The package path of a sheet's part ("xl/worksheets/sheet1.xml"), found through workbook.xml and its rels. */
export async function sheetPartPath(zip: JSZip, sheetName: string): Promise<string | undefined> {
  const wb = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!wb || !rels) return undefined;
  const unxml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    if (name === undefined || unxml(name) !== sheetName || !id) continue;
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((x) => x[0]).find((x) => new RegExp(`\\bId="${id}"`).test(x));
    const target = rel && /\bTarget="([^"]*)"/.exec(rel)?.[1];
    if (!target) return undefined;
    return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  }
  return undefined;
}

const relsPathOf = (part: string) => part.replace(/([^/]+)$/, "_rels/$1.rels");

/** Adds the charts to the named sheet of an xlsx package written by ExcelJS; returns the new package. */
export async function addCharts(xlsx: Uint8Array, charts: ChartSpec[]): Promise<Uint8Array> {
  if (!charts.length) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPath = await sheetPartPath(zip, charts[0].sheet);
  if (!sheetPath) throw new Error(`工作表“${charts[0].sheet}”不在文件中`);
  const taken = (prefix: string) => Object.keys(zip.files).filter((f) => f.startsWith(prefix)).length;
  const drawingNo = taken("xl/drawings/drawing") + 1;
  const chartBase = taken("xl/charts/chart");
  const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
  zip.file(drawingPath, drawingXml(charts));
  zip.file(
    relsPathOf(drawingPath),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">` +
      charts.map((_, i) => `<Relationship Id="rIdChart${i + 1}" Type="${NS.chartRel}" Target="../charts/chart${chartBase + i + 1}.xml"/>`).join("") +
      `</Relationships>`,
  );
  charts.forEach((c, i) => zip.file(`xl/charts/chart${chartBase + i + 1}.xml`, chartXml(c)));

  // The sheet refers to its drawing: a relationship, and <drawing> in its schema position (before any
  // legacyDrawing of cell notes, after page setup, header/footer and page breaks).
  const sheetRels = relsPathOf(sheetPath);
  const relsText = (await zip.file(sheetRels)?.async("string")) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
  const relId = "rIdCreditChart";
  zip.file(sheetRels, relsText.replace("</Relationships>", `<Relationship Id="${relId}" Type="${NS.drawingRel}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`));
  let sheet = await zip.file(sheetPath)!.async("string");
  if (!/xmlns:r="/.test(sheet.slice(0, 600))) sheet = sheet.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
  const element = `<drawing r:id="${relId}"/>`;
  const before = /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(sheet);
  sheet = before ? sheet.slice(0, before.index) + element + sheet.slice(before.index) : sheet.replace("</worksheet>", `${element}</worksheet>`);
  zip.file(sheetPath, sheet);

  let types = await zip.file("[Content_Types].xml")!.async("string");
  const overrides =
    `<Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
    charts.map((_, i) => `<Override PartName="/xl/charts/chart${chartBase + i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`).join("");
  types = types.replace("</Types>", `${overrides}</Types>`);
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * What a workbook holds that the ExcelJS round trip would drop: charts, pictures, pivot tables and chart
 * sheets on any sheet but the 汇总 (whose chart this add-in draws again). Returns Chinese descriptions.
 */
export async function objectsLostOnRewrite(xlsx: Uint8Array, ownSheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const own = await sheetPartPath(zip, ownSheet);
  const ownDrawings = new Set<string>();
  const ownCharts = new Set<string>();
  if (own) {
    const rels = (await zip.file(relsPathOf(own))?.async("string")) ?? "";
    for (const m of rels.matchAll(/Target="\.\.\/drawings\/([^"]+)"/g)) ownDrawings.add(`xl/drawings/${m[1]}`);
    for (const d of ownDrawings) {
      const text = (await zip.file(d)?.async("string")) ?? "";
      // Our drawing holds charts only; a picture the office pasted onto the 汇总 would be lost too.
      if (/<xdr:pic\b/.test(text)) ownDrawings.delete(d);
      const drels = (await zip.file(relsPathOf(d))?.async("string")) ?? "";
      for (const m of drels.matchAll(/Target="\.\.\/charts\/([^"]+)"/g)) ownCharts.add(`xl/charts/${m[1]}`);
    }
  }
  const lost: string[] = [];
  for (const f of Object.keys(zip.files)) {
    if (zip.files[f].dir || f.includes("/_rels/")) continue;
    if (/^xl\/drawings\/drawing\d+\.xml$/.test(f) && !ownDrawings.has(f)) lost.push("图表或图片");
    else if (/^xl\/charts\/chart\d+\.xml$/.test(f) && !ownCharts.has(f)) lost.push("图表");
    else if (/^xl\/pivotTables\//.test(f)) lost.push("数据透视表");
    else if (/^xl\/chartsheets\//.test(f)) lost.push("图表工作表");
  }
  return [...new Set(lost)];
}
