"""Every kind of UN document: decisions whose formula runs on into their text (and the
programme of work attached to some), amendments, and what is no resolution at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import convert_ok
from lxml import etree

from converter.akn.ns import AKN_NS

TEXTS = Path(__file__).parent / "corpus" / "texts"
NS = {"a": AKN_NS}


def _tree(result) -> etree._Element:
    return etree.fromstring(result.xml)


@pytest.mark.parametrize(
    "name, formula, points, attached",
    [
        ("A_80_L.37", "The General Assembly,", 0, 0),
        ("A_C.1_80_L.39", "The General Assembly,", 0, 0),
        ("A_C.2_80_L.60", "The General Assembly:", 2, 1),
        ("A_C.4_80_L.15", "The General Assembly", 0, 1),
        ("A_C.6_80_L.20", "The General Assembly", 0, 1),
    ],
)
def test_run_on_decision(name, formula, points, attached):
    result = convert_ok(TEXTS / f"{name}.en.txt")
    root = _tree(result)
    statement = root.find("a:statement", NS)
    assert statement.get("name") == "decisionDraft"
    assert root.find(".//a:FRBRsubtype", NS).get("value") == "deliberation"
    assert root.findtext(".//a:formula/a:p", namespaces=NS) == formula
    assert not root.findall(".//a:preamble/a:container", NS)
    assert not root.findall("a:statement/a:mainBody/a:paragraph", NS)
    run_on = root.find("a:statement/a:mainBody/*[@class='runOn']", NS)
    assert run_on is not None
    assert len(run_on.findall("a:point", NS)) == points
    if not points:  # the sentence, formula aside, is the body's one p
        text = "".join(run_on.itertext())
        assert text[0].islower() and text.rstrip(" *").endswith((".", ":"))
    assert len(root.findall(".//a:attachment", NS)) == attached
    counts = result.counts()
    assert counts["preambular"] == counts["operative"] == 0


@pytest.mark.parametrize(
    "name, amends, items, first_target",
    [
        ("A_80_L.30", "A/80/L.25", 11, "/akn/un/doc/0000/A-80-L.25/~preambular_4"),
        ("A_80_L.35", "A/80/L.27", 5, "/akn/un/doc/0000/A-80-L.27/~preambular_2"),
        ("A_80_L.38", "A/80/555", 1, "/akn/un/doc/0000/A-80-555/~preambular_21"),
        ("A_C.3_80_L.56", "A/C.3/80/L.2", 1, "/akn/un/doc/0000/A-C.3-80-L.2/~para_3"),
        ("A_C.3_80_L.57", "A/C.3/80/L.3/Rev.1", 2, "/akn/un/doc/0000/A-C.3-80-L.3-Rev.1/~para_64"),
        ("A_C.2_80_L.62", "A/C.2/80/L.13/Rev.1", 1, None),
    ],
)
def test_amendment(name, amends, items, first_target):
    result = convert_ok(TEXTS / f"{name}.en.txt")
    root = _tree(result)
    doc = root.find("a:amendment", NS)
    assert doc is not None and doc.get("name") == "amendment"
    assert root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value").startswith("/akn/un/amendment/")
    ref = root.find(".//a:references/a:activeRef", NS)
    assert ref.get("showAs") == amends
    contents = doc.findall("a:amendmentBody/a:amendmentContent", NS)
    assert len(contents) == items
    assert [c.get("eId") for c in contents] == [f"amendment_{n}" for n in range(1, items + 1)]
    hrefs = [r.get("href") for c in contents for r in c.iter(f"{{{AKN_NS}}}ref")]
    if first_target:
        assert first_target in hrefs
    assert result.document.facts.amends == amends


@pytest.mark.parametrize("name, what", [("A_C.4_80_L.1", "a note"), ("A_C.6_80_L.1", "a note")])
def test_not_a_resolution_is_refused(name, what):
    from converter import convert

    result = convert(TEXTS / f"{name}.en.txt")
    assert result.xml is None
    refusal = [d for d in result.diagnostics if d.code == "input.not_a_resolution"]
    assert refusal and what in refusal[0].message and refusal[0].line > 0


@pytest.mark.parametrize(
    "symbol, number",
    [
        ("A/C.3/80/L.50/Rev.1", "A-C.3-80-L.50-Rev.1"),
        ("A/C.3/80/L.50/Rev.1/Corr.1", "A-C.3-80-L.50-Rev.1-Corr.1"),
        ("A/80/L.8/Corr.1", "A-80-L.8-Corr.1"),
    ],
)
def test_revisions_and_corrigenda_keep_their_symbol(symbol, number):
    text = (TEXTS / "A_C.3_80_L.57.en.txt").read_text(encoding="utf-8")
    text = text.replace("A/C.3/80/L.57 \n", f"{symbol}\n", 1)
    result = convert_ok(text)
    assert result.document.facts.symbol == symbol
    root = _tree(result)
    assert root.find(".//a:FRBRWork/a:FRBRnumber", NS).get("value") == number
    assert root.find(".//a:FRBRWork/a:FRBRnumber", NS).get("showAs") == symbol


# --- hand-written fixtures in all six languages (tests/fixtures/types/<kind>.<lang>.txt) ----
TYPES = Path(__file__).parent / "fixtures" / "types"
CODES = ["ar", "zh", "en", "fr", "ru", "es"]
DATE = "2019-11-01"  # every fixture's masthead date


def _fixture(kind: str, code: str):
    result = convert_ok(TYPES / f"{kind}.{code}.txt")
    assert result.language == code
    warnings = [d.format() for d in result.diagnostics if d.severity >= 1]
    assert not warnings, "\n".join(warnings)
    return result, _tree(result)


def _work(root) -> dict[str, str]:
    work = root.find(".//a:FRBRWork", NS)
    return {
        "uri": work.find("a:FRBRuri", NS).get("value"),
        "date": work.find("a:FRBRdate", NS).get("date"),
        "author": work.find("a:FRBRauthor", NS).get("href"),
        "subtype": work.find("a:FRBRsubtype", NS).get("value"),
        "number": work.find("a:FRBRnumber", NS).get("showAs"),
    }


@pytest.mark.parametrize("code", CODES)
def test_fixture_decision(code):
    result, root = _fixture("decision", code)
    assert root.find("a:statement", NS).get("name") == "decisionDraft"
    assert _work(root) == {
        "uri": f"/akn/un/statement/deliberation/un-ga/{DATE}/A-C.3-74-L.98",
        "date": DATE,
        "author": "#un-ga",
        "subtype": "deliberation",
        "number": "A/C.3/74/L.98",
    }
    assert root.findtext(".//a:formula/a:p", namespaces=NS)
    body = root.find("a:statement/a:mainBody", NS)
    assert [e.get("class") for e in body] == ["runOn"]
    assert len(root.findall(".//a:docProponent", NS)) == 2
    assert result.counts()["preambular"] == result.counts()["operative"] == 0


@pytest.mark.parametrize("code", CODES)
def test_fixture_amendment(code):
    result, root = _fixture("amendment", code)
    doc = root.find("a:amendment", NS)
    assert doc.get("name") == "amendment"
    assert _work(root) == {
        "uri": f"/akn/un/amendment/deliberation/un-ga/{DATE}/A-C.3-74-L.97",
        "date": DATE,
        "author": "#un-ga",
        "subtype": "deliberation",
        "number": "A/C.3/74/L.97",
    }
    assert root.find(".//a:activeRef", NS).get("showAs") == "A/C.3/74/L.99"
    assert result.document.facts.amends == "A/C.3/74/L.99"
    items = doc.findall("a:amendmentBody/a:amendmentContent", NS)
    assert [i.get("eId") for i in items] == ["amendment_1", "amendment_2", "amendment_3"]
    base = "/akn/un/doc/0000/A-C.3-74-L.99/~"
    # an ordinal (Russian: masculine, prepositional "втором"), a number, and a list of
    # numbers whose every number is linked ("operative paragraphs 3, 4 and 6")
    for item, want in zip(items, (["preambular_2"], ["para_2"], ["para_3", "para_4", "para_6"])):
        refs = list(item.iter(f"{{{AKN_NS}}}ref"))
        assert [r.get("href") for r in refs] == [base + target for target in want]
        if len(want) > 1:
            assert [r.text for r in refs] == ["3", "4", "6"]
    assert root.find(".//a:docProponent", NS) is not None
    assert "A/C.3/74/L.99" in "".join(root.find(".//a:docStage", NS).itertext())


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(
    "kind, actor, number",
    [
        ("sc", "un-sc", "S/RES/2462 (2019)"),
        ("ecosoc", "un-ecosoc", "E/RES/2019/17"),
        ("hrc", "un-hrc", "A/HRC/RES/40/1"),
    ],
)
def test_fixture_other_organs(kind, actor, number, code):
    result, root = _fixture(kind, code)
    assert root.find("a:statement", NS).get("name") == "resolution"
    iri_number = number.replace("/", "-").replace(" ", "_")
    assert _work(root) == {
        "uri": f"/akn/un/statement/deliberation/{actor}/{DATE}/{iri_number}",
        "date": DATE,
        "author": f"#{actor}",
        "subtype": "deliberation",
        "number": number,
    }
    organ = root.find(f".//a:TLCOrganization[@eId='{actor}']", NS)
    assert organ is not None and organ.get("showAs")
    assert len(root.findall(".//a:preamble/a:container", NS)) == 2
    assert [p.get("eId") for p in root.findall(".//a:mainBody/a:paragraph", NS)] == [
        "para_1",
        "para_2",
    ]


def _truth() -> dict:
    import json

    return json.loads((Path(__file__).parent / "corpus" / "truth.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "name",
    sorted(n for n, t in _truth().items() if t["type"] in ("decisionDraft", "amendment")),
)
def test_every_decision_and_amendment_of_the_corpus_has_its_type(name):
    truth = _truth()[name]
    result = convert_ok(TEXTS / f"{name}.en.txt")
    assert result.document.facts.statement == truth["type"]
    assert result.document.facts.actor == "un-ga"
    root = _tree(result)
    assert root.find(".//a:FRBRWork/a:FRBRauthor", NS).get("href") == "#un-ga"
    if truth["type"] == "amendment":
        amends = truth["amends"]
        assert result.document.facts.amends == amends.rsplit(" ", 1)[-1]
        items = root.findall(".//a:amendmentContent", NS)
        assert len(items) == truth["amendment_items"]


@pytest.mark.parametrize("code", CODES)
def test_fixture_security_council_number_and_adoption_line(code):
    result, root = _fixture("sc", code)
    number = root.findtext(".//a:preface//a:docNumber", namespaces=NS)
    assert number.replace(" ", "") == "2462(2019)"  # as printed: Chinese has no space
    adopted = root.find(".//a:preface/a:p[@class='adopted']", NS)
    assert adopted is not None
    assert adopted.find(".//a:docDate", NS).get("date") == DATE
    assert not root.findall(".//a:longTitle", NS)  # no heading line mistaken for a title
