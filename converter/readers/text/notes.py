"""Footnote bodies at the foot of the page: which lines are notes, and which marker each takes.

Two kinds of input: with form feeds (poppler's pdftotext), where a page's note block is read
whole when the page ends (`NoteCollector.flush_block`); and without, where notes are read line
by line (`NoteCollector.note_line`). Either way a marker that the extractor lost or moved is
inferred from the consecutive numbering, and said so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from converter.diagnostics import Diagnostics
from converter.source import Dropped, NoteSource, SrcLine

# A marker, then its text after spaces; or a number with its text glued to it by the
# extraction ("129International", "5Резолюция", "3联合国"), where the text must start a word
# (a capital and a small letter, or a letter of a script without case): "15th" is no note.
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_LOWER = "a-zß-öø-ÿа-яё"
_CASELESS = "\u0600-\u06ff\u3400-\u9fff\uf900-\ufaff"
NOTE_START = re.compile(
    r"^(?P<marker>\d{1,3}|\*{1,3})"
    rf"(?:(?:\s+|(?<=\d)(?=[{_UPPER}][{_LOWER}]|[{_CASELESS}]))(?P<text>\S.*))?$"
)
TERMINAL = ".。!?！？"


class NoteCollector:
    """The footnotes of one document, as its pages' note areas are read."""

    def __init__(self, diags: Diagnostics, dropped: list[Dropped]):
        self.diags = diags
        self.dropped = dropped
        self.notes: list[NoteSource] = []
        self.note: NoteSource | None = None  #: the note being read (input without form feeds)
        self.block: list[SrcLine] = []  #: the page's note block (input with form feeds)
        self.expected = 1  #: the next footnote number
        self.stars = 0  #: sponsor notes (*, **) seen

    def start(self, marker: str, page: int, line: int, inferred: bool = False) -> NoteSource:
        if marker.startswith("*"):
            self.stars = len(marker)
        else:
            self.expected = int(marker) + 1
        note = NoteSource(marker, page, line, inferred=inferred)
        self.notes.append(note)
        return note

    def is_next(self, marker: str) -> bool:
        return marker == str(self.expected) or marker == "*" * (self.stars + 1)

    def report_inferred(self) -> None:
        for n in self.notes:
            if n.inferred:
                self.diags.warning(
                    "footnote.marker_inferred",
                    "the marker of this footnote was "
                    f"lost in extraction; numbered {n.marker} from the sequence",
                    n.line,
                )

    # -- input without form feeds: line by line ------------------------------------------
    def note_line(self, line: SrcLine, again: Callable[[str], bool] = lambda marker: False) -> bool:
        """Read one line of a footnote block; False if it is body text. ``again(marker)``
        tells whether one of the next lines of the block opens with ``marker`` too: then a
        line that opens with it while the note before is open goes on with that note
        ("as from" / "3 February 1984." before "3 See …")."""
        m = NOTE_START.match(line.text)
        if (
            m
            and self.is_next(m.group("marker"))
            and not (self.note is not None and is_open(self.note) and again(m.group("marker")))
        ):
            self.note = self.start(m.group("marker"), line.page, line.no)
            if m.group("text"):
                self.note.lines.append(SrcLine(line.no, line.page, m.group("text"), line.indent))
            return True
        if m and m.group("marker").isdigit() and self.out_of_sequence(line, m):
            return True
        if self.note is None:
            last = self.notes[-1] if self.notes else None
            if last is not None and is_open(last):  # a note continued from the previous page
                self.note = last
            else:
                self.note = self.start(str(self.expected), line.page, line.no, inferred=True)
        elif self.note.lines and not is_open(self.note):
            return False
        self.note.lines.append(line)
        return True

    def out_of_sequence(self, line: SrcLine, m: re.Match[str]) -> bool:
        """A note that starts after a closed one but out of sequence: a repeat of an earlier
        note (left out) or the next but one or two (the text of those between is missing).
        False when the line is neither."""
        if self.note is not None:
            closed = bool(self.note.lines) and not is_open(self.note)
        else:
            closed = not (self.notes and is_open(self.notes[-1]))
        if not closed:
            return False
        marker, text = m.group("marker"), m.group("text") or ""
        twin = next((n for n in self.notes if n.marker == marker), None)
        if twin is not None and twin.lines and twin.lines[0].text == text:
            self.diags.warning(
                "footnote.duplicate",
                f"footnote {marker} is printed twice (lines "
                f"{twin.line} and {line.no}); the repeat is left out",
                line.no,
            )
            self.dropped.append(Dropped(line.no, "note-duplicate", line.text))
            return True
        number = int(marker)
        if not self.expected < number <= self.expected + 2:
            return False
        self.diags.error(
            "footnote.body_missing",
            "the text of footnote "
            f"{', '.join(str(k) for k in range(self.expected, number))} is missing: "
            f"the footnotes go from {self.expected - 1} to {number}",
            line.no,
        )
        self.note = self.start(marker, line.page, line.no)
        if text:
            self.note.lines.append(SrcLine(line.no, line.page, text, line.indent))
        return True

    # -- input with form feeds: the page's block at once ---------------------------------
    def flush_block(self) -> None:
        """Assign the text of the page's footnote block to its markers.

        poppler's pdftotext may move markers away from their text (all markers after all
        texts, or one marker before the job number). Texts keep their order, so the block's
        texts, split where a note ends, are given the block's run of consecutive markers.
        A marker taken off the start of a text line is that text's marker, never another's:
        a text that cannot keep it (joined to the text before, or given another marker) is
        kept as printed, marker and all.
        """
        block, self.block = self.block, []
        if not block:
            return
        markers = self.block_markers(block)
        texts, number_lines = _texts(block, markers)
        last = self.notes[-1] if self.notes else None
        if (
            last is not None
            and is_open(last)
            and len(texts) > len(markers)
            and texts[0].marker is None
        ):
            last.lines.extend(texts.pop(0).lines)  # a note continued from the previous page
        inferred = not markers and bool(texts)
        if inferred:
            markers = [str(self.expected)]
        self.drop_repeats(texts, markers)
        _join_surplus(texts, len(markers))
        if len(texts) < len(markers):
            self.diags.error(
                "footnote.body_missing",
                f"footnote block has {len(markers)} markers but {len(texts)} texts",
                block[0].no,
            )
        for marker, text in zip(markers, texts):
            marker_line = next((l.no for l in number_lines if l.text == marker), text.lines[0].no)
            note = self.start(marker, text.lines[0].page, marker_line, inferred=inferred)
            note.lines.extend(self.checked(marker, text))
        if markers and markers[-1].isdigit():  # a marker without text still takes its number
            self.expected = max(self.expected, int(markers[-1]) + 1)
        self.dropped.extend(Dropped(l.no, "note-marker", l.text) for l in number_lines)

    def checked(self, marker: str, text: _Text) -> list[SrcLine]:
        """The lines of note ``marker``'s text: as printed, and an error, if the text opened
        with another marker (the block's texts and markers do not pair up)."""
        if text.marker is None or text.marker == marker:
            return text.lines
        self.diags.error(
            "footnote.marker_mismatch",
            f"this footnote text opens with the marker {text.marker} but is footnote "
            f"{marker} by the block's order (texts and markers do not pair up)",
            text.lines[0].no,
        )
        return text.printed()

    def block_markers(self, block: list[SrcLine]) -> list[str]:
        """The run of consecutive markers found in the block, in number order (the sponsor
        notes' stars first)."""
        numbers = {m.group("marker") for line in block if (m := NOTE_START.match(line.text))}
        stars: list[str] = []
        while "*" * (self.stars + len(stars) + 1) in numbers:
            stars.append("*" * (self.stars + len(stars) + 1))
        markers: list[str] = []
        while str(self.expected + len(markers)) in numbers:
            markers.append(str(self.expected + len(markers)))
        return stars + markers + self.block_gap(block, markers, numbers)

    def drop_repeats(self, texts: list[_Text], markers: list[str]) -> None:
        """Leave out a note text printed twice in a row (more texts than markers), marker and
        all: the repeat's marker, used already, opened no note."""
        for k in range(len(texts) - 1, 0, -1):
            if len(texts) > len(markers) and _same(texts[k].printed(), texts[k - 1].printed()):
                self.diags.warning(
                    "footnote.duplicate",
                    "this footnote text is printed twice "
                    f"(lines {texts[k - 1].lines[0].no} and {texts[k].lines[0].no}); the "
                    "repeat is left out",
                    texts[k].lines[0].no,
                )
                self.dropped.extend(
                    Dropped(l.no, "note-duplicate", l.text) for l in texts.pop(k).printed()
                )

    def block_gap(self, block: list[SrcLine], markers: list[str], numbers: set[str]) -> list[str]:
        """Markers after a gap in the block's run (the marker and text of a note are missing),
        reported; empty when there is no gap. Only markers printed on lines of their own
        count, so a text line starting with a number is no marker."""
        alone = {
            int(m.group("marker"))
            for l in block
            if (m := NOTE_START.match(l.text))
            and m.group("marker").isdigit()
            and not m.group("text")
        }
        nxt = int(markers[-1]) + 1 if markers else self.expected
        found = next((k for k in (nxt + 1, nxt + 2) if k in alone), None)
        if found is None:
            return []
        self.diags.error(
            "footnote.body_missing",
            "the marker and text of footnote "
            f"{', '.join(str(k) for k in range(nxt, found))} are missing: the "
            f"footnotes go from {nxt - 1} to {found}",
            block[0].no,
        )
        more = []
        while str(found) in numbers:
            more.append(str(found))
            found += 1
        return more


