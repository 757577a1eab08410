"""The ``pdf`` writer: archival PDF/A-3u of the AKN document (WeasyPrint, see `weasy`).

Importing this package loads the HTML writer (and the fonts), not WeasyPrint: `warm` and
`write` do.
"""

from __future__ import annotations

import converter.writers.html  # noqa: F401 - what the batch checks before it starts


def warm() -> None:
    from converter.writers.pdf import weasy

    weasy._font_config()


def write(result) -> bytes:
    from converter.writers.pdf.weasy import render_pdf

    return render_pdf(result.xml)
