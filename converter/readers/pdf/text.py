"""`to_text`: the lines as plain text, shaped like poppler's ``pdftotext`` (non-layout) output."""

from __future__ import annotations

from .model import PdfSource


def to_text(src: PdfSource, *, roles: tuple[str, ...] | None = None) -> str:
    """Each page's lines in reading order, one per line; a form feed starts every page after the
    first. Superscript markers stay where they stand, glued to the preceding word
    (``thereto,1``). `roles` keeps only lines of those roles (default: all, as pdftotext does)."""
    pages = []
    for p in src.pages:
        lines = [ln.text for ln in p.lines if roles is None or ln.role in roles]
        pages.append("".join(t + "\n" for t in lines))
    return "\f".join(pages)
