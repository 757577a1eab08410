"""Command line: `un2akn convert …` and `un2akn validate …` (see README, "Command line")."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from converter import __version__
from converter.diagnostics import Diagnostic, Severity

FORMATS = ("xml", "model", "html", "pdf")


def _formats(value: str) -> list[str]:
    formats = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(bad) or value!r}; "
                                         f"choose from {', '.join(FORMATS)}")
    return formats


def _date(value: str) -> str:
    import datetime
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None
    return value


def _lang(value: str) -> str:
    from converter.languages import CODES, ISO639_2_TO_1
    code = ISO639_2_TO_1.get(value, value)
    if code not in CODES:
        raise argparse.ArgumentTypeError(f"unknown language {value!r}; choose from "
                                         f"{', '.join(CODES)} (or their ISO 639-2 codes)")
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="un2akn", description="Convert UN resolutions and draft resolutions (text "
        "extracted from the PDF) to Akoma Ntoso 3.0 XML (AKN4UN profile).",
        epilog="Exit status: 0 all converted and valid; 1 some input failed (the others are "
        "still written); 2 usage error.")
    parser.add_argument("--version", action="version", version=f"un2akn {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("convert", help="convert text files to AKN XML (and other formats)",
                       description="Convert each INPUT (UTF-8/UTF-16/GB18030 text of a UN "
                       "resolution) and write DIR/<stem>.akn.xml and the other formats asked "
                       "for. Diagnostics go to standard error as file:line: severity: code: "
                       "message.")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="text file(s) to convert")
    c.add_argument("-o", "--output", default="output", metavar="DIR",
                   help="output folder (default: output/)")
    c.add_argument("--to", type=_formats, default=["xml"], metavar="FORMATS",
                   help="comma-separated: xml (<stem>.akn.xml), model (<stem>.model.json), "
                   "html (<stem>.html), pdf (<stem>.pdf); default xml")
    c.add_argument("--lang", type=_lang, help="language of the input (zh, en, fr, es, ru, ar); "
                   "default: detected")
    c.add_argument("--date", type=_date, help="the document's date YYYY-MM-DD, when the input "
                   "does not print it (overrides the masthead)")
    c.add_argument("--symbol", help="the document symbol, when the input does not print it")
    c.add_argument("--strict", action="store_true",
                   help="treat warnings as failures (nothing is written for such an input)")
    c.add_argument("--allow-loss", action="store_true",
                   help="write the output even when it does not account for all source text "
                   "(reported as warnings instead of errors)")
    c.add_argument("--json", action="store_true",
                   help="print one JSON object per input on standard output")

    v = sub.add_parser("validate", help="validate AKN XML files against the bundled schema",
                       description="Validate each FILE against the bundled OASIS Akoma Ntoso "
                       "3.0 schema (lxml) and the profile's business rules.")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument("--thorough", action="store_true",
                   help="also validate with xmlschema, a second, independent validator")
    v.add_argument("--json", action="store_true", help="print one JSON object per file")

    from converter.app.batch.run import add_parser as add_batch_parser
    add_batch_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
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
    from converter.pipeline import convert
    from converter.app.files import safe_stem, write_atomic
    from converter.model import to_json

    out_dir = Path(args.output)
    status = 0
    used: dict[str, str] = {}
    for name in args.inputs:
        result = convert(Path(name), args.lang, date=args.date, symbol=args.symbol,
                         allow_loss=args.allow_loss)
        stem = safe_stem(name)
        if stem in used and used[stem] != name:  # two inputs, one name: keep both
            n = 2
            while f"{stem}~{n}" in used:
                n += 1
            stem = f"{stem}~{n}"
        used[stem] = name
        written: dict[str, str] = {}
        ok = result.ok(args.strict)
        if ok:
            try:
                for fmt in args.to:
                    path, data = _render(fmt, stem, out_dir, result, to_json)
                    write_atomic(path, data)
                    written[fmt] = str(path)
            except Exception as exc:  # a renderer failing must not stop the others
                result.diagnostics.append(_error(name, "output.failed", f"{type(exc).__name__}: {exc}"))
                ok = False
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        if not ok:
            status = 1
            if result.xml is not None and result.worst < Severity.ERROR:
                print(f"{name}: not written: warnings are failures with --strict", file=sys.stderr)
        if args.json:
            print(json.dumps({"input": name, "status": "ok" if ok else "failed",
                              "language": result.language, "encoding": result.encoding,
                              "symbol": result.document.facts.symbol if result.document else None,
                              "counts": result.counts(), "outputs": written,
                              "diagnostics": [d.to_json() for d in result.diagnostics]},
                             ensure_ascii=False))
    return status


def _error(name, code, message):
    return Diagnostic(code, Severity.ERROR, message, 0, name)


def _render(fmt: str, stem: str, out_dir: Path, result, to_json) -> tuple[Path, bytes]:
    if fmt == "xml":
        return out_dir / f"{stem}.akn.xml", result.xml
    if fmt == "model":
        return out_dir / f"{stem}.model.json", to_json(result.document).encode("utf-8")
    import converter.writers as render  
    if fmt == "html":
        return out_dir / f"{stem}.html", render.render_html(result.xml).encode("utf-8")
    return out_dir / f"{stem}.pdf", render.render_pdf(result.xml)


def cmd_validate(args) -> int:
    from converter.akn.schema import validate_file

    status = 0
    for name in args.files:
        diagnostics = validate_file(Path(name), thorough=args.thorough)
        for d in diagnostics:
            print(d.format(), file=sys.stderr)
        failed = any(d.severity is Severity.ERROR for d in diagnostics)
        status = max(status, 1 if failed else 0)
        if args.json:
            print(json.dumps({"file": name, "status": "failed" if failed else "valid",
                              "diagnostics": [d.to_json() for d in diagnostics]},
                             ensure_ascii=False))
        elif not failed:
            print(f"{name}: valid")
    return status
