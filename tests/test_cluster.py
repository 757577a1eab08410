"""`un2akn batch --cluster`: the batch run on a Dask cluster (two local worker processes, one
thread each), with the guarantees of the local pool: same outputs, each input once in the
report, a killed worker's input retried elsewhere, a lost scheduler stopping the run cleanly
and ``--resume`` finishing it."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from converter.app.batch import manifest as manifests
from converter.app.cli import main
from tests.conftest import CORPUS, ROOT, SAMPLE

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed: pip install 'un2akn[cluster]' (setup.sh does)"
)

FAULTS = ROOT / "tests" / "cluster_faults.py"
NAMES = [
    "A_RES_73_8.en.pdftotext.txt",
    "A_RES_73_3.en.pdftotext-layout.txt",
    "S_2023_970.en.pdftotext.txt",
    "S_2024_302.en.pdftotext-layout.txt",
    "S_2024_400.en.pdftotext-raw.txt",
    "A_L.632_1971.en.pdftotext.txt",
]


@pytest.fixture(autouse=True)
def stable_fingerprint(monkeypatch):
    monkeypatch.setattr(manifests, "fingerprint", lambda formats=("xml",): "test+fingerprint")


@pytest.fixture(scope="module")
def faults(tmp_path_factory) -> Path:
    """The faults file that the test cluster's workers read at each task."""
    path = tmp_path_factory.mktemp("faults") / "faults.json"
    path.write_text("{}")
    return path


@pytest.fixture(scope="module")
def cluster(faults):
    """A local cluster: 2 worker processes of 1 thread, with the fault-injecting preload."""
    os.environ["UN2AKN_TEST_FAULTS"] = str(faults)  # inherited by the worker processes
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
        preload=[str(FAULTS)],
        silence_logs=50,
    ) as local:
        yield local.scheduler_address
    os.environ.pop("UN2AKN_TEST_FAULTS", None)


def set_faults(faults: Path, **what) -> None:
    for marker in faults.parent.glob("died-*"):
        marker.unlink()
    faults.write_text(json.dumps(what))


def ready(address: str) -> str:
    """The test cluster's address once both its workers run again (an earlier test killed
    or restarted some: their nannies start new ones, slowly on a loaded machine)."""
    with distributed.Client(address, set_as_default=False) as client:
        try:
            client.wait_for_workers(2, timeout=60)
        except TimeoutError:  # one lost for good: the tests hold with one
            client.wait_for_workers(1, timeout=60)
    return address


def make_inputs(folder: Path, names=NAMES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(CORPUS / name, folder / name)
    shutil.copyfile(SAMPLE, folder / SAMPLE.name)
    return folder


def batch(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stderr", err)
        status = main(["batch", *map(str, argv), "--progress", "none"])
    return status, err.getvalue()


def report(out: Path) -> tuple[list[dict], dict]:
    lines = [json.loads(l) for l in (out / "report.jsonl").read_text().splitlines()]
    return lines[:-1], lines[-1]


def same(docs: list[dict]) -> list[dict]:
    """What must not depend on where an input was converted, sorted by input."""
    keep = ("input", "sha256", "status", "language", "symbol", "counts", "stem", "diagnostics")
    return sorted(
        [
            {
                **{k: d[k] for k in keep},
                "outputs": {f: Path(p).name for f, p in d["outputs"].items()},
            }
            for d in docs
        ],
        key=lambda d: d["input"],
    )


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".xml", ".json")}


def test_outputs_identical_to_the_local_pool(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    status, _ = batch(inputs, "-o", tmp_path / "pool", "--jobs", "2", "--to", "xml,model")
    assert status == 0
    status, err = batch(
        inputs, "-o", tmp_path / "dask", "--cluster", "local:2", "--to", "xml,model"
    )
    assert status == 0, err
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "pool")
    assert len(outputs(tmp_path / "dask")) == 2 * (len(NAMES) + 1)
    docs, summary = report(tmp_path / "dask")
    pool_docs, _ = report(tmp_path / "pool")
    assert same(docs) == same(pool_docs)
    assert summary["jobs"] == 2 and summary["ok"] == len(NAMES) + 1
    assert not list((tmp_path / "dask").glob(".*.part"))


