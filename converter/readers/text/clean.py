"""Clean: decoded text → body lines, footnote bodies, hyperlink lists and masthead, furniture removed.

Guarantees for later stages:
- `Cleaned.body` holds the document's own text lines in order, stripped, each with its input
  line number, page and indentation; page furniture (running headers and footers, the symbol,
  job numbers, date stamps, barcodes, page counters, footnote rules) is not among them, nor are
  footnote bodies or the per-page hyperlink lists.
- `Cleaned.notes` holds every footnote body in source order with its marker (a marker that the
  extractor lost is inferred from the consecutive numbering, and said so).
- `Cleaned.links` holds the hyperlink lines with the page whose list they belong to.
- `Cleaned.masthead` holds the first page's masthead lines (symbol, organ, distribution, date…).
- Pages are counted from form feeds where the input has them, else from the ends of footnote
  blocks and link lists (the only page boundaries such text keeps).
- Every input line is accounted for: body, note, link, masthead, furniture or blank.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from converter.diagnostics import Diagnostics
from converter.languages import Language

# Furniture shapes are the UN's document-production conventions, the same in every language.
from converter.organs import SYMBOL  # noqa: E402  (the grammar of a symbol line)
JOB = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?$")  # 19-17644, 18-18418 (E) 071118
STAMP = re.compile(r"^\d{6}$")  # ddmmyy stamp beside the job number
BARCODE = re.compile(r"^\*\d{7}\*$")
COUNTER = re.compile(r"^\d{1,3}/\d{1,3}$")  # page n/N
JOB_AND_COUNTER = re.compile(r"^\d{2}-\d{5}\s+\d{1,3}/\d{1,3}$|^\d{1,3}/\d{1,3}\s+\d{2}-\d{5}$")
RULE = re.compile(r"^(?:_{8,}|[─━]{8,}|-{15,})$")
LINK = re.compile(r"^https?://\S+$")
NOTE_START = re.compile(r"^(?P<marker>\d{1,3}|\*{1,3})(?:\s+(?P<text>\S.*))?$")
TERMINAL = ".。!?！？"
COLUMN_GAP = re.compile(r"\s{3,}")
PAGE_COUNTER = re.compile(r"(?<![\d/])(\d{1,3})/(\d{1,3})(?![\d/])")


@dataclass(frozen=True)
class SrcLine:
    """One text line of the source, stripped, where it stood."""

    no: int  #: 1-based input line number
    page: int
    text: str
    indent: int  #: leading spaces in the input
    after_break: bool = False  #: first body line after a page break


@dataclass
class NoteSource:
    """A footnote body as found at the foot of a page."""

    marker: str
    page: int
    line: int  #: line of the marker (or of the first text line when the marker was lost)
    lines: list[SrcLine] = field(default_factory=list)
    inferred: bool = False  #: the extractor lost the marker; it was inferred from the numbering

    @property
    def text(self) -> str:
        return " ".join(l.text for l in self.lines)


@dataclass(frozen=True)
class LinkLine:
    url: str
    line: int
    page: int


@dataclass(frozen=True)
class MastheadLine:
    kind: str  #: "symbol", "authority", "organ", "distribution", "date", "original", "job", …
    text: str
    line: int


@dataclass
class Cleaned:
    body: list[SrcLine]
    notes: list[NoteSource]
    links: list[LinkLine]
    masthead: list[MastheadLine]
    furniture: list[tuple[int, str, str]]  #: (line, kind, text)
    symbol: str | None
    job_number: str | None
    pages: int
    has_form_feeds: bool
    diagnostics: Diagnostics


def _furniture_kind(text: str, symbol: str | None, title_words: str) -> str | None:
    """The kind of page furniture ``text`` is (None: not furniture). Handles layout columns,
    and a running title and the symbol that the extractor joined with one space."""
    if not title_words and (len(text) > 60 or not text.isascii()) \
            and not (symbol and symbol in text) and not COLUMN_GAP.search(text):
        return None  # a line of text: symbols, job numbers and counters are short and ASCII
    parts = [p for p in COLUMN_GAP.split(text.strip()) if p]
    if not parts:
        return None
    if symbol and len(parts) == 1 and symbol in text and text.strip() != symbol:
        parts = [p.strip() for p in text.strip().split(symbol)]
        parts = [p for p in parts if p] + [symbol]
    kinds = []
    for part in parts:
        if symbol and part == symbol:
            kinds.append("header")
        elif JOB.match(part):
            kinds.append("job")
        elif STAMP.match(part):
            kinds.append("stamp")
        elif BARCODE.match(part):
            kinds.append("barcode")
        elif COUNTER.match(part):
            kinds.append("counter")
        elif JOB_AND_COUNTER.match(part):
            kinds.append("footer")
        elif title_words and len(part) >= 12 and _norm(part) in title_words:
            kinds.append("running-title")
        else:
            return None
    return kinds[0] if len(set(kinds)) == 1 else "footer"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def find_symbol(lines: list[str]) -> str | None:
    """The document symbol: a bare symbol line at the top, else the most frequent one."""
    found: list[str] = []
    seen_text = 0
    for raw in lines:
        for part in COLUMN_GAP.split(raw.strip()):
            if SYMBOL.match(part) and "/" in part:
                if seen_text < 15:
                    return part
                found.append(part)
        if raw.strip():
            seen_text += 1
    if not found:
        return None
    return Counter(found).most_common(1)[0][0]


def _masthead_kind(text: str, lang: Language, symbol: str | None) -> str | None:
    if symbol and text == symbol:
        return "symbol"
    for kind, pattern in lang.section("masthead").items():
        if re.match(pattern, text):
            return kind
    return None


class _Cleaner:
    """The line-by-line state machine behind `clean` (one instance per document)."""

    def __init__(self, text: str, lang: Language):
        self.lines = text.split("\n")
        self.lang = lang
        self.diags = Diagnostics()
        self.symbol = find_symbol(self.lines)
        self.has_ff = any("\f" in l for l in self.lines)
        self.title_words = _heading_words(self.lines, lang)
        self.body: list[SrcLine] = []
        self.notes: list[NoteSource] = []
        self.links: list[LinkLine] = []
        self.masthead: list[MastheadLine] = []
        self.furniture: list[tuple[int, str, str]] = []
        self.job_number: str | None = None
        self.page = 1
        self.state = "body"  # body | notes | links
        self.pending_break = False
        self.text_since_break = False  # any non-furniture line since the last page break
        self.block: list[SrcLine] = []  # the current footnote block (form-feed input)
        self.note: NoteSource | None = None  # the note being read (input without form feeds)
        self.expected = 1  # the next footnote number
        self.stars = 0  # sponsor notes (*, **) seen

    # -- pages -----------------------------------------------------------------------------
    def page_break(self) -> None:
        self.flush_block()
        self.page += 1
        self.state = "body"
        self.pending_break = True
        self.text_since_break = False
        self.note = None

    def run(self) -> Cleaned:
        for index, raw in enumerate(self.lines):
            if "\f" in raw:  # pdftotext starts a page's first line with a form feed
                self.page_break()
                raw = raw.replace("\f", "")
            if raw.strip():
                self.line(index + 1, raw)
        self.flush_block()
        self.check_pages()
        for n in self.notes:
            if n.inferred:
                self.diags.warning("footnote.marker_inferred", "the marker of this footnote was "
                                   f"lost in extraction; numbered {n.marker} from the sequence",
                                   n.line)
        return Cleaned(self.body, self.notes, self.links, self.masthead, self.furniture,
                       self.symbol, self.job_number, self.page, self.has_ff, self.diags)

    def check_pages(self) -> None:
        """Pages out of order, repeated or missing: the page counters ("3/18") in the page
        furniture do not run 2, 3, … N (the first page prints none). Missing pages are told
        only where the extraction kept two counters or more, of at least half the pages."""
        counters = []
        for no, kind, text in self.furniture:
            m = PAGE_COUNTER.search(text) if kind in ("counter", "footer") else None
            if m and 0 < int(m.group(1)) <= int(m.group(2)):
                counters.append((int(m.group(1)), int(m.group(2)), no))
        if counters:  # the usual total: a stray "3/18" among the furniture is no counter
            total = Counter(of for _, of, _ in counters).most_common(1)[0][0]
            counters = [c for c in counters if c[1] == total]
        for (page, of, no), (before, _, at) in zip(counters[1:], counters):
            if page <= before:
                self.diags.error("structure.page_order", f"page {page}/{of} comes after page "
                                 f"{before}/{of} (line {at}): pages out of order or repeated", no)
                return
        if len(counters) < max(2, (self.page - 1) / 2):
            return
        for (page, of, no), (before, _, at) in zip(counters[1:], counters):
            if page > before + 1:
                self.diags.error("structure.pages_missing", f"page {page}/{of} follows page "
                                 f"{before}/{of} (line {at}): {_pages(before + 1, page - 1)} "
                                 "missing", no)
                return
        page, of, no = counters[-1]
        if page < of:
            self.diags.error("structure.pages_missing", f"the last page counter is {page}/{of}: "
                             f"{_pages(page + 1, of)} missing (truncated?)", no)

    # -- one line --------------------------------------------------------------------------
    def line(self, no: int, raw: str) -> None:
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if RULE.match(stripped):
            self.furniture.append((no, "rule", stripped))
            self.flush_block()
            self.state, self.note = "notes", None
            return
        if LINK.match(stripped):
            self.links.append(LinkLine(stripped, no, self.page))
            self.state = "links"
            return
        if self.page == 1 and not self.body and not self.notes and self.masthead_line(no, stripped):
            return
        in_header_zone = self.page > 1 and not self.text_since_break
        kind = _furniture_kind(stripped, self.symbol, self.title_words if in_header_zone else "")
        if kind:
            self.furniture.append((no, kind, stripped))
            job = re.search(r"\b\d{2}-\d{5}\b", stripped)
            if job and self.job_number is None and kind in ("job", "footer"):
                self.job_number = job.group(0)
            # Without form feeds, a header or footer after some text ends the page (unless
            # it stands between a footnote rule and the first note).
            if not self.has_ff and self.text_since_break and not (
                    self.state == "notes" and self.note is None):
                self.page_break()
            return
        self.text_since_break = True
        if self.state == "links":
            if self.has_ff:
                self.state = "body"
            else:
                self.page_break()
                self.text_since_break = True
        if self.state == "notes":
            if self.has_ff:
                self.block.append(SrcLine(no, self.page, stripped, indent))
                return
            if self.note_line(no, stripped, indent):
                return
            self.page_break()  # the notes ended: this line is the next page's body
            self.text_since_break = True
        self.body.append(SrcLine(no, self.page, stripped, indent, after_break=self.pending_break))
        self.pending_break = False

    def masthead_kind(self, text: str) -> str | None:
        return _masthead_kind(text, self.lang, self.symbol) or _furniture_kind(text, self.symbol, "")

    def masthead_parts(self, text: str) -> list[tuple[str, str]] | None:
        """``text`` as masthead items (kind, words): its columns, or, where the extractor
        joined two columns with one space ("United Nations A/RES/73/8"), known items."""
        parts = [p for p in COLUMN_GAP.split(text) if p]
        kinds = [self.masthead_kind(p) for p in parts]
        if all(kinds):
            return list(zip(kinds, parts))
        if len(parts) > 1:
            return None
        for cut in (m.start() for m in re.finditer(r" ", text)):
            kind = self.masthead_kind(text[:cut])
            rest = self.masthead_parts(text[cut + 1:]) if kind else None
            if rest:
                return [(kind, text[:cut])] + rest
        return None

    def masthead_line(self, no: int, stripped: str) -> bool:
        """Take ``stripped`` as a first-page masthead line if all its columns are masthead."""
        found = self.masthead_parts(stripped)
        if not found:
            return False
        for kind, part in found:
            self.masthead.append(MastheadLine(kind, part, no))
            if kind == "job" and self.job_number is None:
                self.job_number = part[:8]
        return True

    # -- footnotes ---------------------------------------------------------------------------
    def start_note(self, marker: str, page: int, line: int, inferred: bool = False) -> NoteSource:
        if marker.startswith("*"):
            self.stars = len(marker)
        else:
            self.expected = int(marker) + 1
        note = NoteSource(marker, page, line, inferred=inferred)
        self.notes.append(note)
        return note

    def is_next(self, marker: str) -> bool:
        return marker == str(self.expected) or marker == "*" * (self.stars + 1)

    def note_line(self, no: int, stripped: str, indent: int) -> bool:
        """Input without form feeds: read one line of a footnote block; False if it is body."""
        m = NOTE_START.match(stripped)
        if m and self.is_next(m.group("marker")):
            self.note = self.start_note(m.group("marker"), self.page, no)
            if m.group("text"):
                self.note.lines.append(SrcLine(no, self.page, m.group("text"), indent))
            return True
        if m and m.group("marker").isdigit() and self.out_of_sequence(no, m, indent, stripped):
            return True
        if self.note is None:
            last = self.notes[-1] if self.notes else None
            if last is not None and _open(last):  # a note continued from the previous page
                self.note = last
            else:
                self.note = self.start_note(str(self.expected), self.page, no, inferred=True)
        elif self.note.lines and not _open(self.note):
            return False
        self.note.lines.append(SrcLine(no, self.page, stripped, indent))
        return True

    def out_of_sequence(self, no: int, m: re.Match, indent: int, stripped: str) -> bool:
        """Input without form feeds: a note that starts after a closed one but out of
        sequence, a repeat of an earlier note (left out) or the next but one or two (the text
        of those between is missing). False when the line is neither."""
        if self.note is not None:
            closed = bool(self.note.lines) and not _open(self.note)
        else:
            closed = not (self.notes and _open(self.notes[-1]))
        if not closed:
            return False
        marker, text = m.group("marker"), m.group("text") or ""
        twin = next((n for n in self.notes if n.marker == marker), None)
        if twin is not None and twin.lines and twin.lines[0].text == text:
            self.diags.warning("footnote.duplicate", f"footnote {marker} is printed twice (lines "
                               f"{twin.line} and {no}); the repeat is left out", no)
            self.furniture.append((no, "note-duplicate", stripped))
            return True
        number = int(marker)
        if not self.expected < number <= self.expected + 2:
            return False
        self.diags.error("footnote.body_missing", "the text of footnote "
                         f"{', '.join(str(k) for k in range(self.expected, number))} is missing: "
                         f"the footnotes go from {self.expected - 1} to {number}", no)
        self.note = self.start_note(marker, self.page, no)
        if text:
            self.note.lines.append(SrcLine(no, self.page, text, indent))
        return True

    def flush_block(self) -> None:
        """Input with form feeds: assign the text of the page's footnote block to its markers.

        poppler's pdftotext may move markers away from their text (all markers after all
        texts, or one marker before the job number). Texts keep their order, so the block's
        texts, split where a note ends, are given the block's run of consecutive markers.
        """
        block, self.block = self.block, []
        if not block:
            return
        markers: list[str] = []  # the run of markers found in the block, in number order
        numbers = set()
        for line in block:
            m = NOTE_START.match(line.text)
            if m:
                numbers.add(m.group("marker"))
        while self.expected_marker(len(markers)) in numbers:
            markers.append(self.expected_marker(len(markers)))
        markers += self.block_gap(block, markers, numbers)
        groups: list[list[SrcLine]] = []
        number_lines: list[SrcLine] = []
        for line in block:
            m = NOTE_START.match(line.text)
            if m and m.group("marker") in markers and not m.group("text"):
                number_lines.append(line)
                continue
            text = m.group("text") if m and m.group("marker") in markers else line.text
            starts = bool(m and m.group("marker") in markers and m.group("text"))
            shown = SrcLine(line.no, line.page, text, line.indent)
            if starts or not groups or not _open_text(groups[-1][-1].text, text):
                groups.append([shown])
            else:
                groups[-1].append(shown)
        last = self.notes[-1] if self.notes else None
        if last is not None and _open(last) and groups and len(groups) > len(markers):
            last.lines.extend(groups.pop(0))  # a note continued from the previous page
        inferred = not markers and bool(groups)
        if inferred:
            markers = [self.expected_marker(0)]
        for k in range(len(groups) - 1, 0, -1):  # a text printed twice in a row
            if len(groups) > len(markers) and _same(groups[k], groups[k - 1]):
                self.diags.warning("footnote.duplicate", "this footnote text is printed twice "
                                   f"(lines {groups[k - 1][0].no} and {groups[k][0].no}); the "
                                   "repeat is left out", groups[k][0].no)
                self.furniture.extend((l.no, "note-duplicate", l.text) for l in groups.pop(k))
        while len(groups) > len(markers):  # more texts than markers: join the tail
            groups[-2].extend(groups.pop())
        if len(groups) < len(markers):
            self.diags.error("footnote.body_missing", f"footnote block has {len(markers)} "
                             f"markers but {len(groups)} texts", block[0].no)
        for marker, group in zip(markers, groups):
            marker_line = next((l.no for l in number_lines if l.text == marker), group[0].no)
            note = self.start_note(marker, group[0].page, marker_line, inferred=inferred)
            note.lines.extend(group)
        if markers and markers[-1].isdigit():  # a marker without text still takes its number
            self.expected = max(self.expected, int(markers[-1]) + 1)
        for line in number_lines:
            self.furniture.append((line.no, "note-marker", line.text))

    def block_gap(self, block: list[SrcLine], markers: list[str], numbers: set[str]) -> list[str]:
        """Input with form feeds: markers after a gap in the block's run (the marker and text
        of a note are missing), reported; empty when there is no gap. Only markers printed
        on lines of their own count, so a text line starting with a number is no marker."""
        alone = {int(m.group("marker")) for l in block if (m := NOTE_START.match(l.text))
                 and m.group("marker").isdigit() and not m.group("text")}
        nxt = int(markers[-1]) + 1 if markers else self.expected
        found = next((k for k in (nxt + 1, nxt + 2) if k in alone), None)
        if found is None:
            return []
        self.diags.error("footnote.body_missing", "the marker and text of footnote "
                         f"{', '.join(str(k) for k in range(nxt, found))} are missing: the "
                         f"footnotes go from {nxt - 1} to {found}", block[0].no)
        more = []
        while str(found) in numbers:
            more.append(str(found))
            found += 1
        return more

    def expected_marker(self, offset: int) -> str:
        return str(self.expected + offset)


def _pages(first: int, last: int) -> str:
    return f"page {first} is" if first == last else f"pages {first}–{last} are"


def _open(note: NoteSource) -> bool:
    """Whether the note's text does not end a sentence (so its next line continues it)."""
    return bool(note.lines) and note.lines[-1].text[-1] not in TERMINAL


def _same(a: list[SrcLine], b: list[SrcLine]) -> bool:
    return [l.text for l in a] == [l.text for l in b]


def _open_text(previous: str, text: str) -> bool:
    """Whether ``text`` continues the note whose last line is ``previous``."""
    return previous[-1] not in TERMINAL or text[:1].islower()


def clean(text: str, lang: Language) -> Cleaned:
    """Split the source into body, notes, links, masthead and furniture (see module doc)."""
    return _Cleaner(text, lang).run()


def _heading_words(lines: list[str], lang: Language) -> str:
    """The first page's text up to the formula, squeezed: running titles repeat parts of it."""
    formulas = {_norm(f) for f in lang.section("formula")}
    out = []
    for raw in lines[:120]:
        if _norm(raw) in formulas:
            break
        out.append(_norm(raw))
    return "".join(out)
