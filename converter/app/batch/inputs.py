"""Batch inputs: files, folders and globs expanded; read with a size limit; given safe,
unique, stable output names."""

from __future__ import annotations

import glob
import hashlib
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from converter.app.batch.args import UsageError

MAX_STEM_BYTES = 100  #: longer names are cut and given a hash suffix (file names ≤ 255 bytes)


def expand_inputs(items: list[str], out_dir: Path | None = None) -> tuple[list[str], list[str]]:
    """(input files, warnings): folders searched recursively for the files some reader takes
    (``*.txt``, and the suffixes of any other registered reader), glob patterns expanded,
    duplicates (same resolved file) dropped, order kept. A missing path is a `UsageError`."""
    found: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    skip = out_dir.resolve() if out_dir is not None else None

    def add(path: Path) -> None:
        key = str(path.resolve())
        if key not in seen:
            seen.add(key)
            found.append(str(path))

    def add_folder(folder: Path) -> None:
        from converter.readers import suffixes

        wanted = tuple(s.lower() for s in suffixes())
        for path in sorted(folder.rglob("*")):
            if (
                path.suffix.lower() in wanted
                and path.is_file()
                and not (skip and path.resolve().is_relative_to(skip))
            ):
                add(path)

    def add_any(path: Path) -> None:
        if path.is_dir():
            add_folder(path)
        elif path.is_file():
            add(path)

    for item in items:
        if "://" in item:  # a URL: fsspec (converter.app.batch.storage)
            from converter.app.batch.storage import expand_url, local_path

            if not item.startswith("file://"):
                urls, more = expand_url(item)
                found.extend(u for u in urls if u not in seen)
                seen.update(urls)
                warnings.extend(more)
                continue
            item = local_path(item)
        path = Path(item)
        if path.is_dir() or path.is_file():
            add_any(path)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                warnings.append(f"{item}: matches no file")
            for match in matches:
                add_any(Path(match))
        elif path.exists():
            raise UsageError(f"{item}: not a regular file or folder")
        else:
            raise UsageError(f"{item}: no such file or folder")
    return found, warnings


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_input(path: str) -> tuple[bytes | None, str, str]:
    """(bytes, "", "") or (None, code, message) when the input cannot be taken."""
    from converter.diagnostics import ConversionError
    from converter.readers import load_bytes

    if "://" in path:
        from converter.app.batch.storage import read_url

        return read_url(path)
    try:
        return load_bytes(path), "", ""
    except ConversionError as exc:
        d = exc.diagnostics[0]
        return None, d.code, d.message


def valid_stem(stem) -> bool:
    """A name that stays in DIR (the manifest is read from disk: trust nothing in it)."""
    return (
        isinstance(stem, str)
        and bool(stem)
        and stem not in (".", "..")
        and not stem.startswith(".")
        and "/" not in stem
        and "\\" not in stem
        and "\0" not in stem
        and len(stem.encode("utf-8", "surrogatepass")) <= 200
    )


def plan_names(keys: list[str], names: list[str], known: Mapping[str, str]) -> list[str]:
    """An output stem per input: kept from the manifest (``known``: source → its stem) if the
    input had one; else the safe stem of its file name, with ``~hash`` of its path when that
    would collide (in this run, with a name the manifest gives another input, or
    case-insensitively)."""
    owner: dict[str, str] = {}
    for source, stem in known.items():
        owner.setdefault(stem.casefold(), source)
    stems: list[str | None] = [None] * len(keys)
    taken: set[str] = set()
    for i, key in enumerate(keys):
        kept = known.get(key)
        if kept is not None and kept.casefold() not in taken:
            stems[i] = kept
            taken.add(kept.casefold())
    bases = _bases(names, stems)
    counts = Counter(base.casefold() for base, _ in bases.values())
    for i, (base, cut) in bases.items():
        key = keys[i]
        folded = base.casefold()
        if (
            not cut
            and counts[folded] == 1
            and folded not in taken
            and owner.get(folded, key) == key
        ):
            stem = base
        else:  # "~" never occurs in a safe stem, so a suffixed name cannot meet a plain one
            digest = sha256_of(key.encode("utf-8", "surrogatepass"))
            width = 8
            stem = f"{base}~{digest[:width]}"
            while stem.casefold() in taken or owner.get(stem.casefold(), key) != key:
                width += 4
                stem = f"{base}~{digest[:width]}"
        stems[i] = stem
        taken.add(stem.casefold())
    return [s for s in stems if s is not None]


def _bases(names: list[str], stems: list[str | None]) -> dict[int, tuple[str, bool]]:
    """Index → (safe stem clipped to MAX_STEM_BYTES, whether it was clipped), for inputs
    without a name yet."""
    from converter.app.files import safe_stem

    bases: dict[int, tuple[str, bool]] = {}
    for i, name in enumerate(names):
        if stems[i] is None:
            stem = safe_stem(name)
            clipped = stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore")
            bases[i] = (clipped, clipped != stem)
    return bases
