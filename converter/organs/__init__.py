"""The UN organs as data: actor ids, symbol series, committees, how a year is found.

One table, ``organs.toml``, read once (`table`) into typed, frozen records. It is what the
parser (`converter.parse.inline`, `converter.parse.metadata`, `converter.parse.heading`), the
emitter (committee ids) and the reader (the grammar of a symbol line, `SYMBOL`) know about
organs; their names in each language are in the language tables.

>>> organ_of("A/C.3/74/L.18").actor, committee_of("A/C.3/74/L.18").id
('un-ga', 'thirdCommittee')
>>> year_from_symbol("S/RES/2803 (2025)"), year_from_symbol("E/2019/L.20")
('2025', '2019')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from converter import tables


@dataclass(frozen=True)
class Committee:
    """A committee of an organ (the GA's Main Committees)."""

    number: str  #: "3"
    id: str  #: TLC eId, "thirdCommittee"
    prefix: str  #: symbol prefix of its documents, "A/C.3/"


@dataclass(frozen=True)
class Organ:
    """How an organ's documents are numbered, and what their symbols are."""

    actor: str  #: AKN actor id, "un-ga"
    name: str  #: English name
    series: str  #: prefix of its documents ("A/", "E/CN.15/")
    shapes: frozenset[str]  #: number shapes of its resolutions (see `converter.parse.inline`)
    constructed: bool = False  #: True where the UN gives its resolutions no symbol of their own
    year: str = ""  #: how a year is found: "session", "symbol" or "" (never derived)
    committees: tuple[Committee, ...] = ()
    examples: tuple[tuple[str, str, str], ...] = ()  #: (symbol, year, committee id)

    @property
    def res(self) -> str:
        """Symbol prefix of its resolutions ("A/RES/")."""
        return f"{self.series}RES/"

    @property
    def dec(self) -> str:
        """Symbol prefix of its decisions ("A/DEC/")."""
        return f"{self.series}DEC/"

    def committee(self, number: str) -> Committee | None:
        return next((c for c in self.committees if c.number == number), None)

    def year_of(self, symbol: str | None, session: str | None) -> str | None:
        """The year this organ's rule derives from the symbol or session number, or None."""
        if self.year == "session" and session and session.isdigit():
            return str(1945 + int(session))
        if self.year == "symbol" and symbol:
            return year_from_symbol(symbol)
        return None


@dataclass(frozen=True)
class Table:
    organs: dict[str, Organ]  #: by actor id, in table order
    roots: tuple[str, ...]  #: the series a symbol may start with ("A", "S", "E", "CTOC"…)
    documents: tuple[tuple[str, str], ...] = ()  #: (symbol part, statement name), in order


def _organ(actor: str, raw: dict) -> Organ:
    committees = tuple(
        Committee(number, c["id"], c["prefix"]) for number, c in raw.get("committees", {}).items()
    )
    return Organ(
        actor,
        raw["name"],
        raw["series"],
        frozenset(raw["shapes"]),
        raw.get("constructed", False),
        raw.get("year", ""),
        committees,
        tuple(tuple(e) for e in raw.get("examples", ())),
    )


@cache
def table() -> Table:
    """The organs table, read once per process."""
    raw = tables.load(Path(__file__).resolve().with_name("organs.toml"))
    organs = {actor: _organ(actor, o) for actor, o in raw["organ"].items()}
    return Table(
        organs,
        tuple(raw["symbols"]["roots"]),
        tuple((part, name) for part, name in raw["symbols"]["documents"]),
    )


def organs() -> dict[str, Organ]:
    """Organs by actor id."""
    return table().organs


def get(actor: str) -> Organ | None:
    return table().organs.get(actor)


def organ_of(symbol: str) -> Organ | None:
    """The organ whose series is the longest prefix of ``symbol`` (None if none is)."""
    fits = [o for o in table().organs.values() if symbol.startswith(o.series)]
    return max(fits, key=lambda o: len(o.series), default=None)


def committee(actor: str, number: str) -> Committee | None:
    """Committee ``number`` of organ ``actor``."""
    organ = get(actor)
    return organ.committee(number) if organ else None


def committee_of(symbol: str) -> Committee | None:
    """The committee whose symbol prefix ``symbol`` starts with (``A/C.3/…``: the Third)."""
    return next(
        (c for o in table().organs.values() for c in o.committees if symbol.startswith(c.prefix)),
        None,
    )


_YEAR_IN_PARENS = re.compile(r"\((?P<y>(?:19|20)\d\d)\)\s*$")
_YEAR_PART = re.compile(r"/(?P<y>(?:19|20)\d\d)/")


def year_from_symbol(symbol: str) -> str | None:
    """The year a symbol states: ``S/RES/2803 (2025)``, ``E/RES/2019/17``, ``E/2019/L.20``."""
    m = _YEAR_IN_PARENS.search(symbol) or _YEAR_PART.search(symbol)
    return m.group("y") if m else None


def statement_of(symbol: str) -> str | None:
    """What the symbol says the document is ("A/RES/73/3": "resolution"), or None."""
    return next((name for part, name in table().documents if part in symbol), None)


def symbol_grammar() -> re.Pattern[str]:
    """A whole line that is a UN document symbol: a known series, then /-separated parts,
    then its revisions, corrigenda, addenda ("/Rev.1", "/Corr.1", "/Add.2")."""
    roots = "|".join(map(re.escape, table().roots))
    return re.compile(
        rf"^(?:{roots})/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]+"
        r"(?:/(?:Rev|Corr|Add|Amend)\.\d+)*(?:\s?\(\d{4}\))?$"
    )


SYMBOL = symbol_grammar()
