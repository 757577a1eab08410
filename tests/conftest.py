"""Shared test helpers. Every AKN document a test produces is validated against the bundled
schema: the pipeline validates each conversion with lxml, and `assert_valid` adds xmlschema."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from converter import convert
from converter.akn import schema as validate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "A-C.3-74-L.18.zh.txt"
CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def en_masthead(title: str = "Test resolution", indent: str = "     ") -> str:
    """The masthead of a small English test resolution A/RES/74/1, up to its formula line."""
    return (
        "United Nations                                    A/RES/74/1\n"
        "General Assembly                                  Distr.: General\n"
        "                                                  10 October 2019\n\n"
        "Seventy-fourth session\n\n"
        "Resolution adopted by the General Assembly on 10 October 2019\n\n"
        f"74/1. {title}\n\n"
        f"{indent}The General Assembly,\n"
    )


def assert_valid(xml: bytes) -> etree._ElementTree:
    """Parse ``xml`` and assert both validators and the business rules accept it."""
    assert xml is not None, "no XML was produced"
    tree = etree.ElementTree(etree.fromstring(xml))
    assert validate.schema_errors(tree) == []
    assert validate.thorough_errors(tree) == []
    from converter.akn import rules

    assert rules.check(tree) == []
    return tree


def convert_ok(source, **kwargs):
    """Convert and assert the result is written, valid and has no error."""
    result = convert(source, **kwargs)
    errors = [d.format() for d in result.diagnostics if d.severity >= 2]
    assert not errors, "\n".join(errors)
    assert_valid(result.xml)
    return result


@pytest.fixture(scope="session")
def sample_result():
    return convert_ok(SAMPLE)


@pytest.fixture(scope="session")
def sample_tree(sample_result):
    return etree.ElementTree(etree.fromstring(sample_result.xml))
