"""The emitter's two builders (`converter.akn.elements`): the XML text parsed once and lxml's
API make the same document; a value with markup characters is escaped; a character that
XML does not allow fails the conversion as lxml's API always did."""

from __future__ import annotations

import pytest

from converter import convert
from converter.akn import emit
from converter.akn.elements import Elements, Markup
from tests.conftest import SAMPLE


def test_both_builders_make_the_same_document():
    result = convert(SAMPLE.read_bytes())  # named "<bytes>": a value to escape
    assert result.document is not None
    lang = emit.load(result.document.facts.lang)
    markup, elements = Markup(), Elements()
    emit._Emitter(result.document, lang).build(markup)
    emit._Emitter(result.document, lang).build(elements)
    tree = markup.tree()
    assert tree is not None  # parsed, not made by the API
    assert emit.to_bytes(tree) == emit.to_bytes(elements.tree())
    assert all(el.sourceline is None for el in tree.iter())  # no output lines


def test_markup_characters_in_a_value_are_escaped():
    result = convert(SAMPLE.read_bytes(), name='a&<>"\t\n\r b]]>')
    assert result.xml is not None
    assert b' file="a&amp;&lt;&gt;&quot;&#9;&#10;&#13; b]]&gt;"' in result.xml


@pytest.mark.parametrize("name", ["a\x01b", "x\ufffey"])
def test_a_character_xml_does_not_allow_is_lxmls_error(name):
    result = convert(SAMPLE.read_bytes(), name=name)
    assert result.tree is None
    assert any(
        "ValueError: All strings must be XML compatible" in d.message for d in result.diagnostics
    )
