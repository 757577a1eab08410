"""Paragraph segmentation on small generated documents, in English and French: where a
preambular paragraph starts (lower-case wrapped lines, openings the table lacks), operative
numbering by section, long numbers and long letter lists."""

from __future__ import annotations

from converter.model import Heading, plain_text
from tests.conftest import convert_ok

HEAD = {
    "en": "Testing segmentation\nThe General Assembly,\n",
    "fr": "Essai de segmentation\nL’Assemblée générale,\n",
    "ru": "Проверка сегментации\nГенеральная Ассамблея,\n",
}


def document(lang: str, body: str) -> bytes:
    """A minimal resolution: title, enacting formula, then ``body`` as printed."""
    return (HEAD[lang] + body.strip("\n") + "\n").encode("utf-8")


def preamble(lang: str, body: str) -> list[str]:
    doc = convert_ok(document(lang, body), lang=lang, date="2025-01-02").document
    return [plain_text(p.content) for p in doc.preamble]


def test_lower_case_line_continues_the_preambular_paragraph():
    en = preamble(
        "en",
        """
Reaffirming the Paris Agreement and its early entry into force,
encouraging all its parties to implement the Agreement,
Recalling its resolution 76/213,
recognizing that the Agreement needs support,
1.
Decides to remain seized of the matter.
""",
    )
    assert len(en) == 2
    assert en[0].endswith("encouraging all its parties to implement the Agreement,")
    fr = preamble(
        "fr",
        """
Réaffirmant l’Accord de Paris et son entrée en vigueur rapide,
rappelant à toutes les parties de l’appliquer,
Rappelant sa résolution 76/213,
1.
Décide de rester saisie de la question.
""",
    )
    assert len(fr) == 2 and fr[0].endswith("rappelant à toutes les parties de l’appliquer,")
    # Russian opens its preambular paragraphs in lower case: the table says so
    ru = preamble(
        "ru",
        """
ссылаясь на свою резолюцию 76/213,
подтверждая Парижское соглашение,
1.
Постановляет продолжить рассмотрение этого вопроса.
""",
    )
    assert len(ru) == 2


def test_blank_lines_mark_openings_the_table_lacks():
    """Where the input puts a blank line before every preambular paragraph, a capitalised
    line after a blank and a comma opens one even when its phrase is not in the table."""
    body = """
Recalling its resolution 70/1 of 25 September 2015, on the
2030 Agenda for Sustainable Development,

Recognizing the importance of disseminating the findings of the Committee,

Noting the need to allocate sufficient resources to the Committee,

Welcoming the work of the Committee,

Recommitting to the full implementation of the Agenda, and to the
Committee,

Commemorating all victims of organized crime,

1.
Decides to remain seized of the matter.
"""
    texts = preamble("en", body)
    assert [t.split()[0] for t in texts] == [
        "Recalling",
        "Recognizing",
        "Noting",
        "Welcoming",
        "Recommitting",
        "Commemorating",
    ]
    # without the blank lines there is no such evidence: the unknown openings stay merged
    assert len(preamble("en", body.replace("\n\n", "\n"))) == 4
    fr = preamble(
        "fr",
        """
Rappelant sa résolution 70/1 du 25 septembre 2015,

Considérant l’importance des travaux du Comité,

Soulignant la nécessité de ressources suffisantes,

Notant les travaux du Comité,

Commémorant toutes les victimes de la criminalité,

1.
Décide de rester saisie de la question.
""",
    )
    assert len(fr) == 5 and fr[4].startswith("Commémorant")


def operative(lang: str, body: str):
    result = convert_ok(document(lang, body), lang=lang, date="2025-01-02")
    shape = [
        ("H", b.num, len(b.content) and plain_text(b.content)) if isinstance(b, Heading) else b.num
        for b in result.document.operative
    ]
    return shape, result.xml.decode("utf-8")


LONG = "for the period from 1 July 2025 to 30 June 2026 and the related financing arrangements"


