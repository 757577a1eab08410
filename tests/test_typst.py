"""Tests of the PDF writer, Typst (converter.writers.typst, registered as ``pdf``), and of the
font checks it relies on (converter.writers.fonts).

AKN comes from the hand-made fixtures in fixtures/render/ and from the CLI run on the sample and
the English corpus texts (``python -m converter convert INPUT -o TMP --to xml``). The PDFs are
looked at with poppler's tools (pdftotext, pdffonts, pdfinfo, pdfdetach); those tests are
skipped where poppler-utils is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

typst = pytest.importorskip("typst")

from converter.writers import (  # noqa: E402
    WRITERS,
    FontError,
    MissingFontError,
    MissingGlyphError,
    RenderError,
    fonts,
)
from converter.writers import render_pdf as registry_render_pdf  # noqa: E402
from converter.writers.typst import (  # noqa: E402
    TypstFontError,
    UnknownElementError,
    compile_source,
    font_folder,
    note_call_pages,
    note_pages,
    render_pdf,
    template,
    typst_source,
)
from converter.writers.typst.literals import lit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}
A = f"{{{AKN}}}"

POPPLER = all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdfinfo", "pdfdetach"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

#: documents converted by the CLI: name -> input file
CONVERTED = {
    "sample-zh": ROOT / "samples" / "A-C.3-74-L.18.zh.txt",
    **{
        p.name.split(".en.")[0]: p for p in sorted((FIXTURES / "corpus").glob("*.en.pdftotext.txt"))
    },
    # every document type (tests/fixtures/types): a decision, an amendment (amendmentBody),
    # Security Council, ECOSOC and Human Rights Council resolutions
    **{f"type-{p.stem}": p for p in sorted((FIXTURES / "types").glob("*.en.txt"))},
    "type-amendment.ar": FIXTURES / "types" / "amendment.ar.txt",
}
HANDMADE = ["ar-short", "en-res", "zh-short"]
RTL = {"ar-short", "type-amendment.ar"}


# -- inputs ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, bytes]:
    """AKN XML of the sample and the corpus texts, made by the CLI."""
    out = tmp_path_factory.mktemp("akn")
    found: dict[str, bytes] = {}
    for name, source in CONVERTED.items():
        target = out / name
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "converter",
                "convert",
                str(source),
                "-o",
                str(target),
                "--to",
                "xml",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        files = sorted(target.rglob("*.akn.xml")) if target.exists() else []
        if proc.returncode != 0 or not files:
            pytest.fail(f"CLI failed on {source.name}: {proc.stderr[-800:]}")
        found[name] = files[0].read_bytes()
    return found


def handmade(name: str) -> bytes:
    return (FIXTURES / "render" / f"{name}.akn.xml").read_bytes()


def stress_document() -> bytes:
    """A footnote-crowded document: many paragraphs, each calling notes of very different
    lengths (some longer than half a page), plus repeated references."""
    tree = etree.ElementTree(etree.fromstring(handmade("en-res")))
    body = tree.find(f".//{A}mainBody")
    for child in list(body):
        body.remove(child)
    filler = (
        "The General Assembly takes note of the report and of the recommendations it "
        "contains, and requests the Secretary-General to continue his work. "
    )
    n = 0
    for i in range(1, 41):
        para = etree.SubElement(body, f"{A}paragraph", eId=f"para_{i}", refersTo="#decides")
        etree.SubElement(para, f"{A}num").text = f"{i}."
        p = etree.SubElement(etree.SubElement(para, f"{A}content"), f"{A}p")
        p.text = filler * (1 + i % 3)
        for _k in range(1 + i % 3):
            n += 1
            note = etree.SubElement(
                p, f"{A}authorialNote", eId=f"note_{n}", marker=str(n), placement="bottom"
            )
            words = 8 + (n * 37) % 160 if n % 7 else 260
            etree.SubElement(note, f"{A}p").text = (
                f"Note {n}: " + " ".join(f"word{j}" for j in range(words)) + "."
            )
            note.tail = f" continues after note {n}. " + filler
        if i % 5 == 0:
            ref = etree.SubElement(p, f"{A}noteRef", href="#note_1", marker="1")
            ref.tail = " (repeated)."
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


# -- looking at PDFs -------------------------------------------------------------------------
def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))


_BIDI = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad")
)


def norm(text: str) -> str:
    """NFKC, no white space, no bidi controls, no hyphens (as tests/test_render.py)."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI)
    return re.sub(r"[\s\-]+", "", text)


