"""The batch manifest keeps its entries in its file (`converter.app.batch.manifest`): what
``--resume`` reads back, and how little of it a run holds in memory."""

from __future__ import annotations

import json
import tracemalloc

from converter.app.batch.manifest import MANIFEST, Manifest


def entry(k: int, status: str = "ok", notes: int = 3) -> dict:
    stem = f"doc{k:05d}"
    return {
        "source": f"/in/{k:05d}.txt",
        "path": f"in/{k:05d}.txt",
        "stem": stem,
        "sha256": f"{k:064x}",
        "version": "0.1.0+abc",
        "options": {"strict": False},
        "status": status,
        "outputs": {"xml": {"name": f"{stem}.akn.xml", "size": 1000 + k}},
        "record": {
            "language": "en",
            "counts": {"preambular": k, "operative": 2 * k},
            "diagnostics": [
                {"code": "heading.unread", "severity": "warning", "line": i, "message": "m" * 90}
                for i in range(notes)
            ],
        },
    }


def test_entries_are_read_back_from_the_file(tmp_path):
    path = tmp_path / MANIFEST
    manifest = Manifest(path)
    for k in range(3):
        manifest.append(entry(k))
    manifest.append(entry(1, "failed"))  # the later entry of an input wins
    assert manifest.get("/in/00001.txt") == entry(1, "failed")
    again = Manifest(path)  # what the next run reads
    latest = {e["source"]: e for e in (entry(0), entry(1, "failed"), entry(2))}
    assert again.all() == manifest.all() == latest
    assert again.stems == {f"/in/{k:05d}.txt": f"doc{k:05d}" for k in range(3)}
    assert again.get("/in/nothing.txt") is None
    again.compact()  # the superseded line goes; the entries are read from their new places
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3
    assert again.get("/in/00001.txt") == entry(1, "failed")
    assert Manifest(path).all() == latest


def test_a_torn_or_changed_line_is_never_read_as_an_entry(tmp_path):
    path = tmp_path / MANIFEST
    path.write_text(json.dumps(entry(0)) + "\n" + '{"source": "/in/torn.txt", "st', "utf-8")
    manifest = Manifest(path)  # a run killed mid-write left the last line torn
    assert set(manifest.all()) == {"/in/00000.txt"} and manifest.lines == 2
    manifest.append(entry(5))
    assert manifest.get("/in/00005.txt") == entry(5)  # found where it was written
    assert Manifest(path).all() == {"/in/00000.txt": entry(0), "/in/00005.txt": entry(5)}
    manifest.compact()
    assert Manifest(path).all() == {"/in/00000.txt": entry(0), "/in/00005.txt": entry(5)}
    path.write_text(json.dumps(entry(7)) + "\n", "utf-8")  # the file replaced under the run
    assert manifest.get("/in/00000.txt") is None  # another input's line is not taken for it


def test_a_run_holds_little_of_the_manifest_in_memory(tmp_path):
    """An archive's manifest: the entries (with their diagnostics) stay in the file; what is
    held per input is where its line lies and its stem."""
    path = tmp_path / MANIFEST
    lines = [json.dumps(entry(k, notes=12)) + "\n" for k in range(2000)]
    path.write_text("".join(lines), "utf-8")
    per_line = path.stat().st_size / len(lines)
    tracemalloc.start()
    try:
        manifest = Manifest(path)
        held = tracemalloc.get_traced_memory()[0] / len(lines)
    finally:
        tracemalloc.stop()
    assert len(manifest) == 2000 and manifest.get("/in/01999.txt") == entry(1999, notes=12)
    assert per_line > 1500 and held < 400, (per_line, held)
