"""Start-up time of the command line: medians of `un2akn --help` and of a cold XML-only
convert of the sample (a fresh process each time). Goals: --help ≤ 0.1 s, convert ≤ 0.3 s.

    python scripts/bench_cli.py [--runs N] [--baseline TREE]

``--baseline TREE`` (another checkout of the project, e.g. a ``git worktree`` of an
earlier commit) times the same commands there too, each run of this tree followed by one
of that tree, and prints the ratios: on a shared machine whose speed moves from one hour
to the next, the ratio of interleaved runs is the measure of a change.
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


def _time(cmd: list[str], tree: Path) -> float:
    """Wall time of one run of ``cmd`` with ``tree``'s package first on the path."""
    started = time.perf_counter()
    subprocess.run(cmd, cwd=tree, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _medians(cmd: list[str], trees: list[Path], runs: int) -> list[float]:
    """The median time of ``cmd`` in each of ``trees``, their runs interleaved."""
    times: list[list[float]] = [[] for _ in trees]
    for _ in range(runs):
        for tree, taken in zip(trees, times, strict=True):
            taken.append(_time(cmd, tree))
    return [statistics.median(taken) for taken in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare against")
    args = parser.parse_args()
    trees = [ROOT] if args.baseline is None else [ROOT, args.baseline.resolve()]
    python = [sys.executable, "-m", "converter"]  # cwd is the tree: its package comes first
    (base, *_) = _medians([sys.executable, "-c", "pass"], trees[:1], args.runs)
    helped = _medians([*python, "--help"], trees, args.runs)
    with tempfile.TemporaryDirectory() as out:
        cmd = [*python, "convert", str(SAMPLE), "-o", out, "--to", "xml"]
        converted = _medians(cmd, trees, args.runs)
    print(f"python -c pass      {base:.3f} s (the interpreter alone)")
    print(f"un2akn --help       {helped[0]:.3f} s (goal ≤ 0.1)" + _against(helped))
    print(f"un2akn convert xml  {converted[0]:.3f} s (goal ≤ 0.3; {SAMPLE.name}, cold)")
    if args.baseline is not None:
        print(f"                    {_against(converted)}")


def _against(medians: list[float]) -> str:
    if len(medians) == 1:
        return ""
    return f"; baseline {medians[1]:.3f} s, ratio {medians[0] / medians[1]:.3f}"


if __name__ == "__main__":
    main()
