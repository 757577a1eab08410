"""Resolutions made of titled sections, each with a preamble of its own and its own operative
paragraphs numbered from 1 (`converter.parse.sections`; markup in docs/markup.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_valid, convert_ok
from lxml import etree

from converter.akn.ns import AKN_NS
from converter.model import Heading, Paragraph, to_json

TYPES = Path(__file__).parent / "fixtures" / "types"
CASES = Path(__file__).parent / "fixtures" / "cases"
TEXTS = Path(__file__).parent / "corpus" / "texts"
NS = {"a": AKN_NS}


def _eids(root, path: str) -> list[str]:
    return [e.get("eId") for e in root.xpath(path, namespaces=NS)]


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru"])
def test_sections_with_their_own_preamble(code):
    result = convert_ok(TYPES / f"sections.{code}.txt")
    warnings = [d.format() for d in result.diagnostics if d.severity >= 1]
    assert not warnings, "\n".join(warnings)
    doc = result.document
    assert doc.preamble == ()  # the formula is followed by section I at once
    shape = [(b.num, len(b.preamble)) if isinstance(b, Heading) else b.num for b in doc.operative]
    assert shape == [("I", 2), "1.", "2.", "3.", ("II", 2), "1.", "2."]
    root = etree.fromstring(result.xml)
    sections = root.findall("a:statement/a:mainBody/a:hcontainer", NS)
    found = [(s.get("eId"), s.get("name"), s.findtext("a:num", namespaces=NS)) for s in sections]
    assert found == [
        ("hcontainer_1", "section", "I"),
        ("hcontainer_2", "section", "II"),
    ]
    for n, section in enumerate(sections, 1):
        # num, heading, the section's preamble as its intro, then its paragraphs
        assert [etree.QName(c).localname for c in section][:4] == [
            "num",
            "heading",
            "intro",
            "paragraph",
        ]
        own = section.findall("a:intro/a:blockContainer", NS)
        assert [c.get("eId") for c in own] == [
            f"hcontainer_{n}__preambular_1",
            f"hcontainer_{n}__preambular_2",
        ]
        assert own[0].get("refersTo") == "#recalling"
        phrase = own[0].find("a:p/a:inline[@name='openingPhrase']", NS)
        assert phrase is not None and phrase.get("refersTo") == "#recalling"
        if code in ("en", "fr"):  # each section's footnote stands in its own preamble
            assert own[1].find(".//a:authorialNote", NS).get("marker") == str(n)
        paras = section.findall("a:paragraph", NS)
        assert paras[0].findtext("a:num", namespaces=NS) == "1."
        assert paras[0].get("eId") == f"hcontainer_{n}__para_1"
    assert sections[1].find("a:intro/a:blockContainer", NS).get("class") == "also"
    concepts = set(_eids(root, "//a:references/a:TLCConcept"))
    assert {"recalling", "takesNote", "welcomes"} <= concepts
    counts = result.counts()
    assert (counts["preambular"], counts["sectionPreambular"], counts["operative"]) == (2, 2, 5)


def test_section_preambles_in_the_model_json():
    """The model names a section's preamble; a heading without one dumps as it always did."""
    data = json.loads(to_json(convert_ok(TYPES / "sections.en.txt").document))
    first = data["operative"][0]
    assert first["node"] == "Heading" and len(first["preamble"]) == 2
    assert first["preamble"][0]["node"] == "Paragraph"
    plain = json.loads(to_json(convert_ok(CASES / "en-sections.txt").document))
    assert all("preamble" not in b for b in plain["operative"] if b["node"] == "Heading")


def test_a_preamble_before_the_sections_stays_the_documents():
    """A document preamble, then section I with a preamble of its own: both counted before
    the first operative paragraph."""
    text = (TYPES / "sections.en.txt").read_text(encoding="utf-8")
    text = text.replace("The General Assembly,\n", "The General Assembly,\nNoting the report,\n")
    result = convert_ok(text)
    assert len(result.document.preamble) == 1
    root = etree.fromstring(result.xml)
    assert _eids(root, "//a:preamble/a:container") == ["preambular_1"]
    assert result.counts()["preambular"] == 3


