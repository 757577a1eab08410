"""Reading a validated AKN document, for every writer: parsing it safely, its elements, and
the facts of its metadata (language, symbol, title, FRBR identifiers).

The writers read the AKN, never the converter's model; this module is the one place that
knows how (`converter.writers.html` and `converter.writers.typst` both use it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from converter.writers.errors import RenderError
from converter.writers.languages import RenderLanguage, for_code

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN = f"{{{AKN_NS}}}"  #: the namespace as a Clark prefix: f"{AKN}meta"

#: The document types of AKN 3.0: the element under <akomaNtoso> (and under <attachment>).
DOC_TYPES = frozenset(
    ("amendmentList", "officialGazette", "documentCollection", "act", "bill", "debateReport",
     "debate", "statement", "amendment", "judgment", "portion", "doc")
)  # fmt: skip
#: The main body of each document type.
BODIES = frozenset(
    ("mainBody", "body", "mainContent", "judgmentBody", "debateBody", "amendmentBody",
     "collectionBody", "portionBody")
)  # fmt: skip
#: Numbered hierarchical containers: num / heading / subheading, then content. (The HTML
#: writer also lays out <crossHeading> as one; the Typst writer, <blockList>.)
HIERARCHY = frozenset(
    ("alinea", "article", "book", "chapter", "clause", "division", "indent", "level", "list",
     "paragraph", "part", "point", "proviso", "rule", "section", "subchapter", "subclause",
     "subdivision", "sublist", "subparagraph", "subpart", "subrule", "subsection", "subtitle",
     "title", "tome", "transitional", "hcontainer", "container", "blockContainer", "tblock",
     "item")
)  # fmt: skip


def local_name(el: etree._Element) -> str:
    """The AKN name of ``el`` ("p"); "" for a comment or a processing instruction."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(AKN) :] if tag.startswith(AKN) else etree.QName(tag).localname


def element_children(el: etree._Element) -> Iterator[etree._Element]:
    """The element children of ``el`` (no comments, no processing instructions)."""
    return (child for child in el if isinstance(child.tag, str))


def find_first(el: etree._Element, path: str):
    """The first result of the XPath ``path`` (prefix ``a:`` for AKN) under ``el``, or None."""
    found = el.xpath(path, namespaces={"a": AKN_NS})
    return found[0] if found else None


def text_of(el: etree._Element | None) -> str:
    """The text of ``el`` with its white space collapsed; "" for None."""
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def walk(el: etree._Element) -> Iterator[etree._Element]:
    """The elements under ``el`` in document order, leaving out every <meta> subtree."""
    for child in element_children(el):
        if local_name(child) == "meta":
            continue
        yield child
        yield from walk(child)


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
    if root.tag != f"{AKN}akomaNtoso":
        raise RenderError(f"the root element is {root.tag!r}, not Akoma Ntoso 3.0 <akomaNtoso>")
    return root


def document_element(root: etree._Element) -> etree._Element:
    """The document under <akomaNtoso> (statement, doc, act…)."""
    for child in element_children(root):
        if local_name(child) in DOC_TYPES:
            return child
    raise RenderError("<akomaNtoso> holds no document (statement, doc, act…)")


# -- facts read from meta --------------------------------------------------------------------
@dataclass(frozen=True)
class Facts:
    """What the writers read from the AKN metadata and masthead."""

    lang: RenderLanguage
    symbol: str | None  #: document symbol ("A/C.3/74/L.18")
    number: str | None  #: FRBRnumber/@value ("A-C.3-74-L.18")
    title: str | None  #: the docTitle text
    author: str | None  #: showAs of the FRBRauthor TLC of the Work
    job: str | None  #: the job number (the docketNumber of the coverPage)
    work: str | None  #: FRBRWork/FRBRuri
    expression: str | None  #: FRBRExpression/FRBRuri
    manifestation_date: str | None  #: FRBRManifestation/FRBRdate
    doc_name: str | None  #: statement/@name ("resolutionDraft")


def read_facts(root: etree._Element) -> Facts:
    doc = document_element(root)
    meta = find_first(doc, "a:meta")
    if meta is None:
        raise RenderError("the document has no <meta>")
    number_el = find_first(meta, "a:identification/a:FRBRWork/a:FRBRnumber")
    symbol = text_of(find_first(doc, "a:coverPage//a:docNumber")) or text_of(
        find_first(doc, "a:preface//a:docNumber")
    )
    if not symbol and number_el is not None:
        symbol = number_el.get("showAs") or ""
    return Facts(
        lang=_language(meta),
        symbol=symbol or None,
        number=number_el.get("value") if number_el is not None else None,
        title=text_of(find_first(doc, "a:preface//a:docTitle")) or None,
        author=_author(meta),
        job=text_of(find_first(doc, "a:coverPage//a:docketNumber")) or None,
        work=_attr(meta, "a:identification/a:FRBRWork/a:FRBRuri/@value"),
        expression=_attr(meta, "a:identification/a:FRBRExpression/a:FRBRuri/@value"),
        manifestation_date=_attr(meta, "a:identification/a:FRBRManifestation/a:FRBRdate/@date"),
        doc_name=doc.get("name"),
    )


def _language(meta: etree._Element) -> RenderLanguage:
    language = find_first(meta, "a:identification/a:FRBRExpression/a:FRBRlanguage/@language")
    if language is None:
        raise RenderError("the document has no FRBRExpression/FRBRlanguage")
    try:
        return for_code(str(language))
    except KeyError:
        raise RenderError(
            f"language {language!r} is not one the renderer supports (ara, zho, eng, fra, rus, spa)"
        ) from None


def _author(meta: etree._Element) -> str | None:
    """The showAs of the TLC that FRBRWork/FRBRauthor/@href points to."""
    author = None
    href = str(find_first(meta, "a:identification/a:FRBRWork/a:FRBRauthor/@href") or "")
    for tlc in meta.iterfind(f"{AKN}references/*"):
        if href.startswith("#") and tlc.get("eId") == href[1:]:
            author = tlc.get("showAs")
    return author


def _attr(el: etree._Element, path: str) -> str | None:
    value = find_first(el, path)
    return str(value) if value is not None else None
