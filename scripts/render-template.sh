#!/bin/sh
# Renders the first page of a county and a department template to docs/template-*.png (LibreOffice + poppler),
# so the layout can be seen without Excel.  Usage: sh scripts/render-template.sh [portable]
set -e
cd "$(dirname "$0")/.."
VARIANT=${1:-addin}
TMP=$(mktemp -d /tmp/render-template.XXXXXX)
npm run -s cli -- template --kind county --units 兴山区 --variant "$VARIANT" --out "$TMP" >/dev/null
npm run -s cli -- template --kind department --units 市市场监督管理局 --variant "$VARIANT" --out "$TMP" >/dev/null
for pair in "county:兴山区-2022-县区" "department:市市场监督管理局-2022-市直部门"; do
  kind=${pair%%:*}; file=${pair#*:}
  soffice -env:UserInstallation=file://$TMP/profile --headless --convert-to pdf --outdir "$TMP" "$TMP/$file.xlsx" >/dev/null 2>&1
  pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$TMP/$file.pdf" "docs/template-$kind"
  echo "docs/template-$kind.png ($(pdfinfo "$TMP/$file.pdf" 2>/dev/null | grep Pages || echo '? pages'))"
done
rm -rf "$TMP"
