"""The bundled OASIS Akoma Ntoso 3.0 schema, compiled by lxml once per process.

Kept apart from `converter.akn.schema` (the checks and their diagnostics) so that a cold
command can fork the child that compiles it (`converter.akn.validator`) having imported
no more than lxml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

#: `converter/akn/schemas` links to the project's top-level `schemas/`; a wheel (a
#: non-editable install) holds a copy, named by the package data of pyproject.toml
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMA = SCHEMA_DIR / "akomantoso30.xsd"


@cache
def lxml_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))
