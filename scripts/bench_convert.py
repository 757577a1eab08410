"""Benchmark (not a test): median time to convert the sample in a warm process, and that
time divided by the time lxml takes to parse and validate the XML produced (goal: ≤ 10, issue 8).

    .venv/bin/python scripts/bench_convert.py [INPUT] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from converter import convert  # noqa: E402
from converter.akn import schema as validate  # noqa: E402


def timed(stages: dict, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) seconds of each stage; runs of the stages are interleaved so that
    a change in the machine's load touches them alike. CPU time (this process alone) is the
    steadier measure on a shared machine."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in stages}
    for _ in range(runs):
        for name, fn in stages.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            samples[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {
        name: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s))
        for name, s in samples.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(ROOT / "samples" / "A-C.3-74-L.18.zh.txt"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    data = Path(args.input).read_bytes()
    result = convert(data)  # warm: tables, schema, regexes
    assert result.xml is not None, [d.format() for d in result.diagnostics]
    xml = result.xml
    schema = validate.lxml_schema()

    def parse_and_validate() -> None:
        assert schema.validate(etree.fromstring(xml).getroottree())

    medians = timed({"convert": lambda: convert(data), "validate": parse_and_validate}, args.runs)
    (cw, cc), (vw, vc) = medians["convert"], medians["validate"]
    print(f"input: {args.input} ({len(data):,} bytes), {args.runs} runs, interleaved")
    print(f"convert (median):               {cw * 1000:7.1f} ms wall {cc * 1000:7.1f} ms cpu")
    print(f"lxml parse + validate (median): {vw * 1000:7.1f} ms wall {vc * 1000:7.1f} ms cpu")
    print(f"ratio convert / validate:       {cc / vc:7.1f}  (cpu; goal <= 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
