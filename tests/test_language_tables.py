"""The French, Spanish, Russian and Arabic structure tables: a synthetic draft and an adopted
resolution per language, written as the UN prints them, converted end to end; and the session
ordinals of the heading block read by `converter.numbers`."""

from __future__ import annotations

import pytest

from converter import convert
from converter.languages import load
from converter.languages.numbering import parse_number
from converter.model import plain_text
from tests.conftest import assert_valid

RULE = "__________________"

# Per language: masthead (draft, adopted), heading lines, formula, preamble, operative, note.
TEXTS = {
    "fr": dict(
        masthead=[
            "Nations Unies",
            "A/C.3/74/L.99",
            "Assemblée générale",
            "Distr. limitée",
            "1er novembre 2019",
            "Français",
            "Original : anglais",
        ],
        masthead_res=[
            "Nations Unies",
            "A/RES/74/177",
            "Assemblée générale",
            "Distr. générale",
            "27 janvier 2020",
            "Original : anglais",
        ],
        session="Soixante-quatorzième session",
        agenda="Point 106 de l’ordre du jour",
        sponsors="Italie et Turkménistan : projet de résolution",
        title="Renforcement du programme des Nations Unies pour la prévention du crime et "
        "la justice pénale",
        adopted="Résolution adoptée par l’Assemblée générale le 18 décembre 2019",
        report="[sur la base du rapport de la Troisième Commission (A/74/400)]",
        formula="L’Assemblée générale,",
        preamble=[
            "Réaffirmant sa résolution 46/152 du 18 décembre 1991,",
            "Rappelant sa résolution 73/185 du 17 décembre 2018,1",
            "Profondément préoccupée par les effets néfastes de la criminalité "
            "transnationale organisée,",
        ],
        operative=[
            "1. Prend note avec satisfaction du rapport du Secrétaire général ;",
            "2. Prie le Secrétaire général :",
            "a) De lui présenter un rapport à sa soixante-quinzième session ;",
            "b) De continuer à fournir une assistance technique.",
        ],
        closing=["50e séance plénière", "18 décembre 2019"],
        note="1 A/74/130.",
        sponsor_names="Italie|Turkménistan",
    ),
    "es": dict(
        masthead=[
            "Naciones Unidas",
            "A/C.3/74/L.99",
            "Asamblea General",
            "Distr. limitada",
            "1 de noviembre de 2019",
            "Español",
            "Original: inglés",
        ],
        masthead_res=[
            "Naciones Unidas",
            "A/RES/74/177",
            "Asamblea General",
            "Distr. general",
            "27 de enero de 2020",
            "Original: inglés",
        ],
        session="Septuagésimo cuarto período de sesiones",
        agenda="Tema 106 del programa",
        sponsors="Italia y Turkmenistán: proyecto de resolución",
        title="Fortalecimiento del Programa de las Naciones Unidas en materia de Prevención "
        "del Delito y Justicia Penal",
        adopted="Resolución aprobada por la Asamblea General el 18 de diciembre de 2019",
        report="[sobre la base del informe de la Tercera Comisión (A/74/400)]",
        formula="La Asamblea General,",
        preamble=[
            "Reafirmando su resolución 46/152, de 18 de diciembre de 1991,",
            "Recordando su resolución 73/185, de 17 de diciembre de 2018,1",
            "Profundamente preocupada por los efectos negativos de la delincuencia "
            "organizada transnacional,",
        ],
        operative=[
            "1. Toma nota con aprecio del informe del Secretario General;",
            "2. Solicita al Secretario General:",
            "a) Que le presente un informe en su septuagésimo quinto período de sesiones;",
            "b) Que siga prestando asistencia técnica.",
        ],
        closing=["50ª sesión plenaria", "18 de diciembre de 2019"],
        note="1 A/74/130.",
        sponsor_names="Italia|Turkmenistán",
    ),
    "ru": dict(
        masthead=[
            "Организация Объединенных Наций",
            "A/C.3/74/L.99",
            "Генеральная Ассамблея",
            "Distr.: Limited",
            "1 ноября 2019 года",
            "Russian",
            "Original: English",
        ],
        masthead_res=[
            "Организация Объединенных Наций",
            "A/RES/74/177",
            "Генеральная Ассамблея",
            "Distr.: General",
            "27 января 2020 года",
            "Original: English",
        ],
        session="Семьдесят четвертая сессия",
        agenda="Пункт 106 повестки дня",
        sponsors="Италия и Туркменистан: проект резолюции",
        title="Укрепление Программы Организации Объединенных Наций в области предупреждения "
        "преступности и уголовного правосудия",
        adopted="Резолюция, принятая Генеральной Ассамблеей 18 декабря 2019 года",
        report="[по докладу Третьего комитета (A/74/400)]",
        formula="Генеральная Ассамблея,",
        preamble=[
            "вновь подтверждая свою резолюцию 46/152 от 18 декабря 1991 года,",
            "ссылаясь на свою резолюцию 73/185 от 17 декабря 2018 года,1",
            "будучи глубоко обеспокоена негативными последствиями транснациональной "
            "организованной преступности,",
        ],
        operative=[
            "1. с признательностью принимает к сведению доклад Генерального секретаря;",
            "2. просит Генерального секретаря:",
            "а) представить ей доклад на ее семьдесят пятой сессии;",
            "б) продолжать оказывать техническую помощь.",
        ],
        closing=["50-е пленарное заседание", "18 декабря 2019 года"],
        note="1 A/74/130.",
        sponsor_names="Италия|Туркменистан",
    ),
    "ar": dict(
        masthead=[
            "الأمم المتحدة",
            "A/C.3/74/L.99",
            "الجمعية العامة",
            "Distr.: Limited",
            "1 تشرين الثاني/نوفمبر 2019",
            "Arabic",
            "الأصل: بالإنكليزية",
        ],
        masthead_res=[
            "الأمم المتحدة",
            "A/RES/74/177",
            "الجمعية العامة",
            "Distr.: General",
            "27 كانون الثاني/يناير 2020",
            "الأصل: بالإنكليزية",
        ],
        session="الدورة الرابعة والسبعون",
        agenda="البند 106 من جدول الأعمال",
        sponsors="إيطاليا وتركمانستان: مشروع قرار",
        title="تعزيز برنامج الأمم المتحدة لمنع الجريمة والعدالة الجنائية",
        adopted="القرار الذي اتخذته الجمعية العامة في 18 كانون الأول/ديسمبر 2019",
        report="[بناء على تقرير اللجنة الثالثة (A/74/400)]",
        formula="إن الجمعية العامة،",
        preamble=[
            "إذ تؤكد من جديد قرارها 46/152 المؤرخ 18 كانون الأول/ديسمبر 1991،",
            "وإذ تشير إلى قرارها 73/185 المؤرخ 17 كانون الأول/ديسمبر 2018،1",
            "وإذ يساورها بالغ القلق إزاء الآثار السلبية للجريمة المنظمة عبر الوطنية،",
        ],
        operative=[
            "1. تحيط علما مع التقدير بتقرير الأمين العام؛",
            "2. تطلب إلى الأمين العام:",
            "(أ) أن يقدم إليها تقريرا في دورتها الخامسة والسبعين؛",
            "(ب) أن يواصل تقديم المساعدة التقنية.",
        ],
        closing=["الجلسة العامة 50", "18 كانون الأول/ديسمبر 2019"],
        note="1 A/74/130.",
        sponsor_names="إيطاليا|تركمانستان",
    ),
}

