"""Argument types shared by `un2akn convert` and `un2akn batch`: formats, language, date,
symbol."""

from __future__ import annotations

import argparse


def formats(value: str) -> list[str]:
    """``xml,html`` → ["xml", "html"]: names of registered writers (`converter.writers`)."""
    from converter.writers import WRITERS

    names = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in names if f not in WRITERS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or value!r}; choose from {', '.join(WRITERS)}"
        )
    return list(dict.fromkeys(names))


def formats_help() -> str:
    """``xml (<stem>.akn.xml), model (<stem>.model.json), …`` from the registry."""
    from converter.writers import WRITERS

    return ", ".join(f"{name} (<stem>{w.suffix})" for name, w in WRITERS.items())


def date(value: str) -> str:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None
    return value


def symbol(value: str) -> str:
    """A UN document symbol (`converter.organs.SYMBOL`: a known series, then /-separated
    parts); a part of dots alone ("A/../../ETC") is no symbol."""
    from converter.organs import SYMBOL

    text = value.strip()
    if not SYMBOL.match(text) or any(part.strip(".") == "" for part in text.split("/")):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a UN document symbol (e.g. A/RES/74/1, S/RES/2462 (2019))"
        )
    return text


def lang(value: str) -> str:
    from converter.languages import CODES, ISO639_2_TO_1

    code = ISO639_2_TO_1.get(value, value)
    if code not in CODES:
        raise argparse.ArgumentTypeError(
            f"unknown language {value!r}; choose from {', '.join(CODES)} (or their ISO 639-2 codes)"
        )
    return code


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of seconds")
    return number


#: seconds a conversion may take (``--timeout``), in `convert` and `batch` alike
DEFAULT_TIMEOUT = 60.0


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The options that ``convert`` and ``batch`` share: formats, language, strictness, the
    dates of cited resolutions, the time limit."""
    parser.add_argument(
        "--to",
        type=formats,
        default=["xml"],
        metavar="FORMATS",
        help=f"comma-separated: {formats_help()}; default xml",
    )
    parser.add_argument(
        "--lang",
        type=lang,
        help="language of the input (zh, en, fr, es, ru, ar); default: detected",
    )
    parser.add_argument(
        "--ocr",
        action="store_true",
        help="read PDFs without a text layer (scans) with Tesseract, in the language of --lang "
        "(default: detected from the first page)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as failures (nothing is written for such an input)",
    )
    parser.add_argument(
        "--allow-loss",
        action="store_true",
        help="write the output even when it does not account for all source text "
        "(reported as warnings instead of errors)",
    )
    parser.add_argument(
        "--record-path",
        action="store_true",
        help="write the input's path as given into the metadata (default: its file name only)",
    )
    parser.add_argument(
        "--resolution-dates",
        type=resolution_dates,
        default=(),
        metavar="FILE",
        help="dates of cited resolutions (JSON object or CSV lines symbol,date; date "
        "YYYY-MM-DD or YYYY) for citations the input does not date",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit per input (default {DEFAULT_TIMEOUT:g}); a conversion that takes "
        "longer is stopped and the input reported as failed",
    )


def dates_digest(dates: tuple[tuple[str, str], ...]) -> str:
    """A short fingerprint of --resolution-dates pairs (what a batch manifest compares)."""
    import hashlib
    import json

    return "sha256:" + hashlib.sha256(json.dumps(dates).encode("utf-8")).hexdigest()


def resolution_dates(path: str) -> tuple[tuple[str, str], ...]:
    """--resolution-dates: (symbol, date) pairs from a JSON object or CSV lines
    ``symbol,date``; a bad file is a usage error naming the file and line."""
    import csv
    import json
    import re
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise argparse.ArgumentTypeError(f"{path}: cannot read: {exc}") from None
    pairs: list[tuple[object, object, int]]
    if text.lstrip().startswith("{"):
        try:
            pairs = [(k, v, 0) for k, v in json.loads(text).items()]
        except (ValueError, AttributeError) as exc:
            raise argparse.ArgumentTypeError(f"{path}: not a JSON object: {exc}") from None
    else:
        rows = csv.reader(text.splitlines())
        pairs = [(row[0], row[1], n) for n, row in enumerate(rows, 1) if row and len(row) >= 2]
    checked: list[tuple[str, str]] = []
    for symbol, when, line in pairs:
        if not (
            isinstance(symbol, str)
            and "/" in symbol
            and isinstance(when, str)
            and re.fullmatch(r"\d{4}(?:-\d{2}-\d{2})?", when.strip())
        ):
            where = f"{path}:{line}" if line else path
            raise argparse.ArgumentTypeError(
                f"{where}: {symbol!r}: {when!r} is no symbol with a date YYYY-MM-DD or YYYY"
            )
        checked.append((symbol.strip(), when.strip()))
    return tuple(sorted(checked))
