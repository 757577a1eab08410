"""Read: bytes of a text file → decoded text, one newline style, Unicode NFC.

Guarantees for later stages: the text is `str` in NFC; line ends are ``\\n`` and the lines
are the input file's lines (diagnostics count them); a form feed (page break, as poppler's
pdftotext writes it before a page's first line) is kept; no other control characters remain
(tabs become spaces). Undecodable or binary input raises
`ConversionError` with a located diagnostic.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from converter.diagnostics import ConversionError, Diagnostic, Severity

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _fail(code: str, message: str, line: int = 0) -> ConversionError:
    return ConversionError([Diagnostic(code, Severity.ERROR, message, line)])


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name). Tries BOMs, UTF-8, UTF-16, GB18030."""
    if not data.strip():
        raise _fail("input.empty", "input is empty")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise _fail(
                    "input.encoding", f"{name} text with a bad byte at offset {exc.start}"
                ) from None
    if b"\x00" in data:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even, odd = data[0::2].count(0), data[1::2].count(0)
        name = "utf-16-le" if odd > len(data) // 4 else "utf-16-be" if even > len(data) // 4 else ""
        if name and len(data) % 2 == 0:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
        # UTF-16 text of a script outside ASCII (Chinese) has few NULs: lines tell it apart
        for name in ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ():
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if text.count("\n") * 200 >= len(text) and sum(
                not c.isprintable() and c not in "\n\r\t\f" for c in text
            ) * 100 < len(text):
                return text, name
        raise _fail("input.binary", "input is binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and sum("\u4e00" <= c <= "\u9fff" for c in text) > len(text) // 10:
        return text, "gb18030"
    line = data[: utf8_error.start].count(b"\n") + 1
    raise _fail(
        "input.encoding",
        f"not UTF-8, UTF-16 or GB18030 text (bad byte "
        f"0x{data[utf8_error.start]:02x} at offset {utf8_error.start})",
        line,
    )


def normalise(text: str) -> str:
    """One newline style, NFC, form feeds on lines of their own, no stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    text = re.sub(r"\f\f+", "\f", text)  # = \f+ -> \f; a literal start: search skips to it
    text = _CONTROL.sub("", text)
    return text


def read_text(data: bytes) -> tuple[str, str]:
    """Decode and normalise ``data``; returns (text, encoding)."""
    text, encoding = decode(data)
    text = normalise(text)
    if not text.strip():
        raise _fail("input.empty", "input has no text")
    return text, encoding
