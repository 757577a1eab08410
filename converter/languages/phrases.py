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
    # A quick refusal of a text that no entry can open (most lines): the entries' first
    # characters, as one class, before trying the entries one by one.
    firsts = "".join(sorted({re.escape(k[0]) for k in keys if k}))
    quick = f"(?=[{firsts}])" if all(keys) else ""
    return re.compile(f"{quick}(?:{body}){boundary}", re.IGNORECASE)


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


def _name(t: _Table, m: re.Match[str]) -> str:
    """The canonical name of the phrase or modifier that ``m`` matched."""
    found = m.group(0)
    # (most often the text spells it as the table does: no need to normalise it)
    return t.types.get(found) or t.types.get(_norm(found), "unknown")


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
    found = t.phrases.match(text) if t.phrases is not None else None
    prefix = t.prefixes.match(text) if t.prefixes is not None else None
    if found is None and prefix is None:
        return None  # (most texts: neither a phrase nor a modifier opens them)
    modifiers: list[str] = []
    if prefix is not None and t.phrases is not None:
        after = _skip_space(text, prefix.end(), t.spaced)
        with_prefix = t.phrases.match(text, after) if after is not None else None
        # Prefer the reading with the modifier only if the phrase alone does not cover it.
        if with_prefix is not None and (found is None or with_prefix.end() > found.end()):
            modifiers.append(_name(t, prefix))
            found = with_prefix
    if found is None:
        return None
    pos, type_ = found.end(), _name(t, found)
    after = _skip_space(text, pos, t.spaced)
    if after is not None and t.suffixes is not None:
        suffix = t.suffixes.match(text, after)
        if suffix is not None:
            modifiers.append(_name(t, suffix))
            pos = suffix.end()
    return Match(pos, type_, tuple(modifiers))