def test_cross_headings_of_any_length_before_the_next_paragraph():
    """A heading line as long as the text, or two lines long, between two numbered paragraphs
    is a heading: it swallows no paragraph and the numbering goes on."""
    shape, xml = operative(
        "en",
        f"""
Recalling its resolution 79/1,
1.
Requests the Secretary-General to entrust the Head of Mission with the task;
Budget performance report {LONG}
2. Takes note of the report of the Secretary-General on the budget;
Budget estimates for the period from 1 July 2025 to 30 June 2026 and
the related financing arrangements of the Force
3. Decides to appropriate the amount of 1,000 dollars.
""",
    )
    assert shape == [
        "1.",
        ("H", None, f"Budget performance report {LONG}"),
        "2.",
        (
            "H",
            None,
            "Budget estimates for the period from 1 July 2025 to 30 June 2026 and "
            "the related financing arrangements of the Force",
        ),
        "3.",
    ]
    assert 'eId="para_3"' in xml and "crossHeading" in xml


def test_sections_restart_their_numbering_in_their_own_scope():
    """Sections (I, II with a title of one or two lines; "A. Title") whose numbering starts
    again at 1: each section is a numbering scope, its paragraphs' eIds say which."""
    shape, xml = operative(
        "fr",
        """
Rappelant sa résolution 79/1,
I
Activités du Bureau des services de contrôle interne
1. Prend note du rapport du Secrétaire général;
2. Décide de poursuivre l’examen de la question;
II
Activités du Comité consultatif indépendant pour les questions d’audit et des organes
subsidiaires qui lui font rapport
1. Prie le Secrétaire général de lui faire rapport;
2. Décide de rester saisie de la question.
""",
    )
    assert shape == [
        ("H", "I", "Activités du Bureau des services de contrôle interne"),
        "1.",
        "2.",
        (
            "H",
            "II",
            "Activités du Comité consultatif indépendant pour les questions d’audit et "
            "des organes subsidiaires qui lui font rapport",
        ),
        "1.",
        "2.",
    ]
    assert 'eId="hcontainer_1__para_2"' in xml and 'eId="hcontainer_2__para_1"' in xml
    # numbering that goes on through the sections keeps the part's own eIds
    shape, xml = operative(
        "en",
        """
Recalling its resolution 79/1,
A. General matters
1. Takes note of the report;
Section 2
Other matters of the Organization
2. Decides to remain seized of the matter.
""",
    )
    assert shape == [
        ("H", "A.", "General matters"),
        "1.",
        ("H", None, "Section 2 Other matters of the Organization"),
        "2.",
    ]
    assert 'eId="para_2"' in xml


def test_four_digit_numbers_and_long_letter_lists():
    """Paragraph numbers from 1000 on; a list that runs (h), (i), (j): "(i)" after "(h)" is a
    letter, unless "(h)" introduces a list of its own (then "(i)" is roman, by the sequence)."""
    points = "\n".join(f"({c}) Item {c} of the list;" for c in "abcdefghijk")
    paras = "\n".join(f"{n}. Decides to consider item {n};" for n in range(1, 1003))
    result = convert_ok(
        document(
            "en",
            f"""
Recalling its resolution 79/1,
{paras}
1003. Requests the Secretary-General to report on:
{points}
(l) The last item:
(i) Its first part;
(ii) Its second part;
1004. Decides to remain seized of the matter.
""",
        ),
        lang="en",
        date="2025-01-02",
    )
    op = result.document.operative
    assert [p.num for p in op][-7:] == [f"{n}." for n in range(998, 1005)]
    points = op[-2].points
    assert [p.label for p in points] == list("abcdefghijkl")
    assert [p.label for p in points[-1].points] == ["i", "ii"]
    assert 'eId="para_1003__list_1__point_i"' in result.xml.decode("utf-8")


def test_title_that_wraps_before_the_general_assembly_is_no_formula():
    # the title's last line "the General Assembly" reads like the formula without its comma
    text = (
        b"Observer status for the Islamic Organization for Food Security in\n"
        b"the General Assembly\n"
        b"The General Assembly,\n"
        b"Wishing to promote cooperation between the United Nations and the Organization,\n"
        b"1.\n"
        b"Decides to invite the Organization to participate in the work of the Assembly;\n"
        b"2.\n"
        b"Requests the Secretary-General to take the action necessary.\n"
    )
    doc = convert_ok(text, lang="en", date="2025-01-02").document
    assert [plain_text(p.content)[:7] for p in doc.preamble] == ["Wishing"]
    assert len(doc.operative) == 2
