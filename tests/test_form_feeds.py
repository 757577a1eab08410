"""Footnote blocks of text with form feeds (pdftotext's page breaks), as the fuzz campaign
(`scripts/fuzz.py`) attacked them: a stray or lost form feed, a note line that opens with a
number of the block, sponsor notes. Nothing of the source may vanish and no note may take
another's text or marker without an error.

Every input is generated here: a two-page resolution with one footnote block.
"""

from __future__ import annotations

import pytest

from converter import convert
from tests.conftest import AKN, assert_valid, en_masthead

PAGE_1 = (
    "Recalling its resolution 73/1,1 the decision of the Committee,2\n"
    "and the report of the Secretary-General,3\n"
    "__________________\n"
)
FOOT = "19-17000\n2/2\n"
PAGE_2 = (
    "Noting the report of the Secretary-General on the item,\n"
    "1. Decides to remain seized of the matter.\n"
)
#: note 2 goes on in a line that opens with 3, the number of a note of the same block
RENAMED = [
    "1 Resolution S-10/2.",
    "2 The Committee was renamed as from",
    "3 February 1984.",
    "3 See A/57/759.",
]
SPONSORS = ["* On behalf of the Group of 77.", "1 Resolution S-10/2.", "2 A/80/128.", "3 A/80/129."]


def document(notes: list[str], form_feeds: str = "all") -> str:
    """The resolution, with pdftotext's form feeds ("all"), with the break between its pages
    lost (as an extractor may lose one; "lost") or with none at all ("none")."""
    star = "*" if notes[0].startswith("*") else ""
    between = "\fA/RES/74/1\n" if form_feeds == "all" else ""
    end = "" if form_feeds == "none" else "\f"
    return (
        en_masthead(f"Test resolution{star}", indent="")
        + PAGE_1
        + "\n".join(notes)
        + "\n"
        + FOOT
        + between
        + PAGE_2
        + end
    )


def notes_of(result) -> dict[str, str]:
    tree = assert_valid(result.xml)
    return {
        n.get("marker"): " ".join("".join(n.itertext()).split())
        for n in tree.iter(f"{AKN}authorialNote")
    }


@pytest.mark.parametrize("form_feeds", ["all", "lost", "none"])
def test_a_note_line_opening_with_a_number_of_the_block_goes_on_with_its_note(form_feeds):
    # fuzz seed 2923: "… as from" / "7 February 1984." lost its 7 to the block's markers
    result = convert(document(RENAMED, form_feeds), "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert notes_of(result) == {
        "1": "Resolution S-10/2.",
        "2": "The Committee was renamed as from 3 February 1984.",
        "3": "See A/57/759.",
    }


@pytest.mark.parametrize("form_feeds", ["all", "lost", "none"])
def test_sponsor_notes_in_a_form_feed_block_keep_their_star(form_feeds):
    # fuzz seed 4932: the * note was numbered 1, each note took the next one's marker and the
    # last marker (3) vanished
    result = convert(document(SPONSORS, form_feeds), "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert notes_of(result) == {
        "*": "On behalf of the Group of 77.",
        "1": "Resolution S-10/2.",
        "2": "A/80/128.",
        "3": "A/80/129.",
    }


def test_text_after_the_notes_and_the_page_foot_is_the_next_pages_body():
    # fuzz seeds 4070, 4932: one stray form feed made a text without page breaks be read as
    # pdftotext's, and the notes of a page swallowed the next page's paragraphs
    text = document(SPONSORS, "none")
    text = text.replace("1. Decides", "\f\x0b\x07\u2028\n1. Decides")  # a line of controls
    result = convert(text, "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    tree = assert_valid(result.xml)
    assert [p.get("eId") for p in tree.iter(f"{AKN}paragraph")] == ["para_1"]
    preamble = " ".join("".join(tree.find(f".//{AKN}preamble").itertext()).split())
    assert "Noting the report of the Secretary-General on the item," in preamble
    assert "Noting" not in notes_of(result)["3"]


def test_a_marker_stays_with_its_text_when_the_block_has_more_texts_than_markers():
    # a closed-looking note that goes on ("Sales No.") makes one text too many: the text
    # without a marker joins the note before it, and no marker moves to another's text
    notes = ["1 Resolution S-10/2.", "Sales No. E.84.I.2.", "2 A/80/128.", "3 A/80/129."]
    result = convert(document(notes), "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert notes_of(result) == {
        "1": "Resolution S-10/2. Sales No. E.84.I.2.",
        "2": "A/80/128.",
        "3": "A/80/129.",
    }


def test_the_furniture_inside_a_notes_block_does_not_end_it():
    # pdftotext may print the page counter between a marker and its text: the note goes on
    notes = ["1 Resolution S-10/2.", "2 A/80/128.", "3", "", "2/2", "", "A/80/129."]
    result = convert(document(notes).replace(FOOT, "19-17000\n"), "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert notes_of(result) == {"1": "Resolution S-10/2.", "2": "A/80/128.", "3": "A/80/129."}


def test_a_note_printed_twice_in_a_form_feed_block_is_left_out_once():
    notes = ["1 Resolution S-10/2.", "2 A/80/128.", "2 A/80/128.", "3 A/80/129."]
    result = convert(document(notes), "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert notes_of(result) == {"1": "Resolution S-10/2.", "2": "A/80/128.", "3": "A/80/129."}
    assert [(d.kind, d.text) for d in result.read.dropped if d.kind == "note-duplicate"] == [
        ("note-duplicate", "2 A/80/128.")
    ]
    assert "footnote.duplicate" in [d.code for d in result.diagnostics]
