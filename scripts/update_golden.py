"""Regenerate the golden files: tests/documents/<name>/{model.json,akn.xml} for the bundled
sample and every corpus fixture. Review the diff (git diff tests/documents) before committing.

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden import GOLDEN_DIR, golden_inputs, render_golden  # noqa: E402


def main() -> int:
    for name, path in golden_inputs():
        folder = GOLDEN_DIR / name
        folder.mkdir(parents=True, exist_ok=True)
        model, xml = render_golden(path)
        (folder / "model.json").write_text(model, encoding="utf-8")
        (folder / "akn.xml").write_bytes(xml)
        print(f"wrote {folder.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
