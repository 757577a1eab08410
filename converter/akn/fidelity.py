"""Fidelity check: the text of the emitted AKN (body + notes) equals the source text minus
page furniture, in order, white space aside. Built from the XML, not from the model, so it
checks what is actually written.

Source = output + ledger: every non-blank input line is in the output (body, notes, links,
masthead) or in the reader's ledger of dropped lines (`Source.dropped`, each with its kind);
a line in neither is lost text (``fidelity.lost``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lxml import etree

from converter.akn.ns import AKN as _NS
from converter.akn.ns import AKN_NS
from converter.diagnostics import Diagnostic, Severity
from converter.source import Source

_PART_TAGS = {
    _NS + name
    for name in ("preface", "preamble", "mainBody", "amendmentBody", "conclusions", "attachments")
}
_CONCLUSIONS = _NS + "conclusions"


@dataclass(frozen=True)
class Difference:
    """Where output and source part: the source line, and a few characters of each."""

    line: int
    source: str
    output: str
    stream: str  #: "body" or "notes"


def _squeeze(text: str) -> str:
    return "".join(text.split())  # = re.sub(r"\s+", "", text), in C


#: A part's text as the fidelity check reads it, by XSLT (libxslt walks the tree in C, at a
#: third of the cost of a walk in Python): meta left out, a footnote and a footnote reference
#: each replaced by its marker (attributes, comments and processing instructions give no text)
_PART_TEXT = f"""<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="{AKN_NS}">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="a:meta"/>
  <xsl:template match="a:authorialNote|a:noteRef"><xsl:value-of select="@marker"/></xsl:template>
</xsl:stylesheet>"""
_OUTSIDE = "not(ancestor::a:meta or ancestor::a:authorialNote or ancestor::a:noteRef)"
#: the footnotes whose markers stand in a part's text (not those inside meta or a note)
_NOTES = etree.XPath(f"descendant::a:authorialNote[{_OUTSIDE}]", namespaces={"a": AKN_NS})


@cache
def _part_text_xslt() -> etree.XSLT:
    return etree.XSLT(etree.XML(_PART_TEXT))


def _part_text(part: etree._Element, notes: dict[str, str]) -> str:
    """The text of one part of the body with footnote markers, white space removed; the
    notes' texts go into ``notes``."""
    for note in _NOTES(part):
        notes[note.get("marker", "")] = _squeeze("".join(note.itertext()))
    return _squeeze(str(_part_text_xslt()(part)))


def _streams(tree: etree._ElementTree) -> tuple[list[tuple[bool, str]], dict[str, str]]:
    """([(is conclusions, text)] per part in document order, {marker: note text}): one walk."""
    notes: dict[str, str] = {}
    parts = [
        (p.tag == _CONCLUSIONS, _part_text(p, notes))
        for p in tree.getroot()[0]
        if p.tag in _PART_TAGS
    ]
    return parts, notes


def _joined(parts: list[tuple[bool, str]], closing_last: bool) -> str:
    if closing_last:
        parts = sorted(parts, key=lambda p: p[0])
    return "".join(text for _, text in parts)


def differences(tree: etree._ElementTree, cleaned: Source) -> list[Difference]:
    """Differences between output and source; empty when the output is faithful."""
    diffs: list[Difference] = []
    parts, out_notes = _streams(tree)
    out_body = _joined(parts, False)
    src_body = _squeeze("".join(l.text for l in cleaned.body))  # = the lines' squeezed
    if out_body != src_body and _joined(parts, True) == src_body:
        out_body = src_body
    if out_body != src_body:
        i = next(
            (k for k, (a, b) in enumerate(zip(out_body, src_body)) if a != b),
            min(len(out_body), len(src_body)),
        )
        src_parts = [(l.no, _squeeze(l.text)) for l in cleaned.body]
        diffs.append(
            Difference(_line_at(src_parts, i), src_body[i : i + 20], out_body[i : i + 20], "body")
        )
    for note in cleaned.notes:
        expected = _squeeze(note.text)
        got = out_notes.get(note.marker)
        if got != expected:
            i = next(
                (k for k, (a, b) in enumerate(zip(got or "", expected)) if a != b),
                min(len(got or ""), len(expected)),
            )
            diffs.append(
                Difference(
                    note.line,
                    expected[i : i + 20],
                    "(missing)" if got is None else got[i : i + 20],
                    "notes",
                )
            )
    extra = set(out_notes) - {n.marker for n in cleaned.notes}
    for marker in sorted(extra):
        diffs.append(Difference(0, "(no such footnote)", marker, "notes"))
    return diffs


def check(tree: etree._ElementTree, cleaned: Source, allow_loss: bool = False) -> list[Diagnostic]:
    """A diagnostic (``fidelity.body`` or ``fidelity.notes``) for every place where output and
    source part: an error, or a warning when ``allow_loss``."""
    severity = Severity.WARNING if allow_loss else Severity.ERROR
    found = [
        Diagnostic(
            "fidelity." + d.stream,
            severity,
            f"output and source part here: source has '{d.source}', output has '{d.output}'",
            d.line,
        )
        for d in differences(tree, cleaned)
    ]
    for no in cleaned.unaccounted():
        text = cleaned.lines[no - 1].replace("\f", "").strip()
        found.append(
            Diagnostic(
                "fidelity.lost",
                severity,
                f"'{text[:40]}' is neither in the output nor in the ledger of dropped lines",
                no,
            )
        )
    return found


def _line_at(parts: list[tuple[int, str]], offset: int) -> int:
    pos = 0
    for line, text in parts:
        pos += len(text)
        if offset < pos:
            return line
    return parts[-1][0] if parts else 0
