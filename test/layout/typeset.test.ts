// Chinese line breaking of the sheet's own texts (src/layout/typeset.ts). The printed result is tested on the
// PDF in test/xlsx/print.test.ts; here, the rules on the texts themselves.
import { getCatalog, type UnitKind } from "../../src/core/index";
import { LINE_START_FORBIDDEN, lineEms, typeset } from "../../src/layout/typeset";

const OPENING = /[（“‘《]$/;

test("category labels of column A (11 characters at 11 pt) break between words, never one character alone", () => {
  expect(typeset("四、信用权益保护\n（10分）", 11, 11)).toBe("四、信用\n权益保护\n（10分）");
  expect(typeset("一、信用制度和基础建设\n（25分）", 11, 11).split("\n")).not.toContain("设");
  for (const line of typeset("五、诚信教育\n（10分）", 11, 11).split("\n")) expect([...line].length).toBeGreaterThan(1);
});

test("no line starts with closing punctuation or ends with opening; figures are never split", () => {
  const t = typeset("码上诚信”赋码数量不低于本行政区域内市场总量 40%，未完成扣 10 分。按户数精确比较：39.995% 扣分，2022-04-28 前（含当日）报送。", 12, 10);
  for (const line of t.split("\n")) {
    expect(LINE_START_FORBIDDEN.has(line[0])).toBe(false);
    expect(line).not.toMatch(OPENING);
  }
  expect(t).toContain("39.995%");
  expect(t).toContain("2022-04-28");
  expect(t.replace(/\s/g, "")).toBe("码上诚信”赋码数量不低于本行政区域内市场总量40%，未完成扣10分。按户数精确比较：39.995%扣分，2022-04-28前（含当日）报送。");
});

test.each(["county", "department"] as UnitKind[])("every %s indicator and clause text fits its column line by line, and keeps its characters", (kind) => {
  for (const cat of getCatalog(2022, kind).categories) {
    for (const ind of cat.indicators) {
      for (const [text, width, size] of [[ind.title, 13, 11], ...ind.clauses.map((c) => [c.text, 23, 11] as const)] as const) {
        const t = typeset(text, width, size);
        expect(t.replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        for (const line of t.split("\n")) {
          expect(LINE_START_FORBIDDEN.has(line[0])).toBe(false);
          const ems = [...line].reduce((w, ch) => w + (ch.charCodeAt(0) >= 0x2000 ? 1 : ch === " " ? 0.3 : 0.6), 0);
          expect(ems).toBeLessThanOrEqual(lineEms(width, size) + 1e-9);
        }
      }
    }
  }
});
