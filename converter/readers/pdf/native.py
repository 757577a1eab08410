"""Read a PDF's own text layer with PDFium (pypdfium2): text objects → runs → lines.

PDFium's text page gives each character and the text object it belongs to; fonts, sizes,
baselines and render modes are read once per text object (a Tj/TJ run), not per character, which
keeps the reader within a small factor of poppler's pdftotext. Per-character boxes are fetched
only where a link rectangle cuts through a run.

PDFium is not thread-safe: call `read_pdf` from one thread at a time (processes are fine).
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from itertools import groupby

import pypdfium2 as pdfium
import pypdfium2.raw as R

from . import layout
from .layout import Assembled, PageBuild, Run
from .model import Link, PdfReadError, PdfSource, Rule

_LOCK = threading.Lock()

try:  # a private copy of two hot functions that return plain ints (no ctypes pointer objects)
    from pypdfium2_raw.bindings import _libs as _LIBS

    _lib = _LIBS["pdfium"]
    _get_textobj = _lib["FPDFText_GetTextObject"]
    _get_textobj.restype = ctypes.c_void_p
    _get_textobj.argtypes = [ctypes.c_void_p, ctypes.c_int]
except Exception:  # pragma: no cover - other pypdfium2 layouts
    _get_textobj = None

_OCR_PRODUCERS = re.compile(
    r"paper capture|clearscan|abbyy|finereader|tesseract|ocrmypdf|omnipage|readiris|"
    r"kofax|nuance|capture|ocr\b|hocr|recogni[sz]",
    re.I,
)
_INVISIBLE_MODES = (3, 7)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: PDFium's text: 0xFFFE and 0x02 mark a hyphen at a line end; tabs, line ends and no-break
#: spaces are spaces; other control characters and non-characters go
_CHAR_MAP = {
    0xFFFE: "-",
    0x02: "-",
    0x09: " ",
    0x0A: " ",
    0x0D: " ",
    0xA0: " ",
    0xFFFF: None,
    **{c: None for c in range(32) if c not in (2, 9, 10, 13)},
    **{c: None for c in range(0xFDD0, 0xFDF0)},
}
_MAX_PAGES = 5000


def _addr(p) -> int:
    return ctypes.cast(p, ctypes.c_void_p).value or 0


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
    out = []
    for key in ("Producer", "Creator"):
        try:
            v = doc.get_metadata_value(key)
        except Exception:
            v = ""
        if v and v not in out:
            out.append(v)
    return "; ".join(out)


class _Fonts:
    def __init__(self):
        self.cache: dict[int, tuple[str, bool, bool]] = {}
        self.buf = ctypes.create_string_buffer(256)

    def get(self, font) -> tuple[str, bool, bool]:
        key = _addr(font)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        name = ""
        italic = bold = False
        if key:
            n = R.FPDFFont_GetBaseFontName(font, self.buf, 256)
            if n > 0:
                name = self.buf.value.decode("latin-1", "replace")
            name = re.sub(r"^[A-Z]{6}\+", "", name)
            flags = R.FPDFFont_GetFlags(font)
            weight = R.FPDFFont_GetWeight(font)
            angle = ctypes.c_int(0)
            R.FPDFFont_GetItalicAngle(font, ctypes.byref(angle))
            low = name.lower()
            italic = bool(flags & 0x40) or angle.value != 0 or "italic" in low or "oblique" in low
            bold = (
                (weight >= 600)
                or bool(flags & 0x40000)
                or bool(re.search(r"bold|black|heavy|semibold|demi", low))
            )
        hit = (name, italic, bold)
        self.cache[key] = hit
        return hit


class _Stats:
    def __init__(self):
        self.chars = 0
        self.invisible = 0
        self.scanned_pages = 0  # pages with text and a page-size image
        self.text_pages = 0
        self.image_pages = 0


def _page_objects(page, ox: float, oy_top: float, stats: _Stats, area: float):
    """Drawn horizontal rules (y from the top) and whether an image covers most of the page."""
    rules: list[tuple[float, float, float]] = []
    covered = 0.0
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    fill = ctypes.c_int()
    stroke = ctypes.c_int()

    def visit(obj, depth):
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

    for k in range(R.FPDFPage_CountObjects(page)):
        visit(R.FPDFPage_GetObject(page, k), 0)
    # merge collinear pieces (Word draws a rule as several touching rectangles)
    rules.sort()
    merged: list[list[float]] = []
    for y, x0, x1 in rules:
        if merged and abs(merged[-1][0] - y) < 1.5 and x0 <= merged[-1][2] + 2:
            merged[-1][2] = max(merged[-1][2], x1)
        else:
            merged.append([y, x0, x1])
    return [Rule(y, round(x0, 2), round(x1, 2)) for y, x0, x1 in merged], covered


def _links(doc, page, ox, oy_top) -> list[tuple[str, tuple[float, float, float, float]]]:
    out = []
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


def _page(doc, index: int, fonts: _Fonts, stats: _Stats) -> PageBuild:
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
            gutter = layout.find_gutter(runs, width)
            items: list[Assembled] = []
            for ln in layout.group_lines(runs):
                for seg in layout.split_segments(ln, gutter):
                    items.append(layout.assemble(seg))
            items = layout.order_lines(items, gutter)
            items = [a for a in items if a.line.text]
            pb = PageBuild(index + 1, round(width, 2), round(height, 2), items, rules)
            raw_links = _links(doc, page, ox, oy)
            if raw_links:
                l_, r_, b_, t_ = (ctypes.c_double() for _ in range(4))

                def char_x(run: Run, k: int):
                    if not run.chars or k >= len(run.chars) or run.chars[k] < 0:
                        return None
                    if not R.FPDFText_GetCharBox(tp, run.chars[k], l_, r_, b_, t_):
                        return None
                    return (l_.value - ox, r_.value - ox)

                pb.links = [
                    Link(uri, bbox, layout.link_spans(items, bbox, char_x, uri))
                    for uri, bbox in raw_links
                ]
            return pb
        finally:
            tp.close()
    finally:
        page.close()


def _explode(tp, runs: list[Run], ox: float, rtl_base: list[float]) -> list[Run]:
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


def _runs(tp, ox: float, oy: float, fonts: _Fonts, stats: _Stats) -> list[Run]:
    n = R.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    buf = (ctypes.c_ushort * (n + 1))()
    got = R.FPDFText_GetText(tp, 0, n, buf)
    units = list(buf[:n]) if got > 0 else [0] * n
    tp_addr = _addr(tp.raw)
    if _get_textobj is not None:
        objs = [_get_textobj(tp_addr, i) or 0 for i in range(n)]
    else:  # pragma: no cover
        objs = [_addr(R.FPDFText_GetTextObject(tp, i)) for i in range(n)]
    # group consecutive characters by text object; generated characters (no object) between two
    # characters of one object are spaces PDFium inferred inside a TJ array: keep them
    all_text = "".join(map(chr, units))
    groups: list[list] = []  # [obj, start, end, space_before]
    pos = 0
    gen_start = -1
    for o, g in groupby(objs):
        k = len(list(g))
        if not o:
            gen_start = pos
        elif groups and groups[-1][0] == o and groups[-1][2] == gen_start:
            groups[-1][2] = pos + k  # same object after generated chars: one run
            gen_start = -1
        else:
            space = None
            if gen_start >= 0:
                gen = all_text[gen_start:pos]
                space = None if ("\n" in gen or "\r" in gen) else bool(gen.strip("\x00"))
            elif groups:
                space = False
            groups.append([o, pos, pos + k, space])
            gen_start = -1
        pos += k
    info: dict[int, tuple | None] = {}
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    m = R.FS_MATRIX()
    fs = ctypes.c_float()
    runs: list[Run] = []
    for seq, (o, start, end, space_before) in enumerate(groups):
        meta = info.get(o, False)
        if meta is False:
            meta = None
            obj = ctypes.cast(o, R.FPDF_PAGEOBJECT)
            if R.FPDFPageObj_GetBounds(obj, l, b, r, t) and R.FPDFPageObj_GetMatrix(obj, m):
                R.FPDFTextObj_GetFontSize(obj, ctypes.byref(fs))
                scale = math.hypot(m.c, m.d)
                size = round(fs.value * scale, 2)
                rotated = abs(m.b) > 0.1 * abs(m.a) + 1e-6 or m.a < 0
                mode = R.FPDFTextObj_GetTextRenderMode(obj)
                name, italic, bold = fonts.get(R.FPDFTextObj_GetFont(obj))
                base = oy - m.f
                meta = (
                    l.value - ox,
                    r.value - ox,
                    min(oy - t.value, base - 0.8 * size),
                    max(oy - b.value, base + 0.2 * size),
                    base,
                    size,
                    italic,
                    bold,
                    name,
                    mode,
                    rotated,
                )
            info[o] = meta
        if meta is None:
            continue
        x0, x1, top, bottom, base, size, italic, bold, name, mode, rotated = meta
        idxs = range(start, end)
        text = all_text[start:end].translate(_CHAR_MAP)
        chars = None
        if len(text) != end - start:  # characters were dropped: map them one by one
            chars = [all_text[i].translate(_CHAR_MAP) for i in idxs]
            text = "".join(chars)
        # "\r\n" generated inside one object becomes two spaces: collapse
        if "  " in text:
            keep = []
            ids = []
            for ch, i in zip(chars or text, idxs):
                if ch == " " and keep and keep[-1] == " ":
                    continue
                if ch:
                    keep.append(ch)
                    ids.append(i)
            text, idxs = "".join(keep), ids
        elif chars is not None:
            idxs = [i for ch, i in zip(chars, idxs) if ch]
        visible = len(text.strip())
        stats.chars += visible
        if mode in _INVISIBLE_MODES:
            stats.invisible += visible
        if rotated or not visible:
            continue
        if _SURROGATE.search(text):
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            idxs = None if len(text) != len(idxs) else idxs
        runs.append(
            Run(
                text,
                x0,
                x1,
                top,
                bottom,
                base,
                size,
                italic,
                bold,
                name,
                idxs,
                seq=seq,
                space_before=space_before,
            )
        )
    return runs


def text_layer_kind(stats: _Stats, producer: str, pages: int) -> str:
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
            builds = []
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
            return PdfSource(layout.finish(builds), kind, producer)
        finally:
            doc.close()
