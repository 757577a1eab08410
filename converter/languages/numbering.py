"""Number words of the heading block ("Seventy-fourth", "七十四") → integers, per the tables."""

from __future__ import annotations

import re

from converter.languages import Language


def parse_number(text: str, lang: Language) -> int | None:
    """The integer that ``text`` spells, or None.

    >>> from converter.languages import load
    >>> parse_number("Seventy-fourth", load("en")), parse_number("七十四", load("zh"))
    (74, 74)
    >>> parse_number("twenty-sixth", load("en")), parse_number("一百", load("zh"))
    (26, 100)
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    table = lang.section("numbers")
    system = table.get("system")
    if system == "cjk":
        return _cjk(text, table)
    if system == "words":
        return _words(text, table)
    return None


def _cjk(text: str, table) -> int | None:
    digits, multipliers = table.get("digits", {}), table.get("multipliers", {})
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in multipliers:
            total += (current or 1) * multipliers[ch]
            current = 0
        else:
            return None
    total += current
    return total or None


def _words(text: str, table) -> int | None:
    units, tens, ordinals = table.get("units", {}), table.get("tens", {}), table.get("ordinals", {})
    total = 0
    words = [w for w in re.split(r"[\s-]+", text.casefold()) if w]
    if not words:
        return None
    for word in words:
        if word in units:
            total += units[word]
        elif word in tens:
            total += tens[word]
        elif word in ordinals:
            total += ordinals[word]
        elif word.endswith("ieth") and word[:-4] + "y" in tens:
            total += tens[word[:-4] + "y"]
        else:
            return None
    return total


# -- lettering of sub-paragraphs: (a), (b)… and (i), (ii)… --------------------------------

LATIN_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
ROMANS = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
]


def letter_after(label: str | None, letters: tuple[str, ...] = LATIN_LETTERS) -> str:
    """The lettering sequence a, b, … z, aa, bb, … (the UN's), in ``letters``' alphabet."""
    if label is None:
        return letters[0]
    for size in range(1, len(label) + 1):  # "aa" is "a" twice; "هـ" is one letter
        letter = label[:size]
        if letter in letters and letter * (len(label) // size) == label:
            count = len(label) // size
            i = letters.index(letter)
            return letters[0] * (count + 1) if i + 1 == len(letters) else letters[i + 1] * count
    return ""


def letter_index(label: str, letters: tuple[str, ...] = LATIN_LETTERS) -> int | None:
    """The position of ``label`` in the lettering sequence (a → 0, z → 25, aa → 26)."""
    seq, n = None, 0
    while n < 400:
        seq = letter_after(seq, letters)
        if seq == label:
            return n
        n += 1
    return None


def roman_after(label: str | None) -> str:
    return ROMANS[0] if label is None else ROMANS[min(ROMANS.index(label) + 1, len(ROMANS) - 1)]
