"""Validate: AKN XML against the bundled OASIS schema (lxml, compiled once per process;
xmlschema as the second, independent validator), then the profile's business rules."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from lxml import etree

from converter.diagnostics import Diagnostic, Severity

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
SCHEMA = SCHEMA_DIR / "akomantoso30.xsd"


@cache
def lxml_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


@cache
def xmlschema_schema():
    """The schema for xmlschema, the second validator (built once; it takes a second)."""
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


def schema_errors(tree: etree._ElementTree, output: bool = True) -> list[Diagnostic]:
    """An ``xml.schema`` error for every XSD error lxml finds; empty when valid.

    ``output``: the tree is the converter's output: its XML line goes into the message (the
    diagnostic's line is the input's). Otherwise the XML line is the diagnostic's line.
    """
    schema = lxml_schema()
    if schema.validate(tree):
        return []
    if output:
        return [
            Diagnostic("xml.schema", Severity.ERROR, f"output line {e.line}: {e.message}")
            for e in schema.error_log
        ]
    return [Diagnostic("xml.schema", Severity.ERROR, e.message, e.line) for e in schema.error_log]


def thorough_errors(tree: etree._ElementTree) -> list[Diagnostic]:
    """An ``xml.schema2`` error for every error the second validator (xmlschema) finds."""
    schema = xmlschema_schema()
    return [
        Diagnostic("xml.schema2", Severity.ERROR, f"{e.path or ''}: {e.reason or e}")
        for e in schema.iter_errors(tree)
    ]


def parse_untrusted(path: Path) -> etree._ElementTree:
    """Parse an XML file without entity expansion, DTD loading or network access."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    return etree.parse(str(path), parser)


def validate_file(path: Path, thorough: bool = False) -> list:
    """Diagnostics for one AKN file: XML syntax, XSD (lxml, and xmlschema if ``thorough``),
    business rules."""
    from converter.akn import rules

    def error(code: str, message: str, line: int = 0) -> Diagnostic:
        return Diagnostic(code, Severity.ERROR, message, line, str(path))

    try:
        tree = parse_untrusted(path)
    except OSError as exc:
        return [error("input.unreadable", f"cannot read: {exc}")]
    except etree.XMLSyntaxError as exc:
        return [error("xml.syntax", exc.msg, exc.lineno or 0)]
    if tree.docinfo.doctype:
        return [
            error(
                "xml.doctype",
                "a DOCTYPE is not allowed in AKN input (entities are never expanded)",
                1,
            )
        ]
    found = schema_errors(tree, output=False)
    if thorough:
        found += thorough_errors(tree)
    if not found:
        found += rules.check(tree, output=False)
    return [dataclasses.replace(d, file=str(path)) for d in found]
