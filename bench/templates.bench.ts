// Time to generate every template as a file: the 8 县区 and 60 市直部门 (the editable list, padded with
// numbered names to 60), each with its 双公示台账 as the command line writes it by default, and without it
// (`template --no-ledger`). Prints ms per file and total, and file sizes.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unitsOf, getCatalog, type UnitKind } from "../src/core/index";
import { defaultUnits } from "../src/cli/commands/template";
import { templateFileName } from "../src/core/fileNames";
import { buildTemplateLayout } from "../src/layout/template";
import type { Variant } from "../src/layout/template/types";
import { writeTemplateFile } from "../src/xlsx/writeFiles";

async function batch(kind: UnitKind, units: string[], variant: Variant, dir: string, ledger = true): Promise<void> {
  const catalog = getCatalog(2022, kind);
  let layoutMs = 0;
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (const unit of units) {
    const t1 = process.hrtime.bigint();
    const layout = buildTemplateLayout(catalog, { name: unit }, { variant, ledger });
    layoutMs += Number(process.hrtime.bigint() - t1) / 1e6;
    const file = join(dir, templateFileName(unit, 2022, kind));
    await writeTemplateFile(layout, file);
    bytes += statSync(file).size;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(
    `${kind.padEnd(10)} ${variant.padEnd(8)} ${ledger ? "台账" : "无台账"} ${String(units.length).padStart(2)} files in ${ms.toFixed(0)} ms → ${(ms / units.length).toFixed(1)} ms/file ` +
      `(layout ${(layoutMs / units.length).toFixed(1)} ms/file), ${(bytes / units.length / 1024).toFixed(1)} KB/file`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-templates-"));
  try {
    const listed = defaultUnits("department", 2022);
    const departments = Array.from({ length: 60 }, (_, i) => listed[i] ?? `市直部门${String(i + 1).padStart(2, "0")}`);
    await batch("county", [...unitsOf(2022).county], "addin", dir); // warm-up pass of the modules
    for (const variant of ["addin", "portable"] as Variant[]) {
      for (const ledger of [true, false]) {
        const t0 = Date.now();
        await batch("county", [...unitsOf(2022).county], variant, dir, ledger);
        await batch("department", departments, variant, dir, ledger);
        console.log(`  all 68 ${variant} templates${ledger ? " with their 双公示台账" : " without 双公示台账 (--no-ledger)"}: ${Date.now() - t0} ms`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
