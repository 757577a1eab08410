"""An output folder in an object store (``memory://``, ``s3://``, ``gs://`` … through fsspec):
`un2akn batch INPUT... -o URL`. A ``file://`` URL is a folder, not this.

An object store has no rename, no append and no lock, so the run keeps the local guarantees
this way:

- Outputs: the workers render an input's formats in memory and send the bytes back (a store
  of the run's process, ``memory://`` say, is then reachable, and workers need no access to
  the store); this process PUTs each as one whole object (``pipe_file``), which a store
  makes visible whole or not at all, and only once every format of the input was rendered:
  a failed input writes nothing. The formats of one input are separate PUTs: a reader may
  see some of them before the last is written; if the store refuses one, those of the input
  already written are deleted (best effort; unlike in a folder, an earlier run's outputs of
  that input are then gone too) and the input is reported failed (``output.failed``).
- Report and manifest: kept here and rewritten as whole objects at most every
  `FLUSH_SECONDS` (or ten times as long as the last rewrite took, so that a big run spends
  about a tenth of its time on them at most), and at the end (also of an interrupted run).
  An input enters the manifest only after its outputs are written, so ``--resume`` converts
  again an input whose outputs a killed run wrote but did not record. The run holds both
  in memory (about 1.5 KB an input for the report, less for the manifest).
- Lock: ``.un2akn.lock`` made by an exclusive create (``open(…, "xb")``) where the store's
  fsspec backend has one, otherwise by checking it is absent, writing a token and reading it
  back (best effort: two runs starting at the same instant may both pass on a store without
  conditional writes). A run removes its lock when it ends; a run killed with SIGKILL leaves
  it, and the next run is refused until it is removed.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from contextlib import contextmanager

from converter.app.batch.args import UsageError
from converter.app.batch.manifest import MANIFEST, Manifest, parse_entry
from converter.app.batch.storage import is_url, local_path, make_fs
from converter.app.job import Record
from converter.diagnostics import Diagnostic, Severity

LOCK = ".un2akn.lock"
FLUSH_SECONDS = 5.0  #: the report and manifest are rewritten at most this often, and at the end


def is_store(output: str) -> bool:
    """Whether the output folder ``output`` is in an object store (a URL, not ``file://``)."""
    return is_url(local_path(output))


def store_for(output: str, report: str | None) -> Store | None:
    """The `Store` of the output folder ``output`` if it is in an object store, else None;
    its report object is ``report`` if that is a URL, else URL/report.jsonl (unused when
    ``report`` is a path: the run appends to that file as into a folder's)."""
    if not is_store(output):
        return None
    return Store(output, report if report and is_url(report) else None)


@contextmanager
def locked_store(store: Store):
    """Hold ``store``'s lock object while the run writes there; yields None (no descriptor
    for the workers to close, unlike a folder's flock)."""
    store.lock()
    try:
        yield None
    finally:
        store.unlock()


class Url(str):
    """A store URL that joins like a path: ``Url("s3://b/out") / "x.xml"``."""

    def __truediv__(self, name: str) -> Url:
        return Url(self.rstrip("/") + "/" + name)

    @property
    def name(self) -> str:
        return self.rstrip("/").rsplit("/", 1)[-1]


class Store:
    """The run's output folder in an object store, its lock, report and manifest objects."""

    def __init__(self, url: str, report: str | None = None):
        self.url = Url(url.rstrip("/"))
        self.fs, root = make_fs(self.url)
        self.root = root.rstrip("/")
        self.report = Url(report) if report else self.url / "report.jsonl"
        self.lines: list[str] = []  #: the report's lines so far
        self.manifest: StoreManifest | None = None
        self.token = ""
        self.flushed = 0.0  #: when the last flush ended (monotonic)
        self.pause = 0.0  #: seconds to the next flush: `FLUSH_SECONDS` or 10 × the last one
        self.dirty = False

    def path(self, name: str) -> str:
        return f"{self.root}/{name}"

    def lock(self) -> None:
        """Take the lock object, or refuse (`UsageError`) when another run holds it."""
        token = f"{os.getpid()} {uuid.uuid4().hex}".encode()
        path = self.path(LOCK)
        busy = UsageError(
            f"{self.url}: another batch run is writing there (or one was killed: if none "
            f"is running, remove {self.url / LOCK})"
        )
        try:
            with self.fs.open(path, "xb") as f:
                f.write(token)
        except FileExistsError:
            raise busy from None
        except (ValueError, NotImplementedError, TypeError):  # no exclusive create here
            if self.fs.exists(path):
                raise busy from None
            self.fs.pipe_file(path, token)
            if self.fs.cat_file(path) != token:
                raise busy from None
        except OSError as exc:
            raise UsageError(f"{self.url / LOCK}: cannot write the lock: {exc}") from None
        self.token = token.decode()

    def unlock(self) -> None:
        if not self.token:
            return
        try:
            if self.fs.cat_file(self.path(LOCK)).decode() == self.token:
                self.fs.rm_file(self.path(LOCK))
        except OSError:
            pass
        self.token = ""

    def open_manifest(self) -> StoreManifest:
        try:
            text = self.fs.cat_file(self.path(MANIFEST)).decode("utf-8", errors="replace")
        except FileNotFoundError:
            text = ""
        except OSError as exc:
            raise UsageError(f"{self.url / MANIFEST}: cannot read the manifest: {exc}") from None
        self.manifest = StoreManifest(self, text)
        return self.manifest

    def put_outputs(self, record: Record) -> None:
        """PUT the outputs a worker rendered for ``record`` (one whole object each); a store
        that refuses one turns the record into a failure (``output.failed``)."""
        from converter.writers import WRITERS

        data, record.data = record.data, {}
        if record.status != "ok":
            return
        written: list[str] = []
        try:
            for fmt, blob in data.items():
                name = record.stem + WRITERS[fmt].suffix
                self.fs.pipe_file(self.path(name), blob)
                written.append(self.path(name))
                record.outputs[fmt] = str(self.url / name)
        except Exception as exc:
            for path in written:  # a failed input has no output (best effort)
                try:
                    self.fs.rm_file(path)
                except OSError:
                    pass
            message = f"cannot write to {self.url}: {type(exc).__name__}: {exc}"
            failed = Diagnostic("output.failed", Severity.ERROR, message, 0, record.input)
            record.diagnostics.append(failed.to_json())
            record.status, record.outputs, record.sizes = "failed", {}, {}

    def report_line(self, obj: dict) -> None:
        self.lines.append(json.dumps(obj, ensure_ascii=False) + "\n")
        self.dirty = True

    def flush(self, force: bool = False) -> None:
        """Rewrite the report and the manifest objects (whole), if due or ``force``."""
        now = time.monotonic()
        if not self.dirty or (not force and now - self.flushed < max(FLUSH_SECONDS, self.pause)):
            return
        if self.manifest is not None:
            entries = self.manifest.entries.values()
            data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
            self.fs.pipe_file(self.path(MANIFEST), data.encode("utf-8"))
        if self.lines:  # none when the report is a file (``--report PATH``)
            fs, path = make_fs(self.report)
            fs.pipe_file(path, "".join(self.lines).encode("utf-8"))
        self.flushed, self.dirty = time.monotonic(), False
        self.pause = 10 * (self.flushed - now)  # a big run's objects: ≤ 10 % of its time


class StoreManifest(Manifest):
    """The manifest of a store run: read once, kept in memory (an object store cannot
    append to an object), written whole by `Store`."""

    def __init__(self, store: Store, text: str):
        super().__init__(None)
        self.store = store
        self.sizes: dict[str, int | None] | None = None  #: the folder's objects (`size`)
        self.entries: dict[str, dict] = {}
        for line in text.splitlines():
            self.lines += 1
            entry = parse_entry(line)
            if entry is not None:
                self.entries[entry["source"]] = entry
                self.stems[entry["source"]] = entry["stem"]

    def get(self, key: str) -> dict | None:
        return self.entries.get(key)

    def all(self) -> dict[str, dict]:
        return dict(self.entries)

    def append(self, entry: dict) -> None:
        self.entries[entry["source"]] = entry
        self.stems[entry["source"]] = entry["stem"]
        self.store.dirty = True

    def compact(self) -> None:
        """Nothing to do: every flush writes the latest entries only."""

    def size(self, out_dir, name: str) -> int | None:
        """From one listing of the folder (a request per thousand objects, not one per
        input): an input's outputs are looked up before it is converted, and only this
        run (it holds the lock) writes there."""
        if self.sizes is None:
            root = self.store.root
            try:
                found = self.store.fs.find(root, detail=True)
            except OSError:
                found = {}
            self.sizes = {path[len(root) + 1 :]: info.get("size") for path, info in found.items()}
        return self.sizes.get(name)
