"""What the HTML writer adds to the reading of the AKN document (`converter.writers.akn`):
the elements it lays out as containers, the inline elements that keep their names, and
class-name-safe tokens."""

from __future__ import annotations

import re

from converter.writers import akn

#: Containers laid out as a ``section``/``div`` with their heading: the AKN hierarchies, and
#: <crossHeading> (a heading one level down).
HIERARCHY = akn.HIERARCHY | {"crossHeading"}
#: AKN inline elements that keep their HTML namesake.
SAME_NAME = {
    "i": "i",
    "b": "b",
    "u": "u",
    "sub": "sub",
    "sup": "sup",
    "abbr": "abbr",
    "span": "span",
}

_TOKEN = re.compile(r"[^A-Za-z0-9_-]+")


def _token(value: str) -> str:
    """A class-name-safe token (letters, digits, ``_`` and ``-``) from source data."""
    return _TOKEN.sub("-", value).strip("-")
