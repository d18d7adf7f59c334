#!/bin/sh
# Installs the Debian packages the tests need, if any is missing: Chromium and a CJK font (task pane in a
# real browser), xmllint (offline manifest validation), LibreOffice, poppler and Carlito (Calibri's metrics,
# so LibreOffice prints column widths as Excel does) for rendering templates and the 汇总.
# Used by the README's test command and by .ci/run. Uses sudo only when not root.
set -eu
packages="chromium fonts-wqy-microhei fonts-crosextra-carlito libxml2-utils libreoffice-calc-nogui poppler-utils"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "[system-packages] present: $packages"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "[system-packages] apt-get install$missing"
$sudo apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
