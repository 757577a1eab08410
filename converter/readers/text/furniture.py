"""Page furniture and masthead shapes: which stripped line (or column of one) is a running
header or footer, a job number, a page counter, a rule, a link, or a masthead item.

The shapes are the UN's document-production conventions, the same in every language; the
masthead's words come from the language tables.
"""

from __future__ import annotations

import re
from collections import Counter

from converter.languages import Language
from converter.organs import SYMBOL  # the grammar of a symbol line

JOB = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?$")  # 19-17644, 18-18418 (E) 071118
STAMP = re.compile(r"^\d{6}$")  # ddmmyy stamp beside the job number
BARCODE = re.compile(r"^\*\d{7}\*$")
COUNTER = re.compile(r"^(\d{1,3})/(\d{1,3})$")  # page n/N
JOB_AND_COUNTER = re.compile(r"^\d{2}-\d{5}\s+\d{1,3}/\d{1,3}$|^\d{1,3}/\d{1,3}\s+\d{2}-\d{5}$")
RULE = re.compile(r"^(?:_{8,}|[─━]{8,}|-{15,})$")
LINK = re.compile(r"^https?://\S+$")
RULE_OR_LINK_HEADS = "_─━-h"  #: the characters a RULE or a LINK opens with
COLUMN_GAP = re.compile(r"\s\s\s+")  # \s{3,}, spelt so that search skips to a space
PAGE_COUNTER = re.compile(r"(?<![\d/])(\d{1,3})/(\d{1,3})(?![\d/])")
JOB_IN_TEXT = re.compile(r"\b\d{2}-\d{5}\b")

_SHAPES = (
    ("job", JOB),
    ("stamp", STAMP),
    ("barcode", BARCODE),
    ("counter", COUNTER),
    ("footer", JOB_AND_COUNTER),
)


def furniture_kind(text: str, symbol: str | None, title_words: str) -> str | None:
    """The kind of page furniture ``text`` is (None: not furniture). Handles layout columns,
    and a running title and the symbol that the extractor joined with one space."""
    if not title_words and not (symbol and symbol in text):
        head = text.lstrip()[:1]
        if not (head == "*" or head.isdecimal()):
            return None  # the first column is no shape: every shape starts with \d or *
    if (
        not title_words
        and (len(text) > 60 or not text.isascii())
        and not (symbol and symbol in text)
        and not COLUMN_GAP.search(text)
    ):
        return None  # a line of text: symbols, job numbers and counters are short and ASCII
    parts = [p for p in COLUMN_GAP.split(text.strip()) if p]
    if not parts:
        return None
    if symbol and len(parts) == 1 and symbol in text and text.strip() != symbol:
        parts = [p.strip() for p in text.strip().split(symbol)]
        parts = [p for p in parts if p] + [symbol]
    kinds = []
    for part in parts:
        kind = _part_kind(part, symbol, title_words)
        if kind is None:
            return None
        kinds.append(kind)
    return kinds[0] if len(set(kinds)) == 1 else "footer"


def _part_kind(part: str, symbol: str | None, title_words: str) -> str | None:
    if symbol and part == symbol:
        return "header"
    if part[0] == "*" or part[0].isdecimal():  # every shape starts with \d or *
        for kind, shape in _SHAPES:
            if shape.match(part):
                return kind
    if title_words and len(part) >= 12 and squeeze(part) in title_words:
        return "running-title"
    return None


def squeeze(text: str) -> str:
    """``text`` without white space, case folded: how running titles are compared."""
    return "".join(text.split()).lower()


def find_symbol(lines: list[str]) -> str | None:
    """The document symbol: a bare symbol line at the top, else the most frequent one."""
    seen_text = 0
    rest = len(lines)  #: the index of the first line below the top (15 non-blank lines)
    for at, raw in enumerate(lines):
        if "/" in raw and (top := _symbols(raw)):
            return top[0]
        if raw.strip():
            seen_text += 1
            if seen_text == 15:
                rest = at + 1
                break
    # (below the top, only the few lines with a "/" are split: most lines are looked at in C)
    found = [part for raw in [r for r in lines[rest:] if "/" in r] for part in _symbols(raw)]
    if not found:
        return None
    return Counter(found).most_common(1)[0][0]


def _symbols(raw: str) -> list[str]:
    """The columns of the line ``raw`` that are document symbols."""
    return [part for part in COLUMN_GAP.split(raw.strip()) if "/" in part and SYMBOL.match(part)]


def masthead_kind(text: str, lang: Language, symbol: str | None) -> str | None:
    """The masthead item ``text`` is (symbol, organ, distribution, date…), or None."""
    if symbol and text == symbol:
        return "symbol"
    for kind, pattern in lang.section("masthead").items():
        if re.match(pattern, text):
            return kind
    return furniture_kind(text, symbol, "")


