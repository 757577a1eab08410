"""Sections with a preamble of their own: a resolution made of titled sections ("I" and its
title, "II" …), each with preambular paragraphs and then its own operative paragraphs
numbered from 1 (omnibus resolutions on reports of several bodies).

The evidence is the document's: a numbered section heading in the operative part, the line
after it opening with a preambular phrase of the language table, and the first numbered
paragraph after those lines, after a line that ends a preambular paragraph, being 1 (or the
number that comes next, where the numbering runs on through the sections). Without all
three the heading stays an ordinary section heading (and a paragraph out of sequence is
reported as before). Annexes are not read this way.
"""

from __future__ import annotations

from converter.parse.blocks import SECTION, BlockReader, section_number
from converter.parse.units import Reading, Unit, ends_with
from converter.source import SrcLine


class SectionReader(BlockReader):
    """`BlockReader` that also reads a section's own preamble (`section_preamble`)."""

    def split_preamble(self, lines: list[SrcLine]) -> list[list[SrcLine]]:
        """The preambular paragraphs of ``lines`` (the segmenter's own rules)."""
        raise NotImplementedError

    def preamble_end(self, lines: list[SrcLine], i: int, st: Reading) -> int | None:
        """If a section's own preamble starts at line ``i``: the index of the line that starts
        its first paragraph (numbered 1, or the number that comes next in ``st``); else
        None."""
        if self.part != "operative" or i >= len(lines):
            return None
        first = lines[i].text
        if self.wrong_case(first) or self.phrase(first, "preamble") is None:
            return None
        if self.phrase(first, "operative") is not None:
            return None
        ends = self.pre_end + self.op_end  # what ends a paragraph, preambular or operative
        for j in range(i + 1, len(lines)):
            text, prev = lines[j].text, lines[j - 1].text
            if ends_with(prev, ends) and (
                SECTION.match(text) or section_number(text) or self.ends_part(lines, j, None)
            ):
                return None  # another section, an annex or the closing lines first
            m = self.number(text)
            if m and m.group("dot") and ends_with(prev, ends):
                starts = int(m.group("num")) in (1, st.expected)
                return j if starts and ends_with(prev, self.pre_end) else None
        return None

    def section_preamble(self, lines: list[SrcLine], i: int, st: Reading, units: list[Unit]) -> int:
        """The preamble of the section whose heading ends before line ``i``, as one unit
        ("preamble") per paragraph: how many lines it takes (0 when there is none)."""
        end = self.preamble_end(lines, i, st)
        if end is None:
            return 0
        units.extend(Unit("preamble", para) for para in self.split_preamble(lines[i:end]))
        st.current, st.prev, st.after_heading = None, lines[end - 1], True
        return end - i
