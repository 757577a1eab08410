"""Imported once by the process that a local cluster's workers are forked from (the
forkserver of `converter.app.batch.cluster`): the converter's code, the schema and the
language tables, loaded there once, so that each worker starts with them.

Nothing here may start a thread or a runtime that a fork cannot copy (the PDF writer's
Typst is warmed in each worker, after the fork). A failure is silent here: each worker
warms again and says what went wrong.
"""

from __future__ import annotations

try:
    from converter.app.batch import cluster as _cluster  # noqa: F401  (the task's code)
    from converter.app.batch.worker import warm

    warm(())
except Exception:  # pragma: no cover - the workers warm up themselves
    pass
