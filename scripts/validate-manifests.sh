#!/bin/sh
# npm run validate: Microsoft's XSD (offline, ../shared/manifest-xsd) over the source manifest.xml AND the
# built dist/manifest.xml — the file that is deployed (its URLs rewritten by ADDIN_URL, scripts/manifest-url.cjs).
# Exit 0 = both valid; 1 = dist/manifest.xml missing (build first); otherwise validate.sh's code.
# A built manifest still pointing at the dev address is valid but cannot serve the member units: said, not failed.
set -u
ROOT=${CREDIT_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
VALIDATE=${VALIDATE_SH:-$(cd "$(dirname "$0")/.." && pwd)/../shared/manifest-xsd/validate.sh}
sh "$VALIDATE" "$ROOT/manifest.xml" || exit $?
if [ ! -f "$ROOT/dist/manifest.xml" ]; then
  echo "dist/manifest.xml 不存在：部署的是构建出的清单，请先运行 npm run build（部署时带 ADDIN_URL），再运行 npm run validate。" >&2
  exit 1
fi
sh "$VALIDATE" "$ROOT/dist/manifest.xml" || exit $?
if grep -q 'https://localhost:3000/' "$ROOT/dist/manifest.xml"; then
  echo "注意：dist/manifest.xml 仍指向开发地址 https://localhost:3000/（构建时没有设 ADDIN_URL），只能在开发机上使用；部署给成员单位前请用 ADDIN_URL=https://内网服务器/credit/ npm run build 重新构建。" >&2
fi
