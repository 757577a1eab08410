"""References to UN documents in a run of text: `RefMark` around the number of a cited
resolution or decision, or the symbol of any other document (see `converter.parse.inline`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from converter.fastinit import fast_init
from converter.ids import symbol_to_number, work_iri
from converter.organs import Organ, organ_of, organs
from converter.parse.inline.dates import DateSpan
from converter.parse.inline.tables import Tables


@fast_init
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
#: shape of a number -> the organs whose numbers have that shape
_FITS: dict[str, list[str]] = {
    shape: [a for a, o in ORGANS.items() if shape in o.shapes]
    for shape in ("special", "year", "session", "sc", "old", "bare")
}

# The number of a resolution or decision, by shape. ``bare`` numbers count only inside a list
# that ends with a Security Council number (``resolutions 2712, 2720 (2023)``). Part letters
# run past H (``49/75 J``, ``54/54 T``: the yearly disarmament omnibus resolutions). Digits
# followed by what no digit is (``/``, ``\s``, a capital, ``(``) are taken whole (``\d{1,4}+``):
# giving some back could not make such a number match, and trying costs.
_NUMBER = re.compile(
    r"""(?=[0-9ES])(?<![A-Za-z0-9/.\-])(?:
    (?P<special>E?S-\d{1,2}+/\d{1,3})(?:\s?(?P<p1>[A-Z])(?![A-Za-z0-9]))?   # S-30/1 (GA, HRC)
  | (?P<year>(?:19|20)\d\d/\d{1,3})(?:\s?(?P<p2>[A-Z])(?![A-Za-z0-9]))?   # 2019/17 (ECOSOC)
  | (?P<session>\d{1,2}+/\d{1,4})(?:\s?(?P<p3>[A-Z])(?![A-Za-z0-9]))?      # 46/152, 67/234 B
  | (?P<sc>\d{1,4}+)\s?\((?P<scyear>(?:19|20)\d\d)\)                       # 2462 (2019)
  | (?P<old>\d{1,4}+(?:\s?[A-Z])?)\s?\((?P<roman>(?:S-)?[IVXL]{1,7})\) # 2453 A (XXIII), 1874 (S-IV)
  | (?P<bare>\d{1,4})
)(?![0-9/]|(?<!\))\.\d)""",  # ".1" after "(1999)" is a footnote marker
    re.X,
)

_SPACES, _PAREN = re.compile(r"\s+"), re.compile(r"(?<=[0-9A-Za-z])\s?\(")  # normalize_symbol
# A UN document symbol: a series (A, S, E, CTOC…) then /-separated parts, one with a digit.
# It starts with the letter it consumes, the look-behind after it (`(?<!X[A-Z])` after the
# letter is `(?<!X)` before it): the regex engine then skips to the capitals.
_DIGIT = re.compile(r"\d")
_SYMBOL = re.compile(
    r"""[A-Z](?<![A-Za-z0-9/.\-][A-Z])[A-Z]{0,7}(?:\.\d+)?
    (?:/(?:E?S-\d+|\d+(?:\s?\((?:\d{4}|[IVXL]+)\))?|[A-Z][A-Za-z]*(?:\.(?:\d+[A-Z]?|[IVXL]+\b))*))+
    (?:\s?(?P<part>[A-H])(?![A-Za-z0-9]))?
