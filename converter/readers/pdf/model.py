"""The PDF reader's result: frozen dataclasses, coordinates in PDF points from the page's top left.

`top`/`bottom` grow downwards (like pdfplumber and poppler), so a line near the top of a page has a
small `top`. Character spans are half-open ``(start, end)`` offsets into `Line.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["header", "footer", "body", "note"]
TextLayer = Literal["native", "ocr", "none"]


class PdfReadError(Exception):
    """The PDF cannot be read (damaged, encrypted, not a PDF, no pages). ``str(exc)`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: a drawn thin line or rectangle, or a text line of underscores/``─``."""

    y: float
    x0: float
    x1: float
    drawn: bool = True

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Line:
    text: str  #: logical order; superscript markers glued as they stand
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  #: dominant font size (points) of the line's characters
    role: Role = "body"
    superscripts: list[tuple[int, int]] = field(default_factory=list)
    italic: list[tuple[int, int]] = field(default_factory=list)  #: spans in italic fonts
    bold: list[tuple[int, int]] = field(default_factory=list)  #: spans in bold fonts
    baseline: float = 0.0
    font: str = ""  #: dominant font name (subset prefix removed)

    @property
    def starts_italic(self) -> bool:
        """True when the line's first word is italic (UN preambular/operative opening phrase)."""
        return bool(self.italic) and self.italic[0][0] == len(self.text) - len(self.text.lstrip())

    @property
    def starts_bold(self) -> bool:
        return bool(self.bold) and self.bold[0][0] == len(self.text) - len(self.text.lstrip())


_LINE_FIELDS = tuple(Line.__dataclass_fields__)


def line_of(fields: dict[str, Any]) -> Line:
    """The `Line` of these fields (all of them, in field order), made without the frozen
    dataclass's `__init__`, which sets them one by one through `object.__setattr__`: the
    reader makes two lines for each line of text (layout, then roles). The same object as
    ``Line(**fields)``."""
    if tuple(fields) != _LINE_FIELDS:
        raise TypeError(f"line_of wants the fields {_LINE_FIELDS}, not {tuple(fields)}")
    line = object.__new__(Line)
    line.__dict__.update(fields)
    return line


@dataclass(frozen=True)
class LinkSpan:
    line: int  #: index into `Page.lines`
    start: int
    end: int


@dataclass(frozen=True)
class Link:
    uri: str
    bbox: tuple[float, float, float, float]  #: x0, top, x1, bottom
    spans: list[LinkSpan] = field(default_factory=list)

    def text(self, page: Page) -> str:
        """The text the link covers on `page` (its lines joined by a space)."""
        return " ".join(page.lines[s.line].text[s.start : s.end] for s in self.spans)


@dataclass(frozen=True)
class Page:
    number: int  #: 1-based
    width: float
    height: float
    lines: list[Line]
    links: list[Link] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    @property
    def body(self) -> list[Line]:
        return [ln for ln in self.lines if ln.role == "body"]

    @property
    def notes(self) -> list[Line]:
        return [ln for ln in self.lines if ln.role == "note"]


@dataclass(frozen=True)
class PdfSource:
    pages: list[Page]
    text_layer: TextLayer  #: what the PDF itself carries
    producer: str = ""  #: the PDF's /Producer (and /Creator) metadata
    ocr_engine: str | None = None  #: set when `ocr_pdf` made the lines ("tesseract 5.3.0 rus")
