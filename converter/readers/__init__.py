"""Readers: the bytes of one input → a `converter.source.Source`.

A reader is a small object with a name, the file suffixes it reads (for folder inputs of
`un2akn batch`), a `sniff` that tells its format from the first bytes, and `read`. Adding a
format is one module and one line in `READERS`; `reader_for` picks the reader of an input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from converter.diagnostics import ConversionError, Diagnostic, Severity
from converter.limits import MAX_INPUT_BYTES
from converter.source import PLAIN, ReadOptions, Source

__all__ = [
    "MAX_INPUT_BYTES",
    "PLAIN",
    "ReadOptions",
    "Reader",
    "load_bytes",
    "read",
    "reader_for",
    "register",
    "too_large",
]


class Reader(Protocol):
    """What every reader offers (see the module docstring)."""

    name: str  #: "text", "pdf"
    suffixes: tuple[str, ...]  #: file suffixes this reader takes in a folder (".txt")

    def sniff(self, head: bytes) -> bool:
        """Whether the input that starts with ``head`` is in this reader's format."""
        ...

    def read(self, data: bytes, lang: str | None, options: ReadOptions = PLAIN) -> Source:
        """The source model of ``data``; `ConversionError` for input it cannot read.
        ``lang`` (ISO 639-1) overrides language detection; ``options`` say how to read."""
        ...


#: The readers, in the order they are asked; filled on first use (`registry`), so that
#: importing this package loads no reader.
READERS: dict[str, Reader] = {}


def registry() -> dict[str, Reader]:
    """The readers in the order they are tried; the text reader, the last resort, last."""
    if "text" not in READERS:
        from converter.readers.text import TextReader

        READERS["pdf"] = _LazyPdfReader()
        READERS["text"] = TextReader()  # sniffs every input as text
    return READERS


class _LazyPdfReader:
    """The PDF reader, imported (PDFium and all) only when an input starts like a PDF: a
    text input (and `un2akn --help`) does not pay for it."""

    name = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def __init__(self) -> None:
        self._reader: Reader | None = None

    def _real(self) -> Reader | None:
        if self._reader is None:
            try:
                from converter.readers.pdf.reader import PdfReader
            except ImportError:  # pragma: no cover - pypdfium2 missing: PDFs are read as text
                return None
            self._reader = PdfReader()
        return self._reader

    def sniff(self, head: bytes) -> bool:
        # ``%PDF-`` is in every PDF's first bytes: without it, the real reader is not asked
        real = self._real() if b"%PDF-" in head else None
        return real is not None and real.sniff(head)

    def read(self, data: bytes, lang: str | None, options: ReadOptions = PLAIN) -> Source:
        real = self._real()
        assert real is not None, "read without a successful sniff"
        return real.read(data, lang, options)


def register(reader: Reader) -> None:
    """Add ``reader`` (tried before the text reader, which takes whatever is left)."""
    readers = registry()
    readers.pop(reader.name, None)
    text = readers.pop("text")
    readers[reader.name] = reader
    readers["text"] = text


def reader_for(data: bytes) -> Reader:
    """The first reader that recognises ``data``."""
    head = data[:1024]
    return next(r for r in registry().values() if r.sniff(head))


def suffixes() -> tuple[str, ...]:
    """Every suffix some reader takes (what `un2akn batch` looks for in a folder)."""
    return tuple(s for r in registry().values() for s in r.suffixes)


def too_large(size: int) -> ConversionError:
    """The error for an input of ``size`` bytes, over the limit."""
    return ConversionError(
        [
            Diagnostic(
                "input.too_large",
                Severity.ERROR,
                f"input is {size:,} bytes; the limit is "
                f"{MAX_INPUT_BYTES:,} bytes (a resolution's text is far smaller)",
            )
        ]
    )


def load_bytes(path: str | Path) -> bytes:
    """The bytes of the file at ``path``, never more than the limit in memory."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_INPUT_BYTES:
                raise too_large(size)
            data = f.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise ConversionError(
            [Diagnostic("input.unreadable", Severity.ERROR, f"cannot read: {exc.strerror or exc}")]
        ) from None
    if len(data) > MAX_INPUT_BYTES:
        raise too_large(len(data))
    return data


def read(data: bytes, lang: str | None = None, options: ReadOptions = PLAIN) -> Source:
    """The source model of ``data``, read by the reader of its format."""
    if len(data) > MAX_INPUT_BYTES:
        raise too_large(len(data))
    return reader_for(data).read(data, lang, options)
