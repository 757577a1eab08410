"""The errors rendering raises; every one says what is wrong in words a user can act on."""

from __future__ import annotations


class RenderError(Exception):
    """The AKN document cannot be rendered (not AKN, unsupported language, refused fetch…)."""


class FetchRefusedError(RenderError):
    """Rendering tried to load a resource that is not one of the renderer's own assets."""
