"""What a writer is: one output format of the registry `converter.writers.WRITERS`."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Writer(Protocol):
    """One output format."""

    name: str  #: the name given to ``--to`` ("xml")
    suffix: str  #: the output file's suffix after its stem (".akn.xml")
    #: files and folders under ``converter/`` besides the converter's own code that decide
    #: this writer's output (hashed into the batch fingerprint)
    sources: tuple[str, ...]

    def warm(self) -> None:
        """Load once per process what `write` needs (a no-op when there is nothing)."""

    def write(self, result) -> bytes:
        """The output of ``result`` (a successful `converter.pipeline.Result`); may raise."""
