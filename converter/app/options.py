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


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The options that ``convert`` and ``batch`` share: formats, language, strictness."""
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
