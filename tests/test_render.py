"""Tests of the renderers (converter.render) on hand-made AKN fixtures in fixtures/render/.

HTML tests are fast. PDF tests render each fixture once (module fixture) and look at the
result with poppler's tools (pdffonts, pdftotext, pdfinfo, pdfdetach); they are skipped where
poppler-utils is not installed.
"""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from tinyhtml5.parser import HTMLParser

from converter.writers import (
    FetchRefusedError,
    MissingFontError,
    MissingGlyphError,
    RenderError,
    fonts,
    render_html,
    render_pdf,
)
from converter.writers.html import builder as html_module

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "render"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}

#: fixture -> (html lang, dir, symbol, job number)
EXPECTED = {
    "zh-short": ("zh-Hans", "ltr", "A/C.3/74/L.18", "19-17644"),
    "en-res": ("en", "ltr", "A/RES/73/8", "18-18418"),
    "ar-short": ("ar", "rtl", "A/C.3/74/L.18", "19-17644"),
}
NAMES = sorted(EXPECTED)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ROOT / "schemas" / "akomantoso30.xsd")))


def akn_bytes(name: str) -> bytes:
    return (FIXTURES / f"{name}.akn.xml").read_bytes()


def akn_tree(name: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(akn_bytes(name)))


_HTML_CACHE: dict[str, str] = {}


def html_of(name: str) -> str:
    if name not in _HTML_CACHE:
        _HTML_CACHE[name] = render_html(akn_bytes(name))
    return _HTML_CACHE[name]


def parse_html(text: str) -> etree._Element:
    """Parse with the WHATWG algorithm (tinyhtml5); fail on any parse error."""
    parser = HTMLParser(namespace_html_elements=False)
    tree = parser.parse(text)
    assert parser.errors == [], parser.errors[:5]
    return etree.fromstring(_etree_to_lxml(tree))


def _etree_to_lxml(tree) -> bytes:
    import xml.etree.ElementTree as ET

    return ET.tostring(tree, encoding="utf-8")


def body_elements(doc: etree._Element):
    """AKN elements outside <meta>."""
    for el in doc.iter():
        if (
            isinstance(el.tag, str)
            and not any(etree.QName(a).localname == "meta" for a in el.iterancestors())
            and etree.QName(el).localname != "meta"
        ):
            yield el


# -- the fixtures themselves ---------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_fixture_validates_against_the_bundled_schema(name, schema):
    doc = etree.parse(str(FIXTURES / f"{name}.akn.xml"))
    assert schema.validate(doc), schema.error_log


def test_fixtures_cover_what_the_renderer_must_handle():
    zh, ar = akn_tree("zh-short"), akn_tree("ar-short")
    assert zh.xpath("//a:formula/a:p/text()", namespaces=NS) == ["大会，"]
    assert ar.xpath("//a:formula/a:p/text()", namespaces=NS) == ["إن الجمعية العامة،"]
    for tree in (zh, ar):
        assert tree.xpath("//a:point", namespaces=NS)
        assert tree.xpath("//a:noteRef", namespaces=NS)
        assert tree.xpath("//a:ref", namespaces=NS) and tree.xpath("//a:date", namespaces=NS)
    assert "إذ تؤكد من جديد" in ar.xpath("string(//a:inline[@name='openingPhrase'])", namespaces=NS)
    text = "".join(ar.getroot().itertext())
    assert "،" in text and "؛" in text
    assert ar.xpath("//a:attachment", namespaces=NS)


# -- HTML ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_html_parses_without_errors_and_has_language_and_direction(name):
    root = parse_html(html_of(name))
    lang, direction, symbol, _ = EXPECTED[name]
    assert root.get("lang") == lang and root.get("dir") == direction
    assert symbol in root.findtext("head/title")
    assert root.find("head/meta[@charset='utf-8']") is not None


