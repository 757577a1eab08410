"""Validate: AKN XML against the bundled OASIS schema (lxml, compiled once per process;
xmlschema as the second, independent validator), then the profile's business rules."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

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


def schema_errors(tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line, message) for every XSD error lxml finds; empty when valid."""
    schema = lxml_schema()
    if schema.validate(tree):
        return []
    return [(e.line, e.message) for e in schema.error_log]


def thorough_errors(tree: etree._ElementTree) -> list[tuple[str, str]]:
    """(path, reason) for every error the second validator (xmlschema) finds."""
    schema = xmlschema_schema()
    return [(e.path or "", e.reason or str(e)) for e in schema.iter_errors(tree)]


def parse_untrusted(path: Path) -> etree._ElementTree:
    """Parse an XML file without entity expansion, DTD loading or network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False)
    return etree.parse(str(path), parser)


def validate_file(path: Path, thorough: bool = False) -> list:
    """Diagnostics for one AKN file: XML syntax, XSD (lxml, and xmlschema if ``thorough``),
    business rules."""
    from converter.diagnostics import Diagnostic, Severity
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
        return [error("xml.doctype", "a DOCTYPE is not allowed in AKN input (entities are "
                      "never expanded)", 1)]
    found = [error("xml.schema", message, line) for line, message in schema_errors(tree)]
    if thorough:
        found += [error("xml.schema2", f"{where}: {reason}") for where, reason in
                  thorough_errors(tree)]
    if not found:
        found += [error(code, message, line) for line, code, message in rules.check(tree)]
    return found
