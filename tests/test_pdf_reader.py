"""The layout-aware PDF reader (converter.readers.pdf): superscripts, roles, links, text layers,
errors. The PDFs are small UN documents copied into tests/fixtures/pdf (see SOURCES in
/work/shared/corpus/SOURCES.md); `encrypted.pdf` is S/2023/970 encrypted (AES-256, user password
"secret") with pikepdf."""

from __future__ import annotations

import dataclasses
import re
import shutil
import time
from pathlib import Path

import pytest

pdf = pytest.importorskip("converter.readers.pdf")
from converter.readers.pdf import PdfReadError, read_pdf, to_text  # noqa: E402

FIX = Path(__file__).resolve().parent / "fixtures" / "pdf"
CORPUS = Path("/work/shared/corpus")


def data(name: str) -> bytes:
    return (FIX / name).read_bytes()


@pytest.fixture(scope="module")
def s557():
    return read_pdf(data("S_2024_557.en.pdf"))


@pytest.fixture(scope="module")
def l1():
    return read_pdf(data("A_80_L.1.pdf"))


# --- structure of the result ------------------------------------------------------------------


def test_pages_and_geometry(s557):
    assert len(s557.pages) == 8
    p = s557.pages[0]
    assert (p.number, p.width, p.height) == (1, 612.0, 792.0)
    for page in s557.pages:
        for ln in page.lines:
            assert ln.text == ln.text.strip() and ln.text
            assert 0 <= ln.x0 < ln.x1 <= page.width + 1
            assert 0 <= ln.top < ln.bottom <= page.height + 1
            assert ln.role in ("header", "footer", "body", "note")
            for a, b in ln.superscripts + ln.italic + ln.bold:
                assert 0 <= a < b <= len(ln.text)
        tops = [ln.baseline for ln in page.lines if ln.role == "body"]
        assert tops == sorted(tops)  # single-column: top to bottom


def test_dataclasses_are_frozen(s557):
    with pytest.raises(dataclasses.FrozenInstanceError):
        s557.pages[0].lines[0].text = "x"  # type: ignore[misc]


# --- superscripts ---------------------------------------------------------------------------


def test_superscript_markers(s557):
    found = [
        (ln.text[a:b], ln.text[:b])
        for p in s557.pages
        for ln in p.lines
        for a, b in ln.superscripts
    ]
    markers = [m for m, _ in found]
    assert {"1", "2", "3"} <= set(markers)
    # in the body, the marker is glued to the word before it, as pdftotext writes it
    body = {
        ctx[-20:]
        for p in s557.pages
        for ln in p.body
        for a, b in ln.superscripts
        for ctx in [ln.text[:b]]
    }
    assert any(c.endswith("(1999).1") for c in body), body
    assert any(c.endswith("citizenship.2") for c in body), body
    # a footnote starts with its (raised) number
    notes = [ln for p in s557.pages for ln in p.notes if ln.superscripts]
    assert any(ln.superscripts[0] == (0, 1) and ln.text.startswith("1 Petitions") for ln in notes)


def test_italic_opening_phrases(s557):
    p1 = s557.pages[0]
    recalling = [ln for ln in p1.lines if ln.text.startswith("Recalling resolution")]
    assert recalling and recalling[0].starts_italic
    assert recalling[0].text[slice(*recalling[0].italic[0])] == "Recalling"
    adopts = next(ln for ln in p1.lines if ln.text.startswith("1. Adopts"))
    assert adopts.text[slice(*adopts.italic[0])] == "Adopts"
    assert any(ln.starts_bold for ln in p1.lines if ln.text.startswith("Albania"))


# --- roles ----------------------------------------------------------------------------------


def test_header_footer_roles(s557):
    for p in s557.pages[1:]:
        heads = [ln.text for ln in p.lines if ln.role == "header"]
        feet = [ln.text for ln in p.lines if ln.role == "footer"]
        assert heads == ["S/2024/557"], (p.number, heads)
        assert f"{p.number}/8" in feet and "24-13337" in feet, (p.number, feet)
    p1 = s557.pages[0]
    assert [ln.text for ln in p1.lines if ln.role == "header"] == []  # masthead is content
    feet = [ln.text for ln in p1.lines if ln.role == "footer"]
    assert any(t.startswith("24-13337 (E)") for t in feet) and "*2413337*" in feet
    assert any(ln.text == "S/2024/557" and ln.role == "body" for ln in p1.lines)


