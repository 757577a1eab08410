"""Read a PDF's own text layer with PDFium (pypdfium2): text objects → runs → lines.

PDFium's text page gives each character and the text object it belongs to; fonts, sizes,
baselines and render modes are read once per text object (a Tj/TJ run), not per character, which
keeps the reader within a small factor of poppler's pdftotext. The page's text comes in one call;
the one per-character call (the character's text object) and the per-object ones go through
`calls`, private copies without pypdfium2's argument conversion. Per-character boxes are fetched
only where a link rectangle cuts through a run.

PDFium is not thread-safe: call `read_pdf` from one thread at a time (processes are fine).
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

from . import calls, layout, order, roles
from .layout import Assembled, Run
from .model import Link, PdfReadError, PdfSource, Rule, TextLayer
from .roles import PageBuild
from .textruns import _Fonts, _runs, _Stats

_LOCK = threading.Lock()

_OCR_PRODUCERS = re.compile(
    r"paper capture|clearscan|abbyy|finereader|tesseract|ocrmypdf|omnipage|readiris|"
    r"kofax|nuance|capture|ocr\b|hocr|recogni[sz]",
    re.I,
)
_MAX_PAGES = 5000


def open_document(data: bytes, password: str | None = None) -> pdfium.PdfDocument:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"read_pdf wants bytes, not {type(data).__name__}")
    data = bytes(data)
    if not data.strip():
        raise PdfReadError("empty input: not a PDF")
    if b"%PDF" not in data[:1024]:
        raise PdfReadError("not a PDF: no %PDF header in the first 1024 bytes")
    try:
        doc = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise PdfReadError("the PDF is encrypted and needs a password to open") from None
        if "security" in msg.lower():
            raise PdfReadError(
                "the PDF uses an unsupported security handler (encryption)"
            ) from None
        raise PdfReadError(f"damaged PDF: PDFium cannot open it ({msg})") from None
    n = len(doc)
    if n == 0:
        doc.close()
        raise PdfReadError("damaged PDF: no pages")
    if n > _MAX_PAGES:
        doc.close()
        raise PdfReadError(f"the PDF has {n} pages; the limit is {_MAX_PAGES}")
    return doc


def producer_of(doc: pdfium.PdfDocument) -> str:
    out: list[str] = []
    for key in ("Producer", "Creator"):
        try:
            v = doc.get_metadata_value(key)
        except Exception:
            v = ""
        if v and v not in out:
            out.append(v)
    return "; ".join(out)


def _page_objects(
    page: pdfium.PdfPage, ox: float, oy_top: float, stats: _Stats, area: float
) -> tuple[list[Rule], float]:
    """Drawn horizontal rules (y from the top) and whether an image covers most of the page."""
    rules: list[tuple[float, float, float]] = []
    covered = 0.0
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    fill = ctypes.c_int()
    stroke = ctypes.c_int()

    def visit(obj: Any, depth: int) -> None:  # obj: an FPDF_PAGEOBJECT (untyped)
        nonlocal covered
        typ = R.FPDFPageObj_GetType(obj)
        if typ == R.FPDF_PAGEOBJ_FORM and depth < 3:
            has_image = False
            for k in range(R.FPDFFormObj_CountObjects(obj)):
                sub = R.FPDFFormObj_GetObject(obj, k)
                if R.FPDFPageObj_GetType(sub) == R.FPDF_PAGEOBJ_IMAGE:
                    has_image = True
            if has_image and R.FPDFPageObj_GetBounds(obj, l, b, r, t):
                covered = max(covered, (r.value - l.value) * (t.value - b.value) / area)
            return
        if typ not in (R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE):
            return
        if not R.FPDFPageObj_GetBounds(obj, l, b, r, t):
            return
        w, h = r.value - l.value, t.value - b.value
        if typ == R.FPDF_PAGEOBJ_IMAGE:
            covered = max(covered, w * h / area)
            return
        if h <= 2.5 and w >= 15:
            if (
                R.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
                and not fill.value
                and not stroke.value
            ):
                return
            rules.append((round(oy_top - (t.value + b.value) / 2, 2), l.value - ox, r.value - ox))

    _visit_page(page, visit)
    # merge collinear pieces (Word draws a rule as several touching rectangles)
    rules.sort()
    merged: list[list[float]] = []
    for y, x0, x1 in rules:
        if merged and abs(merged[-1][0] - y) < 1.5 and x0 <= merged[-1][2] + 2:
            merged[-1][2] = max(merged[-1][2], x1)
        else:
            merged.append([y, x0, x1])
    return [Rule(y, round(x0, 2), round(x1, 2)) for y, x0, x1 in merged], covered


def _visit_page(page: pdfium.PdfPage, visit: Callable[[Any, int], None]) -> None:
    """`visit` each of the page's top-level objects but its text objects (the many)."""
    n = R.FPDFPage_CountObjects(page)
    if not calls.FAST:  # pragma: no cover - another pypdfium2 layout
        for k in range(n):
            visit(R.FPDFPage_GetObject(page, k), 0)
        return
    get_object, get_type = calls.fn("FPDFPage_GetObject"), calls.fn("FPDFPageObj_GetType")
    handle = ctypes.c_void_p(calls.addr(page.raw))
    for k in range(n):
        o = get_object(handle, k)
        if get_type(ctypes.c_void_p(o)) != R.FPDF_PAGEOBJ_TEXT:
            visit(ctypes.cast(o, R.FPDF_PAGEOBJECT), 0)


