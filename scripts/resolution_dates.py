"""Build data/resolution-dates.json: the dates of the resolutions and decisions cited across
the corpus, as the documents themselves print them ("resolution 73/185 of 17 December 2018").

Usage: python scripts/resolution_dates.py [--out data/resolution-dates.json] [--jobs 2]

Every corpus text (tests/corpus/texts, tests/fixtures/corpus, samples) is converted; each
reference whose IRI carries a full date (printed next to it somewhere in its document) gives
symbol -> date. A symbol printed with two different dates is left out and reported. The file
is what ``un2akn convert --resolution-dates`` reads.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FULL = re.compile(r"^/akn/un/statement/deliberation/[^/]+/(\d{4}-\d{2}-\d{2})/")


def inputs() -> list[Path]:
    return (
        sorted((ROOT / "tests" / "corpus" / "texts").glob("*.txt"))
        + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.pdftotext.txt"))
        + sorted((ROOT / "samples").glob("*.txt"))
    )


def dated(path: Path) -> list[tuple[str, str]]:
    from converter import convert
    from converter.model import Ref, Tagged

    doc = convert(path).document
    if doc is None:
        return []
    out: list[tuple[str, str]] = []

    def walk(node) -> None:
        if isinstance(node, Ref):
            if m := FULL.match(node.href):
                out.append((node.symbol, m.group(1)))
        elif isinstance(node, Tagged):
            walk(node.content)
        elif isinstance(node, (tuple, list)):
            for item in node:
                walk(item)
        elif hasattr(node, "__dataclass_fields__"):
            for name in node.__dataclass_fields__:
                walk(getattr(node, name))

    walk(doc)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "data" / "resolution-dates.json"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    found: dict[str, set[str]] = defaultdict(set)
    with ProcessPoolExecutor(args.jobs) as pool:
        for pairs in pool.map(dated, inputs()):
            for symbol, date in pairs:
                found[symbol].add(date)
    clashes = {s: sorted(d) for s, d in found.items() if len(d) > 1}
    for symbol, dates in sorted(clashes.items()):
        print(f"left out {symbol}: printed with {', '.join(dates)}", file=sys.stderr)
    table = {s: next(iter(d)) for s, d in sorted(found.items()) if s not in clashes}
    Path(args.out).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"{len(table)} dated resolutions and decisions -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
