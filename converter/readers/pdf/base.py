"""The layout's building blocks: positioned text runs, lines being built, and character classes
(CJK, right-to-left) shared by the native and the OCR reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(eq=False)
class Run:
    """A piece of text in one font, size and baseline (a PDF text object, or an OCR word)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    italic: bool = False
    bold: bool = False
    font: str = ""
    #: the text page's character index of each character of `text` (native reader only; a
    #: `range` when the run's characters are consecutive)
    chars: Sequence[int] | None = None
    superscript: bool = False
    #: content-stream order of the run, and whether the extractor saw a word space between it and
    #: the run before it in that order (None: unknown, or a line break)
    seq: int = -1
    space_before: bool | None = None


@dataclass(eq=False)
class _Build:
    runs: list[Run]
    baseline: float = 0.0
    size: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def refresh(self) -> None:
        """Size (the dominant one), baseline (the commonest of the runs of that size) and the
        horizontal extent, from the runs. Ties go to the first run's value (as
        `Counter.most_common` has it); a hot loop, so dicts and plain loops."""
        runs = self.runs
        if len(runs) == 1:
            r = runs[0]
            self.size = round(r.size * 2) / 2
            self.baseline = round(r.baseline, 1)
            self.x0, self.x1 = r.x0, r.x1
            return
        size = self.size = _dominant_size(runs)
        main = [r for r in runs if abs(r.size - size) < 0.6] or runs
        counts: dict[float, int] = {}
        for r in main:
            b = round(r.baseline, 1)
            counts[b] = counts.get(b, 0) + 1
        self.baseline = max(counts, key=counts.__getitem__)
        x0, x1 = runs[0].x0, runs[0].x1
        for r in runs:
            if r.x0 < x0:
                x0 = r.x0
            if r.x1 > x1:
                x1 = r.x1
        self.x0, self.x1 = x0, x1


def _dominant_size(runs: list[Run]) -> float:
    """The size (to half a point) of most of the runs' characters; the first one's on a tie."""
    weights: dict[float, int] = {}
    for r in runs:
        k = round(r.size * 2) / 2
        n = len(r.text.strip())
        weights[k] = weights.get(k, 0) + (n if n > 1 else 1)
    return max(weights, key=weights.__getitem__) if weights else 0.0


# --- characters ----------------------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
    )


def is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


#: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic presentation forms
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
_RTL_LETTER_RE = re.compile(
    "[\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb1d-\ufdfb\ufe70-\ufefc]"
)


def has_rtl(text: str) -> bool:
    return _RTL_RE.search(text) is not None


_CJK_SPACE = re.compile(
    r"(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]) +"
    r"(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])"
)


def squeeze_cjk(text: str) -> str:
    """Remove spaces between two CJK characters (extraction artefacts, never real spacing)."""
    return _CJK_SPACE.sub("", text)
