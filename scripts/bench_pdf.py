#!/usr/bin/env python3
"""Benchmark `read_pdf` against poppler's `pdftotext` CLI on the same PDFs, in one run.

    python scripts/bench_pdf.py [PDF or folder ...] [--limit N] [--repeat R]

Default: every 5th PDF of /work/shared/corpus/ga/pdf (40 files). For each file the median of R
runs of each tool is taken (pdftotext includes its process start, as a user of the CLI pays it;
read_pdf includes opening the document from bytes already in memory). Prints per-file medians,
then the median over files of each and the ratio read_pdf / pdftotext (goal: <= 3).
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
    ours, popp, pages = [], [], 0
    for f in files:
        data = f.read_bytes()
        t_ours, t_pop = [], []
        for _ in range(a.repeat):  # interleaved, so both see the same machine state
            t = time.perf_counter()
            src = read_pdf(data)
            if a.text:
                to_text(src)
            t_ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            subprocess.run(
                ["pdftotext", str(f), "-"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            t_pop.append(time.perf_counter() - t)
        pages += len(src.pages)
        mo, mp = statistics.median(t_ours), statistics.median(t_pop)
        ours.append(mo)
        popp.append(mp)
        if not a.quiet:
            print(
                f"{f.name:40} {len(src.pages):4} pp  read_pdf {mo * 1000:8.1f} ms  "
                f"pdftotext {mp * 1000:8.1f} ms  x{mo / mp:5.2f}"
            )
    mo, mp = statistics.median(ours), statistics.median(popp)
    print(
        f"{len(files)} files, {pages} pages; median per document: read_pdf {mo * 1000:.1f} ms, "
        f"pdftotext {mp * 1000:.1f} ms; ratio {mo / mp:.2f} (goal <= 3); "
        f"total {sum(ours):.2f} s vs {sum(popp):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
