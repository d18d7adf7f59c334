#!/bin/sh
# Restructuring changes no behaviour: compares everything the command line writes at two commits —
# catalog (text and --json, both kinds), score, template (both kinds, both variants), check (text and --json)
# and summary (--json, and the 汇总 workbook) over returned files made at BEFORE, plus each tree's own
# returned files; the documents of the SheetDoc writer too: review (the 核定表), platform (平台数据, both kinds)
# and feedback (a 结果反馈单 per unit, from the 核定表 as records). Workbooks are compared part by part (unzipped XML, docProps left out); times are masked.
# Usage: sh scripts/compare-outputs.sh BEFORE [AFTER]   (commits; AFTER defaults to HEAD)
# Prints "outputs compared: equal", or the differences and exits 1. Takes a few minutes.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=$1
AFTER=${2:-HEAD}
WORK=$(mktemp -d /tmp/compare-outputs.XXXXXX)
tree() { # tree REV DIR: the commit's files, this checkout's node_modules and input maker
  mkdir -p "$2" && (cd "$ROOT" && git archive "$1") | tar -x -C "$2"
  ln -s "$ROOT/node_modules" "$2/node_modules"
  cp "$ROOT/scripts/compare-inputs.ts" "$2/scripts/compare-inputs.ts"
}
snapshot() { # snapshot TREE OUT
  cd "$1" || exit 2
  mkdir -p "$2"
  run() { n=$1; shift; node_modules/.bin/tsx src/cli/main.ts "$@" >"$OUT/$n.out" 2>"$OUT/$n.err"; echo "exit $?" >>"$OUT/$n.out"; }
  OUT=$2
  for k in county department; do
    run "catalog-$k" catalog --kind $k
    run "catalog-$k-json" catalog --kind $k --json
    run "score-$k" score --kind $k examples/answers-$k.json
    run "score-$k-json" score --kind $k examples/answers-$k.json --json
  done
  run template-county template --kind county --out "$OUT/template-county"
  run template-county-portable template --kind county --variant portable --out "$OUT/template-county-portable"
  run template-department template --kind department --out "$OUT/template-department"
  run template-department-portable template --kind department --variant portable --units 市教育局,市财政局 --out "$OUT/template-department-portable"
  node_modules/.bin/tsx scripts/compare-inputs.ts "$OUT/returned" >"$OUT/returned.log" 2>&1
  run summary-json summary "$WORK/inputs" --json --weight 20
  run summary summary "$WORK/inputs" --out "$OUT/汇总.xlsx"
  run summary-own-json summary "$OUT/returned" --json
  run review review "$WORK/inputs" --out "$OUT/核定表.xlsx"
  run platform-county platform --kind county --out "$OUT/平台数据-县区.xlsx"
  run platform-department platform --kind department --out "$OUT/平台数据-市直部门.xlsx"
  cp "$OUT/核定表.xlsx" "$OUT/核定依据.xlsx" 2>/dev/null
  run feedback feedback "$WORK/inputs" --records "$OUT/核定依据.xlsx" --out "$OUT/反馈" --date 2022-12-28
  for f in "$WORK"/inputs/*.xlsx; do
    b=$(basename "$f" .xlsx)
    run "check-$b" check "$f"
    run "check-$b-json" check "$f" --json
  done
  find "$OUT" -name '*.xlsx' | while read -r x; do mkdir -p "$x.d" && (cd "$x.d" && unzip -qo "$x" && rm -rf docProps) && rm "$x"; done
  grep -rlE "$OUT|$WORK|20[0-9]{2}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:" "$OUT" | while read -r f; do
    sed -i -E "s#$OUT#OUT#g; s#$WORK#WORK#g; s/20[0-9]{2}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9:.]+(Z|\+00:00)?/TIME/g" "$f"
  done
}
tree "$BEFORE" "$WORK/before-tree"
tree "$AFTER" "$WORK/after-tree"
(cd "$WORK/before-tree" && node_modules/.bin/tsx scripts/compare-inputs.ts "$WORK/inputs" >/dev/null) || { echo "could not make the returned files at $BEFORE"; exit 2; }
(snapshot "$WORK/before-tree" "$WORK/before")
(snapshot "$WORK/after-tree" "$WORK/after")
FILES=$(find "$WORK/after" -type f | wc -l)
if [ "$FILES" -lt 100 ] || grep -q . "$WORK/after/returned.log"; then
  echo "too few outputs ($FILES files) or the returned files failed: see $WORK"
  exit 2
fi
if diff -r "$WORK/before" "$WORK/after" >"$WORK/diff.txt"; then
  echo "outputs compared: equal ($FILES files)"
  rm -rf "$WORK"
else
  diff -rq "$WORK/before" "$WORK/after" | sed "s#$WORK/##g" | head -40
  cut -c1-300 "$WORK/diff.txt" | head -40
  echo "outputs differ: $WORK/diff.txt (the two trees and their outputs are kept in $WORK)"
  exit 1
fi
