// What reaches the clerk from an error or a refused file: plain Chinese with a next step, never library text.
import { ActionError, describeError, isPlainChinese } from "../../src/taskpane/actions";
import { DAMAGED_FILE, rejectedMessage } from "../../src/taskpane/officeActions";

it.each([
  ["Can't find end of central directory : is this a zip file ? If it is, see https://stuk.github.io/jszip/documentation/howto/read_zip.html"],
  ["文件已损坏或不是有效的 xlsx 工作簿（Can't find end of central directory : is this a zip file ?）"],
  ["文件已损坏或不是有效的 xlsx 工作簿（End of data reached (data length = 19, asked index = 30). Corrupted zip ?）"],
])("a damaged file says what to ask the unit: %s", (reason) => {
  expect(rejectedMessage(reason)).toBe(DAMAGED_FILE);
  expect(DAMAGED_FILE).toMatch(/另存为.*xlsx.*重发/);
});

it("a Chinese reason is kept, library text in brackets is dropped, and pure library text is not shown", () => {
  expect(rejectedMessage("不是本年度的考核表（2021 年）")).toBe("未导入：不是本年度的考核表（2021 年）。");
  expect(rejectedMessage("当前 Excel 版本不支持定义名称（需要 ExcelApi 1.4），无法导入考核表")).toContain("需要 ExcelApi 1.4");
  expect(rejectedMessage("工作表“兴山区 (2)”缺少 CR_UNIT")).toBe("未导入：工作表“兴山区 (2)”缺少 CR_UNIT。");
  expect(rejectedMessage("无法读取（Cannot read properties of undefined (reading 'x')）")).toBe("未导入：无法读取。");
  const pure = rejectedMessage("TypeError: Cannot read properties of undefined");
  expect(pure).toMatch(/^未导入：.*请单位/);
  expect(pure).not.toMatch(/[A-Za-z]{3,}/);
});

it("isPlainChinese: Chinese with the pane's own words passes; English, stacks and URLs do not", () => {
  expect(isPlainChinese("请使用 Microsoft 365、Excel 2021 及以上或 Excel 网页版")).toBe(true);
  expect(isPlainChinese("单元格 F12 的 CR_DED_county_1_1_1 不是数字")).toBe(true);
  expect(isPlainChinese("Cannot set properties of undefined")).toBe(false);
  expect(isPlainChinese("读取失败 at readWorkbook (x.js:1:2)")).toBe(false);
  expect(isPlainChinese("见 https://example.com")).toBe(false);
});

it("describeError: ours as they are, Office codes in Chinese, anything else names the work and what to do", () => {
  expect(describeError(new ActionError("核定未保存：扣分超出范围。", "请更正后再保存。"))).toEqual({ message: "核定未保存：扣分超出范围。", next: "请更正后再保存。" });
  expect(describeError(Object.assign(new Error("x"), { code: "InvalidOperationInCellEditMode" })).next).toContain("Enter 或 Esc");
  expect(describeError(new Error("找不到工作表“兴山区”")).message).toBe("找不到工作表“兴山区”。");
  const unknown = describeError(new TypeError("Cannot set properties of undefined (setting 'values')"), "生成 8 个模板");
  expect(unknown.message).toMatch(/^生成 8 个模板没有完成/);
  expect(unknown.next).toContain("关闭并重新打开本窗格");
  expect(`${unknown.message}${unknown.next}`).not.toMatch(/Cannot|undefined/);
  expect(describeError(new DOMException("x", "AbortError")).message).toBe("已取消。");
});
