"""From positioned text runs to lines in reading order, and the evidence-based line roles.

Shared by the native reader (runs are PDF text objects) and the OCR reader (runs are words).
Everything here is linear in the number of runs of a page (after one sort), and role detection is
linear in the number of lines of the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .model import Line, Link, LinkSpan, Page, Rule


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
    #: the text page's character index of each character of `text` (native reader only)
    chars: list[int] | None = None
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
        self.size = _dominant_size(self.runs)
        main = [r for r in self.runs if abs(r.size - self.size) < 0.6] or self.runs
        self.baseline = Counter(round(r.baseline, 1) for r in main).most_common(1)[0][0]
        self.x0 = min(r.x0 for r in self.runs)
        self.x1 = max(r.x1 for r in self.runs)


def _dominant_size(runs: list[Run]) -> float:
    weights: Counter[float] = Counter()
    for r in runs:
        weights[round(r.size * 2) / 2] += max(1, len(r.text.strip()))
    return weights.most_common(1)[0][0] if weights else 0.0


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


# --- runs → lines -------------------------------------------------------------------------------


def group_lines(runs: list[Run]) -> list[_Build]:
    """Cluster runs into lines by baseline, then fold raised small runs (superscripts) and lowered
    small runs (subscripts) into the line they belong to."""
    runs = [r for r in runs if r.text.strip() and r.size > 0]
    runs.sort(key=lambda r: (r.baseline, r.x0))
    lines: list[_Build] = []
    for r in runs:
        # the last few lines are the only candidates: runs are sorted by baseline
        for ln in reversed(lines[-4:]):
            tol = 0.3 * max(ln.size, r.size)
            d = abs(ln.baseline - r.baseline)
            if d <= tol and (_size_compatible(ln.size, r.size) or d <= 0.08 * min(ln.size, r.size)):
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
    out = [ln for i, ln in enumerate(lines) if i not in merged]
    for ln in out:
        ln.refresh()
        for r in ln.runs:
            if not r.superscript and (
                r.size < 0.86 * ln.size
                and ln.baseline - r.baseline > 0.12 * ln.size
                or r.size < 0.92 * ln.size
                and ln.baseline - r.baseline > 0.25 * ln.size
            ):
                r.superscript = True
    return out


def _size_compatible(a: float, b: float) -> bool:
    return min(a, b) >= 0.86 * max(a, b)


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
    out = []
    for g in groups:
        if out and all(r.superscript for r in g):  # a lone marker stays with the text before
            out[-1].runs.extend(g)
            continue
        b = _Build(g)
        b.refresh()
        out.append(b)
    return out


def _visual_spaces(runs: list[Run], size: float) -> list[Run]:
    """RTL lines: insert word spaces between visually adjacent runs (sorted right to left)
    before the bidi reordering, which moves runs away from their visual neighbours."""
    out: list[Run] = []
    for r in runs:
        if out:
            a = out[-1]
            gap = a.x0 - r.x1
            glue = r.superscript and not a.superscript and gap < 0.4 * size
            if (
                gap > 0.2 * min(size, max(a.size, r.size))
                and not glue
                and not a.text[-1:].isspace()
                and not r.text[:1].isspace()
                and gap < max(3.2 * size, 24.0)
            ):
                out.append(
                    Run(
                        " ",
                        r.x1,
                        a.x0,
                        a.top,
                        a.bottom,
                        a.baseline,
                        a.size,
                        space_before=False,
                        seq=-2,
                    )
                )
        out.append(r)
    return out


_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_SEPARATORS = set("/.,:-–+")


def _direction(text: str) -> str:
    """'R' (Arabic/Hebrew letters), 'L' (Latin letters), 'EN' (digits only) or 'N' (neutral:
    punctuation, spaces)."""
    seen = "N"
    for ch in text:
        b = unicodedata.bidirectional(ch)
        if b in ("R", "AL"):
            return "R"
        if b == "L":
            seen = "L"
        elif b in ("EN", "AN") and seen == "N":
            seen = "EN"
    return seen


def _ltr_islands(runs: list[Run]) -> list[Run]:
    """Runs of an RTL line sorted right to left are in logical order except for left-to-right
    islands (numbers such as ``70/1``, Latin words): put those back left to right. Outside the
    islands, brackets were extracted as drawn (mirrored): swap them back. A simplified Unicode
    bidi algorithm: digits joined by one separator make one number (W4), neutrals join an island
    only between two Latin letters (N1), otherwise they take the line's direction."""
    dirs = [_direction(r.text) for r in runs]
    n = len(runs)
    out: list[Run] = []
    i = 0
    while i < n:
        if dirs[i] not in ("L", "EN"):
            if dirs[i] == "N" and any(c in "()[]{}<>«»‹›" for c in runs[i].text):
                runs[i].text = runs[i].text.translate(_MIRROR)
            out.append(runs[i])
            i += 1
            continue
        j = i
        latin = dirs[i] == "L"
        while j + 1 < n:
            nxt = dirs[j + 1]
            if nxt in ("L", "EN"):
                latin = latin or nxt == "L"
                j += 1
                continue
            if nxt != "N":
                break
            k = j + 1
            while k < n and dirs[k] == "N":
                k += 1
            if k >= n or dirs[k] == "R":
                break
            neutral = "".join(runs[m].text for m in range(j + 1, k))
            if (latin and dirs[k] == "L") or (len(neutral) == 1 and neutral in _SEPARATORS):
                j = k
                latin = latin or dirs[k] == "L"
                continue
            break
        out.extend(reversed(runs[i : j + 1]))
        i = j + 1
    return out


