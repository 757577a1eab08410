#!/usr/bin/env python3
"""Benchmark the renderers on one .akn.xml, in a warm process (not a test).

    .venv/bin/python scripts/bench_render.py output/A-C.3-74-L.18.zh.akn.xml [-n 5]

Prints the median time of each stage over N runs after one warm-up run (fonts, cmaps, the
Typst compiler and its template loaded): render_html (the HTML writer) and render_pdf (the PDF
writer: Typst, PDF/A-3u, tagged, PDF/UA-1, the XML attached, the glyph check included). Typst
memoizes across compiles: the same document again is partly a cache hit, so the "fresh" row
changes one character of the text per run (a new document to the compiler), the number that
counts for a batch; "same" is the cached case. Runs of the stages are interleaved, and both
wall-clock and CPU time (time.process_time) are shown: on a shared machine the CPU time is the
steadier measure.

Measured once against WeasyPrint, the former PDF backend, before it was removed: Typst took
0.07× its time on the sample (see README, Performance).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from converter.writers import render_html, render_pdf  # noqa: E402


def timed(stages: dict[str, object], runs: int) -> dict[str, tuple[float, float, object]]:
    """Median (wall, cpu) seconds and last result of each stage, the stages interleaved."""
    wall: dict[str, list[float]] = {name: [] for name in stages}
    cpu: dict[str, list[float]] = {name: [] for name in stages}
    results: dict[str, object] = {}
    for i in range(runs):
        for name, fn in stages.items():
            w, c = time.perf_counter(), time.process_time()
            results[name] = fn(i)
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)
    return {
        name: (statistics.median(wall[name]), statistics.median(cpu[name]), results[name])
        for name in stages
    }


def variant(akn: bytes, i: int) -> bytes:
    """``akn`` with a digit added in its first paragraph: a new document for Typst."""
    body = akn.find(b"<mainBody")
    if body < 0:
        return akn
    return akn[:body] + akn[body:].replace(b"<p>", f"<p>{i % 10}".encode(), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("akn", type=Path, help="an .akn.xml file")
    parser.add_argument("-n", "--runs", type=int, default=5, help="timed runs per stage (5)")
    args = parser.parse_args()

    akn = args.akn.read_bytes()
    render_html(akn)
    pdf = render_pdf(akn)  # warm-up: fonts, cmaps, the Typst compiler and template

    stages = {
        "render_html": lambda i: render_html(akn),
        "render_pdf fresh": lambda i: render_pdf(variant(akn, i + 1)),
        "render_pdf same": lambda i: render_pdf(akn),
    }
    t = timed(stages, args.runs)

    def ms(name: str) -> str:
        return f"{t[name][0] * 1000:8.1f} ms wall {t[name][1] * 1000:8.1f} ms cpu"

    print(f"file              {args.akn} ({len(akn):,} bytes)")
    print(f"runs              {args.runs} (median, warm process, stages interleaved)")
    print(f"render_html       {ms('render_html')}  ({len(t['render_html'][2]):,} characters)")
    print(f"render_pdf fresh  {ms('render_pdf fresh')}  (Typst, a new document each run)")
    print(f"render_pdf same   {ms('render_pdf same')}  ({len(pdf):,} bytes, cached)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
