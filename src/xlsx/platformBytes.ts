// The office's 平台数据 from the bytes of a filled 平台数据 workbook, free of Node: the command line's
// --platform (src/cli/commands/summary.ts readPlatformFile reads the file from disk) and the workbench page
// (given a File) read it here, so both find the same sheets, refuse the same files and say the same words.
// Every sheet is read by the one bounded reader (src/read/); a sheet that is not a 平台数据 sheet is passed
// over; the figures are read by src/review/platform.ts (names through the identity rules, never guessed).
import { UNIT_KIND_LABEL, type Catalog, type UnitKind } from "../core/index";
import { platformSheetInfo, readPlatformRows, type PlatformData } from "../review/platform";
import { fileReason } from "../review/types";
import { readSheetRows, sheetNamesOf, WorkbookReadError } from "../read/index";

/** A 平台数据 file that cannot be used, in Chinese (the file named): the caller shows it and uses none of the file. */
export class PlatformFileError extends Error {}

export interface PlatformReadContext {
  /** The year of a sheet that does not say its own (the run's year; may throw the caller's error). */
  year(): number;
  /** The catalog of a sheet's year and kind (may throw: its message is given with the sheet named). */
  catalog(year: number, kind: UnitKind): Catalog;
  /** The member units of a sheet's year and kind (the --departments list where one was given). */
  members(year: number, kind: UnitKind): readonly string[];
}

/** Every 平台数据 sheet of a workbook's bytes, read back; throws PlatformFileError when the file has none or cannot be read. */
export function readPlatformBytes(file: string, bytes: Uint8Array, ctx: PlatformReadContext): PlatformData[] {
  let names: string[];
  try {
    names = sheetNamesOf(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new PlatformFileError(fileReason(file, e.message));
    throw e;
  }
  const found: PlatformData[] = [];
  for (const name of names) {
    let sheet;
    try {
      sheet = readSheetRows(bytes, name);
    } catch (e) {
      if (e instanceof WorkbookReadError) throw new PlatformFileError(`${fileReason(file, e.message)}（工作表“${name}”）`);
      throw e;
    }
    if (!sheet) continue;
    const info = platformSheetInfo(sheet.rows, name);
    if (!info.kind) continue;
    const year = info.year ?? ctx.year();
    let catalog: Catalog;
    try {
      catalog = ctx.catalog(year, info.kind);
    } catch (e) {
      throw new PlatformFileError(`文件“${file}”的工作表“${name}”是 ${year} 年度${UNIT_KIND_LABEL[info.kind]}的平台数据：${(e as Error).message}`);
    }
    found.push(readPlatformRows(sheet.rows, name, catalog, ctx.members(year, info.kind)));
  }
  if (!found.length) throw new PlatformFileError(`文件“${file}”中没有平台数据工作表（应为 npm run cli -- platform --kind … --out 生成、填写后保存的文件）`);
  return found;
}

/**
 * The sheets of one more 平台数据 file added to those already given (one file per kind, or one with both
 * sheets). Two sheets for the same year and kind are refused: which one the 核定 was made on could not be told.
 */
export function addPlatformSheets(all: readonly PlatformData[], file: string, found: readonly PlatformData[], lead = "--platform 给出了"): PlatformData[] {
  const out = [...all];
  for (const d of found) {
    const twin = out.find((x) => x.catalog.kind === d.catalog.kind && x.catalog.year === d.catalog.year);
    if (twin) throw new PlatformFileError(`${lead}两份 ${d.catalog.year} 年度${UNIT_KIND_LABEL[d.catalog.kind]}的平台数据（工作表“${twin.sheet}”和文件“${file}”的“${d.sheet}”），请只给出一份`);
    out.push(d);
  }
  return out;
}
