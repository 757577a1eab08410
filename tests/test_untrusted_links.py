"""Only URLs of a UN document host become links (AKN alternativeReference, HTML, PDF);
anything else stays text with a located ``link.untrusted`` warning."""

from __future__ import annotations

import pytest
from lxml import etree

from converter import convert
from converter.akn.ns import PROP
from converter.urls import is_web, trusted
from converter.writers import writer
from converter.writers.languages import for_code
from converter.writers.links import resolver_url
from converter.writers.typst.markup import build
from tests.conftest import assert_valid, en_masthead

HEAD = (
    en_masthead() + "     Recalling its resolution 46/152 of 18 December 1991,\n"
    "     1.   Decides to remain seized of the matter.\n"
)
GOOD = "https://undocs.org/ch/A/RES/46/152"
EVIL = "https://evil.example\\@undocs.org/ch/A/RES/46/152"


@pytest.mark.parametrize(
    "url",
    [
        EVIL,
        "https://user:pw@undocs.org/A/RES/46/152",
        "https://undocs.org:8080/A/RES/46/152",
        "ftp://undocs.org/A/RES/46/152",
        "https://undocs.org.evil.example/A/RES/46/152",
        "https://example.org/A/RES/46/152",
    ],
)
def test_untrusted_urls(url):
    assert not trusted(url)


@pytest.mark.parametrize(
    "url",
    [
        GOOD,
        "http://documents.un.org/doc/A/RES/46/152",
        "https://digitallibrary.un.org/record/1",
        "https://daccess-ods.un.org/x",
        "https://documents-dds-ny.un.org:443/x",
    ],
)
def test_trusted_urls(url):
    assert trusted(url)


def test_an_untrusted_link_stays_text_with_a_located_warning():
    result = convert(HEAD + EVIL + "\n", "en")
    tree = assert_valid(result.xml)
    warnings = [d for d in result.diagnostics if d.code == "link.untrusted"]
    assert [d.line for d in warnings] == [HEAD.count("\n") + 1]
    assert tree.find(".//{*}alternativeReference") is None
    link = tree.find(f".//{PROP}link")
    assert link.get("trusted") == "false" and link.get("matched") == "false"
    assert "evil" not in writer("html").write(result).decode("utf-8")
    assert "evil" not in build(etree.fromstring(result.xml)).body  # the PDF's Typst code


def test_a_trusted_link_is_kept_everywhere():
    result = convert(HEAD + GOOD + "\n", "en")
    tree = assert_valid(result.xml)
    assert not [d for d in result.diagnostics if d.code.startswith("link.")]
    assert tree.find(".//{*}alternativeReference").get("href") == GOOD
    assert f'href="{GOOD}"' in writer("html").write(result).decode("utf-8")
    assert GOOD in build(etree.fromstring(result.xml)).body


def test_writers_refuse_other_schemes():
    assert not is_web("javascript:alert(1)") and not is_web("file:///etc/passwd")
    assert resolver_url("javascript:alert(1)", for_code("en")) is None
    assert resolver_url("https://example.org/x", for_code("en")) == "https://example.org/x"
    root = etree.fromstring(
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><meta>'
        '<alternativeReference for="#ref_1" href="javascript:alert(1)"/></meta></akomaNtoso>'
    )
    from converter.writers.links import alternative_links  # what both writers link with

    assert alternative_links(root) == {}
