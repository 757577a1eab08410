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

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.parse.runs import TextRun
from converter.source import NoteSource

NUMBER = re.compile(r"(?<![\d/\-–—(])(?<!\d\.)\d{1,3}(?![\d/])")  # not 1.5, A/73, 1-2
# A marker glued to a year by the extractor: "2015–20303" is the year 2030 and marker 3.
GLUED_TO_YEAR = re.compile(r"(?<![\d/.\-(])(?:19|20)\d\d(\d{1,2})(?![\d/])")
# A number of two digits or more whose last one or two digits may be a marker glued to it.
LONG_NUMBER = re.compile(r"(?<![\d\-–—(])\d{2,6}(?![\d/])")
YEAR = re.compile(r"(?:19|20)\d\d")
STARS = re.compile(r"(?<=\S)\*{1,3}")
_END = re.compile(r"[\W_]*\Z")  # nothing but punctuation and space up to the end
_LAST_WORD = re.compile(r"\S*$")
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")
_LIST_GOES_ON = re.compile(r"\s*(?:,|\s[^\W\d_]{1,3}\s)\s*\d")  # ", 13", " and 13"


@dataclass(frozen=True)
class Mark:
    """A footnote reference found in a run."""

    start: int
    end: int
    marker: str
    first: bool


# Candidate tiers, best first. STRONG and WEAK may be first references or repeats; the
# others are first references only: GLUED (digits glued to a year) when nothing else on the
# note's page fits, NEXT, LATE and SPLIT only where the numbering demands them.
STRONG, WEAK, GLUED, NEXT, LATE, SPLIT = range(6)
SEQUENCE = (NEXT, LATE, SPLIT)  #: the tiers `_by_sequence` takes


@dataclass(frozen=True)
class _Candidate:
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


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _in_list(text: str, start: int, end: int) -> bool:
    """Whether the number stands inside a list of numbers: after another and a comma with a
    space, and before a comma or a short word and another number ("paragraphs 10, 12 and
    13"). A marker after a number ("Agenda 21, 3 the") has no number after it."""
    before = text[max(start - 40, 0) : start]
    stripped = before.rstrip()
    return (
        len(stripped) < len(before)
        and stripped.endswith(",")
        and stripped[-2:-1].isdigit()
        and _LIST_GOES_ON.match(text, end) is not None
    )


