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
(``第 70/174 号决议``), no date is invented: the href is the symbol-based `document_iri`, like that
of any other document (``/akn/un/doc/A-RES-70-174``).

Commission and conference resolutions have no symbol of their own; they get a constructed one
from the organ's document series (``E/CN.15/RES/25/2``), marked as such in `Organ`.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Mapping

from converter.akn.ids import symbol_to_number, work_iri
from converter.languages import Language
from converter.organs import Organ, organ_of, organs


@dataclass(frozen=True)
class DateSpan:
    """A full date: ``text[start:end]`` are the source words, ``iso`` is ``YYYY-MM-DD``."""

    start: int
    end: int
    iso: str


@dataclass(frozen=True)
class RefMark:
    """A reference to a UN document: ``text[start:end]`` are the words that name it."""

    start: int
    end: int
    symbol: str  #: full UN symbol ("A/RES/46/152", "S/RES/2462 (2019)", "E/2016/30")
    href: str  #: Work IRI of a resolution or decision, else `document_iri`
    actor: str | None  #: issuing organ ("un-ga"), None when unknown
    kind: str  #: "resolution", "decision" or "document"
    date: str = ""  #: date in the href: "YYYY-MM-DD", "YYYY" or "" (none known)
    date_from: str = ""  #: where ``date`` comes from: "text", "known", "symbol" or ""


#: Organs by actor id (language-neutral facts, from `converter.organs`; their names are in
#: each language's table).
ORGANS: dict[str, Organ] = organs()

# The number of a resolution or decision, by shape. ``bare`` numbers count only inside a list
# that ends with a Security Council number (``resolutions 2712, 2720 (2023)``).
_NUMBER = re.compile(r"""(?=[0-9ES])(?<![A-Za-z0-9/.\-])(?:
    (?P<special>E?S-\d{1,2}/\d{1,3})(?:\s?(?P<p1>[A-H])(?![A-Za-z0-9]))?   # S-30/1 (GA, HRC)
  | (?P<year>(?:19|20)\d\d/\d{1,3})(?:\s?(?P<p2>[A-H])(?![A-Za-z0-9]))?   # 2019/17 (ECOSOC)
  | (?P<session>\d{1,2}/\d{1,4})(?:\s?(?P<p3>[A-H])(?![A-Za-z0-9]))?      # 46/152, 67/234 B
  | (?P<sc>\d{1,4})\s?\((?P<scyear>(?:19|20)\d\d)\)                       # 2462 (2019)
  | (?P<old>\d{1,4}(?:\s?[A-H])?)\s?\((?P<roman>[IVXL]{1,7})\)              # 2453 A (XXIII)
  | (?P<bare>\d{1,4})
)(?![0-9/]|\.\d)""", re.X)

# A UN document symbol: a series (A, S, E, CTOC…) then /-separated parts, one with a digit.
_SYMBOL = re.compile(r"""(?=[A-Z])(?<![A-Za-z0-9/.\-])
    [A-Z]{1,8}(?:\.\d+)?
    (?:/(?:E?S-\d+|\d+(?:\s?\((?:\d{4}|[IVXL]+)\))?|[A-Z][A-Za-z]*(?:\.\d+[A-Z]?)*))+
    (?:\s?(?P<part>[A-H])(?![A-Za-z0-9]))?
""", re.X)


def document_iri(symbol: str) -> str:
    """The symbol-based IRI of a UN document: ``/akn/un/doc/{number}``.

    >>> document_iri("E/CN.15/2015/16")
    '/akn/un/doc/E-CN.15-2015-16'
    """
    return f"/akn/un/doc/{symbol_to_number(symbol)}"


def normalize_symbol(symbol: str) -> str:
    """One spelling per symbol: single spaces, a space before ``(``: ``S/RES/2462 (2019)``."""
    symbol = re.sub(r"\s+", " ", symbol.strip())
    return re.sub(r"(?<=[0-9A-Za-z])\s?\(", " (", symbol)


