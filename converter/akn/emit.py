"""Emit: document model → Akoma Ntoso 3.0 XML (AKN4UN profile, decisions in docs/markup.md).

The document is written in schema order through a builder (`converter.akn.elements`: XML
text parsed once); `to_bytes` serialises the tree deterministically (same model, same
bytes). Text is never parsed as markup. This module writes the cover,
preface, preamble, body, conclusions and attachments; `converter.akn.meta` writes `meta`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from lxml import etree

from converter.akn.elements import Builder, Elements, Markup
from converter.akn.inline import InlineEmitter
from converter.akn.meta import annex_meta, committee_id, meta
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
    def cover(self, out: Builder) -> None:
        """The masthead's items, and what the document says that it does not print (the
        symbol, the committee, the job number); no cover page when there is none."""
        facts = self.doc.facts
        kinds = {m.kind for m in self.doc.masthead}
        symbol = facts.symbol if "symbol" not in kinds else None
        committee = facts.committee if not self.committee_printed else None  # from the symbol
        job = facts.job_number if "job" not in kinds else None
        if not (self.doc.masthead or symbol or committee or job):
            return
        out.open("coverPage")
        for m in self.doc.masthead:
            out.open("p", {"class": m.kind})
            self.cover_item(out, m)
            out.close()
        if symbol:
            self.cover_p(out, "symbol", "docNumber", None, symbol)
        if committee:
            self.cover_p(
                out, "committee", "docCommittee", {"refersTo": f"#{committee_id(committee)}"}
            )
        if job:
            self.cover_p(out, "jobNumber", "docketNumber", None, job)
        out.close()

    @staticmethod
    def cover_p(
        out: Builder, class_: str, tag: str, attrib: dict[str, str] | None, text: str | None = None
    ) -> None:
        out.open("p", {"class": class_})
        out.leaf(tag, attrib, text)
        out.close()

    def cover_item(self, out: Builder, item: HeadingItem) -> None:
        text = plain_text(item.content)
        if item.kind == "date" and self.doc.facts.date_source == "masthead":
            out.leaf("docDate", {"date": self.doc.facts.date}, text)
            return
        tag, attrib = COVER_ELEMENTS.get(item.kind, ("inline", {"name": item.kind}))
        out.leaf(tag, attrib, text)

    def preface(self, out: Builder) -> None:
        if not self.doc.heading:
            return
        out.open("preface")
        for item in self.doc.heading:
            if item.kind == "title":
                out.open("longTitle")
                self.p(out, item.content)
                out.close()
            else:
                self.p(out, item.content, {"class": item.kind})
        out.close()

    def preamble(self, out: Builder) -> None:
        out.open("preamble")
        out.open("formula", {"name": "enactingFormula"})
        self.p(out, self.doc.formula)
        out.close()
        for n, para in enumerate(self.doc.preamble, 1):
            self.preambular(out, "container", para, f"preambular_{n}")
        out.close()

    def preambular(self, out: Builder, tag: str, para: Paragraph, eid: str) -> None:
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
        out.open(tag, attrib)
        self.p(out, para.content)
        out.close()

    def blocks(
        self,
        out: Builder,
        blocks: tuple[Paragraph | Heading | RunOn | Amendment, ...],
        prefix: str,
    ) -> None:
        """Paragraphs, and headings: a heading opens an `hcontainer` holding what follows it
        up to the next heading (AKN allows no bare heading in a body)."""
        scope = prefix
        headings = unnumbered = 0
        scoped = restarts(blocks)
        for block in blocks:
            if isinstance(block, RunOn):
                self.run_on(out, block)
                continue
            if isinstance(block, Heading):
                if headings:
                    out.close()  # the heading before
                headings += 1
                self.heading(out, block, f"{prefix}hcontainer_{headings}")
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
            self.paragraph(out, block, eid)
        if headings:
            out.close()  # the last heading

    def heading(self, out: Builder, block: Heading, eid: str) -> None:
        """Open the `hcontainer` of a heading; what follows it goes in, up to its close."""
        out.open("hcontainer", {"eId": eid, "name": "section" if block.num else "crossHeading"})
        if block.num:
            out.leaf("num", None, block.num)
        out.open("heading")
        self.inline(out, block.content)
        out.close()
        if block.preamble:  # the section's own preamble
            out.open("intro")
            for n, para in enumerate(block.preamble, 1):
                self.preambular(out, "blockContainer", para, f"{eid}__preambular_{n}")
            out.close()

    def paragraph(self, out: Builder, para: Paragraph, eid: str) -> None:
        opening = para.opening
        attrib = {"eId": eid}
        if opening is not None:
            self.found.concepts.add(opening.type)
            attrib["refersTo"] = f"#{opening.type}"
            if opening.modifiers:
                attrib["class"] = " ".join(opening.modifiers)
        out.open("paragraph", attrib)
        if para.num:
            out.leaf("num", None, para.num)
        self.body(out, para.content, para.points, eid)
        out.close()

    def run_on(self, out: Builder, block: RunOn) -> None:
        """A decision's text that runs on from its formula: a `p` (class runOn) in the body,
        or a `list` (class runOn) whose intro it is when points follow it."""
        if not block.points:
            self.p(out, block.content, {"class": "runOn"})
            return
        out.open("list", {"eId": "list_1", "class": "runOn"})
        if block.content:
            out.open("intro")
            self.p(out, block.content)
            out.close()
        self.points(out, block.points, "list_1")
        out.close()

    def body(
        self, out: Builder, content: Iterable[Inline], points: tuple[Point, ...], eid: str
    ) -> None:
        """The content of a paragraph or point: its text, or the intro of its points."""
        if not points:
            out.open("content")
            self.p(out, content)
            out.close()
            return
        out.open("list", {"eId": f"{eid}__list_1"})
        out.open("intro")
        self.p(out, content)
        out.close()
        self.points(out, points, f"{eid}__list_1")
        out.close()

    def points(self, out: Builder, points: tuple[Point, ...], prefix: str) -> None:
        for point in points:
            peid = f"{prefix}__point_{self.point_label(point.label)}"
            out.open("point", {"eId": peid})
            out.leaf("num", None, point.num)
            self.body(out, point.content, point.points, peid)
            out.close()

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

    def main_body(self, out: Builder) -> None:
        out.open("mainBody")
        self.blocks(out, self.doc.operative, "")
        out.close()

    def amendment_body(self, out: Builder) -> None:
        """Each amendment an `amendmentContent`; its number (and its points') an inline num."""
        out.open("amendmentBody")
        for n, item in enumerate(self.doc.operative, 1):
            if not isinstance(item, (Amendment, Paragraph)):
                raise TypeError(f"cannot emit {type(item).__name__} in an amendment body")
            label = _NON_DIGIT.sub("", item.num or "") or str(n)
            out.open("amendmentContent", {"eId": f"amendment_{label}"})
            self.numbered_p(out, item)
            out.close()
        out.close()

    def numbered_p(self, out: Builder, item: Amendment | Paragraph | Point) -> None:
        out.open("p")
        if item.num:
            out.leaf("inline", {"name": "num"}, item.num)
            out.text(" ")
        self.inline(out, item.content)
        out.close()
        for point in item.points:
            self.numbered_p(out, point)

    def conclusions(self, out: Builder) -> None:
        if not self.doc.closing:
            return
        out.open("conclusions")
        for item in self.doc.closing:
            self.p(out, item.content, {"class": "closing"})
        out.close()

    def attachments(self, out: Builder) -> None:
        if not self.doc.annexes:
            return
        out.open("attachments")
        for n, annex in enumerate(self.doc.annexes, 1):
            out.open("attachment", {"eId": f"att_{n}"})
            out.open("doc", {"name": "annex" if annex.heading else "adoptedText"})
            annex_meta(out, self.doc, self.frbr, self.lang, n)
            out.open("preface")
            if annex.heading:
                self.p(out, annex.heading, {"class": "annexHeading"})
            if annex.title:
                out.open("longTitle")
                self.p(out, annex.title)
                out.close()
            out.close()
            out.open("mainBody")
            self.blocks(out, annex.blocks, f"att_{n}__")
            if not annex.blocks:  # (each block is an element)
                out.leaf("p")
            out.close()
            out.close()
            out.close()
        out.close()

    def build(self, out: Builder) -> None:
        out.open(self.doc_type, {"contains": "originalVersion", "name": self.doc.facts.statement})
        # meta and the cover are written last, in their spots: the body parts collect the
        # TLCs that meta must declare, the preface tells whether the committee is printed
        out.open("meta")
        head = out.spot()
        out.close()
        cover = out.spot()
        self.preface(out)
        if self.doc_type == "amendment":
            self.amendment_body(out)
        else:
            self.preamble(out)
            self.main_body(out)
        self.cover(cover)
        self.conclusions(out)
        self.attachments(out)
        meta(head, self.doc, self.frbr, self.lang, self.found)
        out.close()


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
    """The AKN tree of ``doc``; ``lang`` is the document's Language (loaded if not given).

    Written as XML text and parsed once; when libxml2 refuses the text (a character XML
    does not allow), made again with lxml's API, which raises as it always did."""
    lang = lang if lang is not None else load(doc.facts.lang)
    markup = Markup()
    _Emitter(doc, lang).build(markup)
    tree = markup.tree()
    if tree is None:
        elements = Elements()
        _Emitter(doc, lang).build(elements)
        tree = elements.tree()
    return tree


def to_bytes(tree: etree._ElementTree) -> bytes:
    return cast(
        bytes, etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=False)
    )
