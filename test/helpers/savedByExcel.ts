// The office's workbook as Excel saves it (what Office.context.document.getFileAsync gives the pane): unit
// template sheets with their CR_* names scoped to each sheet (the add-in names cells per sheet, which Excel
// saves as one <definedName localSheetId=…> per sheet) and an office sheet of its own. ExcelJS joins
// same-named cells of several sheets into one workbook name, so its file is rewritten as Excel saves it.
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { getCatalog, type UnitKind } from "../../src/core/index";
import { buildTemplateLayout } from "../../src/layout/template";
import { addTemplateSheet, newWorkbook } from "../../src/xlsx/writeTemplate";

export async function officeWorkbookFile(kind: UnitKind, units: string[], officeText = "考核组内部意见：材料不实"): Promise<Uint8Array> {
  const wb = newWorkbook();
  for (const unit of units) await addTemplateSheet(wb, buildTemplateLayout(getCatalog(2022, kind), { name: unit }, { variant: "addin" }));
  wb.addWorksheet("核定记录").getCell("A1").value = officeText;
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  let book = strFromU8(files["xl/workbook.xml"]);
  const order = [...book.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]);
  book = book.replace(/<definedName name="(CR_[^"]*)">([^<]*)<\/definedName>/g, (_, name: string, refs: string) =>
    refs
      .split(",")
      .map((ref) => `<definedName name="${name}" localSheetId="${order.indexOf(/^&apos;(.*)&apos;!/.exec(ref)![1])}">${ref}</definedName>`)
      .join(""),
  );
  files["xl/workbook.xml"] = strToU8(book);
  return zipSync(files);
}
