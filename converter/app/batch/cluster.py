"""Batch on a Dask cluster: `ClusterPool`, a drop-in for `converter.app.batch.pool.Pool`.

    un2akn batch INPUT... -o DIR --cluster tcp://HOST:8786   # a running scheduler
    un2akn batch INPUT... -o DIR --cluster local[:N]         # N local worker processes

The run (`converter.app.batch.run`) is the same: the client reads and hashes the inputs,
names the outputs, skips what is up to date, writes the report and the manifest; each task
is the same `worker.Task`, handled on a Dask worker by `worker.handle` (`converter.app.job`:
one input converted and written as one transaction into DIR, which every worker must see at
the same path: a shared folder). Each worker process loads the schema, tables and writers
once (`Warm`, a worker plugin; `_warmed` if it joined late).

Faults:
- a worker that dies mid-input: the scheduler gives the input to another worker, at most
  ``retries`` times (the scheduler's ``allowed-failures``); then it is reported
  ``batch.crashed``. Outputs are written by rename, so an input run twice leaves the same
  files once, and the client records each input once.
- an input past the time limit (counted from when it is among the N oldest running, N the
  cluster's threads): reported ``batch.timeout``, its worker restarted.
- the scheduler lost: `PoolError` (the run stops, exit 1; ``--resume`` finishes it).

Dask is imported here only: without ``--cluster`` nothing of it is loaded.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections import OrderedDict
from functools import cache

from converter.app.batch import worker as batch_worker
from converter.app.batch.args import UsageError
from converter.app.batch.pool import Outcome, PoolError
from converter.app.batch.worker import Task
from converter.app.files import signals_held
from converter.app.job import Record

LOST_AFTER = 10.0  #: seconds without the scheduler before the run stops
LOST = "lost the Dask scheduler: run again with --resume to finish (what ended is kept)"
#: tasks in flight per worker thread: the next one waits in the scheduler's queue (worker
#: saturation 1.0), not on a worker, where it would count as a try if the worker died on the
#: one it runs; it hides the round trip to this client.
PREFETCH = 2
#: how a local cluster's nannies start their worker: forked from a warm forkserver
FORK_METHOD = "forkserver"
WORKERS_START_WITHIN = 60.0  #: seconds a local cluster's workers have to start


@cache
def _warmed(formats: tuple[str, ...]) -> bool:
    batch_worker.warm(formats)
    return True


def convert_task(task: Task) -> Record:
    """What a Dask worker runs for one input (the local pool's `worker.handle`)."""
    _warmed(task.formats)
    return batch_worker.handle(task)


def _warm_plugin(formats: tuple[str, ...]):
    from distributed.diagnostics.plugin import WorkerPlugin

    class Warm(WorkerPlugin):
        name = "un2akn-warm"

        def setup(self, worker):
            _warmed(formats)

    return Warm()


def start_forkserver() -> None:
    """Start now, in the background, the process that a local cluster's workers are forked
    from (`multiprocessing`'s forkserver), loading Dask, the converter, the schema and the
    tables there once (`converter.app.batch.preload`): while this process imports Dask and
    starts the scheduler, it loads them on the other core; then each worker is a fork of it,
    ready at once (Dask's default spawns a fresh interpreter per worker that imports it all
    again, and takes as long to stop). The forkserver has no thread and none of this
    process's files (the output folder's lock): a clean parent to fork from."""
    import multiprocessing
    import multiprocessing.forkserver

    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["distributed", "converter.app.batch.preload"])
    multiprocessing.forkserver.ensure_running()


def parse(spec: str) -> tuple[str | None, int]:
    """``local[:N]`` → (None, N); an address → (address, 0). UsageError if malformed."""
    if spec == "local" or spec.startswith("local:"):
        count = spec.partition(":")[2] or "2"
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--cluster {spec}: expected local or local:N, N ≥ 1")
        return None, int(count)
    if "://" not in spec and ":" not in spec:
        raise UsageError(f"--cluster {spec}: expected local[:N] or an address tcp://HOST:PORT")
    return spec, 0


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--cluster needs Dask: pip install 'un2akn[cluster]' (dask[distributed], fsspec)"
        ) from None
    return distributed


