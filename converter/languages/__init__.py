"""Per-language facts as data: loads the TOML tables under ``data/<code>/`` into `Language`.

Every language has a folder ``data/<code>/``; each ``*.toml`` file in it holds one part of the
table (``structure.toml``: formula, opening phrases, heading block, punctuation, numbers;
``inline.toml``: dates and references). The files of one folder are merged into one mapping.
Adding a language is adding a folder with its tables and their tests; no code changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from converter import tables

CODES = ("ar", "zh", "en", "fr", "ru", "es")
_HERE = Path(__file__).resolve().parent  #: the tables lie in the package, as files


@dataclass(frozen=True, eq=False)
class Language:
    """The facts of one language that the converter needs, as read from its tables.

    One instance per language (`load` caches), compared and hashed by identity.
    """

    code: str  #: ISO 639-1 code ("zh")
    akn: str  #: ISO 639-2 code used in FRBR identifiers ("zho")
    name: str
    script: str  #: "cjk", "latin", "cyrillic" or "arabic"
    direction: str  #: "ltr" or "rtl"
    join: str  #: what joins two wrapped lines of one paragraph ("" for CJK, " " otherwise)
    italic_openings: bool  #: whether the UN prints opening phrases in italics in this script
    data: Mapping[str, Any] = field(repr=False)  #: the merged tables, for the parts below

    @property
    def cased(self) -> bool:
        """Whether the script has upper and lower case (Latin, Cyrillic): then a paragraph
        never opens with a lower-case letter."""
        return self.script in CASED_SCRIPTS

    # -- convenient views on the tables -------------------------------------------------
    def section(self, *path: str) -> Mapping[str, Any]:
        """The table at ``path`` (e.g. ``section("preamble", "phrases")``), empty if absent."""
        node: Any = self.data
        for key in path:
            node = node.get(key, {}) if isinstance(node, Mapping) else {}
        return node if isinstance(node, Mapping) else {}

    def value(self, *path: str, default: Any = None) -> Any:
        node: Any = self.data
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                return default
            node = node[key]
        return node

    def formula_actor(self, line: str) -> str | None:
        """The actor (``un-ga``…) whose enacting formula ``line`` is, white space and case
        aside; None when the line is no formula. The one place formulas are matched."""
        return self._formulas.get(squeeze(line))

    @property
    def _formulas(self) -> Mapping[str, str]:
        return _formulas(self)

    def regex(self, *path: str) -> re.Pattern[str] | None:
        """A compiled regular expression from the tables, or None when the table has none."""
        pattern = self.value(*path)
        return _compile(pattern) if pattern else None


CASED_SCRIPTS = frozenset({"latin", "cyrillic", "greek"})


def squeeze(text: str) -> str:
    """``text`` without white space, case folded: how formulas are compared."""
    return "".join(text.split()).casefold()  # split() and \s: the same white space


@cache
def _formulas(lang: Language) -> Mapping[str, str]:
    return {squeeze(f): actor for f, actor in lang.section("formula").items()}


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _merge(into: dict[str, Any], new: Mapping[str, Any], where: str) -> None:
    for key, value in new.items():
        if key in into and isinstance(into[key], dict) and isinstance(value, Mapping):
            _merge(into[key], value, f"{where}.{key}")
        elif key in into:
            raise ValueError(f"language table key {where}.{key} is defined twice")
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value


@cache
def load(code: str) -> Language:
    """The table of language ``code`` (ISO 639-1 or 639-2); ValueError if there is none."""
    code = ISO639_2_TO_1.get(code, code)
    if code not in CODES:
        raise ValueError(f"unknown language {code!r}; known: {', '.join(CODES)}")
    folder = _HERE / "data" / code
    data: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _merge(data, tables.load(entry), entry.name)
    meta = data.get("language", {})
    return Language(
        code=code,
        akn=meta["akn"],
        name=meta["name"],
        script=meta["script"],
        direction=meta.get("direction", "ltr"),
        join=meta.get("join", " "),
        italic_openings=bool(meta.get("italic_openings", False)),
        data=data,
    )


ISO639_2_TO_1 = {
    "ara": "ar",
    "zho": "zh",
    "chi": "zh",
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "rus": "ru",
    "spa": "es",
}


def all_languages() -> list[Language]:
    return [load(code) for code in CODES]


@dataclass(frozen=True)
class States:
    """Names of States (and the EU) as printed in one language, and their shared ids."""

    pattern: re.Pattern[str] | None  #: every name, longest first, as one alternation
    ids: Mapping[str, str]  #: normalised name -> id

    def match(self, text: str, pos: int = 0) -> tuple[int, str] | None:
        """(end, id) of the longest State name at ``text[pos:]``, or None."""
        if self.pattern is None:
            return None
        m = self.pattern.match(text, pos)
        if m is None:
            return None
        return m.end(), self.ids[normalise_name(m.group(0))]


def normalise_name(name: str) -> str:
    """Case, white space and apostrophe style do not matter when names are compared."""
    return " ".join(name.replace("'", "’").split()).casefold()


@cache
def states(code: str) -> States:
    """The State names of language ``code`` (``languages/states.toml``)."""
    table = tables.load(_HERE / "states.toml")
    ids = {
        normalise_name(name): sid for sid, names in table.items() for name in names.get(code, [])
    }
    if not ids:
        return States(None, {})
    spaced = load(code).join == " "
    body = "|".join(
        re.escape(n).replace("’", "['’]").replace(r"\ ", r"\s+")
        for n in sorted(ids, key=len, reverse=True)
    )
    boundary = r"(?![^\W\d_])" if spaced else ""
    return States(re.compile(f"(?:{body}){boundary}", re.IGNORECASE), ids)
