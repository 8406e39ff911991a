"""Diagnostics in the form ``path:line: level: message``."""

from __future__ import annotations

from typing import Literal, NamedTuple

Level = Literal["error", "warning", "note"]


class Diagnostic(NamedTuple):
    """A message about a line of a file."""

    path: str
    line: int
    level: Level
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


class InputError(Exception):
    """Bad input: carries one or more diagnostics; the build stops with exit status 1."""

    def __init__(self, *diagnostics: Diagnostic) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def error(path: str, line: int, message: str) -> InputError:
    return InputError(Diagnostic(path, line, "error", message))
