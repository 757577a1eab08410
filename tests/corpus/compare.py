"""Per-field agreement of converter results with truth.json (standard library only).

Usage: python compare.py RESULTS.jsonl [truth.json]
RESULTS.jsonl: one {"name": ..., "counts": {...}} per line, counts named as the
converter prints them (preambular, operative, footnotes, firstReferences,
repeatReferences, annexes). The converter's `footnotes` and `firstReferences`
include `*` notes, so truth's star_notes are added before comparing.
"""

import json
import os
import sys

FIELDS = {  # converter name -> function(truth entry) giving the expected value
    "preambular": lambda t: t["preambular"],
    "operative": lambda t: t["operative"],
    "footnotes": lambda t: t["footnotes"] + t["star_notes"],
    "firstReferences": lambda t: t["first_refs"] + t["star_notes"],
    "repeatReferences": lambda t: t["repeat_refs"],
    "annexes": lambda t: t["annexes"],
}


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    truth_path = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "truth.json")
    truth = json.load(open(truth_path, encoding="utf-8"))
    ok = {f: 0 for f in FIELDS}
    seen = {f: 0 for f in FIELDS}
    wrong = {f: [] for f in FIELDS}
    n_docs = 0
    for line in open(argv[0], encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        name = r["name"]
        if name.endswith(".en.txt"):
            name = name[:-7]
        t = truth.get(name)
        if t is None:
            continue
        n_docs += 1
        counts = r.get("counts") or {}
        for f, want in FIELDS.items():
            seen[f] += 1
            got = counts.get(f)
            if got == want(t):
                ok[f] += 1
            else:
                wrong[f].append(f"{name}({got}!={want(t)})")
    print(f"documents compared: {n_docs} of {len(truth)}")
    for f in FIELDS:
        pct = 100.0 * ok[f] / seen[f] if seen[f] else 0.0
        print(
            f"{f:18s} {ok[f]:4d}/{seen[f]:<4d} {pct:5.1f}%  "
            + " ".join(wrong[f][:8])
            + (" ..." if len(wrong[f]) > 8 else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
