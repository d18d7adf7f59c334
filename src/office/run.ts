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

/** Deletes the named sheets that exist, each on its own (one may be gone already); best effort. */
export async function removeSheetsIfPresent(context: Excel.RequestContext, sheetNames: readonly string[]): Promise<void> {
  for (const name of sheetNames) await removeSheetIfPresent(context, name);
}

export interface Swap {
  /** The name the draft takes. */
  name: string;
  draft: Excel.Worksheet;
  /** The draft's own name, which it takes back if the swap is undone. */
  draftName: string;
  /** A sheet of that name existed when the run read the workbook (it is set aside and deleted). */
  existed: boolean;
}

/**
 * Puts complete drafts in the place of the sheets they replace. First, in one batch, only renames — each old
 * sheet aside, each draft to its name (`also` queues more into that batch, e.g. activate): renaming can be
 * undone, so if Excel refuses any of it, what the batch got to is put back (drafts to their own names, old
 * sheets to theirs) and the error is thrown, the workbook showing the previous sheets. Only then, each in a
 * batch of its own, the old sheets are deleted (Worksheet.delete cannot be undone); one that Excel will not
 * delete stays under its aside name, which is returned for the user to be told.
 */
export async function swapIn(context: Excel.RequestContext, swaps: readonly Swap[], also?: () => void): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  const stamp = Date.now() % 1000;
  const asideNames = swaps.map((s) => `${s.name.slice(0, 24)}（旧）${stamp}`);
  try {
    swaps.forEach((s, i) => {
      if (s.existed) sheets.getItem(s.name).name = asideNames[i];
      s.draft.name = s.name;
    });
    also?.();
    await context.sync();
  } catch (e) {
    for (const [i, s] of swaps.entries()) {
      try {
        const old = sheets.getItemOrNullObject(asideNames[i]);
        old.load("isNullObject");
        const draft = s.draft.load("name");
        await context.sync();
        if (draft.name === s.name) draft.name = s.draftName;
        if (!old.isNullObject) old.name = s.name;
        await context.sync();
      } catch {
        /* the failure is what is reported */
      }
    }
    throw e;
  }
  const left: string[] = [];
  for (const [i, s] of swaps.entries()) {
    if (!s.existed) continue;
    try {
      sheets.getItem(asideNames[i]).delete();
      await context.sync();
    } catch {
      left.push(asideNames[i]);
    }
  }
  return left;
}