""",
    re.X,
)


#: the kind of a resolution or decision symbol, and the year it proves (``E/RES/2019/17``)
RES_OR_DEC = re.compile(r"/(?:RES|DEC)/")
_RES_YEAR = re.compile(r"/(?:RES|DEC)/(?:((?:19|20)\d\d)/|\d+ \(((?:19|20)\d\d)\))")

#: the date of a cited document whose date the converter does not know: the year 0000, which
#: no UN document has, keeps the IRI a valid AKN IRI and marks its date unknown
UNKNOWN_DATE = "0000"


def document_iri(symbol: str, date: str = "") -> str:
    """The IRI of a cited UN document that is no resolution or decision (a report, a note, a
    draft): ``/akn/un/doc/{date}/{number}``, the date `UNKNOWN_DATE` when not known.

    >>> document_iri("E/CN.15/2015/16")
    '/akn/un/doc/0000/E-CN.15-2015-16'
    """
    return f"/akn/un/doc/{date or UNKNOWN_DATE}/{symbol_to_number(symbol)}"


def normalize_symbol(symbol: str) -> str:
    """One spelling per symbol: single spaces, a space before ``(``: ``S/RES/2462 (2019)``."""
    return _PAREN.sub(" (", _SPACES.sub(" ", symbol.strip()))


def _document_span(m: re.Match[str]) -> tuple[int, int]:
    """Where the symbol that ``m`` found starts and ends (a part letter only follows
    resolutions)."""
    if m.group("part") and "/RES/" not in m.group():
        return m.start(), m.start() + len(m.group()[: m.start("part") - m.start()].rstrip())
    return m.start(), m.end()


def _document(m: re.Match[str], known: Mapping[str, str]) -> RefMark:
    """A RefMark for a document symbol printed in the text (``E/2016/30``, ``A/RES/46/152``).

    A resolution or decision printed by its symbol gets its Work IRI when its date is known or
    its symbol proves the year; anything else gets its `document_iri`."""
    start, end = m.start(), _document_span(m)[1]
    symbol = normalize_symbol(m.string[start:end])
    organ = organ_of(symbol)
    actor = organ.actor if organ else None
    if not actor or not RES_OR_DEC.search(symbol):
        return RefMark(start, end, symbol, document_iri(symbol), actor, "document")
    year = _RES_YEAR.search(symbol)
    date, source = dated(symbol, "", known, (year.group(1) or year.group(2)) if year else "")
    href = work_iri(actor, date or UNKNOWN_DATE, symbol)  # its date unknown: no date invented
    return RefMark(start, end, symbol, href, actor, "document", date, source)


def dated(symbol: str, printed: str, known: Mapping[str, str], year: str) -> tuple[str, str]:
    """The date of a cited resolution or decision and where it comes from, in order of trust:
    printed next to it ("text"), known from elsewhere in the document or given ("known"), the
    year its symbol proves ("symbol"); ("", "") when none is."""
    if printed:
        return printed, "text"
    if date := known.get(symbol):
        return date, "known"
    return (year, "symbol") if year else ("", "")


def _outside(matches: Iterable[re.Match[str]], spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The ``matches`` (in text order, not empty) that overlap none of ``spans`` (sorted):
    one walk through both, each match compared with the last span that starts at or before
    it and the next one."""
    out: list[re.Match[str]] = []
    j = 0  # the spans that start at or before the match
    for m in matches:
        start, end = m.span()
        while j < len(spans) and spans[j][0] <= start:
            j += 1
        if not ((j and start < spans[j - 1][1]) or (j < len(spans) and spans[j][0] < end)):
            out.append(m)
    return out


@fast_init
@dataclass(frozen=True)
class Scan:
    """What a run of text holds, found by one pass of each pattern over it; the references
    are resolved from it (`resolve`)."""

    text: str
    tables: Tables
    own: str  #: the citing organ's actor
    dates: list[DateSpan]
    symbols: list[re.Match[str]]  #: document symbols (with a digit)
    #: dates and numbers outside dates and symbols; none where no number can be cited (see
    #: `Tables.words`)
    items: list[DateSpan | re.Match[str]]


def scan(text: str, t: Tables, dates: list[DateSpan], own_actor: str) -> Scan:
    symbols = [m for m in _SYMBOL.finditer(text) if _DIGIT.search(m.group())]
    if t.words is not None and not t.words.search(text):  # no number is cited here
        return Scan(text, t, own_actor, dates, symbols, [])
    taken = sorted([(d.start, d.end) for d in dates] + [_document_span(m) for m in symbols])
    nums = _outside(_NUMBER.finditer(text), taken) if taken else list(_NUMBER.finditer(text))
    # each finditer's matches come in text order: only two of them need sorting together
    items: list[DateSpan | re.Match[str]] = (
        sorted([*dates, *nums], key=_start) if dates else [*nums]
    )
    return Scan(text, t, own_actor, dates, symbols, items)


def _organs(text: str, t: Tables, own_actor: str) -> list[tuple[int, int, str | None]]:
    """(start, end, actor) of the organ names in ``text``, in text order."""
    named: list[tuple[int, int, str | None]] = (
        [(m.start(), m.end(), t.organ_actor(m)) for m in t.organs.finditer(text)]
        if t.organs
        else []
    )
    owns: list[tuple[int, int, str | None]] = (
        [(m.start(), m.end(), own_actor) for m in t.own.finditer(text)] if t.own else []
    )
    return sorted(named + owns, key=lambda o: (o[0], o[1])) if named and owns else named or owns


def resolve(found: Scan, known: Mapping[str, str]) -> list[DateSpan | RefMark]:
    """Non-overlapping date and reference marks of a scanned run, sorted by start."""
    docs = [_document(m, known) for m in found.symbols]
    refs = _Refs(found, known).marks() if found.items else []
    marks: list[DateSpan | RefMark] = [*found.dates, *docs, *refs]
    if (found.dates and (docs or refs)) or (docs and refs):  # each list is in text order
        marks.sort(key=lambda m: m.start)
    kept: list[DateSpan | RefMark] = []
    for mark in marks:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


class _Refs:
    """Finds the resolutions and decisions cited in one scanned run of text."""

    def __init__(self, found: Scan, known: Mapping[str, str]) -> None:
        self.text, self.t, self.own, self.known = found.text, found.tables, found.own, known
        self.items = found.items
        self._organs: tuple[list[tuple[int, int, str | None]], list[int]] | None = None
        self._ends: list[int] | None = None  # (both found when first asked: a plain property)

    @property
    def organs(self) -> tuple[list[tuple[int, int, str | None]], list[int]]:
        """The organ names (`_organs`) and their starts: only a list with a keyword asks."""
        if self._organs is None:
            found = _organs(self.text, self.t, self.own)
            self._organs = found, [o[0] for o in found]
        return self._organs

    @property
    def ends(self) -> list[int]:  #: where the sentences end
        if self._ends is None:
            end = self.t.sentence_end
            self._ends = [m.end() for m in end.finditer(self.text)] if end else []
        return self._ends

    def marks(self) -> list[RefMark]:
        """The references of every list; a list without a keyword of its own goes on the list
        before it when only a topic phrase parts them (the table's ``bridge``)."""
        out: list[RefMark] = []
        kind: str | None = None
        end = -1
        for group in self._groups():
            bridged = (
                kind
                if kind
                and self.t.bridge is not None
                and self.t.bridge.fullmatch(self.text, end, _start(group[0]))
                else None
            )
            found = self._group(group, bridged)
            if found:
                kind, end = found[-1].kind, _end(group[-1])
            out.extend(found)
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

    def _group(self, group: list[DateSpan | re.Match[str]], bridged: str | None) -> list[RefMark]:
        nums = self._resolve_bare([i for i in group if not isinstance(i, DateSpan)])
        if not nums:
            return []
        kind, before = self._keyword(group, nums)
        kind = kind or bridged
        if kind is None or self._treaty(before, nums):
            return []
        printed = self._dates(group)
        out: list[RefMark] = []
        for num, shape, year in nums:
            actor = self._actor(num.start(), shape)
            organ = ORGANS[actor]
            symbol = (organ.res if kind == "resolution" else organ.dec) + _number(num, year)
            date, source = dated(symbol, printed.get(num.start(), ""), self.known, year)
            href = work_iri(actor, date or UNKNOWN_DATE, symbol)
            out.append(RefMark(num.start(), num.end(), symbol, href, actor, kind, date, source))
        return out

    def _resolve_bare(self, nums: list[re.Match[str]]) -> list[tuple[re.Match[str], str, str]]:
        """(number, shape, year it proves). A bare number belongs to a list of Security Council
        numbers and takes the year of the next one (``resolutions 2712, 2720 (2023)``); other
        bare numbers are dropped."""
        out: list[tuple[re.Match[str], str, str]] = []
        pending: list[re.Match[str]] = []
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
        return out  # in text order, as ``nums``: the bare numbers before the one they go with

    def _keyword(
        self, group: list, nums: list[tuple[re.Match[str], str, str]]
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
        for item in group if t.date_before else reversed(group):
            if isinstance(item, DateSpan):
                current, prev = item.iso, item
                continue
            if prev is not None and current is not None:
                gap = (
                    text[_end(prev) : item.start()]
                    if t.date_before
                    else text[item.end() : _start(prev)]
                )
                link = t.date_link if isinstance(prev, DateSpan) else t.share
                if link.fullmatch(gap):
                    out[item.start()] = current
                else:
                    current = None
            prev = item
        return out

    def _actor(self, pos: int, shape: str) -> str:
        """The organ that issued the number at ``pos`` (see the module docstring)."""
        fits = _FITS[shape]
        k = bisect_right(self.ends, pos)
        start = self.ends[k - 1] if k else 0  # the sentence's start
        organs, starts = self.organs
        for i in range(bisect_right(starts, pos) - 1, -1, -1):
            s, e, actor = organs[i]
            if s < start:
                break
            if e <= pos and actor in fits:
                return actor
        if self.own in fits:
            return self.own
        return {"year": "un-ecosoc", "sc": "un-sc"}.get(shape, "un-ga")


def _kind(m: re.Match[str] | None) -> str | None:
    return None if m is None else "decision" if m.group("resolution") is None else "resolution"


def _start(item: DateSpan | re.Match[str]) -> int:
    return item.start if isinstance(item, DateSpan) else item.start()


def _end(item: DateSpan | re.Match[str]) -> int:
    return item.end if isinstance(item, DateSpan) else item.end()


#: the shape of a `_NUMBER` match by its last group, where that is not the shape's own
#: group but the one after it (the alternatives exclude each other)
_SHAPE_BEFORE = {"p1": "special", "p2": "year", "p3": "session", "scyear": "sc", "roman": "old"}


def _shape(num: re.Match[str]) -> str:
    last = num.lastgroup or ""
    return _SHAPE_BEFORE.get(last, last)


def _number(num: re.Match[str], year: str) -> str:
    """The number as it goes into the symbol: ``67/234 B``, ``2462 (2019)``, ``2453 A (XXIII)``."""
    shape = _shape(num)
    if shape in ("sc", "bare"):
        return f"{num.group(shape)} ({year})"
    if shape == "old":
        return f"{normalize_symbol(num.group('old'))} ({num.group('roman')})"
    part = num.group("p1") or num.group("p2") or num.group("p3")
    return num.group(shape) + (f" {part}" if part else "")


def href_for(symbol: str, date: str) -> str:
    """The IRI for ``symbol`` dated ``date`` ("" when unknown): the Work IRI of a resolution or
    decision whose date (or year) is known, else the symbol-based `document_iri`."""
    organ = organ_of(symbol)
    actor = organ.actor if organ else None
    if actor and RES_OR_DEC.search(symbol):
        return work_iri(actor, date or UNKNOWN_DATE, symbol)
    return document_iri(symbol)
