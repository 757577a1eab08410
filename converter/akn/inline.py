"""Emit inline content: the model's inline nodes (text, opening phrases, dates, references,
tagged heading items, footnote references) → AKN elements. A visitor with one method per
node type; a node it has no rule for is a programming error (`TypeError`), never dropped."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from converter.akn.elements import Attributes, Builder
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
    def inline(self, out: Builder, content: Iterable[Inline]) -> None:
        """Write ``content`` in the element open in ``out``."""
        for item in content:
            if type(item) is Text:
                if item.text:
                    out.text(item.text)
                continue
            visit = _VISIT.get(type(item))
            if visit is None:
                raise TypeError(
                    f"cannot emit inline node {type(item).__name__}: the emitter has no rule for it"
                )
            visit(self, out, item)

    def _opening(self, out: Builder, item: Opening) -> None:
        if not item.text:
            return
        self.found.concepts.add(item.type)
        out.leaf("inline", {"name": "openingPhrase", "refersTo": f"#{item.type}"}, item.text)

    def _date(self, out: Builder, item: DateMark) -> None:
        out.leaf("date", {"date": item.iso}, item.text)

    def _ref(self, out: Builder, item: Ref) -> None:
        attrib = {"href": item.href}
        if item.url:  # the source's own hyperlink: kept in analysis, by this eId
            attrib["eId"] = f"ref_{len(self.found.alternatives) + 1}"
            self.found.alternatives.append((attrib["eId"], item.url))
        out.leaf("ref", attrib, item.text)

    def tagged(self, out: Builder, item: Tagged) -> None:
        if item.name == "docCommittee":
            out.open("docCommittee", {"refersTo": f"#{committee_id(self.doc.facts.committee)}"})
            self.committee_printed = True
        elif item.name == "adoptionDate" and item.value:
            out.open("docDate", {"date": item.value, "refersTo": "#adoption"})
            self.found.events.add("adoption")
        elif item.name in TAGGED_ELEMENTS:
            tag, attr = TAGGED_ELEMENTS[item.name]
            attrib = {attr: item.value or plain_text(item.content)} if attr else {}
            if item.name == "docProponent":  # value: the State's id
                attrib["refersTo"] = "#" + self.org(item.value, plain_text(item.content))
            out.open(tag, attrib)
        else:
            out.open("inline", {"name": item.name})
        self.inline(out, item.content)
        out.close()

    def note_ref(self, out: Builder, ref: NoteRef) -> None:
        eid = note_eid(ref.marker)
        if not ref.first:
            out.leaf("noteRef", {"href": f"#{eid}", "marker": ref.marker, "class": "footnoteRef"})
            return
        note = self.notes[ref.marker]
        out.open("authorialNote", {"eId": eid, "marker": ref.marker, "placement": "bottom"})
        self.p(out, note.content)
        out.close()

    def p(self, out: Builder, content: Iterable[Inline], attrib: Attributes | None = None) -> None:
        out.open("p", attrib)
        self.inline(out, content)
        out.close()

    def org(self, eid: str, name: str) -> str:
        """Declare the organisation ``eid`` (shown as ``name``) and return its eId (made
        from the name when ``eid`` is empty: an eId is never empty)."""
        eid = eid.strip() or tlc_id(name)
        self.found.orgs.setdefault(eid, name)
        return eid


#: the visit of each node but Text, writing it in the open element. The class's functions,
#: not an emitter's bound methods: a table of those in the emitter would be a reference
#: cycle, keeping the emitter and the whole document alive until the cyclic garbage
#: collector finds them.
_VISIT: dict[type, Callable[[InlineEmitter, Builder, Any], None]] = {
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
