"""The reference sample, A/C.3/74/L.18 in Chinese: the issue's "done when" criteria."""

from __future__ import annotations

import gc
import re
from collections import Counter

from converter import convert
from converter.ids import symbol_to_number
from converter.parse.links import symbol_from_url
from tests.conftest import AKN, SAMPLE


def text_of(el) -> str:
    return "".join(el.itertext())


def own_text(el) -> str:
    """The text of ``el`` without the footnotes standing in it (markers stay out too)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in (AKN + "authorialNote", AKN + "noteRef"):
            parts.append(own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def source_footnotes() -> dict[str, str]:
    """The footnote bodies read straight from the sample file (an oracle independent of the
    converter): after each rule, lines " N text" and their continuation lines."""
    notes: dict[str, str] = {}
    current = None
    in_block = False
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("____"):
            in_block, current = True, None
            continue
        if not in_block or not line.strip():
            continue
        m = re.match(r"^ (\d{1,2}) (.*)$", line)
        if m and int(m.group(1)) == len(notes) + 1:
            current = m.group(1)
            notes[current] = m.group(2).strip()
        elif (
            line.startswith("http")
            or line.startswith(" http")
            or line.startswith(" ")
            or line.startswith("A/C.3")
        ):
            in_block = False
        elif current:
            notes[current] += line.strip()
    return notes


def test_identity_and_heading(sample_tree):
    root = sample_tree.getroot()
    statement = root.find(AKN + "statement")
    assert statement.get("name") == "resolutionDraft"
    number = root.find(f".//{AKN}FRBRWork/{AKN}FRBRnumber")
    assert (number.get("value"), number.get("showAs")) == ("A-C.3-74-L.18", "A/C.3/74/L.18")
    assert root.find(f".//{AKN}FRBRlanguage").get("language") == "zho"
    session = root.find(f".//{AKN}preface//{AKN}session")
    assert session.get("value") == "74" and session.text == "第七十四届会议"
    agenda = root.find(f".//{AKN}preface//{AKN}inline[@name='agendaItem']")
    assert agenda.text == "106"
    committee = root.find(f".//{AKN}docCommittee")
    tlc = root.find(f".//{AKN}TLCOrganization[@eId='{committee.get('refersTo')[1:]}']")
    assert committee.get("refersTo") == "#thirdCommittee" and tlc is not None
    proponent = root.find(f".//{AKN}docProponent")
    assert proponent.text == "意大利" and proponent.get("refersTo") == "#italy"  # as in English
    assert root.find(f".//{AKN}TLCOrganization[@eId='italy']").get("showAs") == "意大利"
    assert root.find(f".//{AKN}docStage").text == "决议草案"
    assert (
        text_of(root.find(f".//{AKN}docTitle"))
        == "加强联合国预防犯罪和刑事司法方案，特别是其技术合作能力"
    )
    assert text_of(root.find(f".//{AKN}formula")) == "大会，"


def test_paragraphs_are_counted_and_typed(sample_tree):
    root = sample_tree.getroot()
    preamble = root.findall(f".//{AKN}preamble/{AKN}container")
    operative = root.findall(f".//{AKN}mainBody/{AKN}paragraph")
    assert len(preamble) == 71
    assert [p.findtext(AKN + "num") for p in operative] == [f"{n}." for n in range(1, 66)]
    for c in preamble:
        assert c.get("name") not in (None, "unknown"), text_of(c)[:20]
        assert own_text(c).rstrip().endswith("，"), own_text(c)[-20:]
        assert c.find(f"{AKN}p/{AKN}inline[@name='openingPhrase']") is not None
    for p in operative:
        assert p.get("refersTo") not in (None, "#unknown"), text_of(p)[:20]
    assert all(own_text(p.find(AKN + "content")).rstrip().endswith("；") for p in operative[:-1])
    assert own_text(operative[-1].find(AKN + "content")).rstrip().endswith("。")
    # a few types and modifiers, checked by hand against the source
    assert (preamble[0].get("name"), preamble[0].get("class")) == ("reaffirming", None)
    assert (preamble[1].get("name"), preamble[1].get("class")) == ("reaffirming", "also")
    assert operative[4].get("refersTo") == "#urges"  # 5. 敦促


def test_footnotes_have_their_source_text(sample_tree):
    root = sample_tree.getroot()
    notes = {
        n.get("marker"): re.sub(r"\s+", "", text_of(n)) for n in root.iter(AKN + "authorialNote")
    }
    expected = {k: re.sub(r"\s+", "", v) for k, v in source_footnotes().items()}
    assert len(expected) == 36
    assert notes == expected


def test_references_first_and_repeats(sample_tree):
    root = sample_tree.getroot()
    first = [n.get("marker") for n in root.iter(AKN + "authorialNote")]
    repeats = [n.get("marker") for n in root.iter(AKN + "noteRef")]
    assert first == [str(n) for n in range(1, 37)]
    assert Counter(repeats) == Counter(["1", "2", "3", "4", "5", "6", "7", "12", "19", "25"])
    for ref in root.iter(AKN + "noteRef"):
        assert root.find(f".//*[@eId='{ref.get('href')[1:]}']").get("marker") == ref.get("marker")


def test_no_furniture_in_document_text(sample_tree):
    root = sample_tree.getroot()
    body = "".join(
        text_of(root.find(f"{AKN}statement/{AKN}{part}"))
        for part in ("preface", "preamble", "mainBody")
    )
    for furniture in ("https://", "undocs.org", "19-17644", "2/18", "A/C.3/74/L.18", "____"):
        assert furniture not in body


def test_two_runs_are_identical(sample_result):
    again = convert(SAMPLE)
    assert again.xml == sample_result.xml


def test_date_is_derived_not_invented(sample_result, sample_tree):
    root = sample_tree.getroot()
    assert (
        root.find(f".//{AKN}FRBRWork/{AKN}FRBRuri").get("value")
        == "/akn/un/statement/deliberation/un-ga/2019/A-C.3-74-L.18"
    )
    assert root.find(f".//{AKN}FRBRWork/{AKN}FRBRdate").get("name") == "yearOnly"
    assert any(d.code == "metadata.date_derived" for d in sample_result.diagnostics)
    dated = convert(SAMPLE, date="2019-10-31")
    assert b"/un-ga/2019-10-31/A-C.3-74-L.18" in dated.xml
    assert not any(d.code == "metadata.date_derived" for d in dated.diagnostics)


def test_every_hyperlink_line_is_accounted_for(sample_result, sample_tree):
    root = sample_tree.getroot()
    links = root.findall(".//{urn:x-un2akn:proprietary:1}link")
    assert len(links) == 73 and all(l.get("matched") == "true" for l in links)
    alternatives = root.findall(f".//{AKN}alternativeReference")
    assert len(alternatives) == 70  # the other 3 are second halves of links split over lines
    for alt in alternatives:
        ref = root.find(f".//{AKN}ref[@eId='{alt.get('for')[1:]}']")
        # the link settles the target: the ref's IRI names the linked document (or a part
        # of it: "67/234 B" links to A/RES/67/234)
        number = symbol_to_number(symbol_from_url(alt.get("href")))
        assert ref.get("href").rsplit("/", 1)[1].startswith(number), ref.get("href")
    assert not [d for d in sample_result.diagnostics if d.code == "link.unmatched"]


def test_references_and_dates(sample_tree):
    root = sample_tree.getroot()
    refs = {r.text: r.get("href") for r in root.iter(AKN + "ref")}
    assert refs["46/152"] == "/akn/un/statement/deliberation/un-ga/1991-12-18/A-RES-46-152"
    assert refs["2019/17"] == "/akn/un/statement/deliberation/un-ecosoc/2019-07-23/E-RES-2019-17"
    assert refs["2462(2019)"].startswith("/akn/un/statement/deliberation/un-sc/2019")
    assert refs["E/2016/30"] == "/akn/un/doc/0000/E-2016-30"
    assert "A/CONF.192/15" in refs and "S-30/1" in refs and "67/234 B" in refs
    dates = [(d.text, d.get("date")) for d in root.iter(AKN + "date")]
    assert ("2016 年 5 月 27 日", "2016-05-27") in dates
    assert ("2020 年 4 月 20 日", "2020-04-20") in dates and ("27 日", "2020-04-27") in dates
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) for _, iso in dates)
    # month-and-year is never completed into a day ("2018 年 4 月设立")
    assert not any(text.replace(" ", "") == "2018年4月" for text, _ in dates)


def test_conversion_leaves_no_reference_cycles():
    """Everything a conversion makes is freed by reference counting when the result goes:
    a cycle would keep the whole document alive until the cyclic collector runs. (A first
    conversion warms up: imports and caches may leave garbage of their own once.)"""
    convert(SAMPLE)
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        convert(SAMPLE)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
