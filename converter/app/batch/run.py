"""Batch: many inputs → one output folder, converted in parallel worker processes, resumable,
with a JSON Lines report: `un2akn batch INPUT... -o DIR` (see `un2akn batch --help`).

    inputs (files, folders, globs) → names (safe, unique, stable) → skip what is up to date
    (manifest) → convert in a pool of workers (time limit each) → report line per input
    → summary line, and a short summary on standard error

Guarantees:
- Outputs are written under a temporary name and renamed into place (`output.write_atomic`);
  a run that is interrupted (Ctrl-C, SIGTERM, a killed worker or a killed run) leaves no
  partial output: the temporary files of a killed worker are removed at once, those of a
  killed run by the next run into the same folder.
- Report and manifest lines are appended whole (one write each, signals held off), so an
  interrupted run never leaves a corrupt line.
- Output names come from the input's file name made safe (`output.safe_stem`): nothing is
  written outside DIR. Inputs whose names collide get a suffix from a hash of their path
  (``name~1a2b3c4d``); the manifest keeps each input's name, so later runs never hand one
  input's name to another.
- ``--resume`` skips an input whose outputs exist and were made from the same bytes (SHA-256)
  by the same converter (version and a fingerprint of its code, schema and tables) with the
  same options.

Exit status: 0 every input converted (or up to date); 1 some inputs failed (the others are
written); 2 usage error; 130 / 143 interrupted by SIGINT / SIGTERM.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import shutil
import signal
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from converter import __version__
from converter.diagnostics import Diagnostic, Severity

MANIFEST = ".un2akn-manifest.jsonl"
LOCK = ".un2akn.lock"
REPORT = "report.jsonl"
SUFFIXES = {"xml": ".akn.xml", "model": ".model.json", "html": ".html", "pdf": ".pdf"}
MAX_STEM_BYTES = 100  #: longer names are cut and given a hash suffix (file names ≤ 255 bytes)
DEFAULT_TIMEOUT = 60.0


class UsageError(Exception):
    """A problem with the command line or the output folder (exit status 2)."""


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so the run stops as for Ctrl-C."""


# -- command line --------------------------------------------------------------------------

def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of seconds")
    return number


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _limit_mb() -> int:
    from converter.readers import MAX_INPUT_BYTES
    return MAX_INPUT_BYTES // (1024 * 1024)


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``batch`` subcommand to the parser's subcommands ``sub``."""
    from converter.app.cli import _formats, _lang

    b = sub.add_parser(
        "batch", help="convert many files in parallel, resumably, with a report",
        description="Convert every INPUT (a text file, a folder searched recursively for "
        "*.txt, or a glob pattern) into DIR, in parallel worker processes. Writes one JSON "
        "line per input and a summary line to the report (default DIR/report.jsonl); errors "
        "go to standard error as file:line: severity: code: message. An input larger than "
        f"{_limit_mb()} MB is refused (input.too_large).",
        epilog="Exit status: 0 all converted (or up to date); 1 some input failed (the others "
        "are written); 2 usage error; 130/143 interrupted.")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text file, folder (all *.txt below it) or glob pattern ('in/**/*.txt')")
    b.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    b.add_argument("--to", type=_formats, default=["xml"], metavar="FORMATS",
                   help="comma-separated: xml, model, html, pdf (as for convert); default xml")
    b.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                   help=f"worker processes (default: the number of CPUs, {default_jobs()} here)")
    b.add_argument("--resume", action="store_true",
                   help="skip inputs whose outputs exist for the same content and converter")
    b.add_argument("--report", metavar="FILE", help="JSON Lines report (default DIR/report.jsonl)")
    b.add_argument("--strict", action="store_true",
                   help="treat warnings as failures (nothing is written for such an input)")
    b.add_argument("--allow-loss", action="store_true",
                   help="write outputs that do not account for all source text (as warnings)")
    b.add_argument("--lang", type=_lang, help="language of every input (default: detected)")
    b.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit per input (default {DEFAULT_TIMEOUT:g}); a worker that takes "
                   "longer is stopped and the input reported as failed")
    b.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                   help="a progress bar (auto: when standard error is a terminal), plain log "
                   "lines (auto otherwise), or nothing")
    return b