def words(text: str) -> list[str]:
    """Words and numbers, without combining marks (Arabic vowel signs) and with doubled
    letters made single: Typst maps a glyph to one text in ToUnicode, so a letter shaped with
    a vowel sign can come out twice in extracted text ("يُنظر" gives "ُيُينظر")."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = re.sub(r"([^\W\d_])\1+", r"\1", text)
    return re.findall(r"[^\W\d_]+|\d+", text)


def body_text(pdf: Path, page: int, raw: bool = True) -> str:
    """pdftotext of one page without the running header and footer, in content order (-raw:
    the default layout analysis sometimes reads a line that starts with a number box after
    the next line). Right-to-left text needs the layout mode (-raw keeps glyph order)."""
    return run(
        "pdftotext",
        *(["-raw"] if raw else []),
        "-f",
        str(page),
        "-l",
        str(page),
        "-x",
        "0",
        "-y",
        "60",
        "-W",
        "596",
        "-H",
        "722",
        str(pdf),
        "-",
    )


def paragraph_text(p: etree._Element) -> str:
    parts = [p.text or ""]
    for child in p:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name in ("authorialNote", "noteRef"):
            parts.append(child.get("marker") or "")
        elif isinstance(child.tag, str):
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def text_paragraphs(root: etree._Element) -> list[etree._Element]:
    return [
        p
        for p in root.xpath(
            "//a:preface//a:p | //a:preamble//a:p | //a:mainBody//a:p | //a:conclusions//a:p",
            namespaces=NS,
        )
        if not p.xpath("ancestor::a:authorialNote", namespaces=NS)
    ]


def pdf_objects(data: bytes) -> bytes:
    parts = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            parts.append(zlib.decompress(data[m.end() : end]))
        except zlib.error:
            pass
    return b"\n".join(parts)


# -- the documents, rendered once ---------------------------------------------------------------
@pytest.fixture(scope="session")
def documents(converted) -> dict[str, bytes]:
    docs = {name: handmade(name) for name in HANDMADE}
    docs.update(converted)
    docs["stress"] = stress_document()
    return docs


@pytest.fixture(scope="session")
def pdfs(documents, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for name, xml in documents.items():
        paths[name] = out / f"{name}.pdf"
        paths[name].write_bytes(render_pdf(xml))
    return paths


ALL = HANDMADE + list(CONVERTED) + ["stress"]


@needs_poppler
@pytest.mark.parametrize("name", ALL)
def test_every_paragraph_and_footnote_is_printed(pdfs, documents, name):
    pdf, root = pdfs[name], etree.fromstring(documents[name])
    pages = [body_text(pdf, i, raw=name not in RTL) for i in range(1, page_count(pdf) + 1)]
    notes = root.xpath("//a:authorialNote", namespaces=NS)
    if name in RTL:
        printed = Counter(words("\n".join(pages)))
        wanted = Counter(w for p in text_paragraphs(root) for w in words(paragraph_text(p)))
        wanted.update(w for note in notes for w in words("".join(note.itertext())))
        assert not wanted - printed, wanted - printed
        return
    stream = norm("".join(pages))
    for note in notes:  # the notes sit in the footnote area: take them out first
        printed = norm((note.get("marker") or "") + "".join(note.itertext()))
        assert printed in stream, printed[:80]
        stream = stream.replace(printed, "", 1)
    for p in text_paragraphs(root):
        assert norm(paragraph_text(p)) in stream, paragraph_text(p)[:80]


@needs_poppler
@pytest.mark.parametrize("name", ALL)
def test_each_footnote_is_on_the_page_of_its_first_reference(pdfs, documents, name):
    xml = documents[name]
    notes = etree.fromstring(xml).xpath("//a:authorialNote", namespaces=NS)
    if not notes:
        pytest.skip("no footnotes")
    pages = note_pages(xml)  # (page of the first call, page where the entry is laid out)
    assert set(pages) == {n.get("eId") for n in notes}
    for note in notes:
        page, entry = pages[note.get("eId")]
        assert entry == page, f"{note.get('eId')}: called on page {page}, printed on {entry}"
        printed = body_text(pdfs[name], page, raw=name not in RTL)
        text = "".join(note.itertext())
        if name in RTL:
            assert set(words(text)) <= set(words(printed)), note.get("eId")
        else:
            assert norm(text) in norm(printed), f"{note.get('eId')} is not on page {page}"


def test_the_stress_document_is_crowded():
    xml = stress_document()
    calls = note_call_pages(xml)
    assert len(calls) == 80 and max(calls.values()) >= 8
    assert Counter(calls.values()).most_common(1)[0][1] >= 5  # pages with many notes


@needs_poppler
@pytest.mark.parametrize(
    "name, families",
    [
        ("zh-short", ["NotoSerifCJKsc", "NotoSansCJKsc-Bold"]),
        ("en-res", ["NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold"]),
        ("ar-short", ["NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"]),
        ("sample-zh", ["NotoSerifCJKsc", "NotoSerifCJKsc-Bold"]),
    ],
)
def test_fonts_are_noto_embedded_and_subset(pdfs, name, families):
    rows = run("pdffonts", str(pdfs[name])).splitlines()[2:]
    assert rows
    found = set()
    for row in rows:
        fontname = row.split()[0]
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+Noto", fontname), row
        found.add(fontname.split("+", 1)[1].lower())
    for family in families:
        assert any(f.startswith(family.lower()) for f in found), (family, found)


@needs_poppler
@pytest.mark.parametrize("name", ["en-res", "ar-short", "sample-zh", "S_2024_557"])
def test_pdfa_3u_and_ua_1_identification(pdfs, name):
    xmp = run("pdfinfo", "-meta", str(pdfs[name]))
    assert re.search(r'pdfaid:part(>|=")3', xmp) and re.search(r'pdfaid:conformance(>|=")U', xmp)
    assert re.search(r'pdfuaid:part(>|=")1', xmp)
    assert "un2akn" in xmp
    symbol = {"en-res": "A/RES/73/8", "ar-short": "A/C.3/74/L.18"}.get(name)
    symbol = symbol or {"sample-zh": "A/C.3/74/L.18", "S_2024_557": "S/2024/557"}[name]
    assert symbol in xmp
    assert re.search(r"Title:\s+" + re.escape(symbol), run("pdfinfo", str(pdfs[name])))


@needs_poppler
@pytest.mark.parametrize("name", ["en-res", "ar-short", "sample-zh", "stress"])
def test_akn_source_is_attached_byte_identical(pdfs, documents, name, tmp_path):
    pdf = pdfs[name]
    listing = run("pdfdetach", "-list", str(pdf))
    assert "1 embedded files" in listing and ".akn.xml" in listing
    out = tmp_path / "source.xml"
    run("pdfdetach", "-save", "1", "-o", str(out), str(pdf))
    assert out.read_bytes() == documents[name]
    objects = pdf_objects(pdf.read_bytes())
    assert re.search(rb"/AFRelationship\s*/Source", objects)
    assert re.search(rb"/AF\s*\[", objects)
    assert re.search(rb"/Subtype\s*/application#2[fF]xml", objects)


@pytest.mark.parametrize("name", ["en-res", "ar-short", "zh-short"])
def test_pdf_is_tagged_with_language(pdfs, name):
    objects = pdf_objects(pdfs[name].read_bytes())
    assert b"/StructTreeRoot" in objects
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objects)
    lang = {"en-res": b"en", "ar-short": b"ar", "zh-short": b"zh"}[name]
    assert re.search(rb"/Lang\s*\(" + lang, objects)


@needs_poppler
@pytest.mark.parametrize(
    "name, symbol, job",
    [
        ("zh-short", "A/C.3/74/L.18", "19-17644"),
        ("en-res", "A/RES/73/8", "18-18418"),
        ("ar-short", "A/C.3/74/L.18", "19-17644"),
    ],
)
def test_running_header_and_footer(pdfs, name, symbol, job):
    pdf = pdfs[name]
    total = page_count(pdf)
    assert total >= 2
    first = run("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    assert job in first and f"1/{total}" not in first
    header = run(
        "pdftotext",
        "-f",
        "2",
        "-l",
        "2",
        "-y",
        "0",
        "-H",
        "60",
        "-x",
        "0",
        "-W",
        "596",
        str(pdf),
        "-",
    )
    footer = run(
        "pdftotext",
        "-f",
        "2",
        "-l",
        "2",
        "-y",
        "780",
        "-H",
        "62",
        "-x",
        "0",
        "-W",
        "596",
        str(pdf),
        "-",
    )
    assert symbol in header
    assert f"2/{total}" in footer and job in footer


def test_pdf_is_reproducible(pdfs):
    assert render_pdf(handmade("en-res")) == pdfs["en-res"].read_bytes()


@pytest.mark.parametrize(
    "code, lang",
    [("eng", "en"), ("fra", "fr"), ("spa", "es"), ("rus", "ru"), ("zho", "zh"), ("ara", "ar")],
)
def test_every_un_language(code, lang):
    tree = etree.fromstring(handmade("en-res"))
    tree.find(f".//{A}FRBRlanguage").set("language", code)
    pdf = render_pdf(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    assert re.search(rb"/Lang\s*\(" + lang.encode(), pdf_objects(pdf))


# -- the registry and the fonts ---------------------------------------------------------------
def test_typst_is_the_pdf_writer():
    assert WRITERS["pdf"].module == "converter.writers.typst"
    assert "writers/typst" in WRITERS["pdf"].sources
    assert registry_render_pdf(handmade("en-res")) == render_pdf(handmade("en-res"))


def test_no_weasyprint_anywhere():
    imports = re.compile(r"^\s*(import|from)\s+weasyprint\b|import_module\(.weasyprint", re.M)
    for path in [*(ROOT / "converter").rglob("*.py"), *(ROOT / "scripts").glob("*")]:
        if path.is_file():
            assert not imports.search(path.read_text(encoding="utf-8")), path
    assert "weasyprint" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").lower()


def test_a_character_no_font_has_is_an_error_before_rendering():
    tree = etree.fromstring(handmade("en-res"))
    tree.find(f".//{A}paragraph[@eId='para_3']//{A}p").text = "\U0001f600 "
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    with pytest.raises(MissingGlyphError, match=r"U\+1F600.*#para_3"):
        render_pdf(data)
    assert issubclass(MissingGlyphError, FontError) and issubclass(FontError, RenderError)


def test_typst_font_complaints_are_errors_not_fallbacks():
    # a family outside the stacks: Typst would fall back to another font
    with pytest.raises(TypstFontError, match="font"):
        compile_source(template() + '\n#text(font: "DejaVu Sans")[x]', {})
    # a glyph the font lacks, past the check before compiling: no empty box in PDF/A
    with pytest.raises(TypstFontError, match="font"):
        compile_source(template() + '\n#text(font: "Noto Serif")[a \U0001f600 b]', {})
    assert issubclass(TypstFontError, FontError)


def test_typst_sees_exactly_the_font_files_of_the_stacks():
    given = {p.name for p in font_folder().iterdir()}
    assert given == set(fonts.FILES.values())
    for family, style in fonts.FILES:
        face = fonts.resolve(family, style)
        assert Path(face.file).name == fonts.FILES[family, style]


def test_a_missing_font_is_an_error():
    with pytest.raises(MissingFontError, match="not installed"):
        fonts.resolve("Noto Serif Klingon")
    with pytest.raises(MissingFontError, match="not installed"):
        fonts.find_file("NotoSerifKlingon-Regular.ttf")


def test_every_script_is_covered_by_its_stack():
    samples = {
        "latin": "Reaffirming « ça » – “quoted” № 5",
        "cyrillic": "Генеральная Ассамблея,",
        "cjk": "大会，“推进”《公约》；",
        "arabic": "إن الجمعية العامة، ؛ A/73/131",
    }
    for script, text in samples.items():
        fonts.check_coverage([(text, None)], script)


def test_the_template_is_given_the_stack_of_the_script():
    for code, script in (("eng", "latin"), ("zho", "cjk"), ("ara", "arabic"), ("rus", "cyrillic")):
        tree = etree.fromstring(handmade("en-res"))
        tree.find(f".//{A}FRBRlanguage").set("language", code)
        source, _, _ = typst_source(etree.tostring(tree, encoding="UTF-8"))
        stack = fonts.STACKS[script]
        assert "fonts: (" + "".join(lit(f) + ", " for f in stack.body) + ")" in source
        assert "heading-fonts: (" + "".join(lit(f) + ", " for f in stack.heading) + ")" in source


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork")
def test_a_child_forked_after_typst_ran_fails_instead_of_hanging(tmp_path):
    import os

    from converter.app.batch.pool import context

    render_pdf(handmade("en-res"))  # Typst has run in this process
    assert context(("pdf",)).get_start_method() == "spawn"  # the batch pool spawns then
    assert context(("xml", "html")).get_start_method() in ("fork", "spawn")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            render_pdf(handmade("en-res"))
            code = 1
        except RenderError as error:
            code = 0 if "forked" in str(error) else 2
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


# -- untrusted text ------------------------------------------------------------------------------
NASTY = [
    '#panic("boom")',
    "$x^2$",
    "*bold* _emph_ `raw`",
    "<label> @ref",
    "[content] ]",
    "\\",
    "/ term: description",
    "= Heading",
    "- item",
    "+ item",
    "~ tilde",
    "'single' \"double\"",
    '#read("/etc/passwd")',
    '"); panic("q"); ("',
    "} #panic(1) {",
    '#import "un.typ": *',
    "// comment",
    "/* comment */",
    "```raw```",
    "\\u{41}",
    "#{1 + 1}",
    "#let x = 1",
]


def test_source_text_cannot_inject_typst():
    tree = etree.fromstring(handmade("en-res"))
    ps = tree.findall(f".//{A}mainBody//{A}p")
    assert len(ps) >= 2
    for p, line in zip(ps, NASTY * 2):
        p.text = line + " " + (p.text or "")
    extra = etree.SubElement(ps[0], f"{A}inline", name="openingPhrase")
    extra.text = "\n".join(NASTY)  # line starts too
    note = tree.find(f".//{A}authorialNote")
    note.set("marker", '*"); panic("m"); ("')
    note.find(f"{A}p").text = '#panic("in a note") ' + note.find(f"{A}p").text
    ref = tree.find(f".//{A}ref")
    ref.set("href", 'https://example.org/"); panic("u"); ("')
    tree.find(f".//{A}docketNumber").text = '18-18418 #panic("job")'
    tree.find(f".//{A}FRBRnumber").set("value", '../x"); panic("n"); ("')
    xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    source, _, _ = typst_source(xml)
    assert lit('#panic("boom")')[1:-1] in source  # inside a string literal, escaped
    pdf = render_pdf(xml)  # would raise on a panic or a syntax error
    if not POPPLER:
        return
    path = Path(pytest.importorskip("tempfile").mkdtemp()) / "x.pdf"
    path.write_bytes(pdf)
    text = norm(run("pdftotext", str(path), "-"))
    for line in NASTY:
        assert norm(line) in text, line
    assert norm('*"); panic("m"); ("') in text
    assert norm('#panic("job")') in text


def test_string_literals_escape_only_what_they_must():
    assert lit('a"b\\c') == '"a\\"b\\\\c"'
    assert lit("line\nbreak\u2028") == '"line\\nbreak\\u{2028}"'
    assert lit("#$*_`<>@[]/=-+~'") == '"#$*_`<>@[]/=-+~\'"'


def test_an_unknown_element_is_an_error_not_dropped():
    tree = etree.fromstring(handmade("en-res"))
    p = tree.find(f".//{A}mainBody//{A}p")
    etree.SubElement(p, f"{A}frobnicate").text = "lost?"
    with pytest.raises(UnknownElementError, match="frobnicate"):
        render_pdf(etree.tostring(tree))
    body = tree.find(f".//{A}mainBody")
    p.remove(p[-1])
    etree.SubElement(body, f"{A}mysteryBlock").text = "lost?"
    with pytest.raises(UnknownElementError, match="mysteryBlock"):
        render_pdf(etree.tostring(tree))
