"""The organs table: every organ's example symbols give the right actor, committee and year."""

from __future__ import annotations

import pytest

from converter import organs
from converter.organs import SYMBOL

EXAMPLES = [
    (actor, *example) for actor, organ in organs.organs().items() for example in organ.examples
]


def test_every_organ_has_examples():
    assert all(organ.examples for organ in organs.organs().values())
    assert {"un-ga", "un-sc", "un-ecosoc", "un-hrc"} <= set(organs.organs())


@pytest.mark.parametrize("actor,symbol,year,committee", EXAMPLES)
def test_example_symbol(actor, symbol, year, committee):
    organ = organs.organ_of(symbol)
    assert organ is not None and organ.actor == actor
    found = organs.committee_of(symbol)
    assert (found.id if found else "") == committee
    assert (organ.year_of(symbol, session=None) or "") == year


def test_year_from_session_is_the_general_assembly_s_alone():
    assert organs.get("un-ga").year_of("A/C.3/74/L.18", "74") == "2019"
    for actor in ("un-sc", "un-ecosoc", "un-hrc", "un-ccpcj"):
        assert organs.get(actor).year_of("X/1", "74") is None


def test_committee_ids_and_prefixes():
    ga = organs.get("un-ga")
    assert [c.id for c in ga.committees] == [
        "firstCommittee",
        "secondCommittee",
        "thirdCommittee",
        "fourthCommittee",
        "fifthCommittee",
        "sixthCommittee",
    ]
    assert organs.committee("un-ga", "3").prefix == "A/C.3/"
    assert organs.committee("un-sc", "3") is None


def test_symbol_line_grammar():
    for symbol in (
        "A/RES/73/3",
        "S/RES/2462 (2019)",
        "E/CN.15/2015/16",
        "CTOC/COP/2020/1",
        "TD/B/1",
        "UNEP/EA.4/1",
        "HRC/1",
    ):
        assert SYMBOL.match(symbol), symbol
    for text in ("X/1", "AS/1", "A/", "resolution 73/3"):
        assert not SYMBOL.match(text), text


def test_prefixes():
    assert organs.get("un-hrc").res == "A/HRC/RES/"
    assert organs.get("un-ga").dec == "A/DEC/"
    assert organs.organ_of("E/CN.4/RES/2005/1").actor == "un-chr"
    assert organs.organ_of("Z/1") is None


def test_what_a_symbol_says_the_document_is():
    assert organs.statement_of("A/RES/73/3") == "resolution"
    assert organs.statement_of("E/DEC/2018/201") == "decision"
    assert organs.statement_of("A/C.3/74/L.18") == "resolutionDraft"
    assert organs.statement_of("A/73/100") is None
