#!/usr/bin/env python3
"""Benchmark the renderers on one .akn.xml, in a warm process (not a test).

    .venv/bin/python scripts/bench_render.py output/A-C.3-74-L.18.zh.akn.xml [-n 5]

Prints the median time of each stage over N runs after one warm-up run (fonts, fontconfig
and WeasyPrint's caches loaded): render_html, render_pdf (with the HTML given), and plain
WeasyPrint on the same HTML (HTML(string).write_pdf(), default options). The ratio
pipeline / WeasyPrint is what the render layer costs on top of WeasyPrint itself, the goal
being <= 1.15; "pipeline" is render_html + render_pdf, which adds the font checks, PDF/A-3u,
the embedded XML and the checks after layout. Runs of the stages are interleaved, and both
wall-clock and CPU time (time.process_time) are shown: on a shared machine the CPU time of
this single-threaded process is the steadier measure, and the ratio uses it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from converter.writers import render_html, render_pdf  # noqa: E402
from converter.writers.pdf.weasy import AssetFetcher, _font_config, note_pages  # noqa: E402


def timed(stages: dict[str, object], runs: int) -> dict[str, tuple[float, float, object]]:
    """Median (wall, cpu) seconds and last result of each stage, the stages interleaved."""
    wall: dict[str, list[float]] = {name: [] for name in stages}
    cpu: dict[str, list[float]] = {name: [] for name in stages}
    results: dict[str, object] = {}
    for _ in range(runs):
        for name, fn in stages.items():
            w, c = time.perf_counter(), time.process_time()
            results[name] = fn()
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)
    return {
        name: (statistics.median(wall[name]), statistics.median(cpu[name]), results[name])
        for name in stages
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("akn", type=Path, help="an .akn.xml file")
    parser.add_argument("-n", "--runs", type=int, default=5, help="timed runs per stage (5)")
    args = parser.parse_args()

    import weasyprint

    akn = args.akn.read_bytes()
    html = render_html(akn)
    render_pdf(akn, html=html)  # warm-up: fonts, cmaps, fontconfig, WeasyPrint caches
    weasyprint.HTML(string=html, url_fetcher=AssetFetcher()).write_pdf(font_config=_font_config())

    fetcher = AssetFetcher
    stages = {
        "render_html": lambda: render_html(akn),
        "render_pdf": lambda: render_pdf(akn, html=html),
        "WeasyPrint": lambda: weasyprint.HTML(string=html, url_fetcher=fetcher()).write_pdf(
            font_config=_font_config()
        ),
        "layout": lambda: weasyprint.HTML(string=html, url_fetcher=fetcher()).render(
            font_config=_font_config()
        ),
    }
    t = timed(stages, args.runs)
    document = t["layout"][2]
    calls, notes = note_pages(document)
    moved = sum(1 for n in calls if n in notes and notes[n] != calls[n])

    def ms(name: str) -> str:
        return f"{t[name][0] * 1000:8.1f} ms wall {t[name][1] * 1000:8.1f} ms cpu"

    print(f"file            {args.akn} ({len(akn):,} bytes, {len(document.pages)} pages)")
    print(f"runs            {args.runs} (median, warm process, stages interleaved)")
    print(f"render_html     {ms('render_html')}  ({len(t['render_html'][2]):,} characters)")
    print(f"render_pdf      {ms('render_pdf')}  ({len(t['render_pdf'][2]):,} bytes, PDF/A-3u)")
    print(f"WeasyPrint      {ms('WeasyPrint')}  (same HTML, plain write_pdf)")
    print(f"  layout alone  {ms('layout')}")
    for label, i in (("cpu", 1), ("wall", 0)):
        ratio = (t["render_html"][i] + t["render_pdf"][i]) / t["WeasyPrint"][i]
        print(
            f"ratio ({label:4})    {ratio:8.3f}   (render_html + render_pdf) / WeasyPrint;"
            " goal <= 1.15"
        )
    if moved:
        print(
            f"note            plain WeasyPrint leaves {moved} footnote(s) off the page of their "
            "call; render_pdf keeps them there"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
