"""Imported once by the process that a local cluster's workers are forked from (the
forkserver of `converter.app.batch.cluster`): the converter's code, the schema and the
language tables, loaded there once, so that each worker starts with them.

Nothing may be left running here that a fork cannot copy: the schema's compile, begun in a
thread by `converter.app.batch.preload_schema` (imported before Dask), is waited for; the
PDF writer's Typst is warmed in each worker, after the fork. A failure is silent here: each
worker warms again and says what went wrong.
"""

from __future__ import annotations

from converter.app.batch.preload_schema import COMPILING

COMPILING.join()  # (started first, see `preload_schema`): no thread left at a fork

try:
    from converter.app.batch import cluster as _cluster  # noqa: F401  (the task's code)
    from converter.app.batch.worker import warm

    warm(())
except Exception:  # pragma: no cover - the workers warm up themselves
    pass