# -- inputs --------------------------------------------------------------------------------

def expand_inputs(items: list[str], out_dir: Path | None = None) -> tuple[list[str], list[str]]:
    """(input files, warnings): folders searched recursively for *.txt, glob patterns expanded,
    duplicates (same resolved file) dropped, order kept. A missing path is a `UsageError`."""
    found: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    skip = out_dir.resolve() if out_dir is not None else None

    def add(path: Path) -> None:
        key = str(path.resolve())
        if key not in seen:
            seen.add(key)
            found.append(str(path))

    def add_folder(folder: Path) -> None:
        for path in sorted(folder.rglob("*.txt")):
            if path.is_file() and not (skip and path.resolve().is_relative_to(skip)):
                add(path)

    for item in items:
        path = Path(item)
        if path.is_dir():
            add_folder(path)
        elif path.is_file():
            add(path)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                warnings.append(f"{item}: matches no file")
            for match in matches:
                if Path(match).is_dir():
                    add_folder(Path(match))
                elif Path(match).is_file():
                    add(Path(match))
        elif path.exists():
            raise UsageError(f"{item}: not a regular file or folder")
        else:
            raise UsageError(f"{item}: no such file or folder")
    return found, warnings


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def fingerprint(rendering: bool = True) -> str:
    """The converter's version and a hash of what decides its output: code, tables, schema
    (and the renderers, when ``rendering``: HTML or PDF is asked for)."""
    from converter.akn.schema import SCHEMA_DIR
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[3]
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and "app" not in p.relative_to(package).parts and p.suffix not in (".pyc", ".pyo")
             and (rendering or "writers" not in p.relative_to(package).parts)]
    files += [p for p in SCHEMA_DIR.rglob("*") if p.is_file()]
    for path in sorted(files):
        h.update(str(path.relative_to(path.parent.parent)).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            pass
    return f"{__version__}+{h.hexdigest()[:12]}"


# -- the manifest: what each input's outputs are, and what they were made from ----------------

class Manifest:
    """DIR/.un2akn-manifest.jsonl: the latest entry per input (by resolved path).

    Lines are appended whole as inputs finish; a torn last line (a run killed mid-write, or
    power lost) is ignored. `compact` rewrites the file atomically with the latest entries.
    """

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict] = {}
        self.lines = 0
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        for line in text.splitlines():
            self.lines += 1  # torn or untrusted lines too: `compact` drops them
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and isinstance(entry.get("source"), str) and \
                    _valid_stem(entry.get("stem")):
                self.entries[entry["source"]] = entry

    def append(self, entry: dict) -> None:
        self.entries[entry["source"]] = entry
        _append_line(self.path, entry)
        self.lines += 1

    def compact(self) -> None:
        if self.lines <= len(self.entries):
            return
        from converter.app.files import write_atomic
        data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries.values())
        write_atomic(self.path, data.encode("utf-8"))
        self.lines = len(self.entries)

    def up_to_date(self, key: str, digest: str, options: dict, formats: list[str],
                   out_dir: Path) -> dict | None:
        """The entry of ``key`` if its outputs can be reused as they are, else None."""
        entry = self.entries.get(key)
        if not entry or entry.get("status") != "ok" or entry.get("sha256") != digest or \
                entry.get("version") != fingerprint(_rendering(formats)) or \
                entry.get("options") != options:
            return None
        outputs = entry.get("outputs") or {}
        for fmt in formats:
            out = outputs.get(fmt)
            if not isinstance(out, dict) or out.get("name") != entry["stem"] + SUFFIXES[fmt]:
                return None
            try:
                if (out_dir / out["name"]).stat().st_size != out.get("size"):
                    return None
            except OSError:
                return None
        return entry


def _rendering(formats) -> bool:
    return "html" in formats or "pdf" in formats


def _valid_stem(stem) -> bool:
    """A name that stays in DIR (the manifest is read from disk: trust nothing in it)."""
    return isinstance(stem, str) and bool(stem) and stem not in (".", "..") and \
        not stem.startswith(".") and "/" not in stem and "\\" not in stem and "\0" not in stem \
        and len(stem.encode("utf-8", "surrogatepass")) <= 200


