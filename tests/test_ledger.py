"""The ledger: every line the reader sets aside is recorded with its kind and line, a line is
furniture only with evidence (repetition or a page band), the fidelity check accounts for
source = output + ledger, and the ledger reaches --json and the AKN's proprietary block."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from converter.akn import fidelity
from converter.akn.ns import PROP
from converter.app.cli import main
from converter.languages import load
from converter.readers.text.clean import clean
from converter.source import SrcLine
from tests.conftest import assert_valid, convert_ok, en_masthead

EN = load("en")

HEAD = en_masthead()
LONE = (
    HEAD + "     Recalling its resolution\n73/1\nof 23 July 2019 and the sum of\n250000\n"
    "dollars, and the share of\n3/4\nof the budget,\n"
    "     1.   Decides to remain seized of the matter.\n\n19-17000 (E)\n"
)


def test_lone_numbers_in_a_paragraph_are_text():
    result = convert_ok(LONE, lang="en")
    preamble = etree.fromstring(result.xml).find(".//{*}preamble")
    text = " ".join("".join(preamble.itertext()).split())
    assert "resolution 73/1 of 23 July 2019 and the sum of 250000 dollars" in text
    assert "share of 3/4 of the budget" in text
    assert [(d.kind, d.text) for d in result.read.dropped] == [("job", "19-17000 (E)")]


def test_furniture_in_its_band_is_still_dropped():
    text = (
        HEAD + "     Recalling its resolution 73/1,\n\f19-17000\nA/RES/74/1\n3/4\n"
        "     Noting the report,\n     1.   Decides to remain seized of the matter.\n"
    )
    c = clean(text, EN)
    assert [(d.kind, d.text) for d in c.dropped] == [
        ("job", "19-17000"),
        ("header", "A/RES/74/1"),
        ("counter", "3/4"),
    ]
    assert c.unaccounted() == []


def test_a_line_neither_in_the_output_nor_in_the_ledger_is_a_fidelity_error():
    result = convert_ok(LONE, lang="en")
    lost = result.read
    lost.body = [l for l in lost.body if l.text != "250000"]
    assert lost.unaccounted() == [next(i + 1 for i, t in enumerate(lost.lines) if t == "250000")]
    found = fidelity.check(result.tree, lost)
    assert "fidelity.lost" in [d.code for d in found]
    # and a line put back accounts for it
    lost.body.append(SrcLine(lost.unaccounted()[0], 1, "250000", 0))
    assert "fidelity.lost" not in [d.code for d in fidelity.check(result.tree, lost)]


def test_ledger_in_json_and_in_the_akn(tmp_path, capsys):
    src = tmp_path / "in.txt"
    src.write_text(LONE, encoding="utf-8")
    assert main(["convert", str(src), "-o", str(tmp_path / "out"), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["dropped"] == [{"line": LONE.count("\n"), "kind": "job", "text": "19-17000 (E)"}]
    tree = assert_valid((tmp_path / "out" / "in.akn.xml").read_bytes())
    ledger = tree.find(f".//{PROP}ledger")
    assert ledger.get("lines") == "1"
    assert [(k.get("name"), k.get("count")) for k in ledger.iter(f"{PROP}kind")] == [("job", "1")]
    assert [(d.get("line"), d.get("kind"), d.text) for d in ledger.iter(f"{PROP}dropped")] == [
        (str(LONE.count("\n")), "job", "19-17000 (E)")
    ]


def test_metadata_records_the_input_name_not_its_path(tmp_path):
    folder = tmp_path / "private" / "folder"
    folder.mkdir(parents=True)
    src = folder / "in.txt"
    src.write_text(LONE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["convert", str(src), "-o", str(out), "--to", "xml,html"]) == 0
    for name in ("in.akn.xml", "in.html"):
        assert b"private" not in (out / name).read_bytes()
    tree = etree.fromstring((out / "in.akn.xml").read_bytes())
    assert tree.find(f".//{PROP}source").get("file") == "in.txt"
    assert main(["convert", str(src), "-o", str(out), "--record-path"]) == 0
    tree = etree.fromstring((out / "in.akn.xml").read_bytes())
    assert tree.find(f".//{PROP}source").get("file") == str(src)
    assert Path(tree.find(f".//{PROP}source").get("file")).is_absolute()
