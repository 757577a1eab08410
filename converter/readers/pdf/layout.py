"""From positioned text runs to lines in reading order, and the evidence-based line roles.

Shared by the native reader (runs are PDF text objects) and the OCR reader (runs are words).
Everything here is linear in the number of runs of a page (after one sort), and role detection is
linear in the number of lines of the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .base import _CJK_SPACE, Run, _Build, has_rtl, is_cjk
from .bidi import _line_is_rtl, _ltr_islands, _visual_spaces
from .model import Line, line_of

__all__ = ["Assembled", "Run", "_Build", "assemble", "group_lines", "has_rtl", "split_segments"]


# --- runs → lines -------------------------------------------------------------------------------


def group_lines(runs: list[Run]) -> list[_Build]:
    """Cluster runs into lines by baseline, then fold raised small runs (superscripts) and lowered
    small runs (subscripts) into the line they belong to."""
    runs = [r for r in runs if r.text.strip() and r.size > 0]
    runs.sort(key=lambda r: (r.baseline, r.x0))
    lines: list[_Build] = []
    for r in runs:
        # the last few lines are the only candidates: runs are sorted by baseline
        rs = r.size
        for ln in reversed(lines[-4:]):
            ls = ln.size
            big, small = (rs, ls) if rs > ls else (ls, rs)  # max() and min() of the two
            d = abs(ln.baseline - r.baseline)
            if d <= 0.3 * big and (small >= 0.86 * big or d <= 0.08 * small):
                ln.runs.append(r)
                if r.size > ln.size:
                    ln.size, ln.baseline = r.size, r.baseline
                break
        else:
            lines.append(_Build([r], r.baseline, r.size, r.x0, r.x1))
    for ln in lines:
        ln.refresh()
    # superscripts: a line of small runs whose baseline lies within the upper part of a larger
    # line just below it; subscripts: just above it (rare in resolutions)
    merged: set[int] = set()
    grown: set[int] = set()
    for i, ln in enumerate(lines):
        best = None
        for j in range(max(0, i - 3), min(len(lines), i + 4)):
            if j == i or j in merged:
                continue
            m = lines[j]
            if ln.size > 0.92 * m.size:
                continue
            d = m.baseline - ln.baseline  # > 0: ln is raised above m
            if not (-0.45 * m.size < d < 0.75 * m.size) or abs(d) < 0.05:
                continue
            if ln.size > 0.86 * m.size and abs(d) < 0.25 * m.size:
                continue
            if ln.x1 < m.x0 - 2 * m.size or ln.x0 > m.x1 + 2 * m.size:
                continue
            if best is None or abs(d) < abs(best[1]):
                best = (j, d)
        if best is not None:
            j, d = best
            for r in ln.runs:
                r.superscript = d > 0.12 * lines[j].size
            lines[j].runs.extend(ln.runs)
            merged.add(i)
            grown.add(j)
    out = [ln for i, ln in enumerate(lines) if i not in merged]
    for i, ln in enumerate(lines):
        if i in merged:
            continue
        if i in grown:  # the others are as refreshed above
            ln.refresh()
        _mark_raised(ln)
    return out


def _mark_raised(ln: _Build) -> None:
    """Runs of a line set smaller and higher than its text are superscripts."""
    for r in ln.runs:
        if not r.superscript and (
            r.size < 0.86 * ln.size
            and ln.baseline - r.baseline > 0.12 * ln.size
            or r.size < 0.92 * ln.size
            and ln.baseline - r.baseline > 0.25 * ln.size
        ):
            r.superscript = True


def split_segments(ln: _Build, gutter: float | None = None) -> list[_Build]:
    """Split a line where a wide horizontal gap separates two groups (masthead columns), and at
    the column gutter."""
    rtl = _line_is_rtl(ln.runs)
    runs = sorted(ln.runs, key=lambda r: -r.x1 if rtl else r.x0)
    gap_limit = max(3.2 * ln.size, 24.0)
    groups: list[list[Run]] = [[runs[0]]]
    edge = runs[0].x0 if rtl else runs[0].x1
    for r in runs[1:]:
        gap = (edge - r.x1) if rtl else (r.x0 - edge)
        at_gutter = gutter is not None and (
            (r.x1 <= gutter + 1 and edge >= gutter - 1)
            if rtl
            else (edge <= gutter + 1 and r.x0 >= gutter - 1)
        )
        if gap > gap_limit or at_gutter:
            groups.append([r])
        else:
            groups[-1].append(r)
        edge = min(edge, r.x0) if rtl else max(edge, r.x1)
    if rtl:  # visual order → logical order, segment by segment
        groups = [_ltr_islands(_visual_spaces(g, ln.size)) for g in groups]
    if len(groups) == 1:
        ln.runs = groups[0]
        return [ln]
    out: list[_Build] = []
    for g in groups:
        if out and all(r.superscript for r in g):  # a lone marker stays with the text before
            out[-1].runs.extend(g)
            continue
        b = _Build(g)
        b.refresh()
        out.append(b)
    return out


@dataclass(eq=False)
class Assembled:
    line: Line
    pieces: list[tuple[Run, int]]  #: each run and its offset in line.text


def _need_space(ln: _Build, prev: Run, r: Run, last: str, rtl: bool) -> bool:
    """Whether a word space goes between runs ``prev`` and ``r`` (``last``: the text's last
    character so far)."""
    text = r.text
    gap = (prev.x0 - r.x1) if rtl else (r.x0 - prev.x1)
    if rtl:
        need = False  # spaces were placed in visual order
    elif r.seq == prev.seq + 1 and r.space_before is not None and gap > -0.5:
        need = bool(r.space_before)  # the extractor's word-space decision
    else:
        need = gap > 0.2 * min(ln.size, max(r.size, prev.size))
    need = (
        need
        and not last.isspace()
        and not text[:1].isspace()
        and not (is_cjk(last) and is_cjk(text.lstrip()[:1]))
    )
    if (
        text.strip() in ("-", "\u2010", "\u2011")
        and r is ln.runs[-1]
        and gap < 0.35 * ln.size
        and last.isalnum()
    ):
        need = False  # the hyphen that ends a justified line
    if r.superscript and not prev.superscript and gap < 0.4 * ln.size:
        # a marker is glued to the word it follows (pdftotext), except after a digit:
        # "2015–2030 8", not "2015–20308", keeps the year and the marker apart
        need = last.isdigit() and text[:1].isdigit()
    return need


@dataclass
class _Spans:
    """Character spans of a line being assembled: superscripts, italic, bold."""

    sup: list[tuple[int, int]] = field(default_factory=list)
    ital: list[tuple[int, int]] = field(default_factory=list)
    bold: list[tuple[int, int]] = field(default_factory=list)

    def add(self, r: Run, s: int, e: int, before: str) -> None:
        core_s = s + (len(r.text) - len(r.text.lstrip()))
        core_e = e - (len(r.text) - len(r.text.rstrip()))
        if core_e > core_s:
            if r.superscript:
                _add_span(self.sup, core_s, core_e, before, strict=True)
            if r.italic:
                _add_span(self.ital, core_s, core_e, before)
            if r.bold:
                _add_span(self.bold, core_s, core_e, before)

    def remap(self, f: Callable[[list[tuple[int, int]]], list[tuple[int, int]]]) -> None:
        self.sup, self.ital, self.bold = f(self.sup), f(self.ital), f(self.bold)


def assemble(ln: _Build) -> Assembled:
    """Join a segment's runs (already in logical order) into text, with spans."""
    parts: list[str] = []
    pos = 0
    pieces: list[tuple[Run, int]] = []
    spans = _Spans()
    rtl = _line_is_rtl(ln.runs)
    prev: Run | None = None
    for r in ln.runs:
        last = parts[-1][-1:] if parts else ""
        if prev is not None and _need_space(ln, prev, r, last, rtl):
            parts.append(" ")
            pos += 1
        pieces.append((r, pos))
        # only italic and bold spans look at the text before (superscript spans are strict)
        spans.add(r, pos, pos + len(r.text), "".join(parts) if r.italic or r.bold else "")
        parts.append(r.text)
        pos += len(r.text)
        prev = r
    return _finish(ln, "".join(parts), pieces, spans)


