"""Batch worker: one process that converts the inputs it is sent, one at a time, and writes
their outputs (see `converter.app.batch.run`).

A worker loads the schema, the language tables and the asked writers once, in `warm`, then
serves tasks from its pipe until it reads ``None`` or the pipe closes. Each task is a `Task`;
each answer the input's `converter.app.job.Record`. The job renders every format in memory
and writes them as one transaction, so a failed or stopped input leaves no file of its own.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from converter.app import job


@dataclass(frozen=True)
class Task:
    """One input to convert (sent to a worker through its pipe)."""

    index: int  #: position in the run's input list
    path: str  #: the input's path as the operator gave it (used in diagnostics)
    data: bytes  #: the input's bytes, read (and hashed) by the parent
    stem: str  #: output name stem, already made safe and unique by the parent
    out_dir: str
    formats: tuple[str, ...]
    options: job.Options = job.Options()  #: how to convert (the run's options)
    #: send the outputs' bytes back instead of writing them (an object store's run writes)
    collect: bool = False


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies (best effort)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # pragma: no cover - no libc: the pipe's EOF still ends the worker
        pass


def _on_term(signum, frame):  # SIGTERM: unwind, so write_all removes its temporary files
    raise SystemExit(128 + signum)


def warm(formats: tuple[str, ...]) -> None:
    """Load once per process what every conversion needs: schema, language tables, and what
    each asked writer needs (`Writer.warm`)."""
    from converter.akn import schema as validate
    from converter.languages import all_languages
    from converter.writers import WRITERS

    validate.lxml_schema()
    all_languages()
    for fmt in formats:
        WRITERS[fmt].warm()


def handle(task: Task) -> job.Record:
    """Convert one input and write its outputs; its record (never raises)."""
    out_dir = Path(task.out_dir)
    return job.run(
        task.data, task.path, task.stem, out_dir, task.formats, task.options, task.collect
    )


def _close_inherited(close: list) -> None:
    for other in close:  # the parent's files inherited by fork: other workers' pipes, the lock
        try:
            os.close(other) if isinstance(other, int) else other.close()
        except OSError:
            pass


def main(conn, formats: tuple[str, ...], close: list) -> None:
    """The worker process: warm up, then answer tasks until told to stop."""
    _close_inherited(close)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _on_term)
    try:  # the parent held these while it started this process
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, OSError):  # pragma: no cover - not POSIX
        pass
    _die_with_parent()
    try:
        warm(formats)
    except BaseException as exc:
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("done", task.index, handle(task)))
