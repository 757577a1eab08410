"""Run-on formulas: a decision whose enacting formula runs on into its text.

Decisions often have no preamble of their own: "The General Assembly, recalling …, decides …"
is one sentence, "The General Assembly approves … as set out below:" too, and "The General
Assembly:" may lead straight to points (a), (b). The formula is then no line of its own: this
module finds the line that opens with one (`converter.languages.formula` says where the
formula's words end and the text runs on) and splits it there.
"""

from __future__ import annotations

from dataclasses import replace

from converter.languages import Language
from converter.languages.formula import run_on_cut
from converter.source import SrcLine


def split_run_on(body: list[SrcLine], lang: Language) -> tuple[int, list[SrcLine]] | None:
    """The index of the first line that opens with a formula and runs on, and the lines that
    replace it: the formula (with its punctuation) and the rest of the line (if any)."""
    for i, line in enumerate(body[1:], 1):
        cut = run_on_cut(line.text, lang)
        if cut is None:
            continue
        formula = replace(line, text=line.text[:cut].rstrip())
        rest = line.text[cut:].strip()
        return i, [formula] + ([replace(line, text=rest)] if rest else [])
    return None