LANGS = list(TEXTS)


POINTS = {"fr": ["a)", "b)"], "es": ["a)", "b)"], "ru": ["а)", "б)"], "ar": ["(أ)", "(ب)"]}


def draft_text(code: str) -> str:
    t = TEXTS[code]
    lines = (
        t["masthead"]
        + ["", t["session"], t["agenda"], t["sponsors"], "", t["title"], t["formula"]]
        + t["preamble"]
        + t["operative"]
        + [RULE, t["note"]]
    )
    return "\n".join(lines) + "\n"


def adopted_text(code: str) -> str:
    t = TEXTS[code]
    lines = (
        t["masthead_res"]
        + [
            "",
            t["session"],
            t["agenda"],
            t["adopted"],
            t["report"],
            "74/177. " + t["title"],
            t["formula"],
        ]
        + t["preamble"]
        + t["operative"]
        + t["closing"]
        + [RULE, t["note"]]
    )
    return "\n".join(lines) + "\n"


def converted(text: str, code: str):
    result = convert(text, lang=code)
    errors = [d.format() for d in result.diagnostics if d.severity >= 2]
    assert not errors, "\n".join(errors)
    assert_valid(result.xml)
    return result


def refs(content):
    return [(i.marker, i.first) for i in content if type(i).__name__ == "NoteRef"]


