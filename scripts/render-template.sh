#!/bin/sh
# Renders the pictures in docs/ with LibreOffice + poppler, so the documents can be seen without Excel:
# the first page of a blank county and department template, a filled template, the 汇总 report sheet and
# its 工作记录, and a unit's 结果反馈单. Usage: sh scripts/render-template.sh
set -e
cd "$(dirname "$0")/.."
TMP=$(mktemp -d /tmp/render-docs.XXXXXX)
npx tsx scripts/render-docs.ts "$TMP"
for f in template-county template-department template-filled summary feedback; do
  soffice -env:UserInstallation=file://$TMP/profile --headless --norestore --convert-to pdf --outdir "$TMP" "$TMP/$f.xlsx" >/dev/null 2>&1
done
png() { pdftoppm -png -r 110 -f "$2" -l "$2" -singlefile "$TMP/$1.pdf" "docs/$3"; echo "docs/$3.png (page $2 of $(pdfinfo "$TMP/$1.pdf" | sed -n 's/^Pages: *//p'))"; }
png template-county 1 template-county
png template-department 1 template-department
png template-filled 1 template-filled
png summary 1 summary-report
png feedback 1 feedback
# The 工作记录 follows the report's pages: its first page is the first one that names it.
LOG=$(for p in $(seq 1 "$(pdfinfo "$TMP/summary.pdf" | sed -n 's/^Pages: *//p')"); do pdftotext -f "$p" -l "$p" "$TMP/summary.pdf" - | grep -q "考核工作记录" && echo "$p" && break; done)
png summary "$LOG" summary-log
rm -rf "$TMP"
