"""Connecting to a Dask cluster for `un2akn batch --cluster`, or starting a local one.

    --cluster tcp://HOST:8786   # a running scheduler: connect (a one-line error if none)
    --cluster local[:N]         # N local worker processes of one thread, started here

A local cluster's workers are forked from a forkserver that has loaded Dask, the converter,
the schema and the tables once (`start_forkserver`, `converter.app.batch.preload`); the
scheduler and the client are made with signals held, then the workers start while Ctrl-C is
live (an interrupt closes what was started). Dask's loggers are silenced here (`quiet`):
the run says what went wrong in one line.
"""

from __future__ import annotations

import logging
import time

from converter.app.batch.args import UsageError
from converter.app.files import signals_held

FORK_METHOD = "forkserver"  #: how a local cluster's nannies start their worker
WORKERS_START_WITHIN = 60.0  #: seconds a local cluster's workers have to start


def start_forkserver() -> None:
    """Start now, in the background, the process that a local cluster's workers are forked
    from (`multiprocessing`'s forkserver), loading Dask, the converter, the schema and the
    tables there once (`converter.app.batch.preload`): while this process imports Dask and
    starts the scheduler, it loads them on the other core; then each worker is a fork of it,
    ready at once (Dask's default spawns a fresh interpreter per worker that imports it all
    again, and takes as long to stop). The forkserver has no thread and none of this
    process's files (the output folder's lock): a clean parent to fork from.

    It is started with SIGINT ignored, which it and the workers forked from it keep (Python
    installs its KeyboardInterrupt handler only where SIGINT is not ignored at start): a
    Ctrl-C at a terminal goes to the whole process group, and this process alone answers it,
    closing the cluster, where the forkserver (loading) and the workers (running) would each
    print a KeyboardInterrupt traceback. SIGTERM still ends them."""
    import multiprocessing
    import multiprocessing.forkserver
    import signal

    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["converter.app.batch.preload_schema", "distributed", "converter.app.batch.preload"]
    )
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # for the few ms of the spawn
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def start_early(argv: list[str]) -> None:
    """Start the forkserver now if ``argv`` (a `batch` command's arguments) asks for a local
    cluster: called by the entry point before the command line is even imported. The
    forkserver's loading (Dask, then the converter: about 0.7 s) is the critical path of a
    local cluster's start; begun here, it overlaps the command's own imports and the
    preparation of the run (0.15-0.2 s), which `ClusterPool` would otherwise wait for.

    Only ``--cluster SPEC`` and ``--cluster=SPEC`` are read (before a ``--``): anything else
    (an abbreviation, a malformed SPEC) starts nothing here; `ClusterPool` starts the
    forkserver as before, or argparse reports the mistake. A run that stops before its
    cluster starts loses nothing by it: the forkserver ends with this process."""
    for k, arg in enumerate(argv):
        if arg == "--":
            return
        spec = argv[k + 1] if arg == "--cluster" and k + 1 < len(argv) else None
        if arg.startswith("--cluster="):
            spec = arg.partition("=")[2]
        if spec is not None:
            try:
                local = parse(spec)[0] is None
            except UsageError:
                return
            if local:
                start_forkserver()
            return


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


def _settings(retries: int, local: bool) -> dict:
    settings = {
        "distributed.scheduler.allowed-failures": retries,
        "distributed.scheduler.worker-saturation": 1.0,
        # the workers' sampling profiler walks the converter's deep stacks every 10 ms while
        # holding the GIL: off (start `dask worker`s with the same, see the README)
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",  # a wake-up every 20 ms by default
        "distributed.admin.large-graph-warning-threshold": "1GB",
        # what wakes the scheduler, the nannies and this client while nothing happens: on
        # one machine it takes the workers' CPU (queued tasks need no stealing)
        "distributed.scheduler.work-stealing": False,
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.admin.system-monitor.disk": False,
        "distributed.client.scheduler-info-interval": "5s",
    }
    if local:  # its workers forked from the forkserver (`start_forkserver`)
        settings["distributed.worker.multiprocessing-method"] = FORK_METHOD
    return settings


def connect(spec: str, retries: int):
    """(client, local cluster or None, settings or None) for ``--cluster spec``; UsageError
    if unreachable. A local cluster's Dask settings stay set until the caller ends them
    (``settings.__exit__(None, None, None)``, once the cluster is closed): its nannies read
    them as they start, or restart, their workers in the background."""
    import dask

    distributed = _import_distributed()
    address, count = parse(spec)
    settings = dask.config.set(_settings(retries, address is None))
    if address is None:
        try:
            return (*_start_local(distributed, count), settings)
        except BaseException:
            settings.__exit__(None, None, None)
            raise
    try:
        client = distributed.Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--cluster {spec}: cannot reach the scheduler: {exc}") from None
    finally:
        settings.__exit__(None, None, None)
    try:  # a running scheduler: our retries, if it lets us set them
        client.run_on_scheduler(_set_allowed_failures, retries)
    except Exception:  # pragma: no cover - its own setting stays
        pass
    return client, None, None


def _start_local(distributed, count: int):
    """(client, cluster) of ``count`` local worker processes of one thread, starting.

    The scheduler and the client are made with SIGINT and SIGTERM held (a fraction of a
    second), so that they exist whole or not at all; the workers start in the background
    (the run hands the scheduler its first chunks meanwhile, which the workers take as they
    come: `ClusterPool` gives them `WORKERS_START_WITHIN`), with Ctrl-C live: an interrupt
    closes what was started (no traceback, no stray process)."""
    with signals_held():
        cluster = distributed.LocalCluster(
            n_workers=0,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            worker_dashboard_address=None,
            memory_limit=0,  # as the local pool: no nanny polling the memory every 100 ms
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
    dask_scheduler.WORKER_SATURATION = 1.0  # see cluster.PREFETCH


def quiet() -> dict[str, int]:
    """Silence Dask's loggers in this process (it logs a lost connection with a traceback:
    the run says it in one line); their levels before, for `restore`."""
    _import_distributed()  # its loggers exist once it is imported

    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]
    levels = {name: logging.getLogger(name).level for name in ["distributed", *names]}
    for name in levels:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return levels


def restore(levels: dict[str, int]) -> None:
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
