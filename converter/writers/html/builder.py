"""AKN → HTML: one self-contained HTML5 file from a validated Akoma Ntoso document.

The HTML is built as an lxml tree (source text only ever goes into ``.text``, ``.tail`` and
attribute values, so it is escaped by the serializer) and serves two media: the screen, and
print through WeasyPrint (`converter.render.pdf`). The document is an ``article`` in the
page's ``main`` landmark. Element ids are the AKN eIds, so ``…html#para_12`` is a deep link;
classes name the AKN element (``paragraph``, ``point``, ``openingPhrase``…) and the
paragraph's canonical type (``type-recalling``, ``data-type``).

Footnotes: at the first reference (``authorialNote``) a superscript link ``a.noteref`` is
followed by the note itself, ``span.footnote#note_12`` (a footnote in print, a side note on
screen); later references (``noteRef``) are superscript links to it; the note links back to
every reference, in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Iterator
from urllib.parse import quote

from lxml import etree

from converter.writers import fonts
from converter.writers.errors import RenderError
from converter.writers.languages import RenderLanguage, for_code

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN_NS}}}"

#: The document types of AKN 3.0: the element under <akomaNtoso> (and under <attachment>).
DOC_TYPES = {
    "amendmentList", "officialGazette", "documentCollection", "act", "bill", "debateReport",
    "debate", "statement", "amendment", "judgment", "portion", "doc",
}
#: Hierarchical containers: num / heading / subheading then content.
HIERARCHY = {
    "alinea", "article", "book", "chapter", "clause", "division", "indent", "level", "list",
    "paragraph", "part", "point", "proviso", "rule", "section", "subchapter", "subclause",
    "subdivision", "sublist", "subparagraph", "subpart", "subrule", "subsection", "subtitle",
    "title", "tome", "transitional", "hcontainer", "container", "blockContainer", "tblock",
    "item", "crossHeading",
}
#: AKN inline elements that keep their HTML namesake.
SAME_NAME = {"i": "i", "b": "b", "u": "u", "sub": "sub", "sup": "sup", "abbr": "abbr", "span": "span"}

_DOCTYPE = "<!DOCTYPE html>"
_TOKEN = re.compile(r"[^A-Za-z0-9_-]+")


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(_A):] if tag.startswith(_A) else etree.QName(tag).localname


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
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False)
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
            f"language {language!r} is not one the renderer supports "
            "(ara, zho, eng, fra, rus, spa)"
        ) from None
    number_el = _first(meta, "a:identification/a:FRBRWork/a:FRBRnumber")
    symbol = _text(_first(doc, "a:coverPage//a:docNumber")) or _text(
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


# -- references ------------------------------------------------------------------------------
_JOINED = {"S", "ES"}  # "A-RES-S-30-1" → A/RES/S-30/1, "A-ES-10-L.22" → A/ES-10/L.22


def iri_symbol(iri: str) -> str | None:
    """The document symbol that an AKN IRI's number stands for.

    >>> iri_symbol("/akn/un/statement/deliberation/un-ga/2018-12-17/A-RES-73-186")
    'A/RES/73/186'
    >>> iri_symbol("/akn/un/statement/deliberation/un-sc/2019/S-RES-2462_(2019)/eng@/!main")
    'S/RES/2462 (2019)'
    >>> iri_symbol("/akn/un/statement/deliberation/un-ga/2003/A-RES-S-30-1")
    'A/RES/S-30/1'
    """
    parts = [p for p in iri.split("#")[0].split("/") if p]
    parts = [p for p in parts if not (p.startswith("!") or p.startswith(".") or "@" in p)]
    if len(parts) < 3 or parts[0] != "akn":
        return None
    out: list[str] = []
    for token in parts[-1].split("-"):
        if len(out) > 1 and out[-1] in _JOINED and token.isdigit():
            out[-1] = f"{out[-1]}-{token}"
        else:
            out.append(token)
    return "/".join(out).replace("_", " ")


def _number_of(symbol: str) -> str:
    return re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")


def resolver_url(href: str, lang: RenderLanguage, text: str = "") -> str | None:
    """The link a reader can click for an AKN ``ref/@href``; None when there is none.

    AKN IRIs go to ``https://undocs.org/<lang>/<symbol>``; when the reference's own text is the
    symbol (``A/73/L.3``), it is used as written, which keeps hyphens the IRI cannot tell apart.
    """
    href = href.strip()
    if href.startswith("/akn/"):
        symbol = iri_symbol(href)
        if not symbol:
            return None
        number = _number_of(symbol)
        candidate = text.strip().rstrip(".。")
        if candidate and _number_of(candidate) == number:
            symbol = candidate
        return f"https://undocs.org/{lang.undocs}/{quote(symbol, safe='/().,-')}"
    if re.match(r"https?://", href, re.IGNORECASE):
        return href
    return None


# -- the builder -----------------------------------------------------------------------------
@dataclass
class _Notes:
    """Where each footnote is referred to: anchor ids in document order."""

    anchors: dict[str, list[str]] = field(default_factory=dict)  # note id -> anchor ids
    anchor_of: dict[etree._Element, str] = field(default_factory=dict)  # reference -> anchor id
    keep: list[etree._Element] = field(default_factory=list)  # keeps the lxml proxies alive


def alternative_links(root: etree._Element) -> dict[str, str]:
    """The source's own hyperlinks, by the eId of the ref they belong to.

    The converter keeps them as ``meta/analysis/otherReferences/alternativeReference
    [@for='#ref_3'][@href='https://undocs.org/…']`` (docs/markup.md); only http(s) URLs count.
    """
    links: dict[str, str] = {}
    for alt in root.iter(f"{_A}alternativeReference"):
        target, href = alt.get("for") or "", (alt.get("href") or "").strip()
        if target.startswith("#") and re.match(r"https?://", href, re.IGNORECASE):
            links.setdefault(target[1:], href)
    return links


@dataclass
class _Builder:
    facts: Facts
    ids: set[str]  #: eIds that exist in the rendered parts
    notes: _Notes
    alternatives: dict[str, str] = field(default_factory=dict)  #: ref eId -> source URL
    used_ids: set[str] = field(default_factory=set)
    pending_num: list[etree._Element] = field(default_factory=list)
    note_count: int = 0

    # -- helpers ---------------------------------------------------------------------------
    def set_id(self, html: etree._Element, value: str | None) -> None:
        if value and value not in self.used_ids:
            self.used_ids.add(value)
            html.set("id", value)

    @staticmethod
    def text_into(html: etree._Element, text: str | None) -> None:
        if not text:
            return
        if len(html):
            last = html[-1]
            last.tail = (last.tail or "") + text
        else:
            html.text = (html.text or "") + text

    def inline_into(self, html: etree._Element, src: etree._Element) -> None:
        """Copy the mixed content of ``src`` (text and inline elements) into ``html``."""
        self.text_into(html, src.text)
        for child in src:
            if isinstance(child.tag, str):
                for node in self.inline(child):
                    html.append(node)
            self.text_into(html, child.tail)

    def consume_num(self, html_p: etree._Element) -> None:
        """Put the pending ``<num>`` of the enclosing paragraph/point at the start of a p."""
        if not self.pending_num:
            return
        num = self.pending_num.pop()
        span = etree.Element("span", {"class": "num"})
        self.inline_into(span, num)
        span.tail = html_p.text
        html_p.text = None
        html_p.insert(0, span)

    # -- inline ----------------------------------------------------------------------------
    def inline(self, el: etree._Element) -> list[etree._Element]:
        name = _local(el)
        if name in ("authorialNote", "note"):
            return self.footnote(el)
        if name == "noteRef":
            return [self.note_link(el, el.get("href", ""))]
        if name in ("ref", "a", "mref", "rref"):
            return [self.link(el)]
        if name in ("date", "docDate"):
            out = etree.Element("time", {"class": name})
            if el.get("date"):
                out.set("datetime", el.get("date"))
            self.inline_into(out, el)
            return [out]
        if name in ("eol", "br"):
            return [etree.Element("br")]
        if name in ("eop", "img"):
            out = etree.Element("span", {"class": name})
            if el.get("alt"):
                out.text = el.get("alt")
            return [out] if out.text else []
        if name in SAME_NAME:
            out = etree.Element(SAME_NAME[name])
            self.inline_into(out, el)
            return [out]
        if name in ("p", "block"):  # a paragraph inside a note or a cell: a block span
            out = etree.Element("span", {"class": "p"})
            self.inline_into(out, el)
            return [out]
        out = etree.Element("span")
        classes = [name]
        if name == "inline" and el.get("name"):
            classes = [_token(el.get("name"))] if el.get("name") == "openingPhrase" else [
                "inline", _token(el.get("name"))]
            out.set("data-name", el.get("name"))
        refers = el.get("refersTo")
        if refers:
            out.set("data-refers-to", refers)
            if el.get("name") == "openingPhrase":
                out.set("data-type", refers.lstrip("#"))
        if el.get("value"):
            out.set("data-value", el.get("value"))
        out.set("class", " ".join(c for c in classes if c))
        self.inline_into(out, el)
        return [out]

    def link(self, el: etree._Element) -> etree._Element:
        href = (el.get("href") or "").strip()
        text = "".join(el.itertext())
        target: str | None
        if href.startswith("#"):
            target = href if href[1:] in self.ids else None
        elif el.get("eId") in self.alternatives:
            target = self.alternatives[el.get("eId")]
        else:
            target = resolver_url(href, self.facts.lang, text)
        out = etree.Element("a" if target else "span", {"class": _local(el)})
        if target:
            out.set("href", target)
        if href:
            out.set("data-akn-href", href)
        self.inline_into(out, el)
        return out

    def note_link(self, el: etree._Element, href: str) -> etree._Element:
        target = href[1:] if href.startswith("#") else ""
        marker = el.get("marker") or ""
        first = _local(el) != "noteRef"
        out = etree.Element("a" if target in self.ids else "span",
                            {"class": "noteref first" if first else "noteref",
                             "role": "doc-noteref"})
        if target in self.ids:
            out.set("href", "#" + target)
        self.set_id(out, self.notes.anchor_of.get(el))
        sup = etree.SubElement(out, "sup")
        sup.text = marker or "*"
        return out

    def footnote(self, el: etree._Element) -> list[etree._Element]:
        self.note_count += 1
        eid = el.get("eId") or f"note-{self.note_count}"
        marker = el.get("marker") or str(self.note_count)
        call = self.note_link(el, "#" + eid)
        note = etree.Element("span", {"class": "footnote", "role": "doc-footnote",
                                      "data-marker": marker})
        self.set_id(note, eid)
        mark = etree.SubElement(note, "span", {"class": "marker"})
        etree.SubElement(mark, "sup").text = marker
        mark.tail = " "
        pending, self.pending_num = self.pending_num, []
        self.inline_into(note, el)  # its <p>s become span.p
        self.pending_num = pending
        anchors = self.notes.anchors.get(eid, [])
        if anchors:
            back = etree.SubElement(note, "span", {"class": "backrefs screen-only"})
            for i, anchor in enumerate(anchors, 1):
                a = etree.SubElement(back, "a", {"href": "#" + anchor, "class": "backref",
                                                 "role": "doc-backlink"})
                a.text = "↩" if len(anchors) == 1 else f"↩{i}"
                a.tail = " "
        return [call, note]

    # -- blocks ----------------------------------------------------------------------------
    def blocks(self, el: etree._Element, level: int = 2) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in _akn_children(el):
            out.extend(self.block(child, level))
        return out

    def paragraph(self, el: etree._Element, classes: Iterable[str] = ()) -> etree._Element:
        p = etree.Element("p")
        cls = " ".join(c for c in classes if c)
        if cls:
            p.set("class", cls)
        if el.get("eId"):
            self.set_id(p, el.get("eId"))
        self.inline_into(p, el)
        self.consume_num(p)
        return p

    def block(self, el: etree._Element, level: int = 2) -> list[etree._Element]:
        name = _local(el)
        if name in ("meta", ""):
            return []
        if name == "p":
            return [self.paragraph(el, [f"c-{_token(c)}" for c in (el.get("class") or "").split()])]
        if name in ("formula",):
            div = etree.Element("div", {"class": "formula", "data-name": el.get("name", "")})
            self.set_id(div, el.get("eId"))
            for child in _akn_children(el):
                if _local(child) == "p":
                    div.append(self.paragraph(child))
                else:
                    div.extend(self.block(child, level))
            return [div]
        if name == "longTitle":
            h = etree.Element(f"h{min(level - 1, 6)}" if level > 1 else "h1", {"class": "longTitle"})
            for i, child in enumerate(_akn_children(el)):
                if i:
                    etree.SubElement(h, "br")
                if _local(child) == "p":
                    self.inline_into(h, child)
                else:
                    for node in self.inline(child):
                        h.append(node)
            return [h]
        if name == "table":
            return [self.table(el)]
        if name in ("intro", "wrapUp", "content", "blockList", "listIntroduction",
                    "listWrapUp", "foreign", "toc", "componentRef", "documentRef"):
            div = etree.Element("div", {"class": name})
            self.set_id(div, el.get("eId"))
            div.extend(self.blocks(el, level))
            return [div]
        if name in ("heading", "subheading"):
            h = etree.Element(f"h{min(level, 6)}", {"class": name})
            self.inline_into(h, el)
            return [h]
        if name in HIERARCHY:
            return [self.hierarchy(el, level)]
        if name in ("num",):
            span_p = etree.Element("p", {"class": "num"})
            self.inline_into(span_p, el)
            return [span_p]
        if name in DOC_TYPES:
            return [self.document(el, level)]
        if name == "attachments":
            sec = etree.Element("section", {"class": "attachments"})
            sec.extend(self.blocks(el, level))
            return [sec]
        if name in ("attachment", "interstitial", "component"):
            sec = etree.Element("section", {"class": name})
            self.set_id(sec, el.get("eId"))
            sec.extend(self.blocks(el, level))
            return [sec]
        # Anything else: a block holding text becomes a paragraph, others a division.
        if (el.text and el.text.strip()) or not len(el):
            return [self.paragraph(el, [name])]
        div = etree.Element("div", {"class": _token(name)})
        self.set_id(div, el.get("eId"))
        div.extend(self.blocks(el, level))
        return [div]

    def hierarchy(self, el: etree._Element, level: int) -> etree._Element:
        name = _local(el)
        tag = "section" if name in ("section", "division", "chapter", "part", "title",
                                    "book", "tome", "subdivision", "subsection") else "div"
        if name == "crossHeading":
            h = etree.Element(f"h{min(level, 6)}", {"class": "crossHeading"})
            self.set_id(h, el.get("eId"))
            self.inline_into(h, el)
            return h
        classes = [name]
        kind = el.get("name") if name in ("container", "hcontainer", "blockContainer") else None
        refers = (el.get("refersTo") or "").lstrip("#")
        canonical = kind or refers
        html = etree.Element(tag)
        if canonical:
            classes.append(f"type-{_token(canonical)}")
            html.set("data-type", canonical)
        modifiers = [_token(c) for c in (el.get("class") or "").split() if _token(c)]
        if modifiers:
            classes.extend(f"mod-{m}" for m in modifiers)
            html.set("data-modifiers", " ".join(modifiers))
        html.set("class", " ".join(classes))
        self.set_id(html, el.get("eId"))
        depth_before = len(self.pending_num)
        heading = _first(el, "a:heading")
        for child in _akn_children(el):
            cname = _local(child)
            if cname == "num":
                if heading is None:
                    self.pending_num.append(child)  # printed at the start of the first p
                continue
            if cname == "heading":
                h = etree.Element(f"h{min(level, 6)}", {"class": "heading"})
                num = _first(el, "a:num")
                if num is not None:
                    span = etree.SubElement(h, "span", {"class": "num"})
                    self.inline_into(span, num)
                    span.tail = " "
                self.inline_into(h, child)
                html.append(h)
                continue
            html.extend(self.block(child, level + 1))
        if len(self.pending_num) > depth_before:  # a num with nothing to print it in
            num = self.pending_num.pop()
            p = etree.Element("p", {"class": "num"})
            self.inline_into(p, num)
            html.insert(0, p)
        return html

    def table(self, el: etree._Element) -> etree._Element:
        table = etree.Element("table")
        self.set_id(table, el.get("eId"))
        for child in _akn_children(el):
            cname = _local(child)
            if cname == "caption":
                cap = etree.SubElement(table, "caption")
                self.inline_into(cap, child)
            elif cname == "tr":
                tr = etree.SubElement(table, "tr")
                for cell in _akn_children(child):
                    td = etree.SubElement(tr, "th" if _local(cell) == "th" else "td")
                    for attr in ("colspan", "rowspan"):
                        if (cell.get(attr) or "").isdigit():
                            td.set(attr, cell.get(attr))
                    for i, block in enumerate(_akn_children(cell)):
                        if i:
                            etree.SubElement(td, "br")
                        if _local(block) == "p":
                            self.inline_into(td, block)
                        else:
                            for node in self.inline(block):
                                td.append(node)
        return table

    # -- the document parts ----------------------------------------------------------------
    def cover_page(self, el: etree._Element, derive_symbol: bool) -> etree._Element:
        """The masthead, laid out as the UN prints it: organization and symbol on the first
        row; organ and the facts (distribution, date, original language) on the second."""
        header = etree.Element("header", {"class": "coverPage"})
        row1 = etree.SubElement(header, "div", {"class": "cp-row cp-row1"})
        row2 = etree.SubElement(header, "div", {"class": "cp-row cp-row2"})
        facts = etree.Element("div", {"class": "cp-facts"})
        rest: list[etree._Element] = []
        authorities = 0
        symbol_seen = False
        for child in _akn_children(el):
            kinds = [(_local(c), c.get("name")) for c in child.iter() if isinstance(c.tag, str)][1:]
            kind = next((n if n != "inline" else (nm or n) for n, nm in kinds
                         if n in ("docAuthority", "docNumber", "docDate", "docketNumber",
                                  "docCommittee", "docStatus", "inline")), "other")
            if _local(child) != "p":
                rest.extend(self.block(child))
                continue
            p = self.paragraph(child, [f"cp-{_token(kind)}"])
            if kind == "docAuthority":
                authorities += 1
                p.set("class", p.get("class") + f" cp-docAuthority-{min(authorities, 2)}")
                (row1 if authorities == 1 else row2).append(p)
            elif kind == "docNumber":
                p.set("class", p.get("class") + " cp-symbol")
                symbol_seen = True
                row1.append(p)
            elif kind in ("distribution", "docDate", "date", "originalLanguage"):
                facts.append(p)
            elif kind == "docCommittee" and not "".join(child.itertext()).strip():
                continue  # an empty docCommittee (known from the symbol): nothing to print
            else:
                rest.append(p)
        if not symbol_seen and derive_symbol and self.facts.symbol:
            p = etree.SubElement(row1, "p", {"class": "cp-docNumber cp-symbol cp-derived"})
            span = etree.SubElement(p, "span", {"class": "docNumber", "data-source": "FRBRnumber"})
            span.text = self.facts.symbol
        # The end-edge items float, so they come first in each row.
        for sym in [c for c in row1 if "cp-symbol" in c.get("class", "")]:
            row1.remove(sym)
            row1.insert(0, sym)
        if len(facts):
            row2.insert(0, facts)
        for node in rest:
            header.append(node)
        if not len(row2):
            header.remove(row2)
        return header

    def preface(self, el: etree._Element, level: int) -> etree._Element:
        header = etree.Element("header", {"class": "preface"})
        self.set_id(header, el.get("eId"))
        for child in _akn_children(el):
            if _local(child) == "p":
                inner = {_local(c) for c in child.iter() if isinstance(c.tag, str)} - {"p"}
                classes = [f"pf-{_token(c)}" for c in (child.get("class") or "").split()]
                classes += sorted(f"with-{_token(n)}" for n in inner if n)
                header.append(self.paragraph(child, classes))
            else:
                header.extend(self.block(child, level))
        return header

    def document(self, el: etree._Element, level: int = 2) -> etree._Element:
        """A document (statement, or an annex's doc) without its meta."""
        top = level <= 2
        art = etree.Element("article" if top else "div",
                            {"class": f"akn {_local(el)}" + (f" {_token(el.get('name'))}"
                                                             if el.get("name") else "")})
        if el.get("name"):
            art.set("data-name", el.get("name"))
        has_cover = _first(el, "a:coverPage") is not None
        if top and not has_cover:
            art.append(self.cover_page(etree.Element(f"{_A}coverPage"), derive_symbol=True))
        for child in _akn_children(el):
            name = _local(child)
            if name == "meta":
                continue
            if name == "coverPage":
                art.append(self.cover_page(child, derive_symbol=top))
            elif name == "preface":
                art.append(self.preface(child, 1 if top else level))
            elif name == "preamble":
                sec = etree.SubElement(art, "section", {"class": "preamble"})
                sec.extend(self.blocks(child, level))
            elif name in ("mainBody", "body", "mainContent", "judgmentBody", "debateBody",
                          "amendmentBody", "collectionBody", "portionBody"):
                sec = etree.SubElement(art, "section", {"class": "mainBody"})
                sec.extend(self.blocks(child, level))
            elif name == "conclusions":
                foot = etree.SubElement(art, "footer", {"class": "conclusions"})
                for part in _akn_children(child):
                    if _local(part) == "p":
                        foot.append(self.paragraph(
                            part, [f"cl-{_token(c)}" for c in (part.get("class") or "").split()]))
                    else:
                        foot.extend(self.block(part, level))
            elif name == "attachments":
                sec = etree.SubElement(art, "section", {"class": "attachments"})
                for att in _akn_children(child):
                    wrap = etree.SubElement(sec, "section", {"class": _local(att)})
                    self.set_id(wrap, att.get("eId"))
                    for inner in _akn_children(att):
                        if _local(inner) in DOC_TYPES:
                            wrap.append(self.document(inner, level + 1))
                        else:
                            wrap.extend(self.block(inner, level + 1))
            else:
                art.extend(self.block(child, level))
        return art


def _walk(el: etree._Element) -> Iterator[etree._Element]:
    """The elements under ``el`` in document order, leaving out every <meta> subtree."""
    for child in _akn_children(el):
        if _local(child) == "meta":
            continue
        yield child
        yield from _walk(child)


def _scan_notes(doc: etree._Element) -> tuple[set[str], _Notes]:
    """The eIds of the rendered parts, and every footnote reference in document order."""
    ids: set[str] = set()
    notes = _Notes()
    counters: dict[str, int] = {}
    for el in _walk(doc):
        name = _local(el)
        eid = el.get("eId")
        if eid:
            ids.add(eid)
        target = None
        if name in ("authorialNote", "note"):
            target = eid
        elif name == "noteRef":
            href = el.get("href") or ""
            target = href[1:] if href.startswith("#") else None
        if target:
            counters[target] = counters.get(target, 0) + 1
            anchor = f"ref-{target}-{counters[target]}"
            notes.anchors.setdefault(target, []).append(anchor)
            notes.anchor_of[el] = anchor
            notes.keep.append(el)
    return ids, notes


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


#: The stylesheets inlined in every HTML file: common and print rules with the font stacks,
#: and the screen rules (in a <style media="screen"> that WeasyPrint does not even parse).
STYLESHEET = _asset("un.css") + "\n/* fonts (fonts.STACKS) */\n" + fonts.css_rules()
SCREEN_STYLESHEET = _asset("un-screen.css")


def _head(facts: Facts) -> etree._Element:
    head = etree.Element("head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    title = etree.SubElement(head, "title")
    title.text = " — ".join(t for t in (facts.symbol, facts.title) if t) or "Akoma Ntoso document"
    meta = {
        "author": facts.author,
        "description": facts.symbol,
        "keywords": ", ".join(k for k in (facts.symbol, facts.work) if k),
        "generator": "un2akn",
        "akn.work": facts.work,
        "akn.expression": facts.expression,
    }
    for name, content in meta.items():
        if content:
            etree.SubElement(head, "meta", {"name": name, "content": content})
    etree.SubElement(head, "style").text = STYLESHEET
    etree.SubElement(head, "style", {"media": "screen"}).text = SCREEN_STYLESHEET
    return head


def build_html(root: etree._Element) -> etree._Element:
    """The HTML tree (``<html>``) of an AKN document."""
    facts = read_facts(root)
    doc = document_element(root)
    ids, notes = _scan_notes(doc)
    builder = _Builder(facts=facts, ids=ids, notes=notes, alternatives=alternative_links(doc))
    lang = facts.lang
    html = etree.Element("html", {
        "lang": lang.tag, "dir": lang.direction, "data-script": lang.script,
        "data-openings": "italic" if lang.italic_openings else "plain",
        "data-align": "justify" if lang.justify else "start",
    })
    html.append(_head(facts))
    body = etree.SubElement(html, "body")
    # <main>: the document is the page's main content, a landmark for assistive technology
    etree.SubElement(body, "main").append(builder.document(doc))
    return html


def render_html(akn: bytes | etree._ElementTree) -> str:
    """One self-contained HTML5 file for an AKN document (see the module docstring)."""
    html = build_html(parse_akn(akn))
    return _DOCTYPE + "\n" + etree.tostring(html, method="html", encoding="unicode") + "\n"