@pytest.mark.parametrize("code", LANGS)
def test_draft_resolution(code):
    result = converted(draft_text(code), code)
    doc = result.document
    assert [h.kind for h in doc.heading] == ["session", "agendaItem", "sponsors", "title"]
    assert doc.heading[1].value("items") == "106"
    assert doc.heading[2].value("sponsors") == TEXTS[code]["sponsor_names"]
    assert doc.facts.session == "74"
    assert doc.facts.statement == "resolutionDraft" and doc.facts.actor == "un-ga"
    assert doc.facts.symbol == "A/C.3/74/L.99" and doc.facts.committee == "3"
    assert doc.facts.date == "2019-11-01"
    kinds = {m.kind for m in doc.masthead}
    assert {"authority", "organ", "distribution", "date", "original"} <= kinds, kinds
    assert len(doc.preamble) == 3 and len(doc.operative) == 2
    assert all(p.num is None for p in doc.preamble)
    assert [p.num for p in doc.operative] == ["1.", "2."]
    # each language letters its sub-paragraphs as the UN prints them there
    assert [p.num for p in doc.operative[1].points] == POINTS[code]
    assert 'eId="para_2__list_1__point_b"' in result.xml.decode("utf-8")  # same in every language
    assert not doc.operative[0].points
    types = [p.opening.type if p.opening else None for p in doc.preamble + doc.operative]
    assert types == [
        "reaffirming",
        "recalling",
        "deeplyConcerned",
        "takesNoteWithAppreciation",
        "requests",
    ], types
    # the footnote: its body is attached and referred to once, at the end of paragraph 2
    assert [n.marker for n in doc.notes] == ["1"]
    assert plain_text(doc.notes[0].content).strip() == "A/74/130."
    assert refs(doc.preamble[1].content) == [("1", True)]
    assert not any(refs(p.content) for p in (doc.preamble[0], doc.preamble[2]) + doc.operative)


@pytest.mark.parametrize("code", LANGS)
def test_adopted_resolution(code):
    result = converted(adopted_text(code), code)
    doc = result.document
    assert [h.kind for h in doc.heading] == [
        "session",
        "agendaItem",
        "adopted",
        "report",
        "number",
        "title",
    ]
    assert doc.facts.symbol == "A/RES/74/177" and doc.facts.statement == "resolution"
    assert doc.facts.session == "74"
    assert doc.heading[4].value("number") == "74/177"
    assert doc.heading[2].value("date")  # the adoption date is marked
    assert doc.facts.date == "2020-01-27"  # the masthead's date
    assert [plain_text(c.content) for c in doc.closing] == TEXTS[code]["closing"]
    assert len(doc.preamble) == 3 and len(doc.operative) == 2
    assert refs(doc.preamble[1].content) == [("1", True)]
    xml = result.xml.decode("utf-8")
    assert '<docDate date="2019-12-18" refersTo="#adoption">' in xml


@pytest.mark.parametrize("code", ["fr", "es", "ar", "ru"])
def test_committee_read_from_the_report_line(code):
    doc = converted(adopted_text(code), code).document
    assert doc.facts.committee == "3"


SESSIONS = [1, 9, 10, 21, 45, 60, 70, 74, 79, 80]
ORDINALS = {
    "fr": [
        "Première",
        "Neuvième",
        "Dixième",
        "Vingt et unième",
        "Quarante-cinquième",
        "Soixantième",
        "Soixante-dixième",
        "Soixante-quatorzième",
        "Soixante-dix-neuvième",
        "Quatre-vingtième",
    ],
    "es": [
        "Primer",
        "Noveno",
        "Décimo",
        "Vigésimo primer",
        "Cuadragésimo quinto",
        "Sexagésimo",
        "Septuagésimo",
        "Septuagésimo cuarto",
        "Septuagésimo noveno",
        "Octogésimo",
    ],
    "ru": [
        "Первая",
        "Девятая",
        "Десятая",
        "Двадцать первая",
        "Сорок пятая",
        "Шестидесятая",
        "Семидесятая",
        "Семьдесят четвертая",
        "Семьдесят девятая",
        "Восьмидесятая",
    ],
    "ar": [
        "الأولى",
        "التاسعة",
        "العاشرة",
        "الحادية والعشرون",
        "الخامسة والأربعون",
        "الستون",
        "السبعون",
        "الرابعة والسبعون",
        "التاسعة والسبعون",
        "الثمانون",
    ],
}


@pytest.mark.parametrize("code", LANGS)
def test_session_ordinals(code):
    lang = load(code)
    assert [parse_number(w, lang) for w in ORDINALS[code]] == SESSIONS


