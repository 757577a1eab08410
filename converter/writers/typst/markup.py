"""AKN → Typst source: a visitor over the Akoma Ntoso elements that writes one Typst code block
calling the functions of ``un.typ``.

Untrusted text stays text: every string taken from the document reaches Typst as a string
literal in code mode (`lit` escapes ``\\`` and ``"``, and writes control characters as
``\\u{…}``), never as markup, so ``#``, ``*``, ``$``, ``<``, ``@``, ``=``, ``[``… print as
themselves and nothing in the document is executed. Everything else in the generated code —
function names, labels, lengths — comes from this module. An element the visitor does not know
raises `UnknownElementError`, so nothing is silently dropped.

The visitor is split by kind of element: `literals` (string literals), `inline`, `blocks` and
`document`; the AKN is read with `converter.writers.akn`, links with `converter.writers.links`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from converter.writers.akn import Facts, document_element, read_facts
from converter.writers.fonts import STACKS
from converter.writers.links import alternative_links
from converter.writers.typst.document import DocumentWriter
from converter.writers.typst.errors import TypstWriterError, UnknownElementError
from converter.writers.typst.literals import families, lit, lit_or_none

__all__ = [
    "Markup",
    "build",
    "document_header",
    "TypstWriterError",
    "UnknownElementError",
]


@dataclass
class Markup:
    """The Typst source of a document's body and what the page template needs."""

    body: str  #: one Typst code block (``#{ … }``)
    facts: Facts
    labels: dict[str, str]  #: eId of each footnote -> its Typst label


def _scan_ids(doc: etree._Element) -> set[str]:
    return {el.get("eId") for el in doc.iter() if isinstance(el.tag, str) and el.get("eId")}


def build(root: etree._Element) -> Markup:
    """The Typst code of an AKN document (the <akomaNtoso> element)."""
    facts = read_facts(root)
    doc = document_element(root)
    writer = DocumentWriter(facts=facts, alternatives=alternative_links(doc), ids=_scan_ids(doc))
    parts = writer.document(doc, top=True)
    body = "#{\n" + "\n".join(parts) + "\n}\n"
    return Markup(body=body, facts=facts, labels=dict(writer.labels))


def document_header(facts: Facts, title: str | None, keywords: list[str]) -> str:
    """The ``#show: un-doc.with(…)`` line: page set-up and PDF metadata."""
    lang = facts.lang
    date = "none"
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", facts.manifestation_date or "")
    if m:
        y, mo, d = (int(g) for g in m.groups())
        date = f"datetime(year: {y}, month: {mo}, day: {d})"
    args = [
        f"lang: {lit(lang.typst_lang)}",
        f"region: {lit_or_none(lang.region)}",
        f"dir: {'rtl' if lang.rtl else 'ltr'}",
        f"script: {lit(lang.script)}",
        f"fonts: {families(STACKS[lang.script].body)}",
        f"heading-fonts: {families(STACKS[lang.script].heading)}",
        f"symbol: {lit_or_none(facts.symbol)}",
        f"job: {lit_or_none(facts.job)}",
        f"title: {lit_or_none(title)}",
        f"author: {lit_or_none(facts.author)}",
        f"keywords: ({''.join(lit(k) + ', ' for k in keywords)})",
        f"date: {date}",
    ]
    return f"#show: un-doc.with({', '.join(args)})\n"
