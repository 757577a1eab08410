"""The command line of `un2akn batch` (its types shared with `convert`: `converter.app.options`)."""

from __future__ import annotations

import argparse
import os

from converter.app import options


class UsageError(Exception):
    """A problem with the command line or the output folder (exit status 2)."""


DEFAULT_RETRIES = 2


OUTPUT_HELP = (
    "output folder: a path, a file:// URL, or a folder in an object store (s3://bucket/out "
    "with s3fs, memory://…): there each output is written as one whole object once all of its "
    "input's formats are rendered, the report and manifest are rewritten whole every few "
    "seconds and at the end, and a lock object (DIR/.un2akn.lock) refuses a second run"
)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _retries(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number ≥ 0")
    return int(value)


def _limit_mb() -> int:
    from converter.limits import MAX_INPUT_BYTES  # (not the readers: `--help` quotes it)

    return MAX_INPUT_BYTES // (1024 * 1024)


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``batch`` subcommand to the parser's subcommands ``sub``."""
    b = sub.add_parser(
        "batch",
        help="convert many files in parallel, resumably, with a report",
        description="Convert every INPUT (a text or PDF file, a folder searched recursively "
        "for *.txt and *.pdf, or a glob pattern) into DIR, in parallel worker processes. "
        "Writes one JSON line per input and a summary line to the report (default "
        "DIR/report.jsonl); errors go to standard error as file:line: severity: code: "
        "message. An input larger than "
        f"{_limit_mb()} MB is refused (input.too_large).",
        epilog="Exit status: 0 all converted (or up to date); 1 some input failed (the others "
        "are written); 2 usage error; 130/143 interrupted.",
    )
    b.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text or PDF file, folder (all *.txt and *.pdf below it) or glob pattern "
        "('in/**/*.txt')",
    )
    b.add_argument("-o", "--output", required=True, metavar="DIR", help=OUTPUT_HELP)
    options.add_output_options(b)
    b.add_argument(
        "--jobs",
        "-j",
        type=options.positive_int,
        default=None,
        metavar="N",
        help=f"worker processes (default: the number of CPUs, {default_jobs()} here)",
    )
    b.add_argument(
        "--resume",
        action="store_true",
        help="skip inputs whose outputs exist for the same content and converter",
    )
    b.add_argument(
        "--report",
        metavar="FILE",
        help="JSON Lines report, a path or a URL (default DIR/report.jsonl)",
    )
    _add_cluster_options(b)
    b.add_argument(
        "--progress",
        choices=("auto", "bar", "log", "none"),
        default="auto",
        help="a progress bar (auto: when standard error is a terminal), plain log "
        "lines (auto otherwise), or nothing",
    )
    return b


def _add_cluster_options(b: argparse.ArgumentParser) -> None:
    b.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="run on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local[:N] "
        "for N local worker processes (default 2); DIR must be shared by the workers. Needs "
        "the extra un2akn[cluster]",
    )
    b.add_argument(
        "--retries",
        type=_retries,
        default=DEFAULT_RETRIES,
        metavar="N",
        help=f"with --cluster: times an input whose worker died is given to another worker "
        f"(default {DEFAULT_RETRIES}); then it is reported failed",
    )
