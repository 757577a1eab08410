"""The `meta` block of the AKN: identification (FRBR), references (TLCs), analysis and the
project's proprietary block; also the identification of each annex.

The body is emitted first (`converter.akn.emit`): it collects, in `Collected`, the TLCs that
the references must declare.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from converter import organs
from converter.akn.elements import sub
from converter.akn.ns import AKN, PROP
from converter.ids import Frbr
from converter.languages import Language, load
from converter.model import Document
from converter.parse.inline.refs import document_iri
from converter.source import Dropped
from converter.urls import trusted

#: the characters XML 1.0 does not allow (the complement of its Char production, spelt as
#: such: the class of the allowed ones takes Python's `re` ~9 ms to compile, this one ~1)
_XML_SAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

SOURCE = "#un2akn"
ONTOLOGY = "/akn/ontology"


@dataclass
class Collected:
    """What the body refers to, gathered while it is emitted, declared in `meta`."""

    concepts: set[str] = field(default_factory=set)
    orgs: dict[str, str] = field(default_factory=dict)  #: eId -> showAs
    alternatives: list[tuple[str, str]] = field(default_factory=list)  #: (ref eId, source URL)
    events: set[str] = field(default_factory=set)  #: TLCEvents referred to (adoption)


def frbr_date(doc: Document) -> dict[str, str]:
    """FRBRdate's attributes: the schema wants a full date; a year alone is written as
    its 1 January with name="yearOnly" (docs/markup.md: no day is invented)."""
    date = doc.facts.date or "0000"
    if len(date) == 10:
        return {"date": date, "name": "document"}
    return {"date": f"{date}-01-01", "name": "yearOnly"}


def committee_id(number: str | None) -> str:
    """The TLC eId of a GA Main Committee ("3" → "thirdCommittee"), from the organs table."""
    found = organs.committee("un-ga", number) if number else None
    return found.id if found else "committee"


def committee_name(committee: str, lang: Language) -> str:
    """The name of a Main Committee in ``lang`` (English if the table lacks it)."""
    return str(
        lang.section("committees").get(committee)
        or load("en").section("committees").get(committee, committee_id(committee))
    )


def identification(meta: etree._Element, doc: Document, frbr: Frbr, lang: Language) -> None:
    """The `identification` of `meta`: FRBR Work, Expression and Manifestation."""
    facts, date = doc.facts, frbr_date(doc)
    ident = sub(meta, "identification", {"source": SOURCE})
    work = sub(ident, "FRBRWork")
    sub(work, "FRBRthis", {"value": frbr.work_this})
    sub(work, "FRBRuri", {"value": frbr.work})
    sub(work, "FRBRdate", date)
    sub(work, "FRBRauthor", {"href": f"#{facts.actor}", "as": "#author"})
    sub(work, "FRBRcountry", {"value": "un"})
    sub(work, "FRBRsubtype", {"value": "deliberation"})
    sub(work, "FRBRnumber", {"value": frbr.number, "showAs": facts.symbol})
    expr = sub(ident, "FRBRExpression")
    sub(expr, "FRBRthis", {"value": frbr.expression_this})
    sub(expr, "FRBRuri", {"value": frbr.expression})
    sub(expr, "FRBRdate", date)
    sub(expr, "FRBRauthor", {"href": f"#{facts.actor}", "as": "#author"})
    sub(expr, "FRBRlanguage", {"language": lang.akn})
    manif = sub(ident, "FRBRManifestation")
    sub(manif, "FRBRthis", {"value": frbr.manifestation_this})
    sub(manif, "FRBRuri", {"value": frbr.manifestation})
    sub(manif, "FRBRdate", {"date": date["date"], "name": "conversion"})
    sub(manif, "FRBRauthor", {"href": SOURCE})
    sub(manif, "FRBRformat", {"value": "application/akn+xml"})


def analysis(meta: etree._Element, found: Collected) -> None:
    """The source's own hyperlinks of references, as alternative references."""
    if not found.alternatives:
        return
    others = sub(sub(meta, "analysis", {"source": SOURCE}), "otherReferences", {"source": SOURCE})
    for eid, url in found.alternatives:
        sub(others, "alternativeReference", {"for": f"#{eid}", "href": url, "showAs": url})


