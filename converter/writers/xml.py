"""The ``xml`` writer: the validated AKN XML, as the pipeline made it."""

from __future__ import annotations


def write(result) -> bytes:
    return result.xml
