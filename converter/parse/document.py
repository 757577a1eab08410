"""Parse: segments → the typed document model (`model.Document`).

Joins each block's lines into a run, finds footnote references over all runs in document
order, types every paragraph by its opening phrase, nests sub-paragraphs, and gathers the
document's identity facts from masthead, heading block and page furniture.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from converter.languages import phrases
from converter.parse import runs
from converter.source import Source as Cleaned
from converter.diagnostics import ConversionError, Diagnostic, Diagnostics, Severity
from converter.parse.footnotes import Mark, find_marks
from converter.parse.heading import parse_heading
from converter.parse.inline import DateMark as InlineDate
from converter.languages import Language
from converter.model import Annex, DateMark, Document, Footnote, Heading, HeadingItem, Inline, Link, Loc, NoteRef, Opening, Paragraph, Point, Ref, Tagged, Text, plain_text
from converter.parse.runs import Run
from converter.parse.metadata import document_facts, parse_date
from converter.parse.segment import Unit, segment
from converter.parse.semantics import annotate

#: A stretch of a run that becomes one inline node: (start, end, make node from its content).
Span = tuple[int, int, Callable[[tuple[Inline, ...]], Inline]]


@dataclass(frozen=True)
class Options:
    """What the caller may say about the input."""

    date: str | None = None  #: YYYY-MM-DD, overrides what the document says
    symbol: str | None = None  #: overrides the symbol found in the document


def tagged(name: str, value: str) -> Callable[[tuple[Inline, ...]], Inline]:
    return lambda content: Tagged(name, content, value if value != plain_text(content) else "")


def build(run: Run, marks: list[Mark], spans: list[Span] = (), opening=None) -> tuple[Inline, ...]:
    """Inline content of ``run``: text, footnote references, spans (non-overlapping, each
    made into one node around its words) and the paragraph's opening phrase."""
    out: list[Inline] = []
    text = run.text
    pos = 0
    if opening is not None and opening.end > 0:
        out.append(Opening(text[:opening.end], opening.type, opening.modifiers))
        pos = opening.end
    spans = sorted((s for s in spans if s[0] >= pos), key=lambda s: s[0])
    marks = sorted((m for m in marks if m.start >= pos), key=lambda m: m.start)
    si = mi = 0  # the next span and the next footnote mark, in text order
    while pos < len(text):
        while si < len(spans) and spans[si][0] < pos:
            si += 1
        while mi < len(marks) and marks[mi].start < pos:
            mi += 1
        span = spans[si] if si < len(spans) else None
        mark = marks[mi] if mi < len(marks) else None
        nxt = min(span[0] if span else len(text), mark.start if mark else len(text))
        if nxt > pos:
            out.append(Text(text[pos:nxt]))
            pos = nxt
        elif mark is not None and mark.start == pos and (span is None or span[0] != pos):
            out.append(NoteRef(mark.marker, mark.first, run.loc(mark.start)))
            pos = mark.end
        else:
            start, end, make = span
            inner = []
            for m in marks[mi:]:
                if m.start >= end:
                    break
                if m.end <= end:
                    inner.append(Mark(m.start - start, m.end - start, m.marker, m.first))
            out.append(make(build(run.slice(start, end), inner)))
            pos = end
    return tuple(out)


def inline_spans(marks, urls: dict[int, str]) -> list[Span]:
    """Spans for the date and reference marks of one run (``urls``: mark start -> link)."""
    spans: list[Span] = []
    for m in marks:
        if isinstance(m, InlineDate):
            spans.append((m.start, m.end, lambda c, m=m: DateMark(plain_text(c), m.iso)))
        else:
            spans.append((m.start, m.end, lambda c, m=m: Ref(plain_text(c), m.href, m.symbol,
                                                              urls.get(m.start))))
    return spans


