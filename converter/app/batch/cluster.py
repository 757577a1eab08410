"""Batch on a Dask cluster: `ClusterPool`, a drop-in for `converter.app.batch.pool.Pool`.

    un2akn batch INPUT... -o DIR --cluster tcp://HOST:8786   # a running scheduler
    un2akn batch INPUT... -o DIR --cluster local[:N]         # N local worker processes

The run (`converter.app.batch.run`) is the same: the client reads and hashes the inputs,
names the outputs, skips what is up to date, writes the report and the manifest; each input
is the same `worker.Task`, handled on a Dask worker by `worker.handle` (`converter.app.job`:
one input converted and written as one transaction into DIR, which every worker must see at
the same path: a shared folder). Each worker process loads the schema, tables and writers
once (`Warm`, a worker plugin; `_warmed` if it joined late). Connecting, or starting a local
cluster: `converter.app.batch.connect`.

Chunks: a Dask task costs the scheduler, the nannies and this client about 10 ms of CPU, a
third of a conversion of XML; so a task carries a chunk of inputs, converted one after the
other (`chunk_size`: one at first, up to `MAX_CHUNK` and `CHUNK_SECONDS` of work, fewer near
the end so that no worker is left with a long tail). Each input still gets one record.

Faults:
- a worker that dies mid-chunk: the scheduler gives the chunk to another worker, at most
  ``retries`` times (the scheduler's ``allowed-failures``); a chunk that fails so is split
  and its inputs are tried again one by one (the same way), so that only the input that
  kills its worker is reported ``batch.crashed``. Outputs are written by rename, so an input
  run twice leaves the same files once, and the client records each input once.
- time: a chunk has ``timeout`` seconds per input, counted from when a worker took it
  (seen within `CLOCK_CHECK`); past that its worker is restarted and its inputs are tried
  again one by one, each with ``timeout``: an input alone past its time is reported
  ``batch.timeout``.
- the scheduler lost: `PoolError` (the run stops, exit 1; ``--resume`` finishes it).

Dask is imported here only: without ``--cluster`` nothing of it is loaded.
"""

from __future__ import annotations

import atexit
import gc
import secrets
import time
from collections import OrderedDict
from functools import cache

from converter.app.batch import worker as batch_worker
from converter.app.batch.connect import (
    WORKERS_START_WITHIN,
    connect,
    parse,
    quiet,
    restore,
    start_forkserver,
    wait_for_threads,
)
from converter.app.batch.pool import Outcome, PoolError
from converter.app.batch.worker import Task
from converter.app.job import Record

LOST_AFTER = 10.0  #: seconds without the scheduler before the run stops
CHECK_WORKERS = 5.0  #: seconds between counts of the workers that left
#: seconds a chunk may wait unseen by any worker (one restarting) before its clock starts
UNSEEN_AFTER = 60.0
#: seconds a worker restarted after a timeout has to come back (a nanny that gives up
#: sooner may leave its worker gone: a spawned worker takes seconds on a loaded machine)
RESTART_WITHIN = 30.0
CLOCK_CHECK = 0.2  #: seconds between looks for chunks that a worker took (their clock starts)
NO_WORKER = f"the local cluster's workers did not start within {WORKERS_START_WITHIN:g} s"
LOST = "lost the Dask scheduler: run again with --resume to finish (what ended is kept)"
#: tasks in flight per worker thread: the next one waits in the scheduler's queue (worker
#: saturation 1.0), not on a worker, where it would count as a try if the worker died on the
#: one it runs; it hides the round trip to this client.
PREFETCH = 2
CHUNK_SECONDS = 2.0  #: a chunk's time at most, about (retries and time limits are per chunk)
#: inputs per chunk at most: the scheduling cost is then about 1 % (16 cost the client
#: process 0.25 s more CPU over 500 XML inputs, taken from the workers on a small machine)
MAX_CHUNK = 32


@cache
def _warmed(formats: tuple[str, ...]) -> bool:
    batch_worker.warm(formats)
    return True


def convert_task(task: Task) -> Record:
    """What a Dask worker runs for one input (the local pool's `worker.handle`)."""
    _warmed(task.formats)
    return batch_worker.handle(task)


def convert_chunk(tasks: tuple[Task, ...]) -> list[Record]:
    """What a Dask worker runs for a chunk: its inputs one after the other, their records."""
    return [convert_task(task) for task in tasks]


