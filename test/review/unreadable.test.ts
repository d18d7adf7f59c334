// A file that cannot be read is listed in the 汇总 by name with its reason, in one readable sentence.
import { summarize } from "../../src/review/summary";
import { auditTime } from "../../src/review/verification";
import { LIMIT_MESSAGE, readWorkbookBytes, WorkbookReadError } from "../../src/read/index";

const reasonOf = (bytes: Uint8Array): string => {
  try {
    readWorkbookBytes(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e.message;
  }
  throw new Error("expected a refusal");
};

test("the reader's own reasons read as one sentence after the file's name", () => {
  const zipTooShort = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]);
  const unreadable = [
    { source: "坏.xlsx", message: reasonOf(zipTooShort) },
    { source: "大.xlsx", message: `${LIMIT_MESSAGE}（文件 70 MB，超过 64 MB）` },
    { source: "旧.xls", message: reasonOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])) },
  ];
  const data = summarize([], { year: 2022, expected: { county: [], department: [] }, unreadable }, auditTime);
  const messages = data.problems.map((p) => p.message);
  expect(messages).toEqual([
    expect.stringMatching(/^文件“坏\.xlsx”已损坏或不是有效的 xlsx 工作簿/),
    expect.stringMatching(/^文件“大\.xlsx”过大或内容异常，请另存为 \.xlsx 后重发/),
    expect.stringMatching(/^文件“旧\.xls”是旧版 \.xls 格式/),
  ]);
  for (const m of messages) expect(m).not.toMatch(/”文件/);
});
