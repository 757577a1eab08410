"""Language detection from the text itself: script, enacting formula, opening phrases."""
from __future__ import annotations

import re
import unicodedata

from . import phrases
from .languages import Language, all_languages

_SCRIPT_OF = {"CJK": "cjk", "ARABIC": "arabic", "CYRILLIC": "cyrillic", "LATIN": "latin"}


def script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text[:20000]:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for key, script in _SCRIPT_OF.items():
                if name.startswith(key):
                    counts[script] = counts.get(script, 0) + 1
                    break
    return counts


def detect(text: str) -> Language | None:
    """The most likely language of ``text``, or None when no table fits at all."""
    counts = script_counts(text)
    if not counts:
        return None
    script = max(counts, key=counts.get)
    lines = [re.sub(r"\s+", " ", l.strip()) for l in text.splitlines() if l.strip()]
    best, best_score = None, 0
    for lang in all_languages():
        if lang.script != script:
            continue
        score = 1
        formulas = {re.sub(r"\s+", "", f) for f in lang.section("formula")}
        if any(re.sub(r"\s+", "", l) in formulas for l in lines):
            score += 100
        for line in lines[:400]:
            if phrases.match(line, lang, "preamble") or phrases.match(line, lang, "operative"):
                score += 1
        if score > best_score:
            best, best_score = lang, score
    return best
