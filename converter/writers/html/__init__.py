"""The ``html`` writer: self-contained HTML of the AKN document (see `builder`)."""
from __future__ import annotations


def warm() -> None:
    from converter.writers.html import builder  # noqa: F401 - the stylesheet is read at import


def write(result) -> bytes:
    from converter.writers.html.builder import render_html

    return render_html(result.xml).encode("utf-8")
