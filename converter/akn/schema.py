"""Validate: AKN XML against the bundled OASIS schema (lxml, compiled once per process, see
`converter.akn.xsd`; xmlschema as the second, independent validator), then the profile's
business rules."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from converter.akn import xsd
from converter.akn.xsd import lxml_schema as lxml_schema
from converter.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    import xmlschema

SCHEMA_DIR = Path(xsd.SCHEMA_DIR)  #: the bundled schema's folder
SCHEMA = Path(xsd.SCHEMA)  #: its main file


@cache
def xmlschema_schema() -> xmlschema.XMLSchema:
    """The schema for xmlschema, the second validator (built once; it takes a second)."""
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


def schema_errors(tree: etree._ElementTree, output: bool = True) -> list[Diagnostic]:
    """An ``xml.schema`` error for every XSD error lxml finds; empty when valid.

    ``output``: the tree is the converter's output: its XML line goes into the message (the
    diagnostic's line is the input's). Otherwise the XML line is the diagnostic's line.
    """
    if output:  # a cold command validates in the child that compiled the schema meanwhile
        from converter.akn import validator

        found = validator.errors(tree)
        if found is not None:
            return [
                Diagnostic("xml.schema", Severity.ERROR, f"output line {line}: {message}")
                for line, message in found
            ]
    schema = lxml_schema()
    if schema.validate(tree):
        return []
    if output:
        return [
            Diagnostic("xml.schema", Severity.ERROR, f"output line {e.line}: {e.message}")
            for e in schema.error_log
        ]
    return [Diagnostic("xml.schema", Severity.ERROR, e.message, e.line) for e in schema.error_log]


#: errors of one validator listed at most: xmlschema locates each error by walking the tree
#: (its path), so listing all of 40,000 bad attributes was quadratic (69 s)
MAX_ERRORS = 100


def thorough_errors(tree: etree._ElementTree) -> list[Diagnostic]:
    """An ``xml.schema2`` error for every error the second validator (xmlschema) finds, the
    first `MAX_ERRORS` of them (then one that says there are more)."""
    schema = xmlschema_schema()
    found: list[Diagnostic] = []
    for e in schema.iter_errors(tree):
        if len(found) == MAX_ERRORS:
            found.append(
                Diagnostic(
                    "xml.schema2",
                    Severity.ERROR,
                    f"more errors; only the first {MAX_ERRORS} are listed",
                )
            )
            break
        found.append(Diagnostic("xml.schema2", Severity.ERROR, f"{e.path or ''}: {e.reason or e}"))
    return found


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


_XML_NS = "http://www.w3.org/XML/1998/namespace"


def _without_foreign_attributes(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of a tree that lxml found valid, without attributes of foreign namespaces.

    xmlschema takes time quadratic in an element's attributes (40,000 of them: minutes).
    Only AKN's ``anyAttribute namespace="##other" processContents="lax"`` lets a valid file
    have many; the schema declares none of them (only xml:*), so lax means unchecked and
    dropping them leaves the second validator's verdict as it was.
    """
    if not any(
        "}" in name and not name.startswith("{" + _XML_NS)
        for el in tree.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
    ):
        return tree
    copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    for el in copy.iter():
        if isinstance(el.tag, str):
            for name in [n for n in el.attrib if "}" in n and not n.startswith("{" + _XML_NS)]:
                del el.attrib[name]
    return copy


def validate_file(path: Path, thorough: bool = False) -> list[Diagnostic]:
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
    if thorough and not found:  # invalid already: the second opinion adds nothing
        found += thorough_errors(_without_foreign_attributes(tree))
    if not found:
        found += rules.check(tree, output=False)
    return [dataclasses.replace(d, file=str(path)) for d in found]
