"""`un2akn batch … -o URL` into an object store (fsspec's ``memory://`` here): the same outputs
as into a folder, report and manifest written whole, a failed input leaves nothing, an
interrupted run resumes, and one run at a time per URL (the lock object)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from converter.app.batch import manifest as manifests
from converter.app.batch import objstore
from converter.app.cli import main
from tests.conftest import assert_valid
from tests.test_batch import BROKEN, GOOD, make_inputs

fsspec = pytest.importorskip("fsspec")

ROOT = "/un2akn-objstore-test"
URL = f"memory://{ROOT.lstrip('/')}/out"
OUT = f"{ROOT}/out"


@pytest.fixture(autouse=True)
def stable_fingerprint(monkeypatch):
    monkeypatch.setattr(manifests, "fingerprint", lambda formats=("xml",): "test+fingerprint")


@pytest.fixture
def fs():
    memory = fsspec.filesystem("memory")
    yield memory
    if memory.exists(ROOT):
        memory.rm(ROOT, recursive=True)


def batch(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stderr", err)
        status = main(["batch", *map(str, argv), "--progress", "none", "--to", "xml,model"])
    return status, err.getvalue()


def local_outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".xml", ".json")}


def store_outputs(fs) -> dict[str, bytes]:
    names = [p for p in fs.find(OUT) if p.endswith((".xml", ".json"))]
    return {p.rsplit("/", 1)[1]: fs.cat_file(p) for p in names}


def lines(fs, name: str) -> list[dict]:
    return [json.loads(line) for line in fs.cat_file(f"{OUT}/{name}").decode().splitlines()]


def by_source(entries: list[dict]) -> dict[str, dict]:
    return {e["source"]: e for e in entries}


def test_same_outputs_report_and_manifest_as_into_a_folder(tmp_path, fs):
    inputs = make_inputs(tmp_path / "in")
    assert batch(inputs, "-o", tmp_path / "local", "--jobs", "2")[0] == 1  # the broken fail
    status, err = batch(inputs, "-o", URL, "--jobs", "2")
    assert status == 1, err
    assert f"report: {URL}/report.jsonl" in err
    got = store_outputs(fs)
    assert got == local_outputs(tmp_path / "local")
    assert len(got) == 2 * len(GOOD)  # the broken inputs have none
    for name, data in got.items():
        if name.endswith(".xml"):
            assert_valid(data)
    *docs, summary = lines(fs, "report.jsonl")
    assert summary["type"] == "summary" and summary["output"] == URL
    assert (summary["ok"], summary["failed"], summary["not_done"]) == (len(GOOD), len(BROKEN), 0)
    statuses = {Path(d["input"]).name: d["status"] for d in docs}
    assert statuses == {**{n: "ok" for n in GOOD}, **{n: "failed" for n in BROKEN}}
    for doc in docs:
        for url in doc["outputs"].values():
            assert url.startswith(URL + "/") and fs.exists(url)
    local = manifests.Manifest(tmp_path / "local" / manifests.MANIFEST).all()
    assert by_source(lines(fs, manifests.MANIFEST)) == local  # the same entries, all of them
    assert not fs.exists(f"{OUT}/{objstore.LOCK}")  # released at the end
    status, err = batch(inputs, "-o", URL, "--jobs", "2", "--resume")
    assert status == 1 and f"{len(GOOD)} up to date" in err
    assert store_outputs(fs) == got
    fs.rm_file(f"{OUT}/S_2024_302.en.pdftotext-layout.model.json")  # gone: converted again
    status, err = batch(inputs, "-o", URL, "--jobs", "2", "--resume")
    assert status == 1 and f"{len(GOOD) - 1} up to date" in err
    assert store_outputs(fs) == got


def test_a_refused_write_leaves_nothing_of_that_input(tmp_path, fs, monkeypatch):
    inputs = make_inputs(tmp_path / "in")
    memory = type(fs)
    real = memory.pipe_file

    def refuse(self, path, value, **kwargs):
        if "S_2024_302" in path and path.endswith(".json"):  # after its .xml was PUT
            raise OSError("the store refused the PUT")
        return real(self, path, value, **kwargs)

    monkeypatch.setattr(memory, "pipe_file", refuse)
    status, err = batch(inputs, "-o", URL, "--jobs", "1")
    assert status == 1 and "output.failed ×1" in err
    assert not [p for p in fs.find(OUT) if "S_2024_302" in p]
    assert len(store_outputs(fs)) == 2 * (len(GOOD) - 1)
    failed = [e for e in lines(fs, manifests.MANIFEST) if "S_2024_302" in e["source"]]
    assert [e["status"] for e in failed] == ["failed"] and failed[0]["outputs"] == {}


def test_an_interrupted_run_resumes_to_the_same_outputs(tmp_path, fs, monkeypatch):
    """Interrupted after the outputs of its third input were PUT but before that input was
    recorded: the manifest holds only what was recorded, --resume converts the rest (that
    third input again) and the outputs are those of an uninterrupted run."""
    inputs = make_inputs(tmp_path / "in")
    assert batch(inputs, "-o", tmp_path / "local", "--jobs", "1")[0] == 1
    real, calls = objstore.Store.put_outputs, []

    def interrupted(self, record):
        real(self, record)
        calls.append(record.input)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(objstore.Store, "put_outputs", interrupted)
    status, err = batch(inputs, "-o", URL, "--jobs", "1")
    assert status == 130 and "--resume" in err
    assert not fs.exists(f"{OUT}/{objstore.LOCK}")
    *docs, summary = lines(fs, "report.jsonl")
    assert summary["interrupted"] == "SIGINT" and len(docs) == 2
    recorded = by_source(lines(fs, manifests.MANIFEST))
    assert len(recorded) == 2 and calls[2] not in {e["path"] for e in recorded.values()}
    ok = [e for e in recorded.values() if e["status"] == "ok"]
    monkeypatch.setattr(objstore.Store, "put_outputs", real)
    status, err = batch(inputs, "-o", URL, "--jobs", "1", "--resume")
    assert status == 1, err
    *docs, summary = lines(fs, "report.jsonl")
    assert summary["skipped"] == len(ok) and summary["not_done"] == 0
    redone = [d for d in docs if d["input"] == calls[2]]
    assert [d["status"] for d in redone] in (["ok"], ["failed"])  # converted again, not skipped
    assert store_outputs(fs) == local_outputs(tmp_path / "local")


def test_one_run_at_a_time_per_url(tmp_path, fs):
    inputs = make_inputs(tmp_path / "in")
    fs.pipe_file(f"{OUT}/{objstore.LOCK}", b"another run")
    status, err = batch(inputs, "-o", URL, "--jobs", "1")
    assert status == 2 and "another batch run is writing there" in err
    assert fs.cat_file(f"{OUT}/{objstore.LOCK}") == b"another run"  # not taken, not removed
    assert not store_outputs(fs) and not fs.exists(f"{OUT}/report.jsonl")
    fs.rm_file(f"{OUT}/{objstore.LOCK}")
    assert batch(inputs, "-o", URL, "--jobs", "1")[0] == 1
    assert len(store_outputs(fs)) == 2 * len(GOOD)


def test_lock_without_exclusive_create(fs, monkeypatch):
    """A backend without ``open(…, "xb")``: check, write a token, read it back."""
    memory = type(fs)
    real = memory.open

    def no_exclusive(self, path, mode="rb", **kwargs):
        if mode == "xb":
            raise ValueError("unsupported mode")
        return real(self, path, mode, **kwargs)

    monkeypatch.setattr(memory, "open", no_exclusive)
    first, second = objstore.Store(URL), objstore.Store(URL)
    first.lock()
    with pytest.raises(objstore.UsageError, match="another batch run"):
        second.lock()
    first.unlock()
    assert not fs.exists(f"{OUT}/{objstore.LOCK}")
    second.lock()
    second.unlock()


def test_a_local_cluster_writes_the_same_objects(tmp_path, fs):
    """Dask workers are other processes: they send the bytes back, the run PUTs them."""
    pytest.importorskip("distributed")
    inputs = make_inputs(tmp_path / "in")
    assert batch(inputs, "-o", tmp_path / "local", "--jobs", "2")[0] == 1
    status, err = batch(inputs, "-o", URL, "--cluster", "local:2")
    assert status == 1, err
    assert store_outputs(fs) == local_outputs(tmp_path / "local")
    *docs, summary = lines(fs, "report.jsonl")
    assert summary["ok"] == len(GOOD) and len(docs) == len(GOOD) + len(BROKEN)


def test_a_report_file_beside_a_store(tmp_path, fs):
    """``--report PATH``: lines appended to that file; the store gets outputs and manifest."""
    inputs = make_inputs(tmp_path / "in")
    report = tmp_path / "logs" / "run.jsonl"
    status, err = batch(inputs, "-o", URL, "--jobs", "1", "--report", report)
    assert status == 1, err
    *docs, summary = [json.loads(line) for line in report.read_text().splitlines()]
    assert summary["output"] == URL and len(docs) == len(GOOD) + len(BROKEN)
    assert not fs.exists(f"{OUT}/report.jsonl")
    assert len(lines(fs, manifests.MANIFEST)) == len(GOOD) + len(BROKEN)
    assert len(store_outputs(fs)) == 2 * len(GOOD)


def test_report_and_manifest_are_rewritten_at_most_every_few_seconds(fs, monkeypatch):
    store = objstore.Store(URL)
    manifest = store.open_manifest()
    manifest.append({"source": "/in/a.txt", "stem": "a", "status": "failed", "outputs": {}})
    store.report_line({"type": "document", "input": "/in/a.txt"})
    store.flush(force=True)
    assert len(lines(fs, "report.jsonl")) == 1 and len(lines(fs, manifests.MANIFEST)) == 1
    manifest.append({"source": "/in/b.txt", "stem": "b", "status": "failed", "outputs": {}})
    store.report_line({"type": "document", "input": "/in/b.txt"})
    store.flush()  # too soon after the last: kept for later
    assert len(lines(fs, "report.jsonl")) == 1 and len(lines(fs, manifests.MANIFEST)) == 1
    monkeypatch.setattr(objstore, "FLUSH_SECONDS", 0.0)
    store.pause = 3600.0  # the last rewrite took 6 minutes: the next waits ten times as long
    store.flush()
    assert len(lines(fs, "report.jsonl")) == 1
    store.pause = 0.0
    store.flush()
    assert len(lines(fs, "report.jsonl")) == 2
    assert set(by_source(lines(fs, manifests.MANIFEST))) == {"/in/a.txt", "/in/b.txt"}
    assert objstore.Store(URL).open_manifest().all() == manifest.all()  # what --resume reads


def test_an_input_url_over_the_limit_is_refused_as_a_local_file_is(tmp_path, fs, monkeypatch):
    """The size limit and its diagnostic are the readers' for a URL too: its size is asked
    first, and a store that does not tell it is read no further than the limit."""
    from converter import readers
    from converter.app.batch import storage

    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 100)
    fs.pipe(f"{ROOT}/in/big.txt", b"x" * 150)
    local = tmp_path / "big.txt"
    local.write_bytes(b"x" * 150)
    with pytest.raises(readers.ConversionError) as refused:
        readers.load_bytes(local)
    (expected,) = refused.value.diagnostics
    assert storage.read_url(f"memory://{ROOT.lstrip('/')}/in/big.txt") == (
        None,
        expected.code,
        expected.message,
    )
    monkeypatch.setattr(type(fs), "size", lambda self, path: None)  # a store that cannot tell
    assert storage.read_url(f"memory://{ROOT.lstrip('/')}/in/big.txt") == (
        None,
        "input.too_large",
        readers.too_large(101).diagnostics[0].message,
    )