def _line_is_rtl(runs: list[Run]) -> bool:
    """More right-to-left letters than other letters."""
    if not any(_RTL_RE.search(r.text) for r in runs):
        return False
    rtl = ltr = 0
    for r in runs:
        n_rtl = len(_RTL_LETTER_RE.findall(r.text))
        rtl += n_rtl
        ltr += sum(1 for ch in r.text if ch.isalpha()) - n_rtl
    return rtl > ltr


@dataclass(eq=False)
class Assembled:
    line: Line
    pieces: list[tuple[Run, int]]  #: each run and its offset in line.text


def assemble(ln: _Build) -> Assembled:
    """Join a segment's runs (already in logical order) into text, with spans."""
    parts: list[str] = []
    pos = 0
    pieces: list[tuple[Run, int]] = []
    sup: list[tuple[int, int]] = []
    ital: list[tuple[int, int]] = []
    bold: list[tuple[int, int]] = []
    rtl = _line_is_rtl(ln.runs)
    prev: Run | None = None
    for r in ln.runs:
        text = r.text
        if prev is not None:
            gap = (prev.x0 - r.x1) if rtl else (r.x0 - prev.x1)
            last = parts[-1][-1:] if parts else ""
            if rtl:
                need = False  # spaces were placed in visual order
            elif r.seq == prev.seq + 1 and r.space_before is not None and gap > -0.5:
                need = r.space_before  # the extractor's word-space decision
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
            if need:
                parts.append(" ")
                pos += 1
        pieces.append((r, pos))
        s, e = pos, pos + len(text)
        core_s = s + (len(text) - len(text.lstrip()))
        core_e = e - (len(text) - len(text.rstrip()))
        if core_e > core_s:
            if r.superscript:
                _add_span(sup, core_s, core_e, "".join(parts), strict=True)
            if r.italic:
                _add_span(ital, core_s, core_e, "".join(parts))
            if r.bold:
                _add_span(bold, core_s, core_e, "".join(parts))
        parts.append(text)
        pos = e
        prev = r
    text = "".join(parts)
    # CJK: drop spaces between ideographs (keep the offsets valid by rebuilding only if needed)
    if _CJK_SPACE.search(text):
        text, remap = _squeeze_with_map(text)
        sup = [(remap[a], remap[b]) for a, b in sup]
        ital = [(remap[a], remap[b]) for a, b in ital]
        bold = [(remap[a], remap[b]) for a, b in bold]
        pieces = [(r, remap[o]) for r, o in pieces]
    # trailing/leading whitespace: pdftotext-like lines carry none
    lead = len(text) - len(text.lstrip())
    if lead:
        text = text[lead:]
        sh = lambda sp: [(max(0, a - lead), max(0, b - lead)) for a, b in sp]  # noqa: E731
        sup, ital, bold = sh(sup), sh(ital), sh(bold)
        pieces = [(r, o - lead) for r, o in pieces]
    text = text.rstrip()
    main = [r for r in ln.runs if not r.superscript] or ln.runs
    fonts = Counter()
    for r in main:
        fonts[r.font] += len(r.text)
    line = Line(
        text=text,
        x0=round(min(r.x0 for r in ln.runs), 2),
        top=round(min(r.top for r in ln.runs), 2),
        x1=round(max(r.x1 for r in ln.runs), 2),
        bottom=round(max(r.bottom for r in ln.runs), 2),
        size=ln.size,
        superscripts=sup,
        italic=ital,
        bold=bold,
        baseline=round(ln.baseline, 2),
        font=fonts.most_common(1)[0][0] if fonts else "",
    )
    return Assembled(line, pieces)