def chunk_size(per_input: float | None, remaining: int, threads: int) -> int:
    """Inputs in the next chunk: a quarter of each thread's share of what remains (so chunks
    shrink towards the end and no worker is left with a long tail: guided self-scheduling),
    at most `MAX_CHUNK` and `CHUNK_SECONDS` of work (one while no input has been timed)."""
    if per_input is None:
        return 1
    size = min(MAX_CHUNK, remaining // (4 * threads), int(CHUNK_SECONDS / max(per_input, 1e-3)))
    return max(1, size)


def _exit_without_collecting() -> None:
    """At exit, skip Python's last garbage collection of what exists now: it walks every
    object of Dask's (and the run's) to free memory the process is about to give back whole,
    0.1–0.4 s of CPU after the run has ended. Registered after Dask's exit handlers, so it
    runs before them: they still run, and what they make is collected as usual."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _warm_plugin(formats: tuple[str, ...]):
    from distributed.diagnostics.plugin import WorkerPlugin

    class Warm(WorkerPlugin):
        name = "un2akn-warm"

        def setup(self, worker):
            _warmed(formats)

    return Warm()


class ClusterPool:
    """`pool.Pool`'s interface on a Dask cluster: `submit` when `free`, `wait` for outcomes.

    ``inputs``: how many the run has (chunks get smaller near the end)."""

    def __init__(
        self, spec: str, formats: tuple[str, ...], timeout: float, retries: int, inputs: int = 0
    ):
        self.formats = formats
        self.timeout = timeout
        self.retries = retries
        self.remaining = inputs  #: inputs not handed out yet (about: some are skipped)
        if parse(spec)[0] is None:
            start_forkserver()  # first: it loads in parallel with what follows
        self.log_levels = quiet()
        _exit_without_collecting()
        try:
            self.client, self.cluster, self.settings = connect(spec, retries)
        except BaseException:
            restore(self.log_levels)
            raise
        #: key → [future, its tasks, clock]; in the order given
        self.pending: OrderedDict[str, list] = OrderedDict()
        self.buffer: list[Task] = []  #: the next chunk, filling
        self.sent: dict[str, float] = {}  #: key → when it was sent
        self.per_input: float | None = None  #: seconds an input takes, recently
        self.replaced = 0  #: workers lost (died, or restarted after a timeout)
        self.seen: set[str] = set()
        self.lost_since: float | None = None
        self.checked = 0.0
        self.token = secrets.token_hex(4)
        self.count = 0
        #: a local cluster's workers start meanwhile: when none has joined by then, PoolError
        self.workers_due: float | None = None
        try:
            self.client.register_plugin(_warm_plugin(formats), name="un2akn-warm")
            if self.cluster is None:  # a running scheduler: the threads of its workers
                self.jobs = wait_for_threads(self.client, 1, 30.0)
            else:  # starting: they take the first chunks as they come
                self.jobs = parse(spec)[1]
                self.workers_due = time.monotonic() + WORKERS_START_WITHIN
        except BaseException:
            self.close()
            raise

    @property
    def busy(self) -> int:
        return sum(len(tasks) for _, tasks, _ in self.pending.values()) + len(self.buffer)

    def free(self) -> bool:
        return len(self.pending) < self.jobs * PREFETCH

    def submit(self, task: Task) -> None:
        self.buffer.append(task)
        self.remaining = max(0, self.remaining - 1)
        if len(self.buffer) >= chunk_size(self.per_input, self.remaining, self.jobs):
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self._send(tuple(self.buffer))
            self.buffer = []

    def _send(self, tasks: tuple[Task, ...]) -> None:
        self.count += 1
        key = f"un2akn-{self.token}-{self.count}"
        future = self.client.submit(convert_chunk, tasks, key=key, pure=False)
        self.pending[future.key] = [future, tasks, None]
        self.sent[future.key] = time.monotonic()

    # -- outcomes --------------------------------------------------------------------------
    def wait(self) -> list[Outcome]:
        """Block until at least one input ends (done, failed on every try, or out of time)."""
        from distributed.client import FIRST_COMPLETED, _wait

        if self.free():
            self._flush()  # no more inputs come before some end
        while self.pending:
            now = time.monotonic()
            self._check_scheduler(now)
            self._start_clocks(now)
            late = [k for k, (_, t, c) in self.pending.items() if c and now >= self._due(c, t)]
            if late:
                outcomes = self._timed_out(late, now)
                if outcomes:
                    return outcomes
                continue
            futures = [f for f, _, _ in self.pending.values()]
            try:
                self.client.sync(
                    _wait, futures, timeout=self._next_check(now), return_when=FIRST_COMPLETED
                )
            except TimeoutError:
                continue
            except Exception:  # cancelled: not by this run, so the scheduler is gone
                raise PoolError(LOST) from None
            done = [k for k, (f, _, _) in self.pending.items() if f.done()]
            outcomes = [o for k in done for o in self._answer(k)]
            if outcomes:
                return outcomes
        return []

    def _due(self, clock: float, tasks: tuple[Task, ...]) -> float:
        return clock + self.timeout * len(tasks)

    def _start_clocks(self, now: float) -> None:
        """Start the clock of the chunks that a worker has taken (not those queued at the
        scheduler, nor those waiting for a worker that restarts)."""
        waiting = {k for k, (_, _, c) in self.pending.items() if c is None}
        if not waiting or self.client.status != "running":
            return
        try:
            processing = self.client.processing()
        except Exception:  # the scheduler gone: `_check_scheduler` will say so
            return
        if self.workers_due is not None:  # a local cluster's workers: started?
            if processing:
                self.workers_due = None
            elif now >= self.workers_due:
                raise PoolError(NO_WORKER)
        taken = {k for keys in processing.values() for k in keys}
        # and, lest no worker ever take them (none left), the oldest once unseen too long
        oldest = list(self.pending)[: self.jobs]
        patience = self.timeout + UNSEEN_AFTER
        overdue = {k for k in oldest if now - self.sent.get(k, now) >= patience}
        for key in waiting & (taken | overdue):
            self.pending[key][2] = now

    def _next_check(self, now: float) -> float:
        dues = [self._due(c, t) for _, t, c in self.pending.values() if c is not None]
        soon = CLOCK_CHECK if len(dues) < len(self.pending) else 1.0  # clocks to start
        return max(0.01, min([now + soon, *dues]) - now)

    def _check_scheduler(self, now: float) -> None:
        """PoolError when the scheduler has been unreachable for `LOST_AFTER` seconds; keep
        count of the workers that left."""
        if self.client.status == "running":
            self.lost_since = None
        else:
            self.lost_since = self.lost_since or now
            if now - self.lost_since >= LOST_AFTER or self.client.status in ("closed", "closing"):
                raise PoolError(LOST)
            return
        if now - self.checked >= CHECK_WORKERS:
            self.checked = now
            workers = set(self.client.scheduler_info(n_workers=-1).get("workers", {}))
            self.replaced += len(self.seen - workers)
            self.seen = workers

    def _answer(self, key: str) -> list[Outcome]:
        future, tasks, clock = self.pending.pop(key)
        self.sent.pop(key, None)
        seconds = time.monotonic() - clock if clock else 0.0
        if future.status == "finished":
            try:
                records = future.result()
            except Exception as exc:  # the result could not be fetched
                return self._failed(tasks, seconds, exc)
            self._timed(records)
            return [Outcome(t, record=r, seconds=r.seconds) for t, r in zip(tasks, records)]
        if future.status == "cancelled" or self.client.status != "running":
            self.pending[key] = [future, tasks, clock]
            raise PoolError(LOST)
        return self._failed(tasks, seconds, future.exception())

    def _timed(self, records: list[Record]) -> None:
        for record in records:
            seconds = max(record.seconds, 1e-4)
            self.per_input = (
                seconds if self.per_input is None else (0.8 * self.per_input + 0.2 * seconds)
            )

    def _failed(self, tasks: tuple[Task, ...], seconds: float, exc) -> list[Outcome]:
        """A chunk of several that failed: its inputs again, one by one; one: its outcome."""
        if len(tasks) > 1:
            for task in tasks:
                self._send((task,))
            return []
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            message = (
                f"the worker process died while converting this input, {self.retries + 1} "
                "times (--retries): the run went on"
            )
        else:
            message = f"the cluster could not run this input: {type(exc).__name__}: {exc}"
        return [Outcome(tasks[0], code="batch.crashed", seconds=seconds, message=message)]

    def _timed_out(self, keys: list[str], now: float) -> list[Outcome]:
        outcomes = []
        processing = self.client.processing()
        workers = [w for w, ks in processing.items() if set(ks) & set(keys)]
        for key in keys:
            future, tasks, clock = self.pending.pop(key)
            self.sent.pop(key, None)
            future.cancel()
            if len(tasks) > 1:  # which one is slow: each alone, with its own time
                for task in tasks:
                    self._send((task,))
                continue
            outcomes.append(
                Outcome(
                    tasks[0],
                    code="batch.timeout",
                    seconds=now - clock,
                    message=f"no result after {self.timeout:g} s (--timeout): its worker "
                    "was restarted",
                )
            )
        if workers:
            try:
                self.client.restart_workers(workers, timeout=RESTART_WITHIN, raise_for_error=False)
            except Exception:  # pragma: no cover - a worker without a nanny: it stays busy
                pass
        return outcomes

    # -- end -------------------------------------------------------------------------------
    def close(self, kill: bool = False) -> list[Task]:
        """Cancel what is pending, disconnect, stop a local cluster; the tasks cut short."""
        cut = [task for _, tasks, _ in self.pending.values() for task in tasks] + self.buffer
        try:
            if self.pending and self.client.status == "running":
                self.client.cancel([f for f, _, _ in self.pending.values()])
        except Exception:
            pass
        self.pending.clear()
        self.buffer = []
        for part in (self.client, self.cluster):
            try:
                if part is not None:
                    part.close(timeout=5) if part is self.client else part.close()
            except Exception:
                pass
        if self.settings is not None:  # the local cluster's (`connect`), once it is closed
            self.settings.__exit__(None, None, None)
            self.settings = None
        restore(self.log_levels)
        return cut
