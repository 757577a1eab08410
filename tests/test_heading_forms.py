"""Heading blocks in the shapes of real committee drafts and resolutions (short synthetic
texts): agenda items with double letters, a Main Committee's line, a stage line that opens the
item and names who submits the draft, a bare stage line; and the `heading.unread` warning
when a block still cannot be read (never a silent title that swallows the block)."""

from __future__ import annotations

import pytest

from converter import convert
from converter.model import plain_text
from tests.conftest import AKN, assert_valid

BODY = (
    "The General Assembly,\n\n"
    "Recalling its resolution 70/189 of 22 December 2015,\n\n"
    "1. Requests the Secretary-General to report to it at its eighty-first session.\n"
)


def draft(symbol: str, heading: str, body: str = BODY) -> bytes:
    """A committee draft: masthead, then ``heading`` (the lines before the formula)."""
    return (
        f"United Nations                                    {symbol}\n"
        "General Assembly                                  Distr.: Limited\n"
        "                                                  14 November 2025\n"
        "                                                  Original: English\n\n"
        f"{heading}\n\n\n{body}"
    ).encode()


def converted(source: bytes, lang: str | None = None):
    result = convert(source, lang)
    assert result.xml is not None, [d.format() for d in result.diagnostics]
    tree = assert_valid(result.xml)
    items = [(h.kind, plain_text(h.content)) for h in result.document.heading]
    codes = [d.code for d in result.diagnostics]
    return tree, dict(items), [k for k, _ in items], codes


def preface(tree):
    return tree.getroot().find(f".//{AKN}preface")


@pytest.mark.parametrize("letters", ["dd", "aa", "jj", "ii"])
def test_agenda_item_with_double_letters(letters):
    """ "Agenda item 99 (dd)": sub-items run on after (z) with two letters."""
    text = (
        "United Nations                                    A/RES/80/55\n"
        "General Assembly                                  Distr.: General\n"
        "                                                  5 December 2025\n\n"
        "Eightieth session\n"
        f"Agenda item 99 ({letters})\n"
        "General and complete disarmament: youth, disarmament\n"
        "and non-proliferation\n\n"
        " Resolution adopted by the General Assembly on 1 December 2025\n\n"
        "[on the report of the First Committee (A/80/534, para. 7)]\n\n"
        " 80/55. Youth, disarmament and non-proliferation\n\n" + BODY
    ).encode()
    tree, items, kinds, codes = converted(text)
    assert kinds == ["session", "agendaItem", "agendaTitle", "adopted", "report", "number", "title"]
    assert items["agendaItem"] == f"Agenda item 99 ({letters})"
    assert items["title"] == "Youth, disarmament and non-proliferation"
    assert "heading.unread" not in codes
    inline = preface(tree).find(f".//{AKN}inline[@name='agendaItem']")
    assert inline.text == f"99 ({letters})"


def test_stage_line_names_its_submitter_and_cites_a_draft():
    """A committee line, then "Draft resolution submitted by the Vice-Chair …, on the basis of
    informal consultations on draft resolution A/C.2/80/L.21" over three lines (a name
    wrapped between its given and family names): the submitter is the proponent, the
    stage is marked, the draft cited is a reference, and the title is the title."""
    heading = (
        "Eightieth session\n"
        "Second Committee\n"
        "Agenda item 23 (b)\n"
        "Operational activities for development: South-South\n"
        "cooperation for development\n\n\n\n"
        "Draft resolution submitted by the Vice-Chair of the Committee, Jenni\n"
        "Mikkola (Finland), on the basis of informal consultations on draft\n"
        "resolution A/C.2/80/L.21\n\n\n"
        " South-South cooperation"
    )
    tree, items, kinds, codes = converted(draft("A/C.2/80/L.56", heading))
    assert kinds == ["session", "committee", "agendaItem", "agendaTitle", "sponsors", "title"]
    assert items["title"] == "South-South cooperation"
    assert items["agendaTitle"].endswith("cooperation for development")
    assert "heading.unread" not in codes and "heading.unrecognised" not in codes
    p = preface(tree)
    assert p.find(f".//{AKN}docCommittee").text == "Second Committee"
    assert p.find(f".//{AKN}docStage").text == "Draft resolution"
    proponent = p.find(f".//{AKN}docProponent")
    assert proponent.text == "Vice-Chair of the Committee, Jenni Mikkola (Finland)"
    assert proponent.get("refersTo") == "#viceChairOfTheCommittee"
    ref = p.find(f".//{AKN}p[@class='sponsors']/{AKN}ref")
    assert ref is not None and ref.text == "A/C.2/80/L.21"


