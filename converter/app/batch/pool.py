"""A small process pool for batch conversion: one task per worker at a time and a time limit
per task; a worker that hangs is killed and one that dies is replaced, and that task alone
is reported as failed.

`concurrent.futures.ProcessPoolExecutor` cannot stop one running task (and breaks the whole
pool when a worker dies), hence this pool: each worker is a `multiprocessing.Process` with its
own pipe, serving `worker.main`. Workers start on demand, so a run with nothing to do
starts none.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from converter.app.batch import worker as batch_worker
from converter.app.batch.worker import Task
from converter.app.files import signals_held
from converter.app.job import Record


class PoolError(Exception):
    """A worker could not start (the run cannot go on)."""


@dataclass
class Outcome:
    """What became of one task: the worker's record, or why there is none."""

    task: Task
    record: Record | None = None  #: the worker's answer (see `batch_worker.handle`)
    code: str = ""  #: when there is no record: "batch.timeout" or "batch.crashed"
    message: str = ""
    seconds: float = 0.0


class _Worker:
    def __init__(self, process, conn):
        self.process = process
        self.conn = conn
        self.task: Task | None = None
        self.started = 0.0
        self.deadline = 0.0
        self.served = 0  #: tasks answered


def context(formats: tuple[str, ...] = ()):
    """``fork`` on Linux (cheap start; a worker shares the parent's loaded code), else spawn.

    Spawn too when an asked writer cannot run in a forked child: the PDF writer (Typst), once
    it has run in this process, hangs in a child forked after that (its runtime's threads are
    not copied). The command line's parent never renders; a test or a script may have."""
    from converter.writers import WRITERS

    def unforkable(fmt: str) -> bool:
        module = sys.modules.get(getattr(WRITERS.get(fmt), "module", ""))
        return bool(getattr(module, "started", lambda: False)())

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and not any(unforkable(fmt) for fmt in formats)
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")  # pragma: no cover - not Linux


