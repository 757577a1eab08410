"""Tests of converter.inline: dates and references to UN documents in running text.

The strings are quoted from the Chinese sample (A/C.3/74/L.18) and the English corpus, or are
the UN's own forms in the other languages.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from converter.languages import CODES, load
from converter.parse import inline
from converter.parse.inline import ORGANS, DateSpan, RefMark, dates_of, find_dates, find_inline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def dates(text: str, code: str = "zh") -> list[tuple[str, str]]:
    return [
        (text[m.start : m.end], m.iso)
        for m in find_inline(text, load(code))
        if isinstance(m, DateSpan)
    ]


def refs(text: str, code: str = "zh", **kw) -> list[tuple[str, str]]:
    return [
        (text[m.start : m.end], m.symbol)
        for m in find_inline(text, load(code), **kw)
        if isinstance(m, RefMark)
    ]


def ref(text: str, code: str = "zh", **kw) -> RefMark:
    found = [m for m in find_inline(text, load(code), **kw) if isinstance(m, RefMark)]
    assert len(found) == 1, found
    return found[0]


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019 年 7 月 23 日", [("2019 年 7 月 23 日", "2019-07-23")]),
        ("的2018年12月17日第73/192", [("2018年12月17日", "2018-12-17")]),
        ("2018 年12 月 17 日第 73/185 号", [("2018 年12 月 17 日", "2018-12-17")]),
        ("2012年 9 月 19 日", [("2012年 9 月 19 日", "2012-09-19")]),
        ("2017 年 12 月 19日第 72/196 号", [("2017 年 12 月 19日", "2017-12-19")]),
        ("2018 年\n12 月 17 日", [("2018 年\n12 月 17 日", "2018-12-17")]),
        # ranges and lists: one mark per date, around the words that name it
        (
            "定于 2020 年 4 月 20 日至 27 日在日本京都举行",
            [("2020 年 4 月 20 日", "2020-04-20"), ("27 日", "2020-04-27")],
        ),
        (
            "二十国集团 2019 年 6 月 28 日和 29 日在日本大阪举行",
            [("2019 年 6 月 28 日", "2019-06-28"), ("29 日", "2019-06-29")],
        ),
        (
            "哈瓦那，1990 年 8 月 27 日至 9 月 7 日，",
            [("1990 年 8 月 27 日", "1990-08-27"), ("9 月 7 日", "1990-09-07")],
        ),
        (
            "2014 年11 月 11 日至 13 日在曼谷举行",
            [("2014 年11 月 11 日", "2014-11-11"), ("13 日", "2014-11-13")],
        ),
        (
            "2019 年 12 月 30 日至 1 月 2 日",
            [("2019 年 12 月 30 日", "2019-12-30"), ("1 月 2 日", "2020-01-02")],
        ),
        # partial or impossible dates are not marked: a day is never invented
        ("在这方面表示注意到 2018 年 4 月设立全球司法廉政网", []),
        ("《2030 年可持续发展议程》", []),
        ("将在 2020 年迎来二十周年纪念", []),
        ("2019 年 2 月 30 日", []),
        ("《经济及社会理事会正式记录，2016 年，补编第 10 号》", []),
    ],
)
def test_chinese_dates(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on 23 July 2019,", [("23 July 2019", "2019-07-23")]),
        ("Distr.: General 5 November 2018", [("5 November 2018", "2018-11-05")]),
        (
            "in Kyoto, Japan, from 20 to 27 April 2020,",
            [("20", "2020-04-20"), ("27 April 2020", "2020-04-27")],
        ),
        (
            "held in Moscow on 16 and 17 November 2017, and",
            [("16", "2017-11-16"), ("17 November 2017", "2017-11-17")],
        ),
        (
            "held from 27 August to 7 September 1990",
            [("27 August", "1990-08-27"), ("7 September 1990", "1990-09-07")],
        ),
        (
            "from 30 December to 2 January 2020",
            [("30 December", "2019-12-30"), ("2 January 2020", "2020-01-02")],
        ),
        (
            "1 August 2012–31 July 2013",
            [("1 August 2012", "2012-08-01"), ("31 July 2013", "2013-07-31")],
        ),
        ("in April 2018", []),
        ("in 2018", []),
        ("Goal 16 of the 2030 Agenda", []),
    ],
)
def test_english_dates(text, expected):
    assert dates(text, "en") == expected


@pytest.mark.parametrize(
    "code, text, expected",
    [
        ("fr", "du 18 décembre 1991", [("18 décembre 1991", "1991-12-18")]),
        ("fr", "le 1er janvier 2020", [("1er janvier 2020", "2020-01-01")]),
        ("fr", "du 20 au 27 avril 2020", [("20", "2020-04-20"), ("27 avril 2020", "2020-04-27")]),
        ("es", "de 18 de diciembre de 1991", [("18 de diciembre de 1991", "1991-12-18")]),
        (
            "es",
            "del 20 al 27 de abril de 2020",
            [("20", "2020-04-20"), ("27 de abril de 2020", "2020-04-27")],
        ),
        ("ru", "от 18 декабря 1991 года", [("18 декабря 1991 года", "1991-12-18")]),
        (
            "ru",
            "с 20 по 27 апреля 2020 года",
            [("20", "2020-04-20"), ("27 апреля 2020 года", "2020-04-27")],
        ),
        ("ar", "المؤرخ 18 كانون الأول/ديسمبر 1991", [("18 كانون الأول/ديسمبر 1991", "1991-12-18")]),
        (
            "ar",
            "28 و 29 حزيران/يونيه 2019",
            [("28", "2019-06-28"), ("29 حزيران/يونيه 2019", "2019-06-29")],
        ),
    ],
)
def test_dates_in_other_languages(code, text, expected):
    assert dates(text, code) == expected


# -- resolutions and decisions, Chinese ------------------------------------------------------------


def test_a_list_of_dated_resolutions():
    text = (
        "重申其 1991 年 12 月 18 日第 46/152 号、2005 年 9 月 16 日第 60/1 号、2012年 9 月 19 日"
        "第 67/1 号、2014 年 12 月 18 日第 69/193 和 69/196 号、2015 年 12 月17 日第 70/178 和 "
        "70/182 号、2016 年 12 月 19 日第 71/209 号、2017 年 12 月 19日第 72/196 号和 2018 年 "
        "12 月 17 日第 73/186 号决议，"
    )
    found = [m for m in find_inline(text, load("zh")) if isinstance(m, RefMark)]
    assert [(text[m.start : m.end], m.symbol, m.date) for m in found] == [
        ("46/152", "A/RES/46/152", "1991-12-18"),
        ("60/1", "A/RES/60/1", "2005-09-16"),
        ("67/1", "A/RES/67/1", "2012-09-19"),
        ("69/193", "A/RES/69/193", "2014-12-18"),
        ("69/196", "A/RES/69/196", "2014-12-18"),
        ("70/178", "A/RES/70/178", "2015-12-17"),
        ("70/182", "A/RES/70/182", "2015-12-17"),
        ("71/209", "A/RES/71/209", "2016-12-19"),
        ("72/196", "A/RES/72/196", "2017-12-19"),
        ("73/186", "A/RES/73/186", "2018-12-17"),
    ]
    assert found[0].href == "/akn/un/statement/deliberation/un-ga/1991-12-18/A-RES-46-152"
    assert {m.actor for m in found} == {"un-ga"} and {m.kind for m in found} == {"resolution"}


def test_a_date_does_not_reach_past_hao():
    text = "使它们能够根据第 70/299 号和 2018 年 7 月 23 日第 72/305 号决议的规定"
    assert [
        (m.symbol, m.date) for m in find_inline(text, load("zh")) if isinstance(m, RefMark)
    ] == [("A/RES/70/299", ""), ("A/RES/72/305", "2018-07-23")]
    text = "依照 2016 年 12 月 19 日第 71/208 号、第 72/1号和第 72/196 号决议编写的报告；31"
    assert [
        (m.symbol, m.date) for m in find_inline(text, load("zh")) if isinstance(m, RefMark)
    ] == [("A/RES/71/208", "2016-12-19"), ("A/RES/72/1", ""), ("A/RES/72/196", "")]


def test_ecosoc_by_name_and_by_shape():
    m = ref(
        "欢迎经济及社会理事会关于第十三届联合国预防犯罪和刑事司法大会的后续行动和第十四届"
        "联合国预防犯罪和刑事司法大会的筹备工作的 2019 年 7 月 23日第 2019/17 号决议，"
    )
    assert (m.symbol, m.actor, m.href) == (
        "E/RES/2019/17",
        "un-ecosoc",
        "/akn/un/statement/deliberation/un-ecosoc/2019-07-23/E-RES-2019-17",
    )
    assert refs("经济及社会理事会 2019 年 7 月 23 日第 2019/19 和 2019/20 号决议") == [
        ("2019/19", "E/RES/2019/19"),
        ("2019/20", "E/RES/2019/20"),
    ]
    m = ref("又欢迎关于在预防犯罪和刑事司法综合政策中包括促进的第 2017/19 号决议，")
    assert (m.symbol, m.actor, m.date, m.date_from) == (
        "E/RES/2017/19",
        "un-ecosoc",
        "2017",
        "symbol",
    )


def test_security_council():
    m = ref("并考虑到安全理事会 2019 年 3 月 24 日第 2462(2019)号决议，其中安理会注意到")
    assert (m.symbol, m.actor, m.date) == ("S/RES/2462 (2019)", "un-sc", "2019-03-24")
    assert m.href == "/akn/un/statement/deliberation/un-sc/2019-03-24/S-RES-2462_(2019)"
    m = ref("与安全理事会关于反恐怖主义的第1373(2001)号决议所设委员会")
    assert (m.symbol, m.date, m.date_from) == ("S/RES/1373 (2001)", "2001", "symbol")


def test_commission_resolutions():
    m = ref(
        "表示注意到预防犯罪和刑事司法委员会关于通过法律援助提供者网络等途径促进法律援助的 "
        "2016 年 5 月 27 日第 25/2 号决议，8 其中委员会鼓励会员国"
    )
    assert (m.symbol, m.actor, m.date) == ("E/CN.15/RES/25/2", "un-ccpcj", "2016-05-27")
    assert inline.ORGANS["un-ccpcj"].constructed
    m = ref(
        "欢迎预防犯罪和刑事司法委员会关于将性别平等观念纳入的 2017 年 5 月 26 日第26/3 号决议，12"
    )
    assert (m.symbol, m.actor) == ("E/CN.15/RES/26/3", "un-ccpcj")
    m = ref(
        "欢迎 2018 年 10 月 15 日至 19 日在维也纳举行的第九次公约缔约方会议通过题为“建立机制”的 "
        "2018 年 10 月 19 日第 9/1 号决议，32"
    )
    assert (m.symbol, m.actor) == ("CTOC/COP/RES/9/1", "un-ctoc-cop")


def test_the_nearest_organ_wins_and_its_means_the_citing_organ():
    text = (
        "欢迎预防犯罪和刑事司法委员会 2018 年 5 月 18 日第 27/5 号决议，21 其中委员会侧重指出需要"
        "加强司法合作，并注意到各会员国努力执行大会 2013 年 12 月 18 日第 68/186 号、第 69/196 号"
        "和 2018 年 12 月 13 日第 73/130 号决议，"
    )
    assert [s for _, s in refs(text)] == [
        "E/CN.15/RES/27/5",
        "A/RES/68/186",
        "A/RES/69/196",
        "A/RES/73/130",
    ]
    text = (
        "预防犯罪和刑事司法委员会的工作，并回顾其关于打击野生动植物的非法贩运的 "
        "2017 年 9 月 11 日第 71/326 号决议"
    )
    assert refs(text) == [("71/326", "A/RES/71/326")]
    assert ref("回顾其第 73/130 号决议，", own_actor="un-hrc").symbol == "A/HRC/RES/73/130"


def test_special_session_and_parts():
    assert refs("28 S-30/1 号决议，附件。") == [("S-30/1", "A/RES/S-30/1")]
    m = ref("26 见 67/234 B 号决议。")
    assert "26 见 67/234 B 号决议。"[m.start : m.end] == "67/234 B"
    assert (m.symbol, m.date, m.href) == (
        "A/RES/67/234 B",
        "",
        "/akn/un/statement/deliberation/un-ga/0000/A-RES-67-234_B",
    )


def test_decisions():
    m = ref("回顾其第 73/555 号决定，")
    assert (m.symbol, m.kind) == ("A/DEC/73/555", "decision")


@pytest.mark.parametrize(
    "text",
    [
        "1 联合国，《条约汇编》，第 2225、2237、2241 和 2326 卷，第 39574 号。",
        "16 同上，第 2171 和 2173 卷，第 27531 号；",
        "酌情根据该议定书第 6 条，并根据本国法律法规",
        "《联合国打击跨国有组织犯罪公约》第 2 (b)条所界定的严重犯罪；",
        "尤其是根据《公约》第 14 条第 2 款的规定",
        "(联合国出版物，出售品编号：C.91.IV.2)，第一章，B 节。",
        "《经济及社会理事会正式记录，2016 年，补编第 10 号》",
        "赞赏地注意到缔约国数目已达 190 个",
        "支持会员国制定具体犯罪领域特别是涉及跨国犯罪问题和可持续发展目标 7 的适当应对措施",
        "第 2 条第 1 款；第 70 届会议",
    ],
)
def test_numbers_that_are_not_references(text):
    assert refs(text) == []


def test_a_sc_shaped_number_in_a_treaty_series_citation_is_not_a_resolution():
    assert refs("联合国，《条约汇编》，第 1577 卷，第 27531(1990)号决议") == []


# -- other documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, symbol, actor",
    [
        (
            "8 见《经济及社会理事会正式记录，2016 年，补编第 10 号》(E/2016/30)，第一章，D 节。",
            "E/2016/30",
            "un-ecosoc",
        ),
        ("35 见 E/CN.15/2015/16。", "E/CN.15/2015/16", "un-ccpcj"),
        ("32 见 CTOC/COP/2018/13，第一.A 节。", "CTOC/COP/2018/13", "un-ctoc-cop"),
        ("纽约》(A/CONF.192/15)，第四章，第 24 段。", "A/CONF.192/15", "un-ga"),
        ("31 A/73/131。", "A/73/131", "un-ga"),
        ("of the Security Council (S/2023/962), ", "S/2023/962", "un-sc"),
        ("[without reference to a Main Committee (A/73/L.3)]", "A/73/L.3", "un-ga"),
        ("See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.", "FCCC/CP/2015/10/Add.1", None),
        ("adopted on 15 March 2002 in S/PRST/2002/6.", "S/PRST/2002/6", "un-sc"),
    ],
)
def test_document_symbols(text, symbol, actor):
    m = ref(text, "en" if text.isascii() else "zh")
    assert (text[m.start : m.end], m.symbol, m.actor, m.kind) == (symbol, symbol, actor, "document")
    assert m.href == "/akn/un/doc/0000/" + symbol.replace("/", "-")


def test_resolution_symbols_printed_in_full():
    m = ref("see A/RES/46/152 and", "en")
    assert (m.symbol, m.kind, m.href) == (
        "A/RES/46/152",
        "document",
        "/akn/un/statement/deliberation/un-ga/0000/A-RES-46-152",
    )
    m = ref("see S/RES/2462 (2019) and", "en")
    assert (m.symbol, m.href) == (
        "S/RES/2462 (2019)",
        "/akn/un/statement/deliberation/un-sc/2019/S-RES-2462_(2019)",
    )
    m = ref("see E/RES/2019/17.", "en")
    assert m.href == "/akn/un/statement/deliberation/un-ecosoc/2019/E-RES-2019-17"


# -- resolutions and decisions, English ------------------------------------------------------------


def test_english_dated_list_a_res_73_8():
    text = (
        "Recalling its resolutions 47/19 of 24 November 1992, 48/16 of 3 November 1993, "
        "49/9 of 26 October 1994, 50/10 of 2 November 1995,"
    )
    found = [m for m in find_inline(text, load("en")) if isinstance(m, RefMark)]
    assert [(text[m.start : m.end], m.symbol, m.date) for m in found] == [
        ("47/19", "A/RES/47/19", "1992-11-24"),
        ("48/16", "A/RES/48/16", "1993-11-03"),
        ("49/9", "A/RES/49/9", "1994-10-26"),
        ("50/10", "A/RES/50/10", "1995-11-02"),
    ]


def test_english_undated_list_a_res_73_8():
    text = (
        "Concerned that, since the adoption of its resolutions 47/19, 48/16, 49/9, 50/10, "
        "51/17, 52/10, 53/4, 54/21, 55/20, 56/9, 57/11, 58/7, 59/11, 60/12, 61/11, 62/3, 63/7, "
        "64/6, 65/6, 66/6, 67/4, 68/8, 69/5, 70/5, 71/5 and 72/4, the economic"
    )
    found = refs(text, "en")
    assert len(found) == 26 and found[-1] == ("72/4", "A/RES/72/4")
    assert all(
        not m.date and m.href.startswith("/akn/un/statement/deliberation/un-ga/0000/A-RES-")
        for m in find_inline(text, load("en"))
        if isinstance(m, RefMark)
    )


def test_english_old_and_shared_dates():
    text = (
        "Recalling its resolutions 2453 A (XXIII) of 20 December 1968, 37/90 of 10 December "
        "1982, 54/68 of 6 December 1999, 59/2 of 20 October 2004 and 72/79 of 7 December 2017,"
    )
    assert refs(text, "en")[:2] == [
        ("2453 A (XXIII)", "A/RES/2453 A (XXIII)"),
        ("37/90", "A/RES/37/90"),
    ]
    text = "Recalling resolutions 69/193 and 69/196 of 18 December 2014,"
    assert [m.date for m in find_inline(text, load("en")) if isinstance(m, RefMark)] == [
        "2014-12-18",
        "2014-12-18",
    ]


def test_english_organs():
    text = (
        "and take note of World Health Assembly resolution 69.2 of 28 May 2016 and Human "
        "Rights Council resolution 33/11 of 29 September 2016 on preventable"
    )
    m = ref(text, "en")
    assert (m.symbol, m.actor, m.date) == ("A/HRC/RES/33/11", "un-hrc", "2016-09-29")
    text = (
        "Welcoming Economic and Social Council resolutions 2019/19 and 2019/20 of "
        "23 July 2019, and recalling its decision 73/555,"
    )
    assert [
        (m.symbol, m.actor, m.kind, m.date)
        for m in find_inline(text, load("en"))
        if isinstance(m, RefMark)
    ] == [
        ("E/RES/2019/19", "un-ecosoc", "resolution", "2019-07-23"),
        ("E/RES/2019/20", "un-ecosoc", "resolution", "2019-07-23"),
        ("A/DEC/73/555", "un-ga", "decision", ""),
    ]
    text = (
        "Taking note of Commission on Crime Prevention and Criminal Justice resolution 25/2, "
        "and recalling its resolution 73/186"
    )
    assert [s for _, s in refs(text, "en")] == ["E/CN.15/RES/25/2", "A/RES/73/186"]


def test_english_security_council_lists():
    text = "including resolutions 2712, 2720 (2023), 2728 and 2735 (2024), leading to"
    assert refs(text, "en", own_actor="un-sc") == [
        ("2712", "S/RES/2712 (2023)"),
        ("2720 (2023)", "S/RES/2720 (2023)"),
        ("2728", "S/RES/2728 (2024)"),
        ("2735 (2024)", "S/RES/2735 (2024)"),
    ]
    text = "Recalling resolution 1730 (2006), and the relevant statements of its President,"
    assert ref(text, "en", own_actor="un-sc").symbol == "S/RES/1730 (2006)"
    text = "including resolution 46/182 on the strengthening"
    assert ref(text, "en", own_actor="un-sc").actor == "un-ga"


@pytest.mark.parametrize(
    "text",
    [
        "United Nations, Treaty Series, vol. 2225, No. 39574.",
        "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
        "World Health Assembly resolution 71.3 of 26 May 2018;",
        "paragraphs 3 and 5 of resolution",
        "the 2030 Agenda for Sustainable Development, Goal 16",
        "document WHA69/2016/REC/1.",
        "resolution 2712 and",
    ],
)
def test_english_numbers_that_are_not_resolutions(text):
    assert [s for _, s in refs(text, "en") if "/RES/" in s or "/DEC/" in s] == []


# -- other languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, text",
    [
        ("fr", "Rappelant sa résolution 46/152 du 18 décembre 1991,"),
        ("es", "Recordando su resolución 46/152, de 18 de diciembre de 1991,"),
        ("ru", "ссылаясь на свою резолюцию 46/152 от 18 декабря 1991 года,"),
        ("ar", "إذ تشير إلى القرار 46/152 المؤرخ 18 كانون الأول/ديسمبر 1991،"),
    ],
)
def test_the_un_forms_in_other_languages(code, text):
    m = ref(text, code)
    assert (text[m.start : m.end], m.symbol, m.actor, m.date) == (
        "46/152",
        "A/RES/46/152",
        "un-ga",
        "1991-12-18",
    )


@pytest.mark.parametrize(
    "code, text, expected",
    [
        (
            "fr",
            "ses résolutions 69/193 et 69/196 du 18 décembre 2014 et la résolution 2462 (2019) "
            "du Conseil de sécurité",
            ["A/RES/69/193", "A/RES/69/196", "S/RES/2462 (2019)"],
        ),
        ("fr", "la décision 73/555 de l'Assemblée générale", ["A/DEC/73/555"]),
        (
            "es",
            "las resoluciones del Consejo Económico y Social 2019/19 y 2019/20",
            ["E/RES/2019/19", "E/RES/2019/20"],
        ),
        (
            "ru",
            "резолюцию Совета Безопасности 2462 (2019) и решение 73/555",
            ["S/RES/2462 (2019)", "A/DEC/73/555"],
        ),
        (
            "ru",
            "резолюцию 25/2 Комиссии по предупреждению преступности и уголовному правосудию",
            ["A/RES/25/2"],
        ),
        (
            "ar",
            "وقرار مجلس الأمن 2462 (2019) وقراريها 69/193 و 69/196",
            ["S/RES/2462 (2019)", "A/RES/69/193", "A/RES/69/196"],
        ),
    ],
)
def test_references_in_other_languages(code, text, expected):
    assert [s for _, s in refs(text, code)] == expected


# -- known dates, tables, code ---------------------------------------------------------------------


def test_known_dates_date_undated_references():
    zh = load("zh")
    known = dates_of(find_inline("重申其 2015 年 9 月 25 日第 70/1 号决议，", zh))
    assert known == {"A/RES/70/1": "2015-09-25"}
    m = ref("2. 重申其题为“变革我们的世界：2030 年可持续发展议程”的第 70/1 号决议，", known=known)
    assert (m.date, m.date_from, m.href) == (
        "2015-09-25",
        "known",
        "/akn/un/statement/deliberation/un-ga/2015-09-25/A-RES-70-1",
    )


def test_marks_are_sorted_and_do_not_overlap():
    text = (
        "回顾其 2014 年 12 月 18 日第 69/187 号和 2015 年 12 月 17 日第 70/147 号决议，此外还回顾"
        "经济及社会理事会 2014 年 7 月 16 日第 2014/23 号和 2015 年 7 月 21 日第 2015/23 号决议，"
    )
    marks = find_inline(text, load("zh"))
    assert len(marks) == 8
    assert all(a.end <= b.start for a, b in zip(marks, marks[1:]))


@pytest.mark.parametrize("code", CODES)
def test_every_language_has_complete_inline_tables(code):
    lang = load(code)
    months = lang.value("inline", "dates", "months")
    assert months == [] if code == "zh" else len(months) == 12
    for key in (
        "resolution",
        "decision",
        "glue",
        "keyword_position",
        "date_position",
        "date_link",
        "share",
        "sentence_end",
        "treaty_series",
        "own",
    ):
        assert lang.value("inline", "refs", key) is not None, key
    organs = lang.section("inline", "organs")
    assert {"un-ga", "un-sc", "un-ecosoc"} <= set(organs)
    assert set(organs) - {"ignore"} <= set(ORGANS)
    assert find_dates("", lang) == []


def test_the_code_has_no_language_strings():
    """Every word of a language lives in the tables: no non-ASCII string outside docstrings."""
    modules = [
        p.relative_to(ROOT / "converter").as_posix()
        for p in sorted((ROOT / "converter" / "parse" / "inline").glob("*.py"))
    ]
    for module in [*modules, "parse/links.py", "organs/__init__.py"]:
        tree = ast.parse((ROOT / "converter" / module).read_text(encoding="utf-8"))
        docs = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        strings = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
        ]
        assert [s for s in strings if not s.isascii()] == [], module
        assert not [s for s in strings if re.search(r"General Assembly|Security Council", s)]


# -- the English corpus ---------------------------------------------------------------------------


def test_english_corpus_a_res_73_6():
    text = " ".join(
        line.strip() for line in (CORPUS / "A_RES_73_6.en.pdftotext.txt").read_text().splitlines()
    )
    found = [m for m in find_inline(text, load("en")) if isinstance(m, RefMark)]
    resolutions = [(m.symbol, m.date) for m in found if m.kind == "resolution"]
    assert resolutions[:5] == [
        ("A/RES/2453 A (XXIII)", "1968-12-20"),
        ("A/RES/37/90", "1982-12-10"),
        ("A/RES/54/68", "1999-12-06"),
        ("A/RES/59/2", "2004-10-20"),
        ("A/RES/72/79", "2017-12-07"),
    ]
    assert ("A/RES/51/122", "1996-12-13") in resolutions
    assert sum(m.symbol.startswith("A/AC.105/") for m in found) == 20
