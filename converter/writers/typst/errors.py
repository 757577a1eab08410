"""The errors of the Typst writer."""

from __future__ import annotations

from converter.writers.errors import RenderError


class TypstWriterError(RenderError, ValueError):
    """The AKN document cannot be written as Typst."""


class UnknownElementError(TypstWriterError):
    """An AKN element that the visitor has no rule for (it would otherwise be dropped)."""
