#!/usr/bin/env bash
# Builds the Flamingo 2 panels: TypeScript -> plain Ext JS classes under
# ui-sencha/dist/app/view/monitoring/{common,kafka,zookeeper}/ (= Flamingo's resources/app/view/monitoring/),
# the English fallback texts, Chart.js next to them, and a copy of the message bundles.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=ui-sencha/dist
rm -rf "$OUT"
npx --no-install tsc -p ui-sencha/tsconfig.json
node ui-sencha/tools/gen-texts.js
VENDOR="$OUT/app/view/monitoring/common/vendor"
mkdir -p "$VENDOR" "$OUT/locale"
cp node_modules/chart.js/dist/chart.umd.min.js "$VENDOR/chart.umd.min.js"
cp node_modules/chart.js/LICENSE.md "$VENDOR/chart.js-LICENSE.md"
cp ui-sencha/locale/*.properties "$OUT/locale/"
echo "ui-sencha: built $(find "$OUT/app" -name '*.js' | wc -l) scripts into $OUT/app/view/monitoring"