def _links(
    doc: pdfium.PdfDocument, page: pdfium.PdfPage, ox: float, oy_top: float
) -> list[tuple[str, tuple[float, float, float, float]]]:
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    pos = ctypes.c_int(0)
    link = R.FPDF_LINK()
    rect = R.FS_RECTF()
    while R.FPDFLink_Enumerate(page, ctypes.byref(pos), ctypes.byref(link)):
        action = R.FPDFLink_GetAction(link)
        if not action or R.FPDFAction_GetType(action) != R.PDFACTION_URI:
            continue
        n = R.FPDFAction_GetURIPath(doc, action, None, 0)
        if n <= 1:
            continue
        buf = ctypes.create_string_buffer(n)
        R.FPDFAction_GetURIPath(doc, action, buf, n)
        uri = buf.value.decode("utf-8", "replace").strip()
        if not R.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        x0, x1 = sorted((rect.left - ox, rect.right - ox))
        top, bottom = sorted((oy_top - rect.top, oy_top - rect.bottom))
        out.append((uri, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))))
    return out


def _page(doc: pdfium.PdfDocument, index: int, fonts: _Fonts, stats: _Stats) -> PageBuild:
    page = doc[index]
    try:
        left, bottom, right, top = page.get_bbox()
        width, height = right - left, top - bottom
        ox, oy = left, top
        tp = page.get_textpage()
        try:
            runs = _runs(tp, ox, oy, fonts, stats)
            rules, covered = _page_objects(page, ox, oy, stats, max(1.0, width * height))
            if covered > 0.8:
                stats.image_pages += 1
                if any(r.text.strip() for r in runs):
                    stats.scanned_pages += 1
            if any(r.text.strip() for r in runs):
                stats.text_pages += 1
            rtl_base = [r.baseline for r in runs if layout.has_rtl(r.text)]
            if rtl_base:
                runs = _explode(tp, runs, ox, rtl_base)
            gutter = order.find_gutter(runs, width)
            items: list[Assembled] = []
            for ln in layout.group_lines(runs):
                for seg in layout.split_segments(ln, gutter):
                    items.append(layout.assemble(seg))
            items = order.order_lines(items, gutter)
            items = [a for a in items if a.line.text]
            pb = PageBuild(index + 1, round(width, 2), round(height, 2), items, rules)
            raw_links = _links(doc, page, ox, oy)
            if raw_links:
                l_, r_, b_, t_ = (ctypes.c_double() for _ in range(4))

                def char_x(run: Run, k: int) -> tuple[float, float] | None:
                    if not run.chars or k >= len(run.chars) or run.chars[k] < 0:
                        return None
                    if not R.FPDFText_GetCharBox(tp, run.chars[k], l_, r_, b_, t_):
                        return None
                    return (l_.value - ox, r_.value - ox)

                pb.links = [
                    Link(uri, bbox, order.link_spans(items, bbox, char_x, uri))
                    for uri, bbox in raw_links
                ]
            return pb
        finally:
            tp.close()
    finally:
        page.close()


def _explode(
    tp: pdfium.PdfTextPage, runs: list[Run], ox: float, rtl_base: list[float]
) -> list[Run]:
    """One run per character, placed by its own box: pages with right-to-left script, where
    PDFium's order inside a text object is not the visual order. Spaces come back from the gaps."""
    out: list[Run] = []
    box = R.FS_RECTF()
    for run in runs:
        if (
            not run.chars
            or len(run.chars) != len(run.text)
            or not any(abs(run.baseline - y) < 0.8 * run.size for y in rtl_base)
        ):
            out.append(run)
            continue
        for ch, idx in zip(run.text, run.chars):
            # the loose box spans the glyph's advance: gaps between boxes are real spacing
            if ch.isspace() or not R.FPDFText_GetLooseCharBox(tp, idx, box):
                continue
            x0, x1 = sorted((box.left - ox, box.right - ox))
            out.append(
                Run(
                    ch,
                    x0,
                    max(x1, x0 + 0.1),
                    run.top,
                    run.bottom,
                    run.baseline,
                    run.size,
                    run.italic,
                    run.bold,
                    run.font,
                    [idx],
                )
            )
    return out


def text_layer_kind(stats: _Stats, producer: str, pages: int) -> TextLayer:
    if stats.chars < 5 * pages and stats.chars < 20:
        return "none"
    if stats.invisible * 2 >= stats.chars:
        return "ocr"
    if _OCR_PRODUCERS.search(producer):
        return "ocr"
    if stats.text_pages and stats.scanned_pages >= stats.text_pages:
        return "ocr"
    return "native"


def read_pdf(data: bytes, *, password: str | None = None) -> PdfSource:
    """Read the text of a PDF with its layout evidence. Raises `PdfReadError` when it cannot."""
    with _LOCK:
        doc = open_document(data, password)
        try:
            producer = producer_of(doc)
            fonts = _Fonts()
            stats = _Stats()
            builds: list[PageBuild] = []
            for i in range(len(doc)):
                try:
                    builds.append(_page(doc, i, fonts, stats))
                except PdfReadError:
                    raise
                except Exception as exc:
                    raise PdfReadError(
                        f"damaged PDF: page {i + 1} cannot be read ({type(exc).__name__}: {exc})"
                    ) from None
            kind = text_layer_kind(stats, producer, len(doc))
            return PdfSource(roles.finish(builds), kind, producer)
        finally:
            doc.close()
