"""Batch: many inputs → one output folder, converted in parallel worker processes, resumable,
with a JSON Lines report: `un2akn batch INPUT... -o DIR` (see `un2akn batch --help`).

    inputs (files, folders, globs) → names (safe, unique, stable) → skip what is up to date
    (manifest) → convert in a pool of workers (time limit each) → report line per input
    → summary line, and a short summary on standard error

The parts: `args` (command line), `inputs` (expanding, reading, naming), `manifest`
(resume, fingerprint), `pool` and `worker` (processes; a worker runs `converter.app.job`),
`report` (the run's state, report lines, summary), `progress`; this module drives them.

Guarantees:
- An input's outputs are written as one transaction (`converter.app.job`): all its new files
  or none. A run that is interrupted (Ctrl-C, SIGTERM, a killed worker or a killed run)
  leaves no partial output: the temporary files of a killed worker are removed at once,
  those of a killed run by the next run into the same folder.
- Report and manifest lines are appended whole (one write each, signals held off), so an
  interrupted run never leaves a corrupt line. Report, manifest and lock are opened without
  following symbolic links.
- Output names come from the input's file name made safe (`files.safe_stem`): nothing is
  written outside DIR. Inputs whose names collide get a suffix from a hash of their path
  (``name~1a2b3c4d``); the manifest keeps each input's name, so later runs never hand one
  input's name to another.
- ``--resume`` skips an input whose outputs exist and were made from the same bytes (SHA-256)
  by the same converter (version and a fingerprint of its code, schema, tables and the
  asked writers) with the same options.

An output folder in an object store (``-o s3://…``): see `converter.app.batch.objstore`.

Exit status: 0 every input converted (or up to date); 1 some inputs failed (the others are
written); 2 usage error (also: an output folder or report that cannot be written);
130 / 143 interrupted by SIGINT / SIGTERM.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from converter.app import job
from converter.app import options as options_module
from converter.app.batch.args import UsageError, default_jobs
from converter.app.batch.inputs import expand_inputs, plan_names, read_input, sha256_of
from converter.app.batch.manifest import MANIFEST, Manifest
from converter.app.batch.objstore import Store, locked_store, store_for
from converter.app.batch.pool import Pool, PoolError
from converter.app.batch.progress import Progress
from converter.app.batch.report import REPORT, Run, print_summary, summary
from converter.app.batch.storage import is_url, local_path
from converter.app.files import open_nofollow, signals_held, truncate_locked

LOCK = ".un2akn.lock"


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so the run stops as for Ctrl-C."""


def remove_parts(out_dir: Path, stem: str | None = None) -> int:
    """Remove temporary files that `write_all` left (all, or those of ``stem``'s outputs)."""
    from converter.writers import WRITERS

    patterns = (
        [".*.part"]
        if stem is None
        else [f".{glob.escape(stem + w.suffix)}.*.part" for w in WRITERS.values()]
    )
    removed = 0
    for pattern in patterns:
        for path in out_dir.glob(pattern):
            try:
                if path.is_file() and not path.is_symlink():
                    path.unlink()
                    removed += 1
            except OSError:
                pass
    return removed


def _check_writers(formats: list[str]) -> None:
    """Import the asked writers now: a missing renderer is a usage error, not N failures."""
    from converter.writers import WRITERS

    for fmt in formats:
        module = getattr(WRITERS[fmt], "module", None)
        if module is None:
            continue
        try:
            __import__(module)
        except Exception as exc:
            raise UsageError(
                f"cannot write {fmt}: the writer is not available ({type(exc).__name__}: {exc})"
            ) from None


