// The pane's few-name reads (核定 list, clause cells) go through the one resolver: the same scope rules as
// every reader of returned files.
import { probedValues } from "../../src/read/resolve";

test("a sheet-scoped name wins; a workbook-scoped one serves the sheet it points at; one pointing elsewhere serves no sheet", () => {
  const got = probedValues(
    ["兴山区", "O'Brien 表", "萝北县"],
    [
      // workbook-scoped: CR_UNIT points at 兴山区 (which also has its own), CR_KIND at O'Brien 表
      { name: "CR_UNIT", address: "兴山区!B2", value: "书里的" },
      { name: "CR_KIND", address: "'O''Brien 表'!$C$3", value: "county" },
      { name: "CR_YEAR" }, // missing in the workbook
      // sheet-scoped
      { name: "CR_UNIT", scope: "兴山区", address: "'兴山区'!B3", value: "兴山区" },
      { name: "cr_year", scope: "兴山区", address: "兴山区!B4:C5", value: 2022 }, // lower-cased, merged block
      { name: "CR_UNIT", scope: "萝北县", address: "兴山区!B9", value: "别人的" }, // points at another sheet
      { name: "CR_KIND", scope: "萝北县" }, // missing
    ],
  );
  expect([...got.keys()]).toEqual(["兴山区", "O'Brien 表"]);
  expect(Object.fromEntries(got.get("兴山区")!)).toEqual({ CR_UNIT: "兴山区", cr_year: 2022 });
  expect(got.get("兴山区")!.get("CR_YEAR")).toBe(2022); // names compare without case
  expect(Object.fromEntries(got.get("O'Brien 表")!)).toEqual({ CR_KIND: "county" });
  expect(got.get("萝北县")).toBeUndefined();
});
