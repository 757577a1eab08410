"""``python -m converter.readers.pdf FILE.pdf [--ocr LANG] [--lines] [--body-only]``

Prints the PDF's text as `to_text` writes it (pdftotext-like, form feeds between pages), or with
``--lines`` one line per text line with its page, role, size and superscript spans. A PDF without
a text layer is OCRed when ``--ocr LANG`` is given. Exit status 1 with a message on a bad PDF.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import PdfReadError, ocr_pdf, read_pdf, to_text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m converter.readers.pdf", description=__doc__.splitlines()[0]
    )
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--ocr", metavar="LANG", help="OCR an image-only PDF (ru, zh, ar, en, fr, es)")
    ap.add_argument("--lines", action="store_true", help="one line per text line, with its role")
    ap.add_argument("--body-only", action="store_true", help="leave out headers and footers")
    a = ap.parse_args(argv)
    try:
        data = a.pdf.read_bytes()
        src = read_pdf(data)
        if src.text_layer == "none" and a.ocr:
            src = ocr_pdf(data, a.ocr)
    except (OSError, PdfReadError) as exc:
        print(f"{a.pdf}: {exc}", file=sys.stderr)
        return 1
    if a.lines:
        print(
            f"# text layer: {src.text_layer}; producer: {src.producer}"
            + (f"; OCR: {src.ocr_engine}" if src.ocr_engine else "")
        )
        for p in src.pages:
            for ln in p.lines:
                sup = "".join(f" ^{ln.text[s:e]}" for s, e in ln.superscripts)
                note = f"  #{sup}" if sup else ""
                print(f"{p.number:3} {ln.role:6} {ln.size:5.1f} | {ln.text}{note}")
            for k in p.links:
                print(f"{p.number:3} link   {k.uri} <- {k.text(p)!r}")
        return 0
    roles = ("body", "note") if a.body_only else None
    sys.stdout.write(to_text(src, roles=roles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