def test_local_workers_that_never_start(tmp_path, monkeypatch):
    """A local cluster gets its first chunks without the run waiting for its workers; if
    none ever joins (here none is started), the run stops once `WORKERS_START_WITHIN` has
    passed: exit 1 with the reason, no traceback, the summary listing what was not done."""
    from converter.app.batch import cluster as batch_cluster

    # before the tests of the `cluster` fixture, whose scheduler holds Dask's default port

    monkeypatch.setattr(batch_cluster, "WORKERS_START_WITHIN", 1.0)
    monkeypatch.setattr(distributed.LocalCluster, "scale", lambda self, n=0: None)
    inputs = make_inputs(tmp_path / "in", NAMES[:1])
    status, err = batch(inputs, "-o", tmp_path / "out", "--cluster", "local:2")
    assert status == 1 and "did not start" in err and "Traceback" not in err, err
    _, summary = report(tmp_path / "out")
    assert summary["not_done"] == 2 and summary["ok"] == 0


def test_killed_worker_input_retried_elsewhere(tmp_path, cluster, faults):
    inputs = make_inputs(tmp_path / "in")
    set_faults(faults, die_once=[NAMES[1], NAMES[3]])
    status, err = batch(inputs, "-o", tmp_path / "out", "--cluster", cluster)
    assert status == 0, err
    docs, summary = report(tmp_path / "out")
    assert sorted(d["input"] for d in docs) == sorted(str(p) for p in inputs.iterdir())
    assert {d["status"] for d in docs} == {"ok"}
    assert (faults.parent / f"died-{NAMES[1]}").exists()  # the worker did die on it
    assert summary["ok"] == len(NAMES) + 1 and summary["not_done"] == 0
    status, _ = batch(inputs, "-o", tmp_path / "pool", "--jobs", "2")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "pool")


def test_input_killing_every_worker_fails_after_retries(tmp_path, cluster, faults):
    inputs = make_inputs(tmp_path / "in", NAMES[:2])
    set_faults(faults, die_always=[NAMES[0]])
    status, err = batch(
        inputs, "-o", tmp_path / "out", "--cluster", ready(cluster), "--retries", "1"
    )
    assert status == 1
    assert "batch.crashed" in err and "Traceback" not in err
    docs, summary = report(tmp_path / "out")
    by_name = {Path(d["input"]).name: d for d in docs}
    assert by_name[NAMES[0]]["status"] == "failed"
    assert by_name[NAMES[1]]["status"] == by_name[SAMPLE.name]["status"] == "ok"
    assert summary["failures_by_code"] == {"batch.crashed": 1}
    assert not (tmp_path / "out" / NAMES[0].replace(".txt", ".akn.xml")).exists()


def test_timeout_on_the_cluster(tmp_path, cluster, faults):
    """The input's worker sleeps far longer than the run may take: the timeout, then the
    restart of that worker (which the run awaits, up to `RESTART_WITHIN`: on a loaded
    machine a new worker took all of its 30 s) end the run well before the sleep would."""
    from converter.app.batch.cluster import RESTART_WITHIN

    inputs = make_inputs(tmp_path / "in", NAMES[:1])
    set_faults(faults, sleep=4 * RESTART_WITHIN)
    address = ready(cluster)
    started = time.monotonic()
    status, err = batch(inputs, "-o", tmp_path / "out", "--cluster", address, "--timeout", "2")
    faults.write_text("{}")
    assert status == 1 and "batch.timeout" in err
    assert time.monotonic() - started < 2 * RESTART_WITHIN + 20
    docs, summary = report(tmp_path / "out")
    assert {d["status"] for d in docs} == {"failed"} and summary["not_done"] == 0


