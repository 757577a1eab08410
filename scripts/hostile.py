"""Hostile shapes: inputs built to make `convert` slow, and how fast it stays on them.

    python scripts/hostile.py [--sizes 0.25,0.5,1,2] [--shapes digits,spaces,…] [--repeat 3] [--cpu]

Each shape is a real resolution (tests/fixtures/corpus/A_RES_73_8, English) with one hostile
part grown to about the size asked for (in MB): long digit runs, long blank runs, a line of
spaces, thousands of hyperlink lines, thousands of sub-paragraphs, one giant paragraph, deep
nesting of brackets, many footnote markers (after every letter, after every word). It
converts each (`converter.convert`, the whole pipeline: read, parse, emit, schema, rules,
fidelity) and prints the median seconds per MB;
the goal is at most 2 s/MB for every shape at every size (`GOAL`). Exit status 1 if a shape
misses it. ``--cpu`` measures CPU time (`time.process_time`) instead of wall time: on a
machine shared with other work, wall time measures the load as much as the converter.
`tests/test_hostile.py` checks, on small sizes, that time grows linearly.
"""

from __future__ import annotations

import argparse
import statistics
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "corpus" / "A_RES_73_8.en.pdftotext.txt"
GOAL = 2.0  #: seconds per MB
MB = 1_000_000

#: the line of the base document after which the hostile part goes (inside operative 2)
_AT = 80
_WORDS = (
    "the Assembly notes with concern the continued application of measures and calls upon "
    "all States to refrain from promulgating laws of that kind in conformity with the Charter"
).split()


def _lines(size: int, make: Callable[[int], str]) -> list[str]:
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        line = make(i)
        out.append(line)
        total += len(line.encode("utf-8")) + 1
        i += 1
    return out


def _letters(i: int) -> str:
    """a, b, …, z, aa, bb, … as sub-paragraph letters run."""
    return string.ascii_lowercase[i % 26] * (1 + i // 26 % 3)


def _words(i: int, n: int = 12) -> str:
    return " ".join(_WORDS[(i + k) % len(_WORDS)] for k in range(n))


SHAPES: dict[str, Callable[[int], list[str]]] = {
    # a paragraph's lines ending in a long run of digits (a glued marker gone wrong)
    "digits": lambda size: _lines(size, lambda i: _words(i, 6) + " " + "1" * 40 + ";"),
    # long runs of blank lines between paragraph lines
    "blanks": lambda size: _lines(size, lambda i: "" if i % 2000 else _words(i)),
    # one line of nothing but spaces
    "spaces": lambda size: [" " * size],
    # the per-page hyperlink lists, thousands of them
    "links": lambda size: _lines(size, lambda i: f"https://undocs.org/en/A/RES/{i % 80}/{i}"),
    # thousands of (a), (b) … sub-paragraphs
    "subparagraphs": lambda size: _lines(size, lambda i: f"({_letters(i)}) {_words(i)};"),
    # thousands of lines starting "(a)": one sub-paragraph that grows and grows
    "same_letter": lambda size: _lines(size, lambda i: f"(a) {_words(i)};"),
    # one paragraph of many lines
    "giant": lambda size: _lines(size, lambda i: _words(i, 14)),
    # brackets nested deep in one paragraph
    "brackets": lambda size: [
        _words(0)
        + " "
        + "(" * (size // 2 // 1000 * 1000 // 2)
        + "x"
        + ")" * (size // 2 // 1000 * 1000 // 2)
        + ";"
    ],
    # a number after every letter ("t1 h2 e3": the letters of the words, as it has always
    # been built; kept so that its figures compare across runs)
    "markers": lambda size: _lines(
        size, lambda i: " ".join(f"{w}{(i + k) % 9 + 1}" for k, w in enumerate(_words(i, 8)))
    ),
    # footnote markers glued to every word ("Assembly2 notes3")
    "word_markers": lambda size: _lines(
        size,
        lambda i: " ".join(f"{w}{(i + k) % 9 + 1}" for k, w in enumerate(_words(i, 8).split())),
    ),
}


def document(shape: str, size_mb: float) -> str:
    """The base resolution with the ``shape`` part grown to about ``size_mb`` MB."""
    lines = BASE.read_text(encoding="utf-8").split("\n")
    hostile = SHAPES[shape](int(size_mb * MB))
    return "\n".join(lines[:_AT] + hostile + lines[_AT:])


def seconds(text: str, repeat: int = 1, cpu: bool = False) -> float:
    """The median wall-clock (or, with ``cpu``, CPU) seconds of converting ``text``
    (English)."""
    from converter import convert

    clock = time.process_time if cpu else time.perf_counter
    times = []
    for _ in range(repeat):
        started = clock()
        convert(text, "en")
        times.append(clock() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.25,0.5,1,2", help="MB, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs per point (median)")
    parser.add_argument(
        "--cpu", action="store_true", help="CPU time instead of wall time (a shared machine)"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from converter import convert

    convert(BASE.read_text(encoding="utf-8"), "en")  # warm: schema, tables
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'shape':<14}" + "".join(f"{s:>10g} MB" for s in sizes) + "   (s/MB)")
    missed = []
    for shape in args.shapes.split(","):
        row = []
        for size in sizes:
            text = document(shape, size)
            per_mb = seconds(text, args.repeat, args.cpu) / (len(text.encode("utf-8")) / MB)
            row.append(per_mb)
            if per_mb > GOAL:
                missed.append((shape, size, per_mb))
        print(f"{shape:<14}" + "".join(f"{r:>13.2f}" for r in row), flush=True)
    for shape, size, per_mb in missed:
        print(f"MISSED: {shape} at {size:g} MB: {per_mb:.2f} s/MB > {GOAL}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
