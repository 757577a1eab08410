"""Business rules of the profile, checked on the emitted AKN after the XSD (which does not
check references between elements): targets exist, TLCs declared, eIds unique, numbering
consecutive, footnote markers consistent. One walk over the tree gathers what the rules need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from converter.akn.ns import AKN as _NS
from converter.diagnostics import Diagnostic, Severity
from converter.languages import ISO639_2_TO_1, load
from converter.languages.numbering import LATIN_LETTERS, from_roman, letter_after, roman_after

_REF_ATTRS = frozenset(("href", "refersTo", "as", "source", "for"))
_PARAGRAPH, _LIST, _NOTE, _BODY = (
    _NS + t for t in ("paragraph", "list", "authorialNote", "mainBody")
)
_HCONTAINER, _NUM, _POINT, _LANGUAGE = (
    _NS + t for t in ("hcontainer", "num", "point", "FRBRlanguage")
)


@dataclass
class _Found:
    """What one walk over the tree gathers for the rules."""

    ids: set[str] = field(default_factory=set)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    refs: list[tuple[etree._Element, str, str]] = field(default_factory=list)  #: el, attr, value
    bodies: list[list[etree._Element]] = field(default_factory=list)  #: paragraphs per mainBody
    lists: list[etree._Element] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    language: str | None = None


_NON_DIGIT = re.compile(r"\D")
_EIDS = etree.XPath("descendant-or-self::*/@eId", smart_strings=False)
#: every attribute value: a value that starts with "#" and names no eId sends the rules
#: through every element (a reference attribute's then breaks a rule; another's, none)
_VALUES = etree.XPath("descendant-or-self::*/@*", smart_strings=False)


def _walk(root: etree._Element) -> _Found:
    """What the rules need. The attributes are read by XPath (in C); only where an eId is
    used twice or a "#" value names no eId does the walk go through every element (for the
    lines of the problems, in document order: `_walk_all`)."""
    ids = _EIDS(root)
    found = _Found(ids=set(ids))
    if (
        len(found.ids) != len(ids)
        or not {v[1:] for v in _VALUES(root) if v[:1] == "#"} <= found.ids
    ):
        return _walk_all(root)
    for el in root.iter(_PARAGRAPH, _BODY, _LIST, _NOTE, _LANGUAGE):
        _gather(found, el, el.tag)
    return found


def _gather(found: _Found, el: etree._Element, tag: str) -> None:
    if tag == _PARAGRAPH and found.bodies:  # mainBodies do not nest: the last one holds it
        found.bodies[-1].append(el)
    elif tag == _BODY:
        found.bodies.append([])
    elif tag == _LIST:
        found.lists.append(el)
    elif tag == _NOTE:
        found.markers.append(el.get("marker", ""))
    elif tag == _LANGUAGE and found.language is None:
        found.language = el.get("language", "")


def _walk_all(root: etree._Element) -> _Found:
    found = _Found()
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        # the names, then the values wanted: lxml's items() looks up every value by name,
        # quadratic in an element's attributes (40,000 of them: minutes)
        for attr in el.keys():
            if attr != "eId" and attr not in _REF_ATTRS:
                continue
            value = el.get(attr, "")
            if attr == "eId":
                if value in found.ids:
                    found.problems.append(
                        (el.sourceline or 0, "rules.duplicate_eid", f"eId '{value}' is used twice")
                    )
                found.ids.add(value)
            elif attr in _REF_ATTRS and value.startswith("#"):
                found.refs.append((el, attr, value))
        _gather(found, el, tag)
    return found


def _targets(found: _Found) -> None:
    for el, attr, value in found.refs:
        if value[1:] not in found.ids:
            found.problems.append(
                (
                    el.sourceline or 0,
                    "rules.missing_target",
                    f"{etree.QName(el).localname}/@{attr}='{value}' points to "
                    "nothing declared in the document",
                )
            )


def _numbering(found: _Found) -> None:
    """Paragraphs are numbered 1…n through a body, across section headings; under a heading
    the numbering may also start again at 1."""
    for paragraphs in found.bodies:
        last = 0
        for p in paragraphs:
            num = p.findtext(_NUM)
            if not num:
                continue
            value = int(_NON_DIGIT.sub("", num) or 0)
            restart = value == 1 and p.getparent().tag == _HCONTAINER
            if value != last + 1 and not restart:
                found.problems.append(
                    (
                        p.sourceline or 0,
                        "rules.numbering",
                        f"paragraph {num} where {last + 1}. was expected",
                    )
                )
                break
            last = value


def _lettering(found: _Found) -> None:
    letters = _letters(found.language)
    for lst in found.lists:
        labels = [p.findtext(_NUM, "").strip("()") for p in lst.iterchildren(_POINT)]
        if not labels:
            continue
        # numerals only when the list starts with one ("d" is a letter out of place, no numeral)
        roman = labels[0] != letters[0] and _is_roman(labels[0])
        seq = [labels[0]]
        while len(seq) < len(labels):
            seq.append(roman_after(seq[-1]) if roman else letter_after(seq[-1], letters))
        if labels != seq:
            found.problems.append(
                (
                    lst.sourceline or 0,
                    "rules.lettering",
                    f"sub-paragraphs {', '.join(labels)} are not consecutive",
                )
            )


def _notes(found: _Found) -> None:
    numeric = [int(m) for m in found.markers if m.isdigit()]
    if numeric != sorted(numeric) or len(set(numeric)) != len(numeric):
        found.problems.append(
            (
                0,
                "rules.note_order",
                "first references to footnotes are not "
                "in increasing order: " + ", ".join(map(str, numeric)),
            )
        )
    if numeric and numeric != list(range(1, len(numeric) + 1)):
        found.problems.append((0, "rules.note_numbering", "footnote numbers are not 1…n"))


def check(tree: etree._ElementTree, output: bool = True) -> list[Diagnostic]:
    """An error for every rule broken; empty when all hold.

    ``output``: the tree is the converter's output, whose lines are not the input's: the
    XML line goes into the message. Otherwise (validating an AKN file) it is the line.
    """
    found = _walk(tree.getroot())
    _targets(found)
    _numbering(found)
    _lettering(found)
    _notes(found)
    if output:
        return [
            Diagnostic(code, Severity.ERROR, message + (f" (output line {line})" if line else ""))
            for line, code, message in found.problems
        ]
    return [
        Diagnostic(code, Severity.ERROR, message, line) for line, code, message in found.problems
    ]


def _letters(language: str | None) -> tuple[str, ...]:
    """The lettering of sub-paragraphs in the document's language (from FRBRlanguage)."""
    code = ISO639_2_TO_1.get(language) if language is not None else None
    if code is None:
        return LATIN_LETTERS
    return tuple(load(code).value("numbers", "letters", default=LATIN_LETTERS))


def _is_roman(label: str) -> bool:
    """A sub-paragraph numeral: i, ii, … xx, … (the letters c, d, l, m are list letters)."""
    return set(label) <= set("ivx") and from_roman(label) is not None
