"""The parsed-table cache (`converter.tables`): the same mapping as parsing the TOML, and a
table that changed is parsed again, never read from a stale cache."""

from __future__ import annotations

import tomllib
from pathlib import Path

from converter import tables


def test_cache_is_the_parsed_table(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[a]\nb = "c"\nd = [1, 2.5, true]\ne = 1979-05-27\n', encoding="utf-8")
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    assert tables.load(path, write=True) == parsed
    cache = tables._cache_path(path)
    assert cache.exists()
    assert tables.load(path, write=False) == parsed  # from the cache


def test_a_changed_table_is_parsed_again(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    assert tables.load(path, write=True) == {"x": 1}
    path.write_text("x = 2\n", encoding="utf-8")
    assert tables.load(path, write=False) == {"x": 2}
    assert tables.load(path, write=True) == {"x": 2}
    assert tables.load(path, write=False) == {"x": 2}


def test_a_broken_cache_is_ignored(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    tables.load(path, write=True)
    tables._cache_path(path).write_bytes(b"not a pickle")
    assert tables.load(path, write=False) == {"x": 1}


def test_every_package_table_loads_as_tomllib_parses_it():
    package = Path(tables.__file__).parent
    for path in package.rglob("*.toml"):
        assert tables.load(path, write=False) == tomllib.loads(path.read_text(encoding="utf-8"))
