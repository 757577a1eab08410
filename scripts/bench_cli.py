"""Start-up time of the command line: medians of `un2akn --help` and of a cold XML-only
convert of the sample (a fresh process each time). Goals: --help ≤ 0.1 s, convert ≤ 0.3 s.

    python scripts/bench_cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "A-C.3-74-L.18.zh.txt"


def _median(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    python = [sys.executable, "-m", "converter"]
    base = _median([sys.executable, "-c", "pass"], runs)
    helped = _median([*python, "--help"], runs)
    with tempfile.TemporaryDirectory() as out:
        converted = _median([*python, "convert", str(SAMPLE), "-o", out, "--to", "xml"], runs)
    print(f"python -c pass      {base:.3f} s (the interpreter alone)")
    print(f"un2akn --help       {helped:.3f} s (goal ≤ 0.1)")
    print(f"un2akn convert xml  {converted:.3f} s (goal ≤ 0.3; {SAMPLE.name}, cold)")


if __name__ == "__main__":
    main()
