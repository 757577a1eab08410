"""Building the AKN tree: the emitter writes the document in order through a builder
(`open`, `close`, `leaf`, `text`), and takes a `spot` where it writes a part later (`meta`,
the cover page: they need what the body finds). Text is never parsed as markup.

Two builders make the same tree. `Markup` writes the document as XML text, parsed once by
libxml2: cheaper than lxml's API, which checks each tag, namespace, attribute and text on
every call. libxml2 refuses what lxml's API refuses too (a character XML does not allow);
then `Elements`, the API an element at a time, makes the tree again, so that the error
raised is lxml's own, as it always was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from lxml import etree

from converter.akn.ns import AKN, AKN_NS, NSMAP, PROP, PROP_NS, PROP_PREFIX

Attributes = Mapping[str, str | None]  #: an element's attributes in order; None: left out

#: the characters a value (text, attribute) cannot be written as in XML text (markup; \t\n\r
#: read as a space in an attribute, \r as \n in text), "&" first, and their references: the
#: same characters to the parser, in text and in an attribute
_REFERENCES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\t": "&#9;",
    "\n": "&#10;",
    "\r": "&#13;",
}
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


class Markup:
    """The document as XML text, joined and parsed by `tree`: a list of its markup and its
    values (text, attribute values) in turn, the values written as they are until `joined`
    finds one to escape."""

    def __init__(self) -> None:
        self.parts: list[str] = []  #: markup, value, markup, value…: parts[1::2] the values
        self.markup = ""  #: the markup written after the last value
        self.tags: list[str] = []  #: the open elements
        self.spots: list[tuple[int, Markup]] = []  #: (where in parts, what goes there)

    def _start(self, tag: str, attrib: Attributes | None) -> str:
        """The start tag ``tag`` but for its last ">", its values written: its markup left."""
        markup = f"{self.markup}<{tag}"
        if attrib:
            parts = self.parts
            for name, value in attrib.items():
                if value is not None:
                    parts.append(f'{markup} {name}="')
                    parts.append(value)
                    markup = '"'
        return markup

    def open(self, tag: str, attrib: Attributes | None = None) -> None:
        self.markup = self._start(tag, attrib) + ">"
        self.tags.append(tag)

    def close(self) -> None:
        self.markup += f"</{self.tags.pop()}>"

    def leaf(self, tag: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        markup = self._start(tag, attrib)
        if text:
            self.parts.append(markup + ">")
            self.parts.append(text)
            self.markup = f"</{tag}>"
        else:
            self.markup = markup + "/>"

    def text(self, text: str) -> None:
        self.parts.append(self.markup)
        self.parts.append(text)
        self.markup = ""

    def spot(self) -> Markup:
        later = Markup()
        self.parts.append(self.markup)  # the spot takes the place of markup
        self.spots.append((len(self.parts) - 1, later))
        self.parts.append("")  # (no value)
        self.markup = ""
        return later

    def joined(self) -> str:
        """The text written, a value escaped if it needs it (one search of them all for
        each character: fastest), the spots filled in."""
        parts = self.parts
        values = parts[1::2]
        written = "".join(values)
        if any(char in written for char in _REFERENCES):
            for char, reference in _REFERENCES.items():  # "&" first
                if char in written:
                    values = [v.replace(char, reference) if char in v else v for v in values]
            parts[1::2] = values
        for at, later in self.spots:
            parts[at] += later.joined()
        return "".join(parts) + self.markup

    def tree(self) -> etree._ElementTree | None:
        """The tree of the document written, without line numbers (as one made with lxml's
        API: the checks tell no output line); None if libxml2 refuses the text."""
        text = self.joined()
        head = f'<akomaNtoso xmlns="{AKN_NS}" xmlns:{PROP_PREFIX}="{PROP_NS}">'
        try:
            root = etree.fromstring((head + text + "</akomaNtoso>").encode("utf-8"), _PARSER)
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
    prefix, _, local = tag.rpartition(":")
    el = etree.SubElement(parent, (PROP if prefix else AKN) + local)
    if attrib:
        for name, value in attrib.items():
            if value is not None:
                el.set(name, value)
    if text:
        el.text = text
    return el
