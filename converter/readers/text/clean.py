"""Clean: decoded text → `Source` (body lines, footnote bodies, hyperlink lists, masthead,
and the ledger of the furniture set aside); see `converter.source` for the guarantees.

Pages are counted from form feeds where the input has them, else from the ends of footnote
blocks and link lists (the only page boundaries such text keeps).
"""

from __future__ import annotations

from collections import Counter

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.readers.text import furniture as shapes
from converter.readers.text.notes import NOTE_START, TERMINAL, NoteCollector
from converter.source import Dropped, MastheadLine, Source, SourceLink, SrcLine

STAR_NOTE_LINES = 6  #: at most this many note lines between a lost rule's `*` note and the page end


class _Cleaner:
    """The line-by-line state machine behind `clean` (one instance per document)."""

    def __init__(self, text: str, lang: Language, encoding: str):
        self.lines = text.split("\n")
        self.lang = lang
        self.encoding = encoding
        self.diags = Diagnostics()
        self.symbol = shapes.find_symbol(self.lines)
        self.has_ff = "\f" in text
        self.title_words = shapes.heading_words(self.lines, lang)
        formula = next(
            (i for i, l in enumerate(self.lines) if lang.formula_actor(l) is not None), 0
        )
        #: {0-based line index: kind} of every line that has the shape of furniture
        #: (`shapes.furniture_kind`, without a running title)
        self.shaped = shapes.shaped(self.lines, self.symbol)
        self.repeated = shapes.learn_repeated(
            self.lines,
            self.symbol,
            formula,
            self.title_words,
            {at: kind for at, kind in self.shaped.items() if at >= formula},
        )
        #: the numbers of the lines that may be furniture wherever they stand
        self.marked = {*self.repeated, *(at + 1 for at in self.shaped)}
        self.body: list[SrcLine] = []
        self.links: list[SourceLink] = []
        self.masthead: list[MastheadLine] = []
        self.dropped: list[Dropped] = []
        self.notes = NoteCollector(self.diags, self.dropped)
        self.job_number: str | None = None
        self.page = 1
        self.state = "body"  # body | notes | links
        self.pending_break = False
        self.text_since_break = False  # any non-furniture line since the last page break
        self.foot = False  # page furniture seen after this page's footnotes (form feed input)

    # -- pages -----------------------------------------------------------------------------
    def page_break(self) -> None:
        self.notes.flush_block()
        self.page += 1
        self.state = "body"
        self.pending_break = True
        self.text_since_break = False
        self.foot = False
        self.notes.note = None

    def run(self) -> Source:
        for no, raw in enumerate(self.lines, 1):
            if not raw:
                continue  # (about half the lines)
            if "\f" in raw:  # pdftotext starts a page's first line with a form feed
                self.page_break()
                raw = raw.replace("\f", "")
            stripped = raw.strip()
            if stripped:
                self.line(no, raw, stripped)
        self.notes.flush_block()
        self.check_pages()
        self.notes.report_inferred()
        return Source(
            self.lang,
            self.encoding,
            self.body,
            self.notes.notes,
            self.links,
            self.masthead,
            self.dropped,
            self.symbol,
            self.job_number,
            self.page,
            self.diags,
            lines=self.lines,
        )

    def check_pages(self) -> None:
        """Pages out of order, repeated or missing: the page counters ("3/18") in the page
        furniture do not run 2, 3, … N (the first page prints none). Missing pages are told
        only where the extraction kept two counters or more, of at least half the pages."""
        counters = []
        for d in self.dropped:
            m = shapes.PAGE_COUNTER.search(d.text) if d.kind in ("counter", "footer") else None
            if m and 0 < int(m.group(1)) <= int(m.group(2)):
                counters.append((int(m.group(1)), int(m.group(2)), d.line))
        if counters:  # the usual total: a stray "3/18" among the furniture is no counter
            total = Counter(of for _, of, _ in counters).most_common(1)[0][0]
            counters = [c for c in counters if c[1] == total]
        for (page, of, no), (before, _, at) in zip(counters[1:], counters):
            if page <= before:
                self.diags.error(
                    "structure.page_order",
                    f"page {page}/{of} comes after page "
                    f"{before}/{of} (line {at}): pages out of order or repeated",
                    no,
                )
                return
        if len(counters) < max(2, (self.page - 1) / 2):
            return
        for (page, of, no), (before, _, at) in zip(counters[1:], counters):
            if page > before + 1:
                self.diags.error(
                    "structure.pages_missing",
                    f"page {page}/{of} follows page "
                    f"{before}/{of} (line {at}): {_pages(before + 1, page - 1)} "
                    "missing",
                    no,
                )
                return
        page, of, no = counters[-1]
        if page < of:
            self.diags.error(
                "structure.pages_missing",
                f"the last page counter is {page}/{of}: "
                f"{_pages(page + 1, of)} missing (truncated?)",
                no,
            )

    # -- one line --------------------------------------------------------------------------
    def line(self, no: int, raw: str, stripped: str) -> None:
        """Read the input line ``no``: ``raw`` without form feeds, ``stripped`` (not blank)."""
        indent = len(raw) - len(raw.lstrip(" "))
        if stripped[0] in shapes.RULE_OR_LINK_HEADS:  # (most lines are neither)
            if shapes.RULE.match(stripped):
                self.dropped.append(Dropped(no, "rule", stripped))
                self.notes.flush_block()
                self.state, self.notes.note = "notes", None
                return
            if shapes.LINK.match(stripped):
                self.links.append(SourceLink(stripped, no, self.page))
                self.state = "links"
                return
        if (
            self.page == 1
            and not self.body
            and not self.notes.notes
            and self.masthead_line(no, stripped)
        ):
            return
        if (
            no in self.marked or (self.title_words and self.page > 1 and not self.text_since_break)
        ) and self.furniture_line(no, stripped):
            return  # (a line neither marked nor in a page's header zone is no furniture)
        if self.has_ff and self.state == "notes" and self.notes_ended(stripped):
            self.page_break()
        self.text_since_break = True
        if self.state == "links":
            if self.has_ff:
                self.state = "body"
            else:
                self.page_break()
                self.text_since_break = True
        if self.state == "body" and stripped[0] == "*" and self.star_note(no, stripped):
            self.notes.flush_block()
            self.state, self.notes.note = "notes", None
        if self.state == "notes":
            line = SrcLine(no, self.page, stripped, indent)
            if self.has_ff:
                self.notes.block.append(line)
                return
            if self.notes.note_line(line, lambda marker: self.opens_again(no, marker)):
                return
            if self.notes.note is not None and self.next_note_follows(no):
                self.notes.note.lines.append(line)  # a closed-looking note goes on ("Sales No.")
                return
            self.page_break()  # the notes ended: this line is the next page's body
            self.text_since_break = True
        self.body.append(SrcLine(no, self.page, stripped, indent, self.pending_break))
        self.pending_break = False

    def furniture_line(self, no: int, stripped: str) -> bool:
        """Set ``stripped`` aside as page furniture if it is; without form feeds, a header or
        footer after some text ends the page (unless it stands between a footnote rule and
        the first note)."""
        in_header_zone = self.page > 1 and not self.text_since_break
        kind = self.repeated.get(no)
        if not kind:
            kind = (
                shapes.furniture_kind(stripped, self.symbol, self.title_words)
                if in_header_zone and self.title_words
                else self.shaped.get(no - 1)
            )
            if kind and kind != "running-title" and not self.in_band(no, in_header_zone):
                return False  # a lone number in the middle of a paragraph is text
        if not kind:
            return False
        self.dropped.append(Dropped(no, kind, stripped))
        self.foot = self.foot or self.state == "notes"
        job = shapes.JOB_IN_TEXT.search(stripped)
        if job and self.job_number is None and kind in ("job", "footer"):
            self.job_number = job.group(0)
        if (
            not self.has_ff
            and self.text_since_break
            and not (self.state == "notes" and self.notes.note is None)
        ):
            self.page_break()
        return True

    def notes_ended(self, text: str) -> bool:
        """With form feeds, whether ``text``, after this page's footnotes and then some of its
        furniture, is the next page's body (the extractor lost a form feed): the notes read
        are complete (no marker waiting for its text, the last one closed) and ``text`` opens
        no note (a star, or a number not below the next footnote's)."""
        block = self.notes.block
        if not (self.foot and block and block[-1].text[-1] in TERMINAL):
            return False
        if any((m := NOTE_START.match(l.text)) and not m.group("text") for l in block):
            return False
        m = NOTE_START.match(text)
        marker = m.group("marker") if m else ""
        return not (marker.startswith("*") or (marker and int(marker) >= self.notes.expected))

    def in_band(self, no: int, in_header_zone: bool) -> bool:
        """Whether line ``no`` (furniture by its shape) stands where page furniture stands:
        before any text of its page or of the document, after the page's footnote rule or
        link list, next to a page break, the start or the end of the text, or next to other
        furniture (a rule, a link, a repeated or furniture-shaped line); or is the document's
        own symbol or job number, or the page's own counter. Shape alone is no evidence:
        "73/1" or "250000" alone on a line in the middle of a paragraph is text."""
        if in_header_zone or not self.body or self.state in ("notes", "links"):
            return True
        if self.has_ff and not self.text_since_break:
            return True  # the page's first lines (also of the first page, after its masthead)
        text = self.lines[no - 1].replace("\f", "").strip()
        if text in (self.symbol, self.job_number):
            return True  # the document's own symbol or job number (found in the furniture)
        counter = shapes.COUNTER.match(text)
        if counter and int(counter.group(1)) == self.page <= int(counter.group(2)):
            return True  # this page's own counter, wherever the extractor put it
        return self._neighbour_is_furniture(no, -1) or self._neighbour_is_furniture(no, 1)

    def _neighbour_is_furniture(self, no: int, step: int) -> bool:
        """Whether the nearest non-blank line from line ``no`` in direction ``step`` is a
        page break, the start or end of the text, or has the shape of furniture (within
        `shapes.BAND_GAP` lines; farther, it is text)."""
        at = no - 1 + step
        for _ in range(shapes.BAND_GAP):
            if not 0 <= at < len(self.lines):
                return True
            raw = self.lines[at]
            if "\f" in raw and (step > 0 or raw.replace("\f", "").strip() == ""):
                return True
            text = raw.replace("\f", "").strip()
            if text:
                return bool(
                    self.repeated.get(at + 1)
                    or shapes.RULE.match(text)
                    or shapes.LINK.match(text)
                    or self.shaped.get(at)
                    or (step < 0 and "\f" in raw)
                )
            at += step
        return False

    def next_note_follows(self, no: int) -> bool:
        """Whether the next footnote's marker opens one of the few lines after line ``no``,
        before any furniture: then line ``no`` is inside the page's footnote block, not
        body text, even though the note before it looks closed (it ended on "No.")."""
        seen = 0
        for at in range(no, len(self.lines)):
            text = self.lines[at].strip()
            if "\f" in self.lines[at] or (
                text
                and (self.repeated.get(at + 1) or shapes.RULE.match(text) or self.shaped.get(at))
            ):
                return False
            if not text:
                continue
            m = NOTE_START.match(text)
            if m and m.group("text") and self.notes.is_next(m.group("marker")):
                return True
            seen += 1
            if seen >= STAR_NOTE_LINES:
                return False
        return False

    def opens_again(self, no: int, marker: str) -> bool:
        """Whether one of the few lines after line ``no``, before any furniture or page break,
        opens with footnote ``marker`` and text (so line ``no`` does not open that note)."""
        seen = 0
        for at in range(no, min(len(self.lines), no + 4 * STAR_NOTE_LINES)):
            text = self.lines[at].strip()
            if "\f" in self.lines[at] or (
                text and (self.repeated.get(at + 1) or self.shaped.get(at))
            ):
                return False
            if not text:
                continue
            m = NOTE_START.match(text)
            if m and m.group("marker") == marker and m.group("text"):
                return True
            seen += 1
            if seen >= STAR_NOTE_LINES:
                return False
        return False

    def star_note(self, no: int, stripped: str) -> bool:
        """Whether ``stripped`` opens a `*` note at the foot of a page whose footnote rule the
        extractor lost (sponsor and agenda notes of the first page): it carries the next star
        marker and text, and the page's furniture (or the end of the text) follows within
        `STAR_NOTE_LINES` lines."""
        if stripped[0] != "*":  # (most lines: no match asked for)
            return False
        m = NOTE_START.match(stripped)
        if not (
            m
            and m.group("marker").startswith("*")
            and m.group("text")
            and self.notes.is_next(m.group("marker"))
        ):
            return False
        seen = 0
        for at in range(no, len(self.lines)):
            raw = self.lines[at]
            if "\f" in raw:
                return True
            text = raw.strip()
            if not text:
                continue
            if self.repeated.get(at + 1) or shapes.RULE.match(text) or self.shaped.get(at):
                return True
            seen += 1
            if seen > STAR_NOTE_LINES:
                return False
        return True

    def masthead_line(self, no: int, stripped: str) -> bool:
        """Take ``stripped`` as a first-page masthead line if all its columns are masthead."""
        found = shapes.masthead_parts(stripped, self.lang, self.symbol)
        if not found:
            return False
        for kind, part in found:
            self.masthead.append(MastheadLine(kind, part, no))
            if kind == "job" and self.job_number is None:
                self.job_number = part[:8]
        return True


def _pages(first: int, last: int) -> str:
    return f"page {first} is" if first == last else f"pages {first}–{last} are"


def clean(text: str, lang: Language, encoding: str = "utf-8") -> Source:
    """Split the source into body, notes, links, masthead and the ledger (see module doc)."""
    return _Cleaner(text, lang, encoding).run()
