"""AKN → archival PDF: the HTML of `converter.render.html` printed by WeasyPrint as PDF/A-3u,
with the AKN XML embedded byte for byte as the associated file (relationship ``Source``).

Rendering never leaves the project: the URL fetcher refuses every URL except ``data:`` URLs
and files inside this package; fonts come from fontconfig and are checked before and after
layout (`converter.render.fonts`). The same input gives the same PDF bytes: no clock is read
(the attachment's dates are the manifestation's FRBRdate) and the PDF identifier is a hash.
"""

from __future__ import annotations

import base64
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from lxml import etree
from lxml import html as lxml_html

from converter.writers import fonts
from converter.writers.errors import FetchRefusedError, RenderError
from converter.writers.html.builder import Facts, parse_akn, read_facts, render_html

PDF_VARIANT = "pdf/a-3u"


def _creator() -> str:
    try:
        from importlib.metadata import version

        return f"un2akn {version('un2akn')}"
    except Exception:  # pragma: no cover - not installed as a distribution
        return "un2akn"


CREATOR = _creator()
_ASSETS = Path(__file__).resolve().parents[1]

try:  # WeasyPrint is imported lazily by callers that only want HTML; here it is needed.
    import weasyprint
    from weasyprint.document import Document
    from weasyprint.layout import LayoutContext
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher
except ImportError as error:  # pragma: no cover
    raise RenderError(f"WeasyPrint is not installed: {error}") from error


class AssetFetcher(URLFetcher):
    """A URL fetcher that refuses everything but ``data:`` URLs and this package's files."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):  # noqa: D102 - WeasyPrint's interface
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if path.is_relative_to(_ASSETS) and path.is_file():
                return super().fetch(url, headers)
        self.refused.append(url)
        raise FetchRefusedError(f"refused to fetch {url!r}: rendering loads no external resource")


@cache
def _font_config() -> FontConfiguration:
    # One FontConfiguration per process: the stylesheet declares no @font-face, so it only
    # wraps fontconfig, and reusing it saves Pango's font map set-up on every render.
    return FontConfiguration()


def _visible_texts(tree: etree._Element) -> Iterable[tuple[str, str | None]]:
    """The text that print will draw, with the id of its nearest element (for messages)."""
    body = tree.find("body")
    if body is None:
        return

    def walk(el: etree._Element, where: str | None):
        classes = (el.get("class") or "").split()
        if "screen-only" in classes or el.tag in ("script", "style", "template"):
            return
        where = el.get("id") or where
        if el.text:
            yield el.text, where
        for child in el:
            if isinstance(child.tag, str):
                yield from walk(child, where)
            if child.tail:
                yield child.tail, where

    yield from walk(body, None)


def _attachment(akn: bytes, facts: Facts) -> weasyprint.Attachment:
    number = facts.number or "document"
    name = f"{number}.{facts.lang.tag.split('-')[0]}.akn.xml"
    when = _fixed_datetime(facts.manifestation_date)
    # A data: URL sets the MIME type: WeasyPrint's own guess for *.xml is text/xml.
    url = "data:application/xml;base64," + base64.b64encode(akn).decode("ascii")
    return weasyprint.Attachment(
        url=url,
        url_fetcher=AssetFetcher(),
        name=name,
        description="Akoma Ntoso 3.0 (AKN4UN) source of this document",
        relationship="Source",
        created=when,
        modified=when,
    )


def _fixed_datetime(date: str | None) -> datetime:
    try:
        return datetime.strptime((date or "")[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)


def render_document(html: str, *, script: str, base_url: str | None = None):
    """WeasyPrint's laid-out `Document` for ``html`` (fonts checked, fetches refused, every
    footnote on the page of its first reference)."""
    tree = lxml_html.document_fromstring(html)
    fonts.check_coverage(_visible_texts(tree), script)
    fetcher = AssetFetcher()
    try:
        source = weasyprint.HTML(
            string=html,
            base_url=base_url or _ASSETS.as_uri() + "/",
            url_fetcher=fetcher,
            media_type="print",
        )
        document = _layout(source)
        for _ in range(MAX_FOOTNOTE_FIXES):
            if not _keep_notes_with_calls(document):
                break
            document = _layout(source)
    except FatalURLFetchingError as error:
        raise FetchRefusedError(str(error.__cause__ or error)) from None
    if fetcher.refused:
        raise FetchRefusedError(f"refused to fetch {fetcher.refused[0]!r}")
    return document


# -- footnotes on the page of their first reference ------------------------------------------
# When a line does not fit at the bottom of a page and orphans or widows forbid breaking before
# it, WeasyPrint 70 moves the page's last footnotes to the next page to make room for the line,
# leaving their calls behind (layout/block.py, _linebox_layout: "first try to report
# footnotes"). It never does that inside multi-column layout, where it breaks the paragraph
# instead, as orphans and widows ask. `_NoteKeepingContext` answers "in a column" to that one
# question, so the paragraph moves and the footnotes stay with their calls; every other reader
# of `in_column` gets the true value. Should WeasyPrint change, the layout is still checked
# afterwards (`_keep_notes_with_calls`): the paragraph that starts last on the call's page is
# sent to the next page (an inline ``break-before: page`` on the parsed tree) and the document
# is laid out again, which costs a second layout.
MAX_FOOTNOTE_FIXES = 4


class _NoteKeepingContext(LayoutContext):
    @property
    def in_column(self) -> bool:
        if self.__dict__.get("in_column", False):
            return True
        return sys._getframe(1).f_code.co_name == "_linebox_layout"

    @in_column.setter
    def in_column(self, value: bool) -> None:
        self.__dict__["in_column"] = value


class _Document(Document):
    @classmethod
    def _build_layout_context(cls, *args, **kwargs):
        context = super()._build_layout_context(*args, **kwargs)
        if type(context) is LayoutContext:
            context.__class__ = _NoteKeepingContext
        return context


def _layout(source: weasyprint.HTML):
    """``source.render()``, with footnotes kept on the page of their call (see above)."""
    try:
        options = dict(weasyprint.DEFAULT_OPTIONS)
        return _Document._render(source, _font_config(), None, None, options)
    except (AttributeError, TypeError):  # pragma: no cover - WeasyPrint internals changed
        return source.render(font_config=_font_config())


def note_pages(document) -> tuple[dict[str, int], dict[str, int]]:
    """Page numbers (from 1) of each footnote's first call and of its body, by note id."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    calls: dict[str, int] = {}
    notes: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for area in page._page_box.children:
            in_notes = isinstance(area, FootnoteAreaBox)
            for box in area.descendants():
                element = getattr(box, "element", None)
                if element is None:
                    continue
                classes = (element.get("class") or "").split()
                if in_notes and "footnote" in classes and element.get("id"):
                    notes.setdefault(element.get("id"), number)
                elif (
                    not in_notes
                    and getattr(box, "element_tag", "") == "a"
                    and "noteref" in classes
                    and "first" in classes
                ):
                    calls.setdefault((element.get("href") or "#")[1:], number)
    return calls, notes


