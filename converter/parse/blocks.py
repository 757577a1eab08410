"""Blocks of the operative part and of annexes: numbered paragraphs, lettered sub-paragraphs
(nested by their lettering), section headings and cross-headings, as units of source lines.

Which numbers, letters and punctuation count is the language's (``[punctuation]``,
``[numbers] letters``); a paragraph number must come next in sequence.
"""

from __future__ import annotations

import re

from converter.diagnostics import Diagnostics
from converter.languages import Language, phrases
from converter.languages.numbering import LATIN_LETTERS, letter_after, roman_after
from converter.parse.units import Reading, Unit, ends_with
from converter.source import SrcLine

__all__ = ["POINT", "SECTION", "BlockReader", "Reading", "Unit", "ends_with", "section_number"]

# "(a)", "a)" (French, Spanish), "а)" (Russian), "(أ)" (Arabic), "(iv)": which letters count,
# and in what order, is the language's ([numbers] letters)
POINT = re.compile(r"^(?P<num>\(?(?P<label>[^\W\d_]{1,5})\))(?:\s*(?P<rest>\S.*))?$")
SECTION = re.compile(r"^(?P<num>[IVXL]+|[A-H])\.\s+(?P<rest>\S.*)$")
# "II." (or "II") alone on its line, the section's title on the next line
SECTION_NUMBER = re.compile(r"^(?P<num>[IVXL]+|[A-H])\.?$")
_SECTION_FIRST = "IVXLABCDEFGH"  #: what SECTION and SECTION_NUMBER open with


