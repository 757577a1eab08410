"""AKN → HTML: one self-contained HTML5 file from a validated Akoma Ntoso document.

The HTML is built as an lxml tree (source text only ever goes into ``.text``, ``.tail`` and
attribute values, so it is escaped by the serializer) and serves two media: the screen, and
a browser's print (the archival PDF is laid out by Typst from the AKN itself, not from this HTML:
`converter.writers.typst`). The document is an ``article`` in
the page's ``main`` landmark. Element ids are the AKN eIds, so ``…html#para_12`` is a deep
link; classes name the AKN element (``paragraph``, ``point``, ``openingPhrase``…) and the
paragraph's canonical type (``type-recalling``, ``data-type``).

Footnotes: at the first reference (``authorialNote``) a superscript link ``a.noteref`` is
followed by the note itself, ``span.footnote#note_12`` (a footnote in print, a side note on
screen); later references (``noteRef``) are superscript links to it; the note links back to
every reference, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from lxml import etree

from converter.writers import fonts
from converter.writers.akn import Facts, document_element, parse_akn, read_facts
from converter.writers.html.blocks import BlockParts
from converter.writers.html.inline import InlineParts
from converter.writers.html.links import _Notes, _scan_notes
from converter.writers.html.masthead import DocumentParts
from converter.writers.links import alternative_links

_DOCTYPE = "<!DOCTYPE html>"


@dataclass
class _Builder(InlineParts, BlockParts, DocumentParts):
    """Builds the HTML of one document; its methods are in `inline`, `blocks`, `masthead`."""

    facts: Facts
    ids: set[str]  #: eIds that exist in the rendered parts
    notes: _Notes
    alternatives: dict[str, str] = field(default_factory=dict)  #: ref eId -> source URL
    used_ids: set[str] = field(default_factory=set)
    pending_num: list[etree._Element] = field(default_factory=list)
    note_count: int = 0


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


#: The stylesheets inlined in every HTML file: common and print rules with the font stacks,
#: and the screen rules (in a <style media="screen">).
STYLESHEET = _asset("un.css") + "\n/* fonts (fonts.STACKS) */\n" + fonts.css_rules()
SCREEN_STYLESHEET = _asset("un-screen.css")


def _head(facts: Facts) -> etree._Element:
    head = etree.Element("head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(
        head, "meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}
    )
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
    html = etree.Element(
        "html",
        {
            "lang": lang.tag,
            "dir": lang.direction,
            "data-script": lang.script,
            "data-openings": "italic" if lang.italic_openings else "plain",
            "data-align": "justify" if lang.justify else "start",
        },
    )
    html.append(_head(facts))
    body = etree.SubElement(html, "body")
    # <main>: the document is the page's main content, a landmark for assistive technology
    etree.SubElement(body, "main").append(builder.document(doc))
    return html


def render_html(akn: bytes | etree._ElementTree) -> str:
    """One self-contained HTML5 file for an AKN document (see the module docstring)."""
    html = build_html(parse_akn(akn))
    return _DOCTYPE + "\n" + etree.tostring(html, method="html", encoding="unicode") + "\n"
