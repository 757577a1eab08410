"""What the PDF reader takes from the layout where the text alone says too little, on small
synthetic PDFs laid out by Typst (`tests.pdfmake`): first-line indents that open paragraphs
(measured from the right in Arabic), footnotes below a drawn rule that reach into the footer
band, link annotations over lists of resolutions, link rectangles that take in brackets.
Every conversion is validated (`convert_ok`)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("converter.readers.pdf")
from converter.model import plain_text  # noqa: E402
from converter.readers.pdf import read_pdf  # noqa: E402
from converter.readers.pdf.reader import PdfReader  # noqa: E402
from tests.conftest import convert_ok  # noqa: E402
from tests.pdfmake import make_pdf, un_page  # noqa: E402

TITLE = "#align(center)[Testing the layout]\n\nThe General Assembly,\n\n"
PREAMBLE = """
_Reaffirming_ its resolution 70/1 of 25 September 2015, entitled "Transforming our world",
and the commitments made there,

_Recalling_ its resolution 76/213 of 17 December 2021 on the same subject, and all the
earlier resolutions on the question,

_Recalling also_ the Paris Agreement and its early entry into force, and the work of all
the parties to it,

_Marvelling_ at the progress made by the parties in carrying out the Agreement in the years
since its adoption,

_Noting_ the report of the Secretary-General on the implementation of the Agreement and the
recommendations contained therein,

1.#h(1em)_Decides_ to remain seized of the matter.
"""


def preamble(pdf: bytes) -> list[str]:
    doc = convert_ok(pdf, lang="en", date="2025-01-02").document
    return [plain_text(p.content) for p in doc.preamble]


def test_first_line_indent_opens_a_paragraph_the_table_does_not_know():
    # "Marvelling" is no opening phrase of the table, and the text has no blank lines: only
    # the first-line indent of the layout says that a paragraph starts there
    pdf = make_pdf(TITLE + PREAMBLE)
    first = [ln.x0 for ln in read_pdf(pdf).pages[0].lines if ln.text.startswith("Marvelling")]
    assert first and first[0] > 90  # indented by 24 pt from the 72 pt margin
    paras = preamble(pdf)
    assert len(paras) == 5
    assert paras[3].startswith("Marvelling at the progress")
    assert paras[2].endswith("the parties to it,")


def recalling(n: int, note_every: int) -> str:
    """``n`` preambular paragraphs of two lines; every ``note_every``-th has a footnote whose
    second line is a document symbol alone."""
    paras = []
    for i in range(1, n + 1):
        note = (
            f"#footnote[See the reports of the Secretary-General on the question of item {i},"
            f" \\ A/77/2{i:02d}.]"
            if i % note_every == 0
            else ""
        )
        paras.append(
            f"_Recalling_ its resolution 76/{200 + i} of 17 December 2021 on the subject of the "
            f"paragraph number {i}, and all the earlier resolutions on the question,{note}"
        )
    return "\n\n".join(paras) + "\n\n1.#h(1em)_Decides_ to remain seized of the matter.\n"


def test_footnotes_below_a_drawn_rule_reaching_into_the_footer_band():
    # the rule is drawn (no line of underscores in the text), and the last line of each page's
    # notes ("A/77/224.") stands in the footer band and looks like a running symbol: it is
    # still the note's next line, not a footer, and every note is found
    pdf = make_pdf(TITLE + recalling(29, 6), un_page())
    src = read_pdf(pdf)
    assert len(src.pages) == 2
    for page in src.pages:
        roles = {ln.text: ln.role for ln in page.lines}
        assert roles[f"{page.number}/2"] == "footer" and roles["25-12345"] == "footer"
        symbols = [t for t in roles if re.fullmatch(r"A/77/2\d\d\.", t)]
        assert symbols and all(roles[t] == "note" for t in symbols)
        assert any(r.drawn for r in page.rules)
    result = convert_ok(pdf, lang="en", date="2025-01-02")
    notes = [(n.marker, n.text) for n in result.read.notes]
    assert notes == [
        (
            str(k),
            f"See the reports of the Secretary-General on the question of item {6 * k},"
            f" A/77/2{6 * k:02d}.",
        )
        for k in range(1, 5)
    ]
    assert result.counts()["footnotes"] == 4 and result.counts()["firstReferences"] == 4


def test_link_annotations_over_a_list_of_resolutions_all_find_their_reference():
    def link(symbol: str, words: str) -> str:
        return f'#link("https://docs.un.org/en/{symbol}")[{words}]'

    items = [("A/RES/49/75", "49/75 J"), ("A/RES/50/70", "50/70 G"), ("A/RES/54/54", "54/54 T")]
    dates = ["15 December 1994", "12 December 1995", "1 December 1999"]
    listed = ", ".join(f"{link(s, w)} of {d}" for (s, w), d in zip(items, dates))
    body = (
        f"_Recalling_ its resolutions {listed}, and Security Council resolutions "
        f"{link('S/RES/1754(2007)', '1754 (2007)')} on 30 April 2007 and "
        f"{link('S/RES/1783(2007)', '1783 (2007)')} on 31 October 2007,\n\n"
        f"_Recalling also_ the final document of the Conference "
        f"({link('NPT/CONF.2010/50%20(Vol.I)', 'NPT/CONF.2010/50 (Vol. I)')}),\n\n"
        "1.#h(1em)_Decides_ to remain seized of the matter.\n"
    )
    result = convert_ok(make_pdf(TITLE + body), lang="en", date="2025-01-02")
    assert [d.code for d in result.diagnostics if d.code.startswith("link.")] == []
    assert len({k.url for k in result.read.links}) == 6  # a link broken over lines: 2 boxes
    xml = result.xml.decode()
    for symbol, _ in items:
        assert f"https://docs.un.org/en/{symbol}" in xml


def test_a_link_rectangle_that_takes_in_brackets_covers_the_symbol_only():
    body = (
        "_Noting_ the report of the Committee "
        '#link("https://undocs.org/en/A/79/408")[(A/79/408)], the decision '
        '#link("https://undocs.org/en/A/RES/2025/17")[2025/17)] and the note '
        '#link("https://undocs.org/en/A/73/12")[(A/73/12] of the Secretary-General,\n'
    )
    page = read_pdf(make_pdf(TITLE + body)).pages[0]
    assert [k.text(page) for k in page.links] == ["A/79/408", "2025/17", "A/73/12"]


def test_arabic_first_line_indent_is_measured_from_the_right_edge():
    page = """#set page(width: 595pt, height: 842pt, margin: (x: 72pt, top: 72pt, bottom: 90pt))
#set text(font: "Noto Naskh Arabic", size: 12pt, lang: "ar", dir: rtl)
#set par(first-line-indent: (amount: 30pt, all: true), spacing: 0.6em, justify: true)
"""
    para = (
        "إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015 المعنون تحويل عالمنا وإلى جميع "
        "القرارات السابقة ذات الصلة بالموضوع نفسه وإلى الالتزامات التي قطعت فيها،"
    )
    src = PdfReader().read(make_pdf("إن الجمعية العامة،\n\n" + para + "\n\n" + para, page), "ar")
    indents = [line.indent for line in src.body]
    assert indents == [102, 102, 72, 102, 72]  # the 72 pt margin, +30 pt for first lines
