"""Every IRI the converter writes is a valid AKN IRI (cobalt's `FrbrUri.parse`), and every
citation of the same document in one output carries the same IRI."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from conftest import SAMPLE, convert_ok
from lxml import etree

from converter.akn.ns import AKN_NS

cobalt = pytest.importorskip("cobalt")

HERE = Path(__file__).parent
INPUTS = (
    [SAMPLE]
    + sorted((HERE / "fixtures" / "types").glob("*.txt"))
    + sorted((HERE / "fixtures" / "corpus").glob("*.pdftotext.txt"))
    + [
        HERE / "corpus" / "texts" / f"{name}.en.txt"
        for name in ("A_80_L.30", "A_C.2_80_L.60", "A_C.1_80_L.39", "A_C.3_80_L.57")
    ]
)
IRI_ATTRIBUTES = ("href", "value")
IRI_ELEMENTS = {"FRBRthis", "FRBRuri", "ref", "activeRef", "FRBRalias"}


def _iris(root: etree._Element):
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        for attr in IRI_ATTRIBUTES:
            value = el.get(attr)
            if not value or not value.startswith("/akn/") or value.startswith("/akn/ontology/"):
                continue  # TLC hrefs are ontology IRIs, no FRBR IRIs
            if name in IRI_ELEMENTS or attr == "href":
                yield name, value


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: Path(p).name)
def test_every_iri_parses(path):
    root = etree.fromstring(convert_ok(path).xml)
    iris = list(_iris(root))
    assert iris
    for name, iri in iris:
        parsed = cobalt.FrbrUri.parse(iri)
        assert parsed.country == "un", (name, iri)
        assert parsed.date, (name, iri)  # a date always: "0000" where it is unknown


def test_one_iri_per_cited_document_in_the_sample(sample_tree):
    by_symbol: dict[str, set[str]] = defaultdict(set)
    refs = sample_tree.getroot().iter(f"{{{AKN_NS}}}ref")
    for ref in refs:
        number = ref.get("href").split("/~")[0].rstrip("/").rsplit("/", 1)[-1]
        by_symbol[number].add(ref.get("href"))
    assert len(by_symbol) > 10
    assert {n: h for n, h in by_symbol.items() if len(h) > 1} == {}


def _text(preamble: str) -> str:
    fixture = (HERE / "fixtures" / "types" / "hrc.en.txt").read_text(encoding="utf-8")
    return fixture.replace("Recalling its resolution 73/185 of 17 December 2018,", preamble)


def _hrefs(result) -> list[str]:
    return [r.get("href") for r in etree.fromstring(result.xml).iter(f"{{{AKN_NS}}}ref")]


def test_resolution_dates_date_the_citations_the_document_leaves_undated():
    text = _text("Recalling General Assembly resolutions 73/185 and 74/177,")
    undated = _hrefs(convert_ok(text))
    assert undated == [
        "/akn/un/statement/deliberation/un-ga/0000/A-RES-73-185",
        "/akn/un/statement/deliberation/un-ga/0000/A-RES-74-177",
    ]
    known = {"A/RES/73/185": "2018-12-17", "A/RES/74/177": "2019"}
    assert _hrefs(convert_ok(text, resolution_dates=known)) == [
        "/akn/un/statement/deliberation/un-ga/2018-12-17/A-RES-73-185",
        "/akn/un/statement/deliberation/un-ga/2019/A-RES-74-177",
    ]


def test_a_printed_date_wins_over_the_resolution_dates():
    text = _text("Recalling General Assembly resolution 73/185 of 17 December 2018,")
    result = convert_ok(text, resolution_dates={"A/RES/73/185": "2018-12-20"})
    assert _hrefs(result) == ["/akn/un/statement/deliberation/un-ga/2018-12-17/A-RES-73-185"]


def test_resolution_dates_files(tmp_path):
    import argparse

    from converter.app.options import resolution_dates

    (tmp_path / "d.json").write_text('{"A/RES/73/185": "2018-12-17"}', encoding="utf-8")
    (tmp_path / "d.csv").write_text("A/RES/73/185,2018-12-17\nS/RES/2462 (2019),2019\n")
    (tmp_path / "bad.csv").write_text("A/RES/73/185,2018-12-17\nA/RES/74/1,17 December\n")
    assert resolution_dates(str(tmp_path / "d.json")) == (("A/RES/73/185", "2018-12-17"),)
    assert dict(resolution_dates(str(tmp_path / "d.csv")))["S/RES/2462 (2019)"] == "2019"
    with pytest.raises(argparse.ArgumentTypeError, match="bad.csv:2"):
        resolution_dates(str(tmp_path / "bad.csv"))
    project = resolution_dates(str(HERE.parent / "data" / "resolution-dates.json"))
    assert len(project) > 1000 and all("/" in s for s, _ in project)
