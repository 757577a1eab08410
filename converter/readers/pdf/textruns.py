"""PDFium's text page → runs: one `Run` per text object (a Tj/TJ run), with its font, size,
box, baseline and the text page's index of each character; fonts are read once per font and
object properties once per object (the reader's hot path).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Sequence
from itertools import groupby

import pypdfium2 as pdfium
import pypdfium2.raw as R

from . import calls
from .base import Run
from .calls import addr as _addr

#: a text object's geometry and font (see `_ObjectInfo.read`): x0, x1, top, bottom, baseline,
#: size, italic, bold, font name, render mode, rotated
_Meta = tuple[float, float, float, float, float, float, bool, bool, str, int, bool]
#: a run of characters of one text object (see `_groups`): object, start, end, space_before
_Group = tuple[int, int, int, bool | None]

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

_DROPPED = "\uffff"  # U+FFFF is dropped itself: in `_MARK_MAP` it marks a dropped character
_MARK_MAP = {c: (_DROPPED if v is None else v) for c, v in _CHAR_MAP.items()}


class _Fonts:
    def __init__(self) -> None:
        self.cache: dict[int, tuple[str, bool, bool]] = {}
        self.buf = ctypes.create_string_buffer(256)

    def get(self, key: int) -> tuple[str, bool, bool]:
        """Name, italic and bold of the FPDF_FONT at address `key` (0: none)."""
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        name = ""
        italic = bold = False
        if key:
            font = ctypes.cast(key, R.FPDF_FONT)
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
    def __init__(self) -> None:
        self.chars = 0
        self.invisible = 0
        self.scanned_pages = 0  # pages with text and a page-size image
        self.text_pages = 0
        self.image_pages = 0


def _text_and_objects(tp: pdfium.PdfTextPage) -> tuple[str, list[int]]:
    """The text page's characters and the address of each one's text object (0: generated)."""
    n = R.FPDFText_CountChars(tp)
    buf = (ctypes.c_ushort * (n + 1))()
    if R.FPDFText_GetText(tp, 0, n, buf) > 0:
        # one character per UTF-16 unit, lone surrogates included (`_runs` joins pairs)
        text = bytes(buf)[: 2 * n].decode("utf-16-le", "surrogatepass")
        if len(text) != n:  # surrogate pairs were joined: keep the units apart
            text = "".join(map(chr, buf[:n]))
    else:
        text = "\0" * n
    if calls.FAST:
        objs = calls.text_objects(_addr(tp.raw), n)
    else:  # pragma: no cover
        objs = [_addr(R.FPDFText_GetTextObject(tp, i)) for i in range(n)]
    return text, objs


def _groups(objs: list[int], all_text: str) -> list[_Group]:
    """Consecutive characters grouped by text object: ``(obj, start, end, space_before)``.
    Generated characters (no object) between two characters of one object are spaces PDFium
    inferred inside a TJ array: they stay in the group."""
    groups: list[_Group] = []
    pos = 0
    gen_start = -1
    for o, g in groupby(objs):
        k = len(list(g))
        if not o:
            gen_start = pos
        elif groups and groups[-1][0] == o and groups[-1][2] == gen_start:
            last = groups[-1]  # same object after generated chars: one run
            groups[-1] = (last[0], last[1], pos + k, last[3])
            gen_start = -1
        else:
            space: bool | None = None
            if gen_start >= 0:
                gen = all_text[gen_start:pos]
                space = None if ("\n" in gen or "\r" in gen) else bool(gen.strip("\x00"))
            elif groups:
                space = False
            groups.append((o, pos, pos + k, space))
            gen_start = -1
        pos += k
    return groups


if calls.FAST:
    _BOUNDS = calls.fn("FPDFPageObj_GetBounds")
    _MATRIX = calls.fn("FPDFPageObj_GetMatrix")
    _SIZE = calls.fn("FPDFTextObj_GetFontSize")
    _MODE = calls.fn("FPDFTextObj_GetTextRenderMode")
    _FONT = calls.fn("FPDFTextObj_GetFont")


class _ObjectInfo:
    """Font, size, box, baseline and render mode of each text object, read once."""

    def __init__(self, ox: float, oy: float, fonts: _Fonts):
        self.ox, self.oy, self.fonts = ox, oy, fonts
        self.seen: dict[int, _Meta | None] = {}
        # left, bottom, right, top; the matrix a b c d e f (FS_MATRIX's layout): unpacked at once
        self.box = (ctypes.c_float * 4)()
        self.matrix = (ctypes.c_float * 6)()
        self.size = ctypes.c_float()
        self.refs = [ctypes.byref(self.box, 4 * k) for k in range(4)]
        self.matrix_ref = ctypes.byref(self.matrix)
        self.size_ref = ctypes.byref(self.size)

    def get(self, o: int) -> _Meta | None:
        seen = self.seen
        if o not in seen:
            seen[o] = self.read(o)
        return seen[o]

    def _fetch(self, o: int) -> tuple[int, int] | None:
        """Fill box, matrix and size with text object `o`'s: its render mode and font address."""
        if calls.FAST:
            p = ctypes.c_void_p(o)
            if not (_BOUNDS(p, *self.refs) and _MATRIX(p, self.matrix_ref)):
                return None
            _SIZE(p, self.size_ref)
            return _MODE(p), _FONT(p)
        obj = ctypes.cast(o, R.FPDF_PAGEOBJECT)  # pragma: no cover - another pypdfium2 layout
        at = ctypes.addressof(self.box)
        box = [ctypes.cast(at + 4 * k, ctypes.POINTER(ctypes.c_float)) for k in range(4)]
        matrix = ctypes.cast(self.matrix, ctypes.POINTER(R.FS_MATRIX))
        if not (R.FPDFPageObj_GetBounds(obj, *box) and R.FPDFPageObj_GetMatrix(obj, matrix)):
            return None
        R.FPDFTextObj_GetFontSize(obj, ctypes.byref(self.size))
        return R.FPDFTextObj_GetTextRenderMode(obj), _addr(R.FPDFTextObj_GetFont(obj))

    def read(self, o: int) -> _Meta | None:
        fetched = self._fetch(o)
        if fetched is None:
            return None
        mode, font = fetched
        l, b, r, t = self.box
        a, mb, c, d, _, f = self.matrix
        ox, oy = self.ox, self.oy
        size = round(self.size.value * math.hypot(c, d), 2)
        rotated = abs(mb) > 0.1 * abs(a) + 1e-6 or a < 0
        name, italic, bold = self.fonts.get(font)
        base = oy - f
        return (
            l - ox,
            r - ox,
            min(oy - t, base - 0.8 * size),
            max(oy - b, base + 0.2 * size),
            base,
            size,
            italic,
            bold,
            name,
            mode,
            rotated,
        )


