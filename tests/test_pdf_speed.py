"""The PDF reader's fast paths give what the plain ones give: the private PDFium copies
(`converter.readers.pdf.calls`) against pypdfium2's own bindings, `line_of` against the frozen
dataclass's constructor, and `_Build.refresh` against `Counter.most_common` (ties included)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("converter.readers.pdf")
from converter.readers.pdf import calls, read_pdf  # noqa: E402
from converter.readers.pdf.base import Run, _Build  # noqa: E402
from converter.readers.pdf.model import Line, line_of  # noqa: E402

FIX = Path(__file__).resolve().parent / "fixtures" / "pdf"


@pytest.mark.parametrize("name", ["A_80_L.1.pdf", "S_2024_557.en.pdf", "rtl_cjk.pdf"])
def test_private_calls_read_as_the_bindings_do(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert calls.FAST  # the pypdfium2 layout this project pins
    data = (FIX / name).read_bytes()
    fast = read_pdf(data)
    monkeypatch.setattr(calls, "FAST", False)
    slow = read_pdf(data)
    assert fast == slow
    assert sum(len(p.lines) for p in fast.pages) >= 3
    if name == "A_80_L.1.pdf":
        assert any(p.links for p in fast.pages)  # links and their spans compared too


def test_line_of_is_the_dataclass() -> None:
    fields = {
        "text": "Recalling its resolution 78/1,1",
        "x0": 72.0,
        "top": 100.5,
        "x1": 400.25,
        "bottom": 112.0,
        "size": 12.0,
        "role": "body",
        "superscripts": [(30, 31)],
        "italic": [(0, 9)],
        "bold": [],
        "baseline": 110.0,
        "font": "TimesNewRomanPSMT",
    }
    made, plain = line_of(dict(fields)), Line(**fields)
    assert made == plain and repr(made) == repr(plain)
    assert dataclasses.asdict(made) == dataclasses.asdict(plain)
    assert made.starts_italic
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        line_of({k: v for k, v in fields.items() if k != "role"})
    with pytest.raises(TypeError):  # field order matters: it is the __dict__ order
        line_of({"role": "body", **{k: v for k, v in fields.items() if k != "role"}})


def _run(text: str, size: float, baseline: float, x0: float) -> Run:
    return Run(text, x0, x0 + 5 * len(text), baseline - size, baseline + 2, baseline, size)


def test_refresh_matches_counter_on_ties() -> None:
    cases = [
        [_run("ab", 10, 100.04, 0), _run("cd", 12, 101.0, 20)],  # a size tie: the first wins
        [_run("x", 9.8, 100.0, 5), _run("y", 10.2, 100.3, 1), _run("zz", 10, 100.33, 9)],
        [_run("1", 6, 95, 30), _run("text", 10, 100, 0)],
        [_run("only", 11.3, 50.06, 3)],
    ]
    for runs in cases:
        b = _Build(list(runs))
        b.refresh()
        weights: Counter[float] = Counter()
        for r in runs:
            weights[round(r.size * 2) / 2] += max(1, len(r.text.strip()))
        size = weights.most_common(1)[0][0]
        main = [r for r in runs if abs(r.size - size) < 0.6] or runs
        base = Counter(round(r.baseline, 1) for r in main).most_common(1)[0][0]
        assert (b.size, b.baseline) == (size, base)
        assert (b.x0, b.x1) == (min(r.x0 for r in runs), max(r.x1 for r in runs))
