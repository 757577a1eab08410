"""Emit: document model → Akoma Ntoso 3.0 XML (AKN4UN profile, decisions in docs/markup.md).

The tree is built with lxml in schema order; `to_bytes` serialises it deterministically
(same model, same bytes). Text is never parsed as markup. This module writes the cover,
preface, preamble, body, conclusions and attachments; `converter.akn.meta` writes `meta`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from lxml import etree

from converter.akn.elements import sub
from converter.akn.inline import InlineEmitter
from converter.akn.meta import annex_meta, committee_id, meta
from converter.akn.ns import AKN_NS, NSMAP
from converter.ids import Frbr
from converter.languages import Language, load
from converter.languages.numbering import LATIN_LETTERS, letter_after, letter_index
from converter.model import (
    Amendment,
    Document,
    Heading,
    HeadingItem,
    Inline,
    Paragraph,
    Point,
    RunOn,
    plain_text,
)

_NON_DIGIT = re.compile(r"\D")  #: taken out of a paragraph number for its eId: "7." -> "7"

COVER_ELEMENTS = {  # masthead item kind -> (AKN element, its attributes)
    "symbol": ("docNumber", None),
    "authority": ("docAuthority", None),
    "organ": ("docAuthority", None),
    "distribution": ("inline", {"name": "distribution"}),
    "original": ("inline", {"name": "originalLanguage"}),
    "date": ("inline", {"name": "date"}),
    "job": ("docketNumber", None),
}


class _Emitter(InlineEmitter):
    """One document's AKN; the body first, collecting the TLCs that `meta` declares."""

    def __init__(self, doc: Document, lang: Language):
        super().__init__(doc)
        self.lang = lang
        self.eids: set[str] = set()  # paragraph eIds given so far
        self.letters = tuple(lang.value("numbers", "letters", default=LATIN_LETTERS))
        facts = doc.facts
        self.doc_type = "amendment" if facts.statement == "amendment" else "statement"
        self.frbr = Frbr(
            facts.actor, facts.date or "0000", facts.symbol or "unknown", lang.akn, self.doc_type
        )

    # -- parts -------------------------------------------------------------------------------
    def cover(self, cover: etree._Element) -> None:
        facts = self.doc.facts
        kinds = {m.kind for m in self.doc.masthead}
        for m in self.doc.masthead:
            self.cover_item(sub(cover, "p", {"class": m.kind}), m)
        if "symbol" not in kinds and facts.symbol:
            sub(sub(cover, "p", {"class": "symbol"}), "docNumber", None, facts.symbol)
        if facts.committee and not self.committee_printed:  # known from the symbol alone
            sub(
                sub(cover, "p", {"class": "committee"}),
                "docCommittee",
                {"refersTo": f"#{committee_id(facts.committee)}"},
            )
        if facts.job_number and "job" not in kinds:
            sub(sub(cover, "p", {"class": "jobNumber"}), "docketNumber", None, facts.job_number)

    def cover_item(self, p: etree._Element, item: HeadingItem) -> None:
        text = plain_text(item.content)
        if item.kind == "date" and self.doc.facts.date_source == "masthead":
            sub(p, "docDate", {"date": self.doc.facts.date}, text)
            return
        tag, attrib = COVER_ELEMENTS.get(item.kind, ("inline", {"name": item.kind}))
        sub(p, tag, attrib, text)

    def preface(self, parent: etree._Element) -> None:
        if not self.doc.heading:
            return
        preface = sub(parent, "preface")
        for item in self.doc.heading:
            if item.kind == "title":
                self.p(sub(preface, "longTitle"), item.content)
            else:
                self.p(preface, item.content, {"class": item.kind})

    def preamble(self, parent: etree._Element) -> None:
        pre = sub(parent, "preamble")
        formula = sub(pre, "formula", {"name": "enactingFormula"})
        self.p(formula, self.doc.formula)
        for n, para in enumerate(self.doc.preamble, 1):
            self.preambular(pre, "container", para, f"preambular_{n}")

    def preambular(self, parent: etree._Element, tag: str, para: Paragraph, eid: str) -> None:
        """A preambular paragraph: a `container` named by its type in the preamble, a
        `blockContainer` in a section's `intro` (which holds no `container`)."""
        opening = para.opening
        type_ = opening.type if opening else "unknown"
        self.found.concepts.add(type_)
        attrib = {
            "name": type_ if tag == "container" else None,
            "eId": eid,
            "refersTo": f"#{type_}",
            "class": " ".join(opening.modifiers) if opening and opening.modifiers else None,
        }
        self.p(sub(parent, tag, attrib), para.content)

    def blocks(
        self,
        parent: etree._Element,
        blocks: tuple[Paragraph | Heading | RunOn | Amendment, ...],
        prefix: str,
    ) -> None:
        """Paragraphs, and headings: a heading opens an `hcontainer` holding what follows it
        up to the next heading (AKN allows no bare heading in a body)."""
        container, scope = parent, prefix
        headings = unnumbered = 0
        scoped = restarts(blocks)
        for block in blocks:
            if isinstance(block, RunOn):
                self.run_on(container, block)
                continue
            if isinstance(block, Heading):
                headings += 1
                container = self.heading(parent, block, f"{prefix}hcontainer_{headings}")
                scope = f"{prefix}hcontainer_{headings}__" if scoped else prefix
                continue
            if isinstance(block, Amendment):
                raise TypeError(
                    "cannot emit an amendment as a paragraph: only in an amendment body"
                )
            if block.num is None:
                unnumbered += 1
                sole = len(blocks) == 1 and not prefix
                label = "1" if sole else f"u{unnumbered}"
            else:
                label = _NON_DIGIT.sub("", block.num)  # "7." (or "7 -"): para_7
            eid = f"{scope}para_{label}"
            if eid in self.eids:  # a number repeated without a restart under a heading
                eid = f"{prefix}hcontainer_{headings}__para_{label}"
            base, copy = eid, 1
            while eid in self.eids:  # a number repeated in one scope
                copy += 1
                eid = f"{base}_{copy}"
            self.eids.add(eid)
            self.paragraph(container, block, eid)

    def heading(self, parent: etree._Element, block: Heading, eid: str) -> etree._Element:
        container = sub(
            parent, "hcontainer", {"eId": eid, "name": "section" if block.num else "crossHeading"}
        )
        if block.num:
            sub(container, "num", None, block.num)
        self.inline(sub(container, "heading"), block.content)
        if block.preamble:  # the section's own preamble
            intro = sub(container, "intro")
            for n, para in enumerate(block.preamble, 1):
                self.preambular(intro, "blockContainer", para, f"{eid}__preambular_{n}")
        return container

    def paragraph(self, parent: etree._Element, para: Paragraph, eid: str) -> None:
        opening = para.opening
        attrib = {"eId": eid}
        if opening is not None:
            self.found.concepts.add(opening.type)
            attrib["refersTo"] = f"#{opening.type}"
            if opening.modifiers:
                attrib["class"] = " ".join(opening.modifiers)
        el = sub(parent, "paragraph", attrib)
        if para.num:
            sub(el, "num", None, para.num)
        self.body(el, para.content, para.points, eid)

    def run_on(self, parent: etree._Element, block: RunOn) -> None:
        """A decision's text that runs on from its formula: a `p` (class runOn) in the body,
        or a `list` (class runOn) whose intro it is when points follow it."""
        if not block.points:
            self.p(parent, block.content, {"class": "runOn"})
            return
        lst = sub(parent, "list", {"eId": "list_1", "class": "runOn"})
        if block.content:
            self.p(sub(lst, "intro"), block.content)
        self.points(lst, block.points, "list_1")

    def body(
        self,
        el: etree._Element,
        content: Iterable[Inline],
        points: tuple[Point, ...],
        eid: str,
    ) -> None:
        if not points:
            self.p(sub(el, "content"), content)
            return
        lst = sub(el, "list", {"eId": f"{eid}__list_1"})
        self.p(sub(lst, "intro"), content)
        self.points(lst, points, f"{eid}__list_1")

    def points(self, lst: etree._Element, points: tuple[Point, ...], prefix: str) -> None:
        for point in points:
            peid = f"{prefix}__point_{self.point_label(point.label)}"
            pel = sub(lst, "point", {"eId": peid})
            sub(pel, "num", None, point.num)
            self.body(pel, point.content, point.points, peid)

    def point_label(self, label: str) -> str:
        """The eId label of a sub-paragraph: its place in the Latin lettering ("б" and "ب"
        give "b", as "b" does), so that every language version has the same eIds."""
        index = letter_index(label, self.letters)
        if index is None or self.letters == LATIN_LETTERS:
            return label
        seq = letter_after(None)
        for _ in range(index):
            seq = letter_after(seq)
        return seq

    def main_body(self, parent: etree._Element) -> None:
        self.blocks(sub(parent, "mainBody"), self.doc.operative, "")

    def amendment_body(self, parent: etree._Element) -> None:
        """Each amendment an `amendmentContent`; its number (and its points') an inline num."""
        body = sub(parent, "amendmentBody")
        for n, item in enumerate(self.doc.operative, 1):
            if not isinstance(item, (Amendment, Paragraph)):
                raise TypeError(f"cannot emit {type(item).__name__} in an amendment body")
            label = _NON_DIGIT.sub("", item.num or "") or str(n)
            content = sub(body, "amendmentContent", {"eId": f"amendment_{label}"})
            self.numbered_p(content, item)

    def numbered_p(self, parent: etree._Element, item: Amendment | Paragraph | Point) -> None:
        p = sub(parent, "p")
        num = None
        if item.num:
            num = sub(p, "inline", {"name": "num"}, item.num)
            num.tail = " "
        self.inline(p, item.content, num)
        for point in item.points:
            self.numbered_p(parent, point)

    def conclusions(self, parent: etree._Element) -> None:
        if not self.doc.closing:
            return
        c = sub(parent, "conclusions")
        for item in self.doc.closing:
            self.p(c, item.content, {"class": "closing"})

    def attachments(self, parent: etree._Element) -> None:
        if not self.doc.annexes:
            return
        atts = sub(parent, "attachments")
        for n, annex in enumerate(self.doc.annexes, 1):
            att = sub(atts, "attachment", {"eId": f"att_{n}"})
            d = sub(att, "doc", {"name": "annex" if annex.heading else "adoptedText"})
            annex_meta(d, self.doc, self.frbr, self.lang, n)
            preface = sub(d, "preface")
            if annex.heading:
                self.p(preface, annex.heading, {"class": "annexHeading"})
            if annex.title:
                self.p(sub(preface, "longTitle"), annex.title)
            body = sub(d, "mainBody")
            self.blocks(body, annex.blocks, f"att_{n}__")
            if not len(body):
                sub(body, "p")

    def build(self) -> etree._ElementTree:
        root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap=NSMAP)
        st = sub(
            root, self.doc_type, {"contains": "originalVersion", "name": self.doc.facts.statement}
        )
        # each part made in place (an element made apart is moved into the document, all its
        # descendants walked); meta and the cover filled last: the body parts collect the
        # TLCs that meta must declare, the preface tells whether the committee is printed
        head, cover = sub(st, "meta"), sub(st, "coverPage")
        self.preface(st)
        if self.doc_type == "amendment":
            self.amendment_body(st)
        else:
            self.preamble(st)
            self.main_body(st)
        self.cover(cover)
        if not len(cover):
            st.remove(cover)
        self.conclusions(st)
        self.attachments(st)
        meta(head, self.doc, self.frbr, self.lang, self.found)
        return etree.ElementTree(root)


def restarts(blocks: Iterable[Paragraph | Heading | RunOn | Amendment]) -> bool:
    """Whether paragraph numbering starts again at 1 under a heading: then each heading's
    paragraphs are numbered in its own scope, and their eIds say so."""
    seen = False
    for block in blocks:
        if isinstance(block, Paragraph) and block.num:
            number = _NON_DIGIT.sub("", block.num)
            if number == "1" and seen:
                return True
            seen = seen or bool(number)
    return False


def to_tree(doc: Document, lang: Language | None = None) -> etree._ElementTree:
    """The AKN tree of ``doc``; ``lang`` is the document's Language (loaded if not given)."""
    return _Emitter(doc, lang if lang is not None else load(doc.facts.lang)).build()


def to_bytes(tree: etree._ElementTree) -> bytes:
    return cast(
        bytes, etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=False)
    )
