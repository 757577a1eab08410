"""Opening phrases: find the phrase a paragraph opens with and its canonical type.

The tables (``languages/data/<code>/phrases.toml``) list phrases and modifiers per part
(``preamble`` or ``operative``). At the start of a paragraph the matcher takes an optional
prefix modifier, the longest phrase, then an optional suffix modifier; matching ignores case
and treats any run of white space as one space. In scripts that separate words with spaces
the phrase must end at a word boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from converter.fastinit import fast_init
from converter.languages import Language


@fast_init
@dataclass(frozen=True)
class Match:
    """An opening phrase found at the start of a text."""

    end: int  #: offset in the text just after the phrase (modifiers included)
    type: str
    modifiers: tuple[str, ...]


@dataclass(frozen=True)
class _Table:
    """One part's phrases and modifiers, each as one compiled alternation (longest first)."""

    phrases: re.Pattern[str] | None
    prefixes: re.Pattern[str] | None
    suffixes: re.Pattern[str] | None
    types: dict[str, str]  #: normalised phrase or modifier -> canonical name
    spaced: bool


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()  # white space squeezed, as \s+ would


def _alternation(keys, spaced: bool) -> re.Pattern[str] | None:
    keys = sorted({_norm(k) for k in keys}, key=len, reverse=True)
    if not keys:
        return None
    body = "|".join(re.escape(k).replace("\\ ", r"\s+") for k in keys)
    boundary = r"(?!\w)" if spaced else ""
    return re.compile(f"(?:{body}){boundary}", re.IGNORECASE)


@cache
def _table(lang: Language, part: str) -> _Table:
    spaced = lang.join == " "
    phrases = lang.section(part, "phrases")
    prefixes = lang.section(part, "modifiers", "prefix")
    suffixes = lang.section(part, "modifiers", "suffix")
    types = {_norm(k): v for table in (phrases, prefixes, suffixes) for k, v in table.items()}
    return _Table(
        _alternation(phrases, spaced),
        _alternation(prefixes, spaced),
        _alternation(suffixes, spaced),
        types,
        spaced,
    )


def _take(pattern: re.Pattern[str] | None, text: str, pos: int, types: dict[str, str]):
    """The longest entry of ``pattern`` at ``text[pos:]`` → (end, canonical name) or None."""
    if pattern is None:
        return None
    m = pattern.match(text, pos)
    if m is None:
        return None
    return m.end(), types.get(_norm(m.group(0)), "unknown")


def _skip_space(text: str, pos: int, spaced: bool) -> int | None:
    if not spaced:
        return pos
    if pos < len(text) and text[pos].isspace():
        while pos < len(text) and text[pos].isspace():
            pos += 1
        return pos
    return None


def match(text: str, lang: Language, part: str) -> Match | None:
    """The opening phrase at the start of ``text`` for ``part`` ("preamble"/"operative")."""
    t = _table(lang, part)
    modifiers: list[str] = []
    found = _take(t.phrases, text, 0, t.types)
    prefix = _take(t.prefixes, text, 0, t.types)
    if prefix is not None:
        after = _skip_space(text, prefix[0], t.spaced)
        with_prefix = _take(t.phrases, text, after, t.types) if after is not None else None
        # Prefer the reading with the modifier only if the phrase alone does not cover it.
        if with_prefix is not None and (found is None or with_prefix[0] > found[0]):
            modifiers.append(prefix[1])
            found = with_prefix
    if found is None:
        return None
    pos, type_ = found
    after = _skip_space(text, pos, t.spaced)
    if after is not None:
        suffix = _take(t.suffixes, text, after, t.types)
        if suffix is not None:
            modifiers.append(suffix[1])
            pos = suffix[0]
    return Match(pos, type_, tuple(modifiers))
