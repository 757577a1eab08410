"""Writing files: outputs atomically (temporary file in the same folder, then rename), safe
names, whole JSON lines appended with signals held, no symbolic link followed."""

from __future__ import annotations

import json
import os
import re
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path


def safe_stem(name: str) -> str:
    """A file-name stem that cannot leave its folder: no separators, no leading dots.

    >>> safe_stem("A-C.3-74-L.18.zh.txt")
    'A-C.3-74-L.18.zh'
    >>> safe_stem("../../etc/passwd")
    'passwd'
    """
    stem = Path(name).name
    for suffix in (".txt", ".text", ".pdf"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    stem = re.sub(r"[^\w.\-()+]", "_", stem).lstrip(".")
    return stem or "document"


def _temporary(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file next to ``path`` (``.<name>.*.part``), synced."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    write_all([(path, data)])


def write_all(outputs: list[tuple[Path, bytes]]) -> None:
    """Write several files as one: each to a temporary name in its folder, then all renamed
    into place once every one is written. If any write fails (or the process is stopped),
    the temporary files are removed and no file is replaced: the old ones stay as they were.
    """
    done: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            path.parent.mkdir(parents=True, exist_ok=True)
            done.append((_temporary(path, data), path))
        for tmp, path in done:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in done:
            _unlink(tmp)  # those already renamed are gone from here: nothing happens
        raise


@contextmanager
def signals_held():
    """Hold off SIGINT and SIGTERM (so a line is written whole); they arrive afterwards."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX / not main
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


#: never follow a symbolic link where a report, manifest or lock file is expected
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def open_nofollow(path: Path, flags: int) -> int:
    """``os.open(path, flags)`` that refuses a symbolic link in the last component."""
    return os.open(path, flags | NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o666)


def append_line(path: Path, obj: dict) -> None:
    """Append ``obj`` as one JSON line with one write (O_APPEND), flushed to the file."""
    data = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
    with signals_held():
        fd = open_nofollow(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