def dates_of(marks: list[DateSpan | RefMark]) -> dict[str, str]:
    """Symbol -> date, for resolutions whose date the text prints next to them (for ``known``)."""
    return {m.symbol: m.date for m in marks if isinstance(m, RefMark) and m.date_from == "text"}


def find_inline(text: str, lang: Language, *, own_actor: str = "un-ga",
                known: Mapping[str, str] | None = None) -> list[DateSpan | RefMark]:
    """Non-overlapping date and reference marks in ``text``, sorted by start.

    ``own_actor`` issues resolutions cited without an organ (``its resolution 73/186``);
    ``known`` maps symbols to dates printed elsewhere in the document (see `dates_of`).
    """
    tables = _tables(lang)
    dates = find_dates(text, lang)
    known = known or {}
    docs = [_document(m, known) for m in _SYMBOL.finditer(text) if re.search(r"\d", m.group())]
    refs = _Refs(text, tables, dates, docs, own_actor, known).marks()
    marks: list[DateSpan | RefMark] = sorted([*dates, *docs, *refs], key=lambda m: m.start)
    kept: list[DateSpan | RefMark] = []
    for mark in marks:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


# -- dates -------------------------------------------------------------------------------------

def find_dates(text: str, lang: Language) -> list[DateSpan]:
    """The full dates in ``text``, one mark per date of a range or list, sorted by start."""
    t = _tables(lang)
    found: list[DateSpan] = []
    for m in t.full.finditer(text):
        first = _day(t, m)
        if first is None:
            continue
        group = [DateSpan(*_span(m), first.isoformat())]
        pos, prev = m.end(), first
        while t.follow and (f := t.follow.match(text, pos)):
            day = _day(t, f, prev, forward=True)
            if day is None:
                break
            group.append(DateSpan(*_span(f), day.isoformat()))
            pos, prev = f.end(), day
        end, nxt = m.start(), first
        while t.precede and (p := t.precede.search(text, max(0, end - 80), end)):
            day = _day(t, p, nxt, forward=False)
            if day is None:
                break
            group.insert(0, DateSpan(*_span(p), day.isoformat()))
            end, nxt = p.start(), day
        found.extend(group)
    found.sort(key=lambda d: d.start)
    return [d for i, d in enumerate(found) if i == 0 or d.start >= found[i - 1].end]


def _span(m: re.Match[str]) -> tuple[int, int]:
    return m.span("date") if "date" in m.re.groupindex and m.group("date") else m.span()


def _day(t: _Tables, m: re.Match[str], other: _dt.date | None = None,
         forward: bool = True) -> _dt.date | None:
    """The date a match names; missing parts come from ``other``, the full date it hangs on."""
    parts = m.groupdict()
    day = int(parts["d"])
    month = t.month(parts["m"]) if parts.get("m") else (other.month if other else 0)
    year = int(parts["y"]) if parts.get("y") else (other.year if other else 0)
    if other and not parts.get("y"):  # a range across the new year: 28 日至 1 月 3 日
        if forward and month < other.month:
            year += 1
        elif not forward and month > other.month:
            year -= 1
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


# -- references --------------------------------------------------------------------------------

def _document(m: re.Match[str], known: Mapping[str, str]) -> RefMark:
    """A RefMark for a document symbol printed in the text (``E/2016/30``, ``A/RES/46/152``).

    A resolution or decision printed by its symbol gets its Work IRI when its date is known or
    its symbol proves the year; anything else gets its `document_iri`."""
    end = m.end()
    if m.group("part") and "/RES/" not in m.group():  # a part letter only follows resolutions
        end = m.start() + len(m.group()[: m.start("part") - m.start()].rstrip())
    symbol = normalize_symbol(m.string[m.start():end])
    organ = organ_of(symbol)
    actor = organ.actor if organ else None
    if actor and re.search(r"/(?:RES|DEC)/", symbol):
        year = re.search(r"/(?:RES|DEC)/(?:((?:19|20)\d\d)/|\d+ \(((?:19|20)\d\d)\))", symbol)
        date, source = known.get(symbol, ""), "known"
        if not date and year:
            date, source = year.group(1) or year.group(2), "symbol"
        if date:
            return RefMark(m.start(), end, symbol, work_iri(actor, date, symbol), actor,
                           "document", date, source)
    return RefMark(m.start(), end, symbol, document_iri(symbol), actor, "document")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted, not overlapping each other)."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return any(s < end and start < e for s, e in spans[max(i, 0):i + 2])


