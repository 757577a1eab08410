"""Building the AKN tree: the emitter writes the document in order through a builder
(`open`, `close`, `leaf`, `text`), and takes a `spot` where it writes a part later (`meta`,
the cover page: they need what the body finds). Text is never parsed as markup.

Two builders make the same tree. `Markup` writes the document as XML text, parsed once by
libxml2: far cheaper than lxml's API, which checks each tag, namespace, attribute and text
on every call. libxml2 refuses what lxml's API refuses too (a character XML does not
allow); then `Elements`, the API an element at a time, makes the tree again, so that the
error raised is lxml's own, as it always was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from lxml import etree

from converter.akn.ns import AKN, AKN_NS, NSMAP, PROP, PROP_NS, PROP_PREFIX

Attributes = Mapping[str, str | None]  #: an element's attributes in order; None: left out

#: what a value cannot be written as in XML text; its character reference is the same
#: character to the parser, in text and in an attribute (where a raw \t\n\r is a space)
_SPECIALS = '&<>"\t\n\r'
_SPECIAL = re.compile(f"[{_SPECIALS}]")
_REFERENCE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False)


class Builder(Protocol):
    def open(self, tag: str, attrib: Attributes | None = None) -> None:
        """Start an element ``tag`` (an AKN name, or "un2akn:" and a proprietary one)."""

    def close(self) -> None:
        """End the element opened last."""

    def leaf(self, tag: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        """An element with no child (``text``, if any, its content)."""

    def text(self, text: str) -> None:
        """Text at this point: after the last child written, else in the open element."""

    def spot(self) -> Builder:
        """A builder for what goes at this point, written later."""


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _REFERENCE.get(char) or f"&#{ord(char)};"


class Markup:
    """The document as XML text: a list of fragments, joined and parsed by `tree`."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.values: list[int] = []  #: where in parts a value (text, attribute) is, raw
        self.tags: list[str] = []  #: the open elements
        self.spots: list[tuple[int, Markup]] = []  #: (where in parts, what goes there)

    def _start(self, tag: str, attrib: Attributes | None) -> None:
        parts = self.parts
        parts.append("<" + tag)
        if attrib:
            for name, value in attrib.items():
                if value is not None:
                    parts.append(f' {name}="')
                    self.values.append(len(parts))
                    parts.append(value)
                    parts.append('"')

    def open(self, tag: str, attrib: Attributes | None = None) -> None:
        self._start(tag, attrib)
        self.parts.append(">")
        self.tags.append(tag)

    def close(self) -> None:
        self.parts.append(f"</{self.tags.pop()}>")

    def leaf(self, tag: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        self._start(tag, attrib)
        parts = self.parts
        if text:
            parts.append(">")
            self.values.append(len(parts))
            parts.append(text)
            parts.append(f"</{tag}>")
        else:
            parts.append("/>")

    def text(self, text: str) -> None:
        self.values.append(len(self.parts))
        self.parts.append(text)

    def spot(self) -> Markup:
        later = Markup()
        self.spots.append((len(self.parts), later))
        self.parts.append("")
        return later

    def joined(self) -> str:
        """The text written, the spots filled in; a value escaped only if it needs it (one
        search of them all: almost no document has one)."""
        parts = self.parts
        for at, later in self.spots:
            parts[at] = later.joined()
        values = self.values
        written = "".join(map(parts.__getitem__, values))
        if any(char in written for char in _SPECIALS):  # (a search of each: fastest)
            for at in values:
                parts[at] = _SPECIAL.sub(_escape, parts[at])
        return "".join(parts)

    def tree(self) -> etree._ElementTree | None:
        """The tree of the document written, without line numbers (as one made with lxml's
        API: the checks tell no output line); None if libxml2 refuses the text."""
        head = f'<akomaNtoso xmlns="{AKN_NS}" xmlns:{PROP_PREFIX}="{PROP_NS}">'
        try:
            data = (head + self.joined() + "</akomaNtoso>").encode("utf-8")
            root = etree.fromstring(data, _PARSER)
        except (UnicodeEncodeError, etree.XMLSyntaxError):
            return None
        for el in root.iter():
            el.sourceline = 0
        return etree.ElementTree(root)


class Elements:
    """The document made with lxml's API, one element at a time: lxml checks every name
    and string, and raises on one it cannot take."""

    def __init__(self, parent: etree._Element | None = None, at: int | None = None):
        if parent is None:
            parent = etree.Element(AKN + "akomaNtoso", nsmap=NSMAP)
        self.stack = [parent]  #: the open elements
        self.last: list[etree._Element | None] = [None]  #: the last child of each
        self.at = at  #: where the children of the first go (None: after its others)

    def _add(self, tag: str, attrib: Attributes | None, text: str | None) -> etree._Element:
        parent = self.stack[-1]
        el = sub(parent, tag, attrib, text)
        if self.at is not None and len(self.stack) == 1:
            parent.insert(self.at, el)  # moved to its spot
            self.at += 1
        self.last[-1] = el
        return el

    def open(self, tag: str, attrib: Attributes | None = None) -> None:
        self.stack.append(self._add(tag, attrib, None))
        self.last.append(None)

    def close(self) -> None:
        self.stack.pop()
        self.last.pop()

    def leaf(self, tag: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        self._add(tag, attrib, text)

    def text(self, text: str) -> None:
        last = self.last[-1]
        if last is None:
            el = self.stack[-1]
            el.text = (el.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    def spot(self) -> Elements:
        parent = self.stack[-1]
        return Elements(parent, len(parent))

    def tree(self) -> etree._ElementTree:
        return etree.ElementTree(self.stack[0])


def sub(
    parent: etree._Element,
    tag: str,
    attrib: Attributes | None = None,
    text: str | None = None,
) -> etree._Element:
    """A new element ``tag`` (AKN, or "un2akn:" and a proprietary name) appended to
    ``parent`` (made in the parent's document: an element made apart and then appended
    costs a document of its own). The attributes are set one by one, in order: faster in
    lxml than a dict given to ``SubElement``."""
    prefix, _, name = tag.rpartition(":")
    el = etree.SubElement(parent, (PROP if prefix else AKN) + name)
    if attrib:
        for name, value in attrib.items():
            if value is not None:
                el.set(name, value)
    if text:
        el.text = text
    return el