def connect(spec: str, retries: int):
    """(client, local cluster or None) for ``--cluster spec``; UsageError if unreachable."""
    import dask

    distributed = _import_distributed()
    address, count = parse(spec)
    settings = {
        "distributed.scheduler.allowed-failures": retries,
        "distributed.scheduler.worker-saturation": 1.0,
        # the workers' sampling profiler walks the converter's deep stacks every 10 ms while
        # holding the GIL: off (start `dask worker`s with the same, see the README)
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",  # a wake-up every 20 ms by default
        "distributed.admin.large-graph-warning-threshold": "1GB",
    }
    if address is None:  # its workers forked from the forkserver (`start_forkserver`)
        settings["distributed.worker.multiprocessing-method"] = FORK_METHOD
    with dask.config.set(settings):  # until the workers run: a nanny reads it at each start
        if address is None:
            return _start_local(distributed, count)
        try:
            client = distributed.Client(address, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--cluster {spec}: cannot reach the scheduler: {exc}") from None
    try:  # a running scheduler: our retries, if it lets us set them
        client.run_on_scheduler(_set_allowed_failures, retries)
    except Exception:  # pragma: no cover - its own setting stays
        pass
    return client, None


def _start_local(distributed, count: int):
    """(client, cluster) of ``count`` local worker processes of one thread, once they run.

    The scheduler and the client are made with SIGINT and SIGTERM held (a fraction of a
    second), so that they exist whole or not at all; then the workers start while Ctrl-C
    is live, and an interrupt closes what was started (no traceback, no stray process)."""
    with signals_held():
        cluster = distributed.LocalCluster(
            n_workers=0,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            worker_dashboard_address=None,
            silence_logs=50,
        )
        try:
            client = distributed.Client(
                cluster.scheduler_address, timeout="10s", set_as_default=False
            )
        except BaseException:
            cluster.close()
            raise
    try:
        cluster.scale(count)
        wait_for_threads(client, count, WORKERS_START_WITHIN)
    except BaseException:
        client.close(timeout=5)
        cluster.close()
        raise
    return client, cluster


def wait_for_threads(client, want: int, wait_for: float) -> int:
    """The cluster's worker threads, once there are ``want`` (or any, after ``wait_for``
    seconds); UsageError if there is none by then."""
    deadline = time.monotonic() + wait_for
    while True:
        threads = sum(client.nthreads().values())
        if threads >= want or (threads and time.monotonic() >= deadline):
            return threads
        if time.monotonic() >= deadline:
            raise UsageError("--cluster: the scheduler has no worker (start `dask worker`)")
        time.sleep(0.05)


def _set_allowed_failures(retries: int, dask_scheduler=None) -> None:
    dask_scheduler.allowed_failures = retries
    dask_scheduler.WORKER_SATURATION = 1.0  # see PREFETCH


def _quiet() -> dict[str, int]:
    """Silence Dask's loggers in this process (it logs a lost connection with a traceback:
    the run says it in one line); their levels before, for `_restore`."""
    _import_distributed()  # its loggers exist once it is imported

    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]
    levels = {name: logging.getLogger(name).level for name in ["distributed", *names]}
    for name in levels:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return levels


def _restore(levels: dict[str, int]) -> None:
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


