"""The manifest (what each input's outputs are, and what they were made from) and the
converter's fingerprint: what ``batch --resume`` decides with."""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from converter import __version__
from converter.app.batch.inputs import valid_stem
from converter.app.files import append_line, open_nofollow, write_atomic

MANIFEST = ".un2akn-manifest.jsonl"


@cache
def fingerprint(formats: tuple[str, ...] = ("xml",)) -> str:
    """The converter's version and a hash of what decides its outputs in ``formats``: its
    code and tables (``converter/`` but the application and the writers), the schema, and
    the files each asked writer names in its ``sources`` (`converter.writers`)."""
    import converter
    from converter.akn.schema import SCHEMA_DIR
    from converter.writers import WRITERS

    package = Path(converter.__file__).resolve().parent
    chosen = [package / s for fmt in formats for s in WRITERS[fmt].sources]
    files: set[Path] = set()
    for path in package.rglob("*"):
        top = path.relative_to(package).parts[0]
        if top not in ("app", "writers") or any(path == c or c in path.parents for c in chosen):
            files.add(path)
    files = {
        p
        for p in files
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    }
    files |= {p for p in SCHEMA_DIR.rglob("*") if p.is_file()}
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(str(path.relative_to(path.parent.parent)).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            pass
    return f"{__version__}+{h.hexdigest()[:12]}"


def parse_entry(line: str | bytes) -> dict | None:
    """A manifest line's entry, or None for a torn or untrusted line."""
    try:
        entry = json.loads(line)
    except ValueError:  # (and UnicodeDecodeError)
        return None
    if (
        isinstance(entry, dict)
        and isinstance(entry.get("source"), str)
        and valid_stem(entry.get("stem"))
    ):
        return entry
    return None


def _read_at(fd: int, offset: int, length: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, length)


class Manifest:
    """DIR/.un2akn-manifest.jsonl: the latest entry per input (by resolved path).

    Lines are appended whole as inputs finish; a torn last line (a run killed mid-write, or
    power lost) is ignored. `compact` rewrites the file atomically with the latest entries.

    The entries stay in the file: this keeps, per input, where its latest line lies and the
    input's output stem (`stems`), and reads an entry back when it is asked for (`get`). An
    archive's run stays small: the parsed entries (each input's counts and diagnostics,
    which ``--resume`` reports again) took about 3 KB per input in memory.
    """

    def __init__(self, path: Path | None):
        self.path = path  #: None for a store's (`objstore.StoreManifest`)
        self.where: dict[str, tuple[int, int]] = {}  #: source -> (offset, length) of its line
        self.stems: dict[str, str] = {}  #: source -> the stem of its outputs
        self.lines = 0  #: lines in the file, torn or untrusted ones too: `compact` drops them
        if path is not None:
            self._index(path)

    def _index(self, path: Path) -> None:
        try:
            fd = open_nofollow(path, os.O_RDONLY)
        except OSError:
            return
        offset = 0
        with os.fdopen(fd, "rb") as f:
            for raw in f:
                self.lines += 1
                entry = parse_entry(raw)
                if entry is not None:
                    self.where[entry["source"]] = (offset, len(raw))
                    self.stems[entry["source"]] = entry["stem"]
                offset += len(raw)

    def __len__(self) -> int:
        return len(self.stems)

    def get(self, key: str) -> dict | None:
        """The latest entry of ``key``, read back from the file (None if there is none)."""
        where = self.where.get(key)
        if where is None or self.path is None:
            return None
        try:
            fd = open_nofollow(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            raw = _read_at(fd, *where)
        finally:
            os.close(fd)
        entry = parse_entry(raw)
        return entry if entry is not None and entry["source"] == key else None

    def all(self) -> dict[str, dict]:
        """Every input's latest entry (read back: for tests and tools, not a run)."""
        found = {key: self.get(key) for key in self.stems}
        return {key: entry for key, entry in found.items() if entry is not None}

    def append(self, entry: dict) -> None:
        assert self.path is not None
        self.where[entry["source"]] = append_line(self.path, entry)
        self.stems[entry["source"]] = entry["stem"]
        self.lines += 1

    def compact(self) -> None:
        if self.path is None or self.lines <= len(self.where):
            return
        path, order = self.path, sorted(self.where.items(), key=lambda item: item[1][0])
        fd = open_nofollow(path, os.O_RDONLY)
        try:
            lines = [(key, _read_at(fd, offset, length)) for key, (offset, length) in order]
        finally:
            os.close(fd)
        lines = [(key, raw if raw.endswith(b"\n") else raw + b"\n") for key, raw in lines]
        where, offset = {}, 0
        for key, raw in lines:
            where[key] = (offset, len(raw))
            offset += len(raw)
        write_atomic(path, b"".join(raw for _, raw in lines))
        self.where, self.lines = where, len(where)

    def up_to_date(
        self, key: str, digest: str, options: dict, formats: list[str], out_dir: Path
    ) -> dict | None:
        """The entry of ``key`` if its outputs can be reused as they are, else None."""
        from converter.writers import WRITERS

        entry = self.get(key)
        if (
            not entry
            or entry.get("status") != "ok"
            or entry.get("sha256") != digest
            or entry.get("version") != fingerprint(tuple(formats))
            or entry.get("options") != options
        ):
            return None
        outputs = entry.get("outputs") or {}
        for fmt in formats:
            out = outputs.get(fmt)
            if not isinstance(out, dict) or out.get("name") != entry["stem"] + WRITERS[fmt].suffix:
                return None
            if self.size(out_dir, out["name"]) != out.get("size"):
                return None
        return entry

    def size(self, out_dir, name: str) -> int | None:
        """The size of the output ``name`` in ``out_dir``, None if there is none."""
        try:
            return (out_dir / name).stat().st_size
        except OSError:
            return None