def test_note_roles(s557):
    p3 = s557.pages[2]
    notes = p3.notes
    assert notes[0].text.startswith("_____")
    assert notes[1].text.startswith("1 Petitions submitted")
    assert all(ln.size < 10 for ln in notes)
    assert any(r.y == pytest.approx(notes[0].top, abs=8) and not r.drawn for r in p3.rules)
    # the body above the rule stays body; pages without footnotes have no notes
    assert any(ln.role == "body" and ln.text.startswith("Annex I") for ln in p3.lines)
    assert s557.pages[1].notes == []


def test_notes_on_first_page_of_a_draft(l1):
    notes = [ln.text for ln in l1.pages[0].notes]
    assert notes[0].startswith("____")
    assert "* A/80/150." in notes
    assert any(t.startswith("1 A/CONF.243/2025/1") for t in notes)


# --- links ----------------------------------------------------------------------------------


def test_link_uris_and_spans(l1):
    p = l1.pages[0]
    uris = [k.uri for k in p.links]
    assert "https://docs.un.org/en/A/RES/ES-10/24" in uris
    assert "https://docs.un.org/en/A/RES/79/81" in uris
    by = {k.uri: k for k in p.links}
    assert by["https://docs.un.org/en/A/RES/ES-10/24"].text(p) == "ES-10/24"
    assert by["https://docs.un.org/en/A/RES/79/81"].text(p) == "79/81"
    assert by["https://docs.un.org/en/A/80/150"].text(p) == "A/80/150"  # not the full stop
    for k in p.links:
        x0, top, x1, bottom = k.bbox
        assert x0 < x1 and top < bottom
        assert k.spans


def test_links_in_security_council_draft(s557):
    links = [k for p in s557.pages for k in p.links]
    assert len(links) >= 5
    assert all(k.uri.startswith("https://undocs.org/") for k in links)
    first = s557.pages[0].links[0]
    assert first.text(s557.pages[0]) == "1730 (2006)"


# --- text layers ----------------------------------------------------------------------------


def test_text_layer_native(s557):
    assert s557.text_layer == "native"


def test_text_layer_ocr():
    src = read_pdf(data("A_L.632_1971.en.pdf"))
    assert src.text_layer == "ocr"
    text = to_text(src)
    assert "General Assembly" in text or "GENERAL ASSEMBLY" in text.upper()


def test_text_layer_none():
    src = read_pdf(data("A_RES_2758_XXVI.ru.pdf"))
    assert src.text_layer == "none"
    assert all(p.lines == [] for p in src.pages)


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")
def test_ocr_russian_scan():
    from converter.readers.pdf import ocr_pdf
    from converter.readers.pdf.ocr import tesseract_langs

    if "rus" not in tesseract_langs():
        pytest.skip("tesseract-ocr-rus is not installed")
    src = ocr_pdf(data("A_RES_2758_XXVI.ru.pdf"), "ru")
    assert src.text_layer == "none" and src.ocr_engine.startswith("tesseract")
    text = to_text(src)
    assert "Генеральная Ассамблея" in text
    assert re.search(r"2758 \(", text)
    lines = src.pages[0].lines
    assert len(lines) > 50 and all(ln.x1 > ln.x0 and ln.bottom > ln.top for ln in lines)
    # two columns: the left column's lines come before the right column's
    i_bhutan = next(i for i, ln in enumerate(lines) if "Бутана" in ln.text)
    i_2758 = next(i for i, ln in enumerate(lines) if ln.text.startswith("2758"))
    assert i_bhutan < i_2758


def test_rules_found_in_page_images():
    import pypdfium2 as pdfium

    from converter.readers.pdf.ocr import image_rules

    page = pdfium.PdfDocument(data("S_2024_557.en.pdf"))[2]
    rules = image_rules(page.render(scale=300 / 72, grayscale=True).to_pil(), 72 / 300)
    assert any(abs(r.y - 65) < 2 and r.width > 400 for r in rules)  # header rule
    assert any(abs(r.y - 582) < 3 and 60 < r.width < 80 for r in rules)  # footnote rule


# --- to_text ----------------------------------------------------------------------------------


def test_to_text_pages_and_markers(s557):
    text = to_text(s557)
    assert text.count("\f") == len(s557.pages) - 1
    assert not text.startswith("\f")
    assert "resolution 1267 (1999).1 Petitioners" in text
    assert "Recalling resolution 1730 (2006), and the relevant statements of its President," in text
    page3 = text.split("\f")[2]
    assert "\n__________________\n1 Petitions submitted" in page3
    only_body = to_text(s557, roles=("body",))
    assert "24-13337" not in only_body and "__________________" not in only_body


# --- errors and scale -------------------------------------------------------------------------