@pytest.mark.parametrize("name", NAMES)
def test_html_is_self_contained(name):
    text = html_of(name)
    root = parse_html(text)
    assert not root.xpath("//script | //link | //iframe | //img | //object")
    assert not root.xpath("//@src")
    css = "".join(root.xpath("//style/text()"))
    assert all(
        u.startswith(("data:", '"data:', "'data:")) for u in re.findall(r"url\(([^)]*)", css)
    )
    assert "@import" not in css and "@font-face" not in css


@pytest.mark.parametrize("name", NAMES)
def test_every_internal_link_resolves_and_ids_are_unique(name):
    root = parse_html(html_of(name))
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))
    targets = [h[1:] for h in root.xpath("//a/@href") if h.startswith("#")]
    assert targets
    assert set(targets) <= set(ids), set(targets) - set(ids)


@pytest.mark.parametrize("name", NAMES)
def test_element_ids_are_the_akn_eids(name):
    root = parse_html(html_of(name))
    ids = set(root.xpath("//@id"))
    eids = {el.get("eId") for el in body_elements(akn_tree(name).getroot()) if el.get("eId")}
    assert eids <= ids, eids - ids
    assert "para_1" in ids


@pytest.mark.parametrize("name", NAMES)
def test_footnotes_link_to_the_note_and_back_to_every_reference(name):
    akn = akn_tree(name)
    root = parse_html(html_of(name))
    for note in akn.xpath("//a:authorialNote", namespaces=NS):
        eid, marker = note.get("eId"), note.get("marker")
        later = akn.xpath(f"//a:noteRef[@href='#{eid}']", namespaces=NS)
        refs = root.xpath(f"//a[contains(@class, 'noteref')][@href='#{eid}']")
        assert len(refs) == 1 + len(later)
        assert all(r.findtext("sup") == marker for r in refs)
        html_note = root.xpath(f"//*[@id='{eid}']")[0]
        assert "footnote" in html_note.get("class") and html_note.get("data-marker") == marker
        back = [a.get("href")[1:] for a in html_note.xpath(".//a[contains(@class, 'backref')]")]
        assert back == [r.get("id") for r in refs]
        assert "".join(note.itertext()).strip() in "".join(html_note.itertext())


def test_notes_in_an_annex_and_repeated_references():
    root = parse_html(html_of("ar-short"))
    assert root.xpath("//*[@id='att_1']//*[@id='note_5']")
    assert len(root.xpath("//a[@href='#note_1']")) == 3  # first reference and two noteRefs


@pytest.mark.parametrize("name", NAMES)
def test_paragraph_types_are_classes_and_data(name):
    akn = akn_tree(name)
    root = parse_html(html_of(name))
    for container in akn.xpath("//a:preamble/a:container", namespaces=NS):
        el = root.xpath(f"//*[@id='{container.get('eId')}']")[0]
        assert el.get("data-type") == container.get("name")
        assert f"type-{container.get('name')}" in el.get("class").split()
    for para in akn.xpath("//a:paragraph", namespaces=NS):
        el = root.xpath(f"//*[@id='{para.get('eId')}']")[0]
        assert el.get("data-type") == para.get("refersTo")[1:]
        if para.get("class"):
            assert el.get("data-modifiers") == para.get("class")
    phrases = root.xpath("//span[contains(@class, 'openingPhrase')]")
    assert len(phrases) == len(akn.xpath("//a:inline[@name='openingPhrase']", namespaces=NS))
    assert all(p.get("data-type") for p in phrases)


@pytest.mark.parametrize(
    "name, italic", [("en-res", True), ("zh-short", False), ("ar-short", False)]
)
def test_opening_phrases_are_italic_only_in_latin_and_cyrillic(name, italic):
    root = parse_html(html_of(name))
    assert root.get("data-openings") == ("italic" if italic else "plain")
    css = "".join(root.xpath("//style/text()"))
    assert "html[data-openings=italic] .openingPhrase" in css


