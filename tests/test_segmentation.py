"""Paragraph segmentation on small generated documents, in English and French: where a
preambular paragraph starts (lower-case wrapped lines, openings the table lacks), operative
numbering by section, long numbers and long letter lists."""

from __future__ import annotations

from converter.model import plain_text
from tests.conftest import convert_ok

HEAD = {
    "en": "Testing segmentation\nThe General Assembly,\n",
    "fr": "Essai de segmentation\nL’Assemblée générale,\n",
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
