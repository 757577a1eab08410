"""Amendments to draft resolutions: "United States of America: amendment to draft resolution
A/80/L.25", then numbered amendments ("1. In the fourth preambular paragraph, delete …").

`find_amendment` finds the heading line that names the amended draft (the language table's
``[amendment] heading``) and the line where the amendments start (a numbered paragraph, or a
line opening with one of the table's ``item_start`` words); `targets` finds the paragraphs of
the amended draft that an amendment names ("the seventh preambular paragraph", "operative
paragraph 5"), each with the eId it has in the draft's AKN (``preambular_7``, ``para_5``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.diagnostics import ConversionError, Diagnostic, Severity
from converter.languages import Language
from converter.model import Amendment, Paragraph
from converter.parse.inline.refs import document_iri
from converter.source import SrcLine


@dataclass(frozen=True)
class Found:
    heading_end: int  #: index of the last line of the heading that names the amended draft
    start: int  #: index of the first line of the amendments
    amends: str  #: what is amended, as printed ("draft resolution A/80/L.25")
    symbol: str | None  #: the amended document's symbol (the draft's, or its report's)


def find_amendment(body: list[SrcLine], lang: Language, limit: int = 60) -> Found | None:
    """Where an amendment document's heading and amendments are; None if it is none."""
    heading = lang.regex("amendment", "heading")
    item = lang.regex("amendment", "item_start")
    if heading is None or item is None:
        return None
    found = heading_match(body[:limit], heading)
    if found is None:
        return None
    _, end, m = found
    number = re.compile(r"^\d{1,3}\s*[.．]")
    start = next(
        (
            i
            for i in range(end + 1, len(body))
            if number.match(body[i].text) or item.match(body[i].text)
        ),
        None,
    )
    if start is None:
        return None
    target = " ".join(m.group("target").split())
    symbols = re.findall(r"(?<![A-Za-z0-9])[A-Z]+(?:/[\w.\-]+)+", target)
    return Found(end, start, target, symbols[-1].rstrip(".") if symbols else None)


def heading_match(lines: list[SrcLine], heading: re.Pattern[str]):
    """(indices of the lines where its stage starts and where it ends, match) of the amendment
    heading in ``lines`` (joined with spaces: it may run over lines), or None."""
    text, starts = "", []
    for line in lines:
        starts.append(len(text))
        text += line.text + " "
    m = heading.search(text)
    if m is None:
        return None
    first = max(i for i, s in enumerate(starts) if s <= m.start("stage"))
    return first, max(i for i, s in enumerate(starts) if s <= m.end() - 1), m


def _ordinal(word: str, lang: Language) -> int | None:
    """The number an ordinal word spells ("seventh" 7, "twenty-third" 23)."""
    ordinals = lang.section("numbers", "ordinals")
    word = word.casefold()
    if word in ordinals:
        return ordinals[word]
    tens, units = lang.section("numbers", "tens"), lang.section("numbers", "ordinals")
    for sep in ("-", " "):
        if sep in word:
            a, b = word.split(sep, 1)
            if a in tens and b in units and units[b] < 10:
                return tens[a] + units[b]
    return None


def target_spans(text: str, lang: Language, amended: str | None, taken) -> list:
    """Spans (see parse.document) making each named paragraph of the amended draft a `Ref`,
    where no other span (a date, a reference) is."""
    from converter.model import Ref, plain_text

    if not amended:
        return []  # no target without the amended draft (see `targets`)
    return [
        (a, b, lambda c, href=href: Ref(plain_text(c), href, amended))
        for a, b, href in targets(text, lang, amended)
        if not any(s < b and a < e for s, e, _ in taken)
    ]


def targets(text: str, lang: Language, amended: str | None) -> list[tuple[int, int, str]]:
    """(start, end, href) of each paragraph of the amended draft named in ``text``."""
    if not amended:
        return []
    base = document_iri(amended)
    out = []
    pre = lang.regex("amendment", "preambular")
    op = lang.regex("amendment", "operative")
    for m in pre.finditer(text) if pre else ():
        n = m.group("number")
        value = int(n) if n.isdigit() else _ordinal(n, lang)
        if value:
            out.append((m.start(), m.end(), f"{base}/~preambular_{value}"))
    for m in op.finditer(text) if op else ():
        out.append((m.start(), m.end(), f"{base}/~para_{m.group('number')}"))
    return sorted(out)


def amendments(items: tuple) -> tuple[Amendment, ...]:
    """The amendments of an amendment document; a ConversionError at a heading among them
    (an amendment body holds numbered amendments only: the text is out of order)."""
    for item in items:
        if not isinstance(item, Paragraph):
            raise ConversionError(
                [
                    Diagnostic(
                        "structure.amendment_heading",
                        Severity.ERROR,
                        "a heading among the amendments of an amendment document: an "
                        "amendment body holds numbered amendments only (text out of order?)",
                        item.loc.line,
                    )
                ]
            )
    return tuple(Amendment(p.num, p.content, p.loc, p.points) for p in items)
