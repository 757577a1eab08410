"""Imported first by the process that a local cluster's workers are forked from (the
forkserver, `converter.app.batch.connect.start_forkserver`): it starts compiling the bundled
schema in a thread. lxml lets go of the GIL while libxml2 compiles (0.15-0.25 s of CPU), so
the compile runs on another core while the forkserver imports Dask; then
`converter.app.batch.preload`, imported last, waits for it to end, so that no thread runs
when the forkserver forks a worker. A failure is silent here: each worker warms again and
says what went wrong.
"""

from __future__ import annotations

import threading

from converter.akn import xsd


def _compile() -> None:
    try:
        xsd.lxml_schema()
    except Exception:  # pragma: no cover - the workers compile it themselves
        pass


COMPILING = threading.Thread(target=_compile, name="un2akn-schema")
COMPILING.start()
