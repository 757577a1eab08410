"""What rendering needs to know about each language: HTML language tag, direction, script,
how the UN prints opening phrases and justifies text, and the undocs.org language segment.

Keyed by the ISO 639-2 code of ``FRBRlanguage`` (the AKN expression language).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderLanguage:
    akn: str  #: ISO 639-2 code in FRBRlanguage ("zho")
    tag: str  #: BCP 47 tag for HTML @lang and the PDF /Lang ("zh-Hans")
    direction: str  #: "ltr" or "rtl"
    script: str  #: key of `fonts.STACKS`: "latin", "cyrillic", "cjk", "arabic"
    italic_openings: bool  #: the UN prints opening phrases in italics in this script
    justify: bool  #: the UN justifies body text in this script
    undocs: str  #: language segment of https://undocs.org/<segment>/<symbol>


LANGUAGES: dict[str, RenderLanguage] = {
    lang.akn: lang
    for lang in (
        RenderLanguage("eng", "en", "ltr", "latin", True, True, "en"),
        RenderLanguage("fra", "fr", "ltr", "latin", True, True, "fr"),
        RenderLanguage("spa", "es", "ltr", "latin", True, True, "es"),
        RenderLanguage("rus", "ru", "ltr", "cyrillic", True, True, "ru"),
        RenderLanguage("ara", "ar", "rtl", "arabic", False, True, "ar"),
        # The UN's own Chinese documents link to https://undocs.org/ch/<symbol> (see the
        # sample A/C.3/74/L.18), so "ch", not "zh", is the segment known to resolve.
        RenderLanguage("zho", "zh-Hans", "ltr", "cjk", False, False, "ch"),
    )
}

#: ISO 639-1 and other spellings seen in FRBRlanguage, mapped to the ISO 639-2 key.
ALIASES = {"en": "eng", "fr": "fra", "fre": "fra", "es": "spa", "ru": "rus", "ar": "ara",
           "zh": "zho", "chi": "zho"}


def for_code(code: str) -> RenderLanguage:
    """The rendering facts of ``code`` (ISO 639-2 or 639-1); KeyError if unsupported."""
    key = code.strip().lower()
    return LANGUAGES[ALIASES.get(key, key)]
