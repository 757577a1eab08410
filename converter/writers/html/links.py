"""Links in the HTML: where each footnote is referred to (where AKN references point is
`converter.writers.links`, shared with the PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from converter.writers.akn import local_name, walk

__all__ = ["_Notes", "_scan_notes"]


@dataclass
class _Notes:
    """Where each footnote is referred to: anchor ids in document order."""

    anchors: dict[str, list[str]] = field(default_factory=dict)  # note id -> anchor ids
    anchor_of: dict[etree._Element, str] = field(default_factory=dict)  # reference -> anchor id
    keep: list[etree._Element] = field(default_factory=list)  # keeps the lxml proxies alive


def _scan_notes(doc: etree._Element) -> tuple[set[str], _Notes]:
    """The eIds of the rendered parts, and every footnote reference in document order."""
    ids: set[str] = set()
    notes = _Notes()
    counters: dict[str, int] = {}
    for el in walk(doc):
        name = local_name(el)
        eid = el.get("eId")
        if eid:
            ids.add(eid)
        target = None
        if name in ("authorialNote", "note"):
            target = eid
        elif name == "noteRef":
            href = el.get("href") or ""
            target = href[1:] if href.startswith("#") else None
        if target:
            counters[target] = counters.get(target, 0) + 1
            anchor = f"ref-{target}-{counters[target]}"
            notes.anchors.setdefault(target, []).append(anchor)
            notes.anchor_of[el] = anchor
            notes.keep.append(el)
    return ids, notes