@contextmanager
def _signals_held():
    """Hold off SIGINT and SIGTERM (so a line is written whole); they arrive afterwards."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX / not main
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _append_line(path: Path, obj: dict) -> None:
    """Append ``obj`` as one JSON line with one write (O_APPEND), flushed to the file."""
    data = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
    with _signals_held():
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


# -- names ---------------------------------------------------------------------------------

def plan_names(keys: list[str], names: list[str], manifest: Manifest) -> list[str]:
    """An output stem per input: kept from the manifest if the input had one; else the safe
    stem of its file name, with ``~hash`` of its path when that would collide (in this run,
    with a name the manifest gives another input, or case-insensitively)."""
    from converter.app.files import safe_stem

    owner: dict[str, str] = {}
    for source, entry in manifest.entries.items():
        owner.setdefault(entry["stem"].casefold(), source)
    stems: list[str | None] = [None] * len(keys)
    taken: set[str] = set()
    for i, key in enumerate(keys):
        entry = manifest.entries.get(key)
        if entry is not None and entry["stem"].casefold() not in taken:
            stems[i] = entry["stem"]
            taken.add(entry["stem"].casefold())
    bases: dict[int, tuple[str, bool]] = {}
    for i, name in enumerate(names):
        if stems[i] is None:
            stem = safe_stem(name)
            clipped = stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore")
            bases[i] = (clipped, clipped != stem)
    counts = Counter(base.casefold() for base, _ in bases.values())
    for i, (base, cut) in bases.items():
        key = keys[i]
        folded = base.casefold()
        if not cut and counts[folded] == 1 and folded not in taken and \
                owner.get(folded, key) == key:
            stem = base
        else:  # "~" never occurs in a safe stem, so a suffixed name cannot meet a plain one
            digest = sha256_of(key.encode("utf-8", "surrogatepass"))
            width = 8
            stem = f"{base}~{digest[:width]}"
            while stem.casefold() in taken or owner.get(stem.casefold(), key) != key:
                width += 4
                stem = f"{base}~{digest[:width]}"
        stems[i] = stem
        taken.add(stem.casefold())
    return [s for s in stems if s is not None]


def _remove_parts(out_dir: Path, stem: str | None = None) -> int:
    """Remove temporary files that `write_atomic` left (all, or those of ``stem``'s outputs)."""
    patterns = [".*.part"] if stem is None else \
        [f".{glob.escape(stem + suffix)}.*.part" for suffix in SUFFIXES.values()]
    removed = 0
    for pattern in patterns:
        for path in out_dir.glob(pattern):
            try:
                if path.is_file():
                    path.unlink()
                    removed += 1
            except OSError:
                pass
    return removed


# -- progress --------------------------------------------------------------------------------

class Progress:
    """A progress bar on a terminal, else a plain line now and then (CI, cron); on stderr."""

    def __init__(self, total: int, mode: str = "auto", stream=None):
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            isatty = getattr(self.stream, "isatty", None)
            mode = "bar" if isatty is not None and isatty() else "log"
        self.mode = mode
        self.total = total
        self.done = self.failed = self.skipped = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def rate(self) -> float:
        converted = self.done - self.skipped
        elapsed = time.monotonic() - self.start
        return converted / elapsed if elapsed > 0 and converted else 0.0

    def line(self) -> str:
        rate = self.rate()
        todo = self.total - self.done
        eta = f", ETA {int(todo / rate) // 60}:{int(todo / rate) % 60:02d}" if rate and todo else ""
        return (f"{self.done}/{self.total} done, {self.failed} failed"
                + (f", {self.skipped} up to date" if self.skipped else "")
                + f", {rate:.1f} docs/s{eta}")

    def update(self, status: str) -> None:
        self.done += 1
        self.failed += status == "failed"
        self.skipped += status == "skipped"
        now = time.monotonic()
        if self.mode == "bar" and (now - self.last >= 0.1 or self.done == self.total):
            width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 60))
            filled = int(width * self.done / self.total) if self.total else width
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {self.line()}")
            self.stream.flush()
            self.shown = True
            self.last = now
        elif self.mode == "log" and (now - self.last >= 5 or self.done == self.total):
            if self.done < self.total or self.total > 1:
                self.stream.write(f"un2akn batch: {self.line()}\n")
                self.stream.flush()
            self.last = now

    def message(self, text: str) -> None:
        """A line above the bar (or in the log)."""
        if self.mode == "none":
            return
        if self.shown:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        if self.shown:
            self.shown = False
            self.last = 0.0
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


