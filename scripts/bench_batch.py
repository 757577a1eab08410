"""Benchmark `un2akn batch`: documents per second with --jobs 1 and --jobs 2 (and their
ratio), for XML alone and for XML+HTML+PDF, and the memory of the workers over the run.

    .venv/bin/python scripts/bench_batch.py [--count 500] [--render-count 500] [--jobs 1,2]
    .venv/bin/python scripts/bench_batch.py --cluster local:2 [--jobs 2] [--repeat 3]

With --cluster, it compares instead `batch --cluster SPEC` with `batch --jobs N` (the last of
--jobs) on the same inputs, runs interleaved, --repeat times each (medians): the throughput
ratio (cluster / local pool), on the wall time and without the fixed cost of each (start-up
and shut-down, measured by a run of one document).

The corpus is the sample and the English corpus texts copied over and over into a temporary
folder until there are --count documents (each copy a distinct file, so nothing is skipped).
Each configuration runs the real command line (`python -m converter batch`) in a fresh
output folder; the wall time includes start-up. Worker memory comes from the report: each
document's line carries the resident set size (RSS) of the worker that converted it, taken
right after, so a worker's RSS can be followed document by document.
Prints the figures and a Markdown block for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's converter, as the batch runs use (cwd=ROOT)
SOURCES = [
    ROOT / "samples" / "A-C.3-74-L.18.zh.txt",
    *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")),
]


def make_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for k in range(count):
        src = SOURCES[k % len(SOURCES)]
        dst = folder / f"{k:05d}-{src.name}"
        shutil.copyfile(src, dst)
        made.append(dst)
    return made


def run(
    inputs: Path, out: Path, jobs: int, formats: str, timeout: float, cluster: str | None = None
) -> dict:
    argv = [
        sys.executable,
        "-m",
        "converter",
        "batch",
        str(inputs),
        "-o",
        str(out),
        *(["--cluster", cluster] if cluster else ["--jobs", str(jobs)]),
        "--to",
        formats,
        "--timeout",
        str(timeout),
        "--progress",
        "none",
    ]
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    lines = [json.loads(l) for l in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()]
    summary, docs = lines[-1], lines[:-1]
    if done.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({done.returncode}):\n{done.stderr}")
    return {
        "wall": wall,
        "summary": summary,
        "docs": docs,
        "status": done.returncode,
        "stderr": done.stderr,
    }


def memory(docs: list[dict]) -> dict:
    """Per worker: RSS over its first and last tenth of documents, its peak, and the
    least-squares growth in KiB per document over the second half of its documents (the
    first half is warm-up: fonts, caches and the allocator's arenas fill)."""
    by_pid: dict[int, list[int]] = {}
    peaks: dict[int, int] = {}
    for d in docs:
        if d.get("pid") is not None:  # converted by a worker (not skipped, not refused)
            by_pid.setdefault(d["pid"], []).append(d["rss_kb"])
            peaks[d["pid"]] = max(peaks.get(d["pid"], 0), d.get("peak_rss_kb", 0))
    workers = []
    for pid, series in by_pid.items():
        n = len(series)
        tenth = max(1, n // 10)
        warm = series[n // 2 :] if n >= 4 else series
        xs = range(len(warm))
        mean_x, mean_y = (len(warm) - 1) / 2, statistics.fmean(warm)
        var = sum((x - mean_x) ** 2 for x in xs)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, warm)) / var if var else 0.0
        workers.append(
            {
                "pid": pid,
                "docs": n,
                "first_mb": statistics.median(series[:tenth]) / 1024,
                "last_mb": statistics.median(series[-tenth:]) / 1024,
                "peak_mb": peaks[pid] / 1024,
                "growth_kb_per_doc": slope,
            }
        )
    return {
        "workers": workers,
        "peak_mb": max((w["peak_mb"] for w in workers), default=0.0),
        "growth_kb_per_doc": max((w["growth_kb_per_doc"] for w in workers), default=0.0),
    }


def _add_render(formats: list, count: int) -> None:
    try:
        from converter.writers import WRITERS

        WRITERS["pdf"].warm()  # Typst, its fonts and the cmaps
        formats.append(("xml,html,pdf", count))
    except Exception as exc:  # the renderer is optional for this benchmark
        print(f"note: XML+HTML+PDF skipped: the pdf writer is not available ({exc})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="documents (default 500)")
    parser.add_argument(
        "--render-count",
        type=int,
        default=None,
        help="documents for XML+HTML+PDF (default: --count; 0: skip)",
    )
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--cluster", metavar="SPEC", help="compare batch --cluster SPEC")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, with --cluster")
    args = parser.parse_args()
    if args.cluster:
        return compare_cluster(args)
    jobs = [int(j) for j in args.jobs.split(",")]
    render_count = args.render_count if args.render_count is not None else args.count

    formats = [("xml", args.count)]
    if render_count == 0:
        print("note: XML+HTML+PDF skipped (--render-count 0)")
    else:
        _add_render(formats, render_count)

    tmp = Path(tempfile.mkdtemp(prefix="un2akn-bench-"))
    results = []
    try:
        for fmt, count in formats:
            inputs = tmp / f"in-{count}"
            if not inputs.exists():
                make_corpus(inputs, count)
            for j in jobs:
                out = tmp / f"out-{fmt.replace(',', '+')}-{j}"
                print(f"running: {count} documents, --to {fmt}, --jobs {j} …", flush=True)
                r = run(inputs, out, j, fmt, args.timeout)
                s = r["summary"]
                r.update(
                    fmt=fmt, jobs=j, count=count, rate=count / r["wall"], memory=memory(r["docs"])
                )
                results.append(r)
                m = r["memory"]
                print(
                    f"  {r['wall']:.1f} s wall, {r['rate']:.2f} docs/s "
                    f"(report: {s['docs_per_second']} docs/s), ok {s['ok']}, "
                    f"failed {s['failed']} {s['failures_by_code'] or ''}"
                )
                for w in m["workers"]:
                    print(
                        f"  worker {w['pid']}: {w['docs']} docs, RSS {w['first_mb']:.0f} MB "
                        f"(first tenth) → {w['last_mb']:.0f} MB (last tenth), peak "
                        f"{w['peak_mb']:.0f} MB, {w['growth_kb_per_doc']:+.2f} KiB/doc"
                    )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    cpus = os.cpu_count()
    cpu = platform.processor() or platform.machine()
    print()
    print("### Batch throughput")
    print()
    print(
        f"`scripts/bench_batch.py` on {cpus} CPUs ({cpu}, Python {platform.python_version()}), "
        f"{args.count} documents: the sample and the English corpus texts, replicated; wall "
        "time of `un2akn batch` including start-up."
    )
    print()
    print("| outputs | documents | --jobs | docs/s | speed-up | worker RSS peak | RSS growth |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fmt, _ in formats:
        base = next((r["rate"] for r in results if r["fmt"] == fmt and r["jobs"] == 1), None)
        for r in (r for r in results if r["fmt"] == fmt):
            speed = f"×{r['rate'] / base:.2f}" if base else "–"
            print(
                f"| {fmt.upper().replace(',', '+')} | {r['count']} | {r['jobs']} | "
                f"{r['rate']:.1f} | {speed} | {r['memory']['peak_mb']:.0f} MB | "
                f"{r['memory']['growth_kb_per_doc']:+.1f} KiB/doc |"
            )
    print()
    print(
        "Speed-up is docs/s relative to `--jobs 1`; RSS growth is the least-squares slope of "
        "a worker's resident memory over the second half of the documents it converted (the "
        "first half is warm-up), the largest over the workers (0 = flat)."
    )
    return 0


def _median_run(inputs: Path, tmp: Path, fmt: str, args, cluster: str | None) -> dict:
    jobs = int(args.jobs.split(",")[-1])
    runs = []
    for k in range(args.repeat):
        out = tmp / f"out-{'cluster' if cluster else 'pool'}-{inputs.name}-{k}"
        runs.append(run(inputs, out, jobs, fmt, args.timeout, cluster))
        shutil.rmtree(out, ignore_errors=True)
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def compare_cluster(args) -> int:
    """`--cluster SPEC` against `--jobs N`: same inputs, interleaved runs, medians."""
    jobs = int(args.jobs.split(",")[-1])
    formats = [("xml", args.count)]
    if args.render_count:
        _add_render(formats, args.render_count)
    tmp = Path(tempfile.mkdtemp(prefix="un2akn-bench-"))
    rows = []
    try:
        for fmt, count in formats:
            one, many = make_corpus(tmp / f"one-{fmt}", 1), None
            many = tmp / f"in-{fmt}-{count}"
            make_corpus(many, count)
            print(
                f"running: {count} documents, --to {fmt}, --jobs {jobs} / --cluster {args.cluster}"
            )
            fixed, walls = {}, {}
            for name, cluster in (("pool", None), ("cluster", args.cluster)):
                fixed[name] = _median_run(one[0].parent, tmp, fmt, args, cluster)["wall"]
            for _ in range(args.repeat):  # interleaved: the machine's load changes
                for name, cluster in (("pool", None), ("cluster", args.cluster)):
                    r = run(many, tmp / f"out-{name}", jobs, fmt, args.timeout, cluster)
                    shutil.rmtree(tmp / f"out-{name}", ignore_errors=True)
                    assert r["summary"]["ok"] + r["summary"]["failed"] == count, r["stderr"]
                    walls.setdefault(name, []).append(r["wall"])
            wall = {n: statistics.median(w) for n, w in walls.items()}
            rate = {n: count / wall[n] for n in wall}
            steady = {n: count / max(1e-9, wall[n] - fixed[n]) for n in wall}
            rows.append((fmt, count, wall, fixed, rate, steady))
            print(
                f"  pool {rate['pool']:.1f} docs/s ({wall['pool']:.1f} s, fixed "
                f"{fixed['pool']:.1f} s), cluster {rate['cluster']:.1f} docs/s "
                f"({wall['cluster']:.1f} s, fixed {fixed['cluster']:.1f} s): ratio "
                f"{rate['cluster'] / rate['pool']:.2f} on the wall time, "
                f"{steady['cluster'] / steady['pool']:.2f} without the fixed cost (goal ≥ 0.9)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(
        f"| outputs | documents | `--jobs {jobs}` docs/s | `--cluster {args.cluster}` docs/s "
        "| ratio | fixed cost pool / cluster | ratio without it |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fmt, count, _, fixed, rate, steady in rows:
        print(
            f"| {fmt.upper().replace(',', '+')} | {count} | {rate['pool']:.1f} | "
            f"{rate['cluster']:.1f} | {rate['cluster'] / rate['pool']:.2f} | "
            f"{fixed['pool']:.1f} s / {fixed['cluster']:.1f} s | "
            f"{steady['cluster'] / steady['pool']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
