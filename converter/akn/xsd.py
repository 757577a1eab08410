"""The bundled OASIS Akoma Ntoso 3.0 schema, compiled by lxml once per process.

Kept apart from `converter.akn.schema` (the checks and their diagnostics) so that the child
that a cold command forks to compile it (`converter.akn.validator`) imports no more than
lxml: the paths are plain strings (pathlib alone costs ~8 ms to import)."""

from __future__ import annotations

import os
from functools import cache  # (lxml imports functools anyway)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lxml import etree

#: `converter/akn/schemas` links to the project's top-level `schemas/`; a wheel (a
#: non-editable install) holds a copy, named by the package data of pyproject.toml
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "schemas")
SCHEMA = os.path.join(SCHEMA_DIR, "akomantoso30.xsd")


@cache
def lxml_schema() -> etree.XMLSchema:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(SCHEMA, parser))
