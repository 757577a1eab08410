"""The ``model`` writer: the converter's document model as JSON (`converter.model.to_json`)."""

from __future__ import annotations

from converter.model import to_json


def write(result) -> bytes:
    return to_json(result.document).encode("utf-8")
