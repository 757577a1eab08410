"""Benchmark (not a test): instructions per warm conversion and per lxml parse + validation of
its output, counted by valgrind's cachegrind; their ratio is `bench_convert.py`'s, in a
measure that the load of a shared machine does not move (CPU times there move by ±20%).

    python scripts/bench_instructions.py [INPUT] [--runs N]
    python scripts/bench_instructions.py [INPUT] --cold

Each count is the difference between a process that does N runs and one that does none
(start-up, imports, the schema compile and a first, warming conversion cancel out).

``--cold`` counts the command line's start instead (`bench_cli.py`'s times, without the
noise): the interpreter alone, `un2akn --help`, and the two paths of a cold `un2akn
convert --to xml` of INPUT, which run side by side on two cores: the parent's (imports,
conversion, checks, the output written) and the child's, to a compiled schema (the
interpreter's start, lxml's import, the compile; counted in a process of its own). The
command takes about as long as the longer path; instructions of C code (the compile) run
faster than the interpreter's, so compare each path with itself over time.

Needs ``valgrind``; takes about a minute per count.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
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
    return _command([sys.executable, "-c", code])


def _command(argv: list[str]) -> int:
    """Instructions of the process that runs ``argv`` (its first; a forked child that is
    killed, as the schema's child is at the end of `convert`, reports nothing)."""
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
        + argv,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"==(\d+)== Command:", done.stderr)
    assert found, done.stderr[-2000:]
    refs = re.search(rf"=={found.group(1)}== I\s+refs:\s+([\d,]+)", done.stderr)
    assert refs, done.stderr[-2000:]
    return int(refs.group(1).replace(",", ""))


def cold(input_: str) -> None:
    python = [sys.executable]
    with tempfile.TemporaryDirectory() as out:
        counts = {
            "python -c pass": _command([*python, "-c", "pass"]),
            "un2akn --help": _command([*python, "-m", "converter", "--help"]),
            "convert: the parent": _command(
                [*python, "-m", "converter", "convert", input_, "-o", out, "--to", "xml"]
            ),
            "convert: the schema's child": _command(
                [*python, "-c", "from converter.akn.xsd import lxml_schema; lxml_schema()"]
            ),
        }
    print(f"input: {input_}, cold")
    for name, count in counts.items():
        print(f"{name + ':':29} {count / 1e6:8.1f} M instructions")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(ROOT / "samples" / "A-C.3-74-L.18.zh.txt"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="count the command line's start")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    if args.cold:
        cold(args.input)
        return 0
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
