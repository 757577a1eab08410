"""The document's parts: the masthead (cover page), the preface, the preamble, body,
conclusions and annexes (a part of `builder._Builder`)."""

from __future__ import annotations

from lxml import etree

from converter.writers.akn import AKN, BODIES, DOC_TYPES, element_children, find_first, local_name
from converter.writers.html.akn import _token
from converter.writers.html.parts import Parts


class DocumentParts(Parts):
    """The `_Builder` methods for a whole document and its masthead and preface."""

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
        for child in element_children(el):
            if local_name(child) != "p":
                rest.extend(self.block(child))
                continue
            kind = _cover_kind(child)
            if kind == "docCommittee" and not "".join(child.itertext()).strip():
                continue  # an empty docCommittee (known from the symbol): nothing to print
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
        for child in element_children(el):
            if local_name(child) == "p":
                inner = {local_name(c) for c in child.iter() if isinstance(c.tag, str)} - {"p"}
                classes = [f"pf-{_token(c)}" for c in (child.get("class") or "").split()]
                classes += sorted(f"with-{_token(n)}" for n in inner if n)
                header.append(self.paragraph(child, classes))
            else:
                header.extend(self.block(child, level))
        return header

    def document(self, el: etree._Element, level: int = 2) -> etree._Element:
        """A document (statement, or an annex's doc) without its meta."""
        top = level <= 2
        art = etree.Element(
            "article" if top else "div",
            {
                "class": f"akn {local_name(el)}"
                + (f" {_token(el.get('name'))}" if el.get("name") else "")
            },
        )
        if el.get("name"):
            art.set("data-name", el.get("name"))
        has_cover = find_first(el, "a:coverPage") is not None
        if top and not has_cover:
            art.append(self.cover_page(etree.Element(f"{AKN}coverPage"), derive_symbol=True))
        for child in element_children(el):
            self.part(art, child, level, top)
        return art

    def part(self, art: etree._Element, child: etree._Element, level: int, top: bool) -> None:
        """Append to ``art`` the HTML of one part of a document (cover page, preface…)."""
        name = local_name(child)
        if name == "meta":
            return
        if name == "coverPage":
            art.append(self.cover_page(child, derive_symbol=top))
        elif name == "preface":
            art.append(self.preface(child, 1 if top else level))
        elif name == "preamble":
            etree.SubElement(art, "section", {"class": "preamble"}).extend(
                self.blocks(child, level)
            )
        elif name in BODIES:
            etree.SubElement(art, "section", {"class": "mainBody"}).extend(
                self.blocks(child, level)
            )
        elif name == "conclusions":
            foot = etree.SubElement(art, "footer", {"class": "conclusions"})
            for part in element_children(child):
                if local_name(part) == "p":
                    classes = [f"cl-{_token(c)}" for c in (part.get("class") or "").split()]
                    foot.append(self.paragraph(part, classes))
                else:
                    foot.extend(self.block(part, level))
        elif name == "attachments":
            sec = etree.SubElement(art, "section", {"class": "attachments"})
            for att in element_children(child):
                wrap = etree.SubElement(sec, "section", {"class": local_name(att)})
                self.set_id(wrap, att.get("eId"))
                for inner in element_children(att):
                    if local_name(inner) in DOC_TYPES:
                        wrap.append(self.document(inner, level + 1))
                    else:
                        wrap.extend(self.block(inner, level + 1))
        else:
            art.extend(self.block(child, level))


_COVER_KINDS = frozenset(
    ("docAuthority", "docNumber", "docDate", "docketNumber", "docCommittee", "docStatus", "inline")
)


def _cover_kind(p: etree._Element) -> str:
    """What a cover page paragraph holds: its first marked-up item (an ``inline`` by name)."""
    for c in p.iter():
        if c is p or not isinstance(c.tag, str):
            continue
        name = local_name(c)
        if name in _COVER_KINDS:
            return name if name != "inline" else (c.get("name") or name)
    return "other"