# -- the run ---------------------------------------------------------------------------------

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
    manifest: Manifest | None
    progress: Progress
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    warned: int = 0
    converted: int = 0
    peak_rss_kb: int = 0
    replaced: int = 0

    def record(self, index: int, record: dict, digest: str | None) -> None:
        """Finish one input: manifest entry, report line, progress, errors on stderr."""
        path = self.inputs[index]
        status = record.get("status", "failed")
        outputs = record.get("outputs") or {}
        with _signals_held():  # manifest entry and report line go together
            self._write(index, record, digest, status, outputs)
        self.statuses[status] += 1
        if status != "skipped":
            self.converted += 1
            self.peak_rss_kb = max(self.peak_rss_kb, record.get("peak_rss_kb") or 0)
        self._show(path, status, record.get("diagnostics") or [])

    def _write(self, index: int, record: dict, digest: str | None, status: str,
               outputs: dict) -> None:
        path, stem = self.inputs[index], self.stems[index]
        if status != "skipped":
            self.manifest.append({
                "source": self.keys[index], "path": path, "stem": stem, "sha256": digest,
                "version": fingerprint(_rendering(self.formats)), "options": self.options,
                "status": status,
                "outputs": {fmt: {"name": Path(o["path"]).name, "size": o["size"]}
                            for fmt, o in outputs.items()},
                "record": {k: record.get(k) for k in ("language", "symbol", "counts",
                                                      "diagnostics", "encoding")}})
        line = {"type": "document", "path": path, "sha256": digest,
                "language": record.get("language"), "symbol": record.get("symbol"),
                "status": status, "counts": record.get("counts") or {},
                "diagnostics": record.get("diagnostics") or [],
                "outputs": {fmt: o["path"] for fmt, o in outputs.items()},
                "seconds": record.get("seconds", 0.0), "stem": stem}
        for extra in ("encoding", "rss_kb", "peak_rss_kb", "pid"):
            if record.get(extra) is not None:
                line[extra] = record[extra]
        _append_line(self.report, line)

    def _show(self, path: str, status: str, diagnostics: list[dict]) -> None:
        if status == "failed":
            errors = [d for d in diagnostics if d.get("severity") == "error"
                      and d.get("code") != "batch.strict"] or \
                [d for d in diagnostics if d.get("severity") == "warning"]  # --strict
            for code in sorted({d.get("code", "?") for d in errors}) or ["unknown"]:
                self.failures[code] += 1
            shown = [_format(d, path) for d in errors[:5]]
            if len(errors) > 5:
                shown.append(f"{path}: … and {len(errors) - 5} more (see the report)")
            self.progress.message("\n".join(shown) if shown else f"{path}: failed")
        elif any(d.get("severity") == "warning" for d in diagnostics):
            self.warned += 1
        self.progress.update(status)

    def failure(self, index: int, code: str, message: str, digest: str | None = None,
                seconds: float = 0.0) -> None:
        diag = Diagnostic(code, Severity.ERROR, message, 0, self.inputs[index])
        self.record(index, {"status": "failed", "diagnostics": [diag.to_json()],
                            "seconds": round(seconds, 4)}, digest)


def _format(d: dict, path: str) -> str:
    try:
        return Diagnostic(d["code"], Severity[d["severity"].upper()], d["message"],
                          d.get("line") or 0, d.get("file") or path).format()
    except (KeyError, AttributeError, TypeError):
        return f"{path}: {d}"


def _read(path: str) -> tuple[bytes | None, str, str]:
    """(bytes, "", "") or (None, code, message) when the input cannot be taken."""
    from converter.readers import MAX_INPUT_BYTES
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_INPUT_BYTES:
                return None, "input.too_large", (f"input is {size:,} bytes; the limit is "
                                                 f"{MAX_INPUT_BYTES:,} bytes (a resolution's "
                                                 "text is far smaller)")
            data = f.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        return None, "input.unreadable", f"cannot read: {exc.strerror or exc}"
    if len(data) > MAX_INPUT_BYTES:
        return None, "input.too_large", (f"input is larger than the limit of "
                                         f"{MAX_INPUT_BYTES:,} bytes")
    return data, "", ""


