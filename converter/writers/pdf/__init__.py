"""The ``pdf`` writer: archival PDF/A-3u of the AKN document (WeasyPrint, see `weasy`)."""
from __future__ import annotations


def warm() -> None:
    from converter.writers.pdf import weasy

    weasy._font_config()


def write(result) -> bytes:
    from converter.writers.pdf.weasy import render_pdf

    return render_pdf(result.xml)
