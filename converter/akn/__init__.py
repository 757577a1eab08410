"""The AKN stage: emit the document model as Akoma Ntoso (`emit`, `meta`), then check the
result (`check`: the XSD, the profile's rules, fidelity to the source)."""

from __future__ import annotations

# (not `typing.TYPE_CHECKING`: `un2akn convert` forks the child that compiles the schema
# once this package is imported, and the child should not spend its ~20 ms importing typing)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from lxml import etree

    from converter.diagnostics import Diagnostic
    from converter.source import Source


def check(
    tree: etree._ElementTree, source: Source, allow_loss: bool = False, schema_check: bool = True
) -> list[Diagnostic]:
    """Every problem of an emitted tree: XSD errors (``xml.schema``), broken rules
    (``rules.*``) and text lost or changed against ``source`` (``fidelity.*``: errors, or
    warnings with ``allow_loss``). Empty when the output is valid and faithful.
    ``schema_check=False`` leaves out the XSD for a document that has already failed in a way
    that makes it invalid (no date known: its FRBRdate is a placeholder)."""
    # imported here: `converter.akn.validator` is forked before the stages are imported
    from converter.akn import fidelity, rules, schema

    # the rules and fidelity first: in a cold command, the child that compiles the schema
    # (`converter.akn.validator`) is usually still at it, and its verdict is what is awaited
    broken = rules.check(tree)
    lost = fidelity.check(tree, source, allow_loss)
    return [*(schema.schema_errors(tree) if schema_check else ()), *broken, *lost]
