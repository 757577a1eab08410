"""Footnote markers that extraction glued or moved, and note bodies glued to their number.

Each case is a small generated text: the notes at the foot of one page, the references in
the paragraphs above. A first reference is taken outside the ordinary candidates only where
the numbering of the notes and the note's page place it, and is reported; where nothing
places it the error stays.
"""

from __future__ import annotations

import pytest
from lxml import etree

from converter import convert
from converter.akn import schema
from converter.model import NoteRef
from tests.conftest import assert_valid, convert_ok

RULE = "__________________"


def text(paragraphs: list[str], notes: list[str], head="A/RES/80/9", formula=None) -> str:
    formula = formula or "The General Assembly,"
    body = "\n\n".join(paragraphs)
    foot = "\n\n".join(notes)
    return f"{head}\n\n{formula}\n\n{body}\n{RULE}\n\n{foot}\n"


def firsts(result) -> list[tuple[str, str]]:
    """(marker, the 12 characters before it) of each first reference, in document order."""
    found = []
    doc = result.document
    for paragraph in doc.preamble + doc.operative:
        before = ""
        for item in paragraph.content:
            before += getattr(item, "text", "")
            if isinstance(item, NoteRef) and item.first:
                found.append((item.marker, before[-12:]))
    return found


def repeats(result) -> list[str]:
    doc = result.document
    return [
        item.marker
        for p in doc.preamble + doc.operative
        for item in p.content
        if isinstance(item, NoteRef) and not item.first
    ]


def convert_doc(source: str, **kwargs):
    return convert_ok(source, date="2025-12-01", **kwargs)


def assert_failed_but_schema_valid(result) -> None:
    """A note left unreferenced fails the conversion (the business rules refuse the XML);
    what is written still follows the schema."""
    assert not result.ok()
    tree = etree.ElementTree(etree.fromstring(result.xml))
    assert schema.schema_errors(tree) == []


def codes(result, code: str) -> list[int]:
    return [d.line for d in result.diagnostics if d.code == code]


OPERATIVE = "1. Decides to remain seized of the matter."


def test_a_marker_glued_to_a_word_of_the_table_is_a_reference():
    result = convert_doc(
        text(
            [
                "Recalling the report on its seventy-eighth session1 and the decision2 of the "
                "Council,",
                OPERATIVE,
            ],
            ["1 A/78/1.", "2 A/78/2."],
        )
    )
    assert firsts(result) == [("1", "ghth session"), ("2", "the decision")]
    assert not [d for d in result.diagnostics if d.code.startswith("footnote.")]


def test_a_marker_glued_to_the_next_word_is_read_and_said():
    result = convert_doc(
        text(
            ["Recalling all its previous resolutions 1on the question,", OPERATIVE],
            ["1 Resolutions 70/1 and 71/2."],
        )
    )
    assert firsts(result) == [("1", "resolutions ")]
    assert "on the question" in result.document.preamble[0].content[-1].text
    assert codes(result, "footnote.glued_to_word") == [5]


def test_ordinals_and_units_are_never_glued_markers():
    result = convert(
        date="2025-12-01",
        source=text(
            ["Recalling its 1st session and the 1km zone,", OPERATIVE],
            ["1 A/78/1."],
        ),
    )
    assert codes(result, "footnote.unreferenced")  # nothing placed it: the error stays
    assert_valid(result.xml)


def test_a_number_after_a_word_of_the_table_is_taken_only_by_sequence_and_said():
    result = convert_doc(
        text(
            [
                "Recalling the report,1 the report of its sixtieth session 2 and the note,3",
                OPERATIVE,
            ],
            ["1 A/60/1.", "2 A/60/2.", "3 A/60/3."],
        )
    )
    assert [m for m, _ in firsts(result)] == ["1", "2", "3"]
    assert firsts(result)[1] == ("2", "eth session ")
    assert codes(result, "footnote.reference_by_sequence") == [5]


def test_a_marker_glued_to_a_symbol_splits_the_longer_number():
    result = convert_doc(
        text(
            [
                "Recalling its resolution 61/21 and its resolution 59/3001 and the reports of "
                "the Committee,2",
                OPERATIVE,
            ],
            ["1 See A/60/980.", "2 A/62/54."],
        )
    )
    assert firsts(result) == [("1", "ution 59/300"), ("2", "e Committee,")]
    assert codes(result, "footnote.reference_by_sequence") == [5]


