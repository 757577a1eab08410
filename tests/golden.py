"""Golden files: the model dump and the canonical XML of each bundled document."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from converter import convert
from converter.model import to_json

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GOLDEN_DIR = TESTS / "documents"


def golden_inputs() -> list[tuple[str, Path]]:
    """(golden folder name, input path) for the sample and the corpus fixtures."""
    inputs = [ROOT / "samples" / "A-C.3-74-L.18.zh.txt"]
    inputs += sorted(
        p for p in (TESTS / "fixtures" / "corpus").glob("*.txt") if not p.name.endswith("-raw.txt")
    )  # the third extraction: structure tests
    return [(p.name.removesuffix(".txt"), p) for p in inputs]


def render_golden(path: Path) -> tuple[str, bytes]:
    """(model JSON, canonical XML) of one input, converted under its file name alone."""
    result = convert(path, name=path.name)
    assert result.xml is not None, [d.format() for d in result.diagnostics]
    canonical = etree.tostring(etree.fromstring(result.xml), method="c14n2")
    pretty = etree.tostring(etree.fromstring(canonical), pretty_print=True, encoding="UTF-8")
    return to_json(result.document), pretty
