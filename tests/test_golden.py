"""Every bundled document converts to exactly its golden model and XML.

After a deliberate change, regenerate with `.venv/bin/python scripts/update_golden.py` and
review `git diff tests/documents` before committing."""

from __future__ import annotations

import pytest

from tests.conftest import assert_valid
from tests.golden import GOLDEN_DIR, golden_inputs, render_golden


@pytest.mark.parametrize("name,path", golden_inputs(), ids=[n for n, _ in golden_inputs()])
def test_matches_golden(name, path):
    folder = GOLDEN_DIR / name
    assert folder.is_dir(), f"no golden files for {name}: run scripts/update_golden.py"
    model, xml = render_golden(path)
    assert_valid(xml)
    assert model == (folder / "model.json").read_text(encoding="utf-8"), "model differs"
    assert xml == (folder / "akn.xml").read_bytes(), "XML differs"
