"""Writing outputs: atomic (temporary file in the same folder, then rename), safe names."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def safe_stem(name: str) -> str:
    """A file-name stem that cannot leave its folder: no separators, no leading dots.

    >>> safe_stem("A-C.3-74-L.18.zh.txt")
    'A-C.3-74-L.18.zh'
    >>> safe_stem("../../etc/passwd")
    'passwd'
    """
    stem = Path(name).name
    for suffix in (".txt", ".text"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    stem = re.sub(r"[^\w.\-()+]", "_", stem).lstrip(".")
    return stem or "document"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