def _add_span(spans: list[tuple[int, int]], s: int, e: int, before: str, strict=False) -> None:
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

    def key(a: Assembled):
        ln = a.line
        rtl = _line_is_rtl([p[0] for p in a.pieces])
        return (round(ln.baseline / 2.0), -ln.x1 if rtl else ln.x0)

    items = sorted(items, key=key)
    if gutter is None:
        return items
    out: list[Assembled] = []
    left: list[Assembled] = []
    right: list[Assembled] = []

    def flush():
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


# --- roles ---------------------------------------------------------------------------------------

_COUNTER = re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")
_JOB = re.compile(r"^\s*\d{2}-\d{5}\b")
_BARCODE = re.compile(r"^\s*\*\d{6,}\*\s*$")
_SYMBOL = re.compile(r"^\s*(?:[ASE]|UNEP|TD|CCPR)(?:/[A-Z0-9.\-]+)+(?:/[A-Za-z0-9.\-*]+)*\s*$")
_PAGE_WORD = re.compile(r"^\s*(?:page|pág\.?|стр\.?)?\s*\d{1,3}\s*$", re.I)
_TEXT_RULE = re.compile(r"^\s*[_─━—–‐\-]{5,}\s*$")


def _key(text: str, size: float) -> str:
    return re.sub(r"\d+", "#", text.strip().lower()) + f"@{round(size)}"


