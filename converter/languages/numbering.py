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
