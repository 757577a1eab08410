"""The ``html`` writer: self-contained HTML of the AKN document (see `builder`)."""

from __future__ import annotations

from converter.writers.html.builder import render_html


def warm() -> None:
    """Nothing more: the stylesheet and font rules are read when `builder` is imported."""


def write(result) -> bytes:
    return render_html(result.xml).encode("utf-8")
