"""Run-on formulas: a decision whose enacting formula runs on into its text.

Decisions often have no preamble of their own: "The General Assembly, recalling …, decides …"
is one sentence, "The General Assembly approves … as set out below:" too, and "The General
Assembly:" may lead straight to points (a), (b). The formula is then no line of its own: this
module finds the line that opens with one (the formulas of the language tables, their trailing
punctuation aside) and splits it into the formula and the text that runs on.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from converter.languages import Language, phrases
from converter.source import SrcLine

#: what may stand between a formula and the text that runs on from it
FORMULA_PUNCT = ",，،:："


@lru_cache(maxsize=16)
def _pattern(lang: Language) -> re.Pattern[str] | None:
    """Any formula of the language (words, not punctuation), at the start of a line."""
    unique = {f.strip().rstrip(FORMULA_PUNCT).strip() for f in lang.section("formula")}
    stems = sorted((s for s in unique if s), key=len, reverse=True)
    if not stems:
        return None
    words = "|".join(r"\s*".join(map(re.escape, s.split())) for s in stems)
    return re.compile(rf"^(?:{words})")


def formula_stem(text: str) -> str:
    """A formula without its trailing punctuation and white space."""
    return text.strip().rstrip(FORMULA_PUNCT).strip()


def _runs_on(rest: str, lang: Language, cased: bool) -> int | None:
    """Where the text running on from a formula starts in ``rest`` (what follows the formula's
    words), or None when ``rest`` does not continue a formula."""
    m = re.match(rf"\s*[{FORMULA_PUNCT}]?\s*", rest)
    assert m is not None  # every pattern part is optional: it matches any text
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


def split_run_on(body: list[SrcLine], lang: Language) -> tuple[int, list[SrcLine]] | None:
    """The index of the first line that opens with a formula and runs on, and the lines that
    replace it: the formula (with its punctuation) and the rest of the line (if any)."""
    pattern = _pattern(lang)
    if pattern is None:
        return None
    cased = lang.value("language", "script", default="latin") in ("latin", "cyrillic")
    for i, line in enumerate(body[1:], 1):
        m = pattern.match(line.text)
        if not m:
            continue
        start = _runs_on(line.text[m.end() :], lang, cased)
        if start is None:
            continue
        cut = m.end() + start
        formula = replace(line, text=line.text[:cut].rstrip())
        rest = line.text[cut:].strip()
        return i, [formula] + ([replace(line, text=rest)] if rest else [])
    return None
