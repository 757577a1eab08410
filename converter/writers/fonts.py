"""Fonts for rendering: the Noto font stack of each script, the font files that hold them, and
the check that every character of a document has a glyph in them.

The stacks are data (``STACKS``). Both writers read them: the HTML writer's print stylesheet
gets its ``font-family`` rules from them (`css_rules`), and the PDF writer (Typst,
`converter.writers.typst`) is given exactly the files of `FILES` (no system or bundled fonts)
and the stack of the document's script, so the fonts the checks look at are the fonts the PDF
is laid out with. Checks happen twice:

- before rendering, `check_coverage` looks up every character of the document in the cmap of
  the fonts of its stack (fontTools) and raises `MissingGlyphError` naming the character and
  the element it is in; `resolve` raises `MissingFontError` when a font file is not installed;
- while compiling, the Typst writer turns any warning of Typst about a font or a glyph (a
  fallback, a .notdef box) into a `FontError`.

Everything here is cached per process: a warm process reads the cmaps once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from converter.writers.errors import RenderError


class FontError(RenderError):
    """A font problem that would otherwise print empty boxes or a substitute font."""


class MissingFontError(FontError):
    """A font family of the stack is not installed (its file is missing)."""


class MissingGlyphError(FontError):
    """Characters of the document that no font of its stack can print."""

    def __init__(self, missing: dict[str, list[str]], families: tuple[str, ...]):
        self.missing = missing  #: character -> ids of (up to 3) elements where it occurs
        self.families = families
        shown = "; ".join(
            f"U+{ord(ch):04X} {unicodedata.name(ch, '?')} ({ch!r}) in "
            + (", ".join(f"#{w}" for w in where) if where else "the document")
            for ch, where in sorted(missing.items())[:10]
        )
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        super().__init__(
            f"no glyph for {len(missing)} character(s) in fonts {', '.join(families)}: "
            f"{shown}{more}"
        )


@dataclass(frozen=True)
class Stack:
    """The font families of one script: body text, then headings (bold); fallbacks follow."""

    body: tuple[str, ...]
    heading: tuple[str, ...]

    @property
    def families(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for family in self.body + self.heading:
            seen.setdefault(family, None)
        return tuple(seen)


SERIF = "Noto Serif"
CJK_SERIF = "Noto Serif CJK SC"
CJK_SANS = "Noto Sans CJK SC"
NASKH = "Noto Naskh Arabic"

#: Font stacks per script. The first family prints the script; the others catch the odd
#: character of another script (a Latin symbol in Arabic text, a Chinese name in English).
STACKS: dict[str, Stack] = {
    "latin": Stack(body=(SERIF, CJK_SERIF, NASKH), heading=(SERIF, CJK_SANS, NASKH)),
    "cyrillic": Stack(body=(SERIF, CJK_SERIF, NASKH), heading=(SERIF, CJK_SANS, NASKH)),
    "cjk": Stack(body=(CJK_SERIF, SERIF, NASKH), heading=(CJK_SANS, SERIF, NASKH)),
    "arabic": Stack(body=(NASKH, SERIF, CJK_SERIF), heading=(NASKH, SERIF, CJK_SANS)),
}

#: Characters that need no glyph: controls, format characters (bidi marks, ZWJ, soft hyphen),
#: line and paragraph separators.
_NO_GLYPH_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def _family_list(families: Iterable[str]) -> str:
    return ", ".join(f'"{family}"' for family in families)


def css_rules() -> str:
    """The ``font-family`` rules of the stylesheet, one pair per script (from `STACKS`)."""
    rules = []
    for script, stack in STACKS.items():
        rules.append(f"html[data-script={script}] {{ font-family: {_family_list(stack.body)} }}")
        rules.append(
            f"html[data-script={script}] :is(h1, h2, h3, h4, .heading-font) "
            f"{{ font-family: {_family_list(stack.heading)} }}"
        )
    return "\n".join(rules) + "\n"


# -- font files -------------------------------------------------------------------------------
#: Where Debian's fonts-noto-core and fonts-noto-cjk put the fonts of the stacks.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
    Path("/usr/share/fonts/truetype/noto-cjk"),
)

#: (family, style) -> the font file that holds it; a collection (.ttc) holds the family among
#: others (the face is found by its name).
FILES: dict[tuple[str, str], str] = {
    (SERIF, "regular"): "NotoSerif-Regular.ttf",
    (SERIF, "bold"): "NotoSerif-Bold.ttf",
    (SERIF, "italic"): "NotoSerif-Italic.ttf",
    (SERIF, "bolditalic"): "NotoSerif-BoldItalic.ttf",
    (NASKH, "regular"): "NotoNaskhArabic-Regular.ttf",
    (NASKH, "bold"): "NotoNaskhArabic-Bold.ttf",
    (CJK_SERIF, "regular"): "NotoSerifCJK-Regular.ttc",
    (CJK_SERIF, "bold"): "NotoSerifCJK-Bold.ttc",
    (CJK_SANS, "regular"): "NotoSansCJK-Regular.ttc",
    (CJK_SANS, "bold"): "NotoSansCJK-Bold.ttc",
}


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    file: str
    index: int


def find_file(name: str) -> Path:
    """The installed font file ``name``; `MissingFontError` if none of `FONT_DIRS` has it."""
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise MissingFontError(
        f"font file {name} is not installed (looked in {', '.join(map(str, FONT_DIRS))}): "
        "install the Debian packages fonts-noto-core and fonts-noto-cjk"
    )


def font_files() -> tuple[Path, ...]:
    """Every file of `FILES`, installed (`MissingFontError` otherwise)."""
    return tuple(find_file(name) for name in dict.fromkeys(FILES.values()))


@cache
def resolve(family: str, style: str = "regular") -> Face:
    """The font file and face index of ``family`` in ``style`` (regular, bold, italic).

    Raises `MissingFontError` when the family is not one of the stacks' or is not installed.
    """
    name = FILES.get((family, style))
    if name is None:
        raise MissingFontError(
            f"font {family!r} ({style}) is not installed: the stacks know "
            f"{', '.join(sorted({f for f, _ in FILES}))}"
        )
    path = find_file(name)
    index = 0
    if path.suffix.lower() == ".ttc":
        with TTCollection(str(path), lazy=True) as collection:
            names = [font["name"].getDebugName(1) for font in collection.fonts]
        if family not in names:
            raise MissingFontError(f"font {family!r} is not installed: {path} holds {names}")
        index = names.index(family)
    return Face(family, style, str(path), index)


@cache
def _cmap(file: str, index: int) -> frozenset[int]:
    with TTFont(file, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def coverage(family: str, style: str = "regular") -> frozenset[int]:
    """The code points that ``family`` (the file `resolve` finds) has glyphs for."""
    face = resolve(family, style)
    return _cmap(face.file, face.index)


def needs_glyph(char: str) -> bool:
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


def check_coverage(texts: Iterable[tuple[str, str | None]], script: str) -> None:
    """Raise `MissingGlyphError` unless every character of ``texts`` has a glyph in the stack.

    ``texts`` yields ``(text, where)`` pairs, ``where`` being the id of the nearest element
    (for the error message) or None. Only the fonts a character needs are loaded: the first
    family of the stack answers for almost everything.
    """
    stack = STACKS[script]
    for family in stack.families:  # every family must exist, even if no character needs it
        resolve(family, "regular")
    for family in stack.heading[:1] + stack.body[:1]:
        resolve(family, "bold")
    if script in ("latin", "cyrillic"):
        resolve(stack.body[0], "italic")

    wanted: dict[str, list[str]] = {}
    for text, where in texts:
        for char in set(text):
            if char.isspace() and char in " \n\t\r":
                continue
            bucket = wanted.setdefault(char, [])
            if where and len(bucket) < 3 and where not in bucket:
                bucket.append(where)
    missing: dict[str, list[str]] = {}
    for char, places in wanted.items():
        if not needs_glyph(char):
            continue
        code = ord(char)
        if not any(code in coverage(family) for family in stack.families):
            missing[char] = places
    if missing:
        raise MissingGlyphError(missing, stack.families)
