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


def un_page(symbol: str = "A/80/L.99", job: str = "25-12345", bottom: int = 56) -> str:
    """A preamble like `PAGE` with UN page furniture: the symbol as running header from page
    2, the job number and the page counter ``n/N`` as footer, footnotes below a drawn rule in
    8.5 pt with a raised number and a space (``¹ See …``); ``bottom`` is the bottom margin."""
    margin = f"(x: 72pt, top: 72pt, bottom: {bottom}pt)"
    return (
        f"#set page(width: 595pt, height: 842pt, margin: {margin},\n"
        f"  header: context if counter(page).get().first() > 1 [#text(size: 8.5pt)[{symbol}]],\n"
        f"  footer: context [#set text(size: 8.5pt); {job} #h(1fr) "
        '#counter(page).display("1/1", both: true)])\n'
        + PAGE.split("\n", 1)[1]
        + "#set super(typographic: false)\n"
        "#show footnote.entry: it => {\n"
        "  set text(size: 8.5pt)\n"
        "  h(it.indent)\n"
        "  super(str(counter(footnote).at(it.note.location()).first()))\n"
        "  [ ]\n"
        "  it.note.body\n"
        "}\n"
    )
