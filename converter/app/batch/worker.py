"""Batch worker: one process that converts the inputs it is sent, one at a time, and writes
their outputs (see `converter.batch`).

A worker loads the schema, the language tables and (when asked for) the renderers once, in
`warm`, then serves tasks from its pipe until it reads ``None`` or the pipe closes. Each task
is a `Task`; each answer a plain dict (the input's report record). Outputs are rendered in
memory first and written only when every format succeeded, each atomically
(`output.write_atomic`), so a failed or stopped input leaves no partial file.
"""
from __future__ import annotations

import os
import resource
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from converter.pipeline import convert


@dataclass(frozen=True)
class Task:
    """One input to convert (sent to a worker through its pipe)."""

    index: int  #: position in the run's input list
    path: str  #: the input's path as the operator gave it (used in diagnostics)
    data: bytes  #: the input's bytes, read (and hashed) by the parent
    stem: str  #: output name stem, already made safe and unique by the parent
    out_dir: str
    formats: tuple[str, ...]
    lang: str | None = None
    strict: bool = False
    allow_loss: bool = False


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies (best effort)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # pragma: no cover - no libc: the pipe's EOF still ends the worker
        pass


def _on_term(signum, frame):  # SIGTERM: unwind, so write_atomic removes its temporary file
    raise SystemExit(128 + signum)


def warm(formats: tuple[str, ...]) -> None:
    """Load once per process what every conversion needs: schema, language tables, renderers."""
    from converter.akn import schema as validate
    from converter.languages import all_languages
    validate.lxml_schema()
    all_languages()
    if "html" in formats or "pdf" in formats:
        import converter.writers as render  # noqa: F401 - the stylesheet is read at import
    if "pdf" in formats:
        from converter.writers.pdf import weasy as pdf
        pdf._font_config()


def memory() -> tuple[int, int]:
    """(current RSS, peak RSS) of this process in KiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # pragma: no cover - bytes there
        peak //= 1024
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        current = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):  # pragma: no cover - no /proc
        current = peak
    return current, max(peak, current)


def handle(task: Task) -> dict:
    """Convert one input and write its outputs; the report record (never raises)."""
    from converter.app.cli import _render
    from converter.diagnostics import Diagnostic, Severity
    from converter.model import to_json
    from converter.app.files import write_atomic

    started = time.perf_counter()
    record: dict = {"status": "failed", "language": None, "symbol": None, "counts": {},
                    "diagnostics": [], "outputs": {}}
    diagnostics: list[Diagnostic] = []
    try:
        result = convert(task.data, task.lang, name=task.path, allow_loss=task.allow_loss)
        diagnostics = list(result.diagnostics)
        record["language"] = result.language
        record["encoding"] = result.encoding
        if result.document is not None:
            record["symbol"] = result.document.facts.symbol
            record["counts"] = result.counts()
        ok = result.ok(task.strict)
        if not ok and result.xml is not None and result.worst < Severity.ERROR:
            diagnostics.append(Diagnostic("batch.strict", Severity.ERROR, "not written: "
                                          "warnings are failures with --strict", 0, task.path))
        if ok:
            out_dir = Path(task.out_dir)
            try:
                rendered = [_render(fmt, task.stem, out_dir, result, to_json)
                            for fmt in task.formats]
                for fmt, (path, data) in zip(task.formats, rendered):
                    write_atomic(path, data)
                    record["outputs"][fmt] = {"path": str(path), "size": len(data)}
            except Exception as exc:  # a renderer or the disk failing: this input fails
                ok = False
                diagnostics.append(Diagnostic("output.failed", Severity.ERROR,
                                              f"{type(exc).__name__}: {exc}", 0, task.path))
        record["status"] = "ok" if ok else "failed"
    except Exception as exc:  # a bug in the converter: recorded, the run goes on
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f" ({Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno})" if tb else ""
        diagnostics.append(Diagnostic("internal.error", Severity.ERROR, f"the converter failed: "
                                      f"{type(exc).__name__}: {exc}{where}", 0, task.path))
    record["diagnostics"] = [d.to_json() for d in diagnostics]
    record["seconds"] = round(time.perf_counter() - started, 4)
    record["rss_kb"], record["peak_rss_kb"] = memory()
    record["pid"] = os.getpid()
    return record


def main(conn, formats: tuple[str, ...], close: list) -> None:
    """The worker process: warm up, then answer tasks until told to stop."""
    for other in close:  # the parent's files inherited by fork: other workers' pipes, the lock
        try:
            os.close(other) if isinstance(other, int) else other.close()
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _on_term)
    try:  # the parent held these while it started this process
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, OSError):  # pragma: no cover - not POSIX
        pass
    _die_with_parent()
    try:
        warm(formats)
    except BaseException as exc:
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("done", task.index, handle(task)))
