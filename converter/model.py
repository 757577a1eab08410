"""The document model: a small, closed set of frozen dataclasses between parsing and emitting.

Every node that comes from the source carries `Loc` (1-based line in the input file, page).
`to_json` dumps a model as stable JSON (`--to model`), the golden format of the parser tests.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from converter.fastinit import fast_init


@fast_init
@dataclass(frozen=True)
class Loc:
    """Where a node starts in the source: input file line (1-based) and page (1-based)."""

    line: int
    page: int


# --- inline content -------------------------------------------------------------------------
@fast_init
@dataclass(frozen=True)
class Text:
    """Plain source text."""

    text: str


@fast_init
@dataclass(frozen=True)
class Opening:
    """The opening phrase of a paragraph, as printed (modifiers included)."""

    text: str
    type: str  #: canonical type, e.g. "reaffirming"; "unknown" when not in the tables
    modifiers: tuple[str, ...] = ()  #: e.g. ("also",)


@fast_init
@dataclass(frozen=True)
class NoteRef:
    """A footnote marker in the text. The first reference to a note holds its text in the AKN."""

    marker: str  #: as printed: "12", "*"
    first: bool  #: True at the first reference (authorialNote), False for repeats (noteRef)
    loc: Loc


@fast_init
@dataclass(frozen=True)
class DateMark:
    """A full date in the text, with its ISO value."""

    text: str
    iso: str


@fast_init
@dataclass(frozen=True)
class Ref:
    """A reference to a UN resolution or document."""

    text: str
    href: str  #: AKN IRI of the cited Work (or symbol-based IRI)
    symbol: str  #: the cited document's symbol, e.g. "A/RES/46/152"
    url: str | None = None  #: the source's own hyperlink for it, when the source has one


@dataclass(frozen=True)
class Tagged:
    """Source words that state a fact of the heading block: session, sponsor, stage, title…"""

    name: str  #: "session", "agendaItem", "docProponent", "docStage", "docTitle", "docNumber", …
    content: tuple[Inline, ...]
    value: str = ""  #: the fact as read ("74", "Italy"), when it differs from the words


Inline = Text | Opening | NoteRef | DateMark | Ref | Tagged


# --- blocks ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class HeadingItem:
    """One item of the heading block (preface) or masthead, with the values read from it."""

    kind: str  #: "session", "agendaItem", "agendaTitle", "sponsors", "title", "adopted", …
    content: tuple[Inline, ...]
    loc: Loc
    values: tuple[tuple[str, str], ...] = ()  #: e.g. (("session", "74"),)

    def value(self, key: str) -> str | None:
        return dict(self.values).get(key)


@dataclass(frozen=True)
class Point:
    """A lettered or numbered sub-paragraph: (a), (b)… or (i), (ii)…, possibly with its own list."""

    num: str  #: as printed, "(a)"
    label: str  #: "a"
    content: tuple[Inline, ...]  #: the text (the intro when `points` is not empty)
    loc: Loc
    points: tuple[Point, ...] = ()


@fast_init
@dataclass(frozen=True)
class Paragraph:
    """A preambular paragraph (no number) or an operative paragraph (number, maybe points)."""

    num: str | None  #: as printed, "7."; None for preambular and unnumbered paragraphs
    content: tuple[Inline, ...]  #: the text (the intro when `points` is not empty)
    loc: Loc
    points: tuple[Point, ...] = ()

    @property
    def opening(self) -> Opening | None:
        return next((i for i in self.content if isinstance(i, Opening)), None)


@dataclass(frozen=True)
class Amendment:
    """One amendment of an amendment document: its number as printed ("1."; None for a sole
    one) and its text, whose references name the amended draft's paragraphs."""

    num: str | None
    content: tuple[Inline, ...]
    loc: Loc
    points: tuple[Point, ...] = ()


@dataclass(frozen=True)
class RunOn:
    """The text of a decision that runs on from its formula ("The General Assembly, recalling
    …, decides …"): no paragraph and no number; points (a), (b) may follow it."""

    content: tuple[Inline, ...]  #: the text after the formula (empty after "…Assembly:")
    loc: Loc
    points: tuple[Point, ...] = ()


