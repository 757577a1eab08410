"""The paragraphs of the amended draft that an amendment names (`parse.amendment.targets`):
ordinals in every form the language inflects them, compound ordinals, and lists whose every
number is linked, in the six languages' tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import convert_ok
from lxml import etree

from converter.akn.ns import AKN_NS
from converter.languages import load
from converter.parse.amendment import targets

TEXTS = Path(__file__).parent / "corpus" / "texts"
DRAFT = "A/C.3/74/L.99"


def _found(code: str, text: str) -> list[tuple[str, str]]:
    return [(text[a:b], href.split("/~")[1]) for a, b, href in targets(text, load(code), DRAFT)]


@pytest.mark.parametrize(
    "text, want",
    [
        ("В пятом пункте преамбулы исключить", [("пятом пункте преамбулы", "preambular_5")]),
        ("Исключить пятый пункт преамбулы.", [("пятый пункт преамбулы", "preambular_5")]),
        ("После четвертого пункта преамбулы", [("четвертого пункта преамбулы", "preambular_4")]),
        ("В третьем пункте преамбулы", [("третьем пункте преамбулы", "preambular_3")]),
        ("Во втором пункте преамбулы", [("втором пункте преамбулы", "preambular_2")]),
        (
            "В двадцать первом пункте преамбулы",
            [("двадцать первом пункте преамбулы", "preambular_21")],
        ),
        (
            "в пятом и седьмом пунктах преамбулы",
            [("пятом", "preambular_5"), ("седьмом", "preambular_7")],
        ),
        ("пункт 5 постановляющей части", [("пункт 5 постановляющей части", "para_5")]),
        ("Исключить пункты 3 и 5 постановляющей части", [("3", "para_3"), ("5", "para_5")]),
    ],
)
def test_russian_ordinals_in_every_case_and_gender(text, want):
    assert _found("ru", text) == want


@pytest.mark.parametrize(
    "code, text, want",
    [
        ("en", "Delete operative paragraphs 35, 38 and 39.", ["para_35", "para_38", "para_39"]),
        (
            "en",
            "Delete operative paragraphs 5, 6, 10 and 13.",
            ["para_5", "para_6", "para_10", "para_13"],
        ),
        (
            "en",
            "In the fourth, fifth and seventh preambular paragraphs",
            ["preambular_4", "preambular_5", "preambular_7"],
        ),
        ("fr", "Supprimer les paragraphes 3 et 5 du dispositif.", ["para_3", "para_5"]),
        ("fr", "Aux quatrième et septième alinéas du préambule", ["preambular_4", "preambular_7"]),
        ("es", "Suprímanse los párrafos 3 y 5 de la parte dispositiva.", ["para_3", "para_5"]),
        ("ru", "Исключить пункты 3, 4 и 6 постановляющей части.", ["para_3", "para_4", "para_6"]),
        ("ar", "تحذف الفقرات 3 و5 و7 من المنطوق.", ["para_3", "para_5", "para_7"]),
        ("ar", "تحذف الفقرتان 3 و 5 من المنطوق.", ["para_3", "para_5"]),
        ("zh", "删除执行部分第3、5和7段。", ["para_3", "para_5", "para_7"]),
        ("zh", "删除执行部分第3段和第5段。", ["para_3", "para_5"]),
    ],
)
def test_every_number_of_a_list_is_a_target(code, text, want):
    found = _found(code, text)
    assert [target for _, target in found] == want
    assert all(words.strip() == words and words for words, _ in found)


@pytest.mark.parametrize(
    "code, text, want",
    [
        (
            "en",
            "In the twenty-first preambular paragraph, delete",
            ("twenty-first preambular paragraph", "preambular_21"),
        ),
        (
            "fr",
            "Au vingt et unième alinéa du préambule",
            ("vingt et unième alinéa du préambule", "preambular_21"),
        ),
        (
            "es",
            "En el vigésimo primer párrafo del preámbulo",
            ("vigésimo primer párrafo del preámbulo", "preambular_21"),
        ),
        ("en", "In operative paragraph 5, replace", ("operative paragraph 5", "para_5")),
    ],
)
def test_one_target_is_the_whole_phrase(code, text, want):
    assert _found(code, text) == [want]


@pytest.mark.parametrize(
    "text",
    [
        "Replace “the preambular paragraphs and the operative paragraphs” with “the text”.",
        "After operative paragraph, insert the following preambular paragraph:",
        "In paragraphs 63 and 68 of the report, replace",  # no part of the draft is named
    ],
)
def test_no_target_where_no_paragraph_number_is_given(text):
    assert _found("en", text) == []


@pytest.mark.parametrize(
    "name, want",
    [
        ("A_80_L.38", ["preambular_21", "para_35", "para_38", "para_39"]),
        ("A_80_L.35", ["para_5", "para_6", "para_10", "para_13"]),
    ],
)
def test_corpus_lists_of_targets(name, want):
    result = convert_ok(TEXTS / f"{name}.en.txt")
    hrefs = [
        r.get("href").split("/~")[1]
        for r in etree.fromstring(result.xml).iter(f"{{{AKN_NS}}}ref")
        if "/~" in (r.get("href") or "")
    ]
    assert all(target in hrefs for target in want), hrefs
    at = hrefs.index(want[0])
    assert hrefs[at : at + len(want)] == want
