"""Segment: body lines → heading block, formula, preambular paragraphs, operative blocks,
closing lines and annexes, each a list of source lines (no text is changed here).

Paragraph boundaries are found from what every extraction keeps: the paragraph punctuation
of the language (preambular paragraphs end with "," / "，"), opening phrases from the
language tables, consecutive paragraph numbers and sub-paragraph letters; first-line indents
are used only where the input shows them consistently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.parse.amendment import Found, find_amendment
from converter.parse.blocks import SECTION, Reading, Unit, ends_with, section_number
from converter.parse.runon import split_run_on
from converter.parse.sections import SectionReader
from converter.source import SrcLine


@dataclass
class AnnexSegment:
    """An annex ("Annex I"), or the text an operative paragraph adopts (heading None)."""

    heading: SrcLine | None
    title: list[SrcLine]
    units: list[Unit]


@dataclass
class Segments:
    heading: list[SrcLine]
    formula: SrcLine
    preamble: list[list[SrcLine]]
    operative: list[Unit]
    closing: list[SrcLine] = field(default_factory=list)
    annexes: list[AnnexSegment] = field(default_factory=list)
    amends: Found | None = None  #: an amendment document: what it amends


def _norm(text: str) -> str:
    return "".join(text.split()).casefold()


def find_formula(body: list[SrcLine], lang: Language) -> int | None:
    """The first line that is a formula of the table (white space and case aside), unless it
    opens in lower case where the formula does not: the wrapped end of a title ("… in / the
    General Assembly") is no formula."""
    formulas = {_norm(f): f for f in lang.section("formula")}
    for i, line in enumerate(body):
        f = formulas.get(_norm(line.text))
        if f is not None and not (line.text[:1].islower() and f[:1].isupper()):
            return i
    return None


class _Segmenter(SectionReader):
    """Splits the body into heading block, formula, preamble, operative part, closing lines
    and annexes (the blocks of the last two read by `BlockReader`, sections with their own
    preamble by `SectionReader`)."""

    # -- preamble ----------------------------------------------------------------------------
    def operative_start(self, lines: list[SrcLine]) -> int:
        """The index of the line of ``lines`` (those after the formula) that starts the
        operative part (`opens_operative`, `section_start`); len(lines) when none does."""
        for i, line in enumerate(lines):
            prev = lines[i - 1].text if i else None
            # (none starts inside a paragraph: most lines are not asked)
            if prev is None or ends_with(prev, self.any_end):
                after_end = prev is None or ends_with(prev, self.pre_end)
                if self.opens_operative(line, after_end) or (
                    after_end and self.section_start(lines, i)
                ):
                    return i
        return len(lines)

    def opens_operative(self, line: SrcLine, after_end: bool) -> bool:
        """Whether ``line``, first or after a line that ends a paragraph or a list intro,
        opens the operative part: paragraph "1.", or an operative phrase (and no preambular
        one) after a line that ends a preambular paragraph (``after_end``)."""
        m = self.number(line.text)
        if m and m.group("num") == "1" and m.group("dot"):
            return True
        return (
            after_end
            and not self.lowercase_start(line.text)
            and self.phrase(line.text, "operative") is not None
            and self.phrase(line.text, "preamble") is None
        )

    def section_start(self, lines: list[SrcLine], i: int) -> bool:
        """Whether the operative part opens with a section heading ("I" / "I." then its title,
        or "I. Title", then paragraph 1) at line ``i`` (after a line that ends a preambular
        paragraph)."""
        text = lines[i].text
        if section_number(text) and i + 1 < len(lines):
            return self.is_heading(lines, i + 1, None) or bool(
                self.title_lines(lines, i + 1, Reading(), True)
            )
        return bool(SECTION.match(text)) and (
            self.is_heading(lines, i, None) or self.title_lines(lines, i, Reading()) == 1
        )

    def preamble_start(
        self,
        line: SrcLine,
        prev: SrcLine,
        threshold: dict[int, float] | None,
        blanks: bool = False,
    ) -> bool:
        """Whether ``line``, after a line that ends a preambular paragraph and not one that
        `opens_preamble`, opens a preambular paragraph: with a generic opening of the table,
        or (a phrase the table lacks) with a capital after a blank line or a first-line indent
        where the input marks paragraphs so. In a cased script a line that opens in lower case
        ("recalling …") continues its paragraph."""
        if self.wrong_case(line.text):
            return False
        if self.generic_opening and self.generic_opening.match(line.text):
            return True
        if blanks and after_blank(line, prev) and not self.wrong_case(line.text, True):
            return True
        return threshold is not None and not line.after_break and line.indent > threshold[line.page]

    def opens_preamble(self, line: SrcLine) -> bool:
        """Whether ``line``, after a line that ends a preambular paragraph, opens one with a
        table phrase."""
        return not self.wrong_case(line.text) and self.phrase(line.text, "preamble") is not None

    def blank_lines_part(self, lines: list[SrcLine], opens: list[bool]) -> bool:
        """Whether the input marks preambular paragraphs with a blank line: four in five lines
        that open one with a table phrase follow a blank line (page layout loses some), and
        hardly any line after a line that ends neither a paragraph nor a list intro does.
        ``opens``: `opens_preamble` of each line (after the one before it)."""
        starts = others = starts_blank = others_blank = 0
        paragraph_or_intro = self.pre_end + self.intro_end
        for prev, line, opening in zip(lines, lines[1:], opens[1:]):
            if line.after_break or line.page != prev.page:
                continue
            blank = line.no - prev.no > 1  # `after_blank`: one page, no break between
            if opening:
                starts += 1
                starts_blank += blank
            elif not ends_with(prev.text, paragraph_or_intro):  # a list is set apart
                others += 1
                others_blank += blank
        return starts >= 3 and starts_blank >= 0.8 * starts and others_blank <= 0.1 * others

    def continuation_indent(
        self, lines: list[SrcLine], opens: list[bool]
    ) -> dict[int, float] | None:
        """Where the input indents first lines more than the others: per page, an indent half
        way between the two (a line indented more starts a paragraph); else None. (Short
        paragraphs put the page's median indent between the two: the midpoint is measured
        from the medians of both kinds, not from the page's median.)

        Margins move from page to page (odd and even pages), so indents are compared with the
        median indent of their own page.
        """
        by_page: dict[int, list[int]] = {}
        for line in lines:
            by_page.setdefault(line.page, []).append(line.indent)
        base = {page: _median(indents) for page, indents in by_page.items()}
        kept = [(line, opening) for line, opening in zip(lines, opens) if not line.after_break]
        starts = [line.indent - base[line.page] for line, opening in kept if opening]
        others = [line.indent - base[line.page] for line, opening in kept if not opening]
        if len(starts) < 3 or len(others) < 3:
            return None
        middle = (_median(starts) + _median(others)) / 2
        if middle <= _median(others) or sum(s > middle for s in starts) < 0.9 * len(starts):
            return None
        return {page: b + middle for page, b in base.items()}

    # -- the whole ----------------------------------------------------------------------------
    def __init__(self, body: list[SrcLine], lang: Language, diags: Diagnostics):
        super().__init__(body, lang, diags)
        self.body = body
        punct = lang.section("punctuation")
        self.closing_quote: str = punct.get("closing_quote", "")
        generic = lang.value("preamble", "generic_opening")
        self.generic_opening = re.compile(generic) if generic else None

    def run(self) -> Segments | None:
        body = self.body
        f = find_formula(body, self.lang)
        if f is None:
            if found := find_amendment(body, self.lang):
                return self.amendment(found)
            split = split_run_on(body, self.lang)
            return self.run_on(*split) if split else None
        heading, rest = body[:f], body[f + 1 :]
        # preamble
        op_start = self.operative_start(rest)
        preamble = self.split_preamble(rest[:op_start])
        # operative part, closing, annexes
        units, end = self.blocks(rest[op_start:])
        if (
            not units
            and preamble
            and ends_with(preamble[-1][-1].text, self.op_end)
            and not ends_with(preamble[-1][-1].text, self.pre_end)
        ):
            units = [Unit("paragraph", preamble.pop())]  # a sole, unnumbered operative paragraph
        seg = Segments(heading, body[f], preamble, units)
        tail = rest[op_start + end :]
        self.tail(tail, seg)
        self.check_end(seg)
        return seg

    def split_preamble(self, lines: list[SrcLine]) -> list[list[SrcLine]]:
        """The preambular paragraphs of ``lines`` (the document's preamble, or a section's)."""
        # whether the line before each line ends a preambular paragraph (the first: none)
        after_end = [False] + [ends_with(line.text, self.pre_end) for line in lines[:-1]]
        # whether each line opens a paragraph by its phrase: both readings of the layout ask
        opens = [a and self.opens_preamble(line) for line, a in zip(lines, after_end)]
        cont = self.continuation_indent(lines, opens)
        blanks = self.blank_lines_part(lines, opens)
        preamble: list[list[SrcLine]] = []
        for i, line in enumerate(lines):
            if (
                not preamble
                or opens[i]
                or after_end[i]
                and self.preamble_start(line, lines[i - 1], cont, blanks)
            ):
                preamble.append([line])
            else:
                preamble[-1].append(line)
        return preamble

    def run_on(self, i: int, split: list[SrcLine]) -> Segments:
        """A decision whose formula runs on into its text (`parse.runon`): no preamble, one
        "runOn" unit (with the points that follow it), then an attached text (a programme of
        work, with or without an "Annex" heading) and closing lines."""
        formula, rest = split[0], split[1:]
        lines = rest + self.body[i + 1 :]
        cut = next(
            (
                k
                for k in range(1, len(lines))
                if ends_with(lines[k - 1].text, self.block_end) and self.title_like(lines[k].text)
            ),
            len(lines),
        )
        # "The General Assembly:" reads as the intro of the points that follow it
        units, end = self.blocks(lines[:cut] if rest else [formula] + lines[:cut])
        end = end if rest else end - 1
        if rest and units and units[0].kind == "paragraph" and units[0].num is None:
            units[0].kind = "runOn"
        elif units and units[0].kind == "paragraph" and units[0].first is formula:
            units[0] = Unit("runOn", [])
        else:
            units.insert(0, Unit("runOn", []))
        seg = Segments(self.body[:i], formula, [], units)
        self.tail(lines[end:], seg)
        self.check_end(seg)
        return seg

    def amendment(self, found: Found) -> Segments:
        """An amendment document (`parse.amendment`): the heading block, no formula (an empty
        line stands for it) and no preamble, each amendment a unit, then closing lines."""
        lines = self.body[found.start :]
        units, end = self.blocks(lines)
        formula = SrcLine(lines[0].no, lines[0].page, "", 0)
        seg = Segments(self.body[: found.start], formula, [], units, amends=found)
        self.tail(lines[end:], seg)
        return seg

    def check_end(self, seg: Segments) -> None:
        """Warn when a document without closing lines or annexes stops mid-sentence."""
        if not seg.operative or seg.annexes or seg.closing:
            return
        last = self.body[-1]
        stops = "".join(c for c in self.op_end if c in ".。") or "."
        if not ends_with(last.text.rstrip(self.closing_quote + " "), stops):
            self.diags.warning(
                "structure.truncated",
                "the document stops without a full stop "
                f"('…{last.text[-24:]}'): is the text truncated?",
                last.no,
            )

    def tail(self, lines: list[SrcLine], seg: Segments) -> None:
        self.part = "annex"
        i = 0
        while i < len(lines):
            text = lines[i].text
            if self.closing and self.closing.match(text):
                seg.closing.append(lines[i])
                # the date line after the meeting line
                if (
                    i + 1 < len(lines)
                    and len(lines[i + 1].text) < 40
                    and not (self.annex and self.annex.match(lines[i + 1].text))
                ):
                    seg.closing.append(lines[i + 1])
                    i += 1
                i += 1
                continue
            is_annex = bool(self.annex and self.annex.match(text))
            embedded = (
                not is_annex and self.title_like(text) and not seg.annexes and not seg.closing
            )
            if embedded or is_annex:
                heading = None if embedded else lines[i]
                i += 0 if embedded else 1
                title: list[SrcLine] = []
                while (
                    i < len(lines)
                    and len(lines[i].text) < 0.8 * self.width
                    and not self.starts_block(lines[i].text)
                    and lines[i].text[-1] not in ".;:,。；：，"
                    and not (self.annex and self.annex.match(lines[i].text))
                ):
                    title.append(lines[i])
                    i += 1
                units, end = self.blocks(lines[i:])
                seg.annexes.append(AnnexSegment(heading, title, units))
                i += end
                continue
            # text after the operative part that is neither: keep it in the last block
            target = seg.annexes[-1].units if seg.annexes else seg.operative
            if target:
                target[-1].lines.append(lines[i])
            else:
                target.append(Unit("paragraph", [lines[i]]))
            self.diags.warning(
                "structure.stray_text",
                "text after the operative part that is "
                "neither an annex nor a closing line; kept with the last block",
                lines[i].no,
            )
            i += 1


def after_blank(line: SrcLine, prev: SrcLine) -> bool:
    """Whether a blank line stands between ``prev`` and ``line`` on one page (the lines that
    the reader keeps out of the body mid-page are blank ones)."""
    return line.page == prev.page and not line.after_break and line.no - prev.no > 1


def segment(body: list[SrcLine], lang: Language, diags: Diagnostics) -> Segments | None:
    """Segment the body; None when there is no enacting formula (not a resolution)."""
    return _Segmenter(body, lang, diags).run()


def _median(values: list[int] | list[float]) -> float:
    """As `statistics.median` (whose import, with fractions and decimal, costs a cold start
    ~5 ms): the middle value, or the mean of the two middle ones."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
