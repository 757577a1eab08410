"""Command line: `un2akn convert …` and `un2akn validate …` (see README, "Command line")."""

from __future__ import annotations

import argparse
import sys

from converter import __version__
from converter.app import options


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="un2akn",
        description="Convert UN resolutions and draft resolutions (text "
        "extracted from the PDF) to Akoma Ntoso 3.0 XML (AKN4UN profile).",
        epilog="Exit status: 0 all converted and valid; 1 some input failed (the others are "
        "still written); 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"un2akn {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_convert(sub)
    _add_validate(sub)
    from converter.app.batch.args import add_parser as add_batch_parser

    add_batch_parser(sub)
    return parser


def _add_convert(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser(
        "convert",
        help="convert text files to AKN XML (and other formats)",
        description="Convert each INPUT (UTF-8/UTF-16/GB18030 text of a UN "
        "resolution) and write DIR/<stem>.akn.xml and the other formats asked "
        "for. Diagnostics go to standard error as file:line: severity: code: "
        "message.",
    )
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="text file(s) to convert")
    c.add_argument(
        "-o", "--output", default="output", metavar="DIR", help="output folder (default: output/)"
    )
    options.add_output_options(c)
    c.add_argument(
        "--date",
        type=options.date,
        help="the document's date YYYY-MM-DD, when the input "
        "does not print it (overrides the masthead)",
    )
    c.add_argument(
        "--symbol",
        type=options.symbol,
        help="the document symbol, when the input does not print it",
    )
    c.add_argument(
        "--json", action="store_true", help="print one JSON object per input on standard output"
    )


def _add_validate(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser(
        "validate",
        help="validate AKN XML files against the bundled schema",
        description="Validate each FILE against the bundled OASIS Akoma Ntoso "
        "3.0 schema (lxml) and the profile's business rules.",
    )
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument(
        "--thorough",
        action="store_true",
        help="also validate with xmlschema, a second, independent validator",
    )
    v.add_argument("--json", action="store_true", help="print one JSON object per file")


def main(argv: list[str] | None = None) -> int:
    """The command line; `converter.app.start` runs it as a program (it forks the child that
    compiles the schema for `convert` first)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "convert":
            return cmd_convert(args)
        if args.command == "batch":
            from converter.app.batch.run import run as cmd_batch

            return cmd_batch(args)
        return cmd_validate(args)
    except KeyboardInterrupt:
        print("un2akn: interrupted", file=sys.stderr)
        return 130


def cmd_convert(args) -> int:
    """Convert each input in turn (`converter.app.job`); 1 if any failed."""
    import json  # (json and pathlib here, not at the top: `--help` needs neither)
    from pathlib import Path

    from converter.app import job
    from converter.app.files import safe_stem, short_stem

    out_dir = Path(args.output)
    how = job.Options(
        lang=args.lang,
        date=args.date,
        symbol=args.symbol,
        strict=args.strict,
        allow_loss=args.allow_loss,
        record_path=args.record_path,
        ocr=args.ocr,
        timeout=args.timeout,
        resolution_dates=args.resolution_dates,
    )
    status = 0
    used: dict[str, str] = {}
    for name in args.inputs:
        stem = short_stem(safe_stem(name))
        if stem in used and used[stem] != name:  # two inputs, one name: keep both
            n = 2
            while f"{stem}~{n}" in used:
                n += 1
            stem = f"{stem}~{n}"
        used[stem] = name
        record = job.run(Path(name), name, stem, out_dir, args.to, how)
        for d in record.diagnostics:
            print(job.format_diagnostic(d, name), file=sys.stderr)
        if record.status != "ok":
            status = 1
        if args.json:
            print(json.dumps(record.to_json(), ensure_ascii=False))
    return status


def cmd_validate(args) -> int:
    import json
    from pathlib import Path

    from converter.akn.schema import validate_file
    from converter.diagnostics import Severity

    status = 0
    for name in args.files:
        diagnostics = validate_file(Path(name), thorough=args.thorough)
        for d in diagnostics:
            print(d.format(), file=sys.stderr)
        failed = any(d.severity is Severity.ERROR for d in diagnostics)
        status = max(status, 1 if failed else 0)
        if args.json:
            print(
                json.dumps(
                    {
                        "file": name,
                        "status": "failed" if failed else "valid",
                        "diagnostics": [d.to_json() for d in diagnostics],
                    },
                    ensure_ascii=False,
                )
            )
        elif not failed:
            print(f"{name}: valid")
    return status
