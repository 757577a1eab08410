"""A batch run's state and its report: a JSON line per input (`converter.app.job.Record`,
as ``convert --json`` prints it) and the manifest entry, then a summary line and a short
summary on standard error."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.app.batch import manifest as manifests
from converter.app.batch.progress import Progress
from converter.app.files import append_line, signals_held
from converter.app.job import Record, format_diagnostic
from converter.diagnostics import Diagnostic, Severity

REPORT = "report.jsonl"


@dataclass
class Run:
    """One batch run: its settings and what it has done so far."""

    inputs: list[str]
    keys: list[str]
    stems: list[str]
    out_dir: Path
    report: Path
    formats: list[str]
    options: dict
    jobs: int
    timeout: float
    resume: bool
    manifest: manifests.Manifest | None
    progress: Progress
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    warned: int = 0
    converted: int = 0
    peak_rss_kb: int = 0
    replaced: int = 0
    #: --resolution-dates (``options`` holds their digest, which the manifest compares)
    dates: tuple[tuple[str, str], ...] = ()
    #: the output folder in an object store (`objstore`; ``out_dir`` is then its `Url`)
    store: Any = None

    def write_line(self, obj: dict) -> None:
        """A line of the report: appended to its file, or kept for the store's next flush."""
        if self.store is not None and self.store.report == self.report:
            self.store.report_line(obj)
        else:
            append_line(self.report, obj)

    def version(self) -> str:
        return manifests.fingerprint(tuple(self.formats))

    def record(self, index: int, record: Record) -> None:
        """Finish one input: manifest entry, report line, progress, errors on stderr."""
        record.stem = self.stems[index]
        assert self.manifest is not None  # opened before the first input is handed out
        # manifest entry, report line and the summary's counts go together: a signal held
        # here arrives as the block ends, and the summary then counts every line written
        with signals_held():
            if record.status != "skipped":
                self.manifest.append(self._entry(index, record))
            self.write_line(record.to_json())
            if self.store is not None:
                self.store.flush()
            self.statuses[record.status] += 1
            if record.status != "skipped":
                self.converted += 1
                self.peak_rss_kb = max(self.peak_rss_kb, record.peak_rss_kb or 0)
        self._show(record)

    def _entry(self, index: int, record: Record) -> dict:
        return {
            "source": self.keys[index],
            "path": record.input,
            "stem": record.stem,
            "sha256": record.sha256,
            "version": self.version(),
            "options": self.options,
            "status": record.status,
            "outputs": {
                fmt: {"name": Path(path).name, "size": record.sizes[fmt]}
                for fmt, path in record.outputs.items()
            },
            "record": {
                "language": record.language,
                "symbol": record.symbol,
                "counts": record.counts,
                "diagnostics": record.diagnostics,
                "encoding": record.encoding,
            },
        }

    def _show(self, record: Record) -> None:
        path, diagnostics = record.input, record.diagnostics
        if record.status == "failed":
            errors = [
                d
                for d in diagnostics
                if d.get("severity") == "error" and d.get("code") != "output.strict"
            ] or [d for d in diagnostics if d.get("severity") == "warning"]  # --strict
            for code in sorted({d.get("code", "?") for d in errors}) or ["unknown"]:
                self.failures[code] += 1
            shown = [format_diagnostic(d, path) for d in errors[:5]]
            if len(errors) > 5:
                shown.append(f"{path}: … and {len(errors) - 5} more (see the report)")
            self.progress.message("\n".join(shown) if shown else f"{path}: failed")
        elif any(d.get("severity") == "warning" for d in diagnostics):
            self.warned += 1
        self.progress.update(record.status)

    def failure(
        self, index: int, code: str, message: str, digest: str | None = None, seconds: float = 0.0
    ) -> None:
        diag = Diagnostic(code, Severity.ERROR, message, 0, self.inputs[index])
        self.record(
            index,
            Record(
                self.inputs[index],
                sha256=digest,
                seconds=round(seconds, 4),
                diagnostics=[diag.to_json()],
            ),
        )

    def skipped(self, index: int, entry: dict, digest: str) -> None:
        """Record input ``index`` as up to date, from its manifest ``entry``."""
        kept = entry.get("record") or {}
        names = {fmt: entry["outputs"][fmt]["name"] for fmt in self.formats}
        self.record(
            index,
            Record(
                self.inputs[index],
                sha256=digest,
                status="skipped",
                language=kept.get("language"),
                encoding=kept.get("encoding"),
                symbol=kept.get("symbol"),
                counts=kept.get("counts") or {},
                diagnostics=kept.get("diagnostics") or [],
                outputs={fmt: str(self.out_dir / name) for fmt, name in names.items()},
                sizes={fmt: entry["outputs"][fmt]["size"] for fmt in names},
            ),
        )


def summary(batch: Run, seconds: float, interrupted: str | None, fatal: str | None) -> dict:
    return {
        "type": "summary",
        "version": batch.version(),
        "inputs": len(batch.inputs),
        "ok": batch.statuses["ok"],
        "skipped": batch.statuses["skipped"],
        "failed": batch.statuses["failed"],
        "not_done": len(batch.inputs) - sum(batch.statuses.values()),
        "with_warnings": batch.warned,
        "failures_by_code": dict(sorted(batch.failures.items())),
        "seconds": round(seconds, 3),
        "docs_per_second": round(batch.converted / seconds, 3) if seconds > 0 else None,
        "jobs": batch.jobs,
        "formats": batch.formats,
        "timeout": batch.timeout,
        "workers_replaced": batch.replaced,
        "peak_worker_rss_kb": batch.peak_rss_kb,
        "interrupted": interrupted,
        "error": fatal,
        "output": str(batch.out_dir),
    }


def print_summary(batch: Run, summary: dict, stream) -> None:
    parts = [f"{summary['ok']} converted"]
    if summary["skipped"]:
        parts.append(f"{summary['skipped']} up to date")
    parts.append(f"{summary['failed']} failed")
    if summary["not_done"]:
        parts.append(f"{summary['not_done']} not done")
    rate = summary["docs_per_second"]
    lines = [
        f"un2akn batch: {summary['inputs']} inputs: {', '.join(parts)} in "
        f"{summary['seconds']:.1f} s" + (f" ({rate:.1f} docs/s, {batch.jobs} jobs)" if rate else "")
    ]
    if summary["with_warnings"]:
        lines.append(f"  {summary['with_warnings']} converted with warnings (see the report)")
    if summary["failures_by_code"]:
        lines.append(
            "  failures by code: "
            + ", ".join(f"{code} ×{n}" for code, n in summary["failures_by_code"].items())
        )
    if summary["interrupted"]:
        lines.append(
            f"  interrupted by {summary['interrupted']}: run again with --resume to finish"
        )
    if summary["error"]:
        lines.append(f"  stopped: {summary['error']}")
    lines.append(f"  report: {batch.report}")
    print("\n".join(lines), file=stream)
