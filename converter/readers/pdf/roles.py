"""Line roles from evidence: running headers and footers (bands repeated across pages, page
counters, job numbers, barcodes, rules), and the footnote area below a short rule; `finish`
turns the pages being built into `Page` objects.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .layout import Assembled
from .model import Link, Page, Rule, line_of

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


def _bands(p: PageBuild) -> tuple[list[int], list[int], bool, bool]:
    """The lines in the page's header and footer bands, and whether a wide rule bounds each."""
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


def assign_roles(pages: list[PageBuild]) -> list[list[str]]:
    """Decide header/footer/body/note for every line of every page, from evidence."""
    sizes: Counter[float] = Counter()
    for p in pages:
        for a in p.items:
            sizes[a.line.size] += len(a.line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    # band candidates and their repetition across pages
    info = [_bands(p) for p in pages]
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
        _head_roles(p, head, roles, seen, top_ruled, body_size)
        _foot_roles(p, foot, roles, seen, bot_ruled)
        _assign_notes(p, roles, body_size)
        roles_all.append(roles)
    return roles_all


def _head_roles(
    p: PageBuild,
    head: list[int],
    roles: list[str],
    seen: dict[str, set[int]],
    top_ruled: bool,
    body_size: float,
) -> None:
    first = p.number == 1
    for i in head:
        ln = p.items[i].line
        t = ln.text
        repeated = len(seen.get("h" + _key(t, ln.size), ())) >= 2
        evidence: re.Match[str] | bool | None = (
            _COUNTER.match(t) or _JOB.match(t) or _BARCODE.match(t)
        )
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


def _foot_roles(
    p: PageBuild, foot: list[int], roles: list[str], seen: dict[str, set[int]], bot_ruled: bool
) -> None:
    first = p.number == 1
    for i in foot:
        ln = p.items[i].line
        t = ln.text
        repeated = len(seen.get("f" + _key(t, ln.size), ())) >= 2
        if ln.superscripts[:1] == [(0, len(t) - len(t.lstrip("*0123456789")))] and t[:1] != "*":
            continue  # a footnote that opens with its raised marker: no footer
        if _TEXT_RULE.match(t):
            continue  # the footnote rule: `_assign_notes` decides
        hard = _COUNTER.match(t) or _JOB.match(t) or _BARCODE.match(t)
        if not hard and _continues(p, i):
            continue  # the next line of a footnote (or of the text) that reaches into the band
        if hard or repeated or bot_ruled or _PAGE_WORD.match(t) or (_SYMBOL.match(t) and not first):
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


def _continues(p: PageBuild, i: int) -> bool:
    """Whether line ``i`` goes on from the line just above it: set in the same size, under it
    at the usual line pitch (no gap), in its column. A running footer stands apart from the
    text; the last lines of a footnote area reach into the footer band without a gap."""
    ln = p.items[i].line
    above = None
    for k, a in enumerate(p.items):
        o = a.line
        if k != i and o.bottom <= ln.top + 0.5 and o.x0 < ln.x1 and ln.x0 < o.x1:
            if above is None or o.bottom > above.bottom:
                above = o
    return (
        above is not None
        and abs(above.size - ln.size) < 0.6
        and ln.top - above.bottom < 0.4 * ln.size
        and abs(ln.x0 - above.x0) < 4 * ln.size
    )


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
        lines = [line_of({**a.line.__dict__, "role": role}) for a, role in zip(p.items, rl)]
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
