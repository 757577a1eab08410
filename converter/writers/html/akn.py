"""Reading the AKN document for rendering: parsing it safely, its elements, and the facts of
its metadata (language, symbol, title, FRBR identifiers)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from converter.writers.errors import RenderError
from converter.writers.languages import RenderLanguage, for_code

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN_NS}}}"

#: The document types of AKN 3.0: the element under <akomaNtoso> (and under <attachment>).
DOC_TYPES = {
    "amendmentList",
    "officialGazette",
    "documentCollection",
    "act",
    "bill",
    "debateReport",
    "debate",
    "statement",
    "amendment",
    "judgment",
    "portion",
    "doc",
}
#: Hierarchical containers: num / heading / subheading then content.
HIERARCHY = {
    "alinea",
    "article",
    "book",
    "chapter",
    "clause",
    "division",
    "indent",
    "level",
    "list",
    "paragraph",
    "part",
    "point",
    "proviso",
    "rule",
    "section",
    "subchapter",
    "subclause",
    "subdivision",
    "sublist",
    "subparagraph",
    "subpart",
    "subrule",
    "subsection",
    "subtitle",
    "title",
    "tome",
    "transitional",
    "hcontainer",
    "container",
    "blockContainer",
    "tblock",
    "item",
    "crossHeading",
}
#: AKN inline elements that keep their HTML namesake.
SAME_NAME = {
    "i": "i",
    "b": "b",
    "u": "u",
    "sub": "sub",
    "sup": "sup",
    "abbr": "abbr",
    "span": "span",
}

_TOKEN = re.compile(r"[^A-Za-z0-9_-]+")


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(_A) :] if tag.startswith(_A) else etree.QName(tag).localname


def _token(value: str) -> str:
    """A class-name-safe token (letters, digits, ``_`` and ``-``) from source data."""
    return _TOKEN.sub("-", value).strip("-")


def _akn_children(el: etree._Element) -> Iterator[etree._Element]:
    return (child for child in el if isinstance(child.tag, str))


def parse_akn(akn: bytes | str | etree._ElementTree | etree._Element) -> etree._Element:
    """The <akomaNtoso> root element; parsed without network, DTDs or entity expansion."""
    if isinstance(akn, etree._ElementTree):
        root = akn.getroot()
    elif isinstance(akn, etree._Element):
        root = akn
    else:
        if isinstance(akn, str):
            akn = akn.encode("utf-8")
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        try:
            root = etree.fromstring(akn, parser)
        except etree.XMLSyntaxError as error:
            raise RenderError(f"the input is not well-formed XML: {error}") from None
    if root.tag != f"{_A}akomaNtoso":
        raise RenderError(f"the root element is {root.tag!r}, not Akoma Ntoso 3.0 <akomaNtoso>")
    return root


def document_element(root: etree._Element) -> etree._Element:
    for child in _akn_children(root):
        if _local(child) in DOC_TYPES:
            return child
    raise RenderError("<akomaNtoso> holds no document (statement, doc, act…)")


# -- facts read from meta --------------------------------------------------------------------
@dataclass(frozen=True)
class Facts:
    """What the renderers read from the AKN metadata and masthead."""

    lang: RenderLanguage
    symbol: str | None  #: document symbol ("A/C.3/74/L.18")
    number: str | None  #: FRBRnumber/@value ("A-C.3-74-L.18")
    title: str | None  #: the docTitle text
    author: str | None  #: showAs of the FRBRauthor TLC of the Work
    work: str | None
    expression: str | None
    manifestation_date: str | None
    doc_name: str | None  #: statement/@name ("resolutionDraft")


def _first(el: etree._Element, path: str) -> etree._Element | None:
    found = el.xpath(path, namespaces={"a": AKN_NS})
    return found[0] if found else None


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def read_facts(root: etree._Element) -> Facts:
    doc = document_element(root)
    meta = _first(doc, "a:meta")
    if meta is None:
        raise RenderError("the document has no <meta>")
    language = _first(meta, "a:identification/a:FRBRExpression/a:FRBRlanguage/@language")
    if language is None:
        raise RenderError("the document has no FRBRExpression/FRBRlanguage")
    try:
        lang = for_code(str(language))
    except KeyError:
        raise RenderError(
            f"language {language!r} is not one the renderer supports (ara, zho, eng, fra, rus, spa)"
        ) from None
    number_el = _first(meta, "a:identification/a:FRBRWork/a:FRBRnumber")
    symbol: str | None = _text(_first(doc, "a:coverPage//a:docNumber")) or _text(
        _first(doc, "a:preface//a:docNumber")
    )
    if not symbol and number_el is not None:
        symbol = number_el.get("showAs") or None
    author = None
    author_href = str(_first(meta, "a:identification/a:FRBRWork/a:FRBRauthor/@href") or "")
    for tlc in meta.iterfind(f"{_A}references/*"):
        if author_href.startswith("#") and tlc.get("eId") == author_href[1:]:
            author = tlc.get("showAs")
    return Facts(
        lang=lang,
        symbol=symbol or None,
        number=number_el.get("value") if number_el is not None else None,
        title=_text(_first(doc, "a:preface//a:docTitle")) or None,
        author=author,
        work=_attr(meta, "a:identification/a:FRBRWork/a:FRBRuri/@value"),
        expression=_attr(meta, "a:identification/a:FRBRExpression/a:FRBRuri/@value"),
        manifestation_date=_attr(meta, "a:identification/a:FRBRManifestation/a:FRBRdate/@date"),
        doc_name=doc.get("name"),
    )


def _attr(el: etree._Element, path: str) -> str | None:
    value = _first(el, path)
    return str(value) if value is not None else None


def _walk(el: etree._Element) -> Iterator[etree._Element]:
    """The elements under ``el`` in document order, leaving out every <meta> subtree."""
    for child in _akn_children(el):
        if _local(child) == "meta":
            continue
        yield child
        yield from _walk(child)
