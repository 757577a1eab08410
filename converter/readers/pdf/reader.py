"""The PDF reader of the registry: PDF bytes → `converter.source.Source`, like the text reader.

    bytes → read_pdf (PDFium; `ocr_pdf` for a scan with ``--ocr``) → to_text → the text
          reader's `clean` → corrected with the PDF's own evidence:

- lines the layout found to be running headers or footers (their position on the page) leave
  the body for the ledger, as ``header``/``footer``;
- link annotations become `SourceLink`s (URL, line of the linked text, page), for the pages
  whose text printed no list of URLs;
- the footnotes are the layout's note lines (below the footnote rule, drawn or typed, set
  smaller), whatever `clean` made of them (body, notes, or furniture such as a note line
  shaped like a symbol), split where a line starts with a raised marker or a star (`clean`'s
  split is kept when the first line opens with neither);
- the superscript footnote markers of each body line are kept as `SrcLine.marks`;
- each body line's `SrcLine.indent` is its indentation on the page (points from the left
  edge; the right edge for a right-to-left line): the text has no leading spaces, and the
  parser finds paragraphs by first-line indents where a document sets them.

Line numbers are the 1-based lines of the `to_text` output, the text that
``python -m converter.readers.pdf FILE.pdf`` prints (form feeds start pages 2…N): a
diagnostic's line can be found there.
"""

from __future__ import annotations

import dataclasses
import re

from converter.diagnostics import ConversionError, Diagnostic, Severity
from converter.languages import load
from converter.languages.detect import detect
from converter.readers.text.clean import clean
from converter.readers.text.furniture import RULE
from converter.source import PLAIN, Dropped, NoteSource, ReadOptions, Source, SourceLink, SrcLine

from .base import is_rtl
from .model import Line, Page, PdfReadError, PdfSource
from .text import to_text

_NOTE_START = re.compile(r"^(\*{1,3}|\d{1,3})\s+(?=\S)")
_SCANNED = "the PDF has no text layer; give --ocr to read it with Tesseract"


def _fail(code: str, message: str) -> ConversionError:
    return ConversionError([Diagnostic(code, Severity.ERROR, message)])


class PdfReader:
    """Reads PDFs with a text layer (native or OCR); scans through Tesseract with ``--ocr``."""

    name = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head

    def read(self, data: bytes, lang: str | None, options: ReadOptions = PLAIN) -> Source:
        """The source model of a PDF; `ConversionError` ``input.pdf`` (damaged, encrypted),
        ``input.scanned`` (no text layer, no ``--ocr``) or ``input.language``."""
        try:
            pdf = self.layout(data, lang, options)
        except PdfReadError as exc:
            raise _fail("input.pdf", exc.message) from None
        text = to_text(pdf)
        language = load(lang) if lang else detect(text)
        if language is None:
            raise _fail("input.language", "cannot tell the language (give --lang)")
        source = clean(text, language, "pdf")
        correct(source, pdf)
        if pdf.ocr_engine:
            source.ocr = pdf.ocr_engine
        elif pdf.text_layer == "ocr":
            source.ocr = "text layer"  # an OCR layer made before (invisible text on a scan)
        return source

    def layout(self, data: bytes, lang: str | None, options: ReadOptions) -> PdfSource:
        """The PDF's lines: its text layer, or Tesseract's reading of a scan."""
        from . import ocr_pdf, read_pdf

        pdf = read_pdf(data, password=options.password)
        if pdf.text_layer != "none":
            return pdf
        if not options.ocr:
            raise _fail("input.scanned", _SCANNED)
        return ocr_pdf(data, lang or _ocr_language(data))


def _ocr_language(data: bytes) -> str:
    """The language of a scan: its first page read by Tesseract in every installed UN
    language at once, then told by the text reader's detection (`input.language` if none)."""
    from .ocr import LANGS, ocr_pdf, tesseract_langs

    installed = tesseract_langs()
    codes = [c for c in ("en", "fr", "es", "ru", "ar", "zh") if LANGS[c] in installed]
    first = ocr_pdf(data, "+".join(codes) or "eng", pages=1)
    language = detect(to_text(first))
    if language is None:
        raise _fail("input.language", "cannot tell the language of the scan (give --lang)")
    return language.code


def line_index(pdf: PdfSource) -> dict[int, tuple[Page, Line]]:
    """Line number of the `to_text` output → (page, line): the lines of the pages in order."""
    index: dict[int, tuple[Page, Line]] = {}
    no = 0
    for page in pdf.pages:
        for line in page.lines:
            no += 1
            index[no] = (page, line)
    return index


