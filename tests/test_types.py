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
