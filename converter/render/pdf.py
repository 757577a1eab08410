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
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Iterable

from lxml import etree, html as lxml_html

from . import fonts
from .errors import FetchRefusedError, RenderError
from .html import Facts, parse_akn, read_facts, render_html

PDF_VARIANT = "pdf/a-3u"
CREATOR = "un2akn"
_ASSETS = Path(__file__).resolve().parent

try:  # WeasyPrint is imported lazily by callers that only want HTML; here it is needed.
    import weasyprint
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
            path = Path(url.split("?")[0].removeprefix("file://")).resolve()
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


def _attachment(akn: bytes, facts: Facts) -> "weasyprint.Attachment":
    number = facts.number or "document"
    name = f"{number}.{facts.lang.tag.split('-')[0]}.akn.xml"
    when = _fixed_datetime(facts.manifestation_date)
    # A data: URL sets the MIME type: WeasyPrint's own guess for *.xml is text/xml.
    url = "data:application/xml;base64," + base64.b64encode(akn).decode("ascii")
    return weasyprint.Attachment(
        url=url, url_fetcher=AssetFetcher(), name=name,
        description="Akoma Ntoso 3.0 (AKN4UN) source of this document",
        relationship="Source", created=when, modified=when,
    )


def _fixed_datetime(date: str | None) -> datetime:
    try:
        return datetime.strptime((date or "")[:10], "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)


def render_document(html: str, *, script: str, base_url: str | None = None):
    """WeasyPrint's laid-out `Document` for ``html`` (fonts checked, fetches refused)."""
    tree = lxml_html.document_fromstring(html)
    fonts.check_coverage(_visible_texts(tree), script)
    fetcher = AssetFetcher()
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_url or _ASSETS.as_uri() + "/", url_fetcher=fetcher,
            media_type="print",
        ).render(font_config=_font_config())
    except FatalURLFetchingError as error:
        raise FetchRefusedError(str(error.__cause__ or error)) from None
    if fetcher.refused:
        raise FetchRefusedError(f"refused to fetch {fetcher.refused[0]!r}")
    return document


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
            pdf_variant=PDF_VARIANT, attachments=[_attachment(akn, facts)], finisher=check_fonts,
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
