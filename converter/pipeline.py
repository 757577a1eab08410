"""The pipeline, in one function: read → parse → emit → check.

    bytes → readers.read   the reader of the input's format: decode, language, furniture out
          → parse          segment, heading, footnotes, inline semantics: the typed model
          → plausibility   checks of the model independent of the parser's decisions
          → akn.emit       the AKN tree
          → akn.check      schema, business rules, fidelity to the source

Every problem becomes a located `Diagnostic`; bad input never raises out of `convert`.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from converter import akn, plausibility, readers
from converter.akn import emit, meta
from converter.diagnostics import ConversionError, Diagnostic, Diagnostics, Severity
from converter.model import Document, Heading, Paragraph
from converter.parse.document import Options, parse
from converter.source import Source


@dataclass
class Result:
    """The outcome of converting one input."""

    source: str  #: the input's path, or "<text>"
    document: Document | None = None  #: the model (None when the input could not be parsed)
    tree: etree._ElementTree | None = None
    xml: bytes | None = None  #: the AKN XML (None when conversion failed)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    language: str | None = None
    encoding: str | None = None
    read: Source | None = None  #: what the reader made of the input (None if it could not)

    @property
    def worst(self) -> Severity:
        return max((d.severity for d in self.diagnostics), default=Severity.INFO)

    def ok(self, strict: bool = False) -> bool:
        """True when the XML exists and nothing is an error (nor, if ``strict``, a warning)."""
        limit = Severity.WARNING if strict else Severity.ERROR
        return self.xml is not None and self.worst < limit

    def counts(self) -> dict[str, int]:
        doc = self.document
        if doc is None:
            return {}
        refs = first = 0
        for el in self.tree.getroot().iter() if self.tree is not None else ():
            name = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if name == "authorialNote":
                first += 1
            elif name == "noteRef":
                refs += 1
        before, later = _preambular(doc)
        return {
            "preambular": before,
            "sectionPreambular": later,
            "operative": sum(1 for p in doc.operative if isinstance(p, Paragraph)),
            "footnotes": len(doc.notes),
            "firstReferences": first,
            "repeatReferences": refs,
            "annexes": len(doc.annexes),
        }


def _preambular(doc: Document) -> tuple[int, int]:
    """(preambular paragraphs before the first operative paragraph, those of the later
    sections that have a preamble of their own)."""
    before, later, operative = len(doc.preamble), 0, False
    for block in doc.operative:
        operative = operative or isinstance(block, Paragraph)
        if isinstance(block, Heading):
            if operative:
                later += len(block.preamble)
            else:
                before += len(block.preamble)
    return before, later


def _as_bytes(source: str | Path | bytes) -> tuple[bytes, str]:
    """The input's bytes and its name: a path is read, a string that is no path is text."""
    if (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < 4096
        and Path(source).exists()
    ):
        source = Path(source)
    if isinstance(source, Path):
        return readers.load_bytes(source), str(source)
    if isinstance(source, bytes):
        return source, "<bytes>"
    return source.encode("utf-8"), "<text>"


def convert(
    source: str | Path | bytes,
    lang: str | None = None,
    *,
    date: str | None = None,
    symbol: str | None = None,
    name: str | None = None,
    allow_loss: bool = False,
    recorded: str | None = None,
    ocr: bool = False,
    timeout: float | None = None,
    resolution_dates: dict[str, str] | None = None,
) -> Result:
    """Convert a path, text or bytes of a UN resolution to AKN; never raises for bad input.

    ``lang`` (ISO 639-1 or 639-2) overrides detection; ``date`` (YYYY-MM-DD) and ``symbol``
    override what the document says; ``name`` is the source name used in diagnostics.
    Text that the output does not account for is an error, or a warning with ``allow_loss``.
    ``recorded`` is the input's name as the metadata records it (default: the source name).
    ``ocr`` reads a PDF without a text layer (a scan) through Tesseract.
    ``timeout`` (seconds) stops a conversion that runs longer (error ``input.timeout``); it
    needs the main thread (SIGALRM) and is ignored elsewhere. A bug of the converter (an
    exception) is an ``internal.error``, with where it was raised.
    ``resolution_dates`` (symbol -> YYYY or YYYY-MM-DD) dates cited resolutions that the
    document cites without a date.
    """
    result = Result(name or (str(source) if isinstance(source, Path) else "<input>"))
    diags = Diagnostics()
    try:
        _check_options(lang, date)
    except ValueError as exc:  # bad options (e.g. --date), unknown --lang
        diags.error("usage", str(exc))
        return _located(result, diags)
    dates = tuple(sorted((resolution_dates or {}).items()))
    how = Options(date=date, symbol=symbol, resolution_dates=dates)
    read_options = readers.ReadOptions(ocr=ocr)
    try:
        data, read_name = _as_bytes(source)
        result.source = name or read_name
        with _deadline(timeout):
            _run(data, lang, how, allow_loss, result, diags, recorded, read_options)
    except (ConversionError, _Timeout, Exception) as exc:
        _failed(exc, result, diags, timeout)
    return _located(result, diags)


