// Returned workbooks for scripts/compare-outputs.sh, made like the tests make them (the tree's own template
// writer, then cells typed by defined name): a perfect, a deducting, an unfinished and a tampered 县区, and two
// 市直部门 (one with an indicator 不涉及). Usage: npx tsx scripts/compare-inputs.ts DIR
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { names } from "../src/core/names";
import { cellOf, returnedFile } from "../test/review/helpers";

async function main(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const save = async (name: string, data: Promise<Buffer>) => writeFileSync(join(dir, name), await data);
  await save("兴山区.xlsx", returnedFile("兴山区", "county"));
  await save("向阳区.xlsx", returnedFile("向阳区", "county"));
  await save("南山区.xlsx", returnedFile("南山区", "county", { values: { meetingsHeld: 0 } }));
  await save("兴安区.xlsx", returnedFile("兴安区", "county", { values: { meetingsHeld: null } }));
  const tamper = { values: { meetingsHeld: 0 }, edit: (wb: Parameters<typeof cellOf>[0]) => void (cellOf(wb, names.deduction("county.1.1.2")).value = 0) };
  await save("萝北县.xlsx", returnedFile("萝北县", "county", tamper));
  await save("市发展和改革委员会.xlsx", returnedFile("市发展和改革委员会", "department"));
  await save("市财政局.xlsx", returnedFile("市财政局", "department", { notApplicable: ["department.2.6"] }));
}

void main(process.argv[2]);
