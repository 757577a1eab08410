"""What rendering needs to know about each language: HTML language tag, direction, script,
how the UN prints opening phrases and justifies text, the undocs.org language segment, and
Typst's language and region.

The facts come from the language tables (`converter.languages.load`): script, direction and
italic_openings from ``[language]``, the rest from ``[render]`` of ``structure.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class RenderLanguage:
    akn: str  #: ISO 639-2 code in FRBRlanguage ("zho")
    tag: str  #: BCP 47 tag for HTML @lang and the PDF /Lang ("zh-Hans")
    direction: str  #: "ltr" or "rtl"
    script: str  #: key of `fonts.STACKS`: "latin", "cyrillic", "cjk", "arabic"
    italic_openings: bool  #: the UN prints opening phrases in italics in this script
    justify: bool  #: the UN justifies body text in this script
    undocs: str  #: language segment of https://undocs.org/<segment>/<symbol>
    typst_lang: str  #: Typst ``text(lang: …)`` of the PDF ("zh")
    region: str | None  #: Typst ``text(region: …)`` of the PDF ("CN"), None for none

    @property
    def rtl(self) -> bool:
        """Written right to left."""
        return self.direction == "rtl"


@cache
def for_code(code: str) -> RenderLanguage:
    """The rendering facts of ``code`` (ISO 639-2 or 639-1); KeyError if unsupported."""
    from converter.languages import load

    try:
        language = load(code.strip().lower())
    except ValueError:
        raise KeyError(code) from None
    render = language.section("render")
    try:
        return RenderLanguage(
            language.akn,
            render["tag"],
            language.direction,
            language.script,
            language.italic_openings,
            bool(render["justify"]),
            render["undocs"],
            render["typst_lang"],
            render["region"] or None,
        )
    except KeyError as exc:
        raise KeyError(f"{code}: the language table has no render.{exc.args[0]}") from None
