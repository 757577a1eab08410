#!/usr/bin/env python3
"""Benchmark `read_pdf` against poppler's `pdftotext` CLI on the same PDFs, in one run.

    python scripts/bench_pdf.py [PDF or folder ...] [--limit N] [--repeat R]

Default: every 5th PDF of /work/shared/corpus/ga/pdf (40 files). For each file the median of R
runs of each tool is taken (pdftotext includes its process start, as a user of the CLI pays it;
read_pdf includes opening the document from bytes already in memory). Prints per-file medians,
then the median over files of each and the ratio read_pdf / pdftotext (goal: <= 3).
In the same run, interleaved: `converter.convert` of the PDF against `convert` of its
poppler text (bytes in memory, the text extracted before timing): the ratio's goal is <= 1.5.
Also timed: PDFium's own part, which any PDFium reader pays (open the document, load each page
and its text page, no Python work on the text), and the floor it sets on that ratio:
(convert of the text + PDFium) / convert of the text.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdfium2 as pdfium  # noqa: E402

from converter import convert  # noqa: E402
from converter.readers.pdf import read_pdf, to_text  # noqa: E402

DEFAULT = Path("/work/shared/corpus/ga/pdf")


def files_of(args: list[str], limit: int) -> list[Path]:
    paths = [Path(a) for a in args] or [DEFAULT]
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(p.glob("*.pdf"))
            out.extend(found[::5] if not args else found)
        elif p.suffix.lower() == ".pdf":
            out.append(p)
    return out[:limit] if limit else out


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _pdftotext(f: Path) -> bytes:
    return subprocess.run(["pdftotext", str(f), "-"], capture_output=True, check=False).stdout


def _pdfium(data: bytes) -> None:
    """PDFium's part: the document opened, each page and its text page loaded and closed."""
    doc = pdfium.PdfDocument(data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            page.get_textpage().close()
            page.close()
    finally:
        doc.close()


def bench_file(f: Path, repeat: int, text: bool) -> tuple[int, list[float]]:
    """Pages and the medians: read_pdf, pdftotext, convert(PDF), convert(poppler text),
    PDFium's part."""
    data = f.read_bytes()
    poppler = _pdftotext(f)
    runs: list[list[float]] = [[], [], [], [], []]
    pages = 0
    for _ in range(repeat):  # interleaved, so all see the same machine state

        def ours():
            nonlocal pages
            src = read_pdf(data)
            pages = len(src.pages)
            if text:
                to_text(src)

        runs[0].append(_timed(ours))
        runs[1].append(_timed(lambda: _pdftotext(f)))
        runs[2].append(_timed(lambda: convert(data, name=f.name)))
        runs[3].append(_timed(lambda: convert(poppler, name=f.name + ".txt")))
        runs[4].append(_timed(lambda: _pdfium(data)))
    return pages, [statistics.median(r) for r in runs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--text", action="store_true", help="time read_pdf + to_text")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args()
    if not shutil.which("pdftotext"):
        print("pdftotext (poppler-utils) is not installed", file=sys.stderr)
        return 2
    files = files_of(a.paths, a.limit)
    if not files:
        print("no PDFs", file=sys.stderr)
        return 2
    convert(_pdftotext(files[0]))  # load the schema and tables before timing
    medians, pages = [], 0
    for f in files:
        n, m = bench_file(f, a.repeat, a.text)
        pages += n
        medians.append(m)
        if not a.quiet:
            print(
                f"{f.name:32} {n:4} pp  read_pdf {m[0] * 1000:7.1f} ms  pdftotext "
                f"{m[1] * 1000:7.1f} ms  x{m[0] / m[1]:5.2f}  convert pdf {m[2] * 1000:7.1f} ms  "
                f"text {m[3] * 1000:7.1f} ms  x{m[2] / m[3]:5.2f}  pdfium {m[4] * 1000:6.1f} ms"
            )
    mo, mp, cp, ct, pf = (statistics.median(col) for col in zip(*medians))
    print(
        f"{len(files)} files, {pages} pages; median per document: read_pdf {mo * 1000:.1f} ms, "
        f"pdftotext {mp * 1000:.1f} ms; ratio {mo / mp:.2f} (goal <= 3)"
    )
    print(
        f"convert: PDF {cp * 1000:.1f} ms, its poppler text {ct * 1000:.1f} ms; "
        f"ratio {cp / ct:.2f} (goal <= 1.5)"
    )
    print(
        f"PDFium alone (open, pages, text pages) {pf * 1000:.1f} ms: the convert ratio's floor "
        f"with PDFium is {(ct + pf) / ct:.2f}; read_pdf beyond PDFium {(mo - pf) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