@pytest.mark.parametrize(
    "code, tag, direction, openings, undocs",
    [
        ("eng", "en", "ltr", "italic", "en"),
        ("fra", "fr", "ltr", "italic", "fr"),
        ("spa", "es", "ltr", "italic", "es"),
        ("rus", "ru", "ltr", "italic", "ru"),
        ("zho", "zh-Hans", "ltr", "plain", "ch"),
        ("ara", "ar", "rtl", "plain", "ar"),
    ],
)
def test_every_un_language(code, tag, direction, openings, undocs):
    tree = akn_tree("en-res")
    tree.find(f".//{{{AKN}}}FRBRlanguage").set("language", code)
    root = parse_html(render_html(tree))
    assert (root.get("lang"), root.get("dir"), root.get("data-openings")) == (
        tag,
        direction,
        openings,
    )
    assert root.xpath(f"//a[@href='https://undocs.org/{undocs}/A/RES/72/4']")


def test_numbers_and_lists_keep_the_source_numbering():
    root = parse_html(html_of("zh-short"))
    point = root.xpath("//*[@id='para_5__list_1__point_b__list_1__point_ii']")[0]
    assert point.xpath("string(.//span[@class='num'])") == "(ii)"
    intro = root.xpath("//*[@id='para_5__list_1']/*[contains(@class, 'intro')]//p")[0]
    assert intro.xpath("string(span[@class='num'])") == "5."
    ar = parse_html(html_of("ar-short"))
    assert ar.xpath("string(//*[@id='para_3__list_1__point_a']//span[@class='num'])") == "(أ)"


def test_references_link_to_undocs_and_keep_the_akn_iri():
    zh = parse_html(html_of("zh-short"))
    link = zh.xpath(
        "//a[@data-akn-href='/akn/un/statement/deliberation/un-ga/2018-12-17/A-RES-73-186']"
    )[0]
    assert link.get("href") == "https://undocs.org/ch/A/RES/73/186"
    en = parse_html(html_of("en-res"))
    assert en.xpath("//a[@href='https://undocs.org/en/A/73/L.3']")
    assert en.xpath("//a[@href='https://undocs.org/en/A/73/85']")  # inside the footnote


def test_iri_to_symbol():
    failures, _ = doctest.testmod(html_module, verbose=False)
    assert failures == 0
    lang = html_module.for_code("eng")
    url = html_module.resolver_url(
        "/akn/un/statement/deliberation/un-sc/2019/S-RES-2462_(2019)", lang
    )
    assert url == "https://undocs.org/en/S/RES/2462%20(2019)"
    assert html_module.resolver_url("javascript:alert(1)", lang) is None


def test_dates_are_time_elements():
    root = parse_html(html_of("zh-short"))
    times = root.xpath("//time[@datetime='2019-07-23']")
    assert times and times[0].text == "2019 年 7 月 23 日"


def test_masthead_heading_block_and_conclusions():
    en = parse_html(html_of("en-res"))
    assert (
        en.xpath("string(//header[@class='coverPage']//*[contains(@class, 'cp-symbol')])")
        == "A/RES/73/8"
    )
    assert en.xpath("//header[@class='preface']//h1[contains(., 'Necessity of ending')]")
    assert en.xpath("//footer[@class='conclusions'][contains(., '30th plenary meeting')]")
    # without a docNumber in the coverPage, the symbol comes from FRBRnumber/@showAs
    tree = akn_tree("zh-short")
    cover = tree.find(f".//{{{AKN}}}coverPage")
    cover.remove(cover[0])
    zh = parse_html(render_html(tree))
    assert zh.xpath("//*[contains(@class, 'cp-derived')]")[0].xpath("string()") == "A/C.3/74/L.18"


def test_source_text_is_always_escaped():
    tree = akn_tree("en-res")
    p = tree.find(f".//{{{AKN}}}paragraph[@eId='para_2']//{{{AKN}}}p")
    p.text = "<script>alert('x')</script> & <b>not bold</b> "
    ref = tree.find(f".//{{{AKN}}}ref")
    ref.set("href", "javascript:alert(1)")
    root = parse_html(render_html(tree))
    assert not root.xpath("//script")
    para = root.xpath("//*[@id='para_2']")[0]
    assert "<script>alert('x')</script> & <b>not bold</b>" in "".join(para.itertext())
    assert not [h for h in root.xpath("//@href") if h.lower().startswith("javascript")]


