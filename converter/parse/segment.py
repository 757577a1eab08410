"""Segment: body lines → heading block, formula, preambular paragraphs, operative blocks,
closing lines and annexes, each a list of source lines (no text is changed here).

Paragraph boundaries are found from what every extraction keeps: the paragraph punctuation
of the language (preambular paragraphs end with "," / "，"), opening phrases from the
language tables, consecutive paragraph numbers and sub-paragraph letters; first-line indents
are used only where the input shows them consistently.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache

from converter.languages import phrases
from converter.readers.text.clean import SrcLine
from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.languages.numbering import LATIN_LETTERS, letter_after, roman_after

# "(a)", "a)" (French, Spanish), "а)" (Russian), "(أ)" (Arabic), "(iv)": which letters count,
# and in what order, is the language's ([numbers] letters)
POINT = re.compile(r"^(?P<num>\(?(?P<label>[^\W\d_]{1,5})\))(?:\s*(?P<rest>\S.*))?$")
SECTION = re.compile(r"^(?P<num>[IVXL]+|[A-H])\.\s+(?P<rest>\S.*)$")
# "II." (or "II") alone on its line, the section's title on the next line
SECTION_NUMBER = re.compile(r"^(?P<num>[IVXL]+|[A-H])\.?$")
TRAILING_MARKERS = re.compile(r"(?:\s*(?:\d{1,3}|\*{1,3}))+$")


@dataclass
class Unit:
    """A block of the operative part or of an annex."""

    kind: str  #: "paragraph", "point" or "heading"
    lines: list[SrcLine]
    num: str | None = None  #: as printed: "7.", "(a)", "I."
    label: str | None = None  #: "7", "a", "i"
    level: int = 0  #: 0 paragraph or heading, 1 point, 2 point in a point

    @property
    def first(self) -> SrcLine:
        return self.lines[0]


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


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def ends_with(text: str, chars: str) -> bool:
    """Whether ``text`` ends with one of ``chars``, ignoring trailing footnote markers."""
    last = _last_char(text)
    return bool(last) and last in chars


@lru_cache(maxsize=65536)
def _last_char(text: str) -> str:
    text = TRAILING_MARKERS.sub("", text.rstrip()).rstrip()
    return text[-1:] if text else ""


def find_formula(body: list[SrcLine], lang: Language) -> int | None:
    formulas = {_norm(f) for f in lang.section("formula")}
    for i, line in enumerate(body):
        if _norm(line.text) in formulas:
            return i
    return None


class _Segmenter:
    def __init__(self, body: list[SrcLine], lang: Language, diags: Diagnostics):
        self.body = body
        self.lang = lang
        self.diags = diags
        punct = lang.section("punctuation")
        self.pre_end: str = punct.get("preamble_end", ",")
        self.op_end: str = punct.get("operative_end", ";.")
        self.intro_end: str = punct.get("intro_end", ":")
        self.point_end: str = punct.get("point_end", ";.,")
        self.closing_quote: str = punct.get("closing_quote", "")
        self.part = "operative"  # or "annex": which part `blocks` is reading
        self.conjunctions: list[str] = list(punct.get("list_conjunctions", []))
        lengths = sorted(len(l.text) for l in body) or [1]
        self.width = lengths[int(len(lengths) * 0.9)]
        self.letters = tuple(lang.value("numbers", "letters", default=LATIN_LETTERS))
        separator = lang.value("punctuation", "number_separator", default=r"\.")
        self.number_start = re.compile(
            rf"^(?P<num>\d{{1,3}})(?P<dot>{separator})?(?:\s+(?P<rest>\S.*))?$")
        self.closing = lang.regex("heading", "closing_meeting")
        self.annex = lang.regex("heading", "annex")
        generic = lang.value("preamble", "generic_opening")
        self.generic_opening = re.compile(generic) if generic else None

    # -- preamble ----------------------------------------------------------------------------
    def operative_start(self, lines: list[SrcLine], i: int, prev: SrcLine | None) -> bool:
        line = lines[i]
        m = self.number_start.match(line.text)
        if m and m.group("num") == "1" and m.group("dot"):
            return prev is None or ends_with(prev.text, self.pre_end + self.op_end + self.intro_end)
        return (prev is None or ends_with(prev.text, self.pre_end)) and \
            phrases.match(line.text, self.lang, "operative") is not None and \
            phrases.match(line.text, self.lang, "preamble") is None

    def section_start(self, lines: list[SrcLine], i: int, prev: SrcLine | None) -> bool:
        """Whether the operative part opens with a section heading ("I" / "I." then its title,
        or "I. Title", then paragraph 1)."""
        if prev is not None and not ends_with(prev.text, self.pre_end):
            return False
        text = lines[i].text
        if SECTION_NUMBER.match(text) and i + 1 < len(lines):
            return self.is_heading(lines, i + 1, None)
        return bool(SECTION.match(text)) and self.is_heading(lines, i, None)

    def preamble_start(self, line: SrcLine, prev: SrcLine | None,
                       threshold: dict[int, float] | None) -> bool:
        if prev is None:
            return True
        if not ends_with(prev.text, self.pre_end):
            return False
        if phrases.match(line.text, self.lang, "preamble") is not None:
            return True
        if self.generic_opening and self.generic_opening.match(line.text):
            return True
        return threshold is not None and not line.after_break and line.indent > threshold[line.page]

    def continuation_indent(self, lines: list[SrcLine]) -> dict[int, float] | None:
        """Where the input indents first lines more than the others: per page, an indent half
        way between the two (a line indented more starts a paragraph); else None.

        Margins move from page to page (odd and even pages), so indents are compared with the
        median indent of their own page.
        """
        by_page: dict[int, list[int]] = {}
        for line in lines:
            by_page.setdefault(line.page, []).append(line.indent)
        base = {page: statistics.median(indents) for page, indents in by_page.items()}
        starts, others = [], []
        prev = None
        for line in lines:
            rel = line.indent - base[line.page]
            if not line.after_break:
                if prev is not None and ends_with(prev.text, self.pre_end) and \
                        phrases.match(line.text, self.lang, "preamble"):
                    starts.append(rel)
                else:
                    others.append(rel)
            prev = line
        if len(starts) < 3 or len(others) < 3:
            return None
        gap = statistics.median(starts) - statistics.median(others)
        if gap <= 0 or sum(s > gap / 2 for s in starts) < 0.9 * len(starts):
            return None
        return {page: b + gap / 2 for page, b in base.items()}

    # -- operative part and annexes -----------------------------------------------------------
    def is_heading(self, lines: list[SrcLine], i: int, prev: SrcLine | None) -> bool:
        line = lines[i]
        text = line.text
        if len(text) >= 0.7 * self.width or text[-1] in ".,;:。，；：、" or not text[0].isupper() \
                and not SECTION.match(text):
            return False
        if prev is not None and not ends_with(prev.text, self.op_end + self.intro_end + "."):
            return False
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        return nxt is not None and bool(self.number_start.match(nxt.text) or
                                        POINT.match(nxt.text) or SECTION.match(text))

    def blocks(self, lines: list[SrcLine], stop_at_annex: bool = True) -> tuple[list[Unit], int]:
        """Split ``lines`` into units; returns (units, index where an annex or closing starts)."""
        units: list[Unit] = []
        expected = 1
        misnumbered = False  # reported once per part: every later number is off too
        letter: str | None = None
        roman: str | None = None
        current: Unit | None = None
        prev: SrcLine | None = None
        skip = False
        for i, line in enumerate(lines):
            if skip:
                skip = False
                continue
            text = line.text
            if stop_at_annex and current is not None and self.ends_part(lines, i, prev):
                return units, i
            if stop_at_annex and current is not None and current.num is None and \
                    current.level == 0 and self.title_like(text) and prev is not None and \
                    ends_with(prev.text, self.intro_end):
                return units, i  # "Adopts the following declaration:" and the text adopted
            s = SECTION_NUMBER.match(text)
            if s and i + 1 < len(lines) and self.is_heading(lines, i + 1, None) and \
                    (prev is None or ends_with(prev.text, self.op_end + self.intro_end)):
                units.append(Unit("heading", [lines[i + 1]], text))  # the number as printed
                current, prev, skip = None, lines[i + 1], True
                continue
            n = self.numbered(text, prev if current is not None else None, expected)
            if n is None and not misnumbered:
                misnumbered = self.misnumbered(text, prev, expected, line.no,
                                               lines[i + 1].text if i + 1 < len(lines) else "")
            if n is not None:
                num, rest = n
                current = Unit("paragraph", [_rest(line, rest)], num, num.rstrip("."))
                units.append(current)
                expected += 1
                letter = roman = None
                prev = line
                continue
            p = POINT.match(text)
            if p and current is not None and (prev is None or self.ends_item(prev.text)
                                              or not prev.text.strip("0123456789.()")):
                label = p.group("label")
                nested = current.level >= 1 and _joined(current).rstrip().endswith(tuple(self.intro_end))
                level = 0
                if label == letter_after(letter, self.letters) and \
                        not (nested and label == roman_after(roman)):
                    level, letter, roman = 1, label, None
                elif label == roman_after(roman) and (current.level >= 1 or nested):
                    level, roman = 2, label
                if level:
                    current = Unit("point", [_rest(line, p.group("rest") or "")], p.group("num"),
                                   label, level)
                    units.append(current)
                    prev = line
                    continue
            if self.is_heading(lines, i, prev if current is not None else None):
                s = SECTION.match(text)
                units.append(Unit("heading", [_rest(line, s.group("rest")) if s else line],
                                  (s.group("num") + ".") if s else None))
                current = None
                prev = line
                continue
            if current is None or (current.kind == "heading"):
                current = Unit("paragraph", [line])
                units.append(current)
            else:
                current.lines.append(line)
            prev = line
        return units, len(lines)

    def numbered(self, text: str, prev: SrcLine | None, expected: int) -> tuple[str, str] | None:
        """(number as printed, text after it) if ``text`` starts paragraph ``expected``.

        The number must come next in sequence, after a line that ends a paragraph; a number
        printed without its dot ("11 Condemns…") counts only before an operative verb.
        """
        m = self.number_start.match(text)
        if not m or int(m.group("num")) != expected:
            return None
        if prev is not None and not ends_with(prev.text, self.op_end + self.intro_end + self.pre_end):
            return None
        rest = m.group("rest") or ""
        if not m.group("dot") and phrases.match(rest, self.lang, "operative") is None:
            return None
        return m.group("num") + (m.group("dot") or ""), rest

    def misnumbered(self, text: str, prev: SrcLine | None, expected: int, no: int,
                    following: str) -> bool:
        """Report a paragraph that starts like one ("6. Urges…", or "6." with "Urges…" on
        the next line) but out of sequence."""
        m = self.number_start.match(text)
        if not m or not m.group("dot") or int(m.group("num")) == expected or phrases.match(
                m.group("rest") or following, self.lang, "operative") is None:
            return False
        if prev is not None and not ends_with(prev.text, self.op_end + self.intro_end +
                                              self.pre_end):
            return False
        report = self.diags.error if self.part == "operative" else self.diags.warning
        report("structure.numbering", f"paragraph {m.group('num')}. where {expected}. was "
               f"expected in the {self.part} part (a paragraph or page missing, repeated or out "
               "of order?); it and what follows were not recognised as paragraphs", no)
        return True

    def title_like(self, text: str) -> bool:
        """A short line that ends in no punctuation and starts with a capital (or CJK)."""
        return len(text) < 0.8 * self.width and text[-1] not in ".;:,。；：，" and \
            not self.starts_block(text) and (text[0].isupper() or not text[0].isascii())

    def ends_item(self, text: str) -> bool:
        """Whether ``text`` ends a list intro or a list item ("…:", "…;", "…; and")."""
        if ends_with(text, self.intro_end + self.point_end):
            return True
        words = text.rsplit(None, 1)
        return len(words) == 2 and words[1] in self.conjunctions and \
            ends_with(words[0], self.point_end)

    def starts_block(self, text: str) -> bool:
        """Whether ``text`` starts a numbered paragraph, a section or a sub-paragraph."""
        m = self.number_start.match(text)
        return bool(m and m.group("dot")) or _starts_section_or_point(text)

    def ends_part(self, lines: list[SrcLine], i: int, prev: SrcLine | None) -> bool:
        """Whether line ``i`` starts an annex or the closing lines."""
        text = lines[i].text
        if prev is not None and not ends_with(prev.text, self.op_end + self.intro_end + "."):
            return False
        if self.annex and self.annex.match(text):
            return True
        return bool(self.closing and self.closing.match(text))

    # -- the whole ----------------------------------------------------------------------------
    def run(self) -> Segments | None:
        body = self.body
        f = find_formula(body, self.lang)
        if f is None:
            return None
        heading, rest = body[:f], body[f + 1:]
        # preamble
        op_start = len(rest)
        for i in range(len(rest)):
            prev = rest[i - 1] if i else None
            if self.operative_start(rest, i, prev) or self.section_start(rest, i, prev):
                op_start = i
                break
        pre_lines = rest[:op_start]
        cont = self.continuation_indent(pre_lines)
        preamble: list[list[SrcLine]] = []
        prev = None
        for line in pre_lines:
            if not preamble or self.preamble_start(line, prev, cont):
                preamble.append([line])
            else:
                preamble[-1].append(line)
            prev = line
        # operative part, closing, annexes
        units, end = self.blocks(rest[op_start:])
        if not units and preamble and ends_with(preamble[-1][-1].text, self.op_end) \
                and not ends_with(preamble[-1][-1].text, self.pre_end):
            units = [Unit("paragraph", preamble.pop())]  # a sole, unnumbered operative paragraph
        seg = Segments(heading, body[f], preamble, units)
        tail = rest[op_start + end:]
        self.tail(tail, seg)
        self.check_end(seg)
        return seg

    def check_end(self, seg: Segments) -> None:
        """Warn when a document without closing lines or annexes stops mid-sentence."""
        if not seg.operative or seg.annexes or seg.closing:
            return
        last = self.body[-1]
        stops = "".join(c for c in self.op_end if c in ".。") or "."
        if not ends_with(last.text.rstrip(self.closing_quote + " "), stops):
            self.diags.warning("structure.truncated", "the document stops without a full stop "
                               f"('…{last.text[-24:]}'): is the text truncated?", last.no)

    def tail(self, lines: list[SrcLine], seg: Segments) -> None:
        self.part = "annex"
        i = 0
        while i < len(lines):
            text = lines[i].text
            if self.closing and self.closing.match(text):
                seg.closing.append(lines[i])
                # the date line after the meeting line
                if i + 1 < len(lines) and len(lines[i + 1].text) < 40 and not \
                        (self.annex and self.annex.match(lines[i + 1].text)):
                    seg.closing.append(lines[i + 1])
                    i += 1
                i += 1
                continue
            is_annex = bool(self.annex and self.annex.match(text))
            embedded = not is_annex and self.title_like(text) and not seg.annexes \
                and not seg.closing
            if embedded or is_annex:
                heading = None if embedded else lines[i]
                i += 0 if embedded else 1
                title: list[SrcLine] = []
                while i < len(lines) and len(lines[i].text) < 0.8 * self.width and not \
                        self.starts_block(lines[i].text) and lines[i].text[-1] not in ".;:,。；：，" \
                        and not (self.annex.match(lines[i].text)):
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
            self.diags.warning("structure.stray_text", "text after the operative part that is "
                               "neither an annex nor a closing line; kept with the last block",
                               lines[i].no)
            i += 1


def _starts_section_or_point(text: str) -> bool:
    return bool(SECTION.match(text) or SECTION_NUMBER.match(text) or POINT.match(text))


def _rest(line: SrcLine, rest: str) -> SrcLine:
    """The line with its number taken off (``rest`` is the text after the number)."""
    return SrcLine(line.no, line.page, rest, line.indent, line.after_break)


def _joined(unit: Unit) -> str:
    return " ".join(l.text for l in unit.lines)


def segment(body: list[SrcLine], lang: Language, diags: Diagnostics) -> Segments | None:
    """Segment the body; None when there is no enacting formula (not a resolution)."""
    return _Segmenter(body, lang, diags).run()
