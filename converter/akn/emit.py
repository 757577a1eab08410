"""Emit: document model → Akoma Ntoso 3.0 XML (AKN4UN profile, decisions in docs/markup.md).

The tree is built with lxml in schema order; `to_bytes` serialises it deterministically
(same model, same bytes). Text is never parsed as markup.
"""
from __future__ import annotations

import re

from lxml import etree

from converter.akn.ids import Frbr, tlc_id
from converter.languages import load
from converter.parse.segment import LATIN_LETTERS, letter_after, letter_index
from converter.model import DateMark, Document, Heading, Inline, NoteRef, Opening, Paragraph, Ref, Tagged, Text, plain_text

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PROP_NS = "urn:x-un2akn:proprietary:1"
NSMAP = {None: AKN_NS, "un2akn": PROP_NS}
_NS = f"{{{AKN_NS}}}"
SOURCE = "#un2akn"
ONTOLOGY = "/akn/ontology"

TAGGED_ELEMENTS = {  # model Tagged.name -> (AKN element, attribute for the value)
    "session": ("session", "value"),
    "docProponent": ("docProponent", None),
    "docStage": ("docStage", None),
    "docTitle": ("docTitle", None),
    "docNumber": ("docNumber", None),
}


def E(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    """An AKN element; attributes whose value is None are left out."""
    if attrib and None in attrib.values():
        attrib = {k: v for k, v in attrib.items() if v is not None}
    el = etree.Element(_NS + tag, attrib or None)
    if text:
        el.text = text
    return el


def sub(parent, tag: str, attrib: dict[str, str] | None = None, text: str | None = None):
    el = E(tag, attrib, text)
    parent.append(el)
    return el


def _append_text(parent: etree._Element, text: str) -> None:
    """Add ``text`` after the last child of ``parent`` (or inside it, if it has none)."""
    if not text:
        return
    last = next(parent.iterchildren(reversed=True), None)  # O(1), unlike len(parent)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class _Emitter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lang = load(doc.facts.lang)
        self.en = load("en")
        self.notes = {n.marker: n for n in doc.notes}
        self.concepts: set[str] = set()
        self.orgs: dict[str, str] = {}  # eId -> showAs
        self.eids: set[str] = set()  # paragraph eIds given so far
        self.alternatives: list[tuple[str, str]] = []  # (ref eId, the source's URL)
        self.events: set[str] = set()  # TLCEvents referred to (adoption)
        self.committee_printed = False  # the heading block names the Main Committee
        facts = doc.facts
        self.frbr = Frbr(facts.actor, facts.date or "0000", facts.symbol or "unknown",
                         self.lang.akn)

    # -- inline ------------------------------------------------------------------------------
    def inline(self, parent: etree._Element, content: tuple[Inline, ...]) -> None:
        for item in content:
            if isinstance(item, Text):
                _append_text(parent, item.text)
                continue
            elif isinstance(item, Opening):
                if item.text:
                    self.concepts.add(item.type)
                    parent.append(E("inline", {"name": "openingPhrase",
                                               "refersTo": f"#{item.type}"}, item.text))
            elif isinstance(item, NoteRef):
                parent.append(self.note_ref(item))
            elif isinstance(item, DateMark):
                parent.append(E("date", {"date": item.iso}, item.text))
            elif isinstance(item, Ref):
                attrib = {"href": item.href}
                if item.url:  # the source's own hyperlink: kept in analysis, by this eId
                    attrib["eId"] = f"ref_{len(self.alternatives) + 1}"
                    self.alternatives.append((attrib["eId"], item.url))
                parent.append(E("ref", attrib, item.text))
            elif isinstance(item, Tagged):
                parent.append(self.tagged(item))

    def tagged(self, item: Tagged) -> etree._Element:
        if item.name == "docCommittee":
            el = E("docCommittee", {"refersTo": f"#{self.committee_id()}"})
            self.committee_printed = True
        elif item.name == "adoptionDate" and item.value:
            el = E("docDate", {"date": item.value, "refersTo": "#adoption"})
            self.events.add("adoption")
        elif item.name in TAGGED_ELEMENTS:
            tag, attr = TAGGED_ELEMENTS[item.name]
            attrib = {attr: item.value or plain_text(item.content)} if attr else {}
            if item.name == "docProponent":  # value: the State's id
                attrib["refersTo"] = "#" + self.org(item.value, plain_text(item.content))
            el = E(tag, attrib)
        else:
            el = E("inline", {"name": item.name})
        self.inline(el, item.content)
        return el

    def note_ref(self, ref: NoteRef) -> etree._Element:
        eid = note_eid(ref.marker)
        if not ref.first:
            return E("noteRef", {"href": f"#{eid}", "marker": ref.marker, "class": "footnoteRef"})
        note = self.notes[ref.marker]
        el = E("authorialNote", {"eId": eid, "marker": ref.marker, "placement": "bottom"})
        p = sub(el, "p")
        self.inline(p, note.content)
        return el

    def p(self, parent, content, attrib=None) -> etree._Element:
        el = sub(parent, "p", attrib)
        self.inline(el, content)
        return el

    # -- TLCs ----------------------------------------------------------------------------------
    def org(self, eid: str, name: str) -> str:
        """Declare the organisation ``eid`` (shown as ``name``) and return its eId."""
        self.orgs.setdefault(eid, name)
        return eid

    # -- parts ---------------------------------------------------------------------------------
    def frbr_date(self) -> dict[str, str]:
        """FRBRdate's attributes: the schema wants a full date; a year alone is written as
        its 1 January with name="yearOnly" (docs/markup.md: no day is invented)."""
        date = self.doc.facts.date or "0000"
        if len(date) == 10:
            return {"date": date, "name": "document"}
        return {"date": f"{date}-01-01", "name": "yearOnly"}

    def meta(self) -> etree._Element:
        f, facts = self.frbr, self.doc.facts
        meta = E("meta")
        ident = sub(meta, "identification", {"source": SOURCE})
        frbr_date = self.frbr_date()
        work = sub(ident, "FRBRWork")
        sub(work, "FRBRthis", {"value": f.work_this})
        sub(work, "FRBRuri", {"value": f.work})
        sub(work, "FRBRdate", frbr_date)
        sub(work, "FRBRauthor", {"href": f"#{facts.actor}", "as": "#author"})
        sub(work, "FRBRcountry", {"value": "un"})
        sub(work, "FRBRsubtype", {"value": "deliberation"})
        sub(work, "FRBRnumber", {"value": f.number, "showAs": facts.symbol})
        expr = sub(ident, "FRBRExpression")
        sub(expr, "FRBRthis", {"value": f.expression_this})
        sub(expr, "FRBRuri", {"value": f.expression})
        sub(expr, "FRBRdate", frbr_date)
        sub(expr, "FRBRauthor", {"href": f"#{facts.actor}", "as": "#author"})
        sub(expr, "FRBRlanguage", {"language": self.lang.akn})
        manif = sub(ident, "FRBRManifestation")
        sub(manif, "FRBRthis", {"value": f.manifestation_this})
        sub(manif, "FRBRuri", {"value": f.manifestation})
        sub(manif, "FRBRdate", {"date": frbr_date["date"], "name": "conversion"})
        sub(manif, "FRBRauthor", {"href": SOURCE})
        sub(manif, "FRBRformat", {"value": "application/akn+xml"})
        return meta

    def references(self, meta: etree._Element) -> None:
        facts = self.doc.facts
        refs = sub(meta, "references", {"source": SOURCE})
        organs = self.lang.section("organs")
        sub(refs, "TLCOrganization", {"eId": facts.actor,
                                      "href": f"{ONTOLOGY}/organizations/un/{facts.actor}",
                                      "showAs": organs.get(facts.actor, facts.actor)})
        if facts.committee:
            eid = self.committee_id()
            sub(refs, "TLCOrganization", {
                "eId": eid, "href": f"{ONTOLOGY}/organizations/un/{eid}",
                "showAs": self.lang.section("committees").get(facts.committee)
                or self.en.section("committees").get(facts.committee, eid)})
        for eid, name in sorted(self.orgs.items()):
            sub(refs, "TLCOrganization", {"eId": eid, "href": f"{ONTOLOGY}/organizations/{eid}",
                                          "showAs": name})
        sub(refs, "TLCOrganization", {"eId": "un2akn", "href": f"{ONTOLOGY}/organizations/un2akn",
                                      "showAs": "un2akn converter"})
        for event in sorted(self.events):
            sub(refs, "TLCEvent", {"eId": event, "href": f"{ONTOLOGY}/events/un/{event}",
                                   "showAs": event})
        sub(refs, "TLCRole", {"eId": "author", "href": f"{ONTOLOGY}/roles/author",
                              "showAs": "Author"})
        for concept in sorted(self.concepts):
            sub(refs, "TLCConcept", {"eId": concept, "href": f"{ONTOLOGY}/concepts/un/{concept}",
                                     "showAs": concept})

    def committee_id(self) -> str:
        name = self.en.section("committees").get(self.doc.facts.committee, "")
        return tlc_id(name.split("(")[-1].rstrip(")") if "(" in name else name) or "committee"

    def proprietary(self, meta: etree._Element) -> None:
        facts = self.doc.facts
        prop = sub(meta, "proprietary", {"source": SOURCE})
        info = etree.SubElement(prop, f"{{{PROP_NS}}}source", {
            "file": self.doc.source, "dateFrom": facts.date_source or "none"})
        if facts.job_number:
            info.set("jobNumber", facts.job_number)
        for link in self.doc.links:  # every hyperlink line of the source, matched or not
            etree.SubElement(prop, f"{{{PROP_NS}}}link", {
                "href": link.url, "line": str(link.loc.line), "page": str(link.loc.page),
                "matched": "true" if link.ref else "false"})

    def cover(self) -> etree._Element | None:
        doc, facts = self.doc, self.doc.facts
        cover = E("coverPage")
        kinds = {m.kind for m in doc.masthead}
        for m in doc.masthead:
            text = plain_text(m.content)
            p = sub(cover, "p", {"class": m.kind})
            if m.kind == "symbol":
                sub(p, "docNumber", {"refersTo": None}, text)
            elif m.kind == "authority":
                sub(p, "docAuthority", None, text)
            elif m.kind == "organ":
                sub(p, "docAuthority", None, text)
            elif m.kind == "date" and facts.date_source == "masthead":
                sub(p, "docDate", {"date": facts.date}, text)
            elif m.kind in ("distribution", "original", "date"):
                sub(p, "inline", {"name": "originalLanguage" if m.kind == "original" else m.kind},
                    text)
            elif m.kind == "job":
                sub(p, "docketNumber", None, text)
            else:
                sub(p, "inline", {"name": m.kind}, text)
        if "symbol" not in kinds and facts.symbol:
            sub(sub(cover, "p", {"class": "symbol"}), "docNumber", None, facts.symbol)
        if facts.committee and not self.committee_printed:  # known from the symbol alone
            sub(sub(cover, "p", {"class": "committee"}), "docCommittee",
                {"refersTo": f"#{self.committee_id()}"})
        if facts.job_number and "job" not in kinds:
            sub(sub(cover, "p", {"class": "jobNumber"}), "docketNumber", None, facts.job_number)
        return cover if len(cover) else None

    def preface(self) -> etree._Element | None:
        if not self.doc.heading:
            return None
        preface = E("preface")
        for item in self.doc.heading:
            if item.kind == "title":
                self.p(sub(preface, "longTitle"), item.content)
            else:
                self.p(preface, item.content, {"class": item.kind})
        return preface

    def preamble(self) -> etree._Element:
        pre = E("preamble")
        formula = sub(pre, "formula", {"name": "enactingFormula"})
        self.p(formula, self.doc.formula)
        for n, para in enumerate(self.doc.preamble, 1):
            opening = para.opening
            type_ = opening.type if opening else "unknown"
            self.concepts.add(type_)
            c = sub(pre, "container", {"name": type_, "eId": f"preambular_{n}",
                                       "refersTo": f"#{type_}",
                                       "class": " ".join(opening.modifiers) if opening and
                                       opening.modifiers else None})
            self.p(c, para.content)
        return pre

    def blocks(self, parent, blocks, prefix: str) -> None:
        """Paragraphs, and headings: a heading opens an `hcontainer` holding what follows it
        up to the next heading (AKN allows no bare heading in a body)."""
        container = parent
        headings = unnumbered = 0
        for block in blocks:
            if isinstance(block, Heading):
                headings += 1
                container = sub(parent, "hcontainer", {
                    "eId": f"{prefix}hcontainer_{headings}",
                    "name": "section" if block.num else "crossHeading"})
                if block.num:
                    sub(container, "num", None, block.num)
                self.inline(sub(container, "heading"), block.content)
                continue
            if block.num is None:
                unnumbered += 1
                sole = len(blocks) == 1 and not prefix
                label = "1" if sole else f"u{unnumbered}"
            else:
                label = re.sub(r"\D", "", block.num)  # "7." (or "7 -"): para_7
            eid = f"{prefix}para_{label}"
            if eid in self.eids:  # numbering restarted under a new heading
                eid = f"{prefix}hcontainer_{headings}__para_{label}"
            self.eids.add(eid)
            self.paragraph(container, block, eid)

    def paragraph(self, parent, para: Paragraph, eid: str) -> None:
        opening = para.opening
        attrib = {"eId": eid}
        if opening is not None:
            self.concepts.add(opening.type)
            attrib["refersTo"] = f"#{opening.type}"
            if opening.modifiers:
                attrib["class"] = " ".join(opening.modifiers)
        el = sub(parent, "paragraph", attrib)
        if para.num:
            sub(el, "num", None, para.num)
        self.body(el, para.content, para.points, eid)

    def body(self, el, content, points, eid: str) -> None:
        if not points:
            self.p(sub(el, "content"), content)
            return
        lst = sub(el, "list", {"eId": f"{eid}__list_1"})
        self.p(sub(lst, "intro"), content)
        for point in points:
            peid = f"{eid}__list_1__point_{self.point_label(point.label)}"
            pel = sub(lst, "point", {"eId": peid})
            sub(pel, "num", None, point.num)
            self.body(pel, point.content, point.points, peid)

    def point_label(self, label: str) -> str:
        """The eId label of a sub-paragraph: its place in the Latin lettering ("б" and "ب"
        give "b", as "b" does), so that every language version has the same eIds."""
        letters = tuple(self.lang.value("numbers", "letters", default=LATIN_LETTERS))
        index = letter_index(label, letters)
        if index is None or letters == LATIN_LETTERS:
            return label
        seq = None
        for _ in range(index + 1):
            seq = letter_after(seq)
        return seq

    def main_body(self) -> etree._Element:
        body = E("mainBody")
        self.blocks(body, self.doc.operative, "")
        return body

    def conclusions(self) -> etree._Element | None:
        if not self.doc.closing:
            return None
        c = E("conclusions")
        for item in self.doc.closing:
            self.p(c, item.content, {"class": "closing"})
        return c

    def attachments(self) -> etree._Element | None:
        if not self.doc.annexes:
            return None
        atts = E("attachments")
        for n, annex in enumerate(self.doc.annexes, 1):
            att = sub(atts, "attachment", {"eId": f"att_{n}"})
            d = sub(att, "doc", {"name": "annex" if annex.heading else "adoptedText"})
            d.append(self.annex_meta(n))
            preface = sub(d, "preface")
            if annex.heading:
                self.p(preface, annex.heading, {"class": "annexHeading"})
            if annex.title:
                self.p(sub(preface, "longTitle"), annex.title)
            body = sub(d, "mainBody")
            self.blocks(body, annex.blocks, f"att_{n}__")
            if not len(body):
                sub(body, "p")
        return atts

    def annex_meta(self, n: int) -> etree._Element:
        f = self.frbr
        meta = E("meta")
        ident = sub(meta, "identification", {"source": SOURCE})
        frbr_date = self.frbr_date()
        for level, uri in (("FRBRWork", f.work), ("FRBRExpression", f.expression),
                           ("FRBRManifestation", f.expression)):
            el = sub(ident, level)
            sub(el, "FRBRthis", {"value": f"{uri}/!annex_{n}" + (".xml" if level == "FRBRManifestation" else "")})
            sub(el, "FRBRuri", {"value": uri + ("/.xml" if level == "FRBRManifestation" else "")})
            sub(el, "FRBRdate", frbr_date)
            sub(el, "FRBRauthor", {"href": f"#{self.doc.facts.actor}" if level != "FRBRManifestation" else SOURCE})
            if level == "FRBRWork":
                sub(el, "FRBRcountry", {"value": "un"})
            if level == "FRBRExpression":
                sub(el, "FRBRlanguage", {"language": self.lang.akn})
        return meta

    def build(self) -> etree._ElementTree:
        root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap=NSMAP)
        st = sub(root, "statement", {"contains": "originalVersion",
                                     "name": self.doc.facts.statement})
        # body parts first: they collect the TLCs that meta must declare
        preface = self.preface()  # before the cover: it tells whether the committee is printed
        parts = [self.cover(), preface, self.preamble(), self.main_body(),
                 self.conclusions(), self.attachments()]
        meta = self.meta()
        if self.alternatives:
            analysis = sub(meta, "analysis", {"source": SOURCE})
            others = sub(analysis, "otherReferences", {"source": SOURCE})
            for eid, url in self.alternatives:
                sub(others, "alternativeReference", {"for": f"#{eid}", "href": url,
                                                     "showAs": url})
        self.references(meta)
        self.proprietary(meta)
        st.append(meta)
        for part in parts:
            if part is not None:
                st.append(part)
        return etree.ElementTree(root)


def note_eid(marker: str) -> str:
    return f"note_{marker}" if marker.isdigit() else "note_star" + (str(len(marker)) if len(marker) > 1 else "")


def to_tree(doc: Document) -> etree._ElementTree:
    return _Emitter(doc).build()


def to_bytes(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=False)
