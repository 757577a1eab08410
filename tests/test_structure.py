"""segment/parse: paragraphs, lists across page breaks, headers mid-sentence, markers next to
years, repeats, annexes, adopted texts; on hand-written fixtures of the hard cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from converter.model import Heading, Paragraph, plain_text
from tests.conftest import CORPUS, convert_ok

CASES = Path(__file__).parent / "fixtures" / "cases"


def notes_in(content):
    return [(i.marker, i.first) for i in content if type(i).__name__ == "NoteRef"]


def test_markers_next_to_years_and_repeats():
    doc = convert_ok(CASES / "en-markers-years.txt").document
    p1, p2 = doc.preamble
    assert notes_in(p1.content) == [("1", True), ("2", True)]  # not 1993, 2000, 90, 5, 2019
    assert notes_in(p2.content) == [("3", True)]
    assert notes_in(doc.operative[0].content) == [("1", False)]  # "(A/75/100); 1" repeats
    assert [plain_text(c.content) for c in doc.closing] == [
        "99th plenary meeting",
        "2 January 2021",
    ]
    assert doc.facts.statement == "resolution" and doc.facts.date == "2021-01-03"


def test_list_across_a_page_break_with_notes_and_header_between():
    doc = convert_ok(CASES / "en-page-break-list.txt").document
    para = doc.operative[0]
    assert [p.num for p in para.points] == ["(a)", "(b)", "(c)"]
    assert [p.num for p in para.points[1].points] == ["(i)", "(ii)"]
    assert plain_text(para.points[0].content) == "Report on the implementation of this resolution;1"
    assert notes_in(para.points[0].content) == [("1", True)]
    assert doc.facts.actor == "un-sc" and doc.facts.symbol == "S/2030/1"


def test_header_mid_sentence_and_article_numbers():
    doc = convert_ok(CASES / "zh-header-mid-sentence.txt").document
    second = plain_text(doc.preamble[1].content)
    assert "以及 2015年 9 月 25 日" in second  # joined across the page's furniture
    assert notes_in(doc.preamble[1].content) == [("1", False)]
    assert notes_in(doc.operative[0].content) == [("2", True)]  # not "第 2 (b)条"
    assert [h.kind for h in doc.heading] == [
        "session",
        "agendaItem",
        "agendaTitle",
        "sponsors",
        "title",
    ]


def blocks_summary(blocks):
    return [("H", b.num) if isinstance(b, Heading) else (b.num, len(b.points)) for b in blocks]


@pytest.mark.parametrize("variant", ["pdftotext", "pdftotext-layout", "pdftotext-raw"])
@pytest.mark.parametrize("name", ["S_2024_557", "A_RES_73_3"])
def test_annexes_and_adopted_text(name, variant):
    doc = convert_ok(CORPUS / f"{name}.en.{variant}.txt").document
    if name == "S_2024_557":
        assert [plain_text(a.heading) for a in doc.annexes] == ["Annex I", "Annex II"]
        assert [plain_text(a.title) for a in doc.annexes][0] == "Delisting procedures"
        headings = [b.num for b in doc.annexes[1].blocks if isinstance(b, Heading)]
        assert headings == ["I.", "II.", "III.", "IV."]
        numbered = [b.num for b in doc.annexes[0].blocks if isinstance(b, Paragraph) and b.num]
        assert numbered == [f"{n}." for n in range(1, 16)]
    else:
        assert len(doc.operative) == 1 and doc.operative[0].num is None
        assert doc.operative[0].opening.type == "adopts"
        (declaration,) = doc.annexes
        assert declaration.heading == ()
        numbered = [b.num for b in declaration.blocks if isinstance(b, Paragraph) and b.num]
        assert numbered == [f"{n}." for n in range(1, 54)]


# Counts checked by hand against the PDFs: preambular, operative, sub-paragraphs in the
# operative part, footnotes, repeated references.
CORPUS_COUNTS = {
    "A_L.632_1971": (1, 1, 0, 0, 0),
    "A_RES_73_3": (0, 1, 0, 7, 0),
    "A_RES_73_6": (25, 14, 0, 6, 3),
    "A_RES_73_7": (13, 28, 0, 9, 2),
    "A_RES_73_8": (8, 5, 0, 1, 0),
    "S_2023_970": (3, 5, 0, 0, 0),
    "S_2024_302": (12, 8, 0, 0, 0),
    "S_2024_400": (22, 16, 4, 1, 0),
    "S_2024_557": (6, 6, 0, 3, 0),
    "S_2024_835": (7, 9, 0, 0, 0),
}


def count_points(blocks) -> int:
    return sum(len(b.points) + count_points(b.points) for b in blocks if not isinstance(b, Heading))


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_every_extraction(name):
    """All three pdftotext extractions (plain, -layout, -raw) convert, validate, give the
    counts, and give the same paragraph texts (letters and digits; the extractors differ in
    spaces and hyphens): the structure does not depend on the extractor."""
    texts = []
    for variant in ("pdftotext", "pdftotext-layout", "pdftotext-raw"):
        result = convert_ok(CORPUS / f"{name}.en.{variant}.txt")
        doc, counts = result.document, result.counts()
        assert (
            counts["preambular"],
            counts["operative"],
            count_points(doc.operative),
            counts["footnotes"],
            counts["repeatReferences"],
        ) == CORPUS_COUNTS[name]
        assert counts["firstReferences"] == counts["footnotes"]
        texts.append(
            [re.sub(r"\W", "", plain_text(p.content)) for p in doc.preamble + doc.operative]
        )
    assert texts[0] == texts[1] == texts[2]


def test_sponsor_note_and_draft_heading():
    result = convert_ok(CASES / "en-draft-sponsor-note.txt")
    doc, xml = result.document, result.xml.decode("utf-8")
    assert [h.kind for h in doc.heading] == [
        "session",
        "agendaItem",
        "agendaTitle",
        "sponsors",
        "title",
    ]
    assert doc.heading[3].value("sponsors") == "Italy|Turkmenistan"
    assert doc.facts.statement == "resolutionDraft" and doc.facts.committee == "3"
    assert doc.facts.date == "2019-11-01" and doc.facts.original_language == "Original: English"
    assert '<docProponent refersTo="#italy">Italy</docProponent>' in xml
    assert ':<authorialNote eId="note_star" marker="*" placement="bottom"><p>Reissued' in xml
    assert "<docStage>draft resolution</docStage>" in xml
    assert '<docCommittee refersTo="#thirdCommittee"/>' in xml


def test_adopted_resolution_heading_and_closing():
    xml = convert_ok(CORPUS / "A_RES_73_8.en.pdftotext.txt").xml.decode("utf-8")
    assert '<docDate date="2018-11-01" refersTo="#adoption">1 November 2018</docDate>' in xml
    assert '(<ref href="/akn/un/doc/0000/A-73-L.3">A/73/L.3</ref>)' in xml
    assert '<p class="closing"><date date="2018-11-01">1 November 2018</date></p>' in xml
    assert '<docDate date="2018-11-05">5 November 2018</docDate>' in xml  # masthead
    assert "/un-ga/2018-11-05/A-RES-73-8" in xml


def test_sponsor_lists_read_with_the_states_table():
    doc = convert_ok(CORPUS / "S_2023_970.en.pdftotext.txt").document
    sponsors = doc.heading[0].value("sponsors").split("|")
    assert len(sponsors) == 102
    # a comma missing in the source ("New Zealand Nicaragua") and one doubled (", ,")
    assert "New Zealand" in sponsors and "Nicaragua" in sponsors
    assert "Bolivia (Plurinational State of)" in sponsors and "Yemen" in sponsors
    xml = convert_ok(CORPUS / "S_2024_557.en.pdftotext.txt").xml.decode("utf-8")
    assert (
        '<docProponent refersTo="#unitedKingdom">United Kingdom of Great Britain and '
        'Northern Ireland</docProponent> and <docProponent refersTo="#unitedStates">United '
        "States of America</docProponent>"
    ) in xml


def test_chinese_adopted_resolution():
    result = convert_ok(CASES / "zh-adopted.txt")
    doc, xml = result.document, result.xml.decode("utf-8")
    assert [h.kind for h in doc.heading] == [
        "session",
        "agendaItem",
        "adopted",
        "report",
        "number",
        "title",
    ]
    assert doc.facts.symbol == "A/RES/74/177" and doc.facts.statement == "resolution"
    assert doc.facts.date == "2020-01-27"  # the masthead's date, not the adoption date
    assert '<docDate date="2019-12-18" refersTo="#adoption">2019 年 12 月 18 日</docDate>' in xml
    assert [p.num for p in doc.operative[1].points] == ["(a)", "(b)"]
    assert [plain_text(c.content) for c in doc.closing] == [
        "第 50 次全体会议",
        "2019 年 12 月 18 日",
    ]
    # the committee is read from the report line, around its own words
    assert doc.facts.committee == "3"
    assert '[根据<docCommittee refersTo="#thirdCommittee">第三委员会</docCommittee>的报告' in xml


@pytest.mark.parametrize("variant", ["pdftotext", "pdftotext-layout", "pdftotext-raw"])
def test_symbol_number_is_no_marker(variant):
    """'A/73/L.8/Add.1' in the report line ends a symbol; footnote 1 is referred to later."""
    xml = convert_ok(CORPUS / f"A_RES_73_7.en.{variant}.txt").xml.decode("utf-8")
    preface = xml[xml.index("<preface>") : xml.index("</preface>")]
    assert "authorialNote" not in preface and "A/73/L.8/Add.1</ref>" in preface


def test_operative_part_in_sections():
    """Section headings ('I' alone, its title on the next line; 'A. Title') before and
    between operative paragraphs, numbered through the sections."""
    result = convert_ok(CASES / "en-sections.txt")
    doc = result.document
    assert [("H", b.num) if isinstance(b, Heading) else b.num for b in doc.operative] == [
        ("H", "I"),
        "1.",
        "2.",
        ("H", "II"),
        "3.",
        ("H", "A."),
        "4.",
    ]
    assert doc.facts.committee == "2"  # "[on the report of the Second Committee (…)]"
    xml = result.xml.decode("utf-8")
    assert (
        '<hcontainer eId="hcontainer_1" name="section"><num>I</num><heading>General matters' in xml
    )


def test_business_rules_catch_numbering_across_sections():
    from lxml import etree

    from converter.akn import rules

    xml = convert_ok(CASES / "en-sections.txt").xml.replace(b"<num>3.</num>", b"<num>5.</num>")
    problems = rules.check(etree.ElementTree(etree.fromstring(xml)))
    assert [d.code for d in problems] == ["rules.numbering"]


def pdftotext_style(sample_text: str) -> str:
    """The sample as poppler's pdftotext would give it: a masthead, no first-line indents, a
    form feed, running header and footer at each page break, and no link lists."""
    pages: list[list[str]] = [[]]
    in_notes = False
    for line in sample_text.split("\n"):
        s = line.strip()
        if not s or s.startswith("http") or s in ("A/C.3/74/L.18", "19-17644 2/18"):
            continue
        if s.startswith("____"):
            in_notes = True
        elif in_notes and not re.match(r"^\d{1,2} ", s) and pages[-1][-1][-1] in "。":
            pages.append([])  # the notes ended: the next page
            in_notes = False
        pages[-1].append(s)
    total = len(pages)
    out = [
        "联合国",
        "A/C.3/74/L.99",
        "大会",
        "Distr.: Limited",
        "2019年10月31日",
        "Chinese",
        "Original: English",
        "",
    ]
    for n, page in enumerate(pages, 1):
        if n > 1:
            out.append("\fA/C.3/74/L.99")
        out += page
        out.append(f"19-17644 {n}/{total}" if n > 1 else "19-17644 (C)    011119")
    return "\n".join(out) + "\n"


def test_chinese_from_another_extractor():
    """No first-line indents, form feeds, masthead, headers and footers: the same paragraphs
    and footnotes as the sample, with the masthead's facts."""
    from tests.conftest import SAMPLE

    original = convert_ok(SAMPLE).document
    variant = convert_ok(pdftotext_style(SAMPLE.read_text(encoding="utf-8"))).document

    def texts(doc):
        return (
            [re.sub(r"\s", "", plain_text(p.content)) for p in doc.preamble + doc.operative],
            [(n.marker, re.sub(r"\s", "", plain_text(n.content))) for n in doc.notes],
        )

    assert texts(variant) == texts(original)
    assert variant.facts.symbol == "A/C.3/74/L.99" and variant.facts.date == "2019-10-31"
    assert variant.notes[-1].loc.page > 10  # pages come from the form feeds


def test_emitter_refuses_an_unknown_inline_node():
    """A model node the emitter has no rule for is an error, not silently dropped."""
    import dataclasses

    from converter.akn import emit
    from converter.model import Text
    from tests.conftest import SAMPLE

    @dataclasses.dataclass(frozen=True)
    class Strange:
        text: str

    doc = convert_ok(SAMPLE).document
    para = doc.operative[0]
    bad = dataclasses.replace(para, content=(Text("x"), Strange("y")))
    doc = dataclasses.replace(doc, operative=(bad, *doc.operative[1:]))
    with pytest.raises(TypeError, match="Strange"):
        emit.to_tree(doc)