def _failed(exc: BaseException, result: Result, diags: Diagnostics, timeout: float | None) -> None:
    """Record why the conversion stopped: bad input (its diagnostics), the time limit, or a
    bug of the converter (never "usage": the options were checked first)."""
    if isinstance(exc, ConversionError):
        diags.extend(exc.diagnostics)
        if result.encoding == "gb18030" and any(
            d.code == "structure.no_formula" for d in exc.diagnostics
        ):
            diags.error(
                "input.encoding",
                "the input is not UTF-8; read as GB18030 it is no "
                "resolution: if it is in another encoding (Big5, Shift_JIS…), convert "
                "it to UTF-8",
            )
    elif isinstance(exc, _Timeout):
        result.tree = result.xml = None
        diags.error(
            "input.timeout",
            f"the conversion took longer than {timeout:g} s (--timeout) and was stopped",
        )
    else:
        result.xml = None
        diags.error(
            "internal.error", f"the converter failed: {type(exc).__name__}: {exc}{_where(exc)}"
        )


class _Timeout(BaseException):
    """Raised by SIGALRM in the converter's frames; a BaseException, so no ``except
    Exception`` of the converter can swallow it."""


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise `_Timeout` in the block after ``seconds`` of wall-clock time (main thread only).

    Python checks signals between bytecodes and the regex engine every few thousand steps,
    so a runaway loop or regex is stopped too; C code that never checks (lxml) runs on to
    its end first."""
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_options(lang: str | None, date: str | None) -> None:
    """ValueError for an unknown ``lang`` or a ``date`` that is no YYYY-MM-DD."""
    from converter.languages import load
    from converter.parse.metadata import ISO_DATE

    if lang is not None:
        load(lang)
    if date and not ISO_DATE.match(date):
        raise ValueError(f"--date must be YYYY-MM-DD, not {date!r}")


def _located(result: Result, diags: Diagnostics) -> Result:
    result.diagnostics = [
        Diagnostic(d.code, d.severity, d.message, d.line, result.source) for d in diags
    ]
    return result


def _where(exc: BaseException) -> str:
    """`` (file.py:line)``: where in the converter ``exc`` was raised."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f" ({Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno})" if tb else ""


def _run(
    data: bytes,
    lang: str | None,
    options: Options,
    allow_loss: bool,
    result: Result,
    diags: Diagnostics,
    recorded: str | None = None,
    read_options: readers.ReadOptions = readers.PLAIN,
) -> None:
    """The stages, each feeding the next; fills ``result`` as far as they get."""
    source = result.read = readers.read(data, lang, read_options)
    result.encoding, result.language = source.encoding, source.language.code
    diags.extend(source.diagnostics)
    if not source.body:
        raise ConversionError(
            [
                Diagnostic(
                    "structure.no_text",
                    Severity.ERROR,
                    "no document text is left after the page furniture is removed",
                )
            ]
        )
    result.document = parse(source, source.language, recorded or result.source, options, diags)
    diags.extend(plausibility.check(result.document))
    result.tree = emit.to_tree(result.document, source.language)
    meta.ledger(result.tree, source.dropped)
    if source.ocr:
        meta.mark_ocr(result.tree, source.ocr)
    dated = result.document.facts.date is not None  # else metadata.no_date has failed it
    diags.extend(akn.check(result.tree, source, allow_loss, schema_check=dated))
    if dated and not any(d.code.startswith("xml.") for d in diags):
        result.xml = emit.to_bytes(result.tree)
