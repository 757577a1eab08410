"""Benchmark (not a test): instructions per warm conversion and per lxml parse + validation of
its output, counted by valgrind's cachegrind; their ratio is `bench_convert.py`'s, in a
measure that the load of a shared machine does not move (CPU times there move by ±20%).

    python scripts/bench_instructions.py [INPUT] [--runs N]

Each count is the difference between a process that does N runs and one that does none
(start-up, imports, the schema compile and a first, warming conversion cancel out).
Needs ``valgrind``; takes about a minute per count.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from lxml import etree
from converter import convert
from converter.akn import schema
data = Path({input!r}).read_bytes()
xml = convert(data).xml
compiled = schema.lxml_schema()
for _ in range({runs}):
    if {what!r} == "convert":
        convert(data)
    else:
        compiled.validate(etree.fromstring(xml).getroottree())
"""


def _instructions(input_: str, what: str, runs: int) -> int:
    code = _CHILD.format(root=str(ROOT), input=input_, what=what, runs=runs)
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
        + [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    assert found, done.stderr[-2000:]
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(ROOT / "samples" / "A-C.3-74-L.18.zh.txt"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    per = {}
    for what in ("convert", "validate"):
        base = _instructions(args.input, what, 0)
        per[what] = (_instructions(args.input, what, args.runs) - base) / args.runs
    print(f"input: {args.input}, {args.runs} runs")
    print(f"convert:               {per['convert'] / 1e6:8.1f} M instructions")
    print(f"lxml parse + validate: {per['validate'] / 1e6:8.1f} M instructions")
    print(f"ratio convert / validate: {per['convert'] / per['validate']:5.1f}  (goal <= 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
