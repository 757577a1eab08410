"""Outputs, report and manifest against a full disk, a read-only folder, symbolic links and
a report shared by two runs: one input is one transaction, and batch says what it cannot
write in one line (exit 2), never with a traceback."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from converter.app.cli import main
from converter.app.files import append_line
from tests.conftest import CORPUS, ROOT, SAMPLE, assert_valid


@pytest.fixture
def small_disk(tmp_path):
    """A 200 KiB tmpfs (skipped where it cannot be mounted)."""

    def mount(options: str = "size=200k") -> Path:
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(where)
        return where

    mounted: list[Path] = []
    yield mount
    for where in mounted:
        subprocess.run(["umount", str(where)], capture_output=True)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass  # full
    finally:
        os.close(fd)


def test_a_failing_write_leaves_no_new_file_and_the_old_outputs_as_they_were(small_disk):
    out = small_disk() / "out"
    assert main(["convert", str(SAMPLE), "-o", str(out), "--to", "xml"]) == 0  # 114 KB
    before = (out / "A-C.3-74-L.18.zh.akn.xml").read_bytes()
    assert_valid(before)
    # XML and HTML (245 KB) do not fit: the input fails and its old XML stays
    assert main(["convert", str(SAMPLE), "-o", str(out), "--to", "xml,html"]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["A-C.3-74-L.18.zh.akn.xml"]
    assert (out / "A-C.3-74-L.18.zh.akn.xml").read_bytes() == before
    # another input on the full disk: none of its files
    _fill(out.parent)
    other = CORPUS / "A_RES_73_8.en.pdftotext.txt"
    assert main(["convert", str(other), "-o", str(out), "--to", "xml,html"]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["A-C.3-74-L.18.zh.akn.xml"]


def test_batch_on_a_full_disk_says_so_in_one_line(small_disk, tmp_path, capsys):
    disk = small_disk()
    _fill(disk)
    for argv in (
        ["batch", str(SAMPLE), "-o", str(disk / "out")],
        ["batch", str(SAMPLE), "-o", str(tmp_path / "out"), "--report", str(disk / "r.jsonl")],
    ):
        assert main([*argv, "--progress", "none"]) == 2
        err = capsys.readouterr().err
        assert "No space left on device" in err and "Traceback" not in err
        assert len([l for l in err.splitlines() if "error" in l]) == 1


def test_batch_into_a_read_only_folder_or_report(small_disk, tmp_path, capsys):
    disk = small_disk("size=200k,ro")
    for argv in (
        ["batch", str(SAMPLE), "-o", str(disk / "out")],
        ["batch", str(SAMPLE), "-o", str(disk)],
        ["batch", str(SAMPLE), "-o", str(tmp_path / "out"), "--report", str(disk / "r.jsonl")],
    ):
        assert main([*argv, "--progress", "none"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "un2akn batch: error:" in err, err


def test_report_and_manifest_never_follow_a_symbolic_link(tmp_path, capsys):
    target = tmp_path / "precious"
    target.write_text("keep\n")
    (tmp_path / "link").symlink_to(target)
    argv = ["batch", str(SAMPLE), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "link")]
    assert main(argv) == 2
    assert "symbolic link" in capsys.readouterr().err
    out = tmp_path / "out2"
    out.mkdir()
    (out / ".un2akn-manifest.jsonl").symlink_to(target)
    assert main(["batch", str(SAMPLE), "-o", str(out)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert target.read_text() == "keep\n"


def test_a_report_line_waits_for_the_lock(tmp_path):
    report = tmp_path / "r.jsonl"
    report.write_text("")
    with open(report, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        writer = threading.Thread(target=append_line, args=(report, {"n": 1}))
        writer.start()
        time.sleep(0.3)
        assert writer.is_alive() and report.read_text() == ""  # waits while another writes
    writer.join(5)
    assert json.loads(report.read_text()) == {"n": 1}


def test_two_batches_sharing_a_report_never_tear_a_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"doc{n}.txt").write_bytes((CORPUS / "A_RES_73_8.en.pdftotext.txt").read_bytes())
    report = tmp_path / "shared.jsonl"
    report.write_text("")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "converter", "batch", str(folder), "-o", str(tmp_path / o)]
            + ["--report", str(report), "--jobs", "1", "--progress", "none"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        for o in ("a", "b")
    ]
    assert [r.wait(300) for r in runs] == [0, 0]
    lines = report.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # every line whole
    assert [r["type"] for r in records].count("summary") >= 1
    assert all(r["type"] in ("document", "summary") for r in records)


def test_append_line_ends_a_torn_last_line_first(tmp_path):
    """A run killed mid-write leaves a line without its end; the next line appended (to the
    report or the manifest) starts on a line of its own, and its place is returned."""
    path = tmp_path / "report.jsonl"
    path.write_bytes(b'{"n": 0}\n{"n": 1, "to')
    offset, length = append_line(path, {"n": 2})
    data = path.read_bytes()
    assert data.splitlines() == [b'{"n": 0}', b'{"n": 1, "to', b'{"n": 2}']
    assert data[offset : offset + length] == b'{"n": 2}\n'
    offset, length = append_line(path, {"n": 3})  # an ended file: nothing added before it
    assert path.read_bytes()[offset:] == b'{"n": 3}\n' and offset == len(data)
