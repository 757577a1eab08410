"""Emit inline content: the model's inline nodes (text, opening phrases, dates, references,
tagged heading items, footnote references) → AKN elements. A visitor with one method per
node type; a node it has no rule for is a programming error (`TypeError`), never dropped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lxml import etree

from converter.akn.elements import sub
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

    # -- inline: one method per model node; an unknown node is a programming error ----------
    def inline(
        self,
        parent: etree._Element,
        content: Iterable[Inline],
        last: etree._Element | None = None,
    ) -> None:
        """Append ``content`` to ``parent``, whose last child is ``last`` (None: it has none
        yet); a text goes after the last child, kept at hand (lxml finds it slowly)."""
        for item in content:
            if type(item) is Text:
                if not item.text:
                    continue
                if last is None:
                    parent.text = (parent.text or "") + item.text
                else:
                    last.tail = (last.tail or "") + item.text
                continue
            visit = _VISIT.get(type(item))
            if visit is None:
                raise TypeError(
                    f"cannot emit inline node {type(item).__name__}: the emitter has no rule for it"
                )
            made = visit(self, parent, item)
            if made is not None:  # (an element's truth is whether it has children)
                last = made

    def _opening(self, parent: etree._Element, item: Opening) -> etree._Element | None:
        if not item.text:
            return None
        self.found.concepts.add(item.type)
        return sub(
            parent, "inline", {"name": "openingPhrase", "refersTo": f"#{item.type}"}, item.text
        )

    def _date(self, parent: etree._Element, item: DateMark) -> etree._Element:
        return sub(parent, "date", {"date": item.iso}, item.text)

    def _ref(self, parent: etree._Element, item: Ref) -> etree._Element:
        attrib = {"href": item.href}
        if item.url:  # the source's own hyperlink: kept in analysis, by this eId
            attrib["eId"] = f"ref_{len(self.found.alternatives) + 1}"
            self.found.alternatives.append((attrib["eId"], item.url))
        return sub(parent, "ref", attrib, item.text)

    def tagged(self, parent: etree._Element, item: Tagged) -> etree._Element:
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
        return el

    def note_ref(self, parent: etree._Element, ref: NoteRef) -> etree._Element:
        eid = note_eid(ref.marker)
        if not ref.first:
            return sub(
                parent, "noteRef", {"href": f"#{eid}", "marker": ref.marker, "class": "footnoteRef"}
            )
        note = self.notes[ref.marker]
        el = sub(parent, "authorialNote", {"eId": eid, "marker": ref.marker, "placement": "bottom"})
        self.inline(sub(el, "p"), note.content)
        return el

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


#: the visit of each node but Text; it returns the element it appends to the parent. The
#: class's functions, not an emitter's bound methods: a table of those in the emitter would
#: be a reference cycle, keeping the emitter and the whole document alive until the cyclic
#: garbage collector finds them.
_VISIT: dict[type, Callable[[InlineEmitter, etree._Element, Any], etree._Element | None]] = {
    Opening: InlineEmitter._opening,
    NoteRef: InlineEmitter.note_ref,
    DateMark: InlineEmitter._date,
    Ref: InlineEmitter._ref,
    Tagged: InlineEmitter.tagged,
}


def note_eid(marker: str) -> str:
    """The eId of a footnote: note_12, note_star (*), note_star2 (**)."""
    if marker.isdigit():
        return f"note_{marker}"
    return "note_star" + (str(len(marker)) if len(marker) > 1 else "")
