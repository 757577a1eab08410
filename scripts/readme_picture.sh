#!/usr/bin/env bash
# Regenerate the README's picture of page 1 of the sample's PDF (docs/sample-page1.png). The
# sample is converted afresh into a temporary folder, so the picture always shows what the
# current PDF writer (Typst) makes, never a stale output/. Needs poppler-utils (installed by
# scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" -m converter convert samples/A-C.3-74-L.18.zh.txt -o "$tmp" --to xml,pdf 2>/dev/null
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$tmp/A-C.3-74-L.18.zh.pdf" docs/sample-page1
echo "wrote docs/sample-page1.png"
