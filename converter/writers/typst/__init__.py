"""AKN → archival PDF with Typst: PDF/A-3u, tagged, the AKN XML attached byte for byte.

    render_pdf(xml: bytes) -> bytes

The AKN document is read with lxml (no entities, no network), turned into Typst code by
`markup` (every document string a string literal), laid out by the page template ``un.typ``
and compiled by the Typst compiler bundled in the ``typst`` package. The compiler sees only the
Noto fonts of the stacks (symlinked into a private folder; no system or bundled fonts), so a
character they cannot print is an error, not a silent substitute. The same input gives the same
bytes: the PDF dates are the manifestation's FRBRdate, never the clock.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from . import markup
from .markup import TypstWriterError, UnknownElementError

__all__ = [
    "render_pdf",
    "typst_source",
    "TypstWriterError",
    "UnknownElementError",
    "TypstFontError",
    "FONT_FILES",
    "PDF_STANDARDS",
]

#: PDF/A-3u; "ua-1" is added unless `render_pdf` is told ua=False.
PDF_STANDARDS = ("a-3u",)

#: Where Debian's fonts-noto-core and fonts-noto-cjk put the fonts of the stacks.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
    Path("/usr/share/fonts/truetype/noto-cjk"),
)
#: The font files of the stacks (Latin/Cyrillic, Arabic, Chinese; body and headings).
FONT_FILES = (
    "NotoSerif-Regular.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-BoldItalic.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJK-Bold.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
)
#: The families the template names; a warning about any other is an error.
FAMILIES = ("Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", "Noto Sans CJK SC")


class TypstFontError(TypstWriterError):
    """A font of the stack is not installed, or a character has no glyph in it."""


def _template() -> str:
    return (resources.files(__package__) / "un.typ").read_text(encoding="utf-8")


@cache
def template() -> str:
    return _template()


def _find_font(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise TypstFontError(
        f"font file {name} not found in {', '.join(map(str, FONT_DIRS))}: install the Debian "
        "packages fonts-noto-core and fonts-noto-cjk"
    )


@cache
def font_folder() -> Path:
    """A private folder holding links to exactly `FONT_FILES` (removed at exit)."""
    files = [_find_font(name) for name in FONT_FILES]
    folder = Path(tempfile.mkdtemp(prefix="un2akn-typst-fonts-"))
    atexit.register(shutil.rmtree, folder, True)
    for path in files:
        try:
            os.symlink(path, folder / path.name)
        except OSError:  # no symlinks here: a copy does as well
            shutil.copyfile(path, folder / path.name)
    return folder


_LOCK = threading.Lock()


@cache
def _compiler():
    import typst

    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_folder())]
    )
    missing = set(FAMILIES) - set(fonts.families())
    if missing:
        raise TypstFontError(f"font families not found: {', '.join(sorted(missing))}")
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


@cache
def _coverage(script: str) -> frozenset[int]:
    """The code points the fonts of ``script``'s stack have glyphs for (fontTools cmaps)."""
    from fontTools.ttLib import TTFont

    names = {
        "latin": ("NotoSerif-Regular.ttf",),
        "cyrillic": ("NotoSerif-Regular.ttf",),
        "arabic": ("NotoNaskhArabic-Regular.ttf",),
        "cjk": (),
    }[script]
    names += ("NotoSerif-Regular.ttf", "NotoNaskhArabic-Regular.ttf")
    points: set[int] = set()
    for name in dict.fromkeys(names):
        with TTFont(str(_find_font(name)), lazy=True) as font:
            points.update(font.getBestCmap() or ())
    # Noto Serif CJK SC: face 2 of the collection in Debian's NotoSerifCJK-Regular.ttc
    with TTFont(
        str(_find_font("NotoSerifCJK-Regular.ttc")), fontNumber=_cjk_index(), lazy=True
    ) as font:
        points.update(font.getBestCmap() or ())
    return frozenset(points)


@cache
def _cjk_index() -> int:
    from fontTools.ttLib import TTCollection

    with TTCollection(str(_find_font("NotoSerifCJK-Regular.ttc")), lazy=True) as ttc:
        for i, font in enumerate(ttc.fonts):
            if font["name"].getDebugName(1) == "Noto Serif CJK SC":
                return i
    return 0


def check_glyphs(root: etree._Element, script: str) -> None:
    """Raise `TypstFontError` naming the characters no font of the stack can print."""
    covered = _coverage(script)
    doc = markup.document_element(root)
    missing: dict[str, str] = {}
    for el in doc.iter():
        if not isinstance(el.tag, str) or markup._local(el) == "meta":
            continue
        if any(markup._local(a) == "meta" for a in el.iterancestors()):
            continue
        for text in (el.text, el.tail):
            for ch in set(text or ""):
                if ch in " \n\t\r" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
                    continue
                if ord(ch) not in covered:
                    missing.setdefault(ch, el.get("eId") or markup._local(el))
    if missing:
        shown = "; ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, '?')} in {w}"
            for c, w in sorted(missing.items())[:10]
        )
        raise TypstFontError(f"no glyph for {len(missing)} character(s): {shown}")


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._()-]+")


def typst_source(xml: bytes) -> tuple[str, dict[str, str], markup.Markup]:
    """The Typst source of ``xml`` and the ``sys.inputs`` it reads (the XML text)."""
    root = markup.parse(xml)
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
        f'#pdf.attach({markup.lit(name)}, {data}, relationship: "source", '
        f'mime-type: "application/xml", '
        f'description: "Akoma Ntoso 3.0 (AKN4UN) source of this document")\n'
    )
    source = (
        template() + "\n" + markup.document_header(facts, title, keywords) + attach + built.body
    )
    return source, inputs, built


def compile_source(source: str, inputs: dict[str, str], *, ua: bool = False) -> bytes:
    import typst

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
            raise TypstWriterError(f"Typst failed: {error.diagnostic}") from None
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
    check_glyphs(markup.parse(xml), built.facts.lang.script)
    return compile_source(source, inputs, ua=ua)


def note_pages(xml: bytes) -> dict[str, tuple[int, int]]:
    """For each footnote (by eId): the page of its first reference and the page where its
    entry starts, as laid out (Typst query; for tests and the layout check)."""
    import json

    import typst

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
    calls, entries = dict(data["calls"]), {}
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