def references(meta: etree._Element, doc: Document, lang: Language, found: Collected) -> None:
    """The TLCs: the author organ, its committee, States, the converter, events, concepts."""
    facts = doc.facts
    refs = sub(meta, "references", {"source": SOURCE})
    if facts.amends:  # an amendment: the draft it amends
        sub(
            refs,
            "activeRef",
            {"eId": "amended", "href": document_iri(facts.amends), "showAs": facts.amends},
        )
    sub(
        refs,
        "TLCOrganization",
        {
            "eId": facts.actor,
            "href": f"{ONTOLOGY}/organizations/un/{facts.actor}",
            "showAs": lang.section("organs").get(facts.actor, facts.actor),
        },
    )
    if facts.committee:
        eid = committee_id(facts.committee)
        sub(
            refs,
            "TLCOrganization",
            {
                "eId": eid,
                "href": f"{ONTOLOGY}/organizations/un/{eid}",
                "showAs": committee_name(facts.committee, lang),
            },
        )
    for eid, name in sorted(found.orgs.items()):
        sub(
            refs,
            "TLCOrganization",
            {"eId": eid, "href": f"{ONTOLOGY}/organizations/{eid}", "showAs": name},
        )
    sub(
        refs,
        "TLCOrganization",
        {"eId": "un2akn", "href": f"{ONTOLOGY}/organizations/un2akn", "showAs": "un2akn converter"},
    )
    for event in sorted(found.events):
        sub(
            refs,
            "TLCEvent",
            {"eId": event, "href": f"{ONTOLOGY}/events/un/{event}", "showAs": event},
        )
    sub(refs, "TLCRole", {"eId": "author", "href": f"{ONTOLOGY}/roles/author", "showAs": "Author"})
    for concept in sorted(found.concepts):
        sub(
            refs,
            "TLCConcept",
            {"eId": concept, "href": f"{ONTOLOGY}/concepts/un/{concept}", "showAs": concept},
        )


def proprietary(meta: etree._Element, doc: Document) -> None:
    """The source file, how its date was found, and every hyperlink line of the source."""
    facts = doc.facts
    prop = sub(meta, "proprietary", {"source": SOURCE})
    info = etree.SubElement(
        prop, PROP + "source", {"file": doc.source, "dateFrom": facts.date_source or "none"}
    )
    if facts.job_number:
        info.set("jobNumber", facts.job_number)
    for link in doc.links:  # matched to a reference or not
        el = etree.SubElement(
            prop,
            PROP + "link",
            {
                "href": link.url,
                "line": str(link.loc.line),
                "page": str(link.loc.page),
                "matched": "true" if link.ref else "false",
            },
        )
        if not trusted(link.url):
            el.set("trusted", "false")  # kept as the source's text, never as a link


def ledger(tree: etree._ElementTree, dropped: list[Dropped]) -> None:
    """The reader's ledger in the proprietary block, for an audit of every line set aside:
    ``<un2akn:ledger lines="N">`` with a ``<un2akn:kind name= count=>`` per kind, then
    each line as ``<un2akn:dropped line= kind=>text</un2akn:dropped>``."""
    prop = tree.getroot().find(f".//{AKN}proprietary")
    if prop is None:
        return
    el = etree.SubElement(prop, PROP + "ledger", {"lines": str(len(dropped))})
    for kind, count in sorted(Counter(d.kind for d in dropped).items()):
        etree.SubElement(el, PROP + "kind", {"name": kind, "count": str(count)})
    for d in dropped:
        etree.SubElement(
            el, PROP + "dropped", {"line": str(d.line), "kind": d.kind}
        ).text = _XML_SAFE.sub("\ufffd", d.text)


def mark_ocr(tree: etree._ElementTree, engine: str) -> None:
    """Flag the proprietary source as recognised from page images (``ocr`` names how)."""
    for info in tree.getroot().iter(PROP + "source"):
        info.set("ocr", engine)
        return


def meta(el: etree._Element, doc: Document, frbr: Frbr, lang: Language, found: Collected) -> None:
    """The whole `meta` block of the document, in the (empty) element ``el``."""
    identification(el, doc, frbr, lang)
    analysis(el, found)
    references(el, doc, lang, found)
    proprietary(el, doc)


def annex_meta(parent: etree._Element, doc: Document, frbr: Frbr, lang: Language, n: int) -> None:
    """The `meta` of annex ``n`` in ``parent``: its identification, components of the
    document's Work and Expression."""
    el = sub(parent, "meta")
    ident = sub(el, "identification", {"source": SOURCE})
    date = frbr_date(doc)
    for level, uri in (
        ("FRBRWork", frbr.work),
        ("FRBRExpression", frbr.expression),
        ("FRBRManifestation", frbr.expression),
    ):
        manifestation = level == "FRBRManifestation"
        part = sub(ident, level)
        sub(part, "FRBRthis", {"value": f"{uri}/!annex_{n}" + (".xml" if manifestation else "")})
        sub(part, "FRBRuri", {"value": uri + ("/.xml" if manifestation else "")})
        sub(part, "FRBRdate", date)
        sub(part, "FRBRauthor", {"href": SOURCE if manifestation else f"#{doc.facts.actor}"})
        if level == "FRBRWork":
            sub(part, "FRBRcountry", {"value": "un"})
        if level == "FRBRExpression":
            sub(part, "FRBRlanguage", {"language": lang.akn})
