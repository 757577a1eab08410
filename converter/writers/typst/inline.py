"""AKN inline elements → Typst code: `InlineCode` (text and code pieces of one paragraph) and
the inline part of the visitor (`InlineWriter`: emphasis, links, footnotes…)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from converter.writers.akn import Facts, local_name
from converter.writers.links import resolver_url
from converter.writers.typst.errors import UnknownElementError
from converter.writers.typst.literals import lit

_SPACE = re.compile(r"[ \t\r\n]+")

#: inline elements printed as their text (their meaning is in the XML, not in the print)
PLAIN_INLINE = {
    "span",
    "abbr",
    "term",
    "entity",
    "person",
    "organization",
    "location",
    "concept",
    "object",
    "event",
    "process",
    "role",
    "quantity",
    "def",
    "shortTitle",
    "docType",
    "docPurpose",
    "docIntroducer",
    "docJurisdiction",
    "docNumber",
    "docTitle",
    "docProponent",
    "docStage",
    "docStatus",
    "docAuthority",
    "docCommittee",
    "docketNumber",
    "session",
    "legislature",
    "date",
    "docDate",
    "time",
    "inline",
    "affectedDocument",
    "relatedDocument",
    "quotedText",
    "remark",
    "recordedTime",
    "vote",
    "outcome",
    "courtType",
    "judge",
    "lawyer",
    "party",
    "neutralCitation",
    "signature",
    "fillIn",
    "placeholder",
    "decoration",
    "argument",
    "opinion",
    "mod",
    "mmod",
    "ins",
    "lineNumber",
    "narrative",
    "summary",
    "embeddedText",
}


class InlineCode:
    """The Typst code of inline content: text pieces (white space collapsed as HTML does;
    written as string literals) and code pieces (``emph(…)``, ``un-note(…)``…), in order."""

    def __init__(self) -> None:
        self.items: list[tuple[bool, str]] = []  # (is_text, value)

    def text(self, value: str | None) -> None:
        if not value:
            return
        value = _SPACE.sub(" ", value)
        if self.items and self.items[-1][0]:
            prev = self.items[-1][1]
            if prev.endswith(" ") and value.startswith(" "):
                value = value[1:]
            self.items[-1] = (True, prev + value)
        elif value:
            if value.startswith(" ") and self._ends_with_space():
                value = value[1:]
            if value:
                self.items.append((True, value))

    def _ends_with_space(self) -> bool:
        return bool(self.items) and self.items[-1][0] and self.items[-1][1].endswith(" ")

    def code(self, value: str) -> None:
        self.items.append((False, value))

    def extend(self, other: InlineCode) -> None:
        for is_text, value in other.items:
            self.text(value) if is_text else self.code(value)

    def strip(self) -> InlineCode:
        """Leading and trailing white space removed (the ends of a block)."""
        items = list(self.items)
        if items and items[0][0]:
            items[0] = (True, items[0][1].lstrip(" "))
        if items and items[-1][0]:
            items[-1] = (True, items[-1][1].rstrip(" "))
        out = InlineCode()
        out.items = [(t, v) for t, v in items if v or not t]
        return out

    def plain(self) -> str:
        return "".join(v for t, v in self.items if t)

    def is_empty(self) -> bool:
        return not any(v for t, v in self.items)

    def expr(self) -> str:
        """The run as one Typst code expression (strings and content joined)."""
        parts = [lit(v) if t else v for t, v in self.items if v]
        if not parts:
            return "[]"
        if len(parts) == 1:
            return parts[0]
        return "{" + "; ".join(parts) + "}"


@dataclass
class InlineWriter:
    """The inline part of the visitor, and the state of a document's writing."""

    facts: Facts
    alternatives: dict[str, str]
    ids: set[str]
    labels: dict[str, str] = field(default_factory=dict)  #: note eId -> Typst label
    pending_num: list[etree._Element] = field(default_factory=list)
    note_count: int = 0

    # -- inline --------------------------------------------------------------------------------
    def inline_content(self, el: etree._Element) -> InlineCode:
        run = InlineCode()
        run.text(el.text)
        for child in el:
            if isinstance(child.tag, str):
                run.extend(self.inline(child))
            run.text(child.tail)
        return run

    def inline(self, el: etree._Element) -> InlineCode:
        name = local_name(el)
        run = InlineCode()
        if name in ("authorialNote", "note"):
            run.code(self.footnote(el))
        elif name == "noteRef":
            run.code(self.note_ref(el))
        elif name in ("ref", "a", "mref", "rref"):
            run.code(self.link(el))
        elif name in ("i", "em"):
            run.code(f"emph({self.inline_content(el).expr()})")
        elif name in ("b", "strong"):
            run.code(f"strong({self.inline_content(el).expr()})")
        elif name == "u":
            run.code(f"underline({self.inline_content(el).expr()})")
        elif name == "sup":
            run.code(f"super({self.inline_content(el).expr()})")
        elif name == "sub":
            run.code(f"sub({self.inline_content(el).expr()})")
        elif name in ("eol", "br"):
            run.code("linebreak()")
        elif name in ("eop", "img"):
            run.text(el.get("alt"))
        elif name == "inline" and el.get("name") == "openingPhrase":
            run.code(f"un-open({self.inline_content(el).expr()})")
        elif name in ("p", "block"):  # a paragraph inside a note or a cell
            run.extend(self.inline_content(el))
        elif name in PLAIN_INLINE:
            if name == "docNumber":
                run.code(f"un-ltr({self.inline_content(el).expr()})")
            else:
                run.extend(self.inline_content(el))
        else:
            raise UnknownElementError(f"no Typst rule for inline <{name}> (eId {el.get('eId')!r})")
        return run

    def link(self, el: etree._Element) -> str:
        href = (el.get("href") or "").strip()
        body = self.inline_content(el)
        target: str | None
        if href.startswith("#"):
            target = None  # internal cross-references print as text
        elif el.get("eId") in self.alternatives:
            target = self.alternatives[el.get("eId")]
        else:
            target = resolver_url(href, self.facts.lang, body.plain())
        if not target:
            return body.expr()
        return f"un-link({lit(target)}, {body.expr()})"

    def footnote(self, el: etree._Element) -> str:
        self.note_count += 1
        marker = el.get("marker") or str(self.note_count)
        pending, self.pending_num = self.pending_num, []
        body = InlineCode()
        first = True
        for part in _children_and_text(el):
            if isinstance(part, str):
                body.text(part)
                continue
            if local_name(part) in ("p", "block") and not first:
                body.code("parbreak()")
            body.extend(self.inline(part))
            first = False
        self.pending_num = pending
        call = f"un-note({lit(marker)}, {body.strip().expr()})"
        eid = el.get("eId")
        if eid:
            label = f"un-note-{len(self.labels) + 1}"
            self.labels[eid] = label
            return f"[#{call}<{label}>]"
        return call

    def note_ref(self, el: etree._Element) -> str:
        href = el.get("href") or ""
        label = self.labels.get(href[1:]) if href.startswith("#") else None
        if label:
            return f'footnote(label("{label}"))'
        return f"super({lit(el.get('marker') or '*')})"


def _children_and_text(el: etree._Element):
    """The text of ``el`` and its element children with their tails, in order."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail
