"""Small synthetic PDFs for the PDF reader's tests, laid out by Typst (a dependency already)
with the Noto fonts the PDF writer uses: `make_pdf(markup)` → PDF bytes.

Typst gives exact control of what the reader must recognise from layout alone: first-line
indents, vertical gaps, italics, raised markers (``#super(typographic: false)[1]``), rules,
running headers and footers, link annotations.
"""

from __future__ import annotations

#: an A4 page with UN-like margins, Noto Serif 10 pt, paragraphs whose first line is indented
PAGE = """#set page(width: 595pt, height: 842pt, margin: (x: 72pt, top: 72pt, bottom: 90pt))
#set text(font: "Noto Serif", size: 10pt, lang: "en")
#set par(first-line-indent: (amount: 24pt, all: true), spacing: 0.6em, justify: true)
"""


def make_pdf(markup: str, preamble: str = PAGE) -> bytes:
    """The PDF Typst makes of ``preamble + markup``."""
    import typst

    from converter.writers.typst import font_folder

    source = (preamble + markup).encode("utf-8")
    return bytes(typst.compile(source, font_paths=[str(font_folder())], ignore_system_fonts=True))