class _Rules:
    def __init__(self, lang: Language):
        table = lang.section("footnotes")
        self.not_before = table.get("not_before", "")
        self.not_after = sorted(table.get("not_after", []), key=len, reverse=True)
        #: not_after by last character (longest first): a candidate checks the few that can
        #: end the text before it, not all of them (most of the time of many markers)
        self.not_after_by_end: dict[str, list[str]] = {}
        for word in self.not_after:
            self.not_after_by_end.setdefault(word[-1:], []).append(word)
        self.not_before_words = {w.casefold() for w in table.get("not_before_words", [])}
        self.suffixes = {w.casefold() for w in table.get("number_suffixes", [])}
        self.glue = table.get("glue_before", "")
        self.weak_repeats = bool(table.get("weak_repeats", False))
        self.weak_max = int(table.get("weak_repeats_max", 999))
        self.cjk = lang.script == "cjk"

    def candidate(self, text: str, start: int, end: int) -> int | None:
        """None if the number at text[start:end] is no marker, else its tier."""
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if nxt.isalnum() and not (self.cjk and _is_cjk(nxt)):
            return self.glued_to_next(text, start, end)  # 5th, 3D, 2nd; "3on"
        if (prev == "." or prev.isalnum()) and "/" in _LAST_WORD.search(
            text, max(start - 30, 0), start
        ).group(0):
            return None  # the end of a document symbol: A/73/L.8/Add.1 (not "72/4;1")
        if nxt in ".," and text[end + 1 : end + 2].isdigit():
            return None  # 1.5, 115,000
        if self.ordinary_before(text, end):
            return None
        if prev.isalpha() and not _is_cjk(prev):
            glued = _LAST_LETTERS.search(text, max(start - 40, 0), start).group(0)
            if glued.lower() != glued.upper() and sum(c.islower() for c in glued) < 2:
                return None  # G20, A4 (in scripts with case; Arabic has none)
            return STRONG  # glued to a word, even one of the table: "session15"
        if self.ordinary_after(text, start) or _in_list(text, start, end):
            return LATE  # "resolution 8 was": a number as a rule, a marker by sequence
        if prev == "." and start >= 2 and (text[start - 2].isupper() or text[start - 2].isdigit()):
            return LATE  # the end of a code: 1/CMA.4, DEC.2, 1.A.04
        before = text[max(start - 40, 0) : start].rstrip()
        if prev and (prev in self.glue or _is_cjk(prev)):
            return STRONG
        if before[-1:] and before[-1] in self.glue:
            return STRONG
        if _END.match(text, end):
            return STRONG  # at the end of the paragraph
        return WEAK

    def ordinary_before(self, text: str, end: int) -> bool:
        """Whether what follows the number makes it an ordinary one (a unit, a month…)."""
        after = text[end : end + 40].lstrip()  # a window: the words that matter are short
        if after[:1] and after[0] in self.not_before:
            return True
        word = re.match(r"[^\W\d_]+", after)
        return bool(word and word.group(0).casefold() in self.not_before_words)

    def ordinary_after(self, text: str, start: int) -> bool:
        """Whether a word of the table ends the text before the number, as a whole word."""
        before = text[max(start - 40, 0) : start].rstrip()
        return any(
            before.endswith(word)
            and (self.cjk or not word[0].isalpha() or not before[: -len(word)][-1:].isalpha())
            for word in self.not_after_by_end.get(before[-1:], ())
        )

    def glued_to_next(self, text: str, start: int, end: int) -> int | None:
        """NEXT for a number standing after a space or punctuation and glued to a following
        word in lower case ("resolutions 3on the"); None for an ordinal or a unit (5th, 3D)."""
        prev = text[start - 1] if start else ""
        word = re.match(r"[^\W\d_]+", text[end:])
        if (
            prev.isalnum()
            or not word
            or len(word.group(0)) < 2
            or not word.group(0).islower()
            or word.group(0).casefold() in self.suffixes
        ):
            return None
        return NEXT

    def splits(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(offset, value) of the last one or two digits of the long number at
        text[start:end] read as a marker glued to it ("59/3009", "1/CP.2731", "Agenda 216").
        None of a year, a decimal or thousands group, or a number followed by its unit."""
        digits = text[start:end]
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if YEAR.fullmatch(digits) or GLUED_TO_YEAR.fullmatch(digits) or nxt.isalnum():
            return []
        if prev in ".," and start >= 2 and text[start - 2].isdigit():
            return []  # 4.25, 30,034
        if (prev.isalpha() and not _is_cjk(prev)) or self.ordinary_before(text, end):
            return []
        if nxt in ".," and text[end + 1 : end + 2].isdigit():
            return []
        return [
            (end - k, int(digits[-k:])) for k in (1, 2) if k < len(digits) and digits[-k] != "0"
        ]


def find_marks(
    runs: list[TextRun],
    notes: list[NoteSource],
    lang: Language,
    diags: Diagnostics,
    body_from: int = 0,
) -> dict[int, list[Mark]]:
    """Footnote references in ``runs`` (document order) for the footnote bodies ``notes``;
    the runs before ``body_from`` (the heading) take only ordinary candidates."""
    rules = _Rules(lang)
    candidates = [
        c for c in _candidates(runs, rules) if c.tier not in SEQUENCE or c.run >= body_from
    ]
    marks: dict[int, list[Mark]] = {}
    first_at = _first_references(runs, candidates, notes, marks, diags)
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


def _candidates(runs: list[TextRun], rules: _Rules) -> list[_Candidate]:
    """Every number that may be a footnote marker, in document order."""
    candidates: list[_Candidate] = []
    for r, run in enumerate(runs):
        for m in NUMBER.finditer(run.text):
            raised = _raised(run, m.start(), m.end())
            tier = STRONG if raised else rules.candidate(run.text, m.start(), m.end())
            if tier is not None:
                candidates.append(_Candidate(r, m.start(), m.end(), int(m.group(0)), tier))
        for m in GLUED_TO_YEAR.finditer(run.text):
            candidates.append(_Candidate(r, m.start(1), m.end(1), int(m.group(1)), GLUED))
        for m in LONG_NUMBER.finditer(run.text):
            for at, value in rules.splits(run.text, m.start(), m.end()):
                candidates.append(_Candidate(r, at, m.end(), value, SPLIT))
    candidates.sort(key=lambda c: (c.run, c.start))
    return candidates


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
    notes: list[NoteSource],
    marks: dict[int, list[Mark]],
    diags: Diagnostics,
) -> dict[int, tuple[int, int]]:
    """Mark the first reference to each numbered note, in order: on the note's page if it
    can, a strong candidate first. Returns note number -> (run, start) of that reference."""
    first_at: dict[int, tuple[int, int]] = {}
    position = (-1, -1)
    numbered = [n for n in notes if n.marker.isdigit()]
    for k, note in enumerate(numbered):
        value = int(note.marker)
        pool = [c for c in candidates if c.value == value and (c.run, c.start) > position]
        on_page = [
            c for c in pool if c.tier <= GLUED and runs[c.run].loc(c.start).page == note.page
        ]
        chosen = (
            next((c for c in on_page if c.strong), None)
            or next((c for c in on_page if not c.glued), None)
            or (on_page[0] if on_page else None)
            or _by_sequence(runs, candidates, pool, numbered[k + 1 : k + 4], position, note)
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
                and runs[c.run].loc(c.start).page == nxt.page
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
        and runs[c.run].loc(c.start).page == note.page
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
