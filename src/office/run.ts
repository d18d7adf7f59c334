// Every batch of the add-in goes through runExcel: Excel.run with delayForCellEdit, so a click while the
// user is still typing in a cell waits until the edit ends instead of failing. Excel.RunOptions reference:
// "When true, … if the user is in cell edit mode then the batch request is delayed until the user exits cell
// edit mode. The default behavior with no delayForCellEdit property specified is equivalent to when it is
// false" (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). An Excel too old to know the
// option ignores it and fails with InvalidOperationInCellEditMode, which the pane explains in Chinese.
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(RUN_OPTIONS, batch);
}

/**
 * Deletes the named sheet if it exists (a sheet this add-in created in a batch that then failed, or the
 * registration probe's sheet); best effort — the caller's own error or result is what counts.
 */
export async function removeSheetIfPresent(context: Excel.RequestContext, sheetName: string): Promise<void> {
  try {
    const left = context.workbook.worksheets.getItemOrNullObject(sheetName);
    left.load("isNullObject");
    await context.sync();
    if (!left.isNullObject) {
      left.delete();
      await context.sync();
    }
  } catch {
    /* nothing more can be done here */
  }
}