def masthead_parts(text: str, lang: Language, symbol: str | None) -> list[tuple[str, str]] | None:
    """``text`` as masthead items (kind, words): its columns, or, where the extractor
    joined two columns with one space ("United Nations A/RES/73/8"), known items."""
    parts = [p for p in COLUMN_GAP.split(text) if p]
    kinds = [masthead_kind(p, lang, symbol) for p in parts]
    if all(kinds):
        return [(k, p) for k, p in zip(kinds, parts) if k]
    if len(parts) > 1:
        return None
    for cut in (m.start() for m in re.finditer(r" ", text)):
        kind = masthead_kind(text[:cut], lang, symbol)
        rest = masthead_parts(text[cut + 1 :], lang, symbol) if kind else None
        if kind and rest:
            return [(kind, text[:cut])] + rest
    return None


def heading_words(lines: list[str], lang: Language) -> str:
    """The first page's text up to the formula, squeezed: running titles repeat parts of it."""
    out = []
    for raw in lines[:120]:
        if lang.formula_actor(raw) is not None:
            break
        out.append(squeeze(raw))
    return "".join(out)


RUN = 5  #: a running title or other repeated furniture spans at most this many lines
BAND_GAP = 6  #: anchors closer than this many lines stand in the same page band


def shaped(lines: list[str], symbol: str | None, start: int = 0) -> dict[int, str]:
    """{0-based line index: kind} of the lines from ``start`` on that have the shape of page
    furniture (`furniture_kind`, without a running title), in line order."""
    found: dict[int, str] = {}
    for i in range(start, len(lines)):
        text = lines[i].strip()
        if not text:
            continue  # a blank line (about half of them)
        # (a form feed is white space: the stripped text does not open with one)
        head, text = text[0], text.replace("\f", "")
        if not (head == "*" or head.isdecimal() or (symbol and symbol in text)):
            continue  # (`furniture_kind`'s first test, made here for most lines: no call)
        kind = furniture_kind(text, symbol, "")
        if kind:
            found[i] = kind
    return found


def learn_repeated(
    lines: list[str],
    symbol: str | None,
    start: int = 0,
    title_words: str = "",
    anchored: dict[int, str] | None = None,
) -> dict[int, str]:
    """Page furniture learnt from repetition: {1-based line number: kind}.

    Anchors are the lines that have the shape of furniture (symbol, job number, page counter,
    barcode…); anchors close together make a page's band (its header or footer). Up to `RUN`
    non-blank lines on either side of an anchor are candidates; a candidate whose words (white
    space and case aside) stand next to the anchors of two bands or more, on two lines or more
    and on at least a quarter as many lines as there are bands, is furniture, whatever it
    says — the running title that odd pages print above the symbol and counter, over several
    lines. A candidate is taken only with the candidates between it and its anchor, so
    body text next to a band stays. Lines before ``start`` (the first page's masthead and
    title, which the running title repeats) are neither anchors nor candidates. The kind is
    "running-title" when the words are the first page's heading words (``title_words``), else
    "header" (e.g. a table's column heads repeated on each page). ``anchored``: the
    `shaped` lines from ``start``, if known.
    """
    anchors = list(shaped(lines, symbol, start) if anchored is None else anchored)
    if len(anchors) < 2:
        return {}
    band_of: dict[int, int] = {}
    band = 0
    for before, at in zip([None, *anchors], anchors):
        if before is not None and at - before > BAND_GAP:
            band += 1
        band_of[at] = band
    neighbours = {at: _runs(lines, at, start, set(anchors)) for at in anchors}
    seen: dict[str, set[tuple[int, int]]] = {}  # words -> {(band, line)}
    for at, runs in neighbours.items():
        for i in (i for run in runs for i in run):
            seen.setdefault(squeeze(lines[i].replace("\f", "")), set()).add((band_of[at], i))
    # furniture recurs on most pages; two lines that happen to repeat (a footnote's last line
    # before the furniture on two of twenty pages) are not enough in a long document
    least = max(2, (band + 1) // 4)
    repeated = {
        key
        for key, where in seen.items()
        if len(key) >= 8 and len({b for b, _ in where}) >= 2 and len({i for _, i in where}) >= least
    }
    found: dict[int, str] = {}
    for runs in neighbours.values():
        for run in runs:
            for i in run:
                key = squeeze(lines[i].replace("\f", ""))
                if key not in repeated:
                    break
                found[i + 1] = "running-title" if title_words and key in title_words else "header"
    return found


def _runs(lines: list[str], at: int, start: int, anchors: set[int]) -> list[list[int]]:
    """The candidate lines above and below the anchor ``at``, nearest first."""
    out = []
    for step in (-1, 1):
        run: list[int] = []
        i = at + step
        while start <= i < len(lines) and len(run) < RUN and i not in anchors:
            text = lines[i].strip().replace("\f", "")
            if RULE.match(text) or LINK.match(text):
                break  # a footnote rule or a link list is no running title
            if text:
                run.append(i)
            i += step
        out.append(run)
    return out
