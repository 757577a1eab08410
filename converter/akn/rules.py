"""Business rules of the profile, checked on the emitted AKN after the XSD (which does not
check references between elements): targets exist, TLCs declared, eIds unique, numbering
consecutive, footnote markers consistent."""
from __future__ import annotations

import re

from lxml import etree

from converter.akn.ns import AKN as _NS
from converter.languages import ISO639_2_TO_1, load
from converter.languages.numbering import LATIN_LETTERS, letter_after, roman_after



def check(tree: etree._ElementTree) -> list[tuple[int, str, str]]:
    """(xml line, code, message) for every rule broken; empty when all hold."""
    problems: list[tuple[int, str, str]] = []
    root = tree.getroot()
    ids: dict[str, etree._Element] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        eid = el.get("eId")
        if eid is None:
            continue
        if eid in ids:
            problems.append((el.sourceline or 0, "rules.duplicate_eid", f"eId '{eid}' is used twice"))
        ids[eid] = el
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("href", "refersTo", "as", "source", "for"):
            value = el.get(attr)
            if value and value.startswith("#") and value[1:] not in ids:
                problems.append((el.sourceline or 0, "rules.missing_target",
                                 f"{etree.QName(el).localname}/@{attr}='{value}' points to "
                                 "nothing declared in the document"))
    for body in root.iter(_NS + "mainBody"):
        # paragraphs are numbered 1…n through the body, across section headings; under a
        # heading the numbering may also start again at 1
        last = 0
        for p in body.iter(_NS + "paragraph"):
            num = p.findtext(_NS + "num")
            if not num:
                continue
            value = int(re.sub(r"\D", "", num) or 0)
            restart = value == 1 and p.getparent().tag == _NS + "hcontainer"
            if value != last + 1 and not restart:
                problems.append((p.sourceline or 0, "rules.numbering",
                                 f"paragraph {num} where {last + 1}. was expected"))
                break
            last = value
    letters = _letters(root)
    for lst in root.iter(_NS + "list"):
        labels = [p.findtext(_NS + "num", "").strip("()") for p in lst.findall(_NS + "point")]
        if not labels:
            continue
        seq = [labels[0]]
        while len(seq) < len(labels):
            seq.append(letter_after(seq[-1], letters) if labels[0] == letters[0]
                       else roman_after(seq[-1]))
        if labels != seq:
            problems.append((lst.sourceline or 0, "rules.lettering",
                             f"sub-paragraphs {', '.join(labels)} are not consecutive"))
    markers = [n.get("marker", "") for n in root.iter(_NS + "authorialNote")]
    numeric = [int(m) for m in markers if m.isdigit()]
    if numeric != sorted(numeric) or len(set(numeric)) != len(numeric):
        problems.append((0, "rules.note_order", "first references to footnotes are not in "
                         "increasing order: " + ", ".join(map(str, numeric))))
    if numeric and numeric != list(range(1, len(numeric) + 1)):
        problems.append((0, "rules.note_numbering", "footnote numbers are not 1…n"))
    return problems


def _letters(root: etree._Element) -> tuple[str, ...]:
    """The lettering of sub-paragraphs in the document's language (from FRBRlanguage)."""
    lang = root.find(f".//{_NS}FRBRlanguage")
    code = ISO639_2_TO_1.get(lang.get("language", "")) if lang is not None else None
    if code is None:
        return LATIN_LETTERS
    return tuple(load(code).value("numbers", "letters", default=LATIN_LETTERS))
