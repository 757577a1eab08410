"""Writing files: outputs atomically (temporary file in the same folder, then rename), safe
names, whole JSON lines appended with signals held and the file locked, no symbolic link
followed."""

from __future__ import annotations

import hashlib
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


MAX_STEM_BYTES = 100  #: a longer stem is cut and given a hash (file names are ≤ 255 bytes)


def short_stem(stem: str, limit: int = MAX_STEM_BYTES) -> str:
    """``stem`` if it fits in ``limit`` UTF-8 bytes; else its first characters and ``~`` and
    a hash of the whole stem (stable: the same name gives the same file name every run).

    >>> short_stem("A-RES-73-8.en")
    'A-RES-73-8.en'
    >>> len(short_stem("决" * 78).encode("utf-8")) <= MAX_STEM_BYTES + 9
    True
    """
    data = stem.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return stem
    digest = hashlib.sha256(data).hexdigest()[:8]
    return data[:limit].decode("utf-8", "ignore") + "~" + digest


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


def _lock(fd: int) -> None:
    """Hold an exclusive lock (flock) on the open file ``fd`` until it is closed: a report
    that two runs share gets whole lines, one run's at a time."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def append_line(path: Path, obj: dict) -> tuple[int, int]:
    """Append ``obj`` as one JSON line (O_APPEND) under an exclusive lock of the file, so
    that lines of runs sharing the file never interleave or tear; (offset, length) of the
    line in the file. A torn last line (a run killed mid-write) is ended first, lest the new
    line be glued to it."""
    data = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
    with signals_held():
        fd = open_nofollow(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        try:
            _lock(fd)
            offset = os.lseek(fd, 0, os.SEEK_END)  # where the line goes: the lock holds it
            torn = offset > 0 and _last_byte(fd, offset) != b"\n"
            view = memoryview(b"\n" + data if torn else data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:  # the disk full: say which file
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        finally:
            os.close(fd)  # releases the lock
    return offset + torn, len(data)


def _last_byte(fd: int, size: int) -> bytes:
    os.lseek(fd, size - 1, os.SEEK_SET)  # (writes still go to the end: O_APPEND)
    return os.read(fd, 1)


def truncate_locked(path: Path) -> None:
    """Create ``path`` or empty it, under the same lock as `append_line`; never through a
    symbolic link."""
    with signals_held():
        fd = open_nofollow(path, os.O_WRONLY | os.O_CREAT)
        try:
            _lock(fd)
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)
