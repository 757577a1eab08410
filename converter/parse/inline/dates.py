"""Full dates in a run of text: one `DateSpan` per date of a range or list, around the words
that name it (see `converter.parse.inline`)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from converter.fastinit import fast_init
from converter.languages import Language
from converter.parse.inline.tables import Tables, tables


@fast_init
@dataclass(frozen=True)
class DateSpan:
    """A full date: ``text[start:end]`` are the source words, ``iso`` is ``YYYY-MM-DD``."""

    start: int
    end: int
    iso: str


def find_dates(text: str, lang: Language) -> list[DateSpan]:
    """The full dates in ``text``, one mark per date of a range or list, sorted by start."""
    t = tables(lang)
    found: list[DateSpan] = []
    for m in t.full.finditer(text):
        first = _day(t, m)
        if first is None:
            continue
        group = [DateSpan(*_span(m), first.isoformat())]
        pos, prev = m.end(), first
        while t.follow and (f := t.follow.match(text, pos)):
            day = _day(t, f, prev, forward=True)
            if day is None:
                break
            group.append(DateSpan(*_span(f), day.isoformat()))
            pos, prev = f.end(), day
        end, nxt = m.start(), first
        while t.precede and (p := t.precede.search(text, max(0, end - 80), end)):
            day = _day(t, p, nxt, forward=False)
            if day is None:
                break
            group.insert(0, DateSpan(*_span(p), day.isoformat()))
            end, nxt = p.start(), day
        found.extend(group)
    if len(found) < 2:  # (most runs: nothing to sort or to drop)
        return found
    found.sort(key=lambda d: d.start)
    return [d for i, d in enumerate(found) if i == 0 or d.start >= found[i - 1].end]


def _span(m: re.Match[str]) -> tuple[int, int]:
    return m.span("date") if "date" in m.re.groupindex and m.group("date") else m.span()


def _day(
    t: Tables, m: re.Match[str], other: _dt.date | None = None, forward: bool = True
) -> _dt.date | None:
    """The date a match names; missing parts come from ``other``, the full date it hangs on."""
    parts = m.groupdict()
    day = int(parts["d"])
    month = t.month(parts["m"]) if parts.get("m") else (other.month if other else 0)
    year = int(parts["y"]) if parts.get("y") else (other.year if other else 0)
    if other and not parts.get("y"):  # a range across the new year: 28 日至 1 月 3 日
        if forward and month < other.month:
            year += 1
        elif not forward and month > other.month:
            year -= 1
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None