#: a field that `to_data` leaves out when it is empty (added after the JSON format was fixed)
OMIT_EMPTY = {"omit_empty": True}


@dataclass(frozen=True)
class Heading:
    """A section heading (numbered) or an unnumbered cross-heading, in the operative part or
    an annex. A section of the operative part may have its own preamble: the preambular
    paragraphs between its heading and its paragraph 1."""

    num: str | None
    content: tuple[Inline, ...]
    loc: Loc
    preamble: tuple[Paragraph, ...] = field(default=(), metadata=OMIT_EMPTY)


@dataclass(frozen=True)
class Annex:
    """An annex: its heading ("Annex I"), title lines, and blocks (headings and paragraphs).

    An annex without a heading is the text that an operative paragraph adopts ("Adopts the
    following political declaration:"), printed in the body after that paragraph.
    """

    heading: tuple[Inline, ...]  #: empty for adopted text
    title: tuple[Inline, ...]
    blocks: tuple[Heading | Paragraph, ...]
    loc: Loc


@dataclass(frozen=True)
class Footnote:
    """The body of a footnote, attached by its marker to its references in the text."""

    marker: str
    content: tuple[Inline, ...]
    loc: Loc


@fast_init
@dataclass(frozen=True)
class Link:
    """One of the source's own hyperlink lines (the page's link targets)."""

    url: str
    loc: Loc
    ref: bool = False  #: True when matched to a reference in the text


@dataclass(frozen=True)
class DocumentFacts:
    """What the document is: identity facts from the masthead, heading block and furniture."""

    lang: str  #: ISO 639-1
    symbol: str | None
    statement: str  #: "resolutionDraft", "resolution", "decisionDraft", "decision"
    actor: str  #: "un-ga", "un-sc", "un-ecosoc"
    date: str | None  #: "YYYY-MM-DD" or "YYYY"
    date_source: str  #: how the date was found: "masthead", "option", "job number", …
    committee: str | None = None  #: Main Committee number from the symbol ("3")
    job_number: str | None = None
    session: str | None = None
    original_language: str | None = None
    amends: str | None = None  #: an amendment's amended document: its symbol ("A/80/L.25")


@dataclass(frozen=True)
class Document:
    """One UN resolution or draft resolution, as recovered from its source."""

    source: str
    facts: DocumentFacts
    masthead: tuple[HeadingItem, ...]
    heading: tuple[HeadingItem, ...]
    formula: tuple[Inline, ...]
    formula_loc: Loc
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph | Heading | RunOn | Amendment, ...]
    closing: tuple[HeadingItem, ...] = ()
    annexes: tuple[Annex, ...] = ()
    notes: tuple[Footnote, ...] = ()
    links: tuple[Link, ...] = field(default=())


# --- JSON dump ------------------------------------------------------------------------------
#: class -> node name in the JSON, where the class was renamed after the format was fixed
_JSON_NAMES = {"DocumentFacts": "Facts"}


def to_data(node: object) -> object:
    """A JSON-ready structure: every dataclass as a dict with its class name under "node"."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        name = type(node).__name__
        out: dict[str, object] = {"node": _JSON_NAMES.get(name, name)}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if f.metadata.get("omit_empty") and not value:
                continue
            if f.name == "loc":
                out["line"], out["page"] = value.line, value.page
            elif f.name == "values":
                out["values"] = dict(value)
            else:
                out[f.name] = to_data(value)
        return out
    if isinstance(node, (tuple, list)):
        return [to_data(v) for v in node]
    return node


def to_json(doc: Document) -> str:
    """Stable, readable JSON for a document (same input, same bytes)."""
    return json.dumps(to_data(doc), ensure_ascii=False, indent=1) + "\n"


def plain_text(content: tuple[Inline, ...]) -> str:
    """The printed text of inline content (markers included as printed)."""
    if len(content) == 1 and type(content[0]) is Text:  # (most: one piece of text)
        return content[0].text
    parts = []
    for item in content:
        if isinstance(item, NoteRef):
            parts.append(item.marker)
        elif isinstance(item, Tagged):
            parts.append(plain_text(item.content))
        else:
            parts.append(item.text)
    return "".join(parts)
