"""Footnote marker candidates: whether a number in the text may be a footnote marker, and
of which tier (see `parse.footnotes`), by its shape and neighbours and the language table's
``[footnotes]`` words and characters that make it an ordinary number."""

from __future__ import annotations

import re

from converter.languages import Language

# A marker glued to a year by the extractor: "2015–20303" is the year 2030 and marker 3.
# (The look-behind follows the century, as in `footnotes.NUMBER`: the engine skips to a 1 or 2.)
GLUED_TO_YEAR = re.compile(r"(?:19|20)(?<![\d/.\-(]\d\d)\d\d(\d{1,2})(?![\d/])")
_END = re.compile(r"[\W_]*\Z")  # nothing but punctuation and space up to the end
_LAST_WORD = re.compile(r"\S*$")
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")
_WORD = re.compile(r"[^\W\d_]+")  # a word of letters


def _last_word(text: str, end: int) -> str:
    """The word (up to 30 characters) that ends at ``text[end]``; "" after a space."""
    m = _LAST_WORD.search(text, max(end - 30, 0), end)
    assert m is not None  # `\S*$` matches, if only the empty string
    return m.group(0)


def _last_letters(text: str, end: int) -> str:
    """The letters (up to 40) that end at ``text[end]``, of which there is one at least."""
    m = _LAST_LETTERS.search(text, max(end - 40, 0), end)
    assert m is not None  # called after a letter only
    return m.group(0)


def _cased_code(text: str, start: int) -> bool:
    """Whether the letters glued before text[start] (a letter of a script with case) have
    fewer than two small letters: a code (G20, A4), not a word with a marker ("session15")."""
    before, letter = (text[start - 2] if start >= 2 else ""), text[start - 1]
    if not before.isalnum() and before != "_":  # one letter (no regex needed): cased or not
        return letter.lower() != letter.upper()
    if letter.islower() and before.isalpha() and before.islower():
        return False  # two small letters at least (most words: no regex needed)
    letters = _last_letters(text, start)
    return letters.lower() != letters.upper() and sum(c.islower() for c in letters) < 2


_LIST_GOES_ON = re.compile(r"\s*(?:,|\s[^\W\d_]{1,3}\s)\s*\d")  # ", 13", " and 13"

# Candidate tiers, best first. STRONG and WEAK may be first references or repeats; the
# others are first references only: GLUED (digits glued to a year) when nothing else on the
# note's page fits, NEXT, LATE and SPLIT only where the numbering demands them.
STRONG, WEAK, GLUED, NEXT, LATE, SPLIT = range(6)
SEQUENCE = (NEXT, LATE, SPLIT)  #: the tiers `footnotes._by_sequence` takes


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _in_list(text: str, start: int, end: int) -> bool:
    """Whether the number stands inside a list of numbers: after another and a comma with a
    space, and before a comma or a short word and another number ("paragraphs 10, 12 and
    13"). A marker after a number ("Agenda 21, 3 the") has no number after it."""
    before = text[max(start - 40, 0) : start]
    stripped = before.rstrip()
    return (
        len(stripped) < len(before)
        and stripped.endswith(",")
        and stripped[-2:-1].isdigit()
        and _LIST_GOES_ON.match(text, end) is not None
    )


