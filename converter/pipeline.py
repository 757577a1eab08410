"""The pipeline, in one function: read → parse → emit → check.

    bytes → readers.read   the reader of the input's format: decode, language, furniture out
          → parse          segment, heading, footnotes, inline semantics: the typed model
          → plausibility   checks of the model independent of the parser's decisions
          → akn.emit       the AKN tree
          → akn.check      schema, business rules, fidelity to the source

Every problem becomes a located `Diagnostic`; bad input never raises out of `convert`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from converter import akn, plausibility, readers
from converter.akn import emit
from converter.diagnostics import ConversionError, Diagnostic, Diagnostics, Severity
from converter.model import Document, Paragraph
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
        return {
            "preambular": len(doc.preamble),
            "operative": sum(1 for p in doc.operative if isinstance(p, Paragraph)),
            "footnotes": len(doc.notes),
            "firstReferences": first,
            "repeatReferences": refs,
            "annexes": len(doc.annexes),
        }


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
    resolution_dates: dict[str, str] | None = None,
) -> Result:
    """Convert a path, text or bytes of a UN resolution to AKN; never raises for bad input.

    ``lang`` (ISO 639-1 or 639-2) overrides detection; ``date`` (YYYY-MM-DD) and ``symbol``
    override what the document says; ``name`` is the source name used in diagnostics.
    Text that the output does not account for is an error, or a warning with ``allow_loss``.
    ``resolution_dates`` (symbol -> YYYY or YYYY-MM-DD) dates cited resolutions that the
    document cites without a date.
    """
    result = Result(name or (str(source) if isinstance(source, Path) else "<input>"))
    diags = Diagnostics()
    try:
        data, read_name = _as_bytes(source)
        result.source = name or read_name
        dates = tuple(sorted((resolution_dates or {}).items()))
        options = Options(date=date, symbol=symbol, resolution_dates=dates)
        _run(data, lang, options, allow_loss, result, diags)
    except ConversionError as exc:
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
    except ValueError as exc:  # bad options (e.g. --date), unknown --lang
        diags.error("usage", str(exc))
    result.diagnostics = [
        Diagnostic(d.code, d.severity, d.message, d.line, result.source) for d in diags
    ]
    return result


def _run(
    data: bytes,
    lang: str | None,
    options: Options,
    allow_loss: bool,
    result: Result,
    diags: Diagnostics,
) -> None:
    """The stages, each feeding the next; fills ``result`` as far as they get."""
    source = result.read = readers.read(data, lang)
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
    result.document = parse(source, source.language, result.source, options, diags)
    diags.extend(plausibility.check(result.document))
    result.tree = emit.to_tree(result.document, source.language)
    diags.extend(akn.check(result.tree, source, allow_loss))
    if not any(d.code.startswith("xml.") for d in diags):
        result.xml = emit.to_bytes(result.tree)