def test_missing_scheduler_is_a_usage_error(tmp_path):
    inputs = make_inputs(tmp_path / "in", NAMES[:1])
    port = free_port()
    status, err = batch(inputs, "-o", tmp_path / "out", "--cluster", f"tcp://127.0.0.1:{port}")
    assert status == 2 and "cannot reach the scheduler" in err and "Traceback" not in err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def test_scheduler_lost_then_resume_finishes(tmp_path):
    """A scheduler killed mid-run: exit 1 with a message, no traceback; --resume (on another
    cluster) converts the rest, nothing twice; outputs as an uninterrupted run's."""
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    faults = tmp_path / "faults.json"
    faults.write_text(json.dumps({"sleep": 0.7}))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "UN2AKN_TEST_FAULTS": str(faults)}
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = start(
        ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port)]
        + ["--no-dashboard"],
        env,
    )
    workers = start(
        ["distributed.cli.dask_worker", address, "--nworkers", "2", "--nthreads", "1"]
        + ["--no-dashboard", "--death-timeout", "20", "--preload", str(FAULTS)],
        env,
    )
    try:
        run = subprocess.Popen(
            [sys.executable, "-m", "converter", "batch", inputs, "-o", out]
            + ["--cluster", address, "--progress", "none"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and run.poll() is None:
            report_file = out / "report.jsonl"
            if report_file.exists() and len(report_file.read_text().splitlines()) >= 2:
                break
            time.sleep(0.1)
        stop(scheduler)
        _, err = run.communicate(timeout=90)
    finally:
        stop(scheduler)
        stop(workers)
    assert run.returncode == 1, err
    assert "lost the Dask scheduler" in err and "--resume" in err and "Traceback" not in err
    first, summary = report(out)
    assert summary["not_done"] > 0 and summary["error"]
    done = {d["input"] for d in first if d["status"] == "ok"}
    assert not list(out.glob(".*.part"))

    faults.write_text("{}")
    resumed = subprocess.run(
        [sys.executable, "-m", "converter", "batch", inputs, "-o", out]
        + ["--cluster", "local:2", "--resume", "--progress", "none"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert resumed.returncode == 0, resumed.stderr
    second, summary = report(out)
    assert sorted(d["input"] for d in second) == sorted(str(p) for p in inputs.iterdir())
    assert {d["input"] for d in second if d["status"] == "skipped"} == done
    assert summary["ok"] == len(NAMES) + 1 - len(done)
    status, _ = batch(inputs, "-o", tmp_path / "whole", "--jobs", "2")
    assert outputs(out) == outputs(tmp_path / "whole")


def test_forkserver_preload_leaves_the_schema_compiled_and_no_thread():
    """What a local cluster's forkserver imports, in its order (`connect.start_forkserver`):
    the schema compiled (in a thread, while Dask imports) and that thread ended before the
    forkserver forks a worker."""
    code = (
        "import threading\n"
        "from converter.app.batch import preload_schema\n"
        "import distributed\n"
        "from converter.app.batch import preload\n"
        "from converter.akn import xsd\n"
        "assert not preload_schema.COMPILING.is_alive()\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "assert xsd.lxml_schema.cache_info().currsize == 1\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_dask_not_imported_without_cluster(tmp_path):
    inputs = make_inputs(tmp_path / "in", NAMES[:1])
    code = (
        "import sys; from converter.app.cli import main; "
        f"status = main(['batch', {str(inputs)!r}, '-o', {str(tmp_path / 'out')!r}, "
        "'--jobs', '1', '--progress', 'none']); "
        "assert status == 0, status; "
        "assert not {'dask', 'distributed', 'fsspec'} & set(sys.modules), 'imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_inputs_named_by_url(tmp_path):
    """memory:// and file:// inputs (read by the run, so a cluster's workers need not reach
    them) give the outputs their local files give; a file:// output folder is a folder."""
    fsspec = pytest.importorskip("fsspec")
    inputs = make_inputs(tmp_path / "in", NAMES[:2])
    memory = fsspec.filesystem("memory")
    for path in inputs.iterdir():
        memory.pipe_file(f"/un2akn-test/in/{path.name}", path.read_bytes())
    try:
        status, err = batch("memory://un2akn-test/in", "-o", tmp_path / "mem", "--jobs", "1")
        assert status == 0, err
        status, err = batch(
            f"file://{inputs}/*.txt", "-o", f"file://{tmp_path / 'file'}", "--jobs", "1"
        )
        assert status == 0, err
    finally:
        memory.rm("/un2akn-test", recursive=True)
    batch(inputs, "-o", tmp_path / "local", "--jobs", "1")
    assert outputs(tmp_path / "file") == outputs(tmp_path / "local")
    here = f"{inputs}/".encode()  # the XML names its source: the URL, or the path
    assert {
        name: data.replace(b"memory:///un2akn-test/in/", here)
        for name, data in outputs(tmp_path / "mem").items()
    } == outputs(tmp_path / "local")
    docs, _ = report(tmp_path / "mem")
    assert sorted(d["input"] for d in docs) == sorted(
        f"memory:///un2akn-test/in/{p.name}" for p in inputs.iterdir()
    )
    status, err = batch("memory://un2akn-test/none", "-o", tmp_path / "x", "--jobs", "1")
    assert status == 2 and "no such file or folder" in err


def descendants(pid: int) -> set[int]:
    import psutil

    try:
        return {p.pid for p in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


def _local_cluster_run(inputs: Path, out: Path, group: bool) -> subprocess.Popen:
    """`un2akn batch INPUTS -o OUT --cluster local:2` in the background; in a process group
    of its own when ``group`` (as a terminal starts it), to be signalled whole."""
    return subprocess.Popen(
        [sys.executable, "-m", "converter", "batch", inputs, "-o", out]
        + ["--cluster", "local:2", "--progress", "none"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=group,
    )


def _interrupt(run: subprocess.Popen, group: bool) -> None:
    """Ctrl-C: to the command alone, or as a terminal sends it, to its whole process group
    (the forkserver and the workers included)."""
    if group:
        os.killpg(run.pid, signal.SIGINT)
    else:
        run.send_signal(signal.SIGINT)


@pytest.mark.parametrize(("delay", "group"), [(0.0, False), (0.5, False), (0.5, True)])
def test_interrupt_while_the_local_cluster_starts(tmp_path, delay, group):
    """Ctrl-C while `--cluster local` starts its processes: the run's one-line message, exit
    status 130, no traceback (of the forkserver loading either), the report's summary; no
    process of the cluster left."""
    import psutil

    inputs = make_inputs(tmp_path / "in", NAMES[:2])
    for i in range(40):  # more than a started cluster converts before the Ctrl-C
        shutil.copyfile(SAMPLE, inputs / f"copy{i:02}.txt")
    out = tmp_path / "out"
    run = _local_cluster_run(inputs, out, group)
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    # the forkserver (started first) and the report (the run has begun): the cluster starts
    while time.monotonic() < deadline and run.poll() is None:
        seen |= descendants(run.pid)
        if seen and (out / "report.jsonl").exists():
            break
        time.sleep(0.01)
    assert seen and run.poll() is None, "the cluster never started"
    # (a Ctrl-C held while the report was made arrives as it is made: before the run)
    time.sleep(0.02)
    until = time.monotonic() + delay
    while time.monotonic() < until:
        seen |= descendants(run.pid)
        time.sleep(0.01)
    _interrupt(run, group)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "interrupted by SIGINT" in err and "--resume" in err and "Traceback" not in err
    _, summary = report(out)
    assert summary["interrupted"] == "SIGINT"
    assert summary["ok"] + summary["failed"] + summary["not_done"] == len(list(inputs.iterdir()))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(psutil.pid_exists(p) for p in seen):
        time.sleep(0.1)
    left = [p for p in seen if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
    assert not left, [psutil.Process(p).cmdline() for p in left]
    assert not list(out.glob(".*.part"))


@pytest.mark.parametrize("group", [False, True])
def test_interrupt_before_the_run_begins(tmp_path, group):
    """Ctrl-C as soon as the forkserver exists, which the entry point starts before the
    command line is even read (`connect.start_early`): exit status 130 with one line, no
    traceback, and no process left (the forkserver ends with the command)."""
    import psutil

    inputs = make_inputs(tmp_path / "in", NAMES[:2])
    run = _local_cluster_run(inputs, tmp_path / "out", group)
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while not seen and time.monotonic() < deadline and run.poll() is None:
        seen = descendants(run.pid)
        time.sleep(0.005)
    assert seen, "no forkserver started"
    time.sleep(0.05)  # SIGINT is ignored for the instant of the forkserver's spawn
    _interrupt(run, group)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(psutil.pid_exists(p) for p in seen):
        time.sleep(0.1)
    left = [p for p in seen if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
    assert not left, [psutil.Process(p).cmdline() for p in left]


def test_early_forkserver_only_for_a_local_cluster(monkeypatch):
    """`start_early` reads ``--cluster`` as argparse does, and starts the forkserver for a
    local cluster only."""
    from converter.app.batch import connect

    started: list[bool] = []
    monkeypatch.setattr(connect, "start_forkserver", lambda: started.append(True))
    for argv, starts in [
        (["in", "-o", "out", "--cluster", "local:2"], True),
        (["--cluster=local", "in", "-o", "out"], True),
        (["in", "-o", "out", "--cluster", "tcp://h:8786"], False),
        (["in", "-o", "out", "--cluster", "local:x"], False),
        (["in", "-o", "out", "--jobs", "2"], False),
        (["-o", "out", "--", "--cluster", "local"], False),
        (["in", "--cluster"], False),
    ]:
        started.clear()
        connect.start_early(argv)
        assert started == ([True] if starts else []), argv


def test_ctrl_c_at_a_terminal_while_the_workers_convert(tmp_path):
    """A terminal's Ctrl-C reaches every process of the group: the workers (forked from a
    forkserver started with SIGINT ignored) print no KeyboardInterrupt; the run stops with
    its summary and exit status 130, what ended is in the report."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(60):
        shutil.copyfile(SAMPLE, inputs / f"d{i:02}.txt")
    out = tmp_path / "out"
    run = _local_cluster_run(inputs, out, group=True)
    deadline = time.monotonic() + 60
    reported = out / "report.jsonl"
    while run.poll() is None and time.monotonic() < deadline:
        if reported.exists() and reported.read_text().count("\n") >= 1:
            break  # a worker has converted: the workers run
        time.sleep(0.02)
    assert run.poll() is None, "the run ended before it could be interrupted"
    _interrupt(run, group=True)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "KeyboardInterrupt" not in err and "Traceback" not in err, err
    docs, summary = report(out)
    assert summary["interrupted"] == "SIGINT" and summary["ok"] == len(docs) >= 1


def test_chunk_size():
    from converter.app.batch.cluster import MAX_CHUNK, chunk_size

    assert chunk_size(None, 500, 2) == 1  # nothing timed yet
    assert chunk_size(0.03, 500, 2) == MAX_CHUNK
    assert chunk_size(0.03, 40, 2) == 5  # a quarter of each thread's share of the rest
    assert chunk_size(0.03, 3, 2) == 1
    assert chunk_size(1.0, 500, 2) == 2  # CHUNK_SECONDS of work


@pytest.fixture
def chunks_of_three(monkeypatch):
    from converter.app.batch import cluster as batch_cluster

    monkeypatch.setattr(batch_cluster, "chunk_size", lambda *_: 3)


def test_chunks_with_a_killed_worker(tmp_path, cluster, faults, chunks_of_three):
    """Chunks of three inputs: a worker killed mid-chunk → the chunk is run again; every
    input once in the report; the outputs are the local pool's."""
    inputs = make_inputs(tmp_path / "in")
    set_faults(faults, die_once=[NAMES[4]])
    status, err = batch(
        inputs, "-o", tmp_path / "out", "--cluster", ready(cluster), "--to", "xml,model"
    )
    assert status == 0, err
    docs, summary = report(tmp_path / "out")
    assert sorted(d["input"] for d in docs) == sorted(str(p) for p in inputs.iterdir())
    assert (faults.parent / f"died-{NAMES[4]}").exists()
    assert summary["ok"] == len(NAMES) + 1
    batch(inputs, "-o", tmp_path / "pool", "--jobs", "2", "--to", "xml,model")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "pool")
    assert same(docs) == same(report(tmp_path / "pool")[0])


def test_chunk_with_an_input_that_kills_every_worker(tmp_path, cluster, faults, chunks_of_three):
    """The chunk fails on every try, then its inputs are tried one by one: only the guilty
    one is reported failed."""
    inputs = make_inputs(tmp_path / "in", NAMES[:2])
    set_faults(faults, die_always=[NAMES[1]])
    status, err = batch(
        inputs, "-o", tmp_path / "out", "--cluster", ready(cluster), "--retries", "1"
    )
    assert status == 1 and "Traceback" not in err
    docs, summary = report(tmp_path / "out")
    by_name = {Path(d["input"]).name: d["status"] for d in docs}
    assert by_name == {NAMES[0]: "ok", NAMES[1]: "failed", SAMPLE.name: "ok"}
    assert summary["failures_by_code"] == {"batch.crashed": 1}


def test_chunk_with_an_input_past_its_time(tmp_path, cluster, faults, chunks_of_three):
    """A chunk past its time (timeout × inputs) is split: the slow input alone is reported
    batch.timeout, the others are converted."""
    inputs = make_inputs(tmp_path / "in", NAMES[:2])
    set_faults(faults, slow=[NAMES[0]], slow_sleep=60.0)
    address = ready(cluster)
    started = time.monotonic()
    status, err = batch(inputs, "-o", tmp_path / "out", "--cluster", address, "--timeout", "3")
    faults.write_text("{}")
    assert status == 1 and "batch.timeout" in err
    assert time.monotonic() - started < 90
    docs, summary = report(tmp_path / "out")
    by_name = {Path(d["input"]).name: d["status"] for d in docs}
    assert by_name == {NAMES[0]: "failed", NAMES[1]: "ok", SAMPLE.name: "ok"}, err
    assert summary["failures_by_code"] == {"batch.timeout": 1}