class Rules:
    """The rules of a language's table that tell a marker from an ordinary number."""

    def __init__(self, lang: Language):
        table = lang.section("footnotes")
        self.not_before = table.get("not_before", "")
        self.not_after = sorted(table.get("not_after", []), key=len, reverse=True)
        #: not_after by last character (longest first): a candidate checks the few that can
        #: end the text before it, not all of them (most of the time of many markers)
        self.not_after_by_end: dict[str, list[str]] = {}
        for word in self.not_after:
            self.not_after_by_end.setdefault(word[-1:], []).append(word)
        self.not_before_words = {w.casefold() for w in table.get("not_before_words", [])}
        self.suffixes = {w.casefold() for w in table.get("number_suffixes", [])}
        self.glue = table.get("glue_before", "")
        self.weak_repeats = bool(table.get("weak_repeats", False))
        self.weak_max = int(table.get("weak_repeats_max", 999))
        self.cjk = lang.script == "cjk"

    def candidate(self, text: str, start: int, end: int) -> int | None:
        """None if the number at text[start:end] is no marker, else its tier."""
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if nxt.isalnum() and not (self.cjk and _is_cjk(nxt)):
            return self.glued_to_next(text, start, end)  # 5th, 3D, 2nd; "3on"
        glued = prev.isalpha() and not _is_cjk(prev)
        if glued and _cased_code(text, start):
            return None  # G20, A4 (decided first: every other way out is None too)
        if (
            (prev == "." or prev.isalnum())
            and "/" in text[max(start - 30, 0) : start]  # (the window `_last_word` reads)
            and "/" in _last_word(text, start)
        ):
            return None  # the end of a document symbol: A/73/L.8/Add.1 (not "72/4;1")
        if nxt in ".," and text[end + 1 : end + 2].isdigit():
            return None  # 1.5, 115,000
        if self.ordinary_before(text, end):
            return None
        if glued:
            return STRONG  # glued to a word, even one of the table: "session15"
        if self.ordinary_after(text, start) or _in_list(text, start, end):
            return LATE  # "resolution 8 was": a number as a rule, a marker by sequence
        if prev == "." and start >= 2 and (text[start - 2].isupper() or text[start - 2].isdigit()):
            return LATE  # the end of a code: 1/CMA.4, DEC.2, 1.A.04
        before = text[max(start - 40, 0) : start].rstrip()
        if prev and (prev in self.glue or _is_cjk(prev)):
            return STRONG
        if before[-1:] and before[-1] in self.glue:
            return STRONG
        if _END.match(text, end):
            return STRONG  # at the end of the paragraph
        return WEAK

    def ordinary_before(self, text: str, end: int) -> bool:
        """Whether what follows the number makes it an ordinary one (a unit, a month…)."""
        after = text[end : end + 40].lstrip()  # a window: the words that matter are short
        if after[:1] and after[0] in self.not_before:
            return True
        word = _WORD.match(after)
        return bool(word and word.group(0).casefold() in self.not_before_words)

    def ordinary_after(self, text: str, start: int) -> bool:
        """Whether a word of the table ends the text before the number, as a whole word."""
        before = text[max(start - 40, 0) : start].rstrip()
        return any(
            before.endswith(word)
            and (self.cjk or not word[0].isalpha() or not before[: -len(word)][-1:].isalpha())
            for word in self.not_after_by_end.get(before[-1:], ())
        )

    def glued_to_next(self, text: str, start: int, end: int) -> int | None:
        """NEXT for a number standing after a space or punctuation and glued to a following
        word in lower case ("resolutions 3on the"); None for an ordinal or a unit (5th, 3D)."""
        prev = text[start - 1] if start else ""
        word = _WORD.match(text, end)
        if (
            prev.isalnum()
            or not word
            or len(word.group(0)) < 2
            or not word.group(0).islower()
            or word.group(0).casefold() in self.suffixes
        ):
            return None
        return NEXT

    def splits(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(offset, value) of the last one or two digits of the long number at
        text[start:end] read as a marker glued to it ("59/3009", "1/CP.2731", "Agenda 216").
        None of a year, a decimal or thousands group, or a number followed by its unit."""
        digits = text[start:end]
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        # a year, or a year with a marker glued to it: what (?:19|20)\d\d or GLUED_TO_YEAR would
        # fullmatch in these digits (all of them \d), told without two regex calls
        if (digits[:2] in ("19", "20") and 4 <= len(digits) <= 6) or nxt.isalnum():
            return []
        if prev in ".," and start >= 2 and text[start - 2].isdigit():
            return []  # 4.25, 30,034
        if (prev.isalpha() and not _is_cjk(prev)) or self.ordinary_before(text, end):
            return []
        if nxt in ".," and text[end + 1 : end + 2].isdigit():
            return []
        return [
            (end - k, int(digits[-k:])) for k in (1, 2) if k < len(digits) and digits[-k] != "0"
        ]
