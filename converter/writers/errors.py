"""The errors rendering raises; every one says what is wrong in words a user can act on."""

from __future__ import annotations


class RenderError(Exception):
    """The AKN document cannot be rendered (not AKN, unsupported language, a missing glyph…)."""
