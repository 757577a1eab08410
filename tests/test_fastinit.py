"""`fast_init` builds what the dataclass's own ``__init__`` builds."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from converter.fastinit import fast_init
from converter.source import SrcLine


def test_same_instance_as_the_dataclass_init() -> None:
    line = SrcLine(3, 1, "text", 4)
    assert (
        line == SrcLine(3, 1, "text", 4, False, ()) == SrcLine(no=3, page=1, text="text", indent=4)
    )
    assert hash(line) == hash(SrcLine(3, 1, "text", 4, after_break=False))
    assert dataclasses.replace(line, text="other").text == "other"
    assert pickle.loads(pickle.dumps(line)) == line
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        SrcLine(3, 1)  # type: ignore[call-arg]


def test_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        fast_init(WithFactory)


def test_refuses_keyword_only_fields() -> None:
    @dataclasses.dataclass(frozen=True)
    class KeywordOnly:
        a: int
        b: int = dataclasses.field(default=0, kw_only=True)

    with pytest.raises(TypeError):
        fast_init(KeywordOnly)
