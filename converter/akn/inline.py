"""Emit inline content: the model's inline nodes (text, opening phrases, dates, references,
tagged heading items, footnote references) → AKN elements. A visitor with one method per
node type; a node it has no rule for is a programming error (`TypeError`), never dropped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lxml import etree

from converter.akn.elements import append_text, sub
from converter.akn.meta import Collected, committee_id
from converter.ids import tlc_id
from converter.model import (
    DateMark,
    Document,
    Inline,
    NoteRef,
    Opening,
    Ref,
    Tagged,
    Text,
    plain_text,
)

TAGGED_ELEMENTS = {  # model Tagged.name -> (AKN element, attribute for the value)
    "session": ("session", "value"),
    "docProponent": ("docProponent", None),
    "docStage": ("docStage", None),
    "docTitle": ("docTitle", None),
    "docNumber": ("docNumber", None),
}


class InlineEmitter:
    """The inline half of the emitter, and the state it shares with the body's half."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.notes = {n.marker: n for n in doc.notes}
        self.found = Collected()
        self.committee_printed = False  # the heading block names the Main Committee
        self._visit: dict[type, Callable[[etree._Element, Any], None]] = {
            Text: self._text,
            Opening: self._opening,
            NoteRef: self.note_ref,
            DateMark: self._date,
            Ref: self._ref,
            Tagged: self.tagged,
        }

    # -- inline: one method per model node; an unknown node is a programming error ----------
    def inline(self, parent: etree._Element, content: Iterable[Inline]) -> None:
        for item in content:
            visit = self._visit.get(type(item))
            if visit is None:
                raise TypeError(
                    f"cannot emit inline node {type(item).__name__}: the emitter has no rule for it"
                )
            visit(parent, item)

    def _text(self, parent: etree._Element, item: Text) -> None:
        append_text(parent, item.text)

    def _opening(self, parent: etree._Element, item: Opening) -> None:
        if item.text:
            self.found.concepts.add(item.type)
            sub(parent, "inline", {"name": "openingPhrase", "refersTo": f"#{item.type}"}, item.text)

    def _date(self, parent: etree._Element, item: DateMark) -> None:
        sub(parent, "date", {"date": item.iso}, item.text)

    def _ref(self, parent: etree._Element, item: Ref) -> None:
        attrib = {"href": item.href}
        if item.url:  # the source's own hyperlink: kept in analysis, by this eId
            attrib["eId"] = f"ref_{len(self.found.alternatives) + 1}"
            self.found.alternatives.append((attrib["eId"], item.url))
        sub(parent, "ref", attrib, item.text)

    def tagged(self, parent: etree._Element, item: Tagged) -> None:
        # made in the parent's document (`sub`): an element made apart costs a document
        if item.name == "docCommittee":
            el = sub(
                parent, "docCommittee", {"refersTo": f"#{committee_id(self.doc.facts.committee)}"}
            )
            self.committee_printed = True
        elif item.name == "adoptionDate" and item.value:
            el = sub(parent, "docDate", {"date": item.value, "refersTo": "#adoption"})
            self.found.events.add("adoption")
        elif item.name in TAGGED_ELEMENTS:
            tag, attr = TAGGED_ELEMENTS[item.name]
            attrib = {attr: item.value or plain_text(item.content)} if attr else {}
            if item.name == "docProponent":  # value: the State's id
                attrib["refersTo"] = "#" + self.org(item.value, plain_text(item.content))
            el = sub(parent, tag, attrib)
        else:
            el = sub(parent, "inline", {"name": item.name})
        self.inline(el, item.content)

    def note_ref(self, parent: etree._Element, ref: NoteRef) -> None:
        eid = note_eid(ref.marker)
        if not ref.first:
            sub(
                parent, "noteRef", {"href": f"#{eid}", "marker": ref.marker, "class": "footnoteRef"}
            )
            return
        note = self.notes[ref.marker]
        el = sub(parent, "authorialNote", {"eId": eid, "marker": ref.marker, "placement": "bottom"})
        self.inline(sub(el, "p"), note.content)

    def p(
        self,
        parent: etree._Element,
        content: Iterable[Inline],
        attrib: Mapping[str, str | None] | None = None,
    ) -> etree._Element:
        el = sub(parent, "p", attrib)
        self.inline(el, content)
        return el

    def org(self, eid: str, name: str) -> str:
        """Declare the organisation ``eid`` (shown as ``name``) and return its eId (made
        from the name when ``eid`` is empty: an eId is never empty)."""
        eid = eid.strip() or tlc_id(name)
        self.found.orgs.setdefault(eid, name)
        return eid


def note_eid(marker: str) -> str:
    """The eId of a footnote: note_12, note_star (*), note_star2 (**)."""
    if marker.isdigit():
        return f"note_{marker}"
    return "note_star" + (str(len(marker)) if len(marker) > 1 else "")