def test_stage_line_on_the_recommendation_of_a_council():
    """ "… submitted by the Chair on the recommendation of the ⏎ Economic and Social Council
    (resolution 2025/17)": the line runs on after "the"; the Chair is the proponent."""
    heading = (
        "Eightieth session\n"
        "Third Committee\n"
        "Agenda item 107\n"
        "Crime prevention and criminal justice\n\n\n"
        "Draft resolution submitted by the Chair on the recommendation of the\n"
        "Economic and Social Council (resolution 2025/17)\n\n\n"
        "Tackling illicit trafficking in wild fauna and flora"
    )
    tree, items, kinds, codes = converted(draft("A/C.3/80/L.9", heading))
    assert kinds[-2:] == ["sponsors", "title"]
    assert items["title"] == "Tackling illicit trafficking in wild fauna and flora"
    assert preface(tree).find(f".//{AKN}docProponent").text == "Chair"
    assert "heading.unread" not in codes


def test_draft_decision_submitted_by_the_bureau_and_a_committee_over_two_lines():
    """ "Special Political and Decolonization Committee ⏎ (Fourth Committee)" and "Draft
    decision submitted by the Bureau", then a title that starts with "Draft"."""
    heading = (
        "Eightieth session\n"
        "Special Political and Decolonization Committee\n"
        "(Fourth Committee)\n"
        "Agenda item 121\n"
        "Revitalization of the work of the General Assembly\n\n\n\n"
        "Draft decision submitted by the Bureau\n\n"
        " Draft programme of work of the Committee for the\n"
        "eighty-first session of the General Assembly"
    )
    body = "The General Assembly,\n\n1. Approves the draft programme of work.\n"
    tree, items, kinds, codes = converted(draft("A/C.4/80/L.15", heading, body))
    assert kinds == ["session", "committee", "agendaItem", "agendaTitle", "sponsors", "title"]
    assert items["committee"] == (
        "Special Political and Decolonization Committee (Fourth Committee)"
    )
    assert items["sponsors"] == "Draft decision submitted by the Bureau"
    assert items["title"].startswith("Draft programme of work")
    p = preface(tree)
    assert p.find(f".//{AKN}docProponent").get("refersTo") == "#bureau"
    assert p.find(f".//{AKN}docCommittee").get("refersTo") == "#fourthCommittee"


def test_bare_stage_line():
    """A Sixth Committee draft: "Draft resolution" alone, then the title."""
    heading = (
        "Eightieth session\n"
        "Sixth Committee\n"
        "Agenda item 87\n"
        "Strengthening and promoting the international\n"
        "treaty framework\n\n\n\n"
        "Draft resolution\n\n"
        " Strengthening and promoting the international treaty framework"
    )
    tree, items, kinds, codes = converted(draft("A/C.6/80/L.11", heading))
    assert kinds == ["session", "committee", "agendaItem", "agendaTitle", "sponsors", "title"]
    assert items["sponsors"] == "Draft resolution"
    assert items["title"] == "Strengthening and promoting the international treaty framework"
    assert preface(tree).find(f".//{AKN}docProponent") is None


def test_unread_heading_is_warned_at_the_line():
    """A line the tables do not know before the agenda item of a resolution: the title would
    swallow the agenda item and the adoption; a located `heading.unread` says so."""
    text = (
        "United Nations                                    A/RES/80/55\n"
        "General Assembly                                  Distr.: General\n"
        "                                                  5 December 2025\n\n"
        "Eightieth session\n"
        "Working Group of the Whole\n"
        "Agenda item 16\n"
        "Macroeconomic policy questions\n\n"
        " Resolution adopted by the General Assembly on 1 December 2025\n\n"
        " 80/55. Financial inclusion\n\n" + BODY
    ).encode()
    result = convert(text)
    assert_valid(result.xml)
    unread = [d for d in result.diagnostics if d.code == "heading.unread"]
    assert unread and unread[0].line == 7  # the "Agenda item 16" line
    assert "Agenda item 16" in unread[0].message


def test_unread_stage_in_another_language_is_warned():
    """A French stage line that names its submitter (a form the French table lacks): the
    agenda title would hold it; the warning names its line."""
    text = (
        "Nations Unies                                     A/C.2/80/L.44\n"
        "Assemblée générale                                Distr. limitée\n"
        "                                                  14 novembre 2025\n"
        "                                                  Original : anglais\n\n"
        "Quatre-vingtième session\n"
        "Deuxième Commission\n"
        "Point 16 e) de l’ordre du jour\n"
        "Questions de politique macroéconomique\n\n\n"
        "Projet de résolution présenté par le Président\n\n"
        " Inclusion financière\n\n\n"
        "L’Assemblée générale,\n\n"
        "Rappelant sa résolution 70/189 du 22 décembre 2015,\n\n"
        "1. Prie le Secrétaire général de lui présenter un rapport.\n"
    ).encode()
    result = convert(text, "fr")
    assert_valid(result.xml)
    unread = [d for d in result.diagnostics if d.code == "heading.unread"]
    assert unread and unread[0].line == 12  # the stage line


