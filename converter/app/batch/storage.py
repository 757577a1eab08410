"""Inputs and outputs named by URL (``file://``, ``memory://``, ``s3://`` …), through fsspec.

Only what names a URL comes here (``scheme://…``); plain paths keep the code of
`converter.app.batch.inputs` and `converter.app.files`, and fsspec is not imported for them.

Inputs: any fsspec URL (a file, a folder searched for the files some reader takes, a glob);
the run reads them (with the size limit) where it runs, so workers never need to reach them.
Outputs: DIR is a path or a ``file://`` URL (a local or shared folder, where outputs are
renamed into place), or another URL: an object store, which `converter.app.batch.objstore`
writes (whole objects, no rename, no append, a lock object).
"""

from __future__ import annotations

import glob

from converter.app.batch.args import UsageError


def is_url(name: str) -> bool:
    """Whether ``name`` names an fsspec URL (``scheme://…``), not a plain path."""
    scheme, sep, _ = name.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").isalnum() and len(scheme) > 1


def local_path(name: str) -> str:
    """A ``file://`` URL as its path; anything else unchanged."""
    return name[len("file://") :] if name.startswith("file://") else name


def make_fs(url: str):
    """(fsspec filesystem, path) for ``url``; a `UsageError` if fsspec or the backend is missing."""
    try:
        import fsspec.core
    except ImportError:
        raise UsageError(f"{url}: URLs need fsspec (pip install 'un2akn[cluster]')") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise UsageError(f"{url}: {exc}") from None


def expand_url(item: str) -> tuple[list[str], list[str]]:
    """(input URLs, warnings) for a URL: a file, a folder (every file some reader takes, below
    it) or a glob pattern. A missing one is a `UsageError`."""
    from converter.readers import suffixes

    fs, path = make_fs(item)
    wanted = tuple(s.lower() for s in suffixes())
    found: list[str] = []
    try:
        if glob.has_magic(path):
            matches = sorted(fs.glob(path))
            if not matches:
                return [], [f"{item}: matches no file"]
        elif fs.isdir(path):
            matches = [p for p in sorted(fs.find(path)) if p.lower().endswith(wanted)]
        elif fs.isfile(path):
            matches = [path]
        else:
            raise UsageError(f"{item}: no such file or folder")
        for match in matches:
            if fs.isfile(match):
                found.append(fs.unstrip_protocol(match))
    except OSError as exc:
        raise UsageError(f"{item}: cannot list: {exc}") from None
    return found, []


def read_url(url: str) -> tuple[bytes | None, str, str]:
    """(bytes, "", "") or (None, code, message), as `inputs.read_input` for a path."""
    from converter.readers import MAX_INPUT_BYTES, too_large

    try:
        fs, path = make_fs(url)
        size = fs.size(path)
        if size is None or size <= MAX_INPUT_BYTES:
            with fs.open(path, "rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
            size = len(data)
    except (OSError, UsageError) as exc:
        return None, "input.unreadable", f"cannot read: {exc}"
    if size > MAX_INPUT_BYTES:  # the same diagnostic as for a local file
        (refused,) = too_large(size).diagnostics
        return None, refused.code, refused.message
    return data, "", ""
