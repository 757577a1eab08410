"""Inline content: text runs, phrases, dates, links and footnotes (a part of `builder._Builder`)."""

from __future__ import annotations

from lxml import etree

from converter.writers.akn import local_name
from converter.writers.html.akn import SAME_NAME, _token
from converter.writers.html.parts import Parts
from converter.writers.links import resolver_url


class InlineParts(Parts):
    """The `_Builder` methods for inline content (uses its ``facts``, ``ids``, ``notes``,
    ``alternatives``, ``used_ids``, ``pending_num`` and ``note_count``)."""

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
        name = local_name(el)
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
            classes = (
                [_token(el.get("name"))]
                if el.get("name") == "openingPhrase"
                else ["inline", _token(el.get("name"))]
            )
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
        out = etree.Element("a" if target else "span", {"class": local_name(el)})
        if target:
            out.set("href", target)
        if href:
            out.set("data-akn-href", href)
        self.inline_into(out, el)
        return out

    def note_link(self, el: etree._Element, href: str) -> etree._Element:
        target = href[1:] if href.startswith("#") else ""
        marker = el.get("marker") or ""
        first = local_name(el) != "noteRef"
        out = etree.Element(
            "a" if target in self.ids else "span",
            {"class": "noteref first" if first else "noteref", "role": "doc-noteref"},
        )
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
        note = etree.Element(
            "span", {"class": "footnote", "role": "doc-footnote", "data-marker": marker}
        )
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
                a = etree.SubElement(
                    back, "a", {"href": "#" + anchor, "class": "backref", "role": "doc-backlink"}
                )
                a.text = "↩" if len(anchors) == 1 else f"↩{i}"
                a.tail = " "
        return [call, note]