def _prepare(args, stream) -> Run:
    """Check the command line and the output folder; plan the run (UsageError if wrong)."""
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a folder")
    inputs, warnings = expand_inputs(args.inputs, out_dir)
    for warning in warnings:
        print(f"un2akn batch: warning: {warning}", file=stream)
    formats = list(dict.fromkeys(args.to))
    if "html" in formats or "pdf" in formats:
        try:
            import converter.writers as render  # noqa: F401
        except Exception as exc:
            asked = "/".join(f for f in formats if f in ("html", "pdf"))
            raise UsageError(f"cannot write {asked}: the renderer is not available "
                             f"({type(exc).__name__}: {exc})") from None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out_dir}: cannot create the folder: {exc.strerror or exc}") from None
    report = Path(args.report) if args.report else out_dir / REPORT
    if report.exists() and report.is_dir():
        raise UsageError(f"{report}: is a folder, not a report file")
    keys = [str(Path(p).resolve()) for p in inputs]
    options = {"lang": args.lang, "strict": bool(args.strict),
               "allow_loss": bool(getattr(args, "allow_loss", False))}
    jobs = args.jobs or default_jobs()
    return Run(inputs, keys, [], out_dir, report, formats, options, jobs, args.timeout,
               args.resume, None,
               Progress(len(inputs), getattr(args, "progress", "auto"), stream))


