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
from converter.akn.elements import Builder
from converter.akn.ns import AKN, PROP, PROP_PREFIX
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
#: the document's proprietary block (an annex's meta has none): no walk of the whole tree
_PROPRIETARY = f"{AKN}*/{AKN}meta/{AKN}proprietary"
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


def identification(out: Builder, doc: Document, frbr: Frbr, lang: Language) -> None:
    """The `identification` of `meta`: FRBR Work, Expression and Manifestation."""
    facts, date = doc.facts, frbr_date(doc)
    out.open("identification", {"source": SOURCE})
    out.open("FRBRWork")
    out.leaf("FRBRthis", {"value": frbr.work_this})
    out.leaf("FRBRuri", {"value": frbr.work})
    out.leaf("FRBRdate", date)
    out.leaf("FRBRauthor", {"href": f"#{facts.actor}", "as": "#author"})
    out.leaf("FRBRcountry", {"value": "un"})
    out.leaf("FRBRsubtype", {"value": "deliberation"})
    out.leaf("FRBRnumber", {"value": frbr.number, "showAs": facts.symbol})
    out.close()
    out.open("FRBRExpression")
    out.leaf("FRBRthis", {"value": frbr.expression_this})
    out.leaf("FRBRuri", {"value": frbr.expression})
    out.leaf("FRBRdate", date)
    out.leaf("FRBRauthor", {"href": f"#{facts.actor}", "as": "#author"})
    out.leaf("FRBRlanguage", {"language": lang.akn})
    out.close()
    out.open("FRBRManifestation")
    out.leaf("FRBRthis", {"value": frbr.manifestation_this})
    out.leaf("FRBRuri", {"value": frbr.manifestation})
    out.leaf("FRBRdate", {"date": date["date"], "name": "conversion"})
    out.leaf("FRBRauthor", {"href": SOURCE})
    out.leaf("FRBRformat", {"value": "application/akn+xml"})
    out.close()
    out.close()


def analysis(out: Builder, found: Collected) -> None:
    """The source's own hyperlinks of references, as alternative references."""
    if not found.alternatives:
        return
    out.open("analysis", {"source": SOURCE})
    out.open("otherReferences", {"source": SOURCE})
    for eid, url in found.alternatives:
        out.leaf("alternativeReference", {"for": f"#{eid}", "href": url, "showAs": url})
    out.close()
    out.close()


def references(out: Builder, doc: Document, lang: Language, found: Collected) -> None:
    """The TLCs: the author organ, its committee, States, the converter, events, concepts."""
    facts = doc.facts
    out.open("references", {"source": SOURCE})
    if facts.amends:  # an amendment: the draft it amends
        out.leaf(
            "activeRef",
            {"eId": "amended", "href": document_iri(facts.amends), "showAs": facts.amends},
        )
    out.leaf(
        "TLCOrganization",
        {
            "eId": facts.actor,
            "href": f"{ONTOLOGY}/organizations/un/{facts.actor}",
            "showAs": lang.section("organs").get(facts.actor, facts.actor),
        },
    )
    if facts.committee:
        eid = committee_id(facts.committee)
        out.leaf(
            "TLCOrganization",
            {
                "eId": eid,
                "href": f"{ONTOLOGY}/organizations/un/{eid}",
                "showAs": committee_name(facts.committee, lang),
            },
        )
    for eid, name in sorted(found.orgs.items()):
        out.leaf(
            "TLCOrganization",
            {"eId": eid, "href": f"{ONTOLOGY}/organizations/{eid}", "showAs": name},
        )
    out.leaf(
        "TLCOrganization",
        {"eId": "un2akn", "href": f"{ONTOLOGY}/organizations/un2akn", "showAs": "un2akn converter"},
    )
    for event in sorted(found.events):
        out.leaf(
            "TLCEvent",
            {"eId": event, "href": f"{ONTOLOGY}/events/un/{event}", "showAs": event},
        )
    out.leaf("TLCRole", {"eId": "author", "href": f"{ONTOLOGY}/roles/author", "showAs": "Author"})
    for concept in sorted(found.concepts):
        out.leaf(
            "TLCConcept",
            {"eId": concept, "href": f"{ONTOLOGY}/concepts/un/{concept}", "showAs": concept},
        )
    out.close()


def proprietary(out: Builder, doc: Document) -> None:
    """The source file, how its date was found, and every hyperlink line of the source."""
    facts = doc.facts
    out.open("proprietary", {"source": SOURCE})
    out.leaf(
        f"{PROP_PREFIX}:source",
        {
            "file": doc.source,
            "dateFrom": facts.date_source or "none",
            "jobNumber": facts.job_number or None,
        },
    )
    for link in doc.links:  # matched to a reference or not
        out.leaf(
            f"{PROP_PREFIX}:link",
            {
                "href": link.url,
                "line": str(link.loc.line),
                "page": str(link.loc.page),
                "matched": "true" if link.ref else "false",
                # kept as the source's text, never as a link
                "trusted": None if trusted(link.url) else "false",
            },
        )
    out.close()


def ledger(tree: etree._ElementTree, dropped: list[Dropped]) -> None:
    """The reader's ledger in the proprietary block, for an audit of every line set aside:
    ``<un2akn:ledger lines="N">`` with a ``<un2akn:kind name= count=>`` per kind, then
    each line as ``<un2akn:dropped line= kind=>text</un2akn:dropped>``."""
    prop = tree.getroot().find(_PROPRIETARY)
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


def meta(out: Builder, doc: Document, frbr: Frbr, lang: Language, found: Collected) -> None:
    """The whole `meta` block of the document, in ``out``'s open (empty) `meta`."""
    identification(out, doc, frbr, lang)
    analysis(out, found)
    references(out, doc, lang, found)
    proprietary(out, doc)


def annex_meta(out: Builder, doc: Document, frbr: Frbr, lang: Language, n: int) -> None:
    """The `meta` of annex ``n``: its identification, components of the document's Work
    and Expression."""
    out.open("meta")
    out.open("identification", {"source": SOURCE})
    date = frbr_date(doc)
    for level, uri in (
        ("FRBRWork", frbr.work),
        ("FRBRExpression", frbr.expression),
        ("FRBRManifestation", frbr.expression),
    ):
        manifestation = level == "FRBRManifestation"
        out.open(level)
        out.leaf("FRBRthis", {"value": f"{uri}/!annex_{n}" + (".xml" if manifestation else "")})
        out.leaf("FRBRuri", {"value": uri + ("/.xml" if manifestation else "")})
        out.leaf("FRBRdate", date)
        out.leaf("FRBRauthor", {"href": SOURCE if manifestation else f"#{doc.facts.actor}"})
        if level == "FRBRWork":
            out.leaf("FRBRcountry", {"value": "un"})
        if level == "FRBRExpression":
            out.leaf("FRBRlanguage", {"language": lang.akn})
        out.close()
    out.close()
    out.close()
