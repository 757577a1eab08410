"""`un2akn batch`: parallel, resumable, reported, and hardened against bad input, hung or
crashing workers, interruptions and unsafe names."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from converter.app import job
from converter.app.batch import manifest as manifests
from converter.app.batch import run as batch
from converter.app.batch import worker as batch_worker
from converter.app.cli import main
from tests.conftest import CORPUS, ROOT, SAMPLE, assert_valid

GOOD = {  # input name -> (language, symbol)
    "A-C.3-74-L.18.zh.txt": ("zh", "A/C.3/74/L.18"),
    "A_RES_73_8.en.pdftotext.txt": ("en", "A/RES/73/8"),
    "S_2024_302.en.pdftotext-layout.txt": ("en", "S/2024/302"),
    "S_2023_970.en.pdftotext.txt": ("en", "S/2023/970"),
}
BROKEN = {  # input name -> the diagnostic code it must fail with
    "empty.txt": "input.empty",
    "binary.txt": "input.binary",
    "latin1.txt": "input.encoding",
    "minutes.txt": "structure.no_formula",
    "truncated.txt": "structure.no_operative",
    "renumbered.txt": "structure.numbering",
}


@pytest.fixture(autouse=True)
def stable_fingerprint(monkeypatch):
    """Others edit the converter while tests run: pin the fingerprint for in-process runs."""
    monkeypatch.setattr(manifests, "fingerprint", lambda formats=("xml",): "test+fingerprint")


def source(name: str) -> Path:
    return SAMPLE if name == SAMPLE.name else CORPUS / name


def make_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in GOOD:
        (folder / name).write_bytes(source(name).read_bytes())
    en = (CORPUS / "A_RES_73_8.en.pdftotext.txt").read_text(encoding="utf-8")
    lines = en.split("\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + os.urandom(2000))
    (folder / "latin1.txt").write_bytes(
        en.replace("Recalling", "Récalling").encode("latin-1", "replace")
    )
    (folder / "minutes.txt").write_text("Minutes of the 12th meeting\nThe chair opened it.\n")
    formula = lines.index("The General Assembly,")
    (folder / "truncated.txt").write_text("\n".join(lines[: formula + 3]))
    zh = SAMPLE.read_text(encoding="utf-8")
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "renumbered.txt").write_text(zh.replace("\n 5. 敦促", "\n 6. 敦促"))
    assert "6. 敦促" in (folder / "sub" / "renumbered.txt").read_text()
    (folder / "notes.md").write_text("not a .txt: not taken from a folder")
    return folder


def read_report(path: Path, key=lambda p: Path(p).name) -> tuple[dict[str, dict], dict]:
    """(document lines by input file name, or by ``key(path)``; the summary line)."""
    lines = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
    assert lines and lines[-1]["type"] == "summary"
    docs = {key(l["input"]): l for l in lines[:-1]}
    assert all(l["type"] == "document" for l in lines[:-1]) and len(docs) == len(lines) - 1
    return docs, lines[-1]


def parts(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part")]


def test_folder_with_good_and_broken_files(tmp_path, capsys):
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    status = main(["batch", str(inputs), "-o", str(out), "--jobs", "2", "--to", "xml,model"])
    assert status == 1
    docs, summary = read_report(out / "report.jsonl")
    assert set(docs) == set(GOOD) | set(BROKEN)
    for name, (language, symbol) in GOOD.items():
        doc = docs[name]
        assert doc["status"] == "ok" and (doc["language"], doc["symbol"]) == (language, symbol)
        assert doc["sha256"] == batch.sha256_of(source(name).read_bytes())
        assert {"preambular", "operative", "footnotes"} <= set(doc["counts"])
        assert doc["seconds"] > 0 and doc["peak_rss_kb"] > 0
        xml = Path(doc["outputs"]["xml"])
        assert xml.parent == out and xml.name == name[:-4] + ".akn.xml"
        assert_valid(xml.read_bytes())
        assert json.loads(Path(doc["outputs"]["model"]).read_text())["node"] == "Document"
    for name, code in BROKEN.items():
        doc = docs[name]
        assert doc["status"] == "failed" and doc["outputs"] == {}, doc
        assert code in {d["code"] for d in doc["diagnostics"] if d["severity"] == "error"}, doc
        assert not list(out.glob(name[:-4] + ".*"))
    assert docs["A-C.3-74-L.18.zh.txt"]["counts"]["operative"] == 65
    assert summary["inputs"] == len(GOOD) + len(BROKEN) and summary["ok"] == len(GOOD)
    assert summary["failed"] == len(BROKEN) and summary["skipped"] == 0
    assert summary["failures_by_code"] == {code: 1 for code in BROKEN.values()}
    assert summary["docs_per_second"] > 0 and summary["jobs"] == 2
    assert not parts(tmp_path)
    err = capsys.readouterr().err
    for name, code in BROKEN.items():
        assert any(
            line.startswith(str(inputs)) and f"{name}" in line and f": error: {code}: " in line
            for line in err.splitlines()
        ), (name, code)
    assert "renumbered.txt:" in err and ": error: structure.numbering: " in err
    assert f"{len(GOOD)} converted" in err and f"{len(BROKEN)} failed" in err


def test_resume_does_no_work_for_converted_inputs(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "2"]) == 1
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.akn.xml")}
    assert len(before) == len(GOOD)
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "2", "--resume"]) == 1
    docs, summary = read_report(out / "report.jsonl")
    for name in GOOD:
        assert docs[name]["status"] == "skipped", docs[name]
        assert docs[name]["symbol"] == GOOD[name][1] and docs[name]["outputs"]["xml"]
        assert docs[name]["pid"] is None  # no worker touched it
    for name in BROKEN:
        assert docs[name]["status"] == "failed"  # failures are tried again
    assert summary["skipped"] == len(GOOD) and summary["ok"] == 0
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.akn.xml")}
    assert after == before

    # a changed input, a deleted output and a new format are converted again
    changed = inputs / "S_2023_970.en.pdftotext.txt"
    changed.write_bytes(changed.read_bytes() + b"\n")
    (out / "A_RES_73_8.en.pdftotext.akn.xml").unlink()
    assert main(["batch", *[str(inputs / n) for n in GOOD], "-o", str(out), "--resume"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    assert {n: d["status"] for n, d in docs.items()} == {
        "A-C.3-74-L.18.zh.txt": "skipped",
        "S_2024_302.en.pdftotext-layout.txt": "skipped",
        "S_2023_970.en.pdftotext.txt": "ok",
        "A_RES_73_8.en.pdftotext.txt": "ok",
    }
    assert (
        main(
            [
                "batch",
                str(inputs / "S_2023_970.en.pdftotext.txt"),
                "-o",
                str(out),
                "--resume",
                "--to",
                "xml,model",
            ]
        )
        == 0
    )
    docs, _ = read_report(out / "report.jsonl")
    assert docs["S_2023_970.en.pdftotext.txt"]["status"] == "ok"
    assert (out / "S_2023_970.en.pdftotext.model.json").exists()


def test_a_new_converter_converts_again(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["batch", str(SAMPLE), "-o", str(out)]) == 0
    monkeypatch.setattr(manifests, "fingerprint", lambda formats=("xml",): "another+version")
    assert main(["batch", str(SAMPLE), "-o", str(out), "--resume"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    assert docs[SAMPLE.name]["status"] == "ok"


def test_unsafe_and_colliding_names_stay_in_dir_and_never_overwrite(tmp_path):
    en = (CORPUS / "S_2023_970.en.pdftotext.txt").read_bytes()
    other = (CORPUS / "S_2024_835.en.pdftotext.txt").read_bytes()
    folder = tmp_path / "in"
    for rel, data in {
        "a/x.txt": en,
        "b/x.txt": other,
        "c/X.txt": en,
        "d/..txt": en,
        "e/.hidden.txt": other,
        "f/a b;rm -rf.txt": en,
        "g/" + "長" * 80 + ".txt": en,
    }.items():  # 244 bytes
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    out = tmp_path / "deep" / "out"
    unsafe = str(folder / "a" / ".." / "b" / ".." / "a" / "x.txt")  # the same file as a/x.txt
    assert main(["batch", str(folder), unsafe, "-o", str(out), "--jobs", "3"]) == 0
    docs, summary = read_report(
        out / "report.jsonl", key=lambda p: Path(p).relative_to(folder).as_posix()
    )
    assert summary["inputs"] == 7  # a/x.txt once
    outputs = [Path(d["outputs"]["xml"]) for d in docs.values()]
    assert len(set(outputs)) == 7
    for path in outputs:
        assert path.parent == out and not path.name.startswith(".")
        assert len(path.name.encode()) < 255
    names = {rel: Path(d["outputs"]["xml"]).name for rel, d in docs.items()}
    assert names["a/x.txt"].startswith("x~") and names["b/x.txt"].startswith("x~")
    assert names["c/X.txt"].startswith("X~")  # x and X are one file on some file systems
    assert names["f/a b;rm -rf.txt"] == "a_b_rm_-rf.akn.xml"
    assert not [p for p in tmp_path.rglob("*.akn.xml") if p.parent != out]
    a_bytes = (out / names["a/x.txt"]).read_bytes()

    # a later run with only b/x.txt keeps its name; a new x.txt never takes a name in use
    assert main(["batch", str(folder / "b" / "x.txt"), "-o", str(out)]) == 0
    docs, _ = read_report(out / "report.jsonl")
    assert Path(docs["x.txt"]["outputs"]["xml"]).name == names["b/x.txt"]
    (folder / "h").mkdir()
    (folder / "h" / "x.txt").write_bytes(other)
    assert main(["batch", str(folder / "h" / "x.txt"), "-o", str(out)]) == 0
    docs, _ = read_report(out / "report.jsonl")
    new = Path(docs["x.txt"]["outputs"]["xml"]).name
    assert new not in names.values()  # "x" itself was free: a and b both have a suffix
    assert (out / names["a/x.txt"]).read_bytes() == a_bytes


def test_plain_name_is_kept_and_protected_across_runs(tmp_path):
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "a" / "x.txt").write_bytes((CORPUS / "S_2023_970.en.pdftotext.txt").read_bytes())
    (folder / "b" / "x.txt").write_bytes((CORPUS / "S_2024_835.en.pdftotext.txt").read_bytes())
    out = tmp_path / "out"
    assert main(["batch", str(folder / "a" / "x.txt"), "-o", str(out)]) == 0
    first = (out / "x.akn.xml").read_bytes()
    assert b"S/2023/970" in first
    assert main(["batch", str(folder / "b" / "x.txt"), "-o", str(out)]) == 0
    assert (out / "x.akn.xml").read_bytes() == first  # not overwritten by another input
    docs, _ = read_report(out / "report.jsonl")
    assert Path(docs["x.txt"]["outputs"]["xml"]).name.startswith("x~")


def test_a_hung_or_crashing_worker_fails_only_its_input(tmp_path, monkeypatch):
    real = job.convert

    def sabotaged(data, *args, **kwargs):
        name = Path(kwargs.get("name", "")).name
        if name.startswith("hang"):
            time.sleep(600)
        if name.startswith("crash"):
            import faulthandler

            faulthandler.disable()  # pytest's: no C-level traceback dump in the test output
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("bug"):
            raise RuntimeError("a bug in the converter")
        return real(data, *args, **kwargs)

    monkeypatch.setattr(job, "convert", sabotaged)  # inherited by forked workers
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("hang.txt", "crash.txt", "bug.txt", "good1.txt", "good2.txt", "good3.txt"):
        (folder / name).write_bytes((CORPUS / "S_2023_970.en.pdftotext.txt").read_bytes())
    out = tmp_path / "out"
    started = time.monotonic()
    assert main(["batch", str(folder), "-o", str(out), "--jobs", "2", "--timeout", "3"]) == 1
    assert time.monotonic() - started < 30
    docs, summary = read_report(out / "report.jsonl")
    codes = {n: [d["code"] for d in doc["diagnostics"]] for n, doc in docs.items()}
    assert codes["hang.txt"] == ["batch.timeout"]
    assert codes["crash.txt"] == ["batch.crashed"]
    assert "SIGSEGV" in docs["crash.txt"]["diagnostics"][0]["message"]
    assert codes["bug.txt"] == ["internal.error"]
    assert "RuntimeError: a bug in the converter" in docs["bug.txt"]["diagnostics"][0]["message"]
    assert all(docs[f"good{k}.txt"]["status"] == "ok" for k in (1, 2, 3))
    assert summary["workers_replaced"] == 2
    assert not parts(tmp_path)


def test_a_worker_that_cannot_start_stops_the_run(tmp_path, monkeypatch, capsys):
    def broken(formats):
        raise OSError("schema missing")

    monkeypatch.setattr(batch_worker, "warm", broken)
    out = tmp_path / "out"
    assert main(["batch", str(SAMPLE), "-o", str(out)]) == 1
    _, summary = read_report(out / "report.jsonl")
    assert "schema missing" in summary["error"] and summary["not_done"] == 1
    assert "a worker could not start: OSError: schema missing" in capsys.readouterr().err


def test_strict_turns_warnings_into_failures(tmp_path):
    out = tmp_path / "out"
    assert main(["batch", str(SAMPLE), "-o", str(out), "--strict"]) == 1  # date_derived
    docs, summary = read_report(out / "report.jsonl")
    assert docs[SAMPLE.name]["status"] == "failed" and not list(out.glob("*.xml"))
    assert summary["failures_by_code"] == {"metadata.date_derived": 1}


def test_inputs_over_the_limit_and_unreadable(tmp_path, monkeypatch):
    from converter import readers as read

    monkeypatch.setattr(read, "MAX_INPUT_BYTES", 10_000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "small.txt").write_bytes((CORPUS / "S_2023_970.en.pdftotext.txt").read_bytes())
    locked = folder / "locked.txt"
    locked.write_bytes(b"x")
    locked.chmod(0)
    out = tmp_path / "out"
    try:
        status = main(["batch", str(folder), "-o", str(out), "--report", str(tmp_path / "r.jsonl")])
    finally:
        locked.chmod(0o644)
    assert status == 1
    docs, _ = read_report(tmp_path / "r.jsonl")
    assert docs["big.txt"]["diagnostics"][0]["code"] == "input.too_large"
    assert docs["big.txt"]["sha256"] is None
    if os.geteuid() != 0:  # root reads anything
        assert docs["locked.txt"]["diagnostics"][0]["code"] == "input.unreadable"
    assert docs["small.txt"]["status"] == "ok"
    assert not (out / "report.jsonl").exists()


@pytest.mark.parametrize(
    "argv,message",
    [
        (["batch", "missing.txt", "-o", "{out}"], "no such file or folder"),
        (["batch", "{sample}", "-o", "{sample}"], "is not a folder"),
        (["batch", "{sample}", "-o", "{out}", "--jobs", "0"], "positive whole number"),
        (["batch", "{sample}", "-o", "{out}", "--timeout", "-1"], "positive number of seconds"),
        (["batch", "{sample}", "-o", "{out}", "--to", "docx"], "unknown format"),
        (["batch", "{sample}"], "required: -o"),
    ],
)
def test_usage_errors(tmp_path, capsys, argv, message):
    argv = [a.format(out=tmp_path / "out", sample=SAMPLE) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "report.jsonl").exists()


def test_one_run_at_a_time_per_folder(tmp_path, capsys):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / batch.LOCK, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["batch", str(SAMPLE), "-o", str(out)]) == 2
    assert "another batch run is writing" in capsys.readouterr().err
    assert main(["batch", str(SAMPLE), "-o", str(out)]) == 0


def test_glob_patterns_and_nothing_to_do(tmp_path, capsys):
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert (
        main(["batch", str(inputs / "S_*.txt"), str(inputs / "**" / "renum*.txt"), "-o", str(out)])
        == 1
    )
    docs, _ = read_report(out / "report.jsonl")
    assert set(docs) == {
        "S_2024_302.en.pdftotext-layout.txt",
        "S_2023_970.en.pdftotext.txt",
        "renumbered.txt",
    }
    assert main(["batch", str(inputs / "*.nothing"), "-o", str(out)]) == 0
    assert "matches no file" in capsys.readouterr().err
    _, summary = read_report(out / "report.jsonl")
    assert summary["inputs"] == 0


def test_progress_bar_on_a_terminal_and_log_lines_otherwise():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    tty = Terminal()
    bar = batch.Progress(3, "auto", tty)
    for status in ("ok", "failed", "skipped"):
        bar.update(status)
    bar.message("x.txt: error: input.empty: input is empty")
    bar.finish()
    shown = tty.getvalue()
    assert bar.mode == "bar" and "\r\x1b[K[" in shown
    assert "3/3 done, 1 failed, 1 up to date" in shown
    assert "docs/s" in shown and "\nx.txt: error" in shown.replace("\r\x1b[K", "\n")

    log = io.StringIO()
    plain = batch.Progress(2, "auto", log)
    plain.update("ok")
    plain.update("ok")
    assert plain.mode == "log" and "\r" not in log.getvalue() and "\x1b" not in log.getvalue()
    assert log.getvalue().splitlines()[-1].startswith("un2akn batch: 2/2 done, 0 failed")


def test_html_and_pdf_outputs(tmp_path):
    pytest.importorskip("typst")  # the pdf writer
    out = tmp_path / "out"
    small = CORPUS / "S_2023_970.en.pdftotext.txt"
    assert main(["batch", str(small), "-o", str(out), "--to", "xml,html,pdf"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    outputs = docs[small.name]["outputs"]
    assert set(outputs) == {"xml", "html", "pdf"}
    assert Path(outputs["pdf"]).read_bytes().startswith(b"%PDF")
    assert "<html" in Path(outputs["html"]).read_text(encoding="utf-8")


def test_pdf_workers_are_recycled_after_a_number_of_documents(tmp_path, monkeypatch):
    pytest.importorskip("typst")  # the pdf writer keeps caches: its workers are recycled
    from converter.app.batch import pool

    monkeypatch.setattr(pool, "RECYCLE_AFTER", 2)
    inputs = tmp_path / "in"
    inputs.mkdir()
    small = CORPUS / "S_2023_970.en.pdftotext.txt"
    for i in range(5):
        (inputs / f"{i}-{small.name}").write_bytes(small.read_bytes())
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--to", "xml,pdf", "--jobs", "1"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    pids = [d["pid"] for _, d in sorted(docs.items())]
    assert len(pids) == 5 and len(set(pids)) == 3  # 2 + 2 + 1
    assert pool.Pool(1, ("xml", "html"), 10).recycle_after == 0  # flat workers are kept


# -- interrupted runs (the CLI in a subprocess) -------------------------------------------


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "converter", "batch", *args]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.akn.xml")}


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """60 copies of the sample and a corpus text, and their uninterrupted conversion: enough
    work that a run is still going when the test stops it, even on a loaded machine."""
    folder = tmp_path_factory.mktemp("copies")
    for k in range(56):
        (folder / f"sample-{k:02d}.txt").write_bytes(SAMPLE.read_bytes())
    for k in range(4):
        (folder / f"en-{k}.txt").write_bytes((CORPUS / "A_RES_73_7.en.pdftotext.txt").read_bytes())
    whole = tmp_path_factory.mktemp("whole")
    done = subprocess.run(
        _cli(str(folder), "-o", str(whole), "--jobs", "2"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return folder, _outputs(whole)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc/PID/maps")
def test_ctrl_c_while_the_command_imports(tmp_path, copies):
    """Ctrl-C the moment lxml's library is loaded (the command's modules import, much of it
    C code where CPython could lose the KeyboardInterrupt or count it unhandled): the command
    ends with one line and exit status 130, every time (runs killed by SIGINT, exit status
    -2, or running on to the end, before the imports were done with Ctrl-C held)."""
    folder, _ = copies
    for k in range(6):
        run = subprocess.Popen(
            _cli(str(folder), "-o", str(tmp_path / f"out{k}"), "--jobs", "2"),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a terminal's Ctrl-C reaches the group
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        maps = Path(f"/proc/{run.pid}/maps")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and run.poll() is None:
            try:
                if "lxml" in maps.read_text():
                    break
            except OSError:
                pass
            time.sleep(0.001)
        os.killpg(run.pid, signal.SIGINT)
        _, err = run.communicate(timeout=60)
        assert run.returncode == 130, err
        assert "interrupted" in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "how", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT], ids=["SIGTERM", "SIGKILL", "SIGINT"]
)
def test_interrupted_run_resumes_to_the_same_outputs(tmp_path, copies, how):
    folder, expected = copies
    out = tmp_path / "out"
    # SIGINT as at a terminal: a test runner started in the background (or by a CI harness)
    # may itself ignore SIGINT, and a child would inherit that
    run = subprocess.Popen(
        _cli(str(folder), "-o", str(out), "--jobs", "2"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    report = out / "report.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (report.exists() and b"\n" in report.read_bytes()):
        time.sleep(0.01)  # the first input is done (outputs, manifest, report line)
    run.send_signal(how)
    _, err = run.communicate(timeout=30)
    done = _outputs(out)
    assert 0 < len(done) < len(expected), "the run was not interrupted midway"
    assert all(expected[name] == data for name, data in done.items())  # whole files only
    if how == signal.SIGKILL:
        assert run.returncode == -signal.SIGKILL
    else:
        assert run.returncode == (143 if how == signal.SIGTERM else 130), err
        assert "interrupted by" in err and not parts(out)
        docs_and_summary = (out / "report.jsonl").read_text(encoding="utf-8").splitlines()
        assert json.loads(docs_and_summary[-1])["interrupted"] in ("SIGTERM", "SIGINT")
    for line in (out / "report.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)  # no torn line
    time.sleep(0.2)  # workers of a killed run end with it (parent-death signal)

    resumed = subprocess.run(
        _cli(str(folder), "-o", str(out), "--jobs", "2", "--resume"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    docs, summary = read_report(out / "report.jsonl")
    assert summary["skipped"] >= 1 and summary["skipped"] + summary["ok"] == len(expected)
    assert _outputs(out) == expected
    assert not parts(out)


def test_a_torn_or_hostile_manifest_is_not_trusted(tmp_path):
    out = tmp_path / "out"
    assert main(["batch", str(SAMPLE), "-o", str(out)]) == 0
    manifest = out / batch.MANIFEST
    entry = json.loads(manifest.read_text(encoding="utf-8").splitlines()[-1])
    hostile = dict(
        entry, stem="../../escaped", outputs={"xml": {"name": "../../escaped.akn.xml", "size": 1}}
    )
    with open(manifest, "a", encoding="utf-8") as f:
        f.write(json.dumps(hostile) + "\n")
        f.write(json.dumps(entry)[:40])  # a line torn by a power cut
    assert main(["batch", str(SAMPLE), "-o", str(out), "--resume"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    assert docs[SAMPLE.name]["status"] == "skipped"  # the torn and hostile lines are ignored
    assert Path(docs[SAMPLE.name]["outputs"]["xml"]).parent == out
    assert not list(tmp_path.rglob("escaped*"))
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert all(json.loads(l)["stem"] == entry["stem"] for l in lines)  # compacted


def test_workers_warm_up_once_and_serve_many_inputs(tmp_path, monkeypatch):
    log = tmp_path / "warm.log"
    real = batch_worker.warm

    def counted(formats):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        real(formats)
        from converter.akn import schema as validate

        assert validate.lxml_schema.cache_info().currsize == 1  # compiled here, kept

    monkeypatch.setattr(batch_worker, "warm", counted)
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(6):
        (folder / f"doc{k}.txt").write_bytes((CORPUS / "S_2023_970.en.pdftotext.txt").read_bytes())
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--jobs", "2"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    warmed = log.read_text().split()
    assert len(warmed) == len(set(warmed)) <= 2  # once per worker, not per file
    assert {str(d["pid"]) for d in docs.values()} <= set(warmed)


def test_resolution_dates_date_the_citations_of_every_input(tmp_path):
    """`batch --resolution-dates FILE` hands the dates to every worker (as `convert` does);
    the manifest compares the dates' digest, so other dates convert again on --resume."""
    from lxml import etree

    from converter.akn.ns import AKN_NS

    fixture = (ROOT / "tests" / "fixtures" / "types" / "hrc.en.txt").read_text(encoding="utf-8")
    text = fixture.replace(
        "Recalling its resolution 73/185 of 17 December 2018,",
        "Recalling General Assembly resolutions 73/185 and 74/177,",
    )
    assert text != fixture
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("one.txt", "two.txt"):
        (inputs / name).write_text(text, encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("A/RES/73/185,2018-12-17\nA/RES/74/177,2019\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["batch", str(inputs), "-o", str(out), "--jobs", "2"]

    def hrefs(name: str) -> list[str]:
        xml = (out / f"{name}.akn.xml").read_bytes()
        assert_valid(xml)
        return [r.get("href") for r in etree.fromstring(xml).iter(f"{{{AKN_NS}}}ref")]

    assert main([*argv, "--resolution-dates", str(dates)]) == 0
    for name in ("one", "two"):
        assert hrefs(name) == [
            "/akn/un/statement/deliberation/un-ga/2018-12-17/A-RES-73-185",
            "/akn/un/statement/deliberation/un-ga/2019/A-RES-74-177",
        ]
    assert main([*argv, "--resume", "--resolution-dates", str(dates)]) == 0
    docs, _ = read_report(out / "report.jsonl")
    assert {d["status"] for d in docs.values()} == {"skipped"}
    # without the dates the inputs are converted again, and their citations undated
    assert main([*argv, "--resume"]) == 0
    docs, _ = read_report(out / "report.jsonl")
    assert {d["status"] for d in docs.values()} == {"ok"}
    assert hrefs("one")[0] == "/akn/un/statement/deliberation/un-ga/0000/A-RES-73-185"


def test_an_interrupt_while_a_line_is_written_is_counted_with_it(tmp_path):
    """Ctrl-C that arrives while an input's report line is written (held off until the line
    is whole) still finds the input counted: the summary's ``ok`` equals the report's lines.
    Before, the held signal arrived between the line and the count."""
    from converter.app.batch.progress import Progress
    from converter.app.batch.report import Run

    src = tmp_path / "a.txt"
    src.write_text("text\n")
    run = Run(
        inputs=[str(src)],
        keys=[str(src)],
        stems=["a"],
        out_dir=tmp_path,
        report=tmp_path / "report.jsonl",
        formats=["xml"],
        options={},
        jobs=1,
        timeout=0.0,
        resume=False,
        manifest=manifests.Manifest(tmp_path / "manifest.jsonl"),
        progress=Progress(1, mode="log", stream=io.StringIO()),
    )
    written = run.write_line

    def write_then_interrupt(obj: dict) -> None:
        written(obj)
        os.kill(os.getpid(), signal.SIGINT)  # held: it arrives when the input is recorded

    run.write_line = write_then_interrupt  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        run.record(0, job.Record(str(src), status="ok", outputs={}, sizes={}))
    lines = (tmp_path / "report.jsonl").read_text().splitlines()
    assert len(lines) == 1 and run.statuses["ok"] == 1 and run.converted == 1
