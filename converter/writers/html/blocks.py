"""Block content: paragraphs, hierarchical containers (paragraph, point…), tables (a part of
`builder._Builder`)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from converter.writers.akn import DOC_TYPES, element_children, find_first, local_name
from converter.writers.html.akn import HIERARCHY, _token
from converter.writers.html.parts import Parts


class BlockParts(Parts):
    """The `_Builder` methods for blocks."""

    # -- blocks ----------------------------------------------------------------------------
    def blocks(self, el: etree._Element, level: int = 2) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in element_children(el):
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
        name = local_name(el)
        if name in ("meta", ""):
            return []
        if name == "p":
            return [self.paragraph(el, [f"c-{_token(c)}" for c in (el.get("class") or "").split()])]
        if name in ("formula",):
            return [self.formula(el, level)]
        if name == "longTitle":
            return [self.long_title(el, level)]
        if name == "table":
            return [self.table(el)]
        if name in (
            "intro",
            "wrapUp",
            "content",
            "blockList",
            "listIntroduction",
            "listWrapUp",
            "foreign",
            "toc",
            "componentRef",
            "documentRef",
        ):
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

    def formula(self, el: etree._Element, level: int) -> etree._Element:
        div = etree.Element("div", {"class": "formula", "data-name": el.get("name", "")})
        self.set_id(div, el.get("eId"))
        for child in element_children(el):
            if local_name(child) == "p":
                div.append(self.paragraph(child))
            else:
                div.extend(self.block(child, level))
        return div

    def long_title(self, el: etree._Element, level: int) -> etree._Element:
        h = etree.Element(f"h{min(level - 1, 6)}" if level > 1 else "h1", {"class": "longTitle"})
        for i, child in enumerate(element_children(el)):
            if i:
                etree.SubElement(h, "br")
            if local_name(child) == "p":
                self.inline_into(h, child)
            else:
                for node in self.inline(child):
                    h.append(node)
        return h

    def hierarchy(self, el: etree._Element, level: int) -> etree._Element:
        name = local_name(el)
        if name == "crossHeading":
            h = etree.Element(f"h{min(level, 6)}", {"class": "crossHeading"})
            self.set_id(h, el.get("eId"))
            self.inline_into(h, el)
            return h
        html = etree.Element("section" if name in _SECTIONS else "div")
        _classify(html, el, name)
        self.set_id(html, el.get("eId"))
        depth_before = len(self.pending_num)
        heading = find_first(el, "a:heading")
        for child in element_children(el):
            cname = local_name(child)
            if cname == "num":
                if heading is None:
                    self.pending_num.append(child)  # printed at the start of the first p
            elif cname == "heading":
                html.append(self.heading(el, child, level))
            else:
                html.extend(self.block(child, level + 1))
        if len(self.pending_num) > depth_before:  # a num with nothing to print it in
            num = self.pending_num.pop()
            p = etree.Element("p", {"class": "num"})
            self.inline_into(p, num)
            html.insert(0, p)
        return html

    def heading(self, el: etree._Element, heading: etree._Element, level: int) -> etree._Element:
        """The heading of the hierarchy ``el``, its number first."""
        h = etree.Element(f"h{min(level, 6)}", {"class": "heading"})
        num = find_first(el, "a:num")
        if num is not None:
            span = etree.SubElement(h, "span", {"class": "num"})
            self.inline_into(span, num)
            span.tail = " "
        self.inline_into(h, heading)
        return h

    def table(self, el: etree._Element) -> etree._Element:
        table = etree.Element("table")
        self.set_id(table, el.get("eId"))
        for child in element_children(el):
            cname = local_name(child)
            if cname == "caption":
                cap = etree.SubElement(table, "caption")
                self.inline_into(cap, child)
            elif cname == "tr":
                tr = etree.SubElement(table, "tr")
                for cell in element_children(child):
                    td = etree.SubElement(tr, "th" if local_name(cell) == "th" else "td")
                    for attr in ("colspan", "rowspan"):
                        if (cell.get(attr) or "").isdigit():
                            td.set(attr, cell.get(attr))
                    for i, block in enumerate(element_children(cell)):
                        if i:
                            etree.SubElement(td, "br")
                        if local_name(block) == "p":
                            self.inline_into(td, block)
                        else:
                            for node in self.inline(block):
                                td.append(node)
        return table


#: AKN hierarchies that become an HTML ``section`` (the others a ``div``)
_SECTIONS = frozenset(
    ("section", "division", "chapter", "part", "title", "book", "tome", "subdivision", "subsection")
)


def _classify(html: etree._Element, el: etree._Element, name: str) -> None:
    """Classes and data attributes that name the AKN element, its type and its modifiers."""
    classes = [name]
    kind = el.get("name") if name in ("container", "hcontainer", "blockContainer") else None
    canonical = kind or (el.get("refersTo") or "").lstrip("#")
    if canonical:
        classes.append(f"type-{_token(canonical)}")
        html.set("data-type", canonical)
    modifiers = [_token(c) for c in (el.get("class") or "").split() if _token(c)]
    if modifiers:
        classes.extend(f"mod-{m}" for m in modifiers)
        html.set("data-modifiers", " ".join(modifiers))
    html.set("class", " ".join(classes))
