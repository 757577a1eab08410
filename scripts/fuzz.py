"""Fuzz campaign: thousands of mutated and generated inputs, checked by an oracle of its own.

    python scripts/fuzz.py [--count 20000] [--jobs 2] [--seed 1] [--keep DIR]

Inputs (seeded, reproducible): mutations of tests/corpus/texts/* and tests/fixtures/corpus/*
(lines deleted, duplicated, shuffled; digits, brackets, control characters, URLs inserted;
truncations), and resolutions generated from the six language tables (`tests.test_fuzz`).
Each is converted in one of ``--jobs`` worker processes with a per-input budget (2 s per MB,
at least 2 s: `converter.convert`'s ``timeout``). Checked, for every input:

* no traceback: no ``internal.error`` and no exception out of `convert`;
* no hang: no ``input.timeout`` (and the time taken);
* no invalid XML written: what `result.ok()` would write validates against the schema;
* nothing silently lost: an ORACLE outside the converter. Every word of the source (runs
  of letters, runs of digits; control characters, which are no text, taken out first),
  minus the words of the reader's ledger (``result.read.dropped``, the masthead lines, the
  link lines, and each footnote's own marker at the foot of the page), must be among the
  words of the XML's text and its footnote markers (multisets, order aside), for every
  output the converter would write (``result.ok()``). Two representations are accepted: a
  number with a footnote marker glued to its end, split into the number and the marker
  (``201817``: 2018 and 17; ``77/2285``: 228 and 5), and a word hyphenated across lines.

Prints a summary (and each failure, with its seed, to reproduce); ``--keep DIR`` writes the
failing inputs there. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "corpus" / "texts").glob("*")) + sorted(
    (ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")
)
#: words as the oracle counts them: runs of letters, runs of digits ("Treaty8" is the word and
#: a glued footnote marker, which the XML holds apart)
WORD = re.compile(r"[^\W\d_]+|\d+")
#: control characters are no text: the decoder removes them and a form feed is a page break,
#: so the letters either side of one are one word ("sessi\x07on" is "session")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NOISE = {
    "digits": lambda r: "".join(r.choice("0123456789") for _ in range(r.randint(1, 40))),
    "brackets": lambda r: "".join(r.choice("()[]{}（）") for _ in range(r.randint(1, 30))),
    "control": lambda r: "".join(
        r.choice("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u200b\u2028\ufeff")
        for _ in range(r.randint(1, 4))
    ),
    "url": lambda r: f"https://undocs.org/en/A/RES/{r.randint(1, 80)}/{r.randint(1, 300)}",
}
MB = 1_000_000


# -- inputs -------------------------------------------------------------------------------


def mutate(text: str, r: random.Random) -> tuple[str, str]:
    """``text`` changed 1–4 times; and what was done."""
    lines = text.split("\n")
    done = []
    for _ in range(r.randint(1, 4)):
        if len(lines) < 2:
            break
        op = r.choice(["delete", "duplicate", "shuffle", "insert", "insert_line", "truncate"])
        i = r.randrange(len(lines))
        if op == "delete":
            del lines[i : i + r.randint(1, 10)]
        elif op == "duplicate":
            n = r.randint(1, 10)
            lines[i:i] = lines[i : i + n]
        elif op == "shuffle":
            block = lines[i : i + r.randint(2, 12)]
            r.shuffle(block)
            lines[i : i + len(block)] = block
        elif op == "insert":
            kind = r.choice(list(NOISE))
            at = r.randint(0, len(lines[i]))
            lines[i] = lines[i][:at] + NOISE[kind](r) + lines[i][at:]
            op += "_" + kind
        elif op == "insert_line":
            kind = r.choice(list(NOISE))
            lines.insert(i, NOISE[kind](r))
            op += "_" + kind
        else:
            lines = lines[: max(i, 1)]
        done.append(op)
    return "\n".join(lines), "+".join(done)


def generate(r: random.Random) -> tuple[str, str]:
    """A resolution generated from a language table (as tests/test_fuzz.py's `generated`)."""
    from tests.test_fuzz import CODES, TABLES

    code = r.choice(CODES)
    t = TABLES[code]
    cjk = t["lang"].script == "cjk"
    join = "" if cjk else " "

    def filler() -> str:
        return join.join(r.choice(t["filler"]) for _ in range(r.randint(1, 14)))

    n_pre, n_op = r.randint(0, 5), r.randint(1, 8)
    paragraphs = [r.choice(t["preamble"]) + join + filler() + t["pre_end"] for _ in range(n_pre)]
    for k in range(1, n_op + 1):
        end = t["stop"] if k == n_op else t["op_end"]
        paragraphs.append(f"{k}. " + r.choice(t["operative"]) + join + filler() + end)
    width = r.randint(60, 120)
    lines = [r.choice(t["formulas"])]
    for p in paragraphs:
        if cjk:
            lines += [p[i : i + width // 2] for i in range(0, len(p), width // 2)]
        else:
            lines += textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False)
    text = "\n".join(lines) + "\n"
    if r.random() < 0.5:
        text, how = mutate(text, r)
        return text, f"generated-{code}+{how}"
    return text, f"generated-{code}"


def make(seed: int) -> tuple[str, str]:
    """Input number ``seed``: (text, how it was made)."""
    r = random.Random(seed)
    if r.random() < 0.25:
        return generate(r)
    source = r.choice(SOURCES)
    text, how = mutate(source.read_text(encoding="utf-8"), r)
    return text, f"{source.name}+{how}"


# -- the oracle ---------------------------------------------------------------------------


def lost_words(result, text: str) -> Counter:
    """Words of the source the XML does not hold, the reader's ledger aside."""
    from lxml import etree

    source = Counter(WORD.findall(CONTROL.sub("", text)))
    read = result.read
    ledger = Counter()
    for d in read.dropped:
        ledger.update(WORD.findall(d.text))
    for m in read.masthead:
        ledger.update(WORD.findall(m.text))
    for link in read.links:
        ledger.update(WORD.findall(link.url))
    for note in read.notes:  # the marker printed before a footnote's text at the foot
        if not note.inferred:
            ledger.update(WORD.findall(note.marker))
    root = etree.fromstring(result.xml)
    body = " ".join(root.itertext())
    # a footnote's marker is kept as the note's attribute, not as text
    markers = " ".join(el.get("marker", "") for el in root.iter("{*}authorialNote", "{*}noteRef"))
    xml = Counter(WORD.findall(body + " " + markers))
    lost = source - ledger - xml
    numbered = {m for m in markers.split() if m.isdigit()}
    for word in list(lost):
        # a number with a footnote marker glued to its end, split again: a year ("201817":
        # 2018 and marker 17) or another number ("77/2285": 228 and marker 5)
        if word.isdigit() and any(
            word.endswith(m) and len(m) < len(word) and xml[word[: -len(m)]] for m in numbered
        ):
            del lost[word]
    for a in list(lost):  # a word hyphenated across lines, joined again ("exer-", "cise")
        for b in list(lost):
            if a in lost and b in lost and a != b and xml[a + b]:
                del lost[a], lost[b]
    return lost


def check(seed: int) -> dict:
    """Convert input ``seed`` and check it; a JSON-able verdict."""
    from converter import convert
    from converter.akn import schema

    text, how = make(seed)
    size = len(text.encode("utf-8"))
    budget = max(2.0, 2.0 * size / MB)
    verdict = {"seed": seed, "how": how, "bytes": size, "problems": []}
    started = time.perf_counter()
    try:
        result = convert(text, name=f"fuzz-{seed}.txt", timeout=budget)
    except BaseException as exc:  # noqa: BLE001 - the thing looked for
        verdict["problems"].append(f"exception: {type(exc).__name__}: {exc}")
        verdict["seconds"] = time.perf_counter() - started
        return verdict
    verdict["seconds"] = time.perf_counter() - started
    codes = {d.code for d in result.diagnostics}
    if "internal.error" in codes:
        verdict["problems"].append(
            "traceback: "
            + next(d.message for d in result.diagnostics if d.code == "internal.error")
        )
    if "input.timeout" in codes or verdict["seconds"] > budget:
        verdict["problems"].append(f"hang: {verdict['seconds']:.1f} s > {budget:.1f} s")
    if result.ok():
        from lxml import etree

        errors = schema.schema_errors(etree.ElementTree(etree.fromstring(result.xml)))
        if errors:
            verdict["problems"].append(f"invalid XML: {errors[0].message}")
        lost = lost_words(result, text)
        if lost:
            verdict["problems"].append(f"lost words: {dict(lost.most_common(8))}")
    verdict["status"] = "ok" if result.ok() else "failed"
    return verdict


def _warm() -> None:
    """Load the schema and the tables in a new worker, so no input pays for them."""
    from converter import convert

    convert(SOURCES[0].read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1, help="the first input's seed")
    parser.add_argument("--keep", type=Path, help="write failing inputs to this folder")
    parser.add_argument("--only", type=int, nargs="*", help="just these seeds")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    seeds = args.only or range(args.seed, args.seed + args.count)
    started = time.perf_counter()
    kinds: Counter = Counter()
    statuses: Counter = Counter()
    failures = []
    slowest = (0.0, None)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.jobs, initializer=_warm, maxtasksperchild=500) as pool:
        for n, verdict in enumerate(pool.imap_unordered(check, seeds, chunksize=8), 1):
            statuses[verdict.get("status", "exception")] += 1
            slowest = max(
                slowest, (verdict["seconds"] / max(verdict["bytes"], 1) * MB, verdict["seed"])
            )
            for problem in verdict["problems"]:
                kinds[problem.split(":")[0]] += 1
            if verdict["problems"]:
                failures.append(verdict)
                print(json.dumps(verdict, ensure_ascii=False), flush=True)
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    text, _ = make(verdict["seed"])
                    (args.keep / f"fuzz-{verdict['seed']}.txt").write_text(text, encoding="utf-8")
            if n % 1000 == 0:
                print(f"… {n} inputs, {len(failures)} failing", file=sys.stderr, flush=True)
    total = sum(statuses.values())
    print(
        f"\n{total} inputs in {time.perf_counter() - started:.0f} s with {args.jobs} workers: "
        f"{statuses['ok']} converted, {statuses['failed']} refused with a diagnostic; "
        f"slowest {slowest[0]:.2f} s/MB (seed {slowest[1]})"
    )
    for kind in ("traceback", "exception", "hang", "invalid XML", "lost words"):
        print(f"  {kind:<12} {kinds[kind]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