class BlockReader:
    """Reads the operative part's and annexes' lines into units (see `blocks`)."""

    def __init__(self, body: list[SrcLine], lang: Language, diags: Diagnostics):
        """``body`` gives the typical line width (what is short enough to be a heading)."""
        self.lang = lang
        self.diags = diags
        punct = lang.section("punctuation")
        self.pre_end: str = punct.get("preamble_end", ",")
        self.op_end: str = punct.get("operative_end", ";.")
        self.intro_end: str = punct.get("intro_end", ":")
        self.point_end: str = punct.get("point_end", ";.,")
        #: what ends an operative paragraph or a list intro (a block can start after it)
        self.block_end = self.op_end + self.intro_end
        #: what the line before a heading, an annex or the closing lines ends with
        self.heading_end = self.block_end + "."
        #: what ends any paragraph (preambular too) or a list intro
        self.any_end = self.block_end + self.pre_end
        # "upper" or "lower": the case a preambular paragraph opens with, in a cased script
        self.pre_case: str = punct.get("preamble_case", "") if lang.cased else ""
        self.part = "operative"  # or "annex": which part `blocks` is reading
        self.conjunctions: list[str] = list(punct.get("list_conjunctions", []))
        lengths = sorted(len(l.text) for l in body) or [1]
        self.width = lengths[int(len(lengths) * 0.9)]
        self.letters = tuple(lang.value("numbers", "letters", default=LATIN_LETTERS))
        separator = lang.value("punctuation", "number_separator", default=r"\.")
        self.number_start = re.compile(
            rf"^(?P<num>\d{{1,4}})(?P<dot>{separator})?(?:\s+(?P<rest>\S.*))?$"
        )
        #: this document's opening phrases by (text, part): the readers ask about a line
        #: several times (preamble start, indents, blank lines, operative start)
        self._phrases: dict[tuple[str, str], phrases.Match | None] = {}
        self.closing = lang.regex("heading", "closing_meeting")
        self.annex = lang.regex("heading", "annex")

    def phrase(self, text: str, part: str) -> phrases.Match | None:
        """`phrases.match` of ``text`` for ``part``, asked once per document."""
        key = (text, part)
        if key not in self._phrases:
            self._phrases[key] = phrases.match(text, self.lang, part)
        return self._phrases[key]

    def number(self, text: str) -> re.Match[str] | None:
        """`number_start` at ``text``: a digit must open it (most lines are refused at once)."""
        return self.number_start.match(text) if text[:1].isdecimal() else None

    def lowercase_start(self, text: str, upper: bool = False) -> bool:
        """Whether ``text`` opens with a lower-case letter in a cased script (a wrapped line,
        never the start of an operative paragraph or heading); with ``upper``, whether it
        opens with anything but an upper-case letter."""
        if not self.lang.cased:
            return False
        first = next((c for c in text if c.isalpha()), "")
        return not first.isupper() if upper else first.islower()

    def wrong_case(self, text: str, strict: bool = False) -> bool:
        """Whether ``text`` opens in the other case than a preambular paragraph does in this
        language (a wrapped line, then); with ``strict``, in anything but that case."""
        if not self.pre_case:
            return False
        first = next((c for c in text if c.isalpha()), "")
        if self.pre_case == "upper":
            return not first.isupper() if strict else first.islower()
        if self.pre_case == "lower":
            return not first.islower() if strict else first.isupper()
        return False

    # -- operative part and annexes -----------------------------------------------------------
    def is_heading(self, lines: list[SrcLine], i: int, prev: SrcLine | None) -> bool:
        line = lines[i]
        text = line.text
        if (
            len(text) >= 0.7 * self.width
            or text[-1] in ".,;:。，；：、"
            or not text[0].isupper()
            and not SECTION.match(text)
        ):
            return False
        if prev is not None and not ends_with(prev.text, self.heading_end):
            return False
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        return nxt is not None and bool(
            self.number(nxt.text) or _point(nxt.text) or SECTION.match(text)
        )

    def blocks(self, lines: list[SrcLine], stop_at_annex: bool = True) -> tuple[list[Unit], int]:
        """Split ``lines`` into units; returns (units, index where an annex or closing starts)."""
        units: list[Unit] = []
        st = Reading()
        skip = 0
        for i, line in enumerate(lines):
            if skip:
                skip -= 1
                continue
            # an annex, the closing lines or a section heading comes only after a line that
            # ends a block (most lines, inside a paragraph, are not asked)
            if st.prev is None or ends_with(st.prev.text, self.heading_end):
                if stop_at_annex and st.current is not None and self.part_ends(lines, i, st):
                    return units, i
                skip = self.numbered_section(lines, i, st, units) or self.cross_heading(
                    lines, i, st, units
                )
                if skip:
                    skip += self.section_preamble(lines, i + skip, st, units) - 1
                    continue  # the heading's other lines (and its section's preamble) are read
            unit = self.paragraph_or_point(lines, i, st) or self.heading(lines, i, st)
            if unit is not None:
                units.append(unit)
                st.current = None if unit.kind == "heading" else unit
                st.after_heading = unit.kind == "heading"
                if unit.kind == "heading":
                    skip = self.section_preamble(lines, i + 1, st, units)
            elif st.current is None or st.current.kind == "heading":
                st.current = Unit("paragraph", [line])
                units.append(st.current)
            else:
                st.current.lines.append(line)
            st.prev = line
        return units, len(lines)

    def part_ends(self, lines: list[SrcLine], i: int, st: Reading) -> bool:
        """Whether an annex, the closing lines or an adopted text starts at line ``i``."""
        if self.ends_part(lines, i, st.prev):
            return True
        # "Adopts the following declaration:" and the text adopted
        return (
            st.current is not None
            and st.current.num is None
            and st.current.level == 0
            and self.title_like(lines[i].text)
            and st.prev is not None
            and ends_with(st.prev.text, self.intro_end)
        )

    def numbered_section(self, lines: list[SrcLine], i: int, st: Reading, units: list[Unit]) -> int:
        """A section number alone on line ``i`` ("II") and its title on the next line(s):
        how many lines the heading takes (0 when there is none)."""
        text = lines[i].text
        if not section_number(text) or i + 1 >= len(lines):
            return 0
        if st.prev is not None and not ends_with(st.prev.text, self.block_end):
            return 0
        size = (
            1 if self.is_heading(lines, i + 1, None) else self.title_lines(lines, i + 1, st, True)
        )
        if not size:
            return 0
        title = lines[i + 1 : i + 1 + size]
        units.append(Unit("heading", title, text))  # the number as printed
        st.current, st.prev, st.after_heading = None, title[-1], True
        return 1 + size

    def cross_heading(self, lines: list[SrcLine], i: int, st: Reading, units: list[Unit]) -> int:
        """A heading of one to three lines ("Budget estimates for the period …", "Section 1"
        and its title) between a line that ends a paragraph and the next numbered paragraph,
        however long its lines: how many lines it takes (0 when there is none)."""
        prev = st.prev
        if prev is not None and (
            not ends_with(prev.text, self.block_end)
            or not prev.text.strip("0123456789.() ")  # a number alone: its text follows
            or st.current is not None
            and not any(l.text.strip() for l in st.current.lines)
        ):
            return 0
        size = self.title_lines(lines, i, st)
        if size:
            s = SECTION.match(lines[i].text) if size == 1 else None
            title = [_rest(lines[i], s.group("rest"))] if s else lines[i : i + size]
            units.append(Unit("heading", title, (s.group("num") + ".") if s else None))
            st.current, st.prev, st.after_heading = None, lines[i + size - 1], True
        return size

    def title_lines(self, lines: list[SrcLine], i: int, st: Reading, numbered: bool = False) -> int:
        """How many lines (one to three) from line ``i`` read as a title: no line ends in
        punctuation, the first opens with a capital (in a cased script), and the next line
        starts paragraph 1 or the next paragraph with its number and dot (or, after a section
        number, ``numbered``, or in "I. Title", the section's own preamble); else 0."""
        first = lines[i].text
        if self.lowercase_start(first, True) or _starts_block(self, first):
            return 0
        for size in range(1, 4):
            if i + size >= len(lines):
                return 0
            text = lines[i + size - 1].text
            if size > 1 and _starts_block(self, text) or ends_with(text, ".,;:。，；：、"):
                return 0
            m = self.number(lines[i + size].text)
            if m and m.group("dot") and int(m.group("num")) in (st.expected, 1):
                return size
            if (numbered or SECTION.match(first)) and self.preamble_end(lines, i + size, st):
                return size  # a section with a preamble of its own (`parse.sections`)
        return 0

    def preamble_end(self, lines: list[SrcLine], i: int, st: Reading) -> int | None:
        """Where the preamble of a section that starts at line ``i`` ends (`parse.sections`)."""
        return None

    def section_preamble(self, lines: list[SrcLine], i: int, st: Reading, units: list[Unit]) -> int:
        """How many lines of a section's own preamble from line ``i`` were read into units."""
        return 0

    def paragraph_or_point(self, lines: list[SrcLine], i: int, st: Reading) -> Unit | None:
        """The numbered paragraph or sub-paragraph that line ``i`` starts, if it starts one."""
        line = lines[i]
        start = self.number(line.text)
        if start is None:
            return self.point(line, st)
        n = self.numbered(start, st.prev if st.current is not None else None, st.expected)
        if n is None and st.after_heading and st.expected != 1:
            n = self.numbered(start, None, 1)  # numbering restarts in a new section
        if n is None and not st.misnumbered:
            st.misnumbered = self.misnumbered(
                start,
                st.prev,
                st.expected,
                line.no,
                lines[i + 1].text if i + 1 < len(lines) else "",
            )
        if n is None:
            return self.point(line, st)
        num, rest = n
        st.expected = int(start.group("num")) + 1
        st.letter = st.roman = None
        return Unit("paragraph", [_rest(line, rest)], num, num.rstrip("."))

    def point(self, line: SrcLine, st: Reading) -> Unit | None:
        """The sub-paragraph ((a), (i)) that ``line`` starts, if the lettering goes on."""
        p, current, prev = _point(line.text), st.current, st.prev
        if (
            not p
            or current is None
            or not (
                prev is None or self.ends_item(prev.text) or not prev.text.strip("0123456789.()")
            )
        ):
            return None
        label = p.group("label")
        nested = current.level >= 1 and _ending(current).endswith(tuple(self.intro_end))
        level = 0
        if label == letter_after(st.letter, self.letters) and not (
            nested and label == roman_after(st.roman)
        ):
            level, st.letter, st.roman = 1, label, None
        elif label == roman_after(st.roman) and (current.level >= 1 or nested):
            level, st.roman = 2, label
        if not level:
            return None
        return Unit("point", [_rest(line, p.group("rest") or "")], p.group("num"), label, level)

    def heading(self, lines: list[SrcLine], i: int, st: Reading) -> Unit | None:
        """The heading ("I. Title", or an unnumbered title line) that line ``i`` is, if any."""
        if not self.is_heading(lines, i, st.prev if st.current is not None else None):
            return None
        line = lines[i]
        s = SECTION.match(line.text)
        return Unit(
            "heading",
            [_rest(line, s.group("rest")) if s else line],
            (s.group("num") + ".") if s else None,
        )

    def numbered(
        self, m: re.Match[str], prev: SrcLine | None, expected: int
    ) -> tuple[str, str] | None:
        """(number as printed, text after it) if the line whose `number` is ``m`` starts
        paragraph ``expected``.

        The number must come next in sequence, after a line that ends a paragraph; a number
        printed without its dot ("11 Condemns…") counts only before an operative verb.
        """
        if int(m.group("num")) != expected:
            return None
        if prev is not None and not ends_with(prev.text, self.any_end):
            return None
        rest = m.group("rest") or ""
        if not m.group("dot") and self.phrase(rest, "operative") is None:
            return None
        return m.group("num") + (m.group("dot") or ""), rest

    def misnumbered(
        self, m: re.Match[str], prev: SrcLine | None, expected: int, no: int, following: str
    ) -> bool:
        """Report a paragraph that starts like one ("6. Urges…", or "6." with "Urges…" on
        the next line; ``m``: the line's `number`) but out of sequence."""
        if (
            not m.group("dot")
            or int(m.group("num")) == expected
            or self.phrase(m.group("rest") or following, "operative") is None
        ):
            return False
        if prev is not None and not ends_with(prev.text, self.any_end):
            return False
        report = self.diags.error if self.part == "operative" else self.diags.warning
        report(
            "structure.numbering",
            f"paragraph {m.group('num')}. where {expected}. was "
            f"expected in the {self.part} part (a paragraph or page missing, repeated or out "
            "of order?); it and what follows were not recognised as paragraphs",
            no,
        )
        return True

    def title_like(self, text: str) -> bool:
        """A short line that ends in no punctuation and starts with a capital (or CJK)."""
        return (
            len(text) < 0.8 * self.width
            and text[-1] not in ".;:,。；：，"
            and not self.starts_block(text)
            and (text[0].isupper() or not text[0].isascii())
        )

    def ends_item(self, text: str) -> bool:
        """Whether ``text`` ends a list intro or a list item ("…:", "…;", "…; and")."""
        if ends_with(text, self.intro_end + self.point_end):
            return True
        words = text.rsplit(None, 1)
        return (
            len(words) == 2
            and words[1] in self.conjunctions
            and ends_with(words[0], self.point_end)
        )

    def starts_block(self, text: str) -> bool:
        """Whether ``text`` starts a numbered paragraph, a section or a sub-paragraph."""
        m = self.number(text)
        return bool(m and m.group("dot")) or _starts_section_or_point(text)

    def ends_part(self, lines: list[SrcLine], i: int, prev: SrcLine | None) -> bool:
        """Whether line ``i`` starts an annex or the closing lines."""
        text = lines[i].text
        if prev is not None and not ends_with(prev.text, self.heading_end):
            return False
        if self.annex and self.annex.match(text):
            return True
        return bool(self.closing and self.closing.match(text))


