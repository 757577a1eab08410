"""The schema check of a cold `un2akn convert` runs in a forked child
(`converter.akn.validator`): the same verdict, messages and lines as in-process validation,
and in-process validation again when the child cannot answer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from lxml import etree

from converter import convert
from converter.akn import schema, validator
from tests.conftest import AKN, ROOT, SAMPLE, assert_valid

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def child():
    assert validator.start()
    yield
    validator.stop()


def _broken() -> etree._ElementTree:
    """The sample's AKN with three schema errors: a missing attribute, an unknown attribute,
    an element out of place."""
    tree = convert(SAMPLE).tree
    assert tree is not None
    root = tree.getroot()
    p = root.find(f".//{AKN}p")
    p.set("bogus", "1")
    p.append(etree.Element(f"{AKN}paragraph"))
    del root.find(f".//{AKN}FRBRthis").attrib["value"]
    return tree


def _local(tree: etree._ElementTree) -> list:
    validator.stop()
    return schema.schema_errors(tree)


def test_the_child_reports_what_the_process_would(child):
    tree = _broken()
    remote = schema.schema_errors(tree)
    assert validator._child is not None, "the child answered and is kept for the next input"
    local = _local(tree)
    assert len(local) == 3 and remote == local
    assert all(d.message.startswith("output line 0: ") for d in remote)


def test_a_valid_tree_is_valid_in_the_child(child):
    result = convert(SAMPLE)
    assert result.ok() and validator._child is not None
    assert schema.schema_errors(result.tree) == []
    assert_valid(result.xml)


def test_a_dead_child_means_validating_here(child):
    os.kill(validator._child.pid, signal.SIGKILL)
    tree = _broken()  # its conversion already fell back: the child is gone
    assert validator._child is None
    assert [d.code for d in schema.schema_errors(tree)] == ["xml.schema"] * 3


def _cold(*args: str) -> subprocess.CompletedProcess:
    """`python -m converter ARGS` in a process of its own (`converter.app.start`). The pipes
    of its output are inherited by the child that compiles the schema: were that child left
    running after the command, reading them would not end, and the time limit fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "converter", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cold_command_writes_the_same_xml(tmp_path):
    done = _cold("convert", str(SAMPLE), "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "A-C.3-74-L.18.zh.akn.xml").read_bytes()
    assert written == convert(SAMPLE, name=str(SAMPLE), recorded=SAMPLE.name).xml
    assert_valid(written)


def test_cold_command_ends_with_its_status_and_all_its_output(tmp_path):
    """`convert` ends without the interpreter's tear-down: the exit status, every JSON line
    and every message still arrive; one bad input among good ones makes the status 1."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    done = _cold("convert", str(SAMPLE), str(empty), "-o", str(out), "--to", "xml", "--json")
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["ok", "failed"]
    assert "input.empty" in done.stderr
    assert_valid((out / "A-C.3-74-L.18.zh.akn.xml").read_bytes())
    assert not (out / "empty.akn.xml").exists()
