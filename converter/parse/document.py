"""Parse: segments → the typed document model (`model.Document`).

Joins each block's lines into a run, finds footnote references over all runs in document
order, types every paragraph by its opening phrase, nests sub-paragraphs, and gathers the
document's identity facts from masthead, heading block and page furniture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from converter.diagnostics import ConversionError, Diagnostic, Diagnostics, Severity
from converter.languages import Language, phrases
from converter.model import (
    Annex,
    DateMark,
    Document,
    Footnote,
    Heading,
    HeadingItem,
    Inline,
    Link,
    Loc,
    NoteRef,
    Opening,
    Paragraph,
    Point,
    Ref,
    RunOn,
    Tagged,
    Text,
    plain_text,
)
from converter.parse import runs
from converter.parse.amendment import amendments, target_spans
from converter.parse.footnotes import Mark, find_marks
from converter.parse.heading import HeadGroup, parse_heading
from converter.parse.inline import DateSpan, RefMark
from converter.parse.kinds import refusal
from converter.parse.metadata import document_facts, parse_date
from converter.parse.runs import TextRun
from converter.parse.segment import Segments, Unit, segment
from converter.parse.semantics import annotate
from converter.source import Source

#: A stretch of a run that becomes one inline node: (start, end, make node from its content).
Span = tuple[int, int, Callable[[tuple[Inline, ...]], Inline]]


@dataclass(frozen=True)
class Options:
    """What the caller may say about the input."""

    date: str | None = None  #: YYYY-MM-DD, overrides what the document says
    symbol: str | None = None  #: overrides the symbol found in the document
    #: (symbol, date) of cited resolutions whose dates are known from outside the document
    resolution_dates: tuple[tuple[str, str], ...] = ()


def tagged(name: str, value: str) -> Callable[[tuple[Inline, ...]], Inline]:
    return lambda content: Tagged(name, content, value if value != plain_text(content) else "")


def build(
    run: TextRun, marks: list[Mark], spans: Sequence[Span] = (), opening=None
) -> tuple[Inline, ...]:
    """Inline content of ``run``: text, footnote references, spans (non-overlapping, each
    made into one node around its words) and the paragraph's opening phrase."""
    out: list[Inline] = []
    text = run.text
    pos = 0
    if opening is not None and opening.end > 0:
        out.append(Opening(text[: opening.end], opening.type, opening.modifiers))
        pos = opening.end
    if not spans and not marks:  # most runs: their text as one node
        return (*out, Text(text[pos:])) if pos < len(text) else tuple(out)
    size = len(text)
    marks = sorted(marks, key=lambda m: m.start)
    # spans (0) and marks (1) in text order, a span first where both start; one that starts
    # before the end of the one taken before it is left out
    order = [(s[0], 0, k) for k, s in enumerate(spans)]
    order += [(m.start, 1, k) for k, m in enumerate(marks)]
    order.sort()
    for start, is_mark, k in order:
        if start < pos:
            continue
        if start >= size:
            break
        if start > pos:
            out.append(Text(text[pos:start]))
        if is_mark:
            mark = marks[k]
            out.append(NoteRef(mark.marker, mark.first, run.loc(start)))
            pos = mark.end
            continue
        _, end, make = spans[k]
        inner = [
            Mark(m.start - start, m.end - start, m.marker, m.first)
            for m in marks
            if start <= m.start < end and m.end <= end
        ]
        if inner:
            out.append(make(build(run.slice(start, end), inner)))
        else:  # what build makes of a run without marks: its text (no slice needed)
            piece = text[start:end]
            out.append(make((Text(piece),) if piece else ()))
        pos = end
    if pos < size:
        out.append(Text(text[pos:]))
    return tuple(out)


def inline_spans(marks, urls: dict[int, str]) -> list[Span]:
    """Spans for the date and reference marks of one run (``urls``: mark start -> link)."""
    spans: list[Span] = []
    for m in marks:
        if isinstance(m, DateSpan):
            spans.append((m.start, m.end, _date_node(m)))
        else:
            spans.append((m.start, m.end, _ref_node(m, urls)))
    return spans


def _date_node(m: DateSpan) -> Callable[[tuple[Inline, ...]], Inline]:
    return lambda c: DateMark(plain_text(c), m.iso)


def _ref_node(m: RefMark, urls: dict[int, str]) -> Callable[[tuple[Inline, ...]], Inline]:
    return lambda c: Ref(plain_text(c), m.href, m.symbol, urls.get(m.start))


