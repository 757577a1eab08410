"""clean: furniture, footnote blocks (including markers moved by pdftotext), link lists."""

from __future__ import annotations

from converter.languages import load
from converter.readers import load_bytes
from converter.readers.text.clean import clean
from converter.readers.text.decode import read_text
from converter.readers.text.furniture import find_symbol
from tests.conftest import CORPUS, SAMPLE

EN = load("en")


def test_sample_furniture_notes_and_links():
    text, _ = read_text(load_bytes(SAMPLE))
    c = clean(text, load("zh"))
    assert c.symbol == "A/C.3/74/L.18" and c.job_number == "19-17644"
    assert [n.marker for n in c.notes] == [str(n) for n in range(1, 37)]
    assert len(c.links) == 73
    body = "\n".join(l.text for l in c.body)
    assert "undocs.org" not in body and "19-17644" not in body and "____" not in body
    assert "A/C.3/74/L.18" not in body
    kinds = {d.kind for d in c.dropped}
    assert {"rule", "header", "footer"} <= kinds
    # every input line is accounted for: body, note, link, masthead, ledger or blank
    assert c.lines and c.unaccounted() == []


def test_markers_moved_after_their_texts_are_reassigned():
    # pdftotext puts the block's markers after its texts: "text2 / text3 / 4 / text4 / 2 / 3"
    text = (
        "The General Assembly,\nRecalling a,\f\n__________________\n1\nFirst note.\n\f\n"
        "more text 2 3 4\n__________________\nSecond note.\nThird note.\n4\nFourth note.\n"
        "2\n3\n\n2/5\n\n18-18142\n"
    )
    c = clean(text, EN)
    assert [(n.marker, n.text) for n in c.notes] == [
        ("1", "First note."),
        ("2", "Second note."),
        ("3", "Third note."),
        ("4", "Fourth note."),
    ]
    assert not c.diagnostics


def test_note_continued_on_next_page_and_lost_marker():
    text = (
        "The General Assembly,\nA 1\n__________________\n1\nRelated documents include A/1,\n"
        "\f\nB 2\n__________________\nA/2 and A/3.\n\f\nC\n__________________\n"
        "Lost marker text.\n"
    )
    c = clean(text, EN)
    assert [(n.marker, n.text) for n in c.notes] == [
        ("1", "Related documents include A/1, A/2 and A/3."),
        ("2", "Lost marker text."),
    ]
    assert [d.code for d in c.diagnostics] == ["footnote.marker_inferred"]


def test_layout_masthead_columns_and_running_headers():
    text, _ = read_text(load_bytes(CORPUS / "A_RES_73_8.en.pdftotext-layout.txt"))
    c = clean(text, EN)
    assert [(m.kind, m.text) for m in c.masthead][:3] == [
        ("authority", "United Nations"),
        ("symbol", "A/RES/73/8"),
        ("organ", "General Assembly"),
    ]
    assert any(d.kind == "running-title" for d in c.dropped)
    assert all(
        "imposed by the United States of America against Cuba" != l.text for l in c.body[20:]
    )


def test_symbol_from_header_when_no_masthead():
    assert find_symbol(["", "text", *["x"] * 20, "A/C.3/74/L.18   ", "more"]) == "A/C.3/74/L.18"


def test_source_lines_are_the_input_files_lines():
    """Every body line's number points at that line of the input file (form feeds included),
    so that diagnostics and the model's locations can be followed back to the source."""
    for path in sorted(CORPUS.glob("*.txt")) + [SAMPLE]:
        text, _ = read_text(load_bytes(path))
        raw = path.read_text(encoding="utf-8").split("\n")
        lang = load("zh") if path == SAMPLE else EN
        c = clean(text, lang)
        for line in c.body:
            assert line.text in raw[line.no - 1], (path.name, line.no)