def test_render_html_accepts_bytes_and_trees():
    assert render_html(akn_tree("en-res")) == render_html(akn_bytes("en-res"))


def test_bad_input_is_a_render_error():
    with pytest.raises(RenderError, match="not well-formed"):
        render_html(b"<akomaNtoso")
    with pytest.raises(RenderError, match="not Akoma Ntoso"):
        render_html(b"<html/>")
    tree = akn_tree("en-res")
    tree.find(f".//{{{AKN}}}FRBRlanguage").set("language", "deu")
    with pytest.raises(RenderError, match="deu"):
        render_html(tree)


# -- fonts and fetching (no layout) ------------------------------------------------------------
def test_a_character_no_font_has_is_an_error_before_rendering():
    tree = akn_tree("en-res")
    tree.find(f".//{{{AKN}}}paragraph[@eId='para_3']//{{{AKN}}}p").text = "\U0001f600 "
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    with pytest.raises(MissingGlyphError, match=r"U\+1F600.*#para_3"):
        render_pdf(data)


def test_a_missing_font_is_an_error():
    with pytest.raises(MissingFontError, match="not installed"):
        fonts.resolve("Noto Serif Klingon")


def test_every_script_is_covered_by_its_stack():
    samples = {
        "latin": "Reaffirming « ça » – “quoted” № 5",
        "cyrillic": "Генеральная Ассамблея,",
        "cjk": "大会，“推进”《公约》；",
        "arabic": "إن الجمعية العامة، ؛ A/73/131",
    }
    for script, text in samples.items():
        fonts.check_coverage([(text, None)], script)


def test_fonts_used_after_layout_are_checked():
    from types import SimpleNamespace

    good = SimpleNamespace(family="Noto Serif", to_unicode={5: "a"}, missing={})
    fonts.check_rendered([good], "latin")
    with pytest.raises(MissingFontError, match="DejaVu Sans"):
        fonts.check_rendered(
            [SimpleNamespace(family="DejaVu Sans", to_unicode={7: "x"}, missing={})], "latin"
        )
    with pytest.raises(MissingGlyphError):
        fonts.check_rendered(
            [SimpleNamespace(family="Noto Serif", to_unicode={0: "\u2603"}, missing={})], "latin"
        )