@dataclass
class _RunIds:
    """The indices in `_Parser.runs` of each part's runs."""

    heading: list[int]
    formula: int
    preamble: list[int]
    operative: list[int]
    annexes: list[tuple[int | None, int | None, list[int]]]  #: heading, title, blocks
    closing: list[int]
    notes: list[int] = field(default_factory=list)


class _Parser:
    def __init__(
        self, cleaned: Source, lang: Language, source: str, options: Options, diags: Diagnostics
    ):
        self.cleaned = cleaned
        self.lang = lang
        self.source = source
        self.options = options
        self.diags = diags
        self.runs: list[TextRun] = []

    def add(self, lines) -> int:
        self.runs.append(runs.join(list(lines), self.lang))
        return len(self.runs) - 1

    def run(self) -> Document:
        seg = self.segments()
        self.amends = seg.amends
        groups = parse_heading(seg.heading, self.lang, self.diags)
        ids = _RunIds(
            heading=[self.add(g.lines) for g in groups],
            formula=self.add([seg.formula]),
            preamble=[self.add(p) for p in seg.preamble],
            operative=[self.add(u.lines) for u in seg.operative],
            annexes=[
                (
                    self.add([a.heading]) if a.heading else None,
                    self.add(a.title) if a.title else None,
                    [self.add(u.lines) for u in a.units],
                )
                for a in seg.annexes
            ],
            closing=[self.add([l]) for l in seg.closing],
        )
        self.marks = find_marks(
            self.runs, self.cleaned.notes, self.lang, self.diags, body_from=ids.formula
        )
        ids.notes = [self.add(n.lines) for n in self.cleaned.notes]
        facts = document_facts(
            self.cleaned, self.lang, seg, groups, self.options, self.source, self.diags
        )
        text_ids = (
            [i for g, i in zip(groups, ids.heading) if g.scanned]
            + ids.preamble
            + ids.operative
            + [i for _, _, a in ids.annexes for i in a]
            + ids.closing
            + ids.notes
        )
        self.sem = annotate(
            {i: self.runs[i] for i in text_ids},
            self.marks,
            self.lang,
            facts.actor,
            self.cleaned.links,
            self.diags,
            dict(self.options.resolution_dates),
        )
        return self.document(seg, groups, ids, facts)

    def segments(self) -> Segments:
        """The segments of the body; a ConversionError where there is no resolution."""
        seg = segment(self.cleaned.body, self.lang, self.diags)
        if refused := refusal(self.cleaned.body, self.lang, seg):
            raise ConversionError([refused])
        if seg is None:
            first = self.cleaned.body[0].no if self.cleaned.body else 0
            raise ConversionError(
                [
                    Diagnostic(
                        "structure.no_formula",
                        Severity.ERROR,
                        "no enacting formula (such as "
                        + " / ".join(f"'{f}'" for f in list(self.lang.section("formula"))[:2])
                        + ") was found: this does not look like a resolution in "
                        + self.lang.name,
                        first,
                    )
                ]
            )
        if not seg.operative:  # the schema requires a mainBody with content
            last = self.cleaned.body[-1].no if self.cleaned.body else 0
            raise ConversionError(
                [
                    Diagnostic(
                        "structure.no_operative",
                        Severity.ERROR,
                        "no operative paragraph was found after the preamble: the text ends here "
                        "(truncated?) or its operative part was not recognised",
                        last,
                    )
                ]
            )
        return seg

    def document(self, seg: Segments, groups: list, ids: _RunIds, facts) -> Document:
        """The model, from the runs of each part."""
        content, loc = self.content, (lambda i: self.runs[i].loc())
        heading = self.heading_items(groups, ids.heading)
        preamble = tuple(self.preambular(i) for i in ids.preamble)
        if seg.amends:
            operative = amendments(
                self.tree(seg.operative, ids.operative, content, "amendment", False)
            )
        else:
            operative = self.tree(seg.operative, ids.operative, content, "operative paragraph")
        annexes = tuple(
            Annex(
                content(h) if h is not None else (),
                content(t) if t is not None else (),
                self.tree(a.units, units, content, "annex paragraph", typed=False),
                loc(h if h is not None else t if t is not None else units[0]),
            )
            for a, (h, t, units) in zip(seg.annexes, ids.annexes)
        )
        closing = tuple(HeadingItem("closing", content(i), loc(i)) for i in ids.closing)
        notes = tuple(
            Footnote(n.marker, content(i), Loc(n.line, n.page))
            for n, i in zip(self.cleaned.notes, ids.notes)
        )
        links = tuple(
            Link(l.url, Loc(l.line, l.page), l.line in self.sem.matched_lines)
            for l in self.cleaned.links
        )
        return Document(
            self.source,
            facts,
            self.masthead(),
            heading,
            content(ids.formula),
            loc(ids.formula),
            preamble,
            operative,
            closing,
            annexes,
            notes,
            links,
        )

    def preambular(self, i: int) -> Paragraph:
        """The preambular paragraph of run ``i``, typed by its opening phrase."""
        where = "preambular paragraph"
        return Paragraph(None, self.content(i, part="preamble", where=where), self.runs[i].loc())

    def heading_items(self, groups: list[HeadGroup], ids: list[int]) -> tuple[HeadingItem, ...]:
        """The heading block's items, each value the group found tagged in its words."""
        return tuple(
            HeadingItem(
                g.kind,
                self.content(
                    i,
                    [
                        (a, b, tagged(name, self.value(name, value)))
                        for a, b, name, value in g.spans
                    ],
                ),
                self.runs[i].loc(),
                tuple(sorted(g.values.items())),
            )
            for g, i in zip(groups, ids)
        )

    def content(self, i: int, spans=(), part: str | None = None, where: str = "") -> tuple:
        """Inline content of run ``i``; ``part`` types it by its opening phrase."""
        run, opening = self.runs[i], None
        if part:
            opening = phrases.match(run.text, self.lang, part)
            if opening is None:
                self.diags.warning(
                    "paragraph.unknown_opening",
                    f"{where} opens with a "
                    "phrase that is not in the language table: "
                    f"'{run.text[:30]}…'",
                    run.loc().line,
                )
        spans = list(spans) + inline_spans(self.sem.marks.get(i, []), self.sem.urls.get(i, {}))
        if self.amends is not None and where.startswith("amendment"):
            spans += target_spans(run.text, self.lang, self.amends.symbol, spans)
        result = build(run, self.marks.get(i, []), spans, opening)
        if part and opening is None:
            result = (Opening("", "unknown", ()),) + result
        return result

    def value(self, name: str, value: str) -> str:
        """The value a tagged span carries: the ISO date of an adoption date."""
        if name == "adoptionDate":
            return parse_date(value, self.lang) or ""
        return value

    def tree(
        self, units: list[Unit], ids: list[int], content, where: str, typed: bool = True
    ) -> tuple:
        """Nest a flat list of units (paragraphs, points by level, headings) into blocks."""
        blocks: list = []
        stack: list[tuple[int, dict]] = []  # (level, mutable node) from paragraph down

        def close_to(level: int) -> None:
            while stack and stack[-1][0] >= level:
                lvl, node = stack.pop()
                frozen = self.freeze(node)
                if stack:
                    stack[-1][1]["points"].append(frozen)
                else:
                    blocks.append(frozen)

        for unit, i in zip(units, ids):
            if unit.kind == "heading":
                close_to(0)
                blocks.append(Heading(unit.num, content(i), self.runs[i].loc()))
                continue
            if unit.kind == "preamble":  # a section's own preamble: its heading holds it
                section = blocks[-1]
                blocks[-1] = replace(section, preamble=section.preamble + (self.preambular(i),))
                continue
            close_to(unit.level)
            part = "operative" if unit.level == 0 and typed and unit.kind != "runOn" else None
            node = {
                "kind": unit.kind,
                "num": unit.num,
                "label": unit.label,
                "content": content(i, part=part, where=f"{where} {unit.num or ''}".strip()),
                "loc": self.runs[i].loc(),
                "points": [],
            }
            if unit.level > 0 and not stack:
                self.diags.warning(
                    "structure.orphan_point",
                    f"sub-paragraph {unit.num} outside a paragraph",
                    self.runs[i].loc().line,
                )
            stack.append((unit.level, node))
        close_to(0)
        return tuple(blocks)

    @staticmethod
    def freeze(node: dict):
        points = tuple(node["points"])
        if node["kind"] == "point":
            return Point(node["num"], node["label"], node["content"], node["loc"], points)
        if node["kind"] == "runOn":
            return RunOn(node["content"], node["loc"], points)
        return Paragraph(node["num"], node["content"], node["loc"], points)

    def masthead(self) -> tuple[HeadingItem, ...]:
        return tuple(
            HeadingItem(m.kind, (Text(m.text),), Loc(m.line, 1)) for m in self.cleaned.masthead
        )


def parse(
    cleaned: Source, lang: Language, source: str, options: Options, diags: Diagnostics
) -> Document:
    return _Parser(cleaned, lang, source, options, diags).run()
