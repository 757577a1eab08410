"""The package's TOML tables (languages, States, organs), parsed once and cached like bytecode.

Parsing the tables with `tomllib` takes about 60 ms, a fifth of a cold `un2akn convert`; the
parsed mapping is kept as a pickle in the ``__pycache__`` folder beside the table and used
while the table's bytes are unchanged (the pickle records their hash). The cache is written
where bytecode would be (not when ``PYTHONDONTWRITEBYTECODE`` is set, nor where the folder
is read-only: then the table is simply parsed); ``python -m converter.tables`` writes every
table's cache, as set-up does next to ``compileall``. The TOML file stays the one source.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

#: bump when the cache's layout changes
_FORMAT = 1


def _cache_path(path: Path) -> Path:
    tag = sys.implementation.cache_tag or "python"
    return path.parent / "__pycache__" / f"{path.name}.{tag}.pickle"


def load(path: Path | str, write: bool | None = None) -> dict[str, Any]:
    """The parsed table at ``path`` (a TOML file), from its cache when the cache is of the
    same bytes. ``write``: store a missing or stale cache (default: unless Python is told
    not to write bytecode)."""
    path = Path(path)
    data = path.read_bytes()
    digest = hashlib.blake2b(data, digest_size=16).digest()
    cache = _cache_path(path)
    try:
        with open(cache, "rb") as f:
            fmt, stored, table = pickle.load(f)
        if fmt == _FORMAT and stored == digest:
            return table
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass  # no cache yet, or a broken one: parse
    table = _parse(data.decode("utf-8"))
    if write if write is not None else not sys.dont_write_bytecode:
        _store(cache, (_FORMAT, digest, table))
    return table


def _parse(text: str) -> dict[str, Any]:
    import tomllib  # only without a cache: the import alone takes some milliseconds

    return tomllib.loads(text)


def _store(cache: Path, value: tuple) -> None:
    """Write ``value`` to ``cache`` atomically; silently nothing where that is not allowed."""
    import tempfile  # only to write a cache (set-up writes them all)

    try:
        cache.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=cache.name, suffix=".tmp", dir=cache.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def compile_all(root: Path | None = None) -> list[Path]:
    """Write the cache of every table under ``root`` (default: the package); the tables."""
    root = root or Path(__file__).resolve().parent
    tables = sorted(p for p in root.rglob("*.toml") if "__pycache__" not in p.parts)
    for path in tables:
        load(path, write=True)
    return tables


if __name__ == "__main__":
    compile_all()
