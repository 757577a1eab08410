"""read: encodings, newline styles, bad input."""

from __future__ import annotations

import codecs

import pytest

from converter.diagnostics import ConversionError
from converter.readers import load_bytes
from converter.readers.text.decode import decode, normalise, read_text

TEXT = "大会，\n 重申其决议，\nThe General Assembly,\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decodes_every_supported_encoding(data, encoding):
    text, found = decode(data)
    assert text == TEXT and found == encoding


def test_normalises_newlines_nfc_and_keeps_lines():
    text = normalise("a\r\nb\rc\f\fd\tE\u0301\x07")
    assert text == "a\nb\nc\fd É"  # same lines as the input: diagnostics count them


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", "input.empty"),
        (b"   \n\n  ", "input.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "input.binary"),
        ("Ünïcödé but latin-1".encode("latin-1"), "input.encoding"),
    ],
)
def test_bad_input_is_a_located_error(data, code):
    with pytest.raises(ConversionError) as err:
        read_text(data)
    assert err.value.diagnostics[0].code == code


def test_unreadable_path(tmp_path):
    with pytest.raises(ConversionError) as err:
        load_bytes(tmp_path / "missing.txt")
    assert err.value.diagnostics[0].code == "input.unreadable"
