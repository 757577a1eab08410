"""Identifiers: FRBR IRIs (AKN naming convention as applied by AKN4UN) and eIds.

>>> frbr = Frbr(actor="un-ga", date="2019", symbol="A/C.3/74/L.18", lang="zho")
>>> frbr.work
'/akn/un/statement/deliberation/un-ga/2019/A-C.3-74-L.18'
>>> frbr.expression
'/akn/un/statement/deliberation/un-ga/2019/A-C.3-74-L.18/zho@'
>>> frbr.manifestation_this
'/akn/un/statement/deliberation/un-ga/2019/A-C.3-74-L.18/zho@/!main.xml'
>>> symbol_to_number("S/RES/2462 (2019)")
'S-RES-2462_(2019)'
>>> work_iri("un-sc", "2019", "S/RES/2462 (2019)")
'/akn/un/statement/deliberation/un-sc/2019/S-RES-2462_(2019)'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

COUNTRY = "un"
DOC_TYPE = "statement"
SUBTYPE = "deliberation"
_SPACES = re.compile(r"\s+")


def symbol_to_number(symbol: str) -> str:
    """The IRI number of a UN document symbol: ``/`` becomes ``-`` and spaces ``_``."""
    return _SPACES.sub("_", symbol.strip()).replace("/", "-")


def work_iri(actor: str, date: str, symbol: str, doc_type: str = DOC_TYPE) -> str:
    """Work IRI of a UN statement: ``/akn/un/statement/deliberation/{actor}/{date}/{number}``.

    ``date`` is ``YYYY-MM-DD`` when the day is known, else ``YYYY``; never invent a day.
    """
    return f"/akn/{COUNTRY}/{doc_type}/{SUBTYPE}/{actor}/{date}/{symbol_to_number(symbol)}"


@dataclass(frozen=True)
class Frbr:
    """The FRBR identifiers of one document in one language (the `main` component)."""

    actor: str  #: "un-ga", "un-sc", "un-ecosoc"
    date: str  #: "YYYY-MM-DD", or "YYYY" when only the year is known
    symbol: str  #: "A/C.3/74/L.18"
    lang: str  #: ISO 639-2 ("zho")
    doc_type: str = DOC_TYPE  #: the AKN document type: "statement", or "amendment"

    @property
    def number(self) -> str:
        return symbol_to_number(self.symbol)

    @property
    def work(self) -> str:
        return work_iri(self.actor, self.date, self.symbol, self.doc_type)

    @property
    def work_this(self) -> str:
        return f"{self.work}/!main"

    @property
    def expression(self) -> str:
        return f"{self.work}/{self.lang}@"

    @property
    def expression_this(self) -> str:
        return f"{self.expression}/!main"

    @property
    def manifestation(self) -> str:
        return f"{self.expression}/.xml"

    @property
    def manifestation_this(self) -> str:
        return f"{self.expression}/!main.xml"


def tlc_id(name: str) -> str:
    """An eId for a TLC from a display name: lowerCamelCase ASCII where possible, never empty
    (a name without ASCII letters or digits gets ``org_`` and a stable hash of the name).

    >>> tlc_id("Third Committee")
    'thirdCommittee'
    >>> tlc_id("Bolivia (Plurinational State of)")
    'boliviaPlurinationalStateOf'
    >>> tlc_id("中国"), tlc_id("")
    ('org_f0e95216', 'org_e3b0c442')
    """
    words = re.findall(r"[A-Za-z0-9]+", name)
    if not words:
        return "org_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    first, *rest = words
    return first.lower() + "".join(w[:1].upper() + w[1:].lower() for w in rest)
