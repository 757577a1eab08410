"""Which URLs become links: the source's own hyperlinks are kept as links only when they
point at a UN document host; the writers link only http(s) URLs.

>>> trusted("https://undocs.org/ch/A/RES/46/152")
True
>>> trusted("https://evil.example\\\\@undocs.org/ch/A/RES/46/152")
False
>>> trusted("https://user@undocs.org/A/RES/46/152"), trusted("https://undocs.org:8443/A/1")
(False, False)
>>> is_web("javascript:alert(1)"), is_web("https://example.org/a")
(False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

#: The hosts of UN documents (the table: add a host here, nowhere else).
UN_DOCUMENT_HOSTS = frozenset(
    {
        "undocs.org",
        "www.undocs.org",
        "docs.un.org",
        "documents.un.org",
        "digitallibrary.un.org",
        "daccess-ods.un.org",
        "documents-dds-ny.un.org",
    }
)
_DEFAULT_PORT = {"http": 80, "https": 443}
_ODD = re.compile(r"[\\\s\x00-\x1f\x7f]")  # backslash, white space, control characters
#: the common shape, decided without `urlsplit` (same verdicts): http(s), a lower-case host
#: name, then a path of plain characters only (no user-info, port, query or fragment)
_PLAIN = re.compile(r"(?:http|https)://([a-z0-9.-]+)(?:/[\w/.()%~+,;=-]*)?", re.ASCII)


def is_web(url: str) -> bool:
    """Whether ``url`` is a plain http(s) URL with a host (what a writer may link to)."""
    if _PLAIN.fullmatch(url):
        return True
    if _ODD.search(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORT and bool(parts.hostname)


@lru_cache(maxsize=16384)
def trusted(url: str) -> bool:
    """Whether ``url`` may be kept as a link: http(s), a UN document host (`UN_DOCUMENT_HOSTS`),
    no user-info, no port other than the scheme's own."""
    plain = _PLAIN.fullmatch(url)
    if plain:
        return plain.group(1).rstrip(".") in UN_DOCUMENT_HOSTS
    if not is_web(url):
        return False
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return False
    if parts.port is not None and parts.port != _DEFAULT_PORT[parts.scheme.lower()]:
        return False
    return (parts.hostname or "").rstrip(".") in UN_DOCUMENT_HOSTS
