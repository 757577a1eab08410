"""Located, typed diagnostics: what went wrong (or was guessed) where, as prose or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How bad a diagnostic is; the exit status reflects the worst one."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Diagnostic:
    """One message about the input or the output, with the source line it concerns.

    ``code`` is a stable, dotted identifier (e.g. ``footnote.unreferenced``) that scripts may
    rely on; ``message`` is for people. ``line`` is 1-based in the input file (0: no line).
    """

    code: str
    severity: Severity
    message: str
    line: int = 0
    file: str = ""

    def format(self, file: str | None = None) -> str:
        """``file:line: severity: code: message``, the line omitted when unknown."""
        where = file if file is not None else (self.file or "<input>")
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity}: {self.code}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            **({"file": self.file} if self.file else {}),
        }


class Diagnostics(list[Diagnostic]):
    """A list of diagnostics with helpers to add them."""

    def error(self, code: str, message: str, line: int = 0) -> None:
        self.append(Diagnostic(code, Severity.ERROR, message, line))

    def warning(self, code: str, message: str, line: int = 0) -> None:
        self.append(Diagnostic(code, Severity.WARNING, message, line))

    def info(self, code: str, message: str, line: int = 0) -> None:
        self.append(Diagnostic(code, Severity.INFO, message, line))

    @property
    def worst(self) -> Severity:
        return max((d.severity for d in self), default=Severity.INFO)

    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]


class ConversionError(Exception):
    """The input cannot be converted at all; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics
