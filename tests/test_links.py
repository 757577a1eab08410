"""Tests of converter.links: the source's hyperlink lists matched to the references found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from converter.languages import load
from converter.parse.inline import RefMark, dates_of, find_inline
from converter.parse.links import LinkLine, RefSite, match_links, symbol_from_url

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "A-C.3-74-L.18.zh.txt"


# -- a small reader of the sample, for these tests only -----------------------------------------


@dataclass
class Page:
    number: int
    text: str = ""
    links: list[LinkLine] | None = None


FURNITURE = re.compile(r"^(?:_{5,}|A/C\.3/74/L\.18|19-17644 \d+/18)$")


def read_sample() -> list[Page]:
    """Pages of the sample, each ending with its list of links (the last may have none).

    Lines are joined with nothing between them (Chinese), without footnote rules, running
    header and footer; footnotes stay in the page's text. A line that starts with a space
    starts a paragraph (or a footnote, or a page): a new line of the page's text."""
    pages = [Page(1, links=[])]
    for number, raw in enumerate(SAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("https://"):
            pages[-1].links.append(LinkLine(pages[-1].number, number, line))
            continue
        if not line or FURNITURE.match(line):
            continue
        if pages[-1].links:
            pages.append(Page(pages[-1].number + 1, links=[]))
        pages[-1].text += ("\n" if raw.startswith(" ") else "") + line
    return pages


def sample_refs(
    known: dict[str, str] | None = None,
) -> tuple[list[Page], list[RefSite], list[list]]:
    zh = load("zh")
    pages = read_sample()
    marks = [
        [m for para in p.text.split("\n") for m in find_inline(para, zh, known=known)]
        for p in pages
    ]
    sites, key = [], 0
    for page, found in zip(pages, marks):
        for mark in found:
            if isinstance(mark, RefMark):
                sites.append(RefSite(key, page.number, mark.symbol))
                key += 1
    return pages, sites, marks


@pytest.fixture(scope="module")
def sample():
    pages, sites, marks = sample_refs()
    links = [link for p in pages for link in p.links]
    return pages, sites, links, match_links(sites, links)


def test_sample_has_73_links_on_12_lists(sample):
    pages, _, links, _ = sample
    assert len(links) == 73
    assert sum(1 for p in pages if p.links) == 12


def test_every_link_is_matched_or_a_split_half(sample):
    _, sites, links, result = sample
    assert [p for p in result.problems if p[1] == "link.unmatched"] == []
    assert len(result.links) + len(result.split) == len(links)
    assert set(result.links.values()) == {link.url for link in links}


def test_links_agree_with_the_symbols_found(sample):
    _, sites, _, result = sample
    by_key = {s.key: s for s in sites}
    assert result.symbols == {} and result.problems == []
    for key, url in result.links.items():
        symbol = by_key[key].symbol
        target = symbol_from_url(url)
        assert symbol == target or symbol.startswith(target + " "), (symbol, url)


def test_split_links_are_the_numbers_broken_across_lines(sample):
    _, _, _, result = sample
    assert [(s.line, s.url.rsplit("/ch/", 1)[1]) for s in result.split] == [
        (597, "A/RES/73/146"),
        (754, "A/RES/73/192"),
        (757, "A/RES/72/1"),
    ]


def test_known_dates_fill_in_undated_references():
    _, _, marks = sample_refs()
    known = {}
    for found in marks:
        known.update(dates_of(found))
    assert known["A/RES/70/1"] == "2015-09-25"
    _, _, again = sample_refs(known)
    refs = [m for found in again for m in found if isinstance(m, RefMark)]
    undated = sorted({m.symbol for m in refs if not m.date})
    assert "A/RES/70/1" not in undated
    assert all("/0000/" in m.href for m in refs if not m.date)  # the date marked unknown


# -- symbol_from_url -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, symbol",
    [
        ("https://undocs.org/ch/A/RES/46/152", "A/RES/46/152"),
        ("https://undocs.org/ch/E/RES/2019/17", "E/RES/2019/17"),
        ("https://undocs.org/ch/S/RES/2462(2019)", "S/RES/2462 (2019)"),
        ("https://undocs.org/ch/E/2016/30", "E/2016/30"),
        ("https://undocs.org/ch/A/CONF.192/15", "A/CONF.192/15"),
        ("https://undocs.org/ch/E/CN.15/2015/16", "E/CN.15/2015/16"),
        ("https://undocs.org/ch/A/RES/S-30/1", "A/RES/S-30/1"),
        ("https://undocs.org/A/73/131", "A/73/131"),
        ("https://undocs.org/en/S/RES/2462%20(2019)", "S/RES/2462 (2019)"),
        (
            "https://undocs.org/Home/Mobile?FinalSymbol=A%2FRES%2F46%2F152&Language=E",
            "A/RES/46/152",
        ),
        ("https://example.org/A/RES/46/152", None),
        ("https://undocs.org/ch/", None),
    ],
)
def test_symbol_from_url(url, symbol):
    assert symbol_from_url(url) == symbol


# -- match_links on made-up pages ------------------------------------------------------------------


def url(symbol: str) -> str:
    return "https://undocs.org/ch/" + symbol.replace(" (", "(")


def test_a_footnote_link_may_come_first():
    refs = [
        RefSite(0, 1, "A/RES/71/170"),
        RefSite(1, 1, "A/RES/69/194"),
        RefSite(2, 1, "E/2017/30"),
    ]
    links = [LinkLine(1, 10, url("E/2017/30")), LinkLine(1, 11, url("A/RES/69/194"))]
    result = match_links(refs, links)
    assert result.links == {2: url("E/2017/30"), 1: url("A/RES/69/194")}
    assert result.problems == [] and result.split == []


def test_a_page_without_a_list_leaves_its_links_to_the_next():
    refs = [RefSite(0, 1, "A/RES/1/1"), RefSite(1, 2, "A/RES/2/2"), RefSite(2, 3, "A/RES/3/3")]
    links = [
        LinkLine(1, 5, url("A/RES/1/1")),
        LinkLine(3, 20, url("A/RES/2/2")),
        LinkLine(3, 21, url("A/RES/3/3")),
    ]
    assert match_links(refs, links).links == {
        0: url("A/RES/1/1"),
        1: url("A/RES/2/2"),
        2: url("A/RES/3/3"),
    }


def test_a_link_does_not_reach_a_page_that_has_its_own_list():
    refs = [RefSite(0, 1, "A/RES/1/1"), RefSite(1, 2, "A/RES/2/2")]
    links = [LinkLine(1, 5, url("A/RES/2/2")), LinkLine(2, 9, url("A/RES/1/1"))]
    result = match_links(refs, links)
    assert result.links == {}
    assert [(p[0].line, p[1]) for p in result.problems] == [
        (5, "link.unmatched"),
        (9, "link.unmatched"),
    ]


def test_a_repeated_url_on_the_next_line_is_a_split_half_only_when_unneeded():
    one = [RefSite(0, 1, "A/RES/73/146")]
    links = [LinkLine(1, 5, url("A/RES/73/146")), LinkLine(1, 6, url("A/RES/73/146"))]
    result = match_links(one, links)
    assert result.links == {0: url("A/RES/73/146")} and result.split == [links[1]]
    two = one + [RefSite(1, 1, "A/RES/73/146")]
    result = match_links(two, links)
    assert len(result.links) == 2 and result.split == []


def test_the_url_settles_the_organ():
    refs = [RefSite(0, 1, "A/RES/2019/17"), RefSite(1, 1, "A/RES/67/234 B")]
    links = [LinkLine(1, 5, url("E/RES/2019/17")), LinkLine(1, 6, url("A/RES/67/234"))]
    result = match_links(refs, links)
    assert result.links == {0: url("E/RES/2019/17"), 1: url("A/RES/67/234")}
    assert result.symbols == {0: "E/RES/2019/17"}
    assert [(p[0], p[1]) for p in result.problems] == [(refs[0], "link.symbol")]


def test_a_link_to_nothing_in_the_text_is_reported():
    result = match_links([RefSite(0, 1, "A/RES/1/1")], [LinkLine(1, 5, url("A/73/131"))])
    assert result.links == {}
    assert result.problems[0][1:] == ("link.unmatched", "no reference to A/73/131 on page 1")


def test_urls_spelt_otherwise_than_the_text_still_find_their_reference():
    # URLs drop the spaces inside parentheses, glue the part letter, leave out the part
    # letter of an old number, or name a part, volume or supplement the text's symbol lacks
    refs = [
        RefSite(0, 1, "NPT/CONF.2000/28 (Parts I and II)"),
        RefSite(1, 1, "A/RES/75/290 A"),
        RefSite(2, 1, "A/RES/2200 A (XXI)"),
        RefSite(3, 1, "NPT/CONF.2010/50"),
        RefSite(4, 1, "A/64/27"),
    ]
    targets = [
        "NPT/CONF.2000/28%20(PartsIandII)",
        "A/RES/75/290a",
        "A/RES/2200(XXI)",
        "NPT/CONF.2010/50%20(Vol.I)",
        "A/64/27%20(supp)",
    ]
    links = [LinkLine(1, 5 + k, url(t)) for k, t in enumerate(targets)]
    result = match_links(refs, links)
    assert result.problems == []
    assert result.links == {k: url(t) for k, t in enumerate(targets)}


def test_lists_of_resolutions_with_late_part_letters_and_adoption_dates():
    en = load("en")
    text = (
        "Recalling its resolutions 49/75 J of 15 December 1994, 54/54 T of 1 December 1999 "
        "and 57/65 of 22 November 2002, and Security Council resolutions 1754 (2007) on "
        "30 April 2007 and 1783 (2007) on 31 October 2007, and the final document "
        "(CCW/CONF.VI/11),"
    )
    refs = [m for m in find_inline(text, en) if isinstance(m, RefMark)]
    assert [(r.symbol, r.date) for r in refs] == [
        ("A/RES/49/75 J", "1994-12-15"),
        ("A/RES/54/54 T", "1999-12-01"),
        ("A/RES/57/65", "2002-11-22"),
        ("S/RES/1754 (2007)", "2007-04-30"),
        ("S/RES/1783 (2007)", "2007-10-31"),
        ("CCW/CONF.VI/11", ""),
    ]


def test_a_marker_after_the_year_of_a_security_council_resolution_keeps_the_reference():
    # "1267 (1999).1": the ".1" is the footnote marker glued after the full stop, no decimal
    refs = [m for m in find_inline("pursuant to resolution 1267 (1999).1 Petitioners", load("en"))]
    assert [r.symbol for r in refs if isinstance(r, RefMark)] == ["S/RES/1267 (1999)"]
    assert [r for r in find_inline("resolution 70/1.5 of", load("en"))] == []


def test_a_topic_phrase_does_not_end_a_list_of_resolutions():
    text = (
        "Recalling its resolutions 63/71 of 2 December 2008 on the Convention on Cluster "
        "Munitions and 70/54 of 7 December 2015, 71/45 of 5 December 2016 and 77/79 of "
        "7 December 2022 on the implementation of the Convention, and 5 others"
    )
    refs = [m for m in find_inline(text, load("en")) if isinstance(m, RefMark)]
    assert [r.symbol for r in refs] == ["A/RES/63/71", "A/RES/70/54", "A/RES/71/45", "A/RES/77/79"]
    assert refs[1].date == "2015-12-07"


def test_titles_markers_and_special_sessions_inside_lists_of_resolutions():
    text = (
        "Noting Council resolutions 55/29 of 5 April 2024, entitled “Rights of the child”,17 "
        "56/5 of 10 July 2024 on countering cyberbullying19 and 54/5 of 10 October 2023, and "
        "its resolutions 1874 (S-IV) of 27 June 1963 and 3101 (XXVIII) of 11 December 1973,"
    )
    refs = [m for m in find_inline(text, load("en")) if isinstance(m, RefMark)]
    assert [r.symbol.split("/RES/")[1] for r in refs] == [
        "55/29",
        "56/5",
        "54/5",
        "1874 (S-IV)",
        "3101 (XXVIII)",
    ]