@dataclass
class _Text:
    """One note text of a page's block: its lines, the first without the marker it opened
    with (``marker``, None if it opened with text), and that first line as printed."""

    lines: list[SrcLine]
    marker: str | None = None
    first: SrcLine | None = None

    def printed(self) -> list[SrcLine]:
        """The lines as printed (the marker, if any, still opening the first)."""
        return [self.first, *self.lines[1:]] if self.first is not None else self.lines


def _texts(block: list[SrcLine], markers: list[str]) -> tuple[list[_Text], list[SrcLine]]:
    """The block's texts split where a note ends, and the lines that are a bare marker.

    A line that opens with a marker of the block opens that note if the text before it is
    closed, or if the marker is the next of the run and no later line opens with it; each
    marker once. Else the number is text: "as from" / "7 February 1984." goes on with a
    note, though 7 is one of the block's markers.
    """
    texts: list[_Text] = []
    number_lines: list[SrcLine] = []
    used: list[str] = []
    starts = [_start(line, markers) for line in block]
    later = Counter(m.group("marker") for m in starts if m and m.group("text"))
    for line, m in zip(block, starts):
        if m and not m.group("text"):
            number_lines.append(line)
            continue
        if m:
            marker, text = m.group("marker"), m.group("text")
            later[marker] -= 1
            upcoming = markers[markers.index(used[-1]) + 1 :] if used else markers
            closed = not texts or not _open_text(texts[-1].lines[-1].text, text)
            if marker not in used and (closed or (upcoming[:1] == [marker] and not later[marker])):
                used.append(marker)
                shown = SrcLine(line.no, line.page, text, line.indent)
                texts.append(_Text([shown], marker, line))
                continue
        if not texts or not _open_text(texts[-1].lines[-1].text, line.text):
            texts.append(_Text([line]))
        else:
            texts[-1].lines.append(line)
    return texts, number_lines


def _start(line: SrcLine, markers: list[str]) -> re.Match[str] | None:
    """The match of a line that opens with one of ``markers`` (bare, or before text)."""
    m = NOTE_START.match(line.text)
    return m if m and m.group("marker") in markers else None


def _join_surplus(texts: list[_Text], count: int) -> None:
    """Join texts until there are ``count``: a text that opened with no marker to the text
    before it (the last such first: a note that went on after a full stop, "Sales No."),
    then the tail, kept as printed (a marker it opened with stays its text)."""
    while len(texts) > count:
        k = next((k for k in range(len(texts) - 1, 0, -1) if texts[k].marker is None), 0)
        k = k or len(texts) - 1
        texts[k - 1].lines.extend(texts.pop(k).printed())


def is_open(note: NoteSource) -> bool:
    """Whether the note's text does not end a sentence (so its next line continues it)."""
    return bool(note.lines) and note.lines[-1].text[-1] not in TERMINAL


def _same(a: list[SrcLine], b: list[SrcLine]) -> bool:
    return [l.text for l in a] == [l.text for l in b]


def _open_text(previous: str, text: str) -> bool:
    """Whether ``text`` continues the note whose last line is ``previous``."""
    return previous[-1] not in TERMINAL or text[:1].islower()
