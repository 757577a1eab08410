"""Inline semantics over a whole document: dates and references in every paragraph and
footnote (`inline.find_inline`, one run at a time, then dated again so that a resolution
dated in one place is dated everywhere), then the source's own hyperlinks matched to them
(`links.match_links`): a link settles its reference's target and is kept with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.parse.footnotes import Mark
from converter.parse.inline import (
    DateSpan,
    RefMark,
    dates_of,
    href_for,
    redate,
    resolve,
    scan_text,
)
from converter.parse.links import LinkLine, LinkMatch, RefSite, match_links
from converter.parse.runs import TextRun
from converter.source import SourceLink as CleanLink


@dataclass
class Semantics:
    """Per run index: the date and reference marks, and the URL of each linked reference."""

    marks: dict[int, list[DateSpan | RefMark]] = field(default_factory=dict)
    urls: dict[int, dict[int, str]] = field(default_factory=dict)  #: run -> mark start -> URL
    matched_lines: set[int] = field(default_factory=set)  #: link lines matched or split halves


def annotate(
    runs: dict[int, TextRun],
    notes: dict[int, list[Mark]],
    lang: Language,
    own_actor: str,
    links: list[CleanLink],
    diags: Diagnostics,
    given: Mapping[str, str] | None = None,
) -> Semantics:
    """Marks for each run in ``runs`` (footnote markers ``notes`` are never inside a mark);
    ``given`` maps symbols to dates known from outside (``--resolution-dates``): a date the
    document prints wins."""
    sem = Semantics()
    # every date and reference has a digit; each run is scanned and resolved once, its
    # references dated again by the dates printed elsewhere in the document
    first = {
        i: resolve(scan_text(run.text, lang, own_actor), {}) if run.has_digit else []
        for i, run in runs.items()
    }
    known = {**(given or {}), **dates_of([m for marks in first.values() for m in marks])}
    for i in runs:
        marks = first[i]  # (a list of its own: `resolve` and `redate` make a new one)
        if marks and known:
            marks = redate(marks, known)
        if marks and i in notes:  # (most runs have no marks or no footnote markers)
            blocked = [(m.start, m.end) for m in notes[i]]
            marks = [m for m in marks if not any(s < m.end and m.start < e for s, e in blocked)]
        sem.marks[i] = marks
    sites: list[RefSite] = []
    where: dict[int, tuple[int, int]] = {}
    for i in sorted(sem.marks):
        for k, mark in enumerate(sem.marks[i]):
            if isinstance(mark, RefMark):
                key = len(sites)
                sites.append(RefSite(key, runs[i].page(mark.start), mark.symbol))
                where[key] = (i, k)
    result = match_links(sites, [LinkLine(l.page, l.line, l.url) for l in links])
    for key, url in result.links.items():
        i, k = where[key]
        mark = sem.marks[i][k]
        assert isinstance(mark, RefMark)  # a site is a RefMark's
        if key in result.symbols:  # the link settles the target (A/RES or E/RES…)
            symbol = result.symbols[key]
            mark = replace(mark, symbol=symbol, href=href_for(symbol, mark.date))
            sem.marks[i][k] = mark
        sem.urls.setdefault(i, {})[mark.start] = url
    sem.matched_lines = {l.line for l in links} - _unmatched(result)
    for site_or_link, code, message in result.problems:
        if isinstance(site_or_link, LinkLine):
            diags.warning(code, message, site_or_link.line)
        else:
            i, k = where[site_or_link.key]
            diags.info(code, message, runs[i].loc(sem.marks[i][k].start).line)
    return sem


def _unmatched(result: LinkMatch) -> set[int]:
    """The source lines of the links that were left unlinked (no reference, or untrusted)."""
    return {
        w.line
        for w, code, _ in result.problems
        if code in ("link.unmatched", "link.untrusted") and isinstance(w, LinkLine)
    }
