"""Hostile shapes (`scripts/hostile.py`): no input makes `convert` hang or grow quadratically.

Time is never asserted tightly here (machines are noisy): a reproduction that once took
minutes must now take seconds, and growth must be linear with a generous bound (4× the input
in less than 8× the time; a quadratic step takes 16×). `scripts/hostile.py` measures s/MB.
"""

from __future__ import annotations

import signal
import statistics
import sys
import time
from contextlib import contextmanager

import pytest

from converter import convert
from tests.conftest import CORPUS, ROOT, assert_valid

sys.path.insert(0, str(ROOT / "scripts"))
import hostile  # noqa: E402

BASE = (CORPUS / "A_RES_73_8.en.pdftotext.txt").read_text(encoding="utf-8").split("\n")


@contextmanager
def at_most(seconds: int):
    """Fail (instead of hanging the suite) if the block runs longer than ``seconds``."""

    def stop(signum, frame):
        raise AssertionError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _with_line(index: int, line: str, replace: bool = True) -> str:
    lines = list(BASE)
    lines[index : index + (1 if replace else 0)] = [line]
    return "\n".join(lines)


def test_a_run_of_digits_ending_a_paragraph_line_does_not_backtrack():
    # the end of operative paragraph 2 with a run of 40 digits and a full stop after it:
    # the trailing-marker regex once backtracked exponentially (30 digits: 34 s)
    text = _with_line(80, "navigation; " + "1" * 40 + ".")
    with at_most(20):
        result = convert(text, "en")
    assert result.xml is not None
    assert "1" * 40 in result.xml.decode()


def test_a_line_of_40000_spaces_is_quick():
    with at_most(20):
        result = convert(_with_line(80, " " * 40_000, replace=False), "en")
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert_valid(result.xml)


def _median_seconds(text: str, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        convert(text, "en")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.mark.parametrize("shape", sorted(hostile.SHAPES))
def test_time_grows_linearly(shape):
    """4× the hostile part takes less than 8× the time (quadratic would be 16×)."""
    convert("\n".join(BASE), "en")  # warm
    small = _median_seconds(hostile.document(shape, 0.05))
    large = _median_seconds(hostile.document(shape, 0.2))
    assert large < 8 * small, f"{shape}: {small:.3f} s → {large:.3f} s"