@contextmanager
def _locked(out_dir: Path):
    """Hold DIR/.un2akn.lock: one batch run at a time per output folder. Yields the lock's
    file descriptor (None without fcntl), which workers close: the lock dies with the run."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield None
        return
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"{out_dir}: another batch run is writing to this folder") from None
        yield fd
    finally:
        os.close(fd)


def run(args, stream=None) -> int:
    """`un2akn batch`: returns the exit status (see the module docstring)."""
    stream = stream if stream is not None else sys.stderr
    try:
        batch = _prepare(args, stream)
        with _locked(batch.out_dir) as lock:
            return _run_locked(batch, stream, lock)
    except UsageError as exc:
        print(f"un2akn batch: error: {exc}", file=stream)
        return 2


def _run_locked(batch: Run, stream, lock: int | None = None) -> int:
    from converter.app.batch.pool import Pool, PoolError
    from converter.app.batch.worker import Task

    _remove_parts(batch.out_dir)  # left by a run that was killed
    batch.manifest = Manifest(batch.out_dir / MANIFEST)
    batch.stems = plan_names(batch.keys, batch.inputs, batch.manifest)
    batch.report.parent.mkdir(parents=True, exist_ok=True)
    with _signals_held():
        os.close(os.open(batch.report, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666))

    started = time.monotonic()
    pool = Pool(batch.jobs, tuple(batch.formats), batch.timeout,
                private_fds=(lock,) if lock is not None else ())
    digests: dict[int, str] = {}
    interrupted: str | None = None
    fatal: str | None = None
    previous = signal.getsignal(signal.SIGTERM)

    def on_term(signum, frame):
        raise _Terminated()

    try:
        signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # pragma: no cover - not the main thread
        previous = None
    todo = iter(range(len(batch.inputs)))
    more = True
    ended: list = []  # outcomes not recorded yet

    def fill() -> None:
        nonlocal more
        while more and pool.free():
            index = next(todo, None)
            if index is None:
                more = False
                break
            task = _task(batch, index, digests, Task)
            if task is not None:
                pool.submit(task)

    def settle() -> None:
        while ended:
            outcome = ended.pop(0)
            index = outcome.task.index
            if outcome.record is not None:
                batch.record(index, outcome.record, digests.pop(index, None))
            else:
                _remove_parts(batch.out_dir, batch.stems[index])
                batch.failure(index, outcome.code, outcome.message, digests.pop(index, None),
                              outcome.seconds)

    try:
        while True:
            fill()
            if not more and pool.busy == 0:
                break
            ended.extend(pool.wait())
            fill()  # the freed workers get their next input first, then the ended are recorded
            settle()
    except KeyboardInterrupt:
        interrupted = "SIGINT"
    except _Terminated:
        interrupted = "SIGTERM"
    except PoolError as exc:
        fatal = str(exc)
    finally:
        with _signals_held():
            pool.close(kill=interrupted is not None or fatal is not None)
            _remove_parts(batch.out_dir)  # this run holds the folder: every .part is its own
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    settle()  # what ended before the interruption is recorded all the same
    batch.replaced = pool.replaced
    with _signals_held():
        if interrupted is None and fatal is None:
            batch.manifest.compact()
        summary = _summary(batch, time.monotonic() - started, interrupted, fatal)
        _append_line(batch.report, summary)
    batch.progress.finish()
    _print_summary(batch, summary, stream)
    if interrupted:
        return 130 if interrupted == "SIGINT" else 143
    if fatal:
        return 1
    return 1 if batch.statuses["failed"] else 0


def _task(batch: Run, index: int, digests: dict[int, str], Task):
    """The worker task for input ``index``, or None when it is settled here (up to date,
    unreadable or too large)."""
    path = batch.inputs[index]
    data, code, message = _read(path)
    if data is None:
        batch.failure(index, code, message)
        return None
    digest = sha256_of(data)
    if batch.resume:
        entry = batch.manifest.up_to_date(batch.keys[index], digest, batch.options,
                                          batch.formats, batch.out_dir)
        if entry is not None:
            kept = entry.get("record") or {}
            outputs = {fmt: {"path": str(batch.out_dir / entry["outputs"][fmt]["name"]),
                             "size": entry["outputs"][fmt]["size"]} for fmt in batch.formats}
            batch.record(index, {**kept, "status": "skipped", "outputs": outputs,
                                 "seconds": 0.0}, digest)
            return None
    digests[index] = digest
    return Task(index, path, data, batch.stems[index], str(batch.out_dir),
                tuple(batch.formats), batch.options["lang"], batch.options["strict"],
                batch.options["allow_loss"])


def _summary(batch: Run, seconds: float, interrupted: str | None, fatal: str | None) -> dict:
    return {"type": "summary", "version": fingerprint(_rendering(batch.formats)),
            "inputs": len(batch.inputs),
            "ok": batch.statuses["ok"], "skipped": batch.statuses["skipped"],
            "failed": batch.statuses["failed"],
            "not_done": len(batch.inputs) - sum(batch.statuses.values()),
            "with_warnings": batch.warned,
            "failures_by_code": dict(sorted(batch.failures.items())),
            "seconds": round(seconds, 3),
            "docs_per_second": round(batch.converted / seconds, 3) if seconds > 0 else None,
            "jobs": batch.jobs, "formats": batch.formats, "timeout": batch.timeout,
            "workers_replaced": batch.replaced, "peak_worker_rss_kb": batch.peak_rss_kb,
            "interrupted": interrupted, "error": fatal, "output": str(batch.out_dir)}


def _print_summary(batch: Run, summary: dict, stream) -> None:
    parts = [f"{summary['ok']} converted"]
    if summary["skipped"]:
        parts.append(f"{summary['skipped']} up to date")
    parts.append(f"{summary['failed']} failed")
    if summary["not_done"]:
        parts.append(f"{summary['not_done']} not done")
    rate = summary["docs_per_second"]
    lines = [f"un2akn batch: {summary['inputs']} inputs: {', '.join(parts)} in "
             f"{summary['seconds']:.1f} s" + (f" ({rate:.1f} docs/s, {batch.jobs} jobs)"
                                              if rate else "")]
    if summary["with_warnings"]:
        lines.append(f"  {summary['with_warnings']} converted with warnings (see the report)")
    if summary["failures_by_code"]:
        lines.append("  failures by code: " + ", ".join(
            f"{code} ×{n}" for code, n in summary["failures_by_code"].items()))
    if summary["interrupted"]:
        lines.append(f"  interrupted by {summary['interrupted']}: run again with --resume to "
                     "finish")
    if summary["error"]:
        lines.append(f"  stopped: {summary['error']}")
    lines.append(f"  report: {batch.report}")
    print("\n".join(lines), file=stream)
