"""Fonts for rendering: the Noto font stack of each script, found through fontconfig, and the
checks that every character of a document has a glyph in them.

The stacks are data (``STACKS``); the print stylesheet's ``font-family`` rules are generated
from them (`css_rules`), so the fonts the checks look at are the fonts WeasyPrint is told to use.
Checks happen twice:

- before rendering, `check_coverage` looks up every character of the HTML in the cmap of the
  fonts of its stack (fontTools) and raises `MissingGlyphError` naming the character and the
  element it is in; `resolve` raises `MissingFontError` when fontconfig does not have a family;
- after layout, `check_rendered` looks at the fonts WeasyPrint actually embedded and fails if
  any glyph is missing (.notdef) or if Pango fell back to a font outside the stack.

Everything here is cached per process: a warm process pays for fontconfig and the cmaps once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import cffi
from fontTools.ttLib import TTFont

from converter.writers.errors import RenderError


class FontError(RenderError):
    """A font problem that would otherwise print empty boxes or a substitute font."""


class MissingFontError(FontError):
    """A font family of the stack is not installed (fontconfig matches another family)."""


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


# -- fontconfig ---------------------------------------------------------------------------
_ffi = cffi.FFI()
_ffi.cdef(
    """
    typedef int FcBool;
    typedef unsigned char FcChar8;
    typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId,
                   FcResultOutOfMemory } FcResult;
    typedef enum { FcMatchPattern, FcMatchFont, FcMatchScan } FcMatchKind;
    typedef struct _FcConfig FcConfig;
    typedef struct _FcPattern FcPattern;
    FcConfig *FcInitLoadConfigAndFonts(void);
    FcPattern *FcNameParse(const FcChar8 *name);
    FcBool FcConfigSubstitute(FcConfig *config, FcPattern *p, FcMatchKind kind);
    void FcDefaultSubstitute(FcPattern *pattern);
    FcPattern *FcFontMatch(FcConfig *config, FcPattern *p, FcResult *result);
    FcResult FcPatternGetString(const FcPattern *p, const char *object, int n, FcChar8 **s);
    FcResult FcPatternGetInteger(const FcPattern *p, const char *object, int n, int *i);
    void FcPatternDestroy(FcPattern *p);
    """
)


@cache
def _fontconfig():
    for name in (
        "fontconfig",
        "libfontconfig.so.1",
        "libfontconfig-1.dll",
        "libfontconfig.1.dylib",
    ):
        try:
            lib = _ffi.dlopen(name)
            break
        except OSError:
            continue
    else:  # pragma: no cover - WeasyPrint itself needs fontconfig
        raise MissingFontError("fontconfig library not found")
    config = lib.FcInitLoadConfigAndFonts()
    if config == _ffi.NULL:  # pragma: no cover
        raise MissingFontError("fontconfig could not load its configuration")
    return lib, config


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    file: str
    index: int


@cache
def resolve(family: str, style: str = "regular") -> Face:
    """The font file fontconfig gives for ``family`` in ``style`` (regular, bold, italic).

    Raises `MissingFontError` when fontconfig answers with another family (its substitute).
    """
    lib, config = _fontconfig()
    suffix = {
        "regular": ":weight=regular:slant=roman",
        "bold": ":weight=bold:slant=roman",
        "italic": ":weight=regular:slant=italic",
    }[style]
    pattern = lib.FcNameParse((family.replace("-", r"\-") + suffix).encode())
    try:
        lib.FcConfigSubstitute(config, pattern, lib.FcMatchPattern)
        lib.FcDefaultSubstitute(pattern)
        result = _ffi.new("FcResult *")
        match = lib.FcFontMatch(config, pattern, result)
    finally:
        lib.FcPatternDestroy(pattern)
    if match == _ffi.NULL:
        raise MissingFontError(f"font {family!r} ({style}) not found by fontconfig")
    try:
        families, i = [], 0
        value = _ffi.new("FcChar8 **")
        while lib.FcPatternGetString(match, b"family", i, value) == lib.FcResultMatch:
            families.append(_ffi.string(value[0]).decode())
            i += 1
        if lib.FcPatternGetString(match, b"file", 0, value) != lib.FcResultMatch:
            raise MissingFontError(f"font {family!r} ({style}) has no file")
        path = _ffi.string(value[0]).decode()
        number = _ffi.new("int *")
        index = (
            number[0]
            if lib.FcPatternGetInteger(match, b"index", 0, number) == lib.FcResultMatch
            else 0
        )
    finally:
        lib.FcPatternDestroy(match)
    if family.casefold() not in {f.casefold() for f in families}:
        raise MissingFontError(
            f"font {family!r} ({style}) is not installed: fontconfig offers "
            f"{families[0] if families else '?'} ({path}) instead; install the Debian packages "
            "fonts-noto-core fonts-noto-cjk"
        )
    return Face(family, style, path, index)


@cache
def _cmap(file: str, index: int) -> frozenset[int]:
    with TTFont(file, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def coverage(family: str, style: str = "regular") -> frozenset[int]:
    """The code points that ``family`` (as fontconfig resolves it) has glyphs for."""
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


def check_rendered(fonts: Iterable[object], script: str) -> None:
    """After layout: every glyph WeasyPrint drew comes from the stack, none is .notdef.

    ``fonts`` are WeasyPrint's ``Document.fonts`` values (``family``, ``to_unicode``,
    ``missing``), which are filled while the PDF is written.
    """
    allowed = {family.casefold() for family in STACKS[script].families}
    for font in fonts:
        family = getattr(font, "family", "")
        if family.casefold() not in allowed:
            chars = "".join(sorted(set("".join(getattr(font, "to_unicode", {}).values()))))[:20]
            raise MissingFontError(
                f"Pango fell back to font {family!r} (outside the stack "
                f"{', '.join(STACKS[script].families)}) for {chars!r}"
            )
        missing = dict(getattr(font, "missing", {}) or {})
        notdef = getattr(font, "to_unicode", {}).get(0)
        if missing or notdef:
            chars = "".join(chr(c) if isinstance(c, int) else str(c) for c in missing) + (
                notdef or ""
            )
            raise MissingGlyphError({ch: [] for ch in chars or "?"}, (family,))
