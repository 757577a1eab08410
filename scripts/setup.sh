#!/usr/bin/env bash
# Set up everything un2akn needs on a fresh Debian machine (run as root):
# Debian packages (Python venv, Noto fonts, poppler-utils for checking PDFs, Tesseract and its
# six UN languages for scanned PDFs, headless Chromium and its driver for testing the HTML
# page, valgrind for scripts/bench_instructions.py), then a virtual environment in .venv with
# the project, its test tools and the cluster extra (Dask). The PDF writer (Typst, from the typst wheel) needs no system library:
# it lays out text itself and is given the Noto font files directly.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  fonts-noto-core fonts-noto-cjk
  poppler-utils
  tesseract-ocr tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-fra
  tesseract-ocr-rus tesseract-ocr-spa
  chromium chromium-driver
  valgrind
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.un2akn-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[test,cluster]'
  touch "$stamp"
fi
# bytecode now, not at the first run: a cold `un2akn` then starts faster
.venv/bin/python -m compileall -q converter >/dev/null
# and the parsed language and organ tables (converter/tables.py), for the same reason
.venv/bin/python -m converter.tables
