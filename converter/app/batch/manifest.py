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


def _read_nofollow(path: Path) -> str:
    try:
        fd = open_nofollow(path, os.O_RDONLY)
    except OSError:
        return ""
    with os.fdopen(fd, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


class Manifest:
    """DIR/.un2akn-manifest.jsonl: the latest entry per input (by resolved path).

    Lines are appended whole as inputs finish; a torn last line (a run killed mid-write, or
    power lost) is ignored. `compact` rewrites the file atomically with the latest entries.
    """

    def __init__(self, path: Path | None, text: str | None = None):
        self.path = path  #: None for a store's (`objstore.StoreManifest`), read as ``text``
        self.entries: dict[str, dict] = {}
        self.lines = 0
        if text is None:
            text = _read_nofollow(path) if path is not None else ""
        for line in text.splitlines():
            self.lines += 1  # torn or untrusted lines too: `compact` drops them
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("source"), str)
                and valid_stem(entry.get("stem"))
            ):
                self.entries[entry["source"]] = entry

    def append(self, entry: dict) -> None:
        assert self.path is not None
        self.entries[entry["source"]] = entry
        append_line(self.path, entry)
        self.lines += 1

    def compact(self) -> None:
        if self.path is None or self.lines <= len(self.entries):
            return
        data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries.values())
        write_atomic(self.path, data.encode("utf-8"))
        self.lines = len(self.entries)

    def up_to_date(
        self, key: str, digest: str, options: dict, formats: list[str], out_dir: Path
    ) -> dict | None:
        """The entry of ``key`` if its outputs can be reused as they are, else None."""
        from converter.writers import WRITERS

        entry = self.entries.get(key)
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
