"""un2akn: United Nations resolutions and draft resolutions → Akoma Ntoso 3.0 (AKN4UN).

Public API::

    from converter import convert
    result = convert("A-C.3-74-L.18.zh.txt")        # path, text or bytes; lang=None detects
    result.ok(), result.xml, result.document, result.diagnostics
"""
from converter.pipeline import Result, convert

__all__ = ["convert", "Result", "__version__"]
__version__ = "0.1.0"
