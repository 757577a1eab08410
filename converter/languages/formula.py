"""The enacting formula of a language, as the tables give it: where a line opens with one,
and whether the text after it runs on into one sentence (a decision: "The General Assembly,
recalling …, decides …")."""

from __future__ import annotations

import re
from functools import lru_cache

from converter.languages import Language, phrases

#: what may stand between a formula and the text that runs on from it
FORMULA_PUNCT = ",，،:："


@lru_cache(maxsize=16)
def _pattern(lang: Language) -> re.Pattern[str] | None:
    """Any formula of the language (words, not punctuation), at the start of a line."""
    stems = {formula_stem(f) for f in lang.section("formula")}
    ordered = sorted((s for s in stems if s), key=len, reverse=True)
    if not ordered:
        return None
    words = "|".join(r"\s*".join(map(re.escape, s.split())) for s in ordered)
    return re.compile(rf"^(?:{words})")


def formula_stem(text: str) -> str:
    """A formula without its trailing punctuation and white space."""
    return text.strip().rstrip(FORMULA_PUNCT).strip()


def run_on_cut(text: str, lang: Language) -> int | None:
    """Where the text that runs on from a formula starts in ``text`` (a line that opens with
    one of ``lang``'s formulas), or None when the line does not run on from a formula."""
    pattern = _pattern(lang)
    m = pattern.match(text) if pattern is not None else None
    if m is None:
        return None
    cased = lang.value("language", "script", default="latin") in ("latin", "cyrillic")
    start = _runs_on(text[m.end() :], lang, cased)
    return None if start is None else m.end() + start


def _runs_on(rest: str, lang: Language, cased: bool) -> int | None:
    """Where the running-on text starts in ``rest`` (what follows the formula's words), or
    None when ``rest`` does not continue a formula."""
    m = re.match(rf"\s*[{FORMULA_PUNCT}]?\s*", rest)
    if m is None:
        return None
    tail = rest[m.end() :]
    if not tail:
        return m.end() if m.group().strip() in (":", "：") else None
    if cased and not tail[0].islower():
        return None
    if not cased and not m.group().strip() and not _opens(tail, lang):
        return None  # no punctuation, no case, no opening phrase: maybe a heading
    return m.end()


def _opens(text: str, lang: Language) -> bool:
    """Whether ``text`` opens with a preambular or operative phrase ("大会回顾…")."""
    return any(phrases.match(text, lang, part) is not None for part in ("preamble", "operative"))