class ClusterPool:
    """`pool.Pool`'s interface on a Dask cluster: `submit` when `free`, `wait` for outcomes."""

    def __init__(self, spec: str, formats: tuple[str, ...], timeout: float, retries: int):
        self.formats = formats
        self.timeout = timeout
        self.retries = retries
        if parse(spec)[0] is None:
            start_forkserver()  # first: it loads in parallel with what follows
        self.log_levels = _quiet()
        try:
            self.client, self.cluster = connect(spec, retries)
        except BaseException:
            _restore(self.log_levels)
            raise
        self.pending: OrderedDict[str, list] = OrderedDict()  # key → [future, task, clock]
        self.replaced = 0  #: workers lost (died, or restarted after a timeout)
        self.seen: set[str] = set()
        self.lost_since: float | None = None
        self.checked = 0.0
        self.token = secrets.token_hex(4)
        try:
            self.client.register_plugin(_warm_plugin(formats), name="un2akn-warm")
            self.jobs = wait_for_threads(self.client, 1, 30.0)
        except BaseException:
            self.close()
            raise

    @property
    def busy(self) -> int:
        return len(self.pending)

    def free(self) -> bool:
        return self.busy < self.jobs * PREFETCH

    def submit(self, task: Task) -> None:
        key = f"un2akn-{self.token}-{task.index}"
        future = self.client.submit(convert_task, task, key=key, pure=False)
        self.pending[future.key] = [future, task, None]

    # -- outcomes --------------------------------------------------------------------------
    def wait(self) -> list[Outcome]:
        """Block until at least one task ends (done, failed on every try, or out of time)."""
        from distributed.client import FIRST_COMPLETED, _wait

        while self.pending:
            now = time.monotonic()
            self._start_clocks(now)
            self._check_scheduler(now)
            late = [k for k, (_, _, c) in self.pending.items() if c and now >= c + self.timeout]
            if late:
                return self._timed_out(late, now)
            futures = [f for f, _, _ in self.pending.values()]
            try:
                self.client.sync(
                    _wait, futures, timeout=self._next_check(now), return_when=FIRST_COMPLETED
                )
            except TimeoutError:
                continue
            except Exception:  # cancelled: not by this run, so the scheduler is gone
                raise PoolError(LOST) from None
            outcomes = [self._answer(k) for k, (f, _, _) in list(self.pending.items()) if f.done()]
            if outcomes:
                return outcomes
        return []

    def _start_clocks(self, now: float) -> None:
        """Start the clock of the oldest tasks, one per worker thread: those running."""
        for n, entry in enumerate(self.pending.values()):
            if n >= self.jobs:
                break
            if entry[2] is None:
                entry[2] = now

    def _next_check(self, now: float) -> float:
        clocks = [c + self.timeout for _, _, c in self.pending.values() if c is not None]
        return max(0.01, min([now + 1.0, *clocks]) - now)

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
        if now - self.checked >= 1.0:
            self.checked = now
            workers = set(self.client.scheduler_info(n_workers=-1).get("workers", {}))
            self.replaced += len(self.seen - workers)
            self.seen = workers

    def _answer(self, key: str) -> Outcome:
        future, task, clock = self.pending.pop(key)
        seconds = time.monotonic() - clock if clock else 0.0
        if future.status == "finished":
            try:
                return Outcome(task, record=future.result(), seconds=seconds)
            except Exception as exc:  # the result could not be fetched
                return self._crashed(task, seconds, exc)
        if future.status == "cancelled" or self.client.status != "running":
            self.pending[key] = [future, task, clock]
            raise PoolError(LOST)
        return self._crashed(task, seconds, future.exception())

    def _crashed(self, task: Task, seconds: float, exc) -> Outcome:
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            message = (
                f"the worker process died while converting this input, {self.retries + 1} "
                "times (--retries): the run went on"
            )
        else:
            message = f"the cluster could not run this input: {type(exc).__name__}: {exc}"
        return Outcome(task, code="batch.crashed", seconds=seconds, message=message)

    def _timed_out(self, keys: list[str], now: float) -> list[Outcome]:
        outcomes = []
        processing = self.client.processing()
        workers = [w for w, ks in processing.items() if set(ks) & set(keys)]
        for key in keys:
            future, task, clock = self.pending.pop(key)
            future.cancel()
            outcomes.append(
                Outcome(
                    task,
                    code="batch.timeout",
                    seconds=now - clock,
                    message=f"no result after {self.timeout:g} s (--timeout): its worker "
                    "was restarted",
                )
            )
        if workers:
            try:
                self.client.restart_workers(workers, timeout=5, raise_for_error=False)
            except Exception:  # pragma: no cover - a worker without a nanny: it stays busy
                pass
        return outcomes

    # -- end -------------------------------------------------------------------------------
    def close(self, kill: bool = False) -> list[Task]:
        """Cancel what is pending, disconnect, stop a local cluster; the tasks cut short."""
        cut = [task for _, task, _ in self.pending.values()]
        try:
            if self.pending and self.client.status == "running":
                self.client.cancel([f for f, _, _ in self.pending.values()])
        except Exception:
            pass
        self.pending.clear()
        for part in (self.client, self.cluster):
            try:
                if part is not None:
                    part.close(timeout=5) if part is self.client else part.close()
            except Exception:
                pass
        _restore(self.log_levels)
        return cut
