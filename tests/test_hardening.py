"""Hardening: ids never empty, --symbol checked, long input names shortened stably."""

from __future__ import annotations

import dataclasses

from converter.akn import emit
from converter.app.cli import main
from converter.ids import tlc_id
from converter.model import Tagged
from tests.conftest import CORPUS, ROOT, assert_valid, convert_ok


def _blank_sponsor_ids(items):
    """``items`` with the value (the id) of every docProponent emptied, as a name that
    normalises to nothing would leave it."""
    out = []
    for item in items:
        if isinstance(item, Tagged):
            item = dataclasses.replace(
                item,
                content=tuple(_blank_sponsor_ids(item.content)),
                value="" if item.name == "docProponent" else item.value,
            )
        out.append(item)
    return out


def test_an_organisation_id_is_never_empty():
    assert tlc_id("中国") and tlc_id("") and tlc_id("—") != tlc_id("中国")
    result = convert_ok(CORPUS / "A_L.632_1971.en.pdftotext.txt")
    doc = result.document
    heading = [
        dataclasses.replace(h, content=tuple(_blank_sponsor_ids(h.content))) for h in doc.heading
    ]
    assert any(
        isinstance(i, Tagged) and i.name == "docProponent" and not i.value
        for h in heading
        for i in h.content
    )
    tree = emit.to_tree(dataclasses.replace(doc, heading=heading))
    tree = assert_valid(emit.to_bytes(tree))
    ids = [el.get("eId") for el in tree.iter("{*}TLCOrganization")]
    assert all(ids) and len(ids) == len(set(ids))


def test_symbol_option_is_checked(tmp_path, capsys):
    src = CORPUS / "A_L.632_1971.en.pdftotext.txt"
    for bad in ("A/../../etc", "A/../../ETC", "../x", "A/RES/74/1 ; rm"):
        assert main(["convert", str(src), "-o", str(tmp_path), "--symbol", bad]) == 2
        assert "not a UN document symbol" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_long_input_names_are_shortened_stably(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    src = folder / ("决" * 78 + ".txt")  # 234 bytes of name: too long with a suffix
    src.write_bytes((CORPUS / "A_RES_73_8.en.pdftotext.txt").read_bytes())
    for command in (
        ["convert", str(src), "-o", str(tmp_path / "c"), "--to", "xml,html"],
        ["convert", str(src), "-o", str(tmp_path / "c"), "--to", "xml,html"],
        ["batch", str(folder), "-o", str(tmp_path / "b"), "--progress", "none"],
    ):
        assert main(command) == 0
    written = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert len(written) == 2 and all(len(n.encode()) < 200 for n in written)
    assert all(n.startswith("决") and "~" in n for n in written)
    assert_valid((tmp_path / "c" / written[0]).read_bytes())
    assert [p for p in (tmp_path / "b").iterdir() if p.name.endswith(".akn.xml")]


def test_the_input_that_emitted_an_empty_organisation_id():
    # a heading misread as a sponsor list ("economic, social and related fields") gave a
    # docProponent without an id: TLCOrganization eId="" failed the schema
    result = convert_ok(ROOT / "tests" / "corpus" / "texts" / "A_80_L.21.en.txt", lang="en")
    tree = assert_valid(result.xml)
    assert all(el.get("eId") for el in tree.iter("{*}TLCOrganization"))


def test_a_heading_among_amendments_is_a_located_error_not_a_traceback():
    # fuzz seed 77 (shuffled lines of an amendment document): an unnumbered line between two
    # amendments was read as a section heading, which an amendment body cannot hold, and
    # the converter failed with an AttributeError (internal.error)
    from converter import convert

    text = (ROOT / "tests" / "fixtures" / "types" / "amendment.en.txt").read_text("utf-8")
    heading = "Crime prevention and justice programme"
    text = text.replace("2. In operative", f"{heading}\n\n2. In operative")
    result = convert(text, "en")
    assert not result.ok()
    codes = [(d.code, d.line) for d in result.diagnostics]
    assert codes == [("structure.amendment_heading", text.split("\n").index(heading) + 1)]