def _prepare(args, stream) -> Run:
    """Check the command line and the output folder; plan the run (UsageError if wrong)."""
    store = store_for(args.output, args.report)
    out_dir: Any = store.url if store is not None else Path(local_path(args.output))
    if store is None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a folder")
    inputs, warnings = expand_inputs(args.inputs, out_dir if store is None else None)
    for warning in warnings:
        print(f"un2akn batch: warning: {warning}", file=stream)
    formats = list(dict.fromkeys(args.to))
    _check_writers(formats)
    if store is None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = exc.strerror or exc
            raise UsageError(f"{out_dir}: cannot create the folder: {why}") from None
    report: Any = _report_of(args, out_dir, store)
    keys = [p if is_url(p) else str(Path(p).resolve()) for p in inputs]
    options = {
        "lang": args.lang,
        "strict": bool(args.strict),
        "allow_loss": bool(getattr(args, "allow_loss", False)),
        "record_path": bool(getattr(args, "record_path", False)),
        "ocr": bool(getattr(args, "ocr", False)),
    }
    dates = tuple(getattr(args, "resolution_dates", ()))
    if dates:  # the manifest compares the dates' digest, the workers get the dates
        options["resolution_dates"] = options_module.dates_digest(dates)
    jobs = args.jobs or default_jobs()
    return Run(
        inputs,
        keys,
        [],
        out_dir,
        report,
        formats,
        options,
        jobs,
        args.timeout,
        args.resume,
        None,
        Progress(len(inputs), getattr(args, "progress", "auto"), stream),
        dates=dates,
        store=store,
    )


def _report_of(args, out_dir, store: Store | None):
    """The report: a file (``--report PATH``, or DIR/report.jsonl), or the store's object."""
    if store is not None and (not args.report or is_url(args.report)):
        return store.report
    report = Path(args.report) if args.report else out_dir / REPORT
    if report.is_dir() and not report.is_symlink():
        raise UsageError(f"{report}: is a folder, not a report file")
    return report


def _cannot(path: Path, what: str, exc: OSError) -> UsageError:
    import errno

    why = "it is a symbolic link" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
    return UsageError(f"{path}: cannot write the {what}: {why}")


@contextmanager
def _locked(out_dir: Path):
    """Hold DIR/.un2akn.lock: one batch run at a time per output folder. Yields the lock's
    file descriptor (None without fcntl), which workers close: the lock dies with the run."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield None
        return
    try:
        fd = open_nofollow(out_dir / LOCK, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        raise _cannot(out_dir / LOCK, "lock file in the output folder", exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"{out_dir}: another batch run is writing to this folder") from None
        yield fd
    finally:
        os.close(fd)


def run(args, stream=None) -> int:
    """`un2akn batch`: returns the exit status (see the module docstring)."""
    stream = stream if stream is not None else sys.stderr
    try:
        batch = _prepare(args, stream)
        with locked_store(batch.store) if batch.store else _locked(batch.out_dir) as lock:
            _start(batch)
            return _run_locked(batch, stream, lock, args)
    except UsageError as exc:
        print(f"un2akn batch: error: {exc}", file=stream)
        return 2
    except OSError as exc:  # the report or manifest cannot be written (the disk full…)
        where = f"{exc.filename}: " if exc.filename else ""
        print(
            f"un2akn batch: error: {where}cannot write: {exc.strerror or exc} (the run stopped)",
            file=stream,
        )
        return 2


def _start(batch: Run) -> None:
    """Clear what a killed run left, read the manifest, name the outputs, empty the report."""
    if batch.store is not None:
        batch.manifest = batch.store.open_manifest()
    else:
        remove_parts(batch.out_dir)  # left by a run that was killed
        manifest = batch.out_dir / MANIFEST
        if manifest.is_symlink():
            raise UsageError(f"{manifest}: cannot write the manifest: it is a symbolic link")
        batch.manifest = Manifest(manifest)
    batch.stems = plan_names(batch.keys, batch.inputs, batch.manifest.stems)
    if batch.store is not None and batch.report == batch.store.report:
        return  # written whole by the store's flushes
    try:
        batch.report.parent.mkdir(parents=True, exist_ok=True)
        truncate_locked(batch.report)
    except OSError as exc:
        raise _cannot(batch.report, "report", exc) from None


def _run_locked(batch: Run, stream, lock: int | None = None, args=None) -> int:
    started = time.monotonic()
    pool: Any = None
    driver: _Driver | None = None
    interrupted: str | None = None
    fatal: str | None = None
    previous = _raise_on_sigterm()
    try:  # an interrupt while a cluster starts is an interrupted run like any other
        pool = _make_pool(batch, lock, args)
        driver = _Driver(batch, pool)
        driver.loop()
    except KeyboardInterrupt:
        interrupted = "SIGINT"
    except _Terminated:
        interrupted = "SIGTERM"
    except PoolError as exc:
        fatal = str(exc)
    finally:
        with signals_held():
            if pool is not None:
                pool.close(kill=interrupted is not None or fatal is not None)
            if batch.store is None:  # this run holds the folder: every .part is its own
                remove_parts(batch.out_dir)
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    if driver is not None:
        driver.settle()  # what ended before the interruption is recorded all the same
        batch.replaced = pool.replaced
    return _finish(batch, time.monotonic() - started, interrupted, fatal, stream)


def _make_pool(batch: Run, lock: int | None, args):
    """The local process pool, or a Dask cluster's (`--cluster`; Dask imported only then)."""
    if getattr(args, "cluster", None):
        from converter.app.batch.cluster import ClusterPool

        pool = ClusterPool(
            args.cluster,
            tuple(batch.formats),
            batch.timeout,
            args.retries,
            inputs=len(batch.inputs),
        )
        batch.jobs = pool.jobs
        return pool
    return Pool(
        batch.jobs,
        tuple(batch.formats),
        batch.timeout,
        private_fds=(lock,) if lock is not None else (),
    )


