"""Plausibility: does the recovered document look like a resolution? Checks on the model alone.

Independent of how the parser decided: it reads the finished `Document` and says what a
person would find odd in it. Each finding is a warning with a stable code and the source
line of the node concerned:

- ``plausibility.numbering``: numbered paragraphs (operative part, each annex) or points
  that do not run 1, 2, 3… / (a), (b)… / (i), (ii)… in their scope; a heading opens a new
  scope, where numbering may restart at 1 or go on.
- ``plausibility.empty_paragraph``: a paragraph or point without text or points.
- ``plausibility.heading_sentence``: a heading that ends like a clause ("…;", "…,"): a
  paragraph taken for a heading, or a heading glued to text.
- ``plausibility.preamble_opening``: a preambular paragraph that does not open with a phrase
  of the language's table.
- ``plausibility.preamble_lowercase``: a preambular paragraph that opens in lower case where
  the language opens them with a capital (``[punctuation] preamble_case``; not Russian): a
  clause of the previous one taken for a paragraph.
- ``plausibility.preamble_merged``: a preambular paragraph in which, after a comma or
  semicolon, a capitalised table phrase (or a capitalised word with an ending that five
  phrases of the table share, "…ing" in English, before lower-case words) opens what looks
  like the next paragraph.
- ``plausibility.footnote_numbering``: footnotes not numbered 1..N in order.
- ``plausibility.footnote_unreferenced``: a numbered footnote that no marker in the text
  refers to.

Usage: ``diagnostics.extend(plausibility.check(document))``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache

from converter.diagnostics import Diagnostic, Severity
from converter.languages.numbering import from_roman, letter_at, letter_index, to_roman
from converter.model import (
    Document,
    Heading,
    Inline,
    NoteRef,
    Paragraph,
    Point,
    Tagged,
    plain_text,
)

_NUMBER = re.compile(r"^\(?(\d+)[.)]?$")
_LETTER = re.compile(r"^\(?([a-z]{1,2})\)?\.?$")
_ROMAN = re.compile(r"^\(?([ivxlc]+)\)?\.?$")
_CLAUSE_END = (";", ",")
_MERGE = re.compile(r"[,;]\s+(?=[A-Z])")
#: a capitalised word, then two lower-case ones (not a title's "Stockpiling and Use")
_WORD = re.compile(r"([A-Z][a-z]{5,})\s+[a-z]\S*\s+[a-z]")


def _warn(code: str, message: str, line: int) -> Diagnostic:
    return Diagnostic("plausibility." + code, Severity.WARNING, message, line)


def _values(num: str) -> list[tuple[str, int]]:
    """The readings (kind, value) of a printed number: [("n", 7)] for "7.", [("a", 2)] for
    "(b)", [("i", 4)] for "(iv)"; "(i)", "(v)", "(x)" read as roman or as letters."""
    text = num.strip()
    if m := _NUMBER.match(text):
        return [("n", int(m.group(1)))]
    out = []
    if (m := _ROMAN.match(text)) and (value := from_roman(m.group(1))):
        out.append(("i", value))
    if (m := _LETTER.match(text)) and (index := letter_index(m.group(1))) is not None:
        out.append(("a", index + 1))
    return out


def _sequence(items: Iterable[tuple[str | None, int]], scope: str) -> Iterator[Diagnostic]:
    """Numbers that do not follow their predecessor of the same kind in one scope. A None
    number opens a new scope (a heading), where 1 or the next number may follow."""
    last: dict[str, int] = {}
    restart = False
    for num, line in items:
        if num is None:
            restart = True
            continue
        readings = _values(num)
        if not readings:
            continue
        fits = [(k, n) for k, n in readings if n == last.get(k, 0) + 1 or (restart and n == 1)]
        fits.sort(key=lambda r: r[0] not in last)  # "(i)" after "(h)" is the letter
        kind, n = fits[0] if fits else readings[0]
        if not fits:
            where = (
                f"{num.strip()} follows {_show(kind, last[kind])}"
                if kind in last
                else f"{num.strip()} opens it"
            )
            yield _warn("numbering", f"numbering of the {scope} does not run on: {where}", line)
        last[kind] = n
        restart = False


def _show(kind: str, n: int) -> str:
    if kind == "n":
        return f"{n}."
    if kind == "a":
        return f"({letter_at(n - 1)})"
    return f"({to_roman(n)})"


def _points(points: tuple[Point, ...], scope: str) -> Iterator[Diagnostic]:
    if not points:
        return
    yield from _sequence(((p.num, p.loc.line) for p in points), f"points of {scope}")
    for p in points:
        if not p.points and not _has_text(p.content):
            yield _warn("empty_paragraph", f"point {p.num} of {scope} has no text", p.loc.line)
        yield from _points(p.points, f"{scope} {p.num}")


def _blocks(blocks: tuple, scope: str) -> Iterator[Diagnostic]:
    """Numbering, emptiness and headings of a run of paragraphs and headings."""
    items: list[tuple[str | None, int]] = []
    for b in blocks:
        if isinstance(b, Heading):
            items.append((None, b.loc.line))
            text = _words(b.content)
            if text.endswith(_CLAUSE_END):
                yield _warn(
                    "heading_sentence", f"heading ends like a clause: '…{text[-30:]}'", b.loc.line
                )
        elif isinstance(b, Paragraph):
            if b.num is not None:
                items.append((b.num, b.loc.line))
            if not b.points and not _has_text(b.content):
                yield _warn(
                    "empty_paragraph",
                    f"paragraph {b.num or ''} of the {scope} has no text".replace("  ", " "),
                    b.loc.line,
                )
            yield from _points(b.points, f"paragraph {b.num}" if b.num else f"the {scope}")
    yield from _sequence(items, scope)


def _has_text(content: tuple[Inline, ...]) -> bool:
    """Whether ``content`` prints anything but white space (``plain_text(content).strip()``,
    without joining the text: most paragraphs answer at their first piece)."""
    for item in content:
        if isinstance(item, NoteRef):
            if item.marker.strip():
                return True
        elif isinstance(item, Tagged):
            if _has_text(item.content):
                return True
        elif item.text.strip():
            return True
    return False


def _words(content: tuple[Inline, ...]) -> str:
    """The printed words of ``content``, footnote markers left out (those of its top level:
    `plain_text` of the content without them)."""
    parts = []
    for item in content:
        if isinstance(item, Tagged):
            parts.append(plain_text(item.content))
        elif not isinstance(item, NoteRef):
            parts.append(item.text)
    return "".join(parts).strip()


def _markers(content: Iterable[Inline], out: set[str]) -> None:
    """Add the markers of the footnote references in ``content`` to ``out``."""
    for item in content:
        if isinstance(item, NoteRef):
            out.add(item.marker)
        elif isinstance(item, Tagged):
            _markers(item.content, out)


def _all_markers(doc: Document) -> set[str]:
    """The markers of every footnote reference of ``doc``, at any depth."""
    out: set[str] = set()
    for h in doc.masthead + doc.heading + doc.closing:
        _markers(h.content, out)
    _markers(doc.formula, out)
    for p in doc.preamble + doc.operative:
        _block_markers(p, out)
    for a in doc.annexes:
        _markers(a.heading, out)
        _markers(a.title, out)
        for b in a.blocks:
            _block_markers(b, out)
    for n in doc.notes:
        _markers(n.content, out)
    return out


def _block_markers(p, out: set[str]) -> None:
    """Add the markers of a block and of its points and preamble, at any depth, to ``out``."""
    _markers(p.content, out)
    for q in getattr(p, "points", ()) + getattr(p, "preamble", ()):
        _block_markers(q, out)


def preambular(doc: Document) -> tuple[Paragraph, ...]:
    """Every preambular paragraph: the document's preamble, then its sections' own."""
    own = (p for b in doc.operative if isinstance(b, Heading) for p in b.preamble)
    return doc.preamble + tuple(own)


@cache
def _endings(lang) -> frozenset[str]:
    """Word endings shared by five opening phrases of the preamble table or more ("ing",
    "ed" in English): a capitalised word with one, after a clause, may open a paragraph.
    Language-table facts: computed once per table."""
    words = [k.split()[0].casefold() for k in lang.section("preamble", "phrases") if k.split()]
    counts = Counter(w[-3:] for w in words if len(w) >= 6)
    return frozenset(e for e, n in counts.items() if n >= 5)


def _preamble(doc: Document, paragraphs: tuple[Paragraph, ...]) -> Iterator[Diagnostic]:
    """Openings and merges of the preambular ``paragraphs`` of ``doc``."""
    from converter.languages import load
    from converter.languages.phrases import match

    try:
        lang = load(doc.facts.lang)
    except Exception:  # an unknown language: no table to check against
        return
    endings = _endings(lang)
    for p in paragraphs:
        text = _words(p.content)  # markers left out: "…2025,1 Having also…" is a merge
        first = next((c for c in text if c.isalpha()), "")
        if first.islower() and lang.value("punctuation", "preamble_case") == "upper":
            yield _warn(
                "preamble_lowercase",
                "preambular paragraph opens in lower case: it may "
                f"continue the previous one: '{text[:30]}…'",
                p.loc.line,
            )
        opening = p.opening
        if opening is None or opening.type == "unknown" or not opening.text:
            if match(text, lang, "preamble") is None:
                yield _warn(
                    "preamble_opening",
                    "preambular paragraph does not open with a "
                    f"phrase of the table: '{text[:30]}…'",
                    p.loc.line,
                )
        for m in _MERGE.finditer(text):
            rest = text[m.end() :]
            found = match(rest, lang, "preamble")
            word = _WORD.match(rest)
            if (found is not None and found.end > 3) or (
                word and word.group(1).casefold()[-3:] in endings
            ):
                yield _warn(
                    "preamble_merged",
                    "preambular paragraph holds what looks like the "
                    f"next one: '…{text[m.end() : m.end() + 30]}…'",
                    p.loc.line,
                )
                break


def _notes(doc: Document) -> Iterator[Diagnostic]:
    numbered = [n for n in doc.notes if n.marker.isdigit()]
    for k, n in enumerate(numbered, 1):
        if int(n.marker) != k:
            yield _warn(
                "footnote_numbering",
                f"footnote {n.marker} stands where footnote {k} "
                "should: footnotes are not numbered 1..N",
                n.loc.line,
            )
            break
    referenced = _all_markers(doc)
    for n in numbered:
        if n.marker not in referenced:
            yield _warn(
                "footnote_unreferenced",
                f"no marker in the text refers to footnote {n.marker}",
                n.loc.line,
            )


def check(document: Document) -> list[Diagnostic]:
    """The plausibility warnings for ``document`` (empty when it looks right)."""
    out: list[Diagnostic] = []
    paragraphs = preambular(document)
    out.extend(_preamble(document, paragraphs))
    for p in paragraphs:
        if not p.points and not _has_text(p.content):
            out.append(_warn("empty_paragraph", "preambular paragraph has no text", p.loc.line))
        out.extend(_points(p.points, "the preamble"))
    out.extend(_blocks(document.operative, "operative part"))
    for k, annex in enumerate(document.annexes, 1):
        out.extend(_blocks(annex.blocks, f"annex {k}"))
    out.extend(_notes(document))
    return sorted(out, key=lambda d: d.line)
