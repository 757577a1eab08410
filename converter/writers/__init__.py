"""Writers: a converted document (`converter.pipeline.Result`) → the bytes of one output format.

The registry `WRITERS` (name → `Writer`) is the one list of output formats: the command
line's ``--to`` choices, the output names' suffixes, the batch fingerprint (which files
decide an output) and the worker warm-up all read it. Adding a format is one `register`
line; a writer's module is imported only when it is used (no Typst for ``--help``).

Renderers, from the AKN document alone (never from the converter's internal model):

    render_html(akn)             -> str    # akn: .akn.xml bytes or an lxml ElementTree
    render_pdf(akn)              -> bytes  # akn: the exact .akn.xml bytes, embedded unchanged

The PDF is laid out by Typst (`converter.writers.typst`: PDF/A-3u, tagged, PDF/UA-1), from the
AKN, not from the HTML. Errors are `RenderError`s: `FontError` when a font or a glyph is
missing.
"""

from __future__ import annotations

import importlib

from converter.writers.errors import RenderError

# `Writer` (the protocol) is in `converter.writers.protocol`, loaded when it is asked for:
# `un2akn --help` lists the registry's formats and should not import typing for that
TYPE_CHECKING = False
if TYPE_CHECKING:
    from converter.writers.protocol import Writer

__all__ = [
    "Writer",
    "WRITERS",
    "register",
    "writer",
    "formats",
    "render_html",
    "render_pdf",
    "RenderError",
    "FontError",
    "MissingFontError",
    "MissingGlyphError",
]


class LazyWriter:
    """A writer whose code lives in ``module`` (functions ``write(result)`` and optionally
    ``warm()``), imported on first use."""

    __slots__ = ("name", "suffix", "module", "sources")

    def __init__(self, name: str, suffix: str, module: str, sources: tuple[str, ...] = ()):
        self.name, self.suffix, self.module, self.sources = name, suffix, module, sources

    def __repr__(self) -> str:
        return f"LazyWriter({self.name!r}, {self.suffix!r}, {self.module!r})"

    def _module(self):
        return importlib.import_module(self.module)

    def warm(self) -> None:
        warm = getattr(self._module(), "warm", None)
        if warm is not None:
            warm()

    def write(self, result) -> bytes:
        return self._module().write(result)


WRITERS: dict[str, Writer] = {}


def register(w: Writer) -> Writer:
    """Add (or replace) the writer ``w.name``."""
    WRITERS[w.name] = w
    return w


def writer(name: str) -> Writer:
    """The writer called ``name``; KeyError if there is none."""
    return WRITERS[name]


def formats() -> tuple[str, ...]:
    """The names of the registered writers, in registration order."""
    return tuple(WRITERS)


#: the renderers' common modules (hashed with each renderer's own package)
_RENDER = (
    "writers/__init__.py",
    "writers/errors.py",
    "writers/fonts.py",
    "writers/languages.py",
    "writers/akn.py",
    "writers/links.py",
)

register(LazyWriter("xml", ".akn.xml", "converter.writers.xml", ("writers/xml.py",)))
register(LazyWriter("model", ".model.json", "converter.writers.model", ("writers/model.py",)))
register(LazyWriter("html", ".html", "converter.writers.html", (*_RENDER, "writers/html")))
register(LazyWriter("pdf", ".pdf", "converter.writers.typst", (*_RENDER, "writers/typst")))


def render_html(akn) -> str:
    """The self-contained HTML of ``akn`` (see `converter.writers.html.builder`)."""
    from converter.writers.html.builder import render_html as _render_html

    return _render_html(akn)


def render_pdf(akn: bytes) -> bytes:
    """The archival PDF of ``akn`` (see `converter.writers.typst`); imports Typst."""
    from converter.writers.typst import render_pdf as _render_pdf

    return _render_pdf(akn)


def __getattr__(name: str):
    if name == "Writer":
        from converter.writers.protocol import Writer

        return Writer
    if name in ("FontError", "MissingFontError", "MissingGlyphError"):
        from converter.writers import fonts

        return getattr(fonts, name)
    raise AttributeError(f"module 'converter.writers' has no attribute {name!r}")
