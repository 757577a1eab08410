"""Runs: the lines of one paragraph joined into one string, per script, with a source map.

CJK lines join with nothing between them (a space stays only between two Latin letters or
digits, so numbers never merge); other scripts join with one space, except after a hyphen
that ends a line between two letters ("Secretary-⏎General" → "Secretary-General": the
hyphen is kept, never deleted).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from converter.fastinit import fast_init
from converter.languages import Language
from converter.model import Loc
from converter.source import SrcLine

_DIGIT = re.compile(r"\d")


@fast_init
@dataclass(frozen=True)
class TextRun:
    """Joined text of consecutive source lines; `loc` maps an offset back to its line."""

    text: str
    lines: tuple[SrcLine, ...]
    starts: tuple[int, ...]  #: offset in `text` where each line's text begins
    #: whether the text has a digit (every number, date, reference and footnote marker has
    #: one): both the footnote and the inline readers ask of every run, so `_run` finds it
    has_digit: bool

    def slice(self, start: int, end: int) -> TextRun:
        """The run of ``text[start:end]``, its source map cut to the lines it spans."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_left(self.starts, end), first + 1)
        return _run(
            self.text[start:end],
            self.lines[first:last],
            tuple(max(s - start, 0) for s in self.starts[first:last]),
        )

    def loc(self, offset: int = 0) -> Loc:
        if not self.lines:
            return Loc(0, 0)
        i = max(bisect_right(self.starts, offset) - 1, 0)
        line = self.lines[i]
        return Loc(line.no, line.page)

    def page(self, offset: int) -> int:
        """The page of ``loc(offset)``, without making the `Loc`."""
        if not self.lines:
            return 0
        return self.lines[max(bisect_right(self.starts, offset) - 1, 0)].page


def _separator(left: str, right: str, lang: Language) -> str:
    if not left or not right:
        return ""
    if lang.join == "":
        return (
            " "
            if left[-1].isascii()
            and left[-1].isalnum()
            and right[0].isascii()
            and right[0].isalnum()
            else ""
        )
    if left[-1] == "-" and len(left) > 1 and left[-2].isalpha() and right[0].isalpha():
        return ""
    return lang.join


def join(lines: list[SrcLine], lang: Language) -> TextRun:
    if len(lines) == 1:  # (a heading line, a closing line: nothing to join)
        return _run(lines[0].text, (lines[0],), (0,))
    parts: list[str] = []
    starts = []
    size = 0
    last = ""  # the text joined so far ends with this line's text
    for line in lines:
        text = line.text
        if last and text:
            sep = _separator(last, text, lang)
            if sep:
                parts.append(sep)
                size += len(sep)
        starts.append(size)
        parts.append(text)
        size += len(text)
        last = text or last
    return _run("".join(parts), tuple(lines), tuple(starts))


def _run(text: str, lines: tuple[SrcLine, ...], starts: tuple[int, ...]) -> TextRun:
    return TextRun(text, lines, starts, _DIGIT.search(text) is not None)
