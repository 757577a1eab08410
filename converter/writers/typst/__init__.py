"""The ``pdf`` writer: AKN → archival PDF with Typst: PDF/A-3u, tagged (PDF/UA-1), the AKN
XML attached byte for byte.

    render_pdf(xml: bytes) -> bytes

The AKN document is read with lxml (no entities, no network), turned into Typst code by
`markup` (every document string a string literal), laid out by the page template ``un.typ``
and compiled by the Typst compiler bundled in the ``typst`` package. The compiler sees only the
Noto font files of the stacks (`converter.writers.fonts.FILES`, symlinked into a private
folder; no system or bundled fonts) and is told the stack of the document's script. A character
they cannot print is an error before compiling (`fonts.check_coverage`: `MissingGlyphError`),
and any warning of Typst about a font or a glyph is one after (`TypstFontError`): never a
silent substitute or an empty box. The same input gives the same
bytes: the PDF dates are the manifestation's FRBRdate, never the clock.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from converter.writers import fonts
from converter.writers.akn import document_element, local_name, parse_akn

from . import markup
from .errors import TypstWriterError, UnknownElementError
from .literals import lit

__all__ = [
    "render_pdf",
    "warm",
    "write",
    "typst_source",
    "TypstWriterError",
    "UnknownElementError",
    "TypstFontError",
    "PDF_STANDARDS",
]

#: PDF/A-3u; "ua-1" is added unless `render_pdf` is told ua=False.
PDF_STANDARDS = ("a-3u",)

#: The families the template is given; a warning about any other is an error.
FAMILIES = tuple(dict.fromkeys(f for stack in fonts.STACKS.values() for f in stack.families))


class TypstFontError(TypstWriterError, fonts.FontError):
    """Typst warned about a font or a glyph (a fallback, a .notdef box)."""


def _template() -> str:
    return (resources.files(__package__) / "un.typ").read_text(encoding="utf-8")


@cache
def template() -> str:
    return _template()


@cache
def font_folder() -> Path:
    """A private folder holding links to exactly the files of `fonts.FILES` (removed at exit);
    `fonts.MissingFontError` when one is not installed."""
    files = fonts.font_files()
    folder = Path(tempfile.mkdtemp(prefix="un2akn-typst-fonts-"))
    atexit.register(shutil.rmtree, folder, True)
    for path in files:
        try:
            os.symlink(path, folder / path.name)
        except OSError:  # no symlinks here: a copy does as well
            shutil.copyfile(path, folder / path.name)
    return folder


_LOCK = threading.Lock()
_STARTED = False


_FORKED_AFTER_START = False


def _typst():
    """The ``typst`` module, noting that its runtime (Rust threads) now runs in this process."""
    global _STARTED
    if _FORKED_AFTER_START:
        raise TypstWriterError(
            "Typst ran in the parent of this process before it was forked: it would hang here "
            "(its threads are not copied by fork); start the process with spawn"
        )
    import typst

    _STARTED = True
    return typst


def started() -> bool:
    """Whether Typst has run in this process. A process forked after that would hang in its
    first compile (the runtime's threads are not copied by fork): it raises instead, and the
    batch pool spawns its workers when the parent has run Typst."""
    return _STARTED


def _after_fork_in_child() -> None:
    global _FORKED_AFTER_START
    _FORKED_AFTER_START = _FORKED_AFTER_START or _STARTED


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@cache
def _compiler():
    typst = _typst()

    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_folder())]
    )
    missing = set(FAMILIES) - set(fonts.families())
    if missing:
        raise TypstFontError(f"font families not found: {', '.join(sorted(missing))}")
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


def printed_texts(root: etree._Element):
    """(text, eId of the nearest element) of every text the PDF prints (not the metadata)."""
    doc = document_element(root)
    for el in doc.iter():
        if not isinstance(el.tag, str) or local_name(el) == "meta":
            continue
        if any(local_name(a) == "meta" for a in el.iterancestors()):
            continue
        where = el.get("eId") or next(
            (a.get("eId") for a in el.iterancestors() if a.get("eId")), None
        )
        for text in (el.text, el.tail):
            if text:
                yield text, where


def check_glyphs(root: etree._Element, script: str) -> None:
    """Raise `fonts.MissingGlyphError` naming the characters no font of the stack can print
    (`fonts.check_coverage`: the cmaps of the very files Typst is given)."""
    fonts.check_coverage(printed_texts(root), script)


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._()-]+")


def typst_source(xml: bytes) -> tuple[str, dict[str, str], markup.Markup]:
    """The Typst source of ``xml`` and the ``sys.inputs`` it reads (the XML text)."""
    root = parse_akn(xml)
    built = markup.build(root)
    facts = built.facts
    title = " — ".join(t for t in (facts.symbol, facts.title) if t) or None
    keywords = [k for k in (facts.symbol, facts.work, "un2akn") if k]
    number = _SAFE_NAME.sub("_", facts.number or "document")
    name = f"{number}.{facts.lang.tag.split('-')[0]}.akn.xml"
    inputs: dict[str, str] = {}
    try:
        inputs["akn"] = xml.decode("utf-8")
        data = "bytes(sys.inputs.akn)"
        if inputs["akn"].encode("utf-8") != xml:  # pragma: no cover - cannot happen
            raise UnicodeError
    except UnicodeError:  # not UTF-8: the bytes as an array literal
        inputs.pop("akn", None)
        data = "bytes((" + ",".join(str(b) for b in xml) + ",))"
    attach = (
        f'#pdf.attach({lit(name)}, {data}, relationship: "source", '
        f'mime-type: "application/xml", '
        f'description: "Akoma Ntoso 3.0 (AKN4UN) source of this document")\n'
    )
    source = (
        template() + "\n" + markup.document_header(facts, title, keywords) + attach + built.body
    )
    return source, inputs, built


def compile_source(source: str, inputs: dict[str, str], *, ua: bool = False) -> bytes:
    typst = _typst()

    standards = list(PDF_STANDARDS) + (["ua-1"] if ua else [])
    with _LOCK:
        compiler = _compiler()
        try:
            pdf, warnings = compiler.compile_with_warnings(
                input=source.encode("utf-8"),
                format="pdf",
                sys_inputs=inputs,
                pdf_standards=standards,
            )
        except typst.TypstError as error:
            message = f"Typst failed: {error.diagnostic}"
            if "font" in str(error.diagnostic) or "glyph" in str(error.diagnostic):
                # e.g. PDF/A: "the text … could not be displayed with font …" (an empty box)
                raise TypstFontError(message) from None
            raise TypstWriterError(message) from None
    for warning in warnings or ():
        message = getattr(warning, "message", str(warning))
        if "font" in message or "glyph" in message:
            raise TypstFontError(f"Typst: {message}")
        raise TypstWriterError(f"Typst warned: {message}")
    return pdf


def render_pdf(xml: bytes, *, ua: bool = True) -> bytes:
    """The archival PDF (PDF/A-3u, tagged; PDF/UA-1 too with ``ua=True``) of the AKN ``xml``,
    which is attached unchanged as the source file."""
    if not isinstance(xml, (bytes, bytearray)):
        raise TypeError("render_pdf needs the bytes of the .akn.xml file")
    xml = bytes(xml)
    source, inputs, built = typst_source(xml)
    check_glyphs(parse_akn(xml), built.facts.lang.script)
    return compile_source(source, inputs, ua=ua)


def warm() -> None:
    """Load once per process what `render_pdf` needs: the compiler, its fonts, the template
    and the cmaps of the stacks (the batch workers call this before their first document)."""
    template()
    with _LOCK:
        _compiler()
    for family, style in fonts.FILES:
        fonts.coverage(family, style)


def write(result) -> bytes:
    """The ``pdf`` writer: the PDF of ``result.xml`` (a successful `converter.pipeline.Result`)."""
    return render_pdf(result.xml)


def note_pages(xml: bytes) -> dict[str, tuple[int, int]]:
    """For each footnote (by eId): the page of its first reference and the page where its
    entry starts, as laid out (Typst query; for tests and the layout check)."""
    import json

    typst = _typst()

    source, inputs, built = typst_source(xml)
    source += (
        '\n#context [#metadata((calls: query(footnote).filter(f => f.has("label"))'
        ".map(f => (str(f.label), f.location().page())), entries: query(<un-entry>)"
        ".filter(m => m.value != none).map(m => (m.value, m.location().page()))))"
        "<un-note-pages>]\n"
    )
    found = typst.query(
        source.encode("utf-8"),
        "<un-note-pages>",
        field="value",
        one=True,
        font_paths=[str(font_folder())],
        ignore_system_fonts=True,
        sys_inputs=inputs,
    )
    data = json.loads(found)
    calls = dict(data["calls"])
    entries: dict[str, int] = {}
    for label, page in data["entries"]:
        entries.setdefault(label, page)
    by_label = {label: eid for eid, label in built.labels.items()}
    return {
        by_label[label]: (page, entries.get(label, 0))
        for label, page in calls.items()
        if label in by_label
    }


def note_call_pages(xml: bytes) -> dict[str, int]:
    """The page of each footnote's first reference, by the note's eId."""
    return {eid: call for eid, (call, _) in note_pages(xml).items()}