def _finish(ln: _Build, text: str, pieces: list[tuple[Run, int]], spans: _Spans) -> Assembled:
    """The assembled line: CJK spaces squeezed, outer white space trimmed, offsets kept."""
    # CJK: drop spaces between ideographs (keep the offsets valid by rebuilding only if needed)
    if _CJK_SPACE.search(text):
        text, remap = _squeeze_with_map(text)
        spans.remap(lambda sp: [(remap[a], remap[b]) for a, b in sp])
        pieces = [(r, remap[o]) for r, o in pieces]
    # trailing/leading whitespace: pdftotext-like lines carry none
    lead = len(text) - len(text.lstrip())
    if lead:
        text = text[lead:]
        spans.remap(lambda sp: [(max(0, a - lead), max(0, b - lead)) for a, b in sp])
        pieces = [(r, o - lead) for r, o in pieces]
    text = text.rstrip()
    runs = ln.runs
    first = runs[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    fonts: dict[str, int] = {}  # characters a font, of the runs but superscripts (if any)
    for r in runs:  # one pass for min()/max() of the box (the first of equals, as they keep)
        if r.x0 < x0:
            x0 = r.x0
        if r.top < top:
            top = r.top
        if r.x1 > x1:
            x1 = r.x1
        if r.bottom > bottom:
            bottom = r.bottom
        if not r.superscript:
            fonts[r.font] = fonts.get(r.font, 0) + len(r.text)
    if not fonts:  # only superscripts: all runs count
        for r in runs:
            fonts[r.font] = fonts.get(r.font, 0) + len(r.text)
    line = line_of(
        {
            "text": text,
            "x0": round(x0, 2),
            "top": round(top, 2),
            "x1": round(x1, 2),
            "bottom": round(bottom, 2),
            "size": ln.size,
            "role": "body",
            "superscripts": spans.sup,
            "italic": spans.ital,
            "bold": spans.bold,
            "baseline": round(ln.baseline, 2),
            "font": max(fonts, key=fonts.__getitem__) if fonts else "",  # the first of equals
        }
    )
    return Assembled(line, pieces)


def _add_span(
    spans: list[tuple[int, int]], s: int, e: int, before: str, strict: bool = False
) -> None:
    if spans and (spans[-1][1] == s or (not strict and not before[spans[-1][1] : s].strip())):
        spans[-1] = (spans[-1][0], e)
    else:
        spans.append((s, e))


def _squeeze_with_map(text: str) -> tuple[str, list[int]]:
    keep = [True] * len(text)
    for m in _CJK_SPACE.finditer(text):
        for k in range(m.start(), m.end()):
            keep[k] = False
    remap = [0] * (len(text) + 1)
    out = []
    n = 0
    for i, ch in enumerate(text):
        remap[i] = n
        if keep[i]:
            out.append(ch)
            n += 1
    remap[len(text)] = n
    return "".join(out), remap
