// The adversarial suite, third file (issue 20, items 5 and 6): what the office is sent is what it reads.
// - dates as shown: a 双公示 export whose late publication dates are written so that UTC would make them
//   on time (t="d" with +08:00 just after midnight, a 1904-system workbook) is judged by the date shown;
// - nothing skipped in silence: see the "skipped entry" family below.
// Each case records whether the hostile intent succeeded (accepted), the program crashed or data was lost.
import { cli, cliCrashed, record, save, tallyTest } from "./harness";
import { miniWorkbook, zipParts } from "../helpers/xlsxParts";

jest.setTimeout(60_000);

// ---- dates as shown ----
// Decided 2022-04-28 (a Thursday): the 7th working day after it is 2022-05-11 (劳动节 4/30–5/4; 5/7 a 调休
// working day). Every record below was published on 5月12日 — late — written so that a reader converting to
// UTC (or ignoring the 1904 date system) would see 5月11日 or earlier.
const text = (r: string, v: string) => `<c r="${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
type Cell = (ref: string, iso: string) => string;
const FORMS: [string, Cell, string][] = [
  ["t=\"d\" +08:00 after midnight", (r, iso) => `<c r="${r}" t="d"><v>${iso}T00:30:00+08:00</v></c>`, ""],
  ["t=\"d\" +0800 at 07:59", (r, iso) => `<c r="${r}" t="d"><v>${iso}T07:59:00+0800</v></c>`, ""],
  ["t=\"d\" +14:00", (r, iso) => `<c r="${r}" t="d"><v>${iso}T10:00:00+14:00</v></c>`, ""],
  ["text with +08:00", (r, iso) => text(r, `${iso}T00:10:00+08:00`), ""],
  ["1904 serial", (r, iso) => `<c r="${r}" s="1"><v>${Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25569 - 1462}</v></c>`, 'date1904="1"'],
  ["1904 serial with a time", (r, iso) => `<c r="${r}" s="1"><v>${Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25569 - 1462}.02</v></c>`, 'date1904="true"'],
];

describe("dates as shown: a late publication written to look on time in UTC is late", () => {
  test.each(FORMS.map(([label, cell, pr]) => [label, cell, pr] as const))("%s", async (label, cell, workbookPr) => {
    const heading = `<row r="1">${text("A1", "行政相对人名称")}${text("B1", "决定日期")}${text("C1", "公示日期")}${text("D1", "数据来源单位")}</row>`;
    const rows = [0, 1, 2].map((i) => `<row r="${i + 2}">${text(`A${i + 2}`, `第${i + 1}号公司`)}${cell(`B${i + 2}`, "2022-04-28")}${cell(`C${i + 2}`, "2022-05-12")}${text(`D${i + 2}`, "市教育局")}</row>`);
    const bytes = zipParts(miniWorkbook({ sheets: [{ name: "行政许可", xml: `<sheetData>${heading}${rows.join("")}</sheetData>` }], names: "", xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="22"/>'], workbookPr }));
    const r = await cli("publicity", await save("记录.xlsx", bytes), "--json");
    if (cliCrashed(r) || r.code === 2) return record("date as shown", label, { accepted: false, crashed: true, lost: false });
    const j = JSON.parse(r.out) as { onTime: number; late: number; units: { late: { published: string }[] }[] };
    record("date as shown", label, { accepted: j.onTime !== 0 || j.late !== 3 || j.units[0].late.some((l) => l.published !== "2022-05-12"), crashed: false, lost: false });
  });
});

tallyTest(["date as shown"], 6);