def test_a_marker_glued_to_a_decision_code():
    result = convert_doc(
        text(
            ["Recalling decisions 1/CP.2731 and 1/CMA.4,", OPERATIVE],
            [f"{k} Note {k}." for k in range(1, 32)],
            formula="The General Assembly,\n\n"
            + "\n\n".join(f"Noting document {k},{k}" for k in range(1, 31)),
        )
    )
    assert firsts(result)[-1] == ("31", "ions 1/CP.27")


def test_codes_are_no_repeated_references():
    result = convert_doc(
        text(
            [
                "Recalling decisions 1/CP.21 and 1/CMA.3,1 and its decision DEC.1 and 1.A.01,",
                OPERATIVE,
            ],
            ["1 FCCC/PA/CMA/2021/10/Add.1."],
        )
    )
    assert firsts(result) == [("1", "and 1/CMA.3,")]
    assert repeats(result) == []


def test_a_year_a_date_or_a_quantity_is_never_split_and_the_error_stays():
    result = convert(
        date="2025-12-01",
        source=text(
            [
                "Recalling the report,1 adopted on 13 July 2023, noting that 43 per cent of the "
                "4.25 million people,",
                "Noting the note,3",
                OPERATIVE,
            ],
            ["1 A/78/1.", "2 A/78/2.", "3 A/78/3."],
        ),
    )
    assert [m for m, _ in firsts(result)] == ["1", "3"]
    assert codes(result, "footnote.unreferenced")
    assert not codes(result, "footnote.reference_by_sequence")
    assert_failed_but_schema_valid(result)


def test_a_candidate_after_the_next_notes_reference_is_not_taken():
    result = convert(
        date="2025-12-01",
        source=text(
            ["Recalling the report,1 the note,3 and its resolution 59/3002,", OPERATIVE],
            ["1 A/78/1.", "2 A/78/2.", "3 A/78/3."],
        ),
    )
    assert [m for m, _ in firsts(result)] == ["1", "3"]
    assert codes(result, "footnote.unreferenced")
    assert_failed_but_schema_valid(result)


def test_french_markers_glued_to_the_next_word_and_after_a_word_of_the_table():
    result = convert_doc(
        text(
            [
                "Rappelant toutes ses résolutions antérieures 1sur la question et le rapport "
                "sur sa soixantième session 2 et la note,3",
                "1. Décide de rester saisie de la question.",
            ],
            ["1 A/60/1.", "2 A/60/2.", "3 A/60/3."],
            formula="L’Assemblée générale,",
        ),
        lang="fr",
    )
    assert [m for m, _ in firsts(result)] == ["1", "2", "3"]
    assert codes(result, "footnote.glued_to_word") and codes(
        result, "footnote.reference_by_sequence"
    )


@pytest.mark.parametrize("page_end", ["", "\f"])
def test_a_note_body_glued_to_its_number(page_end):
    """With or without form feeds (the note block read whole, or line by line)."""
    source = text(
        ["Recalling the Covenant,1 and the Convention,2", OPERATIVE],
        ["1International Covenant on Civil and Political Rights.", "2Конвенция."],
    )
    result = convert_doc(source + page_end)
    notes = result.document.notes
    assert [n.marker for n in notes] == ["1", "2"]
    assert notes[0].content[0].text.startswith("International Covenant")
    assert notes[1].content[0].text == "Конвенция."


def test_a_number_and_letters_in_the_note_area_are_no_note_start():
    """ "15th" or "12A" opening a line of a note's text continues the note."""
    result = convert_doc(
        text(
            ["Recalling the report,1", OPERATIVE],
            ["1 Official Records of the General Assembly, Supplement No.", "12A (A/80/12/Add.1)."],
        )
    )
    assert [n.marker for n in result.document.notes] == ["1"]


def test_numbers_in_a_list_or_with_their_unit_are_no_repeats():
    result = convert_doc(
        text(
            [
                "Recalling the report,1 the note,2 and paragraphs 10, 1, 2 and 30 of the report,",
                "Noting that about 2 trillion dollars and the agent 1\u2011chlorobenzene are at "
                "stake,",
                OPERATIVE,
            ],
            ["1 A/78/1.", "2 A/78/2."],
        )
    )
    assert [m for m, _ in firsts(result)] == ["1", "2"]
    assert repeats(result) == []