def _raise_on_sigterm():
    """Turn SIGTERM into `_Terminated`; the previous handler (None if it cannot be set)."""

    def on_term(signum, frame):
        raise _Terminated()

    try:
        previous = signal.getsignal(signal.SIGTERM)
        signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # pragma: no cover - not the main thread
        return None
    return previous


def _finish(batch: Run, seconds: float, interrupted: str | None, fatal: str | None, stream) -> int:
    with signals_held():
        if interrupted is None and fatal is None and batch.manifest is not None:
            batch.manifest.compact()
        line = summary(batch, seconds, interrupted, fatal)
        batch.write_line(line)
        if batch.store is not None:
            batch.store.flush(force=True)
    batch.progress.finish()
    print_summary(batch, line, stream)
    if interrupted:
        _handled_interrupt()
        return 130 if interrupted == "SIGINT" else 143
    if fatal:
        return 1
    return 1 if batch.statuses["failed"] else 0


def _handled_interrupt() -> None:
    """Make CPython forget a Ctrl-C it saw go through an ``exec``/``eval`` of a string (a
    dataclass or named tuple made while Dask was being imported, say): it would otherwise
    end the process by SIGINT at exit, after the run handled it, instead of with 130. Any
    later evaluation of a string clears that mark (CPython's ``run_eval_code_obj``)."""
    eval("None")


class _Driver:
    """Feeds the pool with inputs and records what ends."""

    def __init__(self, batch: Run, pool):
        self.batch = batch
        self.pool = pool
        self.todo = iter(range(len(batch.inputs)))
        self.more = True
        self.digests: dict[int, str] = {}
        self.ended: list = []  # outcomes not recorded yet

    def loop(self) -> None:
        while True:
            self.fill()
            if not self.more and self.pool.busy == 0:
                break
            self.ended.extend(self.pool.wait())
            self.fill()  # the freed workers get their next input first, then the ended are recorded
            self.settle()

    def fill(self) -> None:
        while self.more and self.pool.free():
            index = next(self.todo, None)
            if index is None:
                self.more = False
                break
            task = self.task(index)
            if task is not None:
                self.pool.submit(task)

    def settle(self) -> None:
        batch = self.batch
        while self.ended:
            outcome = self.ended.pop(0)
            index = outcome.task.index
            digest = self.digests.pop(index, None)
            if outcome.record is not None:
                if batch.store is not None:
                    batch.store.put_outputs(outcome.record)
                batch.record(index, outcome.record)
            else:
                if batch.store is None:
                    remove_parts(batch.out_dir, batch.stems[index])
                batch.failure(index, outcome.code, outcome.message, digest, outcome.seconds)

    def task(self, index: int):
        """The worker task for input ``index``, or None when it is settled here (up to date,
        unreadable or too large)."""
        from converter.app.batch.worker import Task

        batch = self.batch
        path = batch.inputs[index]
        data, code, message = read_input(path)
        if data is None:
            batch.failure(index, code, message)
            return None
        digest = sha256_of(data)
        if batch.resume and batch.manifest is not None:
            entry = batch.manifest.up_to_date(
                batch.keys[index], digest, batch.options, batch.formats, batch.out_dir
            )
            if entry is not None:
                batch.skipped(index, entry, digest)
                return None
        self.digests[index] = digest
        return Task(
            index,
            path,
            data,
            batch.stems[index],
            str(batch.out_dir),
            tuple(batch.formats),
            job.Options(**{**batch.options, "resolution_dates": batch.dates}),
            collect=batch.store is not None,
        )