def test_fetcher_refuses_everything_but_data_urls_and_own_assets():
    from converter.writers.pdf.weasy import AssetFetcher

    fetcher = AssetFetcher()
    outside = (ROOT / "converter" / "writers" / ".." / "model.py").resolve().as_uri()
    for url in (
        "https://undocs.org/en/A/RES/73/8",
        "file:///etc/passwd",
        "ftp://x/y",
        outside,
        (ROOT / "converter" / "writers").as_uri() + "/%2e%2e/model.py",
    ):
        with pytest.raises(FetchRefusedError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    own = (ROOT / "converter" / "writers" / "html" / "un.css").as_uri()
    assert fetcher.fetch(own).read()


def test_rendering_html_that_loads_a_resource_fails():
    from converter.writers.pdf.weasy import render_document

    page = '<html lang="en"><body><p>x<img src="http://example.com/a.png"></p></body></html>'
    with pytest.raises(FetchRefusedError, match="example.com"):
        render_document(page, script="latin")


def _orphan_page() -> str:
    """A small page where a paragraph's two first lines (orphans: 2) only fit if the note
    called just above goes to the next page: WeasyPrint 70 would move the note."""
    filler = "".join(
        f"<p>Filler {i} lorem ipsum dolor sit amet consectetur.</p>" for i in range(10)
    )
    return f"""<html lang="en"><style>@page {{ size: 100mm 80mm; margin: 8mm }}
    html {{ font: 10pt/1.2 "Noto Serif" }} p {{ margin: 0; orphans: 2; widows: 2 }}
    .footnote {{ float: footnote; footnote-policy: line }} .footnote::footnote-call {{ content: none }}
    </style><body>{filler}<p>Call here<a class="noteref first" href="#note_1"><sup>1</sup></a><span
    class="footnote" id="note_1">The note text.</span> end.</p><p>{" word" * 30}</p></body></html>"""


def test_footnotes_stay_on_the_page_of_their_call_despite_orphans():
    import weasyprint

    from converter.writers.pdf.weasy import _keep_notes_with_calls, note_pages, render_document

    page = _orphan_page()
    calls, notes = note_pages(render_document(page, script="latin"))
    assert calls["note_1"] == notes["note_1"] == 1
    # plain WeasyPrint moves the note; the check after layout catches and fixes that too
    source = weasyprint.HTML(string=page)
    plain = source.render()
    calls, notes = note_pages(plain)
    if calls["note_1"] == notes["note_1"]:
        pytest.skip("this WeasyPrint keeps the note with its call by itself")
    assert _keep_notes_with_calls(plain)
    calls, notes = note_pages(source.render())
    assert calls["note_1"] == notes["note_1"]


# -- PDF -----------------------------------------------------------------------------------------
POPPLER = all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdfinfo", "pdfdetach"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for name in NAMES:
        data = akn_bytes(name)
        path = out / f"{name}.pdf"
        path.write_bytes(render_pdf(data, html=html_of(name)))
        paths[name] = path
    return paths


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))


_BIDI = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad")
)


def norm(text: str) -> str:
    """Text for comparison: NFKC, no whitespace, no bidi controls, no hyphens (pdftotext
    joins words hyphenated at a line end)."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI)
    return re.sub(r"[\s\-]+", "", text)


def words(text: str) -> list[str]:
    """Words and numbers, without combining marks (Arabic vowel signs)."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.findall(r"[^\W\d_]+|\d+", text)


