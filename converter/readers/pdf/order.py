"""Where lines stand on a page: a column gutter, the reading order of lines (left column, then
right; right to left for Arabic), and the characters a link rectangle covers."""

from __future__ import annotations

from collections.abc import Callable

from .base import Run
from .bidi import _line_is_rtl
from .layout import Assembled
from .model import LinkSpan


def find_gutter(runs: list[Run], width: float) -> float | None:
    """The x of a column gutter: a vertical band of at least 8 pt in the middle of the page that
    (almost) no run crosses while both sides carry text. None for single-column pages."""
    if width <= 0 or len(runs) < 20:
        return None
    top = min(r.top for r in runs)
    bottom = max(r.bottom for r in runs)
    span = bottom - top
    # running headers and footers do not make columns
    runs = [r for r in runs if top + 0.08 * span < r.top and r.bottom < bottom - 0.08 * span]
    n = int(width) + 1
    cover = [0] * (n + 1)
    for r in runs:  # difference array: linear in runs + width
        a, b = max(0, int(r.x0)), min(n, int(r.x1) + 1)
        if b > a:
            cover[a] += 1
            cover[b] -= 1
    acc = 0
    for i in range(n + 1):
        acc += cover[i]
        cover[i] = acc
    allowed = max(1, len(runs) // 50)
    lo, hi = int(0.3 * width), int(0.7 * width)
    best = None
    i = lo
    while i < hi:
        if cover[i] <= allowed:
            j = i
            while j < hi and cover[j] <= allowed:
                j += 1
            if j - i >= 8 and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
            i = j
        else:
            i += 1
    if best is None:
        return None
    g = (best[0] + best[1]) / 2
    left = [r for r in runs if r.x1 <= g]
    right = [r for r in runs if r.x0 >= g]
    if len(left) < 10 or len(right) < 10:
        return None
    # text columns, not a table: both sides carry about as much text, in lines of about the
    # same width (a programme of work has short times on the left, long items on the right)
    lt, rt = sum(len(r.text) for r in left), sum(len(r.text) for r in right)
    if min(lt, rt) < 0.4 * max(lt, rt):
        return None
    lw = sorted(r.x1 - r.x0 for r in left)[len(left) // 2]
    rw = sorted(r.x1 - r.x0 for r in right)[len(right) // 2]
    if min(lw, rw) < 0.5 * max(lw, rw):
        return None
    return g


def order_lines(items: list[Assembled], gutter: float | None = None) -> list[Assembled]:
    """Reading order: top to bottom by baseline; segments of one baseline left to right (right to
    left for RTL lines). With a column gutter, the lines between two full-width lines are read
    left column first, then right column (old resolutions were set in two columns)."""

    def key(a: Assembled) -> tuple[int, float]:
        ln = a.line
        rtl = _line_is_rtl([p[0] for p in a.pieces])
        return (round(ln.baseline / 2.0), -ln.x1 if rtl else ln.x0)

    items = sorted(items, key=key)
    if gutter is None:
        return items
    out: list[Assembled] = []
    left: list[Assembled] = []
    right: list[Assembled] = []

    def flush() -> list[Assembled]:
        if not right:
            return left
        # left-hand lines below the end of the right column come after it (text under columns)
        # (the left column may run a line or two longer: only a wider gap than the usual line
        # pitch starts the text under the columns)
        end = max(a.line.bottom for a in right)
        steps = sorted(b.line.baseline - a.line.baseline for a, b in zip(left, left[1:]))
        pitch = steps[len(steps) // 2] if steps else 0.0
        cut = len(left)
        for k in range(1, len(left)):
            if (
                left[k].line.top > end
                and left[k].line.baseline - left[k - 1].line.baseline > 1.5 * pitch
            ):
                cut = k
                break
        return left[:cut] + right + left[cut:]

    for a in items:
        if a.line.x1 <= gutter + 1:
            left.append(a)
        elif a.line.x0 >= gutter - 1:
            right.append(a)
        else:  # a full-width line closes the column block
            out += flush() + [a]
            left, right = [], []
    return out + flush()


def link_spans(
    items: list[Assembled],
    bbox: tuple[float, float, float, float],
    char_x: Callable[[Run, int], tuple[float, float] | None] | None = None,
    uri: str = "",
) -> list[LinkSpan]:
    """The character spans of the lines a link rectangle covers. `char_x(run, k)` gives the
    (x0, x1) of a run's k-th character when the rectangle covers part of a run (None: spread the
    run's width evenly over its characters)."""
    x0, top, x1, bottom = bbox
    spans: list[LinkSpan] = []
    for li, a in enumerate(items):
        ln = a.line
        if ln.bottom < top or ln.top > bottom:
            continue  # wholly above or below: no overlap (the test below, made cheap)
        ov = min(bottom, ln.bottom) - max(top, ln.top)
        if ov < 0.4 * max(1.0, min(ln.bottom - ln.top, bottom - top)):
            continue
        if ln.x1 < x0 or ln.x0 > x1:
            continue
        s: int | None = None
        e: int | None = None
        for r, off in a.pieces:
            if r.x1 < x0 or r.x0 > x1:
                continue
            n = len(r.text)
            whole = r.x0 >= x0 + 1 and r.x1 <= x1 - 3  # well inside: no need to look closer
            for k in range(n):
                if r.text[k].isspace():
                    continue
                if not whole:
                    box = char_x(r, k) if char_x else None
                    if box is None:
                        w = (r.x1 - r.x0) / max(1, n)
                        box = (r.x0 + k * w, r.x0 + (k + 1) * w)
                    if not x0 <= (box[0] + box[1]) / 2 <= x1:
                        continue
                if 0 <= off + k < len(ln.text):
                    s = off + k if s is None else min(s, off + k)
                    e = off + k + 1 if e is None else max(e, off + k + 1)
        if s is not None and e is not None:  # set together
            s, e = _trim(ln.text, s, e, uri)
            spans.append(LinkSpan(li, s, e))
    return spans


def _trim(text: str, s: int, e: int, uri: str) -> tuple[int, int]:
    """Annotation rectangles often take in the punctuation around the reference: the span
    without the punctuation after it and the brackets it does not close or open
    ("(A/79/408", "2025/17)")."""
    while e - 1 > s and (
        (text[e - 1] in ".,;:" and not uri.endswith(text[e - 1]))
        or (text[e - 1] in ")]" and text.count("(", s, e) < text.count(")", s, e))
    ):
        e -= 1
    while s + 1 < e and text[s] in "([" and text.count("(", s, e) > text.count(")", s, e):
        s += 1
    if e - s > 2 and text[s] == "(" and text[e - 1] == ")" and _closes(text, s) == e - 1:
        s, e = s + 1, e - 1  # "(A/79/408)": the parentheses around the symbol
    return s, e


def _closes(text: str, i: int) -> int:
    """Where the parenthesis opened at ``i`` closes (-1: it does not)."""
    depth = 0
    for k in range(i, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return -1
