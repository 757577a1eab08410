"""Footnote markers: find where each footnote is referred to in the text.

Extraction leaves markers as bare numbers, glued to words or punctuation or standing between
spaces (`议定书、1 经`, `Corruption5 and`, `Protocol, 2  the`, `目标 7 的`). A number is a
candidate marker unless its shape or neighbours make it an ordinary number (the language
table's `[footnotes]` lists the words and characters that mark years, days, counters,
articles…). Candidates are then resolved with what is known of footnotes:
- markers are numbered consecutively through the document, so the first reference to note n
  comes after the first reference to note n-1;
- a new note's body is printed on the page of its first reference;
- a later reference to a note repeats an earlier number.

Where no ordinary candidate on the note's page fits, the numbering may still place the first
reference (`_by_sequence`): a number glued to the next word ("resolutions 3on"), one after
a word of the table ("session 13 and") or ending a code ("1/CMA.4"), or the last digits of a
longer number ("59/3009": resolution 59/300 and marker 9). Such a candidate is taken only on
the note's page, between the first references of the notes before and after it, and never
for a repeat; each one is reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.parse.marker_rules import (
    GLUED,
    GLUED_TO_YEAR,
    LATE,
    NEXT,
    SEQUENCE,
    SPLIT,
    STRONG,
    WEAK,
    Rules,
)
from converter.parse.runs import TextRun
from converter.source import NoteSource

# Each pattern starts with what it matches (a digit), its look-behinds after that digit: the
# regex engine then skips to the next digit instead of trying every position (4-5 times
# faster); `(?<!X\d)` after a digit is `(?<!X)` before it.
NUMBER = re.compile(r"\d(?<![\d/\-–—(]\d)(?<!\d\.\d)\d{0,2}(?![\d/])")  # not 1.5, A/73, 1-2
# A number of two digits or more whose last one or two digits may be a marker glued to it.
LONG_NUMBER = re.compile(r"\d(?<![\d\-–—(]\d)\d{1,5}(?![\d/])")
STARS = re.compile(r"\*(?<=\S\*)\*{0,2}")  # = (?<=\S)\*{1,3}, the star first


@dataclass(frozen=True)
class Mark:
    """A footnote reference found in a run."""

    start: int
    end: int
    marker: str
    first: bool


class _Candidate(NamedTuple):
    """A number that may be a footnote marker (a tuple: made for every number of the text,
    so it must be cheap to make)."""

    run: int
    start: int
    end: int
    value: int
    tier: int

    @property
    def strong(self) -> bool:
        return self.tier == STRONG

    @property
    def glued(self) -> bool:
        return self.tier == GLUED


def find_marks(
    runs: list[TextRun],
    notes: list[NoteSource],
    lang: Language,
    diags: Diagnostics,
    body_from: int = 0,
) -> dict[int, list[Mark]]:
    """Footnote references in ``runs`` (document order) for the footnote bodies ``notes``;
    the runs before ``body_from`` (the heading) take only ordinary candidates."""
    rules = Rules(lang)
    candidates = [
        c for c in _candidates(runs, rules) if c.tier not in SEQUENCE or c.run >= body_from
    ]
    marks: dict[int, list[Mark]] = {}
    splits = _Splits(runs, rules, body_from)
    first_at = _first_references(runs, candidates, splits, notes, marks, diags)
    for c in candidates:  # repeats: after the first reference
        if c.tier > WEAK:
            continue
        first = first_at.get(c.value)
        if first is None or (c.run, c.start) <= first:
            continue
        if c.strong or (rules.weak_repeats and c.value <= rules.weak_max):
            marks.setdefault(c.run, []).append(Mark(c.start, c.end, str(c.value), False))
    _star_references(runs, notes, marks, diags)
    for r in marks:
        marks[r].sort(key=lambda m: m.start)
    return marks


def _candidates(runs: list[TextRun], rules: Rules) -> list[_Candidate]:
    """Every number that may be a footnote marker, in document order."""
    candidates: list[_Candidate] = []
    candidate = rules.candidate
    for r, run in enumerate(runs):
        text = run.text
        if not run.has_digit:
            continue  # every candidate is a number (the three patterns open with \d)
        marked = any(line.marks for line in run.lines)  # raised numbers seen by the reader
        for m in NUMBER.finditer(text):
            start, end = m.span()
            tier = STRONG if marked and _raised(run, start, end) else candidate(text, start, end)
            if tier is not None:
                candidates.append(_Candidate(r, start, end, int(m.group(0)), tier))
        for m in GLUED_TO_YEAR.finditer(run.text):
            candidates.append(_Candidate(r, m.start(1), m.end(1), int(m.group(1)), GLUED))
    candidates.sort(key=lambda c: (c.run, c.start))
    return candidates


class _Splits:
    """The SPLIT candidates of the runs from ``body_from`` on, by value: only `_by_sequence`
    takes them, where no ordinary candidate on a note's page fits (rarely), so they are
    found then, once."""

    def __init__(self, runs: list[TextRun], rules: Rules, body_from: int):
        self.runs, self.rules, self.body_from = runs, rules, body_from
        self.by_value: dict[int, list[_Candidate]] | None = None

    def after(self, value: int, position: tuple[int, int]) -> list[_Candidate]:
        """The SPLIT candidates of ``value`` after ``position`` (run, start), in text order."""
        if self.by_value is None:
            self.by_value = {}
            for r in range(self.body_from, len(self.runs)):
                text = self.runs[r].text
                for m in LONG_NUMBER.finditer(text):
                    for at, v in sorted(self.rules.splits(text, m.start(), m.end())):
                        self.by_value.setdefault(v, []).append(_Candidate(r, at, m.end(), v, SPLIT))
        return [c for c in self.by_value.get(value, ()) if (c.run, c.start) > position]


def _raised(run: TextRun, start: int, end: int) -> bool:
    """Whether the reader saw the number at run.text[start:end] raised (`SrcLine.marks`)."""
    i = max(bisect_right(run.starts, start) - 1, 0)
    line = run.lines[i] if run.lines else None
    before = run.text[max(start - 6, run.starts[i] if run.starts else 0) : start]
    return line is not None and any(
        line.text[s:e] == run.text[start:end] and line.text[:s].endswith(before)
        for s, e in line.marks
    )


def _first_references(
    runs: list[TextRun],
    candidates: list[_Candidate],
    splits: _Splits,
    notes: list[NoteSource],
    marks: dict[int, list[Mark]],
    diags: Diagnostics,
) -> dict[int, tuple[int, int]]:
    """Mark the first reference to each numbered note, in order: on the note's page if it
    can, a strong candidate first. Returns note number -> (run, start) of that reference."""
    first_at: dict[int, tuple[int, int]] = {}
    position = (-1, -1)
    numbered = [n for n in notes if n.marker.isdigit()]
    by_value: dict[int, list[_Candidate]] = {}  # in document order, as ``candidates``
    for c in candidates:
        by_value.setdefault(c.value, []).append(c)
    for k, note in enumerate(numbered):
        value = int(note.marker)
        pool = [c for c in by_value.get(value, ()) if (c.run, c.start) > position]
        on_page = [c for c in pool if c.tier <= GLUED and runs[c.run].page(c.start) == note.page]
        chosen: _Candidate | None
        if on_page:
            chosen = next((c for c in on_page if c.strong), None) or next(
                (c for c in on_page if not c.glued), on_page[0]
            )
        else:
            chosen = _by_sequence(
                runs,
                candidates,
                pool + splits.after(value, position),
                numbered[k + 1 : k + 4],
                position,
                note,
            )
        pool = [c for c in pool if c.tier == STRONG or c.tier == WEAK]
        if chosen is None and pool:
            chosen = next((c for c in pool if c.strong), pool[0])
            diags.warning(
                "footnote.page_mismatch",
                f"the first reference to footnote {value} "
                f"is not on the page of its text (page {note.page})",
                runs[chosen.run].loc(chosen.start).line,
            )
        if chosen is None:
            diags.error(
                "footnote.unreferenced",
                f"footnote {value} is never referred to in the text",
                note.line,
            )
            continue
        _report(runs, chosen, value, diags)
        position = (chosen.run, chosen.start)
        first_at[value] = position
        marks.setdefault(chosen.run, []).append(Mark(chosen.start, chosen.end, str(value), True))
    return first_at


def _by_sequence(
    runs: list[TextRun],
    candidates: list[_Candidate],
    pool: list[_Candidate],
    following: list[NoteSource],
    position: tuple[int, int],
    note: NoteSource,
) -> _Candidate | None:
    """A first reference that only the numbering places: a candidate of the tiers in
    `SEQUENCE` on the note's page, before the first ordinary candidate of the next note that
    has one on its page (so the numbers stay in order); the best tier, then the earliest."""
    limit = (len(runs), 0)
    for nxt in following:
        after = next(
            (
                (c.run, c.start)
                for c in candidates
                if c.value == int(nxt.marker)
                and c.tier <= WEAK
                and (c.run, c.start) > position
                and runs[c.run].page(c.start) == nxt.page
            ),
            None,
        )
        if after is not None:
            limit = after
            break
    fits = [
        c
        for c in pool
        if c.tier in SEQUENCE
        and (c.run, c.start) < limit
        and runs[c.run].page(c.start) == note.page
    ]
    return min(fits, key=lambda c: (c.tier, _short(runs, c), c.run, c.start), default=None)


def _short(runs: list[TextRun], c: _Candidate) -> bool:
    """Whether the number that a SPLIT candidate ends has fewer than four digits: the digits
    of a longer one ("59/3009", "1/CP.2731") are more likely a glued marker."""
    if c.tier != SPLIT:
        return False
    text = runs[c.run].text
    start = c.start
    while start and text[start - 1].isdigit():
        start -= 1
    return c.end - start < 4


def _report(runs: list[TextRun], chosen: _Candidate, value: int, diags: Diagnostics) -> None:
    """Say how a first reference outside the ordinary tiers was read."""
    line = runs[chosen.run].loc(chosen.start).line
    if chosen.tier == GLUED:
        diags.info(
            "footnote.glued_to_year",
            f"the reference to footnote {value} is glued "
            "to a year by the extraction; read as the year and the marker",
            line,
        )
    elif chosen.tier == NEXT:
        diags.info(
            "footnote.glued_to_word",
            f"the reference to footnote {value} is glued to the next word by the "
            "extraction; read as the marker and the word",
            line,
        )
    elif chosen.tier in (LATE, SPLIT):
        text = runs[chosen.run].text
        shown = text[max(chosen.start - 25, 0) : chosen.end + 10].strip()
        diags.warning(
            "footnote.reference_by_sequence",
            f"the first reference to footnote {value} is read from “{shown}”, where the "
            + ("number is ordinarily no marker" if chosen.tier == LATE else "digits end a number")
            + "; the numbering of the notes and the page of its text point there",
            line,
        )


def _star_references(
    runs: list[TextRun], notes: list[NoteSource], marks: dict[int, list[Mark]], diags: Diagnostics
) -> None:
    """Sponsor notes (*, **): the first star of that length in the text."""
    for note in notes:
        if note.marker.isdigit():
            continue
        found = next(
            (
                (r, m)
                for r, run in enumerate(runs)
                for m in STARS.finditer(run.text)
                if m.group(0) == note.marker
            ),
            None,
        )
        if found is None:
            diags.error(
                "footnote.unreferenced", f"footnote {note.marker} is never referred to", note.line
            )
            continue
        r, m = found
        marks.setdefault(r, []).append(Mark(m.start(), m.end(), note.marker, True))
