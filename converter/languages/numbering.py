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


def letter_at(index: int, letters: tuple[str, ...] = LATIN_LETTERS) -> str:
    """The label at ``index`` of the lettering sequence (0 → a, 25 → z, 26 → aa).

    >>> letter_at(0), letter_at(27)
    ('a', 'bb')
    """
    count, at = divmod(index, len(letters))
    return letters[at] * (count + 1)


def letter_index(label: str, letters: tuple[str, ...] = LATIN_LETTERS) -> int | None:
    """The position of ``label`` in the lettering sequence (a → 0, z → 25, aa → 26)."""
    seq, n = None, 0
    while n < 400:
        seq = letter_after(seq, letters)
        if seq == label:
            return n
        n += 1
    return None


_ROMAN_DIGITS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


def to_roman(number: int) -> str:
    """Lower-case roman numeral of ``number`` (1 → "i", 14 → "xiv").

    >>> to_roman(4), to_roman(19), to_roman(1999)
    ('iv', 'xix', 'mcmxcix')
    """
    out = []
    for value, digits in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        out.append(digits * count)
    return "".join(out)


def from_roman(label: str) -> int | None:
    """The value of a lower-case roman numeral, or None when ``label`` is none.

    >>> from_roman("xiv"), from_roman("iiii"), from_roman("")
    (14, None, None)
    """
    if not label or not _ROMAN.fullmatch(label):
        return None
    value = 0
    for number, digits in _ROMAN_DIGITS:
        while label.startswith(digits):
            value, label = value + number, label[len(digits) :]
    return value


def roman_after(label: str | None) -> str:
    """The numeral after ``label`` (None: the first, "i")."""
    return to_roman((from_roman(label) or 0) + 1 if label else 1)
