"""Private copies of the PDFium functions the reader calls per character or per text object.

pypdfium2's bindings convert every argument through ``argtypes``, wrap every pointer result in
a new ctypes object and release the GIL around each call; in a loop over 3,000 characters a page
that costs more than PDFium's own work. These copies (``PyDLL[name]`` makes a new function
object on the same library handle: pypdfium2's own are untouched) keep the GIL (the calls take
microseconds, and the reader holds its lock around PDFium anyway), take a ``ctypes.c_void_p``
made once per handle and return plain ints (0 for NULL). Output parameters are passed as
``ctypes.byref`` objects made once and reused.

`FAST` is False when pypdfium2's layout is not the one expected: callers then use `pypdfium2.raw`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from itertools import repeat
from typing import Any

#: a PDFium function without argument conversion (untyped: ctypes)
_Fn = Callable[..., Any]


def _load() -> dict[str, _Fn] | None:
    try:
        from pypdfium2_raw.bindings import _libs

        loaded = _libs["pdfium"]
        lib = ctypes.PyDLL(loaded._name, handle=loaded._handle)
        out: dict[str, _Fn] = {}
        for name, restype in (
            ("FPDFText_GetTextObject", ctypes.c_size_t),
            ("FPDFPageObj_GetBounds", ctypes.c_int),
            ("FPDFPageObj_GetMatrix", ctypes.c_int),
            ("FPDFTextObj_GetFontSize", ctypes.c_int),
            ("FPDFTextObj_GetTextRenderMode", ctypes.c_int),
            ("FPDFTextObj_GetFont", ctypes.c_size_t),
            ("FPDFPage_GetObject", ctypes.c_size_t),
            ("FPDFPageObj_GetType", ctypes.c_int),
        ):
            fn = lib[name]
            fn.restype = restype
            out[name] = fn
        return out
    except Exception:  # pragma: no cover - another pypdfium2 layout
        return None


_FNS = _load()
FAST = _FNS is not None


def fn(name: str) -> _Fn:
    """The private copy of PDFium function `name` (only when `FAST`)."""
    assert _FNS is not None
    return _FNS[name]


def addr(p: Any) -> int:  # a ctypes pointer or a pypdfium2 handle (untyped)
    """The address a PDFium handle points to (0 for NULL)."""
    return ctypes.cast(p, ctypes.c_void_p).value or 0


def text_objects(textpage_addr: int, n: int) -> list[int]:
    """The address of the text object of each of a text page's first `n` characters (0: a
    character PDFium generated, such as an inferred space or line break)."""
    get = fn("FPDFText_GetTextObject")
    return list(map(get, repeat(ctypes.c_void_p(textpage_addr), n), range(n)))