class _Refs:
    """Finds the resolutions and decisions cited in one run of text (see `find_inline`)."""

    def __init__(self, text: str, t: _Tables, dates: list[DateSpan], docs: list[RefMark],
                 own_actor: str, known: Mapping[str, str]) -> None:
        self.text, self.t, self.own, self.known = text, t, own_actor, known
        taken = sorted((m.start, m.end) for m in (*dates, *docs))
        nums = [m for m in _NUMBER.finditer(text) if not _overlaps(taken, m.start(), m.end())]
        self.items: list[DateSpan | re.Match[str]] = sorted(
            [*dates, *nums], key=lambda i: i.start if isinstance(i, DateSpan) else i.start())
        organs = [(m.start(), m.end(), t.organ_actor(m)) for m in t.organs.finditer(text)] \
            if t.organs else []
        owns = [(m.start(), m.end(), own_actor) for m in t.own.finditer(text)] if t.own else []
        self.organs = sorted(organs + owns, key=lambda o: (o[0], o[1]))
        self.organ_starts = [o[0] for o in self.organs]
        self.ends = [m.end() for m in t.sentence_end.finditer(text)] if t.sentence_end else []

    def marks(self) -> list[RefMark]:
        out: list[RefMark] = []
        for group in self._groups():
            out.extend(self._group(group))
        return out

    def _groups(self) -> list[list[DateSpan | re.Match[str]]]:
        """Runs of items (numbers, dates) with nothing but glue between them."""
        groups: list[list[DateSpan | re.Match[str]]] = []
        for item in self.items:
            if groups and self.t.glue.fullmatch(self.text, _end(groups[-1][-1]), _start(item)):
                groups[-1].append(item)
            else:
                groups.append([item])
        return groups

    def _group(self, group: list[DateSpan | re.Match[str]]) -> list[RefMark]:
        nums = [i for i in group if not isinstance(i, DateSpan)]
        nums = self._resolve_bare(nums)
        if not nums:
            return []
        kind, before = self._keyword(group, nums)
        if kind is None or self._treaty(before, nums):
            return []
        dated = self._dates(group)
        out = []
        for num, shape, year in nums:
            actor = self._actor(num.start(), shape)
            organ = ORGANS[actor]
            symbol = (organ.res if kind == "resolution" else organ.dec) + _number(num, year)
            date, source = dated.get(num.start(), ""), "text"
            if not date and symbol in self.known:
                date, source = self.known[symbol], "known"
            if not date and year:
                date, source = year, "symbol"
            href = work_iri(actor, date, symbol) if date else document_iri(symbol)
            out.append(RefMark(num.start(), num.end(), symbol, href, actor, kind, date,
                               source if date else ""))
        return out

    def _resolve_bare(self, nums: list[re.Match[str]]) -> list[tuple[re.Match[str], str, str]]:
        """(number, shape, year it proves). A bare number belongs to a list of Security Council
        numbers and takes the year of the next one (``resolutions 2712, 2720 (2023)``); other
        bare numbers are dropped."""
        out, pending = [], []
        for num in nums:
            shape = _shape(num)
            if shape == "bare":
                pending.append(num)
                continue
            year = num.group("scyear") or (num.group("year") or "")[:4]
            if shape == "sc":
                out.extend((p, "sc", year) for p in pending)
            pending = []
            out.append((num, shape, year))
        return sorted(out, key=lambda n: n[0].start())

    def _keyword(self, group: list, nums: list[tuple[re.Match[str], str, str]]
                 ) -> tuple[str | None, int]:
        """The kind named by the keyword of the list, and where the words before the list end."""
        t, text = self.t, self.text
        if t.keyword_after:
            m = t.keyword.match(text, nums[-1][0].end())
            return _kind(m), _start(group[0])
        first = nums[0][0].start()
        m = t.keyword_end.search(text, max(0, first - 200), first)
        return _kind(m), (m.start() if m else first)

    def _treaty(self, before: int, nums: list[tuple[re.Match[str], str, str]]) -> bool:
        """Whether Treaty Series words in the clause make these numbers volumes or registrations."""
        if not self.t.treaty or any("/" in n.group() for n, _, _ in nums):
            return False
        start = max([e for e in self.ends if e <= before], default=0)
        return bool(self.t.treaty.search(self.text, start, before))

    def _dates(self, group: list) -> dict[int, str]:
        """Number start -> ISO date printed with it (see ``date_position`` in the table).

        A date dates the number it is linked to (``date_link``) and the numbers joined to that
        one (``share``): forward where dates come first (zh), backward where they follow (en).
        """
        t, text, out = self.t, self.text, {}
        current: str | None = None
        prev: DateSpan | re.Match[str] | None = None
        for item in (group if t.date_before else reversed(group)):
            if isinstance(item, DateSpan):
                current, prev = item.iso, item
                continue
            if prev is not None and current is not None:
                gap = (text[_end(prev):item.start()] if t.date_before
                       else text[item.end():_start(prev)])
                link = t.date_link if isinstance(prev, DateSpan) else t.share
                if link.fullmatch(gap):
                    out[item.start()] = current
                else:
                    current = None
            prev = item
        return out

    def _actor(self, pos: int, shape: str) -> str:
        """The organ that issued the number at ``pos`` (see the module docstring)."""
        fits = [a for a, o in ORGANS.items() if shape in o.shapes]
        k = bisect_right(self.ends, pos)
        start = self.ends[k - 1] if k else 0  # the sentence's start
        for i in range(bisect_right(self.organ_starts, pos) - 1, -1, -1):
            s, e, actor = self.organs[i]
            if s < start:
                break
            if e <= pos and actor in fits:
                return actor
        if self.own in fits:
            return self.own
        return {"year": "un-ecosoc", "sc": "un-sc"}.get(shape, "un-ga")


