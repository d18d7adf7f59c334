// Three units' review placed as the 核定表's data — one 市直部门 with a 不涉及 claim, one 县区 with a deduction,
// one without — shared by the tests of the 核定表's grid and of its direct XML writer, so both test one sample.
import { reviewSheetData } from "../../src/review/reviewSheet";
import { placeUnits } from "../../src/review/summary";
import { reviewUnit } from "../../src/review/unit";
import { sheetOf } from "./sheets";

export const SAMPLE_EXPECTED = { county: ["兴山区", "向阳区"], department: ["市教育局"] };

/** A fresh copy each call: a test may add sections (未匹配, notes) to it. */
export function sampleReviewData(): ReturnType<typeof reviewSheetData> {
  const reviews = [
    reviewUnit(sheetOf("市教育局", "department", { notApplicable: ["department.3.3"] }), { year: 2022 }),
    reviewUnit(sheetOf("向阳区", "county", { values: { meetingsHeld: 0 } }), { year: 2022 }),
    reviewUnit(sheetOf("兴山区", "county"), { year: 2022 }),
  ];
  return reviewSheetData(placeUnits(reviews, { expected: SAMPLE_EXPECTED }), { year: 2022, expected: SAMPLE_EXPECTED, generatedAt: "2022-12-20T10:00:00+08:00" });
}
