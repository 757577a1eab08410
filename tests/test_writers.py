"""The writer registry and the one-input job (README "Command line", "Batch"): a new format is
one registered writer; a failing writer leaves no file of its input; CLI and batch records
have the same keys; the command line's help imports no conversion stage."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from converter import writers
from converter.app.batch import manifest as manifests
from converter.app.cli import main
from tests.conftest import ROOT, SAMPLE


@dataclass(frozen=True)
class Toy:
    """A writer made up for the tests: the AKN XML in upper case."""

    name: str = "toy"
    suffix: str = ".toy.txt"
    sources: tuple[str, ...] = ()
    warmed: list | None = None

    def warm(self) -> None:
        pass

    def write(self, result) -> bytes:
        return result.xml.upper()


@dataclass(frozen=True)
class Boom(Toy):
    name: str = "boom"
    suffix: str = ".boom"

    def write(self, result) -> bytes:
        raise RuntimeError("the boom writer always fails")


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(writers, "WRITERS", dict(writers.WRITERS))
    monkeypatch.setattr(manifests, "fingerprint", lambda formats=("xml",): "test+fingerprint")
    writers.register(Toy())
    writers.register(Boom())
    return writers.WRITERS


def test_a_registered_writer_is_a_format_of_the_cli(tmp_path, registry):
    assert isinstance(registry["toy"], writers.Writer)
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "--to", "xml,toy"]) == 0
    xml = (tmp_path / "A-C.3-74-L.18.zh.akn.xml").read_bytes()
    assert (tmp_path / "A-C.3-74-L.18.zh.toy.txt").read_bytes() == xml.upper()
    out = tmp_path / "batch"
    assert main(["batch", str(SAMPLE), "-o", str(out), "--to", "toy", "--jobs", "1"]) == 0
    assert (out / "A-C.3-74-L.18.zh.toy.txt").read_bytes() == xml.upper()


def test_a_failing_writer_leaves_no_file_and_the_same_record(tmp_path, registry, capsys):
    out = tmp_path / "out"
    assert main(["convert", str(SAMPLE), "-o", str(out), "--to", "xml"]) == 0
    old = out / "A-C.3-74-L.18.zh.akn.xml"
    before = (old.stat().st_mtime_ns, old.read_bytes())
    capsys.readouterr()
    assert main(["convert", str(SAMPLE), "-o", str(out), "--to", "xml,toy,boom", "--json"]) == 1
    cli = json.loads(capsys.readouterr().out)
    assert cli["status"] == "failed" and cli["outputs"] == {}
    assert "output.failed" in {d["code"] for d in cli["diagnostics"]}
    assert sorted(p.name for p in out.iterdir()) == [old.name]  # no toy, no temporary file
    assert (old.stat().st_mtime_ns, old.read_bytes()) == before  # the earlier run's output

    batch_out = tmp_path / "batch"
    assert main(["batch", str(SAMPLE), "-o", str(batch_out), "--to", "xml,toy,boom"]) == 1
    lines = [json.loads(l) for l in (batch_out / "report.jsonl").read_text().splitlines()]
    doc = lines[0]
    assert doc["status"] == "failed" and doc["outputs"] == {}
    assert not list(batch_out.glob("A-C*")) and not list(batch_out.glob(".*.part"))
    assert set(doc) == set(cli) and doc["input"] == cli["input"] == str(SAMPLE)


def test_unwritable_output_folder_or_report_is_a_usage_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert (
        main(
            [
                "batch",
                str(SAMPLE),
                "-o",
                str(tmp_path / "out"),
                "--report",
                str(blocker / "report.jsonl"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "cannot write the report" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1

    target = tmp_path / "elsewhere.jsonl"
    target.write_text("keep me")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert main(["batch", str(SAMPLE), "-o", str(tmp_path / "out"), "--report", str(link)]) == 2
    err = capsys.readouterr().err
    assert "symbolic link" in err and target.read_text() == "keep me"

    if sys.platform.startswith("linux"):
        unwritable = "/proc/self"  # a folder not even root can write into
    else:  # pragma: no cover
        pytest.skip("needs /proc")
    assert main(["batch", str(SAMPLE), "-o", unwritable]) == 2
    err = capsys.readouterr().err
    assert err.startswith("un2akn batch: error: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["--help"], ["batch", "--help"], ["convert", "--help"]])
def test_help_imports_no_conversion_stage(argv):
    """Help imports the command line, the writer registry's names and the size limit: no
    stage, not even the readers' package or the diagnostics (dataclasses and inspect)."""
    code = (
        f"import sys\nfrom converter.app.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('lxml', 'typst', 'pypdfium2', "
        "'converter.pipeline', 'converter.parse', 'converter.akn', 'converter.readers', "
        "'converter.source', 'converter.diagnostics', 'converter.model', "
        "'converter.writers.html', 'converter.writers.typst', 'converter.writers.fonts', "
        "'converter.writers.protocol'))]\n"
        "print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "usage: un2akn" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"
