#!/usr/bin/env bash
# Regenerate the README's picture of page 1 of the sample's PDF from output/ (run the README's
# main command first). Needs poppler-utils (installed by scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
pdftoppm -png -r 70 -f 1 -l 1 -singlefile output/A-C.3-74-L.18.zh.pdf docs/sample-page1
echo "wrote docs/sample-page1.png"
