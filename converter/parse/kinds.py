"""What a document that is no resolution, decision or amendment appears to be (a note, a
report, a letter, a programme of work: the language table's ``[not_resolution]``), for the
``input.not_a_resolution`` refusal."""

from __future__ import annotations

import re

from converter.diagnostics import Diagnostic, Severity
from converter.languages import Language
from converter.source import SrcLine


def staged(heading: list[SrcLine], lang: Language) -> bool:
    """Whether a heading line names a stage ("draft decision") of the language table."""
    words = [w.casefold() for w in lang.section("stages")]
    return any(w in line.text.casefold() for line in heading for w in words)


def refusal(body: list[SrcLine], lang: Language, seg) -> Diagnostic | None:
    """The refusal of a document without a formula (``seg`` None) or whose only "formula"
    runs on in a text no stage names, when a heading line says what it is; else None."""
    run_on = seg is not None and seg.operative and seg.operative[0].kind == "runOn"
    if seg is not None and not (run_on and not staged(seg.heading, lang)):
        return None
    kinds = [(re.compile(k), v) for k, v in lang.section("not_resolution").items()]
    for line in body[:40]:
        for pattern, what in kinds:
            if pattern.search(line.text.strip()):
                return Diagnostic(
                    "input.not_a_resolution",
                    Severity.ERROR,
                    f"this is no resolution, decision or amendment: it appears to be {what} "
                    f"('{line.text.strip()[:60]}') and has no enacting formula",
                    line.no,
                )
    return None