def _paragraphs_by_page(document) -> list[list[object]]:
    pages = []
    for page in document.pages:
        flow = page._page_box.children[0]
        found, seen = [], set()
        for box in flow.descendants():
            element = getattr(box, "element", None)
            if getattr(box, "element_tag", "") == "p" and id(element) not in seen:
                seen.add(id(element))
                found.append(element)
        pages.append(found)
    return pages


def _keep_notes_with_calls(document) -> bool:
    """Push one paragraph to the next page if a footnote left its call; True if it did."""
    try:
        calls, notes = note_pages(document)
        misplaced = sorted(calls[n] for n in calls if n in notes and notes[n] != calls[n])
        if not misplaced:
            return False
        page = misplaced[0]
        by_page = _paragraphs_by_page(document)
    except (AttributeError, IndexError):  # pragma: no cover - WeasyPrint internals changed
        return False
    earlier = {id(p) for found in by_page[: page - 1] for p in found}
    on_page = by_page[page - 1]
    starting = [p for p in on_page if id(p) not in earlier]
    if not starting or starting[-1] is on_page[0]:
        logging.getLogger(__name__).warning(
            "a footnote could not be kept on the page of its call (page %d)", page
        )
        return False
    target = starting[-1]
    style = target.get("style")
    target.set("style", (style + "; " if style else "") + "break-before: page")
    return True


def render_pdf(akn: bytes, *, html: str | None = None) -> bytes:
    """The archival PDF (PDF/A-3u) of ``akn``, the exact .akn.xml bytes, embedded unchanged.

    ``html`` is the output of `render_html` for the same document when the caller has it
    already (it is rendered again otherwise).
    """
    if not isinstance(akn, (bytes, bytearray)):
        raise TypeError("render_pdf needs the exact bytes of the .akn.xml file")
    akn = bytes(akn)
    root = parse_akn(akn)
    facts = read_facts(root)
    if html is None:
        html = render_html(etree.ElementTree(root))
    document = render_document(html, script=facts.lang.script)
    document.metadata.lang = facts.lang.tag
    if facts.title or facts.symbol:
        document.metadata.title = " — ".join(t for t in (facts.symbol, facts.title) if t)
    document.metadata.generator = CREATOR
    if facts.author:
        document.metadata.authors = [facts.author]
    if facts.symbol:
        document.metadata.description = facts.symbol

    def check_fonts(doc, pdf):  # runs once the fonts used by the pages are known
        fonts.check_rendered(doc.fonts.values(), facts.lang.script)

    weasy_logger = logging.getLogger("weasyprint")
    errors = _ErrorCollector()
    weasy_logger.addHandler(errors)
    try:
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=[_attachment(akn, facts)],
            finisher=check_fonts,
            uncompressed_pdf=False,
        )
    except FatalURLFetchingError as error:
        raise FetchRefusedError(str(error.__cause__ or error)) from None
    finally:
        weasy_logger.removeHandler(errors)
    if errors.messages:
        raise RenderError("WeasyPrint reported: " + "; ".join(errors.messages))
    return pdf


class _ErrorCollector(logging.Handler):
    """Collects WeasyPrint's ERROR log records (a failed attachment, a broken resource)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
