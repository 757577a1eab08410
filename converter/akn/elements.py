"""Building AKN elements with lxml: a child in the AKN namespace. Text is never parsed as
markup."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from converter.akn.ns import AKN


def sub(
    parent: etree._Element,
    tag: str,
    attrib: Mapping[str, str | None] | None = None,
    text: str | None = None,
) -> etree._Element:
    """A new AKN element ``tag`` appended to ``parent`` (made in the parent's document: an
    element made apart and then appended costs a document of its own). The attributes are
    set one by one, in order: faster in lxml than a dict given to ``SubElement``."""
    el = etree.SubElement(parent, AKN + tag)
    if attrib:
        for name, value in attrib.items():
            if value is not None:
                el.set(name, value)
    if text:
        el.text = text
    return el
