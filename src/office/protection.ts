// Protection, told apart, for every write of the add-in (template, import, 汇总, 核定). Three different
// reasons a write may be refused, each with its own Chinese message:
//   - a sheet protected with a password: the add-in cannot unprotect it (审阅 → 撤消工作表保护 needs the password);
//   - the workbook's structure protected (审阅 → 保护工作簿): sheets cannot be added, deleted, renamed or moved;
//   - anything else Excel refuses, reported with Excel's own code.
// What can be known before writing is read with the write's own first batch (queueProtectionRead): each
// sheet's protection, where Excel tells it whether a password is set (WorksheetProtection.isPasswordProtected,
// ExcelApiOnline 1.1 — Excel on the web only), and the workbook's structure protection (WorkbookProtection,
// ExcelApi 1.7). On the desktop a password shows only when unprotect() fails; its error code is not
// documented, so unprotectAlone() runs the unprotects in a batch of their own, before any cell changes: a
// failure there can only be a sheet that will not unprotect, whatever the code, and nothing else has changed.
// Excel keeps no Undo for protect/unprotect ("Undo support with the Excel JavaScript API", Unsupported APIs:
// WorksheetProtection.protect/unprotect): a write that protects a sheet ends the user's Undo history there.
import { PROTECTION_OPTIONS, type Supports } from "./common";

export type RefusalKind = "sheetPassword" | "workbookStructure" | "other";

/** A write refused or failed, with its Chinese message: by protection (before it changed anything) or otherwise. */
export class WriteError extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** The sheets in question (sheetPassword). */
    readonly sheets: string[] = [],
  ) {
    super(message);
    this.name = "WriteError";
  }
}

const quoted = (sheets: readonly string[]) => sheets.map((n) => `“${n}”`).join("、");

export function sheetPasswordMessage(sheets: readonly string[]): string {
  return `${quoted(sheets)}工作表设有密码保护，加载项不能解除，未作任何修改；请在“审阅 → 撤消工作表保护”中输入密码解除后再试`;
}

export const STRUCTURE_MESSAGE =
  "工作簿结构受保护（“审阅 → 保护工作簿”），不能添加、删除或重命名工作表，未作任何修改；请在“审阅 → 保护工作簿”中解除（有密码时需输入密码）后再试";

/** Excel's error code of a failed batch, if it has one (OfficeExtension.Error.code). */
export function errorCode(e: unknown): string | undefined {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** What Excel refused, in Chinese, for a write that failed for any other reason ("写入…时 Excel 报错（code）"). */
export function otherFailure(what: string, e: unknown): string {
  const code = errorCode(e);
  return `${what}时 Excel 报错${code ? `（${code}）` : ""}`;
}

/** A write that failed for a reason other than protection; a WriteError already made is passed on as it is. */
export function writeFailed(e: unknown, what: string, outcome: string): WriteError {
  return e instanceof WriteError ? e : new WriteError("other", `${otherFailure(what, e)}，${outcome}`);
}

export interface ProtectionRead {
  /**
   * After the read's sync: refuses (WriteError) a write Excel would refuse for protection, before any
   * write — the workbook's structure when the write adds, deletes or renames sheets; a password where Excel
   * can tell. Returns the sheets (existing, protected) the write must unprotect first.
   */
  check(o: { changesSheets: boolean }): ProtectedSheet[];
}

export interface ProtectedSheet {
  name: string;
  ws: Excel.Worksheet;
}

/**
 * Queues the loads of what protects the given sheets (null objects for sheets that do not exist yet are
 * fine) and the workbook's structure; nothing is synced here.
 */
export function queueProtectionRead(context: Excel.RequestContext, sheets: readonly { name: string; ws: Excel.Worksheet }[], supports: Supports): ProtectionRead {
  const passwords = supports("ExcelApiOnline", "1.1");
  const book = supports("ExcelApi", "1.7") ? context.workbook.protection : undefined;
  book?.load("protected");
  const loaded = sheets.map(({ name, ws }) => {
    ws.load("isNullObject");
    const p = ws.protection;
    p.load(passwords ? "protected,isPasswordProtected" : "protected");
    return { name, ws, p };
  });
  return {
    check({ changesSheets }) {
      if (changesSheets && book?.protected) throw new WriteError("workbookStructure", STRUCTURE_MESSAGE);
      const present = loaded.filter((s) => !s.ws.isNullObject && s.p.protected);
      const locked = passwords ? present.filter((s) => s.p.isPasswordProtected).map((s) => s.name) : [];
      if (locked.length) throw new WriteError("sheetPassword", sheetPasswordMessage(locked), locked);
      return present.map(({ name, ws }) => ({ name, ws }));
    },
  };
}

/**
 * Unprotects the sheets in a batch of its own, before anything else changes. If Excel refuses, the sheets
 * unprotected before the refusal are protected again and a WriteError names the first sheet still
 * protected (the one that refused: operations run in order and the first failure stops the batch).
 */
export async function unprotectAlone(context: Excel.RequestContext, sheets: readonly ProtectedSheet[]): Promise<void> {
  if (!sheets.length) return;
  for (const s of sheets) s.ws.protection.unprotect();
  try {
    await context.sync();
  } catch {
    let still = sheets.map((s) => s.name);
    try {
      const states = sheets.map((s) => ({ s, p: s.ws.protection.load("protected") }));
      await context.sync();
      still = states.filter((x) => x.p.protected).map((x) => x.s.name);
      for (const x of states) if (!x.p.protected) x.p.protect(PROTECTION_OPTIONS);
      await context.sync();
    } catch {
      /* the refusal is what is reported */
    }
    const refused = sheets.find((s) => still.includes(s.name)) ?? sheets[0];
    throw new WriteError("sheetPassword", sheetPasswordMessage([refused.name]), [refused.name]);
  }
}

/**
 * Protects the sheets again (the add-in's options, no password) in a batch of its own; a sheet already
 * protected is left as it is. Best effort, never throws: returns the names of the sheets left unprotected.
 */
export async function protectAgain(context: Excel.RequestContext, sheets: readonly ProtectedSheet[]): Promise<string[]> {
  if (!sheets.length) return [];
  let open = sheets.map((s) => s.name);
  try {
    const states = sheets.map((s) => ({ s, p: s.ws.protection.load("protected") }));
    await context.sync();
    open = states.filter((x) => !x.p.protected).map((x) => x.s.name);
    for (const x of states) if (!x.p.protected) x.p.protect(PROTECTION_OPTIONS);
    if (open.length) await context.sync();
    return [];
  } catch {
    return open;
  }
}

/** The sentence for sheets a write left unprotected (the data is written; protection is a courtesy). */
export function leftOpenNote(sheets: readonly string[]): string | undefined {
  return sheets.length ? `${quoted(sheets)}工作表未能重新加上保护（数据已保存），可在“审阅 → 保护工作表”中自行保护` : undefined;
}
