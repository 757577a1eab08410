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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.parse.runs import TextRun
from converter.source import NoteSource

NUMBER = re.compile(r"(?<![\d/\-–—(])(?<!\d\.)\d{1,3}(?![\d/])")  # not 1.5, A/73, 1-2
# A marker glued to a year by the extractor: "2015–20303" is the year 2030 and marker 3.
GLUED_TO_YEAR = re.compile(r"(?<![\d/.\-(])(?:19|20)\d\d(\d{1,2})(?![\d/])")
STARS = re.compile(r"(?<=\S)\*{1,3}")
_END = re.compile(r"[\W_]*\Z")  # nothing but punctuation and space up to the end
_LAST_WORD = re.compile(r"\S*$")
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")


@dataclass(frozen=True)
class Mark:
    """A footnote reference found in a run."""

    start: int
    end: int
    marker: str
    first: bool


@dataclass(frozen=True)
class _Candidate:
    run: int
    start: int
    end: int
    value: int
    strong: bool
    glued: bool = False  #: digits glued to a year: taken only when nothing else fits


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


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
        self.glue = table.get("glue_before", "")
        self.weak_repeats = bool(table.get("weak_repeats", False))
        self.weak_max = int(table.get("weak_repeats_max", 999))
        self.cjk = lang.script == "cjk"

    def candidate(self, text: str, start: int, end: int) -> bool | None:
        """None if the number at text[start:end] is no marker, else whether it is strong."""
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if nxt.isalnum() and not (self.cjk and _is_cjk(nxt)):
            return None  # 5th, 3D, 2nd
        if (prev == "." or prev.isalnum()) and "/" in _LAST_WORD.search(
            text, max(start - 30, 0), start
        ).group(0):
            return None  # the end of a document symbol: A/73/L.8/Add.1 (not "72/4;1")
        if nxt in ".," and text[end + 1 : end + 2].isdigit():
            return None  # 1.5, 115,000
        after = text[end : end + 40].lstrip()  # a window: the words that matter are short
        if after[:1] and after[0] in self.not_before:
            return None
        if self.not_before_words:
            word = re.match(r"[^\W\d_]+", after)
            if word and word.group(0).casefold() in self.not_before_words:
                return None
        before = text[max(start - 40, 0) : start].rstrip()
        for word in self.not_after_by_end.get(before[-1:], ()):
            # a word of the table ends the text before the number, as a whole word
            if before.endswith(word) and (
                self.cjk or not word[0].isalpha() or not before[: -len(word)][-1:].isalpha()
            ):
                return None
        if prev.isalpha() and not _is_cjk(prev):
            glued = _LAST_LETTERS.search(text, max(start - 40, 0), start).group(0)
            if glued.lower() != glued.upper() and sum(c.islower() for c in glued) < 2:
                return None  # G20, A4 (in scripts with case; Arabic has none)
            return True
        if prev and (prev in self.glue or _is_cjk(prev)):
            return True
        if before[-1:] and before[-1] in self.glue:
            return True
        if _END.match(text, end):
            return True  # at the end of the paragraph
        return False


def find_marks(
    runs: list[TextRun], notes: list[NoteSource], lang: Language, diags: Diagnostics
) -> dict[int, list[Mark]]:
    """Footnote references in ``runs`` (document order) for the footnote bodies ``notes``."""
    rules = _Rules(lang)
    candidates = _candidates(runs, rules)
    marks: dict[int, list[Mark]] = {}
    first_at = _first_references(runs, candidates, notes, marks, diags)
    for c in candidates:  # repeats: after the first reference
        if c.glued:
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
            strong = rules.candidate(run.text, m.start(), m.end())
            if strong is not None:
                candidates.append(_Candidate(r, m.start(), m.end(), int(m.group(0)), strong))
        for m in GLUED_TO_YEAR.finditer(run.text):
            candidates.append(_Candidate(r, m.start(1), m.end(1), int(m.group(1)), False, True))
    candidates.sort(key=lambda c: (c.run, c.start))
    return candidates


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
    for note in (n for n in notes if n.marker.isdigit()):
        value = int(note.marker)
        pool = [c for c in candidates if c.value == value and (c.run, c.start) > position]
        on_page = [c for c in pool if runs[c.run].loc(c.start).page == note.page]
        chosen = (
            next((c for c in on_page if c.strong), None)
            or next((c for c in on_page if not c.glued), None)
            or (on_page[0] if on_page else None)
        )
        pool = [c for c in pool if not c.glued]
        if chosen is None and pool:
            chosen = next((c for c in pool if c.strong), pool[0])
            diags.warning(
                "footnote.page_mismatch",
                f"the first reference to footnote {value} "
                f"is not on the page of its text (page {note.page})",
                runs[chosen.run].loc(chosen.start).line,
            )
        if chosen is not None and chosen.glued:
            diags.info(
                "footnote.glued_to_year",
                f"the reference to footnote {value} is glued "
                "to a year by the extraction; read as the year and the marker",
                runs[chosen.run].loc(chosen.start).line,
            )
        if chosen is None:
            diags.error(
                "footnote.unreferenced",
                f"footnote {value} is never referred to in the text",
                note.line,
            )
            continue
        position = (chosen.run, chosen.start)
        first_at[value] = position
        marks.setdefault(chosen.run, []).append(Mark(chosen.start, chosen.end, str(value), True))
    return first_at


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
