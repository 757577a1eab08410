"""Dask worker preload for tests/test_cluster.py: faults on demand.

The file named by $UN2AKN_TEST_FAULTS (JSON, read at each task) says what to do:
``die_once``: input names whose first try kills the worker process (as a kill mid-input
would); ``die_always``: names that kill it at every try; ``sleep``: seconds each task waits
first (to stop a run midway); ``slow``: names that wait ``slow_sleep`` seconds (a hang).
A marker file per name in the same folder remembers a death.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path


def dask_setup(worker) -> None:
    from converter.app.batch import cluster

    real = cluster.convert_task

    def convert_task(task):
        faults = _faults()
        name = Path(task.path).name
        time.sleep(faults.get("sleep", 0.0))
        if name in faults.get("slow", ()):
            time.sleep(faults.get("slow_sleep", 30.0))
        if name in faults.get("die_always", ()):
            os._exit(9)
        if name in faults.get("die_once", ()) and _first(name):
            os._exit(9)
        return real(task)

    cluster.convert_task = convert_task


def _faults() -> dict:
    path = os.environ.get("UN2AKN_TEST_FAULTS")
    try:
        return json.loads(Path(path).read_text()) if path else {}
    except (OSError, ValueError):
        return {}


def _first(name: str) -> bool:
    marker = Path(os.environ["UN2AKN_TEST_FAULTS"]).parent / f"died-{name}"
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True