def _kind(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return "resolution" if m.group("resolution") is not None else "decision"


def _start(item: DateSpan | re.Match[str]) -> int:
    return item.start if isinstance(item, DateSpan) else item.start()


def _end(item: DateSpan | re.Match[str]) -> int:
    return item.end if isinstance(item, DateSpan) else item.end()


def _shape(num: re.Match[str]) -> str:
    return next(k for k in ("special", "year", "session", "sc", "old", "bare") if num.group(k))


def _number(num: re.Match[str], year: str) -> str:
    """The number as it goes into the symbol: ``67/234 B``, ``2462 (2019)``, ``2453 A (XXIII)``."""
    shape = _shape(num)
    if shape in ("sc", "bare"):
        return f"{num.group(shape)} ({year})"
    if shape == "old":
        return f"{normalize_symbol(num.group('old'))} ({num.group('roman')})"
    part = num.group("p1") or num.group("p2") or num.group("p3")
    return num.group(shape) + (f" {part}" if part else "")


# -- language tables ---------------------------------------------------------------------------

class _Tables:
    """The compiled ``[inline]`` tables of one language."""

    def __init__(self, lang: Language) -> None:
        dates = lang.section("inline", "dates")
        refs = lang.section("inline", "refs")
        self._months = {name.casefold(): i + 1 for i, names in enumerate(dates.get("months", []))
                        for name in names}
        self.full = self._date(dates["full"])
        self.follow = self._date(dates["follow"]) if dates.get("follow") else None
        precede = dates.get("precede")
        self.precede = self._date(f"(?:{precede})$") if precede else None
        self.keyword_after = refs.get("keyword_position") == "after"
        words = f"(?P<resolution>{refs['resolution']})|(?P<decision>{refs['decision']})"
        gap = refs.get("keyword_gap", r"\s*")
        names = [n for ns in lang.section("inline", "organs").values() for n in ns]
        organ_gap = refs.get("organ_gap", r"\s*")
        organ = f"(?:{organ_gap}(?:{'|'.join(names)}))?" if names else ""
        self.keyword = re.compile(f"{gap}(?:{words})")
        # before the numbers, an organ's name may stand between keyword and number
        # (резолюцию Совета Безопасности 2462 (2019))
        self.keyword_end = re.compile(f"(?:{words}){organ}{gap}$")
        self.glue = re.compile(f"(?:{refs['glue']})*")
        self.date_before = refs.get("date_position") == "before"
        self.date_link = re.compile(refs.get("date_link", r"\s*"))
        self.share = re.compile(refs.get("share", r"(?!)"))
        self.own = re.compile(refs["own"]) if refs.get("own") else None
        self.sentence_end = re.compile(refs["sentence_end"]) if refs.get("sentence_end") else None
        treaty = refs.get("treaty_series", [])
        self.treaty = re.compile("|".join(map(re.escape, treaty))) if treaty else None
        organs = lang.section("inline", "organs")
        alternatives = [(name, None if actor == "ignore" else actor)
                        for actor, names in organs.items() for name in names]
        alternatives.sort(key=lambda a: -len(a[0]))
        # one alternation without groups to find names fast; each name's own pattern then
        # tells which organ a match is (only on the few matches)
        self._organ_names = [(re.compile(name), actor) for name, actor in alternatives]
        self.organs = re.compile("|".join(f"(?:{name})" for name, _ in alternatives)) \
            if alternatives else None

    def organ_actor(self, m: re.Match[str]) -> str | None:
        """The actor of an organ name matched by ``organs`` (None for an ``ignore`` name)."""
        return next((actor for pattern, actor in self._organ_names
                     if pattern.fullmatch(m.group(0))), None)

    def month(self, word: str) -> int:
        return self._months.get(word.casefold(), 0) if self._months else int(word)

    def _date(self, pattern: str) -> re.Pattern[str]:
        if self._months:
            names = sorted(self._months, key=len, reverse=True)
            month = "(?P<m>" + "|".join(map(re.escape, names)) + r")(?![^\W\d_])"
        else:
            month = r"(?P<m>(?<![0-9])(?:1[0-2]|0?[1-9])(?![0-9]))"
        return re.compile(pattern.replace("{M}", month)
                          .replace("{Y}", r"(?P<y>(?<![0-9])\d{4}(?![0-9]))")
                          .replace("{D}", r"(?P<d>(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])(?![0-9]))"),
                          re.IGNORECASE)


_CACHE: dict[int, tuple[Language, _Tables]] = {}


def _tables(lang: Language) -> _Tables:
    hit = _CACHE.get(id(lang))
    if hit is None or hit[0] is not lang:
        hit = _CACHE[id(lang)] = (lang, _Tables(lang))
    return hit[1]


def href_for(symbol: str, date: str) -> str:
    """The IRI for ``symbol`` dated ``date`` ("" when unknown): the Work IRI of a resolution or
    decision whose date (or year) is known, else the symbol-based `document_iri`."""
    organ = organ_of(symbol)
    actor = organ.actor if organ else None
    if actor and date and re.search(r"/(?:RES|DEC)/", symbol):
        return work_iri(actor, date, symbol)
    return document_iri(symbol)
