"""The units that the block reader (`parse.blocks`) reads lines into, where it is in its
lines, and how a line ends (footnote markers aside)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from converter.source import SrcLine


@dataclass
class Unit:
    """A block of the operative part or of an annex."""

    #: "paragraph", "point", "heading", "runOn", or "preamble" (a section's own preambular
    #: paragraph, `parse.sections`)
    kind: str
    lines: list[SrcLine]
    num: str | None = None  #: as printed: "7.", "(a)", "I."
    label: str | None = None  #: "7", "a", "i"
    level: int = 0  #: 0 paragraph or heading, 1 point, 2 point in a point

    @property
    def first(self) -> SrcLine:
        return self.lines[0]


@lru_cache(maxsize=65536)
def ends_with(text: str, chars: str) -> bool:
    """Whether ``text`` ends with one of ``chars``, ignoring trailing footnote markers (asked
    of a line several times, with a few sets of ``chars``: cached)."""
    # Trailing footnote markers: digits, stars and the space between them. Plain code, not
    # the regex it once was ((?:\s*(?:\d{1,3}|\*{1,3}))+$ backtracked exponentially on a
    # run of digits followed by anything else): one pass from the end, linear.
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1].isdecimal() or text[end - 1] == "*"):
        end -= 1
    return bool(end) and text[end - 1] in chars


@dataclass
class Reading:
    """Where `_Segmenter.blocks` is in its lines."""

    expected: int = 1  #: the next paragraph number
    misnumbered: bool = False  #: reported once per part: every later number is off too
    letter: str | None = None  #: the last sub-paragraph letter
    roman: str | None = None  #: the last sub-sub-paragraph numeral
    current: Unit | None = None  #: the unit that a line goes on
    prev: SrcLine | None = None  #: the line before
    after_heading: bool = False  #: a heading was the last unit: numbering may restart at 1
