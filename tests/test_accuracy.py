"""Plausibility checks on the model, and accuracy on real documents (issue 9).

The corpus test converts a fixed sample of `tests/corpus/` and asserts that each document
either matches its truth on every primary field or is flagged (the conversion failed, or
carried a warning, or `converter.plausibility.check` warns): no silent miss.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from converter.model import (
    Annex,
    Document,
    DocumentFacts,
    Footnote,
    Heading,
    Loc,
    NoteRef,
    Opening,
    Paragraph,
    Point,
    Text,
)
from converter.plausibility import check

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def loc(line: int) -> Loc:
    return Loc(line, 1)


def pre(line: int, text: str, kind: str = "recalling") -> Paragraph:
    word = text.split()[0]
    opening = Opening(word, kind) if kind else Opening("", "unknown")
    return Paragraph(None, (opening, Text(text[len(word) :] if kind else text)), loc(line))


def op(
    line: int,
    num: str,
    text: str = "Requests the Secretary-General to report;",
    points: tuple[Point, ...] = (),
) -> Paragraph:
    return Paragraph(
        num, (Opening("Requests", "requests"), Text(text[len("Requests") :])), loc(line), points
    )


def point(line: int, num: str, text: str = "something;") -> Point:
    return Point(num, num.strip("()"), (Text(text),), loc(line))


def doc(preamble=(), operative=(), annexes=(), notes=(), lang="en") -> Document:
    facts = DocumentFacts(lang, "A/RES/80/1", "resolution", "un-ga", "2025-01-01", "masthead")
    return Document(
        "<test>",
        facts,
        (),
        (),
        (Text("The General Assembly,"),),
        loc(30),
        tuple(preamble),
        tuple(operative),
        (),
        tuple(annexes),
        tuple(notes),
    )


def codes(document: Document) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in check(document)]


GOOD_PREAMBLE = (
    pre(31, "Recalling its resolution 79/1 of 1 January 2025,"),
    pre(33, "Noting with concern the report,", "noting"),
)


def test_a_plausible_document_gives_no_warning():
    ops = (op(35, "1."), op(37, "2.", points=(point(38, "(a)"), point(39, "(b)"))), op(40, "3."))
    note = Footnote("1", (Text("Resolution 79/1."),), loc(60))
    ops = ops + (
        Paragraph(
            "4.",
            (Opening("Decides", "decides"), Text(" to act;"), NoteRef("1", True, loc(42))),
            loc(42),
        ),
    )
    assert codes(doc(GOOD_PREAMBLE, ops, notes=(note,))) == []


def test_operative_numbering_must_run_on():
    found = codes(doc(GOOD_PREAMBLE, (op(35, "1."), op(37, "2."), op(39, "4."))))
    assert found == [("plausibility.numbering", 39)]


def test_a_heading_may_restart_numbering_or_go_on():
    heading = Heading("I", (Text("Activities of the Office"),), loc(36))
    restart = (op(35, "1."), heading, op(37, "1."), op(38, "2."))
    go_on = (op(35, "1."), heading, op(37, "2."))
    assert codes(doc(GOOD_PREAMBLE, restart)) == []
    assert codes(doc(GOOD_PREAMBLE, go_on)) == []


def test_points_run_on_and_letter_i_follows_h():
    letters = tuple(point(40 + k, f"({c})") for k, c in enumerate("abcdefghij"))
    assert codes(doc(GOOD_PREAMBLE, (op(35, "1.", points=letters),))) == []
    romans = tuple(point(40 + k, f"({r})") for k, r in enumerate(("i", "ii", "iv")))
    assert codes(doc(GOOD_PREAMBLE, (op(35, "1.", points=romans),))) == [
        ("plausibility.numbering", 42)
    ]


def test_empty_paragraph_and_heading_like_a_clause():
    empty = Paragraph("1.", (Opening("", "unknown"),), loc(35))
    heading = Heading(
        None,
        (Text("Takes note of the report of the Secretary-General;"), NoteRef("1", True, loc(36))),
        loc(36),
    )
    found = codes(doc(GOOD_PREAMBLE, (empty, heading, op(37, "2."))))
    assert ("plausibility.empty_paragraph", 35) in found
    assert ("plausibility.heading_sentence", 36) in found


def test_annex_headings_are_checked_too():
    annex = Annex(
        (Text("Annex"),),
        (),
        (Heading(None, (Text("Objectives,"),), loc(80)), op(81, "1."), op(82, "3.")),
        loc(79),
    )
    found = codes(doc(GOOD_PREAMBLE, (op(35, "1."),), annexes=(annex,)))
    assert found == [("plausibility.heading_sentence", 80), ("plausibility.numbering", 82)]


def test_preamble_opening_lowercase_and_merged():
    unknown = pre(31, "Landlocked Developing Countries, and", kind="")
    lower = pre(33, "recognizing also that access matters,", "recognizing")
    merged = pre(
        35,
        "Emphasizing the relevance of inclusion, Recommitting to promoting "
        "appropriate access to credit,",
        "emphasizing",
    )
    merged_table = pre(37, "Recalling its resolutions, Noting with concern the report,")
    title = pre(
        39,
        "Recalling the Convention on the Development, Production, Stockpiling and "
        "Use of Chemical Weapons,",
    )
    found = codes(doc((unknown, lower, merged, merged_table, title), (op(45, "1."),)))
    assert found == [
        ("plausibility.preamble_opening", 31),
        ("plausibility.preamble_lowercase", 33),
        ("plausibility.preamble_merged", 35),
        ("plausibility.preamble_merged", 37),
    ]


def test_a_merge_behind_a_footnote_marker_is_seen():
    merged = Paragraph(
        None,
        (
            Opening("Having examined", "havingExamined"),
            Text(" the report for 2025,"),
            NoteRef("1", True, loc(31)),
            Text(" Having also examined the report of the Secretary-General,"),
        ),
        loc(31),
    )
    found = codes(doc((merged,), (op(35, "1."),), notes=(Footnote("1", (Text("A."),), loc(50)),)))
    assert found == [("plausibility.preamble_merged", 31)]


def test_footnotes_numbered_one_to_n_and_referenced():
    notes = (
        Footnote("*", (Text("Reissued."),), loc(50)),
        Footnote("1", (Text("A."),), loc(51)),
        Footnote("3", (Text("B."),), loc(52)),
    )
    ops = (
        Paragraph(
            "1.",
            (Opening("Decides", "decides"), Text(" to act;"), NoteRef("1", True, loc(35))),
            loc(35),
        ),
    )
    found = codes(doc(GOOD_PREAMBLE, ops, notes=notes))
    assert found == [
        ("plausibility.footnote_numbering", 52),
        ("plausibility.footnote_unreferenced", 52),
    ]


def test_every_diagnostic_is_a_located_warning():
    found = check(doc(GOOD_PREAMBLE, (op(35, "1."), op(37, "3."))))
    assert found and all(
        d.severity.name == "WARNING" and d.line and d.code.startswith("plausibility.")
        for d in found
    )


# -- the text reader: furniture learnt from repetition ------------------------------------
TITLE = [
    "Implementation of the Convention on the Prohibition of the",
    "Development, Production, Stockpiling and Use of Chemical",
    "Weapons and on Their Destruction",
]


def _paged(pages: int, body_line) -> tuple[str, int]:
    """A text without form feeds as extractors give it: the running title printed after the
    symbol on even pages, above the symbol and counter on odd ones."""
    lines = ["A/RES/80/9", "", "The General Assembly,", ""]
    for page in range(1, pages + 1):
        lines += [body_line(page, k) for k in range(4)] + [""]
        if page == pages:
            break
        if page % 2:  # the foot of an odd page, then the head of the next (even) one
            lines += ["25-19826", "", "A/RES/80/9"] + TITLE + [""]
        else:  # an even page's foot, then the next (odd) page's head
            lines += TITLE + ["A/RES/80/9", "", f"{page + 1}/{pages}", "25-19826", ""]
    return "\n".join(lines) + "\n", len(lines)


def _clean(text: str):
    from converter.languages import load
    from converter.readers.text.clean import clean

    return clean(text, load("en"))


def test_running_title_over_several_lines_is_furniture_and_ledgered():
    def line(page, k):
        return f"{page * 4 + k}. Requests the Secretary-General to report on item {page}.{k};"

    text, _ = _paged(6, line)
    source = _clean(text)
    body = " ".join(l.text for l in source.body)
    assert "Stockpiling" not in body and "Their Destruction" not in body
    titles = [d for d in source.dropped if d.text in TITLE]
    assert len(titles) == 5 * 3 and {d.kind for d in titles} <= {"running-title", "header"}
    lines = text.split("\n")
    assert all(lines[d.line - 1].strip() == d.text for d in titles)
    assert len(source.body) == 1 + 6 * 4  # the formula and the paragraphs, whole


def test_a_line_next_to_the_furniture_once_stays():
    def line(page, k):
        return "Recalling its resolution 79/1," if (page, k) == (2, 3) else f"Text {page}.{k},"

    text, _ = _paged(4, line)
    source = _clean(text)
    assert "Recalling its resolution 79/1," in [l.text for l in source.body]


def test_a_star_note_without_its_rule_is_a_note():
    text = (
        "A/C.2/80/L.9\n\nThe General Assembly,\n\nRecalling its resolution 79/1,\n\n\n"
        "* On behalf of the States Members of the United Nations that are members of the\n"
        "Group of 77 and China.\n\nA/C.2/80/L.9\n\n25-16446\n2/4\n\n"
        "Noting the report,\n\n1. Decides to act.\n"
    )
    source = _clean(text)
    assert [(n.marker, n.text) for n in source.notes] == [
        (
            "*",
            "On behalf of the States Members of the United Nations that are members of the "
            "Group of 77 and China.",
        )
    ]
    assert [l.text for l in source.body] == [
        "The General Assembly,",
        "Recalling its resolution 79/1,",
        "Noting the report,",
        "1. Decides to act.",
    ]


def test_a_note_ending_on_an_abbreviation_goes_on_to_its_next_line():
    text = (
        "A/RES/80/9\n\nThe General Assembly,\n\nRecalling the Yearbook,1 and the Treaty,2\n"
        "__________________\n\n1 The United Nations Disarmament Yearbook, vol. 10: 1985 "
        "(United Nations publication, Sales No.\nE.86.IX.7), appendix VII.\n\n"
        "2 United Nations, Treaty Series, vol. 1981, No. 33873.\n\nA/RES/80/9\n\n2/4\n"
        "25-19826\n\nNoting the report,\n"
    )
    source = _clean(text)
    assert [n.text[-25:] for n in source.notes] == [
        "E.86.IX.7), appendix VII.",
        "es, vol. 1981, No. 33873.",
    ]
    assert "E.86.IX.7), appendix VII." not in [l.text for l in source.body]


# -- accuracy on real documents ---------------------------------------------------------------
SAMPLE = sorted(p.name.removesuffix(".en.txt") for p in (CORPUS / "texts").glob("*.en.txt"))[::10]


@pytest.mark.skipif(not (CORPUS / "truth.json").exists(), reason="no corpus")
@pytest.mark.parametrize("name", SAMPLE)
def test_corpus_document_matches_truth_or_is_flagged(name):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import accuracy
    finally:
        sys.path.pop(0)
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    result = accuracy.judge(accuracy.measure(str(CORPUS / "texts" / f"{name}.en.txt")), truth)
    assert not result["wrong"] or result["flagged"] or result["flagged_by_plausibility"], (
        accuracy.miss_line(result)
    )