def _run_text(all_text: str, start: int, end: int) -> tuple[str, list[int] | range]:
    """A group's text, cleaned (`_CHAR_MAP`, doubled spaces), and its characters' indices."""
    idxs: list[int] | range = range(start, end)
    text = all_text[start:end].translate(_CHAR_MAP)
    chars: list[str] | None = None
    if len(text) != end - start:  # characters were dropped: map them one by one
        chars = [all_text[i].translate(_CHAR_MAP) for i in idxs]
        text = "".join(chars)
    # "\r\n" generated inside one object becomes two spaces: collapse
    if "  " in text:
        keep: list[str] = []
        ids: list[int] = []
        for ch, i in zip(chars or text, idxs):
            if ch == " " and keep and keep[-1] == " ":
                continue
            if ch:
                keep.append(ch)
                ids.append(i)
        text, idxs = "".join(keep), ids
    elif chars is not None:
        idxs = [i for ch, i in zip(chars, idxs) if ch]
    return text, idxs


def _runs(tp: pdfium.PdfTextPage, ox: float, oy: float, fonts: _Fonts, stats: _Stats) -> list[Run]:
    """The page's text as runs, one per text object (counting visible and invisible text)."""
    if R.FPDFText_CountChars(tp) <= 0:
        return []
    all_text, objs = _text_and_objects(tp)
    # the page's text mapped at once; a group holding a dropped character or a doubled space
    # is cleaned by `_run_text`, the others are their slice of it
    mapped = all_text.translate(_MARK_MAP)
    info = _ObjectInfo(ox, oy, fonts)
    surrogates = _SURROGATE.search(all_text) is not None
    runs: list[Run] = []
    chars_seen = invisible = 0
    for seq, (o, start, end, space_before) in enumerate(_groups(objs, all_text)):
        meta = info.get(o)
        if meta is None:
            continue
        x0, x1, top, bottom, base, size, italic, bold, name, mode, rotated = meta
        text = mapped[start:end]
        idxs: list[int] | range
        if _DROPPED in text or "  " in text:
            text, idxs = _run_text(all_text, start, end)
        else:
            idxs = range(start, end)
        visible = len(text.strip())
        chars_seen += visible
        if mode in _INVISIBLE_MODES:
            invisible += visible
        if rotated or not visible:
            continue
        chars: Sequence[int] | None = idxs
        if surrogates and _SURROGATE.search(text):
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            chars = None if len(text) != len(idxs) else idxs
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
                chars,
                False,
                seq,
                space_before,
            )
        )
    stats.chars += chars_seen
    stats.invisible += invisible
    return runs