@pytest.mark.parametrize(
    "code, words, value",
    [
        ("fr", "Soixante et onzième", 71),
        ("fr", "Quatre-vingt-dix-neuvième", 99),
        ("fr", "soixante-quatorzième", 74),
        ("es", "Decimotercer", 13),
        ("ru", "Семьдесят четвёртая", 74),
        ("ar", "الحادية عشرة", 11),
    ],
)
def test_more_ordinals(code, words, value):
    assert parse_number(words, load(code)) == value


@pytest.mark.parametrize(
    "code, line",
    [
        ("fr", "Soixante-quatorzième session"),
        ("fr", "Dixième session extraordinaire d'urgence"),
        ("es", "Septuagésimo cuarto período de sesiones"),
        ("es", "Décimo período extraordinario de sesiones de emergencia"),
        ("ru", "Семьдесят четвертая сессия"),
        ("ru", "Десятая чрезвычайная специальная сессия"),
        ("ar", "الدورة الرابعة والسبعون"),
        ("ar", "الدورة الاستثنائية الطارئة العاشرة"),
    ],
)
def test_session_lines(code, line):
    m = load(code).regex("heading", "session").match(line)
    assert m and parse_number(m.group("number"), load(code))


@pytest.mark.parametrize(
    "code, line, items",
    [
        ("fr", "Points 20 et 21 de l'ordre du jour", "20 et 21"),
        ("fr", "Point 70 a) de l’ordre du jour", "70 a)"),
        ("es", "Temas 20 y 21 del programa", "20 y 21"),
        ("ru", "Пункты 20 и 21 повестки дня", "20 и 21"),
        ("ar", "البندان 20 و 21 من جدول الأعمال", "20 و 21"),
    ],
)
def test_agenda_item_lines(code, line, items):
    m = load(code).regex("heading", "agenda_item").match(line)
    assert m and m.group("items") == items


@pytest.mark.parametrize(
    "code, line",
    [
        ("en", "99th plenary meeting"),
        ("en", "69th (resumed) plenary meeting"),
        ("fr", "1re séance plénière"),
        ("es", "50ª sesión plenaria"),
        ("ru", "50-е пленарное заседание"),
        ("ar", "الجلسة العامة 50"),
    ],
)
def test_closing_meeting_lines(code, line):
    assert load(code).regex("heading", "closing_meeting").match(line)


@pytest.mark.parametrize(
    "code, line",
    [
        ("fr", "Annexe"),
        ("fr", "Annexe II"),
        ("es", "Anexo I"),
        ("ru", "Приложение"),
        ("ru", "Приложение II"),
        ("ar", "المرفق"),
        ("ar", "المرفق الثاني"),
    ],
)
def test_annex_lines(code, line):
    assert load(code).regex("heading", "annex").match(line)


@pytest.mark.parametrize("code", LANGS)
def test_tables_have_the_sections_of_english(code):
    en, lang = load("en").data, load(code).data
    for section in (
        "formula",
        "organs",
        "committees",
        "punctuation",
        "heading",
        "stages",
        "numbers",
        "footnotes",
        "masthead",
    ):
        assert section in lang, section
    assert set(en["heading"]) == set(lang["heading"])
    assert set(en["committees"]) == set(lang["committees"])
    assert set(en["masthead"]) == set(lang["masthead"])
    assert set(en["footnotes"]) == set(lang["footnotes"])
    assert set(en["punctuation"]) == set(lang["punctuation"])


def test_arabic_numbering_and_glued_marker_as_the_un_prints_them():
    """Arabic operative paragraphs numbered "1 - …", a marker glued to an Arabic word, and a
    resolution number followed by " - " before its title."""
    t = TEXTS["ar"]
    text = adopted_text("ar").replace("1. تحيط", "1 - تحيط").replace("2. تطلب", "2 - تطلب")
    text = (
        text.replace("74/177. ", "74/177 - ")
        .replace("2018،1", "2018،")
        .replace("الوطنية،", "الوطنية1،")
    )
    result = converted(text, "ar")
    doc = result.document
    assert [p.num for p in doc.operative] == ["1 -", "2 -"]
    assert 'eId="para_1"' in result.xml.decode("utf-8")
    assert refs(doc.preamble[2].content) == [("1", True)]
    assert [h.kind for h in doc.heading][-2:] == ["number", "title"]
    assert plain_text(doc.heading[-1].content) == t["title"]
