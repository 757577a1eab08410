"""What the parts of the HTML builder share: its state, and the methods one part calls in
another (the `_Builder` of `builder` joins `InlineParts`, `BlockParts` and `DocumentParts`)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from converter.writers.akn import Facts
from converter.writers.html.links import _Notes


class Parts:
    """The builder's state and cross-part methods, declared once for every part."""

    facts: Facts
    ids: set[str]  #: eIds that exist in the rendered parts
    notes: _Notes
    alternatives: dict[str, str]  #: ref eId -> source URL
    used_ids: set[str]
    pending_num: list[etree._Element]  #: numbers waiting for the paragraph that prints them
    note_count: int

    # implemented in `inline.InlineParts`
    def set_id(self, html: etree._Element, value: str | None) -> None:
        raise NotImplementedError

    def inline_into(self, html: etree._Element, src: etree._Element) -> None:
        raise NotImplementedError

    def consume_num(self, html_p: etree._Element) -> None:
        raise NotImplementedError

    def inline(self, el: etree._Element) -> list[etree._Element]:
        raise NotImplementedError

    # implemented in `blocks.BlockParts`
    def blocks(self, el: etree._Element, level: int = 2) -> list[etree._Element]:
        raise NotImplementedError

    def paragraph(self, el: etree._Element, classes: Iterable[str] = ()) -> etree._Element:
        raise NotImplementedError

    def block(self, el: etree._Element, level: int = 2) -> list[etree._Element]:
        raise NotImplementedError

    # implemented in `masthead.DocumentParts`
    def document(self, el: etree._Element, level: int = 2) -> etree._Element:
        raise NotImplementedError
