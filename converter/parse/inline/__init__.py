"""Dates and references to UN documents in a run of text: the inline semantics of AKN4UN.

`find_inline` returns, for one run of text, non-overlapping marks sorted by position:

* `DateSpan` around the exact words of a full date (day, month and year), with its ISO value.
  A range or list of dates gives one mark per date, each around the words that name it; the
  words shared with the full date are not repeated: ``2020 年 4 月 20 日至 27 日`` gives
  ``2020 年 4 月 20 日`` (2020-04-20) and ``27 日`` (2020-04-27); ``from 20 to 27 April 2020``
  gives ``20`` (2020-04-20) and ``27 April 2020``. Month-and-year or year alone is never marked.
* `RefMark` around the number of a cited resolution or decision (``46/152``, ``2462(2019)``,
  ``S-30/1``, ``67/234 B``) or the symbol of any other UN document (``E/2016/30``).

What words mean in each language (month names, the words for resolution and decision, the names
of organs, the glue between the items of a list, Treaty Series) is read from the language's
``inline.toml``; what UN symbols look like and which organ issues which series is below.

Who issued a resolution: the nearest organ named before its number in the same sentence whose
numbering fits the number's shape (``its`` / ``其`` / ``sa`` name the citing organ, ``own_actor``);
failing that ``own_actor`` if its numbering fits, else the organ the shape proves (``2019/17``:
ECOSOC; ``2462 (2019)``: Security Council), else the General Assembly. Pass one paragraph or
footnote at a time: a Chinese preambular paragraph ends with ``，``, not with a sentence end, so
an organ named in the paragraph before would otherwise count.

The IRI of a resolution is its Work IRI (`converter.ids.work_iri`) dated, in this order, by the
date printed with it, by ``known`` (dates of the same symbol printed elsewhere in the document,
see `dates_of`), or by the year its symbol proves (``2019``). When nothing proves even the year
(``第 70/174 号决议``), no date is invented: the date is `UNKNOWN_DATE`, the year 0000
(``/akn/un/statement/deliberation/un-ga/0000/A-RES-70-174``); any other document cited gets its
`document_iri` (``/akn/un/doc/0000/A-74-400``).

Commission and conference resolutions have no symbol of their own; they get a constructed one
from the organ's document series (``E/CN.15/RES/25/2``), marked as such in `Organ`.
"""

from __future__ import annotations

from collections.abc import Mapping

from converter.ids import work_iri
from converter.languages import Language
from converter.parse.inline.dates import DateSpan, find_dates
from converter.parse.inline.refs import (
    ORGANS,
    RES_OR_DEC,
    RefMark,
    Scan,
    dated,
    document_iri,
    href_for,
    normalize_symbol,
    resolve,
    scan,
)
from converter.parse.inline.tables import tables

__all__ = [
    "ORGANS",
    "DateSpan",
    "RefMark",
    "Scan",
    "dates_of",
    "document_iri",
    "find_dates",
    "find_inline",
    "href_for",
    "normalize_symbol",
    "redate",
    "resolve",
    "scan_text",
]


def dates_of(marks: list[DateSpan | RefMark]) -> dict[str, str]:
    """Symbol -> date, for resolutions whose date the text prints next to them (for ``known``)."""
    return {m.symbol: m.date for m in marks if isinstance(m, RefMark) and m.date_from == "text"}


def redate(marks: list[DateSpan | RefMark], known: Mapping[str, str]) -> list[DateSpan | RefMark]:
    """The ``marks`` that `resolve` gave without ``known`` as it gives them with it: a resolution
    or decision with no date printed next to it is dated again (`refs.dated`, with ``known``;
    where to look for the marks does not depend on the dates: only these dates and IRIs
    change)."""
    out: list[DateSpan | RefMark] = []
    for m in marks:
        if (
            isinstance(m, RefMark)
            and m.date_from != "text"
            and m.actor
            and (m.kind != "document" or RES_OR_DEC.search(m.symbol))
        ):
            year = m.date if m.date_from == "symbol" else ""
            date, source = dated(m.symbol, "", known, year)
            if source == "known":
                href = work_iri(m.actor, date, m.symbol)
                m = RefMark(m.start, m.end, m.symbol, href, m.actor, m.kind, date, source)
        out.append(m)
    return out


def find_inline(
    text: str, lang: Language, *, own_actor: str = "un-ga", known: Mapping[str, str] | None = None
) -> list[DateSpan | RefMark]:
    """Non-overlapping date and reference marks in ``text``, sorted by start.

    ``own_actor`` issues resolutions cited without an organ (``its resolution 73/186``);
    ``known`` maps symbols to dates printed elsewhere in the document (see `dates_of`).
    """
    return resolve(scan_text(text, lang, own_actor), known or {})


def scan_text(text: str, lang: Language, own_actor: str = "un-ga") -> Scan:
    """The dates, symbols, numbers, organ names and sentence ends of ``text``, for `resolve`."""
    return scan(text, tables(lang), find_dates(text, lang), own_actor)
