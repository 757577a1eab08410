"""The text reader: text extracted from a PDF (any common extractor) → `Source`.

bytes → decode (encoding, newlines, NFC) → language (table or detection) → clean
"""

from __future__ import annotations

from converter.diagnostics import ConversionError, Diagnostic, Severity
from converter.languages import load
from converter.languages.detect import detect
from converter.readers.text.clean import clean
from converter.readers.text.decode import read_text
from converter.source import PLAIN, ReadOptions, Source


class TextReader:
    """Reads UTF-8 (with or without BOM), UTF-16 or GB18030 text."""

    name = "text"
    suffixes: tuple[str, ...] = (".txt",)

    def sniff(self, head: bytes) -> bool:
        return True  # the last resort: decoding says what is not text

    def read(self, data: bytes, lang: str | None, options: ReadOptions = PLAIN) -> Source:
        text, encoding = read_text(data)
        language = load(lang) if lang else detect(text)
        if language is None:
            raise ConversionError(
                [
                    Diagnostic(
                        "input.language", Severity.ERROR, "cannot tell the language (give --lang)"
                    )
                ]
            )
        return clean(text, language, encoding)