class _Parser:
    def __init__(self, cleaned: Cleaned, lang: Language, source: str, options: Options,
                 diags: Diagnostics):
        self.cleaned = cleaned
        self.lang = lang
        self.source = source
        self.options = options
        self.diags = diags
        self.runs: list[Run] = []

    def add(self, lines) -> int:
        self.runs.append(runs.join(list(lines), self.lang))
        return len(self.runs) - 1

    def run(self) -> Document:
        seg = segment(self.cleaned.body, self.lang, self.diags)
        if seg is None:
            first = self.cleaned.body[0].no if self.cleaned.body else 0
            raise ConversionError([Diagnostic(
                "structure.no_formula", Severity.ERROR,
                "no enacting formula (such as " + " / ".join(
                    f"'{f}'" for f in list(self.lang.section("formula"))[:2]) +
                ") was found: this does not look like a resolution in " + self.lang.name, first)])
        if not seg.operative:  # the schema requires a mainBody with content
            last = self.cleaned.body[-1].no if self.cleaned.body else 0
            raise ConversionError([Diagnostic(
                "structure.no_operative", Severity.ERROR,
                "no operative paragraph was found after the preamble: the text ends here "
                "(truncated?) or its operative part was not recognised", last)])
        groups = parse_heading(seg.heading, self.lang, self.diags)
        head_ids = [self.add(g.lines) for g in groups]
        formula_id = self.add([seg.formula])
        pre_ids = [self.add(p) for p in seg.preamble]
        op_ids = [self.add(u.lines) for u in seg.operative]
        annex_ids = [(self.add([a.heading]) if a.heading else None,
                      self.add(a.title) if a.title else None,
                      [self.add(u.lines) for u in a.units]) for a in seg.annexes]
        closing_ids = [self.add([l]) for l in seg.closing]
        marks = find_marks(self.runs, self.cleaned.notes, self.lang, self.diags)
        note_ids = [self.add(n.lines) for n in self.cleaned.notes]
        facts = document_facts(self.cleaned, self.lang, seg, groups, self.options, self.source,
                               self.diags)
        text_ids = [i for g, i in zip(groups, head_ids) if g.kind == "report"] + pre_ids \
            + op_ids + [i for _, _, ids in annex_ids for i in ids] + closing_ids + note_ids
        sem = annotate({i: self.runs[i] for i in text_ids}, marks, self.lang, facts.actor,
                       self.cleaned.links, self.diags)

        def content(i: int, spans=(), part: str | None = None, where: str = "") -> tuple:
            """Inline content of run ``i``; ``part`` types it by its opening phrase."""
            opening = None
            if part:
                opening = phrases.match(self.runs[i].text, self.lang, part)
                if opening is None:
                    self.diags.warning("paragraph.unknown_opening", f"{where} opens with a "
                                       "phrase that is not in the language table: "
                                       f"'{self.runs[i].text[:30]}…'", self.runs[i].loc().line)
            spans = list(spans) + inline_spans(sem.marks.get(i, []), sem.urls.get(i, {}))
            result = build(self.runs[i], marks.get(i, []), spans, opening)
            if part and opening is None:
                result = (Opening("", "unknown", ()),) + result
            return result

        heading = tuple(HeadingItem(g.kind, content(i, [(a, b, tagged(name, self.value(name, value)))
                                                        for a, b, name, value in g.spans]),
                                    self.runs[i].loc(), tuple(sorted(g.values.items())))
                        for g, i in zip(groups, head_ids))
        preamble = tuple(Paragraph(None, content(i, part="preamble",
                                                 where="preambular paragraph"), self.runs[i].loc())
                         for i in pre_ids)
        operative = self.tree(seg.operative, op_ids, content, "operative paragraph")
        annexes = tuple(
            Annex(content(h) if h is not None else (), content(t) if t is not None else (),
                  self.tree(a.units, ids, content, "annex paragraph", typed=False),
                  self.runs[h if h is not None else t if t is not None else ids[0]].loc())
            for a, (h, t, ids) in zip(seg.annexes, annex_ids))
        closing = tuple(HeadingItem("closing", content(i), self.runs[i].loc()) for i in closing_ids)
        notes = tuple(Footnote(n.marker, content(i), Loc(n.line, n.page))
                      for n, i in zip(self.cleaned.notes, note_ids))
        links = tuple(Link(l.url, Loc(l.line, l.page), l.line in sem.matched_lines)
                      for l in self.cleaned.links)
        return Document(self.source, facts, self.masthead(), heading, content(formula_id),
                        self.runs[formula_id].loc(), preamble, operative, closing, annexes,
                        notes, links)

    def value(self, name: str, value: str) -> str:
        """The value a tagged span carries: the ISO date of an adoption date."""
        if name == "adoptionDate":
            return parse_date(value, self.lang) or ""
        return value

    def tree(self, units: list[Unit], ids: list[int], content, where: str,
             typed: bool = True) -> tuple:
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
            close_to(unit.level)
            part = "operative" if unit.level == 0 and typed else None
            node = {"kind": unit.kind, "num": unit.num, "label": unit.label,
                    "content": content(i, part=part, where=f"{where} {unit.num or ''}".strip()),
                    "loc": self.runs[i].loc(), "points": []}
            if unit.level > 0 and not stack:
                self.diags.warning("structure.orphan_point", f"sub-paragraph {unit.num} outside "
                                   "a paragraph", self.runs[i].loc().line)
            stack.append((unit.level, node))
        close_to(0)
        return tuple(blocks)

    @staticmethod
    def freeze(node: dict):
        points = tuple(node["points"])
        if node["kind"] == "point":
            return Point(node["num"], node["label"], node["content"], node["loc"], points)
        return Paragraph(node["num"], node["content"], node["loc"], points)

    def masthead(self) -> tuple[HeadingItem, ...]:
        return tuple(HeadingItem(m.kind, (Text(m.text),), Loc(m.line, 1))
                     for m in self.cleaned.masthead)


def parse(cleaned: Cleaned, lang: Language, source: str, options: Options,
          diags: Diagnostics) -> Document:
    return _Parser(cleaned, lang, source, options, diags).run()
