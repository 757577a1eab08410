"""Layout-aware reading of UN PDFs (PDFium through pypdfium2; Tesseract for scans).

>>> from converter.readers.pdf import read_pdf, to_text   # doctest: +SKIP
>>> src = read_pdf(open("S_2024_557.en.pdf", "rb").read())  # doctest: +SKIP
>>> src.text_layer, src.pages[2].notes[0].role  # doctest: +SKIP
('native', 'note')
"""

from __future__ import annotations

from typing import Any

from .model import Line, Link, LinkSpan, Page, PdfReadError, PdfSource, Rule
from .native import read_pdf
from .text import to_text


def ocr_pdf(data: bytes, lang: str = "eng", **kw: Any) -> PdfSource:
    """OCR a scanned PDF with Tesseract (see `converter.readers.pdf.ocr`)."""
    from .ocr import ocr_pdf as _ocr

    return _ocr(data, lang, **kw)


__all__ = [
    "Line",
    "Link",
    "LinkSpan",
    "Page",
    "PdfReadError",
    "PdfSource",
    "Rule",
    "ocr_pdf",
    "read_pdf",
    "to_text",
]
