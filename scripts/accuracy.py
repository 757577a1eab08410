"""Accuracy on real documents: convert the corpus and compare with its established truth.

Usage: python scripts/accuracy.py [--corpus tests/corpus] [--jobs 2] [--only NAME ...]
                                  [--write docs/accuracy.md] [--json] [--pdf [DIR]]

``--pdf`` measures the same documents converted from their PDFs (``DIR/<name>.pdf``, default
/work/shared/corpus/ga/pdf; the truth is per document name) instead of their texts; with
``--write docs/accuracy-pdf.md`` its page says so.

For each of the corpus's texts (``texts/<name>.en.txt``) the converter's counts are compared
with ``truth.json`` (method: ``tests/corpus/README.md``). Primary fields (truth checked by hand
where views disagreed): preambular, operative, footnotes (+ star notes), first references
(+ star notes), annexes. Secondary fields (truth from the counter only): points, repeat
references — reported apart, not in the exact rate.

A document of type ``other`` (not a resolution) is correct when the conversion fails with an
error. Every miss is FLAGGED (the conversion failed, or carried a warning or error; "located"
when one stands on a line of the wrong part) or SILENT (status ok and no warning): silent
misses are the ones a user cannot see. The last line is the figure to quote:
``exact: N/200 (P%), silent misses: S``.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED_PDF = Path("/work/shared/corpus/ga/pdf")

PRIMARY = {  # counts name -> expected value from a truth entry
    "preambular": lambda t: t["preambular"],
    "operative": lambda t: t["operative"],
    "footnotes": lambda t: t["footnotes"] + t["star_notes"],
    "firstReferences": lambda t: t["first_refs"] + t["star_notes"],
    "annexes": lambda t: t["annexes"],
}
SECONDARY = {
    "points": lambda t: t["points"],
    "repeatReferences": lambda t: t["repeat_refs"],
    "headingRead": lambda t: 1,  # every document's heading block is read (see _heading_read)
}
# the part of the document whose lines locate a miss of each field
PART = {
    "preambular": "preamble",
    "operative": "operative",
    "footnotes": "notes",
    "firstReferences": "body",
    "annexes": "annexes",
    "points": "body",
    "repeatReferences": "body",
    "headingRead": "heading",
}
#: the heading-block patterns whose words the title of a read heading never holds
TITLE_FOREIGN = ("agenda_item", "adopted", "adopted_meeting", "stage_line")


def _points(paragraphs) -> int:
    def count(points) -> int:
        return sum(1 + count(p.points) for p in points)

    return sum(count(getattr(p, "points", ())) for p in paragraphs)


def _heading_read(doc, codes: set[str]) -> int:
    """1 when the heading block was read: a title, no heading warning, and a title that holds
    no words of another item (agenda item, adoption, stage) by the language table's patterns
    (searched anywhere: the parser's own line-by-line reading is not trusted)."""
    import re

    from converter.languages import load
    from converter.model import plain_text

    titles = [plain_text(h.content) for h in doc.heading if h.kind == "title"]
    if not titles or codes & {"heading.unread", "heading.unrecognised"}:
        return 0
    lang = load(doc.facts.lang)
    for key in TITLE_FOREIGN:
        pattern = lang.value("heading", key, default="")
        unanchored = pattern.removeprefix("^").removesuffix("$")
        if unanchored and re.search(unanchored, titles[0]):
            return 0
    return 1


def _span(nodes) -> tuple[int, int] | None:
    lines = [n.loc.line for n in nodes if getattr(n, "loc", None) and n.loc.line]
    return (min(lines), max(lines)) if lines else None


def measure(path: str) -> dict:
    """Convert one text; what the comparison needs (runs in a worker process)."""
    name = Path(path).name.removesuffix(".en.txt").removesuffix(".pdf")
    try:
        from converter import convert
        from converter.diagnostics import Severity

        r = convert(path)
    except Exception as exc:  # a crash is a failure, flagged
        return {
            "name": name,
            "ok": False,
            "crash": repr(exc),
            "counts": {},
            "diagnostics": [],
            "plausibility": [],
            "parts": {},
        }
    counts = dict(r.counts())
    parts: dict[str, tuple[int, int] | None] = {}
    doc = r.document
    if doc is not None:
        counts["points"] = _points(doc.preamble) + _points(doc.operative)
        counts["headingRead"] = _heading_read(doc, {d.code for d in r.diagnostics})
        parts["preamble"] = _span(doc.preamble)
        if doc.formula_loc.line and parts["preamble"] is None:
            parts["preamble"] = (doc.formula_loc.line, doc.formula_loc.line)
        parts["operative"] = _span(doc.operative)
        parts["notes"] = _span(doc.notes)
        parts["annexes"] = _span(doc.annexes)
        body = [s for s in (parts["preamble"], parts["operative"]) if s]
        parts["body"] = (min(s[0] for s in body), max(s[1] for s in body)) if body else None
        if parts["annexes"]:  # an annex runs to the end of the input
            parts["annexes"] = (parts["annexes"][0], 10**9)
        if parts["operative"]:  # the last paragraph may run on for a while
            parts["operative"] = (parts["operative"][0], parts["operative"][1] + 40)
    diags = [
        (d.code, int(d.severity), d.line) for d in r.diagnostics if d.severity >= Severity.WARNING
    ]
    plausible = []
    if doc is not None and not any(c.startswith("plausibility.") for c, _, _ in diags):
        from converter import plausibility  # what the pipeline would add when it calls it

        plausible = [(d.code, int(d.severity), d.line) for d in plausibility.check(doc)]
    return {
        "name": name,
        "ok": r.ok(),
        "crash": None,
        "counts": counts,
        "diagnostics": diags,
        "plausibility": plausible,
        "parts": parts,
    }


def judge(m: dict, truth: dict) -> dict:
    """Compare one measurement with its truth entry."""
    t = truth[m["name"]]
    flagged = not m["ok"] or bool(m["diagnostics"])
    out = {
        "name": m["name"],
        "type": t["type"],
        "confidence": t.get("confidence"),
        "ok": m["ok"],
        "flagged": flagged,
        "wrong": {},
        "secondary_wrong": {},
        "located": False,
        "diagnostics": m["diagnostics"][:6],
        "crash": m["crash"],
        "plausibility": m["plausibility"][:6],
        "flagged_by_plausibility": not flagged and bool(m["plausibility"]),
    }
    if t["type"] == "other":
        if m["ok"]:
            out["wrong"]["type"] = ("converted", "failure")
        return out
    for table, key in ((PRIMARY, "wrong"), (SECONDARY, "secondary_wrong")):
        for field, want in table.items():
            got = m["counts"].get(field)
            if got != want(t):
                out[key][field] = (got, want(t))
    for field in out["wrong"]:
        span = m["parts"].get(PART.get(field, "body"))
        if span and any(span[0] - 3 <= line <= span[1] + 3 for _, _, line in m["diagnostics"]):
            out["located"] = True
    return out


def run(corpus: Path, jobs: int, only: list[str], pdf: Path | None = None) -> list[dict]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    if pdf is not None:
        paths = sorted(str(pdf / f"{name}.pdf") for name in truth if (pdf / f"{name}.pdf").exists())
    else:
        paths = sorted(
            str(p)
            for p in (corpus / "texts").glob("*.en.txt")
            if p.name.removesuffix(".en.txt") in truth
        )
    if only:
        paths = [
            p for p in paths if Path(p).name.removesuffix(".en.txt").removesuffix(".pdf") in only
        ]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        measured = list(pool.map(measure, paths, chunksize=4))
    return [judge(m, truth) for m in measured]


def summary(results: list[dict]) -> dict:
    n = len(results)
    rates = {}
    for field in list(PRIMARY) + list(SECONDARY):
        scored = [r for r in results if r["type"] != "other"]
        good = sum(field not in r["wrong"] and field not in r["secondary_wrong"] for r in scored)
        rates[field] = (good, len(scored))
    misses = [r for r in results if r["wrong"]]
    return {
        "documents": n,
        "rates": rates,
        "exact": n - len(misses),
        "misses": len(misses),
        "silent": sum(not r["flagged"] for r in misses),
        "flagged": sum(r["flagged"] for r in misses),
        "located": sum(r["flagged"] and r["located"] for r in misses),
        "silent_with_plausibility": sum(
            not r["flagged"] and not r["flagged_by_plausibility"] for r in misses
        ),
        "secondary_misses": sum(bool(r["secondary_wrong"]) for r in results),
    }


def figure(s: dict) -> str:
    pct = 100.0 * s["exact"] / s["documents"] if s["documents"] else 0.0
    return f"exact: {s['exact']}/{s['documents']} ({pct:.1f}%), silent misses: {s['silent']}"


def miss_line(r: dict) -> str:
    what = ", ".join(f"{f} {got} (truth {want})" for f, (got, want) in r["wrong"].items())
    how = "FLAGGED" if r["flagged"] else "SILENT"
    if r.get("flagged_by_plausibility"):
        how += (
            " (plausibility.check would flag: "
            + ", ".join(sorted({c for c, _, _ in r["plausibility"]}))
            + ")"
        )
    if r["flagged"]:
        why = "failed" if not r["ok"] else "warning"
        codes = sorted({c for c, _, _ in r["diagnostics"]})[:3]
        how += f" ({why}{', located' if r['located'] else ''}: {', '.join(codes)})"
    return f"{r['name']} [{r['type']}]: {what} — {how}"


def report(results: list[dict], s: dict) -> str:
    lines = [f"documents: {s['documents']}", "", "primary fields (exact per document):"]
    for field in PRIMARY:
        good, total = s["rates"][field]
        lines.append(f"  {field:18s} {good:4d}/{total:<4d} {100.0 * good / max(total, 1):5.1f}%")
    lines.append("secondary fields (truth from the counter only):")
    for field in SECONDARY:
        good, total = s["rates"][field]
        lines.append(f"  {field:18s} {good:4d}/{total:<4d} {100.0 * good / max(total, 1):5.1f}%")
    lines += [
        "",
        f"misses: {s['misses']} (flagged {s['flagged']}, of which located "
        f"{s['located']}; silent {s['silent']}, of which plausibility.check flags "
        f"{s['silent'] - s['silent_with_plausibility']})",
    ]
    for r in sorted(results, key=lambda r: (r["flagged"], r["name"])):
        if r["wrong"]:
            lines.append("  " + miss_line(r))
    lines += ["", figure(s)]
    return "\n".join(lines)


def markdown(results: list[dict], s: dict, pdf: bool = False) -> str:
    what = (
        "PDFs of the General Assembly documents of `tests/corpus/` (in the shared corpus)"
        if pdf
        else "General Assembly texts of `tests/corpus/`"
    )
    command = "--pdf --write docs/accuracy-pdf.md" if pdf else "--write docs/accuracy.md"
    out = [
        "# Accuracy on real documents" + (", from their PDFs" if pdf else ""),
        "",
        f"Generated by `python scripts/accuracy.py {command}` over the "
        f"{s['documents']} {what} against `truth.json` "
        "(method: `tests/corpus/README.md`). A document is *exact* when every primary field "
        "matches; a document of type `other` (not a resolution) is correct when the "
        "conversion fails. A miss is *flagged* when the conversion failed or carried a "
        "warning or error (*located* when one stands in the wrong part), *silent* otherwise.",
        "",
        "| field | exact | rate |",
        "|---|---:|---:|",
    ]
    for field in list(PRIMARY) + list(SECONDARY):
        good, total = s["rates"][field]
        note = " (secondary: counter-only truth)" if field in SECONDARY else ""
        out.append(f"| {field}{note} | {good}/{total} | {100.0 * good / max(total, 1):.1f}% |")
    out += [
        "",
        f"Misses: {s['misses']} — flagged {s['flagged']} (located {s['located']}), "
        f"silent {s['silent']} (of which `converter.plausibility.check` flags "
        f"{s['silent'] - s['silent_with_plausibility']}).",
        "",
        "## Silent misses",
        "",
    ]
    out += [f"- {miss_line(r)}" for r in results if r["wrong"] and not r["flagged"]] or ["- none"]
    out += ["", "## Flagged misses", ""]
    out += [f"- {miss_line(r)}" for r in results if r["wrong"] and r["flagged"]] or ["- none"]
    out += ["", "```", figure(s), "```", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--write", type=Path, help="regenerate this Markdown page")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument(
        "--pdf",
        type=Path,
        nargs="?",
        const=SHARED_PDF,
        help=f"convert the documents' PDFs from this folder (default {SHARED_PDF})",
    )
    args = ap.parse_args(argv)
    if args.pdf is not None and not args.pdf.is_dir():
        print(f"{args.pdf}: no such folder: the PDF corpus is absent, nothing measured")
        return 0
    results = run(args.corpus, args.jobs, args.only, args.pdf)
    s = summary(results)
    if args.write:
        args.write.write_text(markdown(results, s, args.pdf is not None), encoding="utf-8")
    if args.json:
        print(json.dumps({"summary": s, "figure": figure(s), "results": results}, indent=1))
    else:
        print(report(results, s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