def test_sections_without_a_preamble_are_unchanged():
    """Omnibus sections whose paragraphs follow their heading at once have no intro."""
    result = convert_ok(CASES / "en-sections.txt")
    root = etree.fromstring(result.xml)
    assert not root.findall(".//a:intro", NS) and not root.findall(".//a:blockContainer", NS)
    assert result.counts()["sectionPreambular"] == 0


def test_numbering_that_runs_on_through_sections_with_their_own_preamble():
    """Section II's paragraphs go on numbering (4., 5.): its "Recalling…" lines are still its
    own preamble (not text glued to paragraph 3), and its paragraphs keep the part's eIds."""
    text = (TYPES / "sections.en.txt").read_text(encoding="utf-8")
    text = text.replace("1. Welcomes", "4. Welcomes").replace("2. Invites", "5. Invites")
    result = convert_ok(text)
    headings = [b for b in result.document.operative if isinstance(b, Heading)]
    assert [len(h.preamble) for h in headings] == [2, 2]
    root = etree.fromstring(result.xml)
    assert _eids(root, "//a:hcontainer[2]/a:intro/a:blockContainer") == [
        "hcontainer_2__preambular_1",
        "hcontainer_2__preambular_2",
    ]
    assert _eids(root, "//a:hcontainer[2]/a:paragraph") == ["para_4", "para_5"]
    para_3 = root.xpath("//a:paragraph[@eId='para_3']", namespaces=NS)[0]
    assert "Recalling" not in "".join(para_3.itertext())


def test_a_number_out_of_sequence_after_a_sections_preamble_is_reported():
    """Neither 1 nor the next number after section II's preamble: no preamble of its own is
    made up, and the paragraph out of sequence is a located error."""
    from converter import convert

    text = (TYPES / "sections.en.txt").read_text(encoding="utf-8")
    text = text.replace("1. Welcomes", "7. Welcomes").replace("2. Invites", "8. Invites")
    result = convert(text)
    errors = [d for d in result.diagnostics if d.code == "structure.numbering"]
    line = next(n for n, l in enumerate(text.split("\n"), 1) if l.startswith("7. Welcomes"))
    assert errors and errors[0].line == line and not result.ok()


def test_the_corpus_resolution_in_sections():
    """A/RES/80/237: sections I and II, each with two preambular paragraphs, 22 + 4 operative
    paragraphs, a footnote in each section's preamble."""
    result = convert_ok(TEXTS / "A_RES_80_237.en.txt")
    doc = result.document
    headings = [b for b in doc.operative if isinstance(b, Heading)]
    assert [(h.num, len(h.preamble)) for h in headings] == [("I", 2), ("II", 2)]
    numbers = [b.num for b in doc.operative if isinstance(b, Paragraph)]
    assert numbers == [f"{n}." for n in range(1, 23)] + [f"{n}." for n in range(1, 5)]
    counts = result.counts()
    assert (counts["preambular"], counts["sectionPreambular"], counts["operative"]) == (2, 2, 26)
    assert counts["footnotes"] == counts["firstReferences"] == 2
    assert not [d for d in result.diagnostics if d.code.startswith(("plausibility", "paragraph"))]


def test_writers_lay_out_a_sections_preamble():
    from converter.writers import html as html_writer
    from converter.writers.typst import typst_source

    result = convert_ok(TYPES / "sections.en.txt")
    assert_valid(result.xml)
    page = html_writer.write(result).decode("utf-8")
    assert 'id="hcontainer_2__preambular_1"' in page and "type-recalling" in page
    assert page.index("Work of the advisory committee") < page.index("Recalling also")
    source = typst_source(result.xml)[0]
    assert source.index("Work of the advisory committee") < source.index("Welcomes")
    assert "Noting" in source
