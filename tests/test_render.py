"""Tests of the HTML writer (converter.writers.html) on hand-made AKN fixtures in
fixtures/render/.

The PDF writer (Typst) and the font checks are tested in test_typst.py, on the same fixtures,
the sample, the English corpus texts and a footnote-crowded stress document.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from lxml import etree
from tinyhtml5.parser import HTMLParser

from converter.writers import RenderError, links, render_html
from converter.writers.languages import for_code

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
    failures, tried = doctest.testmod(links, verbose=False)
    assert failures == 0 and tried
    lang = for_code("eng")
    url = links.resolver_url("/akn/un/statement/deliberation/un-sc/2019/S-RES-2462_(2019)", lang)
    assert url == "https://undocs.org/en/S/RES/2462%20(2019)"
    assert links.resolver_url("javascript:alert(1)", lang) is None


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
