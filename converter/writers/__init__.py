"""Renderers: validated AKN XML → self-contained HTML, and → archival PDF (PDF/A-3u, WeasyPrint).

    render_html(akn)             -> str    # akn: .akn.xml bytes or an lxml ElementTree
    render_pdf(akn, html=None)   -> bytes  # akn: the exact .akn.xml bytes, embedded unchanged

Both work from the AKN document alone (never from the converter's internal model), in every
language of the UN (Arabic right to left). Errors are `RenderError`s: `FontError` when a font
or a glyph is missing, `FetchRefusedError` when rendering tried to load an outside resource.
"""
from __future__ import annotations


from converter.writers.errors import FetchRefusedError, RenderError
from converter.writers.fonts import FontError, MissingFontError, MissingGlyphError
from converter.writers.html.builder import render_html

__all__ = [
    "render_html", "render_pdf", "RenderError", "FetchRefusedError", "FontError",
    "MissingFontError", "MissingGlyphError",
]


def render_pdf(akn: bytes, *, html: str | None = None) -> bytes:
    """The archival PDF of ``akn`` (see `converter.render.pdf`); imports WeasyPrint on first use."""
    from converter.writers.pdf.weasy import render_pdf as _render_pdf

    return _render_pdf(akn, html=html)