@pytest.mark.parametrize(
    "code, line, items",
    [
        ("en", "Agenda item 98 (aa)", "98 (aa)"),
        ("fr", "Point 99 dd) de l’ordre du jour", "99 dd)"),
        ("es", "Tema 99 dd) del programa", "99 dd)"),
        ("ru", "Пункт 99 dd повестки дня", "99 dd"),
        ("ar", "البند 99 (دد) من جدول الأعمال", "99 (دد)"),
        ("zh", "议程项目 99 (dd)", "99 (dd)"),
    ],
)
def test_agenda_item_double_letters_in_every_table(code, line, items):
    from converter.languages import load

    m = load(code).regex("heading", "agenda_item").match(line)
    assert m and m.group("items") == items


def test_one_line_adoption_keeps_the_report_line_apart():
    """ "Resolution adopted by the General Assembly on 7 June 2024" on one line, then the
    report line: two items (the adoption never swallows the report)."""
    text = (
        "United Nations                                    A/RES/78/285\n"
        "General Assembly                                  Distr.: General\n"
        "                                                  12 June 2024\n\n"
        "Seventy-eighth session\n"
        "Agenda item 13\n"
        "Follow-up to the outcome of the Millennium Summit\n\n"
        " Resolution adopted by the General Assembly on 7 June 2024\n\n"
        "[without reference to a Main Committee (A/78/L.73)]\n\n"
        " 78/285. Review of the implementation\n\n" + BODY
    ).encode()
    tree, items, kinds, codes = converted(text)
    assert kinds == ["session", "agendaItem", "agendaTitle", "adopted", "report", "number", "title"]
    assert items["adopted"] == "Resolution adopted by the General Assembly on 7 June 2024"
    date = preface(tree).find(f".//{AKN}docDate")
    assert date.get("date") == "2024-06-07"


def test_sponsors_list_stops_at_a_line_indented_apart():
    """From a PDF (indents in points, no blank lines): the agenda title stands at the left
    margin, the sponsors' list to the right; a title line ending with "and" or holding two
    commas is not a sponsor."""
    from converter.diagnostics import Diagnostics
    from converter.languages import load
    from converter.parse.heading import parse_heading
    from converter.source import SrcLine

    rows = [
        (60, "Eightieth session"),
        (60, "Agenda item 13"),
        (60, "Integrated and coordinated implementation of and follow-up"),
        (60, "to the outcomes of the major United Nations conferences and"),
        (60, "summits in the economic, social and related fields"),
        (124, "Bolivia (Plurinational State of):* draft resolution"),
        (124, "International Day of the World’s Indigenous Women and Girls"),
    ]
    lines = [SrcLine(n, 1, text, indent, False) for n, (indent, text) in enumerate(rows, 7)]
    groups = parse_heading(lines, load("en"), Diagnostics())
    kinds = [g.kind for g in groups]
    assert kinds == ["session", "agendaItem", "agendaTitle", "sponsors", "title"]
    assert [l.text for l in groups[3].lines] == [rows[5][1]]


@pytest.mark.parametrize("route", ["text", "pdf"])
def test_note_before_the_stage_line_is_not_agenda_title(route):
    """A Bureau's note between the agenda title and "Draft decision" (apart from the title by
    blank lines in a text, by its indent in a PDF): the agenda title keeps its own line, the
    note is warned as not understood."""
    from converter.diagnostics import Diagnostics
    from converter.languages import load
    from converter.parse.heading import parse_heading
    from converter.source import SrcLine

    rows = [
        (7, 60, "Eightieth session"),
        (8, 61, "Sixth Committee"),
        (9, 60, "Agenda item 121"),
        (10, 60, "Revitalization of the work of the General Assembly"),
        (15, 147, "Under agenda item 121, “Revitalization of the work of the General"),
        (16, 123, "Assembly”, each Main Committee shall adopt a provisional programme."),
        (18, 124, "Draft decision"),
        (20, 124, "Provisional programme of work of the Sixth Committee"),
    ]
    lines = [
        SrcLine(n if route == "text" else k, 1, text, 0 if route == "text" else indent, False)
        for k, (n, indent, text) in enumerate(rows, 7)
    ]
    diags = Diagnostics()
    groups = parse_heading(lines, load("en"), diags)
    kinds = [g.kind for g in groups]
    assert kinds == [
        "session",
        "committee",
        "agendaItem",
        "agendaTitle",
        "other",
        "other",
        "sponsors",
        "title",
    ]
    assert [l.text for l in groups[3].lines] == [rows[3][2]]
    assert [d.code for d in diags] == ["heading.unrecognised"] * 2