def _signal_name(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


#: A worker that rendered PDFs is replaced by a fresh one after this many documents: Typst
#: keeps its layout caches for the life of the process, and a worker's memory grows with the
#: documents it has laid out (scripts/bench_batch.py; README, Performance). Workers that write
#: only XML, the model or HTML stay flat and are never recycled.
RECYCLE_AFTER = 100


class Pool:
    """Up to ``jobs`` workers; `submit` a task when `free`, then `wait` for outcomes.

    With ``recycle_after`` (default: `RECYCLE_AFTER` when ``pdf`` is asked, else never), a
    worker that has answered that many tasks is stopped once idle and a fresh one takes its
    place at the next `submit`.
    """

    def __init__(
        self,
        jobs: int,
        formats: tuple[str, ...],
        timeout: float,
        private_fds: tuple[int, ...] = (),
        recycle_after: int | None = None,
    ):
        self.jobs = jobs
        self.private_fds = private_fds  #: the parent's files a worker must not keep (the lock)
        self.formats = formats
        self.timeout = timeout
        self.ctx = context(formats)
        if recycle_after is None:
            recycle_after = RECYCLE_AFTER if "pdf" in formats else 0
        self.recycle_after = recycle_after  #: 0: never
        self.recycled = 0  #: workers stopped after recycle_after tasks
        self.workers: list[_Worker] = []
        self.replaced = 0  #: workers killed or lost and replaced

    # -- workers ---------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        close = (
            [*(w.conn for w in self.workers), *self.private_fds]
            if self.ctx.get_start_method() == "fork"
            else []
        )
        process = self.ctx.Process(
            target=batch_worker.main,
            args=(child, self.formats, close),
            name="un2akn-worker",
            daemon=True,
        )
        with signals_held():  # the worker starts with SIGINT/SIGTERM held, until it set them
            process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _drop(self, worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers.remove(worker)

    @property
    def busy(self) -> int:
        return sum(1 for w in self.workers if w.task is not None)

    def free(self) -> bool:
        return self.busy < self.jobs

    def submit(self, task: Task) -> None:
        for _ in range(2):
            worker = next((w for w in self.workers if w.task is None), None) or self._spawn()
            try:
                worker.conn.send(task)
            except (BrokenPipeError, ConnectionError, OSError):
                self._fatal_or_drop(worker)  # it died while idle: use another one
                continue
            worker.task = task
            worker.started = time.monotonic()
            worker.deadline = worker.started + self.timeout
            return
        raise PoolError("cannot start a worker process")

    def _retire(self, worker: _Worker) -> None:
        """Stop an idle worker that has served its share (it exits at the None task)."""
        try:
            worker.conn.send(None)
        except OSError:
            pass
        worker.process.join(5)
        self._drop(worker, kill=True)
        self.recycled += 1

    def _fatal_or_drop(self, worker: _Worker) -> None:
        """Drop a dead worker; raise PoolError if it said why it could not start."""
        message = None
        try:
            if worker.conn.poll():
                kind, *rest = worker.conn.recv()
                if kind == "fatal":
                    message = rest[0]
        except (EOFError, OSError, ValueError, TypeError):
            pass
        self._drop(worker, kill=True)
        self.replaced += 1
        if message is not None:
            raise PoolError(f"a worker could not start: {message}")

    # -- outcomes --------------------------------------------------------------------------
    def wait(self) -> list[Outcome]:
        """Block until at least one running task ends (done, died or out of time)."""
        while True:
            now = time.monotonic()
            running = [w for w in self.workers if w.task is not None]
            if not running:
                return []
            late = [w for w in running if now >= w.deadline]
            if late:
                return [self._timed_out(w, now) for w in late]
            objects: dict[Any, _Worker] = {}  # pipes and process sentinels
            for w in running:
                objects[w.conn] = w
                objects[w.process.sentinel] = w
            ready = wait(list(objects), timeout=max(0.0, min(w.deadline for w in running) - now))
            outcomes: list[Outcome] = []
            for obj in ready:
                worker = objects[obj]
                if worker.task is None or worker not in self.workers:
                    continue  # already answered (its pipe and its sentinel were both ready)
                outcome = self._answer(worker)
                if outcome is not None:
                    outcomes.append(outcome)
            if outcomes:
                return outcomes

    def _answer(self, worker: _Worker) -> Outcome | None:
        task = worker.task
        assert task is not None  # only busy workers are asked
        try:
            message = worker.conn.recv() if worker.conn.poll() else None
        except (EOFError, OSError):
            message = None
        if message is not None and message[0] == "done":
            worker.task = None
            worker.served += 1
            if self.recycle_after and worker.served >= self.recycle_after:
                self._retire(worker)
            return Outcome(task, record=message[2], seconds=time.monotonic() - worker.started)
        if message is not None and message[0] == "fatal":
            self._drop(worker, kill=True)
            raise PoolError(f"a worker could not start: {message[1]}")
        worker.process.join(5)
        how = _signal_name(worker.process.exitcode)
        seconds = time.monotonic() - worker.started
        self._drop(worker, kill=True)
        self.replaced += 1
        return Outcome(
            task,
            code="batch.crashed",
            seconds=seconds,
            message=f"the worker process died while converting this input ({how}); "
            "it was replaced and the run went on",
        )

    def _timed_out(self, worker: _Worker, now: float) -> Outcome:
        task = worker.task
        assert task is not None  # only busy workers time out
        self._drop(worker, kill=True)
        self.replaced += 1
        return Outcome(
            task,
            code="batch.timeout",
            seconds=now - worker.started,
            message=f"no result after {self.timeout:g} s (--timeout): the worker was "
            "stopped and replaced",
        )

    # -- end -------------------------------------------------------------------------------
    def close(self, kill: bool = False) -> list[Task]:
        """Stop every worker (gracefully, or at once with ``kill``); the tasks cut short."""
        cut = [w.task for w in self.workers if w.task is not None]
        for w in list(self.workers):
            if kill or w.task is not None:
                if w.process.is_alive():
                    w.process.terminate()  # SIGTERM: the worker unwinds, removing temp files
            else:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 3
        for w in list(self.workers):
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2)
            w.conn.close()
        self.workers.clear()
        return cut
