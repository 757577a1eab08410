"""The reader registry: a new input format is one class and one `register` call."""

from __future__ import annotations

import pytest

from converter import convert, readers
from converter.languages import load
from converter.readers.text.clean import clean
from converter.source import Source
from tests.conftest import assert_valid


class ToyReader:
    """Reads a made-up format: a first line ``TOY`` then English text with ``|`` for newlines."""

    name = "toy"
    suffixes = (".toy",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"TOY\n")

    def read(self, data: bytes, lang: str | None, options=None) -> Source:
        text = data.decode("utf-8").split("\n", 1)[1].replace("|", "\n")
        return clean(text, load(lang or "en"), "toy")


@pytest.fixture
def toy_registered():
    saved = dict(readers.registry())
    readers.register(ToyReader())
    yield
    readers.READERS.clear()
    readers.READERS.update(saved)


TOY = (
    b"TOY\nThe General Assembly,|Recalling its resolution 73/8 of 23 July 2019,|"
    b"1.  Decides to remain seized of the matter.|"
)


def test_a_registered_reader_feeds_the_same_pipeline(toy_registered):
    assert list(readers.READERS)[-2:] == ["toy", "text"]  # the text reader stays the last resort
    assert readers.suffixes()[-2:] == (".toy", ".txt")
    result = convert(TOY, symbol="A/80/L.99", date="2025-10-01")
    assert result.encoding == "toy" and result.ok(), [d.format() for d in result.diagnostics]
    assert_valid(result.xml)
    assert result.counts()["preambular"] == 1 and result.counts()["operative"] == 1


def test_without_the_reader_the_text_reader_takes_it():
    assert readers.reader_for(TOY).name == "text"


def test_the_size_limit_is_the_readers(monkeypatch):
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 10)
    with pytest.raises(readers.ConversionError) as err:
        readers.read(b"x" * 11)
    assert err.value.diagnostics[0].code == "input.too_large"