def body_text(pdf: Path, page: int) -> str:
    """pdftotext of one page without the running header and footer (the page margins)."""
    return run(
        "pdftotext",
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


def note_text(note: etree._Element) -> str:
    return "".join(note.itertext())


def paragraph_text(p: etree._Element) -> str:
    """A <p>'s text as printed: notes replaced by their markers."""
    parts = [p.text or ""]
    for child in p:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name in ("authorialNote", "noteRef"):
            parts.append(child.get("marker") or "")
        elif isinstance(child.tag, str):
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def text_paragraphs(akn: etree._ElementTree) -> list[etree._Element]:
    return [
        p
        for p in akn.xpath(
            "//a:preface//a:p | //a:preamble//a:p | //a:mainBody//a:p | //a:conclusions//a:p",
            namespaces=NS,
        )
        if not p.xpath("ancestor::a:authorialNote", namespaces=NS)
    ]


@needs_poppler
@pytest.mark.parametrize(
    "name, families",
    [
        ("zh-short", ["Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"]),
        ("en-res", ["Noto-Serif", "Noto-Serif-Italic", "Noto-Serif-Bold"]),
        ("ar-short", ["Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"]),
    ],
)
def test_fonts_are_noto_embedded_and_subset(pdfs, name, families):
    rows = run("pdffonts", str(pdfs[name])).splitlines()[2:]
    assert rows
    found = set()
    for row in rows:
        fontname, *_rest = row.split()
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+Noto-", fontname), row
        found.add(fontname.split("+", 1)[1])
    assert set(families) <= found


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_holds_every_paragraph_and_footnote(pdfs, name):
    pdf, akn = pdfs[name], akn_tree(name)
    pages = [body_text(pdf, i) for i in range(1, page_count(pdf) + 1)]
    notes = akn.xpath("//a:authorialNote", namespaces=NS)
    if EXPECTED[name][1] == "rtl":
        # pdftotext gives Arabic words in logical order, but its reading order mixes lines
        # across the gap after a paragraph number and moves neutral characters around digits
        # ("،1991"): every word must be there, as many times as the source has it.
        printed = Counter(words("\n".join(pages)))
        wanted = Counter(w for p in text_paragraphs(akn) for w in words(paragraph_text(p)))
        wanted.update(w for note in notes for w in words(note_text(note)))
        assert not wanted - printed, wanted - printed
        return
    stream = norm("".join(pages))
    for note in notes:  # the note texts sit in the page's footnote area: take them out
        printed = norm(note.get("marker") + note_text(note))
        assert printed in stream, printed
        stream = stream.replace(printed, "", 1)
    for p in text_paragraphs(akn):
        assert norm(paragraph_text(p)) in stream, paragraph_text(p)[:60]


def destinations(pdf: Path) -> dict[str, int]:
    """Named destinations (the HTML ids) -> page number, from ``pdfinfo -dests``."""
    out = {}
    for line in run("pdfinfo", "-dests", str(pdf)).splitlines():
        m = re.match(r'\s*(\d+)\s+\[.*\]\s+"(.*)"$', line)
        if m:
            out[m.group(2)] = int(m.group(1))
    return out


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_each_footnote_is_on_the_page_of_its_first_reference(pdfs, name):
    dests = destinations(pdfs[name])
    notes = akn_tree(name).xpath("//a:authorialNote", namespaces=NS)
    assert notes
    for note in notes:
        eid = note.get("eId")
        page = dests[f"ref-{eid}-1"]
        assert dests[eid] == page, f"{eid}: called on page {page}, printed on page {dests[eid]}"
        printed = body_text(pdfs[name], page)
        if EXPECTED[name][1] == "ltr":
            assert norm(note_text(note)) in norm(printed)
        else:
            assert set(words(note_text(note))) <= set(words(printed))


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_running_header_and_footer(pdfs, name):
    pdf = pdfs[name]
    _, _, symbol, job = EXPECTED[name]
    total = page_count(pdf)
    assert total >= 2
    first = run("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    assert job in first and f"1/{total}" not in first
    second = run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
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
    assert symbol in norm(header) or symbol in header
    assert f"2/{total}" in footer and job in footer
    assert second


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_akn_source_is_embedded_byte_identical(pdfs, name, tmp_path):
    pdf = pdfs[name]
    listing = run("pdfdetach", "-list", str(pdf))
    assert "1 embedded files" in listing and ".akn.xml" in listing
    out = tmp_path / "source.xml"
    run("pdfdetach", "-save", "1", "-o", str(out), str(pdf))
    assert out.read_bytes() == akn_bytes(name)
    objects = pdf_objects(pdf.read_bytes())
    assert re.search(rb"/AFRelationship\s*/Source", objects)
    assert re.search(rb"/Subtype\s*/application#2fxml", objects)
    assert re.search(rb"/AF\s*\[", objects)


def pdf_objects(data: bytes) -> bytes:
    """The PDF's objects as bytes, with Flate streams (object streams too) inflated."""
    parts = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            parts.append(zlib.decompress(data[m.end() : end]))
        except zlib.error:
            pass
    return b"\n".join(parts)


@needs_poppler
@pytest.mark.parametrize("name", NAMES)
def test_pdfa_identification_and_metadata(pdfs, name):
    xmp = run("pdfinfo", "-meta", str(pdfs[name]))
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
    lang, _, symbol, _ = EXPECTED[name]
    assert symbol in xmp and "un2akn" in xmp
    info = run("pdfinfo", str(pdfs[name]))
    assert re.search(r"Title:\s+" + re.escape(symbol), info)
    assert re.search(
        rb"/Lang\s*\(" + re.escape(lang.encode()) + rb"\)", pdf_objects(pdfs[name].read_bytes())
    )


@needs_poppler
def test_pdf_is_reproducible(pdfs):
    assert render_pdf(akn_bytes("en-res"), html=html_of("en-res")) == pdfs["en-res"].read_bytes()