def correct(source: Source, pdf: PdfSource) -> None:
    """Correct what `clean` made of the text with the PDF's evidence (module docstring)."""
    index = line_index(pdf)
    body = []
    for src in source.body:
        page, line = index[src.no]
        if line.role in ("header", "footer"):
            source.dropped.append(Dropped(src.no, line.role, src.text))
            continue
        body.append(dataclasses.replace(src, marks=_marks(src, line), indent=_indent(line, page)))
    source.body = body
    source.dropped.sort(key=lambda d: d.line)
    _notes(source, index)
    source.links = _links(source, pdf)


def _notes(source: Source, index: dict[int, tuple[Page, Line]]) -> None:
    """Take the footnotes from the layout: its note lines (whatever `clean` made of them:
    notes, body, or furniture such as a note line shaped like a document symbol), with
    `clean`'s other note lines unless the layout calls them headers or footers; cut where a
    line opens with a raised marker or a star. Unchanged when a cut cannot be found."""
    linked = {k.line for k in source.links}  # the text's own lists of URLs
    layout = {
        no
        for no, (_, ln) in index.items()
        if ln.role == "note" and not RULE.match(ln.text.strip()) and no not in linked
    }
    if not layout:
        return
    kept = {ln.no: ln for n in source.notes for ln in n.lines}
    body = {ln.no: ln for ln in source.body}
    furniture = [no for no in kept if no not in layout and index[no][1].role != "body"]
    lines: list[SrcLine] = []
    for no in sorted(layout | kept.keys() - set(furniture)):
        page, line = index[no]
        src = kept.get(no) or body.get(no)
        lines.append(src or SrcLine(no, page.number, line.text.strip(), _indent(line, page)))
    notes = _cut(lines, index)
    if notes is None:
        return
    taken = {ln.no for ln in lines}
    source.notes = notes
    source.body = [ln for ln in source.body if ln.no not in taken]
    source.dropped = [d for d in source.dropped if d.line not in taken or d.kind == "rule"]
    source.dropped += [Dropped(no, index[no][1].role, kept[no].text) for no in furniture]
    source.dropped.sort(key=lambda d: d.line)


def _cut(lines: list[SrcLine], index: dict[int, tuple[Page, Line]]) -> list[NoteSource] | None:
    """The note lines cut into footnotes where a line opens with a marker (raised, or a
    star); None when the first line opens none."""
    notes: list[NoteSource] = []
    for src in lines:
        line = index[src.no][1]
        text = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        m = _NOTE_START.match(text)
        if m and (m.group(1).startswith("*") or (lead, lead + m.end(1)) in line.superscripts):
            rest = dataclasses.replace(src, text=text[m.end() :])
            notes.append(NoteSource(m.group(1), src.page, src.no, [rest]))
        elif notes:
            notes[-1].lines.append(src)
        else:
            return None
    return notes


def _indent(line: Line, page: Page) -> int:
    """The line's indentation as the layout shows it: points from the page's left edge (its
    right edge for a right-to-left line), so that the parser sees first-line indents, which
    the text lost."""
    strong = next((ch for ch in line.text if ch.isalpha()), "")
    if strong and is_rtl(strong):
        return max(0, round(page.width - line.x1))
    return max(0, round(line.x0))


def _marks(src: SrcLine, line: Line) -> tuple[tuple[int, int], ...]:
    """The superscript spans of ``line``, as offsets into the stripped ``src.text``."""
    shift = line.text.find(src.text)
    if shift < 0 or not line.superscripts:
        return ()
    return tuple(
        (s - shift, e - shift)
        for s, e in line.superscripts
        if 0 <= s - shift < e - shift <= len(src.text)
    )


def _links(source: Source, pdf: PdfSource) -> list[SourceLink]:
    """The text's own URL lines, and the link annotations of the pages that print none; an
    annotation's line is that of the first body or note line it covers."""
    listed = {link.page for link in source.links}
    first = 1
    found = list(source.links)
    for page in pdf.pages:
        if page.number not in listed:
            for link in page.links:
                lines = [s.line for s in link.spans if page.lines[s.line].role in ("body", "note")]
                if lines and link.uri.startswith(("http://", "https://")):
                    found.append(SourceLink(link.uri, first + min(lines), page.number))
        first += len(page.lines)
    return sorted(found, key=lambda k: (k.page, k.line))
