"""The source model: what a reader makes of an input, before any structure is recognised.

Every reader (text today, PDF next) produces one `Source`; the parser reads nothing else.
Its guarantees, whatever the reader:

- `Source.body` holds the document's own text lines in reading order, stripped, each with
  its input line number, page and indentation; page furniture (running headers and footers,
  the symbol, job numbers, date stamps, barcodes, page counters, footnote rules), footnote
  bodies and the per-page hyperlink lists are not among them.
- `Source.notes` holds every footnote body in source order with its marker.
- `Source.links` holds the hyperlink lines with the page whose list they belong to.
- `Source.masthead` holds the first page's masthead lines (symbol, organ, distribution, date…).
- `Source.dropped` is the ledger of every other non-blank input line the reader set aside
  (furniture, rules, repeated notes), each with its kind: body + notes + links + masthead +
  dropped account for every non-blank input line (`Source.unaccounted` lists those that do
  not; the fidelity check makes each an error).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, count
from operator import attrgetter
from typing import TYPE_CHECKING

from converter.diagnostics import Diagnostics
from converter.fastinit import fast_init

if TYPE_CHECKING:
    from converter.languages import Language


@fast_init
@dataclass(frozen=True)
class SrcLine:
    """One text line of the source, stripped, where it stood."""

    no: int  #: 1-based input line number
    page: int
    text: str
    indent: int  #: leading spaces in the input (from a PDF: points from the line's margin edge)
    after_break: bool = False  #: first body line after a page break
    #: spans of ``text`` that the PDF raises as footnote markers (superscripts); () = unknown
    marks: tuple[tuple[int, int], ...] = ()


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
        return " ".join(line.text for line in self.lines)


@fast_init
@dataclass(frozen=True)
class SourceLink:
    """One line of a page's hyperlink list (the URL of a reference printed on that page)."""

    url: str
    line: int
    page: int


@dataclass(frozen=True)
class MastheadLine:
    """One item of the first page's masthead."""

    kind: str  #: "symbol", "authority", "organ", "distribution", "date", "original", "job", …
    text: str
    line: int


@dataclass(frozen=True)
class Dropped:
    """A line (or part of one) that the reader set aside, and why: an entry of the ledger."""

    line: int
    kind: str  #: "header", "footer", "job", "counter", "rule", "running-title", "note-marker", …
    text: str


@dataclass(frozen=True)
class ReadOptions:
    """How a reader reads an input, beyond its language: the command line's reading options."""

    ocr: bool = False  #: read a PDF without a text layer (a scan) through Tesseract
    password: str | None = None  #: an encrypted PDF's password


#: the default: read the input as it is (no OCR, no password)
PLAIN = ReadOptions()


@dataclass
class Source:
    """One input as its reader saw it (see the module docstring for the guarantees)."""

    language: Language
    encoding: str  #: the text's encoding, or the reader's name for other formats ("pdf")
    body: list[SrcLine]
    notes: list[NoteSource]
    links: list[SourceLink]
    masthead: list[MastheadLine]
    dropped: list[Dropped]
    symbol: str | None  #: the document symbol as the page furniture prints it
    job_number: str | None
    pages: int
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    ocr: str | None = None  #: the text was recognised from page images: by what ("tesseract …")
    lines: list[str] = field(default_factory=list)  #: the input's text lines (for the audit)

    def unaccounted(self) -> list[int]:
        """The non-blank input lines that are in none of body, notes, links, masthead and
        the ledger: text the reader lost (empty when ``lines`` is not kept)."""
        # (the numbers gathered and subtracted by `map` and set operations, in C: only the
        # non-empty lines left, few or none, are looked at one by one)
        number, line = attrgetter("no"), attrgetter("line")
        used = {
            *map(number, self.body),
            *(l.no for n in self.notes for l in n.lines),
            *map(line, self.notes),
            *map(line, self.links),
            *map(line, self.masthead),
            *map(line, self.dropped),
        }
        left = set(compress(count(1), self.lines)) - used  # the non-empty lines' numbers
        return [no for no in sorted(left) if self.lines[no - 1].replace("\f", "").strip()]
