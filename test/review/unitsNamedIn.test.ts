// The member units a file name names (src/review/identity.ts unitsNamedIn), answered once per file name and member
// lists: a remembered answer must never be given for another name or for other lists.
import { unitsNamedIn } from "../../src/review/identity";

test("each file name and each member list gets its own answer, asked in any order and again", () => {
  const year1 = { county: ["兴山区", "萝北县"], department: ["市公安局", "市公安局交警支队", "市财政局"] };
  const year2 = { county: ["兴山区"], department: ["市财政局"] };
  for (let round = 0; round < 2; round++) {
    expect(unitsNamedIn("兴山区.xlsx", year1)).toEqual(["兴山区"]);
    expect(unitsNamedIn("萝北县.xlsx", year2)).toEqual([]);
    expect(unitsNamedIn("萝北县.xlsx", year1)).toEqual(["萝北县"]);
    expect(unitsNamedIn("市公安局交警支队-2022.xlsx", year1)).toEqual(["市公安局交警支队"]);
    expect(unitsNamedIn("市公安局.xlsx", year1)).toEqual(["市公安局"]);
    expect(unitsNamedIn("考核表.xlsx", year1)).toEqual([]);
  }
  // an answer changed by its caller does not change the next one
  unitsNamedIn("市财政局.xlsx", year2).push("萝北县");
  expect(unitsNamedIn("市财政局.xlsx", year2)).toEqual(["市财政局"]);
});
