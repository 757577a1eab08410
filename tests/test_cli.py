"""The command line contract (README "Command line"): outputs, exit status, JSON, validate."""

from __future__ import annotations

import json
import subprocess
import sys

from converter.app.cli import main
from tests.conftest import ROOT, SAMPLE, assert_valid

NOT_A_RESOLUTION = "Minutes of a meeting\nNothing here is a resolution.\n"


def test_convert_writes_xml_and_model(tmp_path, capsys):
    status = main(["convert", str(SAMPLE), "-o", str(tmp_path), "--to", "xml,model", "--json"])
    assert status == 0
    xml = (tmp_path / "A-C.3-74-L.18.zh.akn.xml").read_bytes()
    assert_valid(xml)
    model = json.loads((tmp_path / "A-C.3-74-L.18.zh.model.json").read_text(encoding="utf-8"))
    assert model["node"] == "Document" and len(model["preamble"]) == 71
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "ok" and report["language"] == "zh"
    assert report["counts"]["footnotes"] == 36 and report["counts"]["repeatReferences"] == 10
    assert report["outputs"]["xml"].endswith("A-C.3-74-L.18.zh.akn.xml")
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*"))


def test_one_bad_input_fails_but_others_are_written(tmp_path, capsys):
    bad = tmp_path / "minutes.txt"
    bad.write_text(NOT_A_RESOLUTION, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    status = main(["convert", str(bad), str(empty), str(SAMPLE), "-o", str(out), "--json"])
    assert status == 1
    assert sorted(p.name for p in out.iterdir()) == ["A-C.3-74-L.18.zh.akn.xml"]
    captured = capsys.readouterr()
    lines = [json.loads(l) for l in captured.out.splitlines()]
    assert [l["status"] for l in lines] == ["failed", "failed", "ok"]
    assert lines[0]["diagnostics"][0]["code"] == "structure.no_formula"
    assert lines[1]["diagnostics"][0]["code"] == "input.empty"
    assert f"{bad}:1: error: structure.no_formula:" in captured.err
    assert "Traceback" not in captured.err


def test_strict_makes_warnings_failures(tmp_path):
    # the sample prints no date: a warning, so --strict writes nothing
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "--strict"]) == 1
    assert not list(tmp_path.iterdir())
    assert (
        main(["convert", str(SAMPLE), "-o", str(tmp_path), "--strict", "--date", "2019-10-31"]) == 0
    )


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["convert", str(SAMPLE), "--to", "docx"]) == 2
    assert main(["convert", str(SAMPLE), "--date", "31/10/2019"]) == 2
    assert main(["convert", str(SAMPLE), "--lang", "xx"]) == 2
    assert main(["frobnicate"]) == 2
    assert main([]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_lang_override(tmp_path):
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "--lang", "zho"]) == 0
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "--lang", "en"]) == 1


def test_validate(tmp_path, capsys):
    main(["convert", str(SAMPLE), "-o", str(tmp_path)])
    good = tmp_path / "A-C.3-74-L.18.zh.akn.xml"
    assert main(["validate", str(good), "--thorough"]) == 0
    broken = tmp_path / "broken.akn.xml"
    broken.write_bytes(good.read_bytes().replace(b"<mainBody>", b"<mainBody><bogus/>", 1))
    assert main(["validate", str(broken)]) == 1
    dangling = tmp_path / "dangling.akn.xml"
    dangling.write_bytes(good.read_bytes().replace(b'href="#note_1"', b'href="#note_99"', 1))
    assert main(["validate", str(dangling), "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert json.loads(out[-1])["diagnostics"][0]["code"] == "rules.missing_target"
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        encoding="utf-8",
    )
    assert main(["validate", str(xxe)]) == 1
    assert "root:" not in capsys.readouterr().err


def test_module_and_console_script_help():
    for cmd in (
        [sys.executable, "-m", "converter", "--help"],
        [sys.executable, "-m", "converter", "convert", "--help"],
    ):
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        assert done.returncode == 0 and "usage: un2akn" in done.stdout
    assert "--allow-loss" in done.stdout and "--strict" in done.stdout


def test_output_folder_is_current():
    """output/ holds what the README's main command writes for the sample today."""
    from converter import convert

    result = convert(  # as the README runs it: the metadata records the file name alone
        SAMPLE, name="samples/A-C.3-74-L.18.zh.txt", recorded="A-C.3-74-L.18.zh.txt"
    )
    assert (ROOT / "output" / "A-C.3-74-L.18.zh.akn.xml").read_bytes() == result.xml