def _starts_block(reader: BlockReader, text: str) -> bool:
    """Whether ``text`` starts a paragraph (a number, with or without its dot) or a block."""
    return bool(reader.number(text)) or _starts_section_or_point(text)


def _starts_section_or_point(text: str) -> bool:
    return bool(SECTION.match(text) or section_number(text) or _point(text))


def _point(text: str) -> re.Match[str] | None:
    """`POINT` at ``text``, whose ")" comes within its first seven characters (most lines,
    without one there, are refused at once)."""
    return POINT.match(text) if ")" in text[:7] else None


def section_number(text: str) -> re.Match[str] | None:
    """`SECTION_NUMBER` at ``text`` (most lines, opening with another letter, are refused at
    once)."""
    return SECTION_NUMBER.match(text) if text[:1] in _SECTION_FIRST else None


def _rest(line: SrcLine, rest: str) -> SrcLine:
    """The line with its number taken off (``rest`` is the text after the number)."""
    return SrcLine(line.no, line.page, rest, line.indent, line.after_break)


def _ending(unit: Unit) -> str:
    """How the unit's text ends: its last line with text, stripped (joining all of a growing
    unit's lines at every new line was quadratic: 20k "(a)" lines took 10 s)."""
    for line in reversed(unit.lines):
        if line.text.strip():
            return line.text.rstrip()
    return ""
