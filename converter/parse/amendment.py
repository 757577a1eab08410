"""Amendments to draft resolutions: "United States of America: amendment to draft resolution
A/80/L.25", then numbered amendments ("1. In the fourth preambular paragraph, delete …").

`find_amendment` finds the heading line that names the amended draft (the language table's
``[amendment] heading``) and the line where the amendments start (a numbered paragraph, or a
line opening with one of the table's ``item_start`` words); `targets` finds the paragraphs of
the amended draft that an amendment names ("the seventh preambular paragraph", "operative
paragraph 5", "operative paragraphs 35, 38 and 39": each number), each with the eId it has
in the draft's AKN (``preambular_7``, ``para_5``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from converter.languages import Language
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


def _ordinal(words: str, lang: Language) -> int | None:
    """The number an ordinal spells: "seventh" 7, "twenty-third" 23, "vingt et unième" 21,
    "двадцать пятом" 25. The last word is an ordinal (in an inflected form, read through
    ``[numbers] ordinal_inflections``: "пятом" as "пятая"); the words before it are number
    words that add to it."""
    table = lang.section("numbers")
    parts = [w for w in re.split(r"[\s-]+", words.casefold()) if w]
    if not parts:
        return None
    value = _ordinal_word(parts[-1], table)
    for word in parts[:-1]:
        if value is None:
            return None
        add = _cardinal(word, table)
        add = add if add is not None else _ordinal_word(word, table)
        value = None if add is None else value + add
    return value


def _ordinal_word(word: str, table: Mapping[str, Any]) -> int | None:
    ordinals = table.get("ordinals", {})
    if word in ordinals:
        return ordinals[word]
    inflections = table.get("ordinal_inflections", {})
    for ending in sorted(inflections, key=len, reverse=True):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)] + inflections[ending]
            if base in ordinals:
                return ordinals[base]
    return None


def _cardinal(word: str, table: Mapping[str, Any]) -> int | None:
    """A number word that may stand before an ordinal ("twenty", "vingt", "et")."""
    value = table.get("tens", {}).get(word)
    return value if value is not None else table.get("units", {}).get(word)


def _items(group: str, lang: Language) -> list[tuple[int, int, int]]:
    """(start, end, number) of each number or ordinal of a target list in ``group`` ("35,
    38 and 39", "fourth and seventh"), split at the table's ``list_separator``. Words before
    a number that spell none are left out ("In the fourth" is "fourth"); an item that ends
    in a number word goes on into the next ("vingt" and "unième": "vingt et unième")."""
    sep = lang.regex("amendment", "list_separator")
    bounds = [(m.start(), m.end()) for m in sep.finditer(group)] if sep else []
    pieces, at = [], 0
    for a, b in bounds:
        if a > at:
            pieces.append((at, a))
        at = b
    pieces.append((at, len(group)))
    out, pending = [], None
    table = lang.section("numbers")
    for a, b in pieces:
        a = pending if pending is not None else a
        found = _number_at_end(group, a, b, lang)
        if found is not None:
            out.append(found)
            pending = None
            continue
        last = group[a:b].split()[-1:] or [""]
        cardinal = _cardinal(last[0].casefold(), table) is not None
        pending = a if cardinal else None
    return out


def _number_at_end(group: str, a: int, b: int, lang: Language) -> tuple[int, int, int] | None:
    """(start, end, number) of the longest run of words ending at ``b`` that spells one."""
    piece = group[a:b]
    for rel in [0] + [m.end() for m in re.finditer(r"\s+", piece)]:
        text = piece[rel:].strip()
        if not text:
            continue
        value = int(text) if text.isdigit() else _ordinal(text, lang)
        if value:
            start = a + rel + len(piece[rel:]) - len(piece[rel:].lstrip())
            return start, start + len(text), value
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
    """(start, end, href) of each paragraph of the amended draft named in ``text``: the whole
    phrase for one paragraph ("operative paragraph 5"), each number for a list ("operative
    paragraphs 35, 38 and 39": 35, 38 and 39 each a target)."""
    if not amended:
        return []
    base = document_iri(amended)
    out = []
    for key, label in (("preambular", "preambular_"), ("operative", "para_")):
        pattern = lang.regex("amendment", key)
        for m in pattern.finditer(text) if pattern else ():
            offset = m.start("number")
            items = _items(m.group("number"), lang)
            if len(items) == 1:
                first = items[0][0] + offset
                start = first if m.start() == offset else m.start()
                out.append((start, m.end(), f"{base}/~{label}{items[0][2]}"))
                continue
            for a, b, value in items:
                out.append((a + offset, b + offset, f"{base}/~{label}{value}"))
    return sorted(out)
