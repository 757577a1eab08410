"""Benchmark: the PDF writer (Typst) on one AKN document, and its memory over many renders.

    python scripts/bench_typst.py [AKN_XML_OR_TXT] [--rounds N] [--rss N]

In one process, after one warm-up render: median wall and CPU time per render. Typst memoizes
across compiles (comemo): rendering the very same document again is partly a cache hit, so the
"fresh" rows change one character of the text per round (a new document to the compiler) —
that is the number that counts for a batch. Then RSS over --rss renders of fresh documents.
(The comparison with WeasyPrint, the former backend, was measured before it was removed:
Typst fresh / WeasyPrint = 0.069 wall, 0.073 CPU on the sample; see README, Performance.)

Without an argument the sample (samples/A-C.3-74-L.18.zh.txt) is converted with the CLI.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def akn_of(path: Path) -> bytes:
    if path.name.endswith(".xml"):
        return path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "converter", "convert", str(path), "-o", tmp, "--to", "xml"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return next(Path(tmp).rglob("*.akn.xml")).read_bytes()


def rss_mib() -> float:
    with open(f"/proc/{os.getpid()}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(fn, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def variant(xml: bytes, i: int) -> bytes:
    """``xml`` with a marker digit added in its first paragraph: a new document for Typst."""
    body = xml.find(b"<mainBody")
    head, tail = xml[:body], xml[body:]
    return head + tail.replace(b"<p>", f"<p>{i % 10}".encode(), 1) if body > 0 else xml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", default=str(ROOT / "samples" / "A-C.3-74-L.18.zh.txt"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--rss", type=int, default=200)
    args = parser.parse_args()

    from converter.writers.typst import render_pdf as typst_render

    xml = akn_of(Path(args.input))
    print(f"input: {args.input} ({len(xml)} bytes of AKN)")
    t0 = time.perf_counter()
    typst_render(xml)
    print(f"typst first render in this process (fonts, template): {time.perf_counter() - t0:.3f} s")
    rows: dict[str, list[tuple[float, float]]] = {
        "typst fresh": [],
        "typst same": [],
    }
    for i in range(args.rounds):
        rows["typst fresh"].append(timed(typst_render, variant(xml, i + 1)))
        rows["typst same"].append(timed(typst_render, xml))
    print(f"\nmedian of {args.rounds} rounds:")
    med = {}
    for name, values in rows.items():
        if not values:
            continue
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        med[name] = (wall, cpu)
        print(f"  {name:12s} wall {wall * 1000:8.1f} ms   cpu {cpu * 1000:8.1f} ms")

    if args.rss:
        print(f"\nRSS over {args.rss} Typst renders (each a fresh document):")
        start = rss_mib()
        marks = {}
        for i in range(1, args.rss + 1):
            typst_render(variant(xml, 1000 + i))
            if i in (1, 10, 50, 100, 150, 200, 250, 300) or i == args.rss:
                marks[i] = rss_mib()
        print(
            f"  before: {start:.0f} MiB; "
            + ", ".join(f"after {k}: {v:.0f} MiB" for k, v in marks.items())
        )
        first = marks[min(marks)]
        print(
            f"  growth from render 1 to {args.rss}: {marks[max(marks)] - first:+.0f} MiB "
            f"({(marks[max(marks)] - first) / max(1, args.rss - 1) * 1024:.0f} KiB per render)"
        )


if __name__ == "__main__":
    main()
