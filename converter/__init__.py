"""un2akn: United Nations resolutions and draft resolutions → Akoma Ntoso 3.0 (AKN4UN).

Public API::

    from converter import convert
    result = convert("A-C.3-74-L.18.zh.txt")        # path, text or bytes; lang=None detects
    result.ok(), result.xml, result.document, result.diagnostics
"""

from __future__ import annotations

__all__ = ["convert", "Result", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The pipeline (lxml, schema, tables) loads on first use, so `un2akn --help` stays quick.
    if name in ("convert", "Result"):
        from converter import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'converter' has no attribute {name!r}")