def test_damaged_pdf():
    raw = data("S_2024_557.en.pdf")
    for bad in (b"", b"not a pdf at all", raw[:2000], b"%PDF-1.7\n" + bytes(range(256)) * 40):
        with pytest.raises(PdfReadError) as exc:
            read_pdf(bad)
        assert str(exc.value)


def test_corrupted_bytes_never_escape_as_other_errors():
    import random

    base = data("A_80_L.1.pdf")
    rnd = random.Random(7)
    for k in range(40):
        d = bytearray(base)
        if k % 2:
            for _ in range(rnd.randint(1, 40)):
                d[rnd.randrange(len(d))] = rnd.randrange(256)
        else:
            i = rnd.randrange(len(d))
            del d[i : i + rnd.randint(1, 5000)]
        try:
            src = read_pdf(bytes(d))
        except PdfReadError as exc:
            assert str(exc)
        else:
            assert src.pages


def test_encrypted_pdf():
    with pytest.raises(PdfReadError, match="encrypted"):
        read_pdf(data("encrypted.pdf"))
    src = read_pdf(data("encrypted.pdf"), password="secret")
    assert src.text_layer == "native" and src.pages


def test_wrong_type():
    with pytest.raises(TypeError):
        read_pdf("S_2024_557.en.pdf")  # type: ignore[arg-type]


def _many_pages(n: int) -> bytes:
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(data("S_2024_557.en.pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < n:
        out.import_pages(src, list(range(min(len(src), n - len(out)))))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_linear_time_200_pages():
    small, big = _many_pages(20), _many_pages(200)
    read_pdf(small)
    t0 = time.perf_counter()
    a = read_pdf(small)
    t1 = time.perf_counter()
    b = read_pdf(big)
    t2 = time.perf_counter()
    assert len(a.pages) == 20 and len(b.pages) == 200
    # ten times the pages: well under a hundred times the time (quadratic would be ~100x)
    assert (t2 - t1) < 25 * (t1 - t0) + 0.5, (t1 - t0, t2 - t1)
    # repeated pages make repeated headers/footers: still recognised on every page
    assert all(any(ln.role == "footer" for ln in p.lines) for p in b.pages)


# --- the whole corpus, when present -------------------------------------------------------------


@pytest.mark.skipif(not (CORPUS / "pdf").is_dir(), reason="shared corpus absent")
def test_corpus_reads_and_matches_pdftotext_words():
    for f in sorted((CORPUS / "pdf").glob("*.pdf")):
        src = read_pdf(f.read_bytes())
        ref = (CORPUS / "text" / (f.stem + ".pdftotext.txt")).read_text()
        ours = to_text(src)
        if src.text_layer == "none":
            assert not ours.strip()
            continue
        assert ours.count("\f") == ref.rstrip("\f").count("\f"), f.name
        # the same words, give or take pdftotext's split words and markers
        words = lambda t: set(re.findall(r"[A-Za-z]{4,}", t))  # noqa: E731
        missing = words(ref) - words(ours)
        assert len(missing) <= max(3, len(words(ref)) // 50), (f.name, sorted(missing)[:20])


# --- scripts and columns (synthetic PDFs made with WeasyPrint: rtl_cjk.py, two_columns.py) -----


def test_arabic_logical_order_and_cjk_spacing():
    src = read_pdf(data("rtl_cjk.pdf"))
    lines = [ln for ln in src.pages[0].lines]
    texts = [ln.text for ln in lines]
    # the text as typed: numbers left to right inside the Arabic, brackets not mirrored
    assert "إن الجمعية العامة، إذ تؤكد من جديد قرارها 70/1 (2015)1 المؤرخ" in texts
    assert "وإذ تشير إلى الوثيقة A/RES/70/1 المؤرخة ٢٥ أيلول/سبتمبر ٢٠١٥؛" in texts
    ar = lines[texts.index("إن الجمعية العامة، إذ تؤكد من جديد قرارها 70/1 (2015)1 المؤرخ")]
    assert [ar.text[a:b] for a, b in ar.superscripts] == ["1"]
    zh = next(ln for ln in lines if ln.text.startswith("大会"))
    assert zh.text == "大会，重申2019年7月23日第70/1号决议2，又回顾"
    assert [zh.text[a:b] for a, b in zh.superscripts] == ["2"]


def test_two_columns_read_left_then_right():
    src = read_pdf(data("two_columns.pdf"))
    text = to_text(src)
    nums = [int(n) for n in re.findall(r"Sentence\s+number\s+(\d+)", text)]
    assert nums == sorted(nums) and len(nums) >= 60
    assert text.index("heading across the page") < text.index("Sentence number 1 ")
    assert text.rstrip().endswith("Text below the columns.")
