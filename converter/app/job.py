"""One job: convert ONE input and write its outputs, for `un2akn convert` and batch workers.

    input → `converter.pipeline.convert` → every asked format rendered in memory
          → written as one transaction (`files.write_all`): all the new files, or none

A failed input (conversion, a writer raising, the disk refusing) leaves none of its new
files; outputs that an earlier run made for the same input are left as they were. The
answer is a `Record`, the same for ``convert --json`` and the batch report.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from converter.diagnostics import Diagnostic, Severity
from converter.pipeline import convert


@dataclass(frozen=True)
class Options:
    """How to convert: the command line's options."""

    lang: str | None = None
    date: str | None = None
    symbol: str | None = None
    strict: bool = False
    allow_loss: bool = False
    record_path: bool = False  #: write the input's path (not only its name) into the metadata
    ocr: bool = False  #: read scanned PDFs through Tesseract
    timeout: float | None = None  #: seconds for the conversion (`convert`'s ``timeout``)
    resolution_dates: tuple[tuple[str, str], ...] = ()  #: --resolution-dates


@dataclass
class Record:
    """What became of one input; `to_json` is its line in ``--json`` and in the report."""

    input: str  #: the input's path as the operator gave it
    stem: str = ""
    sha256: str | None = None
    status: str = "failed"  #: "ok", "failed" (or "skipped" by batch --resume)
    language: str | None = None
    encoding: str | None = None
    ocr: str | None = None  #: the text was recognised from page images, by what
    symbol: str | None = None
    counts: dict = field(default_factory=dict)
    diagnostics: list[dict] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)  #: format → path written
    sizes: dict[str, int] = field(default_factory=dict)  #: format → bytes written
    seconds: float = 0.0
    rss_kb: int | None = None
    peak_rss_kb: int | None = None
    pid: int | None = None
    dropped: list[dict] = field(default_factory=list)  #: the reader's ledger: {line, kind, text}
    #: format → the rendered bytes, when the caller writes them (`run`'s ``collect``)
    data: dict[str, bytes] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "type": "document",
            "input": self.input,
            "sha256": self.sha256,
            "language": self.language,
            "symbol": self.symbol,
            "status": self.status,
            "counts": self.counts,
            "diagnostics": self.diagnostics,
            "outputs": self.outputs,
            "seconds": self.seconds,
            "stem": self.stem,
            "encoding": self.encoding,
            "ocr": self.ocr,
            "rss_kb": self.rss_kb,
            "peak_rss_kb": self.peak_rss_kb,
            "pid": self.pid,
            "dropped": self.dropped,
        }


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


def _digest(source: Path | bytes) -> str | None:
    try:
        data = source if isinstance(source, bytes) else source.read_bytes()
    except OSError:
        return None  # `convert` says why it cannot read the input
    return hashlib.sha256(data).hexdigest()


def run(
    source: Path | bytes,
    name: str,
    stem: str,
    out_dir: Path,
    formats: list[str] | tuple,
    options: Options = Options(),
    collect: bool = False,
) -> Record:
    """Convert ``source`` (a path, or the input's bytes; ``name`` is its path for the
    diagnostics) and write ``out_dir/<stem><suffix>`` for every format; never raises for a
    bad input, a failing writer or a bug in the converter (recorded as a diagnostic).
    With ``collect``, nothing is written: the outputs' bytes are in ``record.data`` (all the
    formats or, if one fails, none), for the caller to write (a batch into an object store)."""
    started = time.perf_counter()
    record = Record(name, stem, _digest(source))
    diagnostics: list[Diagnostic] = []
    try:
        _convert_and_write(source, record, diagnostics, out_dir, formats, options, collect)
    except Exception as exc:  # a bug in the converter: recorded, the others go on
        diagnostics.append(
            _error(
                name,
                "internal.error",
                f"the converter failed: {type(exc).__name__}: {exc}{_where(exc)}",
            )
        )
        record.status, record.outputs, record.sizes, record.data = "failed", {}, {}, {}
    record.diagnostics = [d.to_json() for d in diagnostics]
    record.seconds = round(time.perf_counter() - started, 4)
    record.rss_kb, record.peak_rss_kb = memory()
    record.pid = os.getpid()
    return record


def _convert_and_write(
    source,
    record: Record,
    diagnostics: list[Diagnostic],
    out_dir: Path,
    formats,
    options: Options,
    collect: bool = False,
) -> None:
    from converter.writers import writer

    name = record.input
    result = convert(
        source,
        options.lang,
        date=options.date,
        symbol=options.symbol,
        name=name,
        allow_loss=options.allow_loss,
        recorded=name if options.record_path else Path(name).name,
        ocr=options.ocr,
        timeout=options.timeout,
        resolution_dates=dict(options.resolution_dates),
    )
    diagnostics.extend(result.diagnostics)
    if result.read is not None:
        record.dropped = [
            {"line": d.line, "kind": d.kind, "text": d.text} for d in result.read.dropped
        ]
    record.language, record.encoding = result.language, result.encoding
    record.ocr = result.read.ocr if result.read is not None else None
    if result.document is not None:
        record.symbol = result.document.facts.symbol
        record.counts = result.counts()
    if not result.ok(options.strict):
        if result.xml is not None and result.worst < Severity.ERROR:
            diagnostics.append(
                _error(name, "output.strict", "not written: warnings are failures with --strict")
            )
        return
    outputs: list[tuple[Path, bytes]] = []
    try:
        for fmt in formats:
            w = writer(fmt)
            outputs.append((out_dir / f"{record.stem}{w.suffix}", w.write(result)))
        from converter.app.files import write_all

        if not collect:
            write_all(outputs)
    except Exception as exc:  # a writer or the disk failing: this input fails, wholly
        diagnostics.append(_error(name, "output.failed", f"{type(exc).__name__}: {exc}"))
        return
    record.outputs = {fmt: str(path) for fmt, (path, _) in zip(formats, outputs)}
    record.sizes = {fmt: len(data) for fmt, (_, data) in zip(formats, outputs)}
    if collect:
        record.data = {fmt: data for fmt, (_, data) in zip(formats, outputs)}
    record.status = "ok"


def _error(name: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, 0, name)


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f" ({Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno})" if tb else ""


def format_diagnostic(d: dict, path: str) -> str:
    """A diagnostic of a record (JSON) as ``file:line: severity: code: message``."""
    try:
        return Diagnostic(
            d["code"],
            Severity[d["severity"].upper()],
            d["message"],
            d.get("line") or 0,
            d.get("file") or path,
        ).format()
    except (KeyError, AttributeError, TypeError):
        return f"{path}: {d}"
