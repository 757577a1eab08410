"""Fidelity check: the text of the emitted AKN (body + notes) equals the source text minus
page furniture, in order, white space aside. Built from the XML, not from the model, so it
checks what is actually written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from converter.readers.text.clean import Cleaned
from converter.akn.ns import AKN as _NS

_WS = re.compile(r"\s+")
_PARTS = ("preface", "preamble", "mainBody", "conclusions", "attachments")


@dataclass(frozen=True)
class Difference:
    """Where output and source part: the source line, and a few characters of each."""

    line: int
    source: str
    output: str
    stream: str  #: "body" or "notes"


def _squeeze(text: str) -> str:
    return _WS.sub("", text)


def output_streams(tree: etree._ElementTree, closing_last: bool = False
                   ) -> tuple[str, dict[str, str]]:
    """(body text with markers, {marker: note text}) of an AKN tree, white space removed.

    The schema puts `conclusions` before `attachments`; a resolution that adopts a text
    prints that text before its closing lines, so ``closing_last`` reads them in that order.
    """
    body: list[str] = []
    notes: dict[str, str] = {}

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if tag == _NS + "meta":
            return
        if tag == _NS + "authorialNote":
            body.append(el.get("marker", ""))
            notes[el.get("marker", "")] = _squeeze("".join(el.itertext()))
            return
        if tag == _NS + "noteRef":
            body.append(el.get("marker", ""))
            return
        if el.text:
            body.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                body.append(child.tail)

    statement = tree.getroot()[0]
    parts = [p for p in statement if p.tag in {_NS + name for name in _PARTS}]
    if closing_last:
        parts.sort(key=lambda p: p.tag == _NS + "conclusions")
    for part in parts:
        walk(part)
    return _squeeze("".join(body)), notes


def check(tree: etree._ElementTree, cleaned: Cleaned) -> list[Difference]:
    """Differences between output and source; empty when the output is faithful."""
    diffs: list[Difference] = []
    out_body, out_notes = output_streams(tree)
    src_parts: list[tuple[int, str]] = [(l.no, _squeeze(l.text)) for l in cleaned.body]
    src_body = "".join(t for _, t in src_parts)
    if out_body != src_body and output_streams(tree, closing_last=True)[0] == src_body:
        out_body = src_body
    if out_body != src_body:
        i = next((k for k, (a, b) in enumerate(zip(out_body, src_body)) if a != b),
                 min(len(out_body), len(src_body)))
        diffs.append(Difference(_line_at(src_parts, i), src_body[i:i + 20], out_body[i:i + 20],
                                "body"))
    for note in cleaned.notes:
        expected = _squeeze(note.text)
        got = out_notes.get(note.marker)
        if got != expected:
            i = next((k for k, (a, b) in enumerate(zip(got or "", expected)) if a != b),
                     min(len(got or ""), len(expected)))
            diffs.append(Difference(note.line, expected[i:i + 20],
                                    "(missing)" if got is None else got[i:i + 20], "notes"))
    extra = set(out_notes) - {n.marker for n in cleaned.notes}
    for marker in sorted(extra):
        diffs.append(Difference(0, "(no such footnote)", marker, "notes"))
    return diffs


def _line_at(parts: list[tuple[int, str]], offset: int) -> int:
    pos = 0
    for line, text in parts:
        pos += len(text)
        if offset < pos:
            return line
    return parts[-1][0] if parts else 0
