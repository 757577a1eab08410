"""PDFs through the whole pipeline (`converter.readers.pdf.reader.PdfReader`): the fixture PDFs
convert to valid AKN, with the same structure as their poppler texts; scans need ``--ocr``;
damaged and encrypted PDFs fail with a located ``input.pdf``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")

from converter import convert, readers  # noqa: E402
from tests.conftest import assert_valid  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "fixtures" / "pdf"
TEXT = ROOT / "tests" / "fixtures" / "corpus"


def _codes(result) -> set[str]:
    return {d.code for d in result.diagnostics}


def test_registered_and_sniffed():
    assert readers.reader_for((PDF / "A_80_L.1.pdf").read_bytes()).name == "pdf"
    assert ".pdf" in readers.suffixes()
    assert readers.reader_for(b"The General Assembly,\n").name == "text"


@pytest.mark.parametrize("name", ["S_2024_557.en", "A_L.632_1971.en"])
def test_same_structure_as_poppler_text(name):
    pdf = convert(PDF / f"{name}.pdf")
    text = convert(TEXT / f"{name}.pdftotext.txt")
    assert pdf.ok(), [d.format() for d in pdf.diagnostics]
    assert_valid(pdf.xml)
    assert pdf.encoding == "pdf"
    assert pdf.counts() == text.counts()
    assert pdf.document.facts.symbol == text.document.facts.symbol


def test_draft_with_notes_links_and_ledger():
    result = convert(PDF / "A_80_L.1.pdf")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert_valid(result.xml)
    src = result.read
    assert src.symbol == "A/80/L.1" and src.job_number == "25-14304" and src.pages == 2
    assert [n.marker for n in src.notes] == ["*", "**", "1"]
    assert {k.url for k in src.links} >= {"https://docs.un.org/en/A/RES/79/81"}
    assert {d.kind for d in src.dropped} & {"header", "footer", "job", "barcode", "counter"}
    assert any(k.kind == "symbol" for k in src.masthead)
    # line numbers are those of `python -m converter.readers.pdf FILE.pdf`
    from converter.readers.pdf import read_pdf, to_text

    lines = to_text(read_pdf((PDF / "A_80_L.1.pdf").read_bytes())).replace("\f", "").split("\n")
    for line in src.body:
        assert lines[line.no - 1].strip() == line.text
    marked = [line for line in src.body if line.marks]
    assert marked and marked[0].text[slice(*marked[0].marks[0])] == "1"
    assert b'href="https://docs.un.org/en/A/RES/79/81"' in result.xml
    assert b"ocr=" not in result.xml


def test_existing_ocr_layer_is_flagged():
    result = convert(PDF / "A_L.632_1971.en.pdf")
    assert result.read.ocr == "text layer"
    assert b'ocr="text layer"' in result.xml


def test_scan_without_ocr_is_a_located_error():
    result = convert(PDF / "A_RES_2758_XXVI.ru.pdf")
    assert not result.ok() and _codes(result) == {"input.scanned"}
    assert "--ocr" in result.diagnostics[0].message
    assert result.diagnostics[0].file.endswith("A_RES_2758_XXVI.ru.pdf")


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed")
def test_russian_scan_with_ocr():
    from converter.readers.pdf.ocr import tesseract_langs

    if "rus" not in tesseract_langs():
        pytest.skip("no Russian language data for Tesseract")
    result = convert(
        PDF / "A_RES_2758_XXVI.ru.pdf",
        "ru",
        ocr=True,
        date="1971-10-25",
        symbol="A/RES/2758 (XXVI)",
    )
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert_valid(result.xml)
    assert result.read.ocr.startswith("tesseract") and b'ocr="tesseract' in result.xml
    assert result.counts()["operative"] >= 1
    # without --lang: the first page, read in every installed language, tells it
    guessed = convert(PDF / "A_RES_2758_XXVI.ru.pdf", ocr=True, date="1971-10-25")
    assert guessed.language == "ru" and guessed.read.ocr == result.read.ocr


@pytest.mark.parametrize(
    "data",
    [
        (PDF / "encrypted.pdf").read_bytes(),
        (PDF / "S_2024_557.en.pdf").read_bytes()[:3000],
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
    ],
    ids=["encrypted", "truncated", "garbage"],
)
def test_bad_pdfs_are_located_errors(data):
    result = convert(data, name="bad.pdf")
    assert not result.ok() and _codes(result) == {"input.pdf"}
    assert result.diagnostics[0].file == "bad.pdf"


def test_cli_batch_goes_on_after_a_bad_pdf(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("A_80_L.1.pdf", "encrypted.pdf"):
        shutil.copy(PDF / name, folder / name)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "converter", "batch", str(folder), "-o", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert "Traceback" not in run.stderr
    assert (out / "A_80_L.1.akn.xml").exists() and not (out / "encrypted.akn.xml").exists()


def test_cli_convert_json_says_ocr(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "converter", "convert", str(PDF / "A_L.632_1971.en.pdf")]
        + ["-o", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    record = json.loads(run.stdout.splitlines()[0])
    assert record["status"] == "ok" and record["ocr"] == "text layer"
    assert record["encoding"] == "pdf"


GA = Path("/work/shared/corpus/ga/pdf")


@pytest.mark.skipif(not (GA / "A_80_L.9.pdf").exists(), reason="shared corpus absent")
def test_footnote_in_the_foot_band_is_a_note_not_a_footer():
    from converter.readers.pdf import read_pdf

    page = read_pdf((GA / "A_80_L.9.pdf").read_bytes()).pages[0]
    roles = {ln.text: ln.role for ln in page.lines}
    assert roles["1 United Nations, Treaty Series, vol. 2187, No. 38544."] == "note"
    assert roles["__________________"] == "note"
    result = convert(GA / "A_80_L.9.pdf")
    assert [n.marker for n in result.read.notes][:2] == ["*", "1"]
