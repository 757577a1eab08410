"""The table of sponsor names (``converter/languages/states.toml``): its shape, and that it knows
every sponsor of the real drafts in the English corpus.

The splitter used here is a small reference implementation kept in this file on purpose, so that
the table is checked independently of the converter's own: the sponsors' list is the lines that
end at ": draft resolution", going back to a blank line or to an all-capitals line (the agenda
title of old documents); at each point of the list, after separators (", ", " and ", stray
commas), the longest known name is taken when it ends at a separator or at the end of the list
("Bosnia and Herzegovina" before "Bosnia"; "New Zealand Nicaragua", a comma lost in the source,
still reads as two names); otherwise the text up to the next separator is an unknown name.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from converter import languages

TABLE_PATH = Path(languages.__file__).parent / "states.toml"
TABLE = tomllib.loads(TABLE_PATH.read_text(encoding="utf-8"))
CODES = ("en", "fr", "es", "ru", "zh", "ar")
CORPUS = Path(__file__).parent / "fixtures" / "corpus"

# Sponsors' lists of real drafts, and the names in them that the table cannot know: OCR damage
# in the scanned 1971 document.
SPONSOR_FILES = {
    "S_2023_970": set(),
    "S_2024_302": set(),
    "S_2024_400": set(),
    "S_2024_557": set(),
    "S_2024_835": set(),
    "A_L.632_1971": {"Nicar~gua"},
}

SEPARATORS = re.compile(r"(?:\s*,\s*|\s+and\s+|\s+)+")
STAGE = re.compile(r":\s*draft resolution\s*$")


def fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("'", "’")).strip().casefold()


def names_of(code: str) -> dict[str, str]:
    """Every name of a language, folded, mapped to its id."""
    return {fold(n): key for key, entry in TABLE.items() for n in entry[code]}


def sponsors_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    end = next(i for i, line in enumerate(lines) if re.search(r"draft resolution\s*$", line))
    start = end
    while start > 0:
        prev = lines[start - 1].strip()
        letters = [c for c in prev if c.isalpha()]
        if not prev or (letters and all(c.isupper() for c in letters)):
            break
        start -= 1
    text = " ".join(line.strip() for line in lines[start : end + 1])
    m = STAGE.search(text)
    assert m, f"no ': draft resolution' in {path.name}"
    return text[: m.start()]


def split_sponsors(text: str, names: dict[str, str]) -> list[tuple[str, str | None]]:
    """(name as printed, id or None) for each sponsor, longest known name first."""
    by_length = sorted(names, key=len, reverse=True)
    text = re.sub(r"\s+", " ", text.replace("'", "’")).strip()
    out: list[tuple[str, str | None]] = []
    pos = 0
    while pos < len(text):
        sep = SEPARATORS.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        for name in by_length:
            end = pos + len(name)
            if text[pos:end].casefold() == name and (
                end == len(text) or SEPARATORS.match(text, end)
            ):
                out.append((text[pos:end], names[name]))
                pos = end
                break
        else:
            nxt = re.compile(r"\s*,\s*|\s+and\s+").search(text, pos)
            end = nxt.start() if nxt else len(text)
            out.append((text[pos:end], None))
            pos = end
    return out


# -- the table's shape -----------------------------------------------------------------------


def test_every_entry_has_all_six_languages():
    for key, entry in TABLE.items():
        assert set(entry) == set(CODES), key
        for code in CODES:
            names = entry[code]
            assert isinstance(names, list) and names, (key, code)
            assert all(isinstance(n, str) and n.strip() == n and n for n in names), (key, code)
            assert len(set(names)) == len(names), f"{key}.{code} lists a name twice"


def test_ids_are_lower_camel_case_ascii():
    for key in TABLE:
        assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", key), key
    assert len({k.casefold() for k in TABLE}) == len(TABLE)  # unique, even ignoring case


def test_no_name_under_two_ids():
    for code in CODES:
        seen: dict[str, str] = {}
        for key, entry in TABLE.items():
            for name in {fold(n) for n in entry[code]}:
                assert name not in seen, f"{code} {name!r} is under {seen[name]} and {key}"
                seen[name] = key


def test_member_and_observer_states():
    assert len(TABLE) >= 193 + 2
    for key in ("holySee", "stateOfPalestine", "europeanUnion"):
        assert key in TABLE
    members = [k for k in TABLE if k not in ("holySee", "stateOfPalestine", "europeanUnion")]
    assert len(members) == 193


@pytest.mark.parametrize(
    "key, code, name",
    [
        ("italy", "zh", "意大利"),
        ("italy", "en", "Italy"),
        ("unitedKingdom", "zh", "大不列颠及北爱尔兰联合王国"),
        ("unitedStates", "zh", "美利坚合众国"),
        ("russianFederation", "zh", "俄罗斯联邦"),
        ("bolivia", "zh", "多民族玻利维亚国"),
        ("venezuela", "zh", "委内瑞拉玻利瓦尔共和国"),
        ("democraticPeoplesRepublicOfKorea", "zh", "朝鲜民主主义人民共和国"),
        ("republicOfKorea", "zh", "大韩民国"),
        ("eswatini", "en", "Swaziland"),
        ("turkiye", "en", "Turkey"),
        ("netherlands", "en", "Netherlands (Kingdom of the)"),
        ("netherlands", "en", "Kingdom of the Netherlands"),
        ("coteDIvoire", "en", "Côte d'Ivoire"),  # straight apostrophe folded to the UN's ’
    ],
)
def test_known_names(key, code, name):
    assert names_of(code)[fold(name)] == key


def test_first_name_is_the_short_name():
    assert TABLE["unitedKingdom"]["en"][0] == "United Kingdom of Great Britain and Northern Ireland"
    assert TABLE["netherlands"]["en"][0] == "Netherlands (Kingdom of the)"
    assert TABLE["italy"]["zh"] == ["意大利"]


# -- the reference splitter -------------------------------------------------------------------


def test_splitter_takes_longest_names_first():
    names = names_of("en")
    got = split_sponsors(
        "Bosnia and Herzegovina, Niger, Nigeria, Saint Vincent and the "
        "Grenadines, United Kingdom of Great Britain and Northern Ireland and "
        "United States of America",
        names,
    )
    assert [k for _, k in got] == [
        "bosniaAndHerzegovina",
        "niger",
        "nigeria",
        "saintVincentAndTheGrenadines",
        "unitedKingdom",
        "unitedStates",
    ]
    got = split_sponsors(
        "Guinea, Guinea-Bissau, Equatorial Guinea, Dominica and Dominican Republic", names
    )
    assert [k for _, k in got] == [
        "guinea",
        "guineaBissau",
        "equatorialGuinea",
        "dominica",
        "dominicanRepublic",
    ]
    assert split_sponsors("Mexico, , Atlantis", names) == [("Mexico", "mexico"), ("Atlantis", None)]


# -- the real sponsors' lists -----------------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(SPONSOR_FILES))
def test_every_sponsor_in_the_corpus_is_known(stem):
    path = CORPUS / f"{stem}.en.pdftotext.txt"
    sponsors = split_sponsors(sponsors_text(path), names_of("en"))
    assert len(sponsors) >= 4
    unknown = {name for name, key in sponsors if key is None}
    assert unknown == SPONSOR_FILES[stem]
    keys = [key for _, key in sponsors if key]
    assert len(keys) == len(set(keys)), "a sponsor read twice"


def test_corpus_lists_read_as_expected():
    names = names_of("en")
    s302 = split_sponsors(sponsors_text(CORPUS / "S_2024_302.en.pdftotext.txt"), names)
    assert s302[0] == ("Albania", "albania")
    assert s302[-2:] == [
        ("United Kingdom of Great Britain and Northern Ireland", "unitedKingdom"),
        ("United States of America", "unitedStates"),
    ]
    assert ("Netherlands (Kingdom of the)", "netherlands") in s302
    assert ("Micronesia (Federated States of)", "micronesia") in s302
    s400 = split_sponsors(sponsors_text(CORPUS / "S_2024_400.en.pdftotext.txt"), names)
    assert ("Kingdom of the Netherlands", "netherlands") in s400
    assert ("Côte d’Ivoire", "coteDIvoire") in s400
    s970 = split_sponsors(sponsors_text(CORPUS / "S_2023_970.en.pdftotext.txt"), names)
    assert [k for _, k in s970[-3:]] == ["vietNam", "yemen", "zimbabwe"]
    assert ("Bolivia (Plurinational State of)", "bolivia") in s970
    assert ("Venezuela (Bolivarian Republic of)", "venezuela") in s970
    assert ("Türkiye", "turkiye") in s970
    i = [k for _, k in s970].index("newZealand")
    assert s970[i + 1] == ("Nicaragua", "nicaragua")  # "New Zealand Nicaragua": comma lost
    s1971 = split_sponsors(sponsors_text(CORPUS / "A_L.632_1971.en.pdftotext.txt"), names)
    assert s1971[0] == ("Australia", "australia")
    assert ("Swaziland", "eswatini") in s1971
    assert [k for _, k in s1971[-2:]] == ["unitedStates", "uruguay"]
