"""Benchmark (not a test): median time to convert the sample in a warm process, and that
time divided by the time lxml takes to parse and validate the XML produced (goal: ≤ 15).

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

from converter import convert, validate  # noqa: E402


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(ROOT / "samples" / "A-C.3-74-L.18.zh.txt"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    data = Path(args.input).read_bytes()
    result = convert(data)  # warm: tables, schema, regexes
    assert result.xml is not None, [d.format() for d in result.diagnostics]
    xml = result.xml
    schema = validate.lxml_schema()

    def parse_and_validate() -> None:
        assert schema.validate(etree.fromstring(xml).getroottree())

    t_convert = median_seconds(lambda: convert(data), args.runs)
    t_validate = median_seconds(parse_and_validate, args.runs * 3)
    print(f"input: {args.input} ({len(data):,} bytes), {args.runs} runs")
    print(f"convert (median):              {t_convert * 1000:8.1f} ms")
    print(f"lxml parse + validate (median): {t_validate * 1000:8.1f} ms")
    print(f"ratio convert / validate:      {t_convert / t_validate:8.1f}  (goal ≤ 15)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