@dataclass(eq=False)
class PageBuild:
    number: int
    width: float
    height: float
    items: list[Assembled]
    rules: list[Rule] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def assign_roles(pages: list[PageBuild]) -> list[list[str]]:
    """Decide header/footer/body/note for every line of every page, from evidence."""
    sizes: Counter[float] = Counter()
    for p in pages:
        for a in p.items:
            sizes[a.line.size] += len(a.line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0

    # band candidates and their repetition across pages
    def bands(p: PageBuild):
        top_limit = 0.12 * p.height
        bot_limit = 0.88 * p.height
        wide = [r for r in p.rules if r.drawn and r.width > 0.5 * p.width]
        top_rule = min((r.y for r in wide if r.y < 0.15 * p.height), default=None)
        bot_rule = max((r.y for r in wide if r.y > 0.85 * p.height), default=None)
        head = [
            i
            for i, a in enumerate(p.items)
            if a.line.bottom <= (top_rule + 1 if top_rule is not None else top_limit)
        ]
        foot = [
            i
            for i, a in enumerate(p.items)
            if a.line.top >= (bot_rule - 1 if bot_rule is not None else bot_limit)
        ]
        return head, foot, top_rule is not None, bot_rule is not None

    info = [bands(p) for p in pages]
    seen: dict[str, set[int]] = {}
    for p, (head, foot, _, _) in zip(pages, info):
        for i in head + foot:
            a = p.items[i]
            seen.setdefault(
                ("h" if i in head else "f") + _key(a.line.text, a.line.size), set()
            ).add(p.number)
    roles_all: list[list[str]] = []
    for p, (head, foot, top_ruled, bot_ruled) in zip(pages, info):
        roles = ["body"] * len(p.items)
        first = p.number == 1
        for i in head:
            ln = p.items[i].line
            t = ln.text
            repeated = len(seen.get("h" + _key(t, ln.size), ())) >= 2
            evidence = _COUNTER.match(t) or _JOB.match(t) or _BARCODE.match(t)
            if not first:
                evidence = (
                    evidence
                    or repeated
                    or top_ruled
                    or (_SYMBOL.match(t) and ln.size <= body_size)
                    or _PAGE_WORD.match(t)
                )
            if evidence:
                roles[i] = "header"
        for i in foot:
            ln = p.items[i].line
            t = ln.text
            repeated = len(seen.get("f" + _key(t, ln.size), ())) >= 2
            if (
                _COUNTER.match(t)
                or _JOB.match(t)
                or _BARCODE.match(t)
                or repeated
                or bot_ruled
                or _PAGE_WORD.match(t)
                or (_SYMBOL.match(t) and not first)
            ):
                roles[i] = "footer"
        # job-number stamp lines of page 1 ("24-13337 (E)", then "230724") sit together
        if first:
            for i in foot:
                if (
                    roles[i] == "body"
                    and re.fullmatch(r"\s*\d{6}\s*", p.items[i].line.text)
                    and any(roles[k] == "footer" for k in foot)
                ):
                    roles[i] = "footer"
        _assign_notes(p, roles, body_size)
        roles_all.append(roles)
    return roles_all


def _assign_notes(p: PageBuild, roles: list[str], body_size: float) -> None:
    """The footnote area: below a short rule (a drawn line, or a text line of underscores), the
    lines of the rule's column, when most of them are set smaller than the body text. A page set
    in two columns can have one footnote area per column."""
    if not any(r == "body" for r in roles):
        return
    cands: list[tuple[float, float, float, int | None]] = []
    for i, a in enumerate(p.items):
        ln = a.line
        if (
            roles[i] == "body"
            and _TEXT_RULE.match(ln.text)
            and ln.x1 - ln.x0 < 0.6 * p.width
            and ln.top > 0.2 * p.height
        ):
            cands.append((ln.top, ln.x0, ln.x1, i))
    for r in p.rules:
        if r.drawn and 20 <= r.width <= 0.9 * p.width and r.y > 0.2 * p.height:
            cands.append((r.y, r.x0, r.x1, None))
    for y, x0, x1, idx in sorted(cands, key=lambda c: c[0]):
        if idx is not None and roles[idx] != "body":
            continue
        if x1 - x0 < 0.45 * p.width:  # a short rule opens its own column's notes
            lo, hi = x0 - 30, x0 + 0.45 * p.width
        else:
            lo, hi = -1.0, p.width + 1
        below = [
            i
            for i, a in enumerate(p.items)
            if roles[i] == "body" and a.line.top >= y - 1 and i != idx and lo <= a.line.x0 < hi
        ]
        if not below:
            continue
        small = sum(1 for i in below if p.items[i].line.size < body_size * 0.97)
        if small * 2 >= len(below):
            for i in below:
                roles[i] = "note"
            if idx is not None:
                roles[idx] = "note"


def rules_from_text(p: PageBuild) -> None:
    """A line of underscores (or ─) is a rule too: record it in `rules`, not drawn."""
    for a in p.items:
        if _TEXT_RULE.match(a.line.text):
            p.rules.append(
                Rule(round((a.line.top + a.line.bottom) / 2, 2), a.line.x0, a.line.x1, drawn=False)
            )


def finish(pages: list[PageBuild]) -> list[Page]:
    """Text rules, roles → `Page` objects (links were computed while the page was open)."""
    for p in pages:
        rules_from_text(p)
    roles = assign_roles(pages)
    out = []
    for p, rl in zip(pages, roles):
        lines = [Line(**{**a.line.__dict__, "role": role}) for a, role in zip(p.items, rl)]
        out.append(
            Page(
                p.number,
                p.width,
                p.height,
                lines,
                list(p.links),
                sorted(p.rules, key=lambda r: r.y),
            )
        )
    return out


def link_spans(items: list[Assembled], bbox, char_x=None, uri: str = "") -> list[LinkSpan]:
    """The character spans of the lines a link rectangle covers. `char_x(run, k)` gives the
    (x0, x1) of a run's k-th character when the rectangle covers part of a run (None: spread the
    run's width evenly over its characters)."""
    x0, top, x1, bottom = bbox
    spans = []
    for li, a in enumerate(items):
        ln = a.line
        ov = min(bottom, ln.bottom) - max(top, ln.top)
        if ov < 0.4 * max(1.0, min(ln.bottom - ln.top, bottom - top)):
            continue
        if ln.x1 < x0 or ln.x0 > x1:
            continue
        s = e = None
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
        if s is not None:
            # annotation rectangles often take in the punctuation after the reference
            while e - 1 > s and ln.text[e - 1] in ".,;:" and not uri.endswith(ln.text[e - 1]):
                e -= 1
            spans.append(LinkSpan(li, s, e))
    return spans
