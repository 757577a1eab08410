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

from .languages import Language


@dataclass(frozen=True)
class Match:
    """An opening phrase found at the start of a text."""

    end: int  #: offset in the text just after the phrase (modifiers included)
    type: str
    modifiers: tuple[str, ...]


@dataclass(frozen=True)
class _Table:
    phrases: tuple[tuple[str, str], ...]  # (phrase casefolded, type), longest first
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    spaced: bool


def _entries(mapping) -> tuple[tuple[str, str], ...]:
    items = [(re.sub(r"\s+", " ", k.strip()).casefold(), v) for k, v in mapping.items()]
    return tuple(sorted(items, key=lambda kv: -len(kv[0])))


@cache
def _table(lang: Language, part: str) -> _Table:
    return _Table(
        phrases=_entries(lang.section(part, "phrases")),
        prefixes=_entries(lang.section(part, "modifiers", "prefix")),
        suffixes=_entries(lang.section(part, "modifiers", "suffix")),
        spaced=lang.join == " ",
    )


def _take(text: str, pos: int, entries, spaced: bool, need_boundary: bool = True):
    """The longest entry at ``text[pos:]`` → (end, value) or None."""
    for key, value in entries:
        end = _match_at(text, pos, key)
        if end is None:
            continue
        if spaced and need_boundary and end < len(text) and (text[end].isalnum()):
            continue
        return end, value
    return None


def _match_at(text: str, pos: int, key: str) -> int | None:
    """Match ``key`` (casefolded, single spaces) at ``pos`` letting white space vary."""
    i = pos
    for ch in key:
        if ch == " ":
            if i >= len(text) or not text[i].isspace():
                return None
            while i < len(text) and text[i].isspace():
                i += 1
        else:
            if i >= len(text) or text[i].casefold() != ch:
                return None
            i += 1
    return i


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
    table = _table(lang, part)
    modifiers: list[str] = []
    pos = 0
    found = _take(text, 0, table.phrases, table.spaced)
    prefix = _take(text, 0, table.prefixes, table.spaced)
    if prefix is not None:
        after = _skip_space(text, prefix[0], table.spaced)
        with_prefix = _take(text, after, table.phrases, table.spaced) if after is not None else None
        # Prefer the reading with the modifier only if the phrase alone does not cover it.
        if with_prefix is not None and (found is None or with_prefix[0] > found[0]):
            modifiers.append(prefix[1])
            found = with_prefix
    if found is None:
        return None
    pos, type_ = found
    after = _skip_space(text, pos, table.spaced)
    if after is not None:
        suffix = _take(text, after, table.suffixes, table.spaced)
        if suffix is not None:
            modifiers.append(suffix[1])
            pos = suffix[0]
    elif not table.spaced:
        suffix = _take(text, pos, table.suffixes, False)
        if suffix is not None:
            modifiers.append(suffix[1])
            pos = suffix[0]
    return Match(pos, type_, tuple(modifiers))


def starts_paragraph(text: str, lang: Language, part: str) -> bool:
    return match(text, lang, part) is not None
